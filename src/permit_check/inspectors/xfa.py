"""Reads IRCC's XFA forms: which form and edition a file is, and whether it was validated (barcodes made).

Works on the XFA packets (name -> bytes) that pdf.py pulls out of the PDF, plus the Info title and
any page text. The evidence is tried from most to least reliable, as xfa-forms.md §2 describes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from permit_check.forms import FieldSpec, FormSpec, known_forms

# "IMM 1295 (09-2023) E", "IMM1344 E (06-2019)", "IMM 5917 E (08-2022)": number, edition, language.
FORM_VERSION = re.compile(
    r"IMM\s?(?P<number>\d{4})\s?(?:(?P<lang1>[EF])\s?)?\((?P<month>\d{2})-(?P<year>\d{4})\)\s?(?P<lang2>[EF])?\b"
)
FORM_NUMBER = re.compile(r"\bIMM\s?_?(?P<number>\d{4})(?:\s?(?P<lang>[EF]))?\b")
# Dynamic forms keep ".ENU-09-2023" (English) or ".FRA-09-2023" (French) in datasets/FormVersion.
DATASET_VERSION = re.compile(r"\.?(?P<lang>ENU|FRA)-(?P<month>\d{2})-(?P<year>\d{4})")
# Root data elements that name their form (IMM_5645, IMM_5707, ...); "form1" is generic.
ROOT_NUMBER = re.compile(r"^IMM_?(?P<number>\d{4})")

YES_VALUES = frozenset({"yes", "oui", "1", "true", "y", "o"})
DATA_NS = "http://www.xfa.org/schema/xfa-data/1.0/"

# Element names under which dynamic forms record their validation (xfa-forms.md §4).
FLAG_NAMES = ("ApplicationValidatedFlag", "ApplicationValidatedFlagMirror")
DATE_NAMES = ("DateLastValidated",)
CRC_NAMES = ("CRCNum", "crcNum")

MAX_PACKET_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class FormIdentity:
    number: str
    edition: str | None
    language: str | None
    evidence: str
    validated: bool | None
    data: dict[str, str | None] = field(default_factory=dict)

    def to_facts(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "edition": self.edition,
            "language": self.language,
            "evidence": self.evidence,
            "validated": self.validated,
            "data": self.data,
        }


def parse_datasets(raw: bytes) -> etree._Element | None:
    """The `xfa:data` element of a datasets packet, parsed leniently (real datasets hold bare '&')."""
    if not raw or len(raw) > MAX_PACKET_BYTES:
        return None
    parser = etree.XMLParser(recover=True, huge_tree=False, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(raw, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    data = root.find(f"{{{DATA_NS}}}data")
    if data is None and etree.QName(root).localname == "data":
        data = root
    return data


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element) -> str:
    """A value, also when it is XHTML rich text (<html:body><html:p>...)."""
    return "".join(str(text) for text in element.itertext()).strip()


def _first(data: etree._Element, names: tuple[str, ...]) -> etree._Element | None:
    for element in data.iter():
        if _local(element) in names:
            return element
    return None


def _form_root(data: etree._Element | None) -> etree._Element | None:
    if data is None:
        return None
    for child in data:
        if isinstance(child.tag, str):
            return child
    return None


def _from_datasets(data: etree._Element | None) -> FormIdentity | None:
    root = _form_root(data)
    if data is None or root is None:
        return None
    number_element = _first(root, ("FormNumber",))
    if number_element is not None:
        match = FORM_VERSION.search(_text(number_element))
        if match:
            return _identity_from_match(match, "xfa-datasets")
    root_match = ROOT_NUMBER.match(_local(root))
    version_element = _first(root, ("FormVersion",))
    if root_match and version_element is None:
        return FormIdentity(root_match["number"], None, None, "xfa-datasets", None)
    if version_element is not None and root_match:
        version = DATASET_VERSION.search(_text(version_element))
        if version:
            return FormIdentity(
                root_match["number"], f"{version['month']}-{version['year']}",
                "E" if version["lang"] == "ENU" else "F", "xfa-datasets", None,
            )
    return None


def _identity_from_match(match: re.Match[str], evidence: str) -> FormIdentity:
    language = match["lang1"] or match["lang2"]
    return FormIdentity(match["number"], f"{match['month']}-{match['year']}", language, evidence, None)


def _dataset_edition(data: etree._Element | None) -> tuple[str, str] | None:
    root = _form_root(data)
    if root is None:
        return None
    element = _first(root, ("FormVersion",))
    if element is None:
        return None
    match = DATASET_VERSION.search(_text(element))
    if not match:
        return None
    return f"{match['month']}-{match['year']}", "E" if match["lang"] == "ENU" else "F"


def validation_state(data: etree._Element | None) -> bool | None:
    """True when the form was validated and not edited since; None when the form has no such state.

    Validating sets the flag to Yes/Oui, records the date and stores a checksum; any later edit
    clears all three (xfa-forms.md §4). A form without these fields has no Validate button.
    """
    root = _form_root(data)
    if root is None:
        return None
    flag = _first(root, FLAG_NAMES)
    date = _first(root, DATE_NAMES)
    crc = _first(root, CRC_NAMES)
    if flag is None and date is None:
        return None
    flag_set = flag is not None and _text(flag).lower() in YES_VALUES
    date_set = date is not None and bool(_text(date))
    crc_set = crc is None or bool(_text(crc))
    return flag_set and date_set and crc_set


def identify_form(packets: dict[str, bytes], title: str | None, page_text: str | None) -> FormIdentity | None:
    """Which IRCC form this PDF is, its edition, validated state and key data; None for other PDFs."""
    data = parse_datasets(packets.get("datasets", b""))
    validated = validation_state(data)
    found = _from_datasets(data)
    if found is None:
        found = _from_text(packets.get("template", b"").decode("utf-8", "replace"), "xfa-template")
    if found is None and page_text:
        found = _from_text(page_text, "page-text")
    if found is None and title:
        match = FORM_NUMBER.search(title)
        if match:
            found = FormIdentity(match["number"], None, match["lang"], "title", None)
    if found is None:
        found = _from_signature(data)
    if found is None:
        return None
    if found.edition is None:
        edition = _dataset_edition(data)
        if edition:
            found = replace(found, edition=edition[0], language=found.language or edition[1])
    spec = known_forms().get(found.number)
    values = read_fields(_form_root(data), spec) if spec else {}
    return replace(found, validated=validated, data=values)


def _from_signature(data: etree._Element | None) -> FormIdentity | None:
    """Generic 'form1' forms told apart by data paths only one of them has (xfa-forms.md §2.4)."""
    root = _form_root(data)
    if root is None:
        return None
    for spec in known_forms().values():
        if spec.signature and all(find_path(root, path) is not None for path in spec.signature):
            return FormIdentity(spec.number, None, None, "xfa-datasets", None)
    return None


_STEP = re.compile(r"^(?P<name>[^\[\]]+)(?:\[(?P<index>\d+)\])?$")


def find_path(root: etree._Element, path: str) -> etree._Element | None:
    """The element at 'Page1/Name/FamilyName' (or 'PersonalData[1]/DOB') below the form's root."""
    element: etree._Element | None = root
    for step in path.split("/"):
        match = _STEP.match(step)
        if element is None or match is None:
            return None
        wanted, index = match["name"], int(match["index"] or 0)
        children = [child for child in element if _local(child) == wanted]
        element = children[index] if index < len(children) else None
    return element


def _value(root: etree._Element, paths: tuple[str, ...]) -> str | None:
    for path in paths:
        element = find_path(root, path)
        if element is not None:
            text = _text(element)
            if text:
                return text
    return None


def _iso_date(text: str) -> str:
    """'2031-06-30', '2031/06/30' or '20310630' as ISO; anything else unchanged."""
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) == 8:
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
        except ValueError:
            return text
    return text


def _read_field(root: etree._Element, spec: FieldSpec) -> str | None:
    value = _value(root, spec.paths)
    if value is None and spec.parts:
        year, month, day = (_value(root, (part,)) for part in spec.parts)
        if year and month and day:
            value = f"{year.zfill(4)}-{month.zfill(2)}-{day.zfill(2)}"
    if value is None:
        return None
    if spec.type == "date":
        return _iso_date(value)
    return spec.codes.get(value, value) if spec.codes else value


def read_fields(root: etree._Element | None, spec: FormSpec) -> dict[str, str | None]:
    """The form's key fields, decoded (codes -> words, dates -> ISO); None where left empty."""
    if root is None:
        return {}
    return {field_spec.id: _read_field(root, field_spec) for field_spec in spec.fields}


def _from_text(text: str, evidence: str) -> FormIdentity | None:
    match = FORM_VERSION.search(text)
    return _identity_from_match(match, evidence) if match else None


def form_in_text(text: str) -> FormIdentity | None:
    """An IRCC form footer ("IMM 5645 (01-2021) E") in extracted page text, for static forms."""
    return _from_text(text, "page-text")

"""Reads IRCC's XFA forms: which form and edition a file is, and whether it was validated (barcodes made).

Works on the XFA packets (name -> bytes) that pdf.py pulls out of the PDF, plus the Info title and
any page text. The evidence is tried from most to least reliable, as xfa-forms.md §2 describes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from permit_check.files.ircc_forms import FieldSpec, FormIdentity, FormSpec, known_forms

if TYPE_CHECKING:  # lxml loads with the first datasets packet: a form footer in page text needs only a regex
    from lxml import etree

# The form number as IRCC prints it: four digits, or the two lettered forms permit-check names
# ("IMM 0008DEP", "IMM 5257 B" / "IMM5257B_1" for Schedule 1). A digit run followed by another
# letter ("IMM 1017B") is a form this table does not name, so it is not read as its bare number.
_NUMBER = r"(?P<number>0008\s?DEP|5257\s?B(?:_?1)?|\d{4})(?!\s?[A-DG-Z0-9])"
# "IMM 1295 (09-2023) E", "IMM1344 E (06-2019)", "IMM5707E(01-2023)": number, edition, language.
FORM_VERSION = re.compile(
    rf"IMM\s?_?{_NUMBER}\s?(?:(?P<lang1>[EF])\s?)?\((?P<month>\d{{2}})-(?P<year>\d{{4}})\)(?:\s?(?P<lang2>[EF])\b)?"
)
FORM_NUMBER = re.compile(rf"\bIMM\s?_?{_NUMBER}(?:\s?(?P<lang>[EF]))?\b")
# Dynamic forms keep ".ENU-09-2023" (English) or ".FRA-09-2023" (French) in datasets/FormVersion.
DATASET_VERSION = re.compile(r"\.?(?P<lang>ENU|FRA)-(?P<month>\d{2})-(?P<year>\d{4})")
# Root data elements that name their form (IMM_5645, IMM_5707, IMM_0008DEP ...); "form1" is generic.
ROOT_NUMBER = re.compile(r"^IMM_?(?P<number>0008_?DEP|5257_?B|\d{4})(?![A-Za-z0-9])")
# Data fields that hold the printed form number and edition; IRCC spells them FormNumber or formNum.
NUMBER_FIELDS = frozenset({"formnumber", "formnum"})
# Fields the form fills in itself: they say nothing about whether the applicant answered.
SELF_FILLED = frozenset({"formnumber", "formnum", "formversion", "num", "totpage", "currentpage", "pagecount"})
# Values of a check box left unticked.
UNTICKED = frozenset({"0", "off"})


def canonical_number(raw: str) -> str:
    """'0008 DEP' -> '0008DEP', '5257B_1' -> '5257B': the number as the forms table keys it."""
    compact = re.sub(r"[\s_]", "", raw).upper()
    return compact[:-1] if compact.endswith("B1") else compact


YES_VALUES = frozenset({"yes", "oui", "1", "true", "y", "o"})
DATA_NS = "http://www.xfa.org/schema/xfa-data/1.0/"

# Element names under which dynamic forms record their validation (xfa-forms.md §4).
FLAG_NAMES = ("ApplicationValidatedFlag", "ApplicationValidatedFlagMirror")
DATE_NAMES = ("DateLastValidated",)
CRC_NAMES = ("CRCNum", "crcNum")

MAX_PACKET_BYTES = 32 * 1024 * 1024
# An '&' that starts no entity or character reference, as pdf.js and some fillers save it (not well-formed XML).
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z_][A-Za-z0-9._-]*|#[0-9]+|#x[0-9A-Fa-f]+);)")


def parse_datasets(raw: bytes) -> etree._Element | None:
    """The `xfa:data` element of a datasets packet, parsed leniently (real datasets hold bare '&')."""
    if not raw or len(raw) > MAX_PACKET_BYTES:
        return None
    from lxml import etree

    parser = etree.XMLParser(recover=True, huge_tree=False, resolve_entities=False, no_network=True)
    try:
        # lxml's recovery drops a bare '&' and keeps the rest ("Maple  Pine"): escaped first, the value is whole.
        root = etree.fromstring(_BARE_AMPERSAND.sub(b"&amp;", raw), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    data = root.find(f"{{{DATA_NS}}}data")
    if data is None and etree.QName(root).localname == "data":
        data = root
    return data


def _local(element: etree._Element) -> str:
    from lxml import etree

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


def _identity_from_match(match: re.Match[str], evidence: str) -> FormIdentity:
    language = match["lang1"] or match["lang2"]
    return FormIdentity(canonical_number(match["number"]), f"{match['month']}-{match['year']}", language,
                        evidence, None, edition_evidence=evidence)


def _from_number_field(root: etree._Element | None) -> FormIdentity | None:
    """The printed number and edition the form saves in its data (`FormNumber` or `formNum`, any case)."""
    if root is None:
        return None
    for element in root.iter():
        if _local(element).lower() in NUMBER_FIELDS:
            match = FORM_VERSION.search(_text(element))
            if match:
                return _identity_from_match(match, "xfa-datasets")
    return None


def _from_root_name(root: etree._Element | None) -> FormIdentity | None:
    match = ROOT_NUMBER.match(_local(root)) if root is not None else None
    return FormIdentity(canonical_number(match["number"]), None, None, "xfa-datasets", None) if match else None


def _dataset_version(root: etree._Element | None) -> tuple[str, str] | None:
    """`FormVersion` (".ENU-10-2019"): often older than the form's footer, so only a last resort."""
    element = _first(root, ("FormVersion",)) if root is not None else None
    match = DATASET_VERSION.search(_text(element)) if element is not None else None
    if not match:
        return None
    return f"{match['month']}-{match['year']}", "E" if match["lang"] == "ENU" else "F"


def _packet_text(packets: dict[str, bytes], name: str) -> str:
    raw = packets.get(name, b"")
    return raw[:MAX_PACKET_BYTES].decode("utf-8", "replace")


def has_answers(root: etree._Element | None) -> bool | None:
    """Whether the applicant saved any answer at all, wherever the layout keeps it.

    The number/edition fields, page counters and unticked boxes are filled by the form itself and
    do not count. None when there is no data to look at.
    """
    if root is None:
        return None
    from lxml import etree

    for element in root.iter():
        if not isinstance(element.tag, str) or _local(element).lower() in SELF_FILLED:
            continue
        if any(isinstance(child.tag, str) and etree.QName(child).namespace is None for child in element):
            continue  # a group: its own leaves are looked at
        value = _text(element)
        if value and value.lower() not in UNTICKED:
            return True
    return False


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


PageText = Callable[[], str | None]


def _printed(packets: dict[str, bytes], root: etree._Element | None,
             page_text: PageText) -> FormIdentity | None:
    """Number and edition as the form prints them, most reliable first (ircc-facts.md §9).

    The saved number field, then the footer of the pages, then the template's footer draw, then
    the form and config packets (IMM 5707 01-2023 keeps `IMM5707E(01-2023)` only there). A template
    can lag behind its own footer (IMM 5409: template 04-2009, footer 06-2019), so it comes after.
    """
    found = _from_number_field(root)
    if found is None:
        text = page_text()
        found = _from_text(text, "page-text") if text else None
    for name in ("template", "form", "config"):
        if found is None:
            found = _from_text(_packet_text(packets, name), f"xfa-{name}")
    return found


def identify_form(packets: dict[str, bytes], title: str | None,
                  page_text: str | PageText | None) -> FormIdentity | None:
    """Which IRCC form this PDF is, its edition, validated state and key data; None for other PDFs.

    page_text is the text of the first page, or a function that reads it only when needed.
    """
    text_of: PageText = page_text if callable(page_text) else (lambda: page_text)
    data = parse_datasets(packets.get("datasets", b""))
    root = _form_root(data)
    validated = validation_state(data)
    found = _printed(packets, root, text_of)
    named = _from_root_name(root)
    if named is not None and (found is None or found.number != named.number):
        # The data root names the form for sure; a number printed elsewhere may be another form's.
        found = named
    if found is None and title:
        match = FORM_NUMBER.search(title)
        if match:
            found = FormIdentity(canonical_number(match["number"]), None, match["lang"], "title", None)
    if found is None:
        found = _from_signature(data)
    if found is None:
        return None
    if found.edition is None:
        version = _dataset_version(root)
        if version:
            found = replace(found, edition=version[0], language=found.language or version[1],
                            edition_evidence="xfa-datasets")
    if found.number == "5257" and _is_schedule_1(title, packets):
        found = replace(found, number="5257B")
    spec = known_forms().get(found.number)
    reading = read_fields(root, spec, found.edition) if spec else FieldReading({}, (), True)
    return replace(found, validated=validated, data=reading.values, unread=reading.unread,
                   layout_known=reading.layout_known, answered=has_answers(data))


_SCHEDULE_1 = re.compile(r"\bSCHEDULE\s*1\b|\bANNEXE\s*1\b", re.IGNORECASE)


def _is_schedule_1(title: str | None, packets: dict[str, bytes]) -> bool:
    """IMM 5257 Schedule 1 carries the visa form's number; its title says which one it is."""
    template = _packet_text(packets, "template")
    description = template[:20000]  # the <desc> title sits at the top of the template
    return bool(_SCHEDULE_1.search(title or "") or _SCHEDULE_1.search(description))


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


def _iso_date(text: str) -> str:
    """'2031-06-30', '2031/06/30' or '20310630' as ISO; anything else unchanged."""
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) == 8:
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
        except ValueError:
            return text
    return text


class _NotFound:
    """No element at any of a field's places: the field is not read (unlike None, left empty)."""


_NOT_FOUND = _NotFound()


def _value(root: etree._Element, paths: tuple[str, ...]) -> str | _NotFound | None:
    """The first non-empty value among the paths; None if a path exists but is empty; _NOT_FOUND if none exists."""
    result: str | _NotFound | None = _NOT_FOUND
    for path in paths:
        element = find_path(root, path)
        if element is not None:
            text = _text(element)
            if text:
                return text
            result = None
    return result


def _read_field(root: etree._Element, spec: FieldSpec, paths: tuple[str, ...],
                parts: tuple[str, ...]) -> str | _NotFound | None:
    value = _value(root, paths)
    if not isinstance(value, str) and parts:
        pieces = [_value(root, (part,)) for part in parts]
        if all(isinstance(piece, str) for piece in pieces):
            year, month, day = (str(piece) for piece in pieces)
            value = f"{year.zfill(4)}-{month.zfill(2)}-{day.zfill(2)}"
        elif any(piece is not _NOT_FOUND for piece in pieces):
            value = None
    if not isinstance(value, str):
        return value
    if spec.type == "date":
        return _iso_date(value)
    return spec.codes.get(value, value) if spec.codes else value


@dataclass(frozen=True)
class FieldReading:
    values: dict[str, str | None]
    unread: tuple[str, ...]
    layout_known: bool


def read_fields(root: etree._Element | None, spec: FormSpec, edition: str | None = None) -> FieldReading:
    """The form's key fields in this edition's layout, decoded (codes -> words, dates -> ISO).

    A field is None where the applicant left it empty, and is left out (listed as unread) where
    this layout has no element at the field's known places: an unknown place is never "empty".
    """
    if root is None:
        return FieldReading({}, (), True)
    layout = spec.layout_for(edition)
    values: dict[str, str | None] = {}
    unread: list[str] = []
    for field_spec in spec.fields:
        where = layout.get(field_spec.id) if layout is not None else None
        value = _read_field(root, field_spec, *where) if where is not None else _NOT_FOUND
        if value is _NOT_FOUND:
            unread.append(field_spec.id)
        else:
            values[field_spec.id] = value if isinstance(value, str) else None
    return FieldReading(values, tuple(unread), layout is not None)


def _from_text(text: str, evidence: str) -> FormIdentity | None:
    match = FORM_VERSION.search(text)
    return _identity_from_match(match, evidence) if match else None


def form_in_text(text: str) -> FormIdentity | None:
    """An IRCC form footer ("IMM 5645 (01-2021) E") in extracted page text, for static forms."""
    return _from_text(text, "page-text")

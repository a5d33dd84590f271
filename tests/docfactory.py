"""Builders for realistic application documents: PDFs with text, scanned PDFs, IRCC XFA forms, images, DOCX.

Used by the tests and by examples/generate.py. Everything is deterministic for a given seed so that
generated folders (and the reports about them) repeat byte for byte.
"""

from __future__ import annotations

import io
import random
import secrets
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

IRCC_AUTHOR = "Immigration, Refugees and Citizenship Canada (IRCC)"

# Titles as IRCC writes them in the PDF Info dictionary (xfa-forms.md §1).
FORM_TITLES = {
    "1295": "IMM 1295 E : APPLICATION FOR WORK PERMIT MADE OUTSIDE OF CANADA",
    "5710": "IMM 5710 E : APPLICATION TO CHANGE CONDITIONS, EXTEND MY STAY OR REMAIN IN CANADA AS A WORKER",
    "5645": "IMM 5645 E : FAMILY INFORMATION",
    "5707": "IMM 5707 E : FAMILY INFORMATION",
    "5476": "IMM 5476 E : USE OF A REPRESENTATIVE",
    "5409": "IMM 5409 E : STATUTORY DECLARATION OF COMMON-LAW UNION",
    "5475": "IMM 5475 E : AUTHORITY TO RELEASE PERSONAL INFORMATION TO A DESIGNATED INDIVIDUAL",
    "1344": "IMM1344 E  : APPLICATION TO SPONSOR, SPONSORSHIP AGREEMENT AND UNDERTAKING",
}


# --------------------------------------------------------------------------- PDF primitives


def _escape_pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text_content(lines: Sequence[str]) -> bytes:
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    for line in lines:
        ops.append(f"({_escape_pdf_text(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1", "replace")


def _helvetica(writer: PdfWriter) -> DictionaryObject:
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    return DictionaryObject({NameObject("/F1"): writer._add_object(font)})


def _add_text_page(writer: PdfWriter, lines: Sequence[str], font: DictionaryObject) -> None:
    page = writer.add_blank_page(612, 792)
    stream = DecodedStreamObject()
    stream.set_data(_text_content(lines))
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): font})


def _add_image_page(writer: PdfWriter, jpeg: bytes, width: int, height: int, dpi: int) -> None:
    page_w, page_h = width * 72 / dpi, height * 72 / dpi
    page = writer.add_blank_page(page_w, page_h)
    image = StreamObject()
    image._data = jpeg
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width),
            NameObject("/Height"): NumberObject(height),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    content = DecodedStreamObject()
    content.set_data(f"q {page_w:.2f} 0 0 {page_h:.2f} 0 0 cm /Im0 Do Q".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})}
    )


def _finish(writer: PdfWriter, title: str | None, author: str | None, creator: str | None,
            user_password: str | None, owner_password: str = "owner") -> bytes:
    metadata = {"/Producer": "permit-check test documents"}
    if title:
        metadata["/Title"] = title
    if author:
        metadata["/Author"] = author
    if creator:
        metadata["/Creator"] = creator
    writer.add_metadata(metadata)
    # pypdf draws file identifiers, keys and AES IVs from `secrets`; a seeded source keeps generated
    # files identical run to run, so the example folders and their expected reports stay stable.
    rng = random.Random(title or "untitled")
    original = secrets.token_bytes
    secrets.token_bytes = lambda n=32: rng.randbytes(n)  # type: ignore[assignment]
    try:
        if user_password is not None:
            writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
        else:
            writer.generate_file_identifiers()
        buffer = io.BytesIO()
        writer.write(buffer)
    finally:
        secrets.token_bytes = original  # type: ignore[assignment]
    return buffer.getvalue()


def text_pdf(pages: Sequence[Sequence[str] | str], *, title: str | None = None,
             user_password: str | None = None) -> bytes:
    """A PDF whose pages carry real text (letters, contracts, CVs, certificates)."""
    writer = PdfWriter()
    font = _helvetica(writer)
    for page in pages:
        lines = page.splitlines() if isinstance(page, str) else list(page)
        _add_text_page(writer, lines, font)
    return _finish(writer, title, None, None, user_password)


# --------------------------------------------------------------------------- images


def scan_image(width: int, height: int, *, seed: int, noise: float = 0.12,
               colour: bool = True, heading: str = "") -> Image.Image:
    """A page-like scan: paper tone, dark text bars and sensor noise (noise sets the JPEG size)."""
    rng = random.Random(seed)
    paper = Image.new("RGB", (width, height), (236, 232, 222))
    draw = ImageDraw.Draw(paper)
    line_h = max(8, height // 70)
    y = line_h * 3
    if heading:
        draw.text((width // 12, line_h), heading, fill=(20, 20, 20))
    while y < height - line_h * 3:
        x_end = int(width * rng.uniform(0.45, 0.9))
        draw.rectangle((width // 12, y, x_end, y + line_h // 2), fill=(40, 40, 48))
        y += line_h + rng.randint(0, line_h)
    if noise > 0:
        grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
        paper = Image.blend(paper, grain, noise)
    return paper if colour else paper.convert("L")


def jpeg_bytes(image: Image.Image, *, quality: int = 85, dpi: int = 300, taken: str | None = None,
               orientation: int | None = None) -> bytes:
    """JPEG as a camera writes it; taken="2026-05-02" stores the EXIF date the photo was taken; `orientation`
    the EXIF Orientation a viewer turns it by (see stored_for_orientation)."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    if taken:
        exif[0x0132] = taken.replace("-", ":") + " 10:00:00"  # DateTime, 'YYYY:MM:DD hh:mm:ss'
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi), exif=exif)
    return buffer.getvalue()


# How a phone stores an upright picture along with the EXIF Orientation that turns it back: 6 when the phone
# was held upright (the sensor's landscape picture is shown turned a quarter clockwise), 8 when held the other way.
STORED_FOR_ORIENTATION = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}


def exif_oriented_jpeg(upright: Image.Image, orientation: int, *, quality: int = 80) -> bytes:
    """A phone's JPEG of `upright`: the pixels stored turned, with the EXIF Orientation that shows them upright."""
    return jpeg_bytes(upright.transpose(STORED_FOR_ORIENTATION[orientation]), quality=quality,
                      orientation=orientation)


def with_page_rotation(pdf: bytes, degrees: int) -> bytes:
    """The PDF with every page's /Rotate set: a viewer turns the page `degrees` clockwise to show it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        page[NameObject("/Rotate")] = NumberObject(degrees)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(image: Image.Image, fmt: str, *, dpi: int = 300) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, dpi=(dpi, dpi))
    return buffer.getvalue()


def heic_bytes(image: Image.Image, *, quality: int = 70, taken: str | None = None) -> bytes:
    """HEIC as an iPhone writes it (HEVC in a HEIF container), by pillow-heif; Pillow's own opener is not
    registered here, so that the product's code must register it where it reads HEIC."""
    import pillow_heif

    exif = Image.Exif()
    if taken:
        exif[0x0132] = taken.replace("-", ":") + " 10:00:00"
    buffer = io.BytesIO()
    pillow_heif.from_pillow(image.convert("RGB")).save(buffer, quality=quality, exif=exif.tobytes())
    return buffer.getvalue()


def photo_image(*, seed: int, width: int = 840, height: int = 1080, colour: bool = True) -> Image.Image:
    """A passport-style portrait: light background, head and shoulders shapes, mild noise."""
    rng = random.Random(seed)
    img = Image.new("RGB", (width, height), (228, 230, 232))
    draw = ImageDraw.Draw(img)
    skin = (198 + rng.randint(-30, 20), 160 + rng.randint(-30, 20), 130 + rng.randint(-30, 20))
    draw.ellipse((width * 0.3, height * 0.18, width * 0.7, height * 0.62), fill=skin)
    draw.rectangle((width * 0.15, height * 0.7, width * 0.85, height), fill=(40, 60, 110))
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    img = Image.blend(img, grain, 0.18)
    return img if colour else img.convert("L")


def scan_pdf(page_count: int, *, seed: int, width: int = 1275, height: int = 1650, dpi: int = 150,
             noise: float = 0.12, quality: int = 80, title: str | None = None) -> bytes:
    """A scanned document: one JPEG per page, no text layer (what a phone scanner app writes)."""
    writer = PdfWriter()
    for index in range(page_count):
        page = scan_image(width, height, seed=seed + index, noise=noise)
        _add_image_page(writer, jpeg_bytes(page, quality=quality, dpi=dpi), width, height, dpi)
    return _finish(writer, title, None, None, None)


# --------------------------------------------------------------------------- office documents


def docx_bytes(paragraphs: Sequence[str], *, padding: int = 0) -> bytes:
    """A minimal but genuine Word document (what Word's 'Save as .docx' contains at its core).

    padding adds that many spaces to the body: a large value makes a ZIP bomb that still looks
    like a Word file to libmagic.
    """
    body = "".join(
        f"<w:p><w:r><w:t xml:space=\"preserve\">{_xml_escape(text)}</w:t></w:r></w:p>" for text in paragraphs
    ) + " " * padding
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- IRCC XFA forms

_XDP = "http://ns.adobe.com/xdp/"
_DATA_NS = "http://www.xfa.org/schema/xfa-data/1.0/"


def _packet(writer: PdfWriter, data: bytes) -> object:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


class RichText(str):
    """A value Adobe saved as XHTML rich text (<html:body><html:p>...), as some name fields are."""


_LOV_FILE = (
    "<LOVFile\n><LOV\n><MaritalStatusList\n><item lic=\"01\"\n>Married</item\n><item lic=\"02\"\n>Single</item\n>"
    "<item lic=\"03\"\n>Common-Law</item\n></MaritalStatusList\n><CategoryList\n><item lic=\"HC\"\n>"
    "Humanitarian &amp; Compassionate</item\n></CategoryList\n></LOV\n></LOVFile\n>"
)


def _dynamic_datasets(values: dict[str, str], *, malformed_amp: bool) -> bytes:
    """Datasets of a dynamic 'form1' form with its LOVFile sibling.

    malformed_amp writes '&' bare, as pdf.js and some fillers save it: not well-formed XML.
    """
    xml = (
        f'<xfa:datasets xmlns:xfa="{_DATA_NS}"\n><xfa:data\n><form1\n>{_adobe_xml(_tree(values))}'
        f'<Barcodes xfa:dataNode="dataGroup"\n/></form1\n></xfa:data\n>{_LOV_FILE}</xfa:datasets\n>\n'
    )
    if malformed_amp:
        xml = xml.replace("&amp;", "&")
    return xml.encode("utf-8")


def _split(day: str) -> tuple[str, str, str]:
    parts = day.split("-") if day else ["", "", ""]
    return parts[0], parts[1], parts[2]


def _validation(validated: bool) -> tuple[str, str, str]:
    """(flag, date last validated, checksum): all three set by Validate, all cleared by a later edit."""
    return ("Yes", "2026-11-02", "2871934412") if validated else ("", "", "")


def imm1295_datasets(*, edition: str = "09-2023", family_name: str = "Doe", given_name: str = "Jane",
                     dob: str = "1990-04-30", passport: str = "X1234567", passport_expiry: str = "2031-06-30",
                     validated: bool = False, marital_status: str = "02", malformed_amp: bool = False,
                     rich_text_name: bool = False, work_from: str = "", work_to: str = "",
                     lmia_or_offer: str = "", permit_type: str = "LMOS",
                     permit_type_path: str = "Page3/DetailsOfIntendedWork/DetailsOfWork/TypeofWork/WorkPermitType",
                     form_version: str | None = None) -> bytes:
    """IMM 1295 datasets in the shape of the real blank dump (xfa-forms.md §3), Adobe-style line breaks.

    permit_type_path: where the work-permit type sits (an older edition keeps it elsewhere).
    form_version: the `FormVersion` value, which real forms often leave at an older edition.
    """
    year, month, day = _split(dob)
    e_year, e_month, e_day = _split(passport_expiry)
    flag, last_validated, crc = _validation(validated)
    passport_path = "Page2/MaritalStatus/SectionA/Passport"
    return _dynamic_datasets({
        "Page1/FormVersion": f".ENU-{form_version or edition}",
        "Page1/Header/CRCNum": crc,
        "Page1/PersonalDetails/ApplicationValidatedFlag": flag,
        "Page1/PersonalDetails/UCIClientID": "",
        "Page1/PersonalDetails/Name/FamilyName": RichText(family_name) if rich_text_name else family_name,
        "Page1/PersonalDetails/Name/GivenName": given_name,
        "Page1/PersonalDetails/DOBYear": year,
        "Page1/PersonalDetails/DOBMonth": month,
        "Page1/PersonalDetails/DOBDay": day,
        "Page1/MaritalStatus/SectionA/MaritalStatus": marital_status,
        f"{passport_path}/PassportNum/PassportNum": passport,
        f"{passport_path}/ExpiryDate": passport_expiry,
        f"{passport_path}/expiryYYYY": e_year,
        f"{passport_path}/expiryMM": e_month,
        f"{passport_path}/expiryDD": e_day,
        "Page2/MaritalStatus/SectionA/DateLastValidated/DateCalc": last_validated,
        permit_type_path: permit_type,
        "Page3/DetailsOfIntendedWork/DetailsOfWork/PurposeRow1/EmployerName/EmployerName":
            "Maple & Pine Logistics Inc.",
        "Page3/DetailsOfWorkCont/details/jobTitle": "Logistics analyst",
        "Page3/DetailsOfWorkCont/details/HowLongStudy/FromDate": work_from,
        "Page3/DetailsOfWorkCont/details/HowLongStudy/ToDate": work_to,
        "Page3/DetailsOfWorkCont/details/LMO/LMO": lmia_or_offer,
    }, malformed_amp=malformed_amp)


def imm5710_datasets(*, edition: str = "09-2023", family_name: str = "Doe", given_name: str = "Jane",
                     dob: str = "1990-04-30", passport: str = "X1234567", passport_expiry: str = "2031-06-30",
                     validated: bool = False, marital_status: str = "02", work_from: str = "",
                     work_to: str = "", lmia_or_offer: str = "", status_to: str = "") -> bytes:
    """IMM 5710 datasets on the paths public fillers use (xfa-forms.md §3; no real dump was available);
    the current status's end date in the current-residence row, as in the real blank form's datasets."""
    year, month, day = _split(dob)
    flag, last_validated, crc = _validation(validated)
    return _dynamic_datasets({
        "Page1/ButtonsHeader/FormVersion": f".ENU-{edition}",
        "Page1/Header/CRCNum": crc,
        "Page1/PersonalDetails/ApplicationValidatedFlag": flag,
        "Page1/PersonalDetails/ServiceIn/UCIClientID": "",
        "Page1/PersonalDetails/Name/FamilyName": family_name,
        "Page1/PersonalDetails/Name/GivenName": given_name,
        "Page1/PersonalDetails/q3-4-5/dob/DOBYear": year,
        "Page1/PersonalDetails/q3-4-5/dob/DOBMonth": month,
        "Page1/PersonalDetails/q3-4-5/dob/DOBDay": day,
        "Page1/PersonalDetails/ApplyingFor/Extend": "1",
        "Page1/MaritalStatus/Current/MaritalStatus": marital_status,
        "Page2/Passport/PassportNum": passport,
        "Page2/Passport/ExpiryDate": passport_expiry,
        "Page2/MaritalStatus/PrevMarriage/DateLastValidated/DateCalc": last_validated,
        "Page3/DetailsOfWork/Employer/Name": "Prairie Grain Co-op",
        "Page3/DetailsOfWork/Duration/FromDate": work_from,
        "Page3/DetailsOfWork/Duration/ToDate": work_to,
        "Page3/DetailsOfWork/Duration/LMO": lmia_or_offer,
        **({"Page1/PersonalDetails/CurrentCOR/CurrentCOR/Row2/ToDate": status_to} if status_to else {}),
    }, malformed_amp=False)


def static_form_datasets(number: str, edition: str, fields: dict[str, str] | None = None, *,
                         number_field: str | None = "FormNumber") -> bytes:
    """Datasets of a static IRCC form (IMM 5645/5476/5409/5707 style): root IMM_<n>, number field saved.

    fields maps data paths below the root ("page1/SectionA/Applicant/AppName") to values.
    number_field: "FormNumber" (IMM 5645), "formNum" (IMM 5476 09-2015, 5707 06-2019, 5409 06-2019),
    or None for a layout that keeps its edition elsewhere (footer, form/config packets).
    """
    tree = _tree(fields or {})
    root = f"IMM_{number}"
    saved = f"<{number_field}\n>IMM {number} ({edition}) E</{number_field}\n>" if number_field else ""
    xml = (
        f'<xfa:datasets xmlns:xfa="{_DATA_NS}"\n><xfa:data\n><{root}\n>{_adobe_xml(tree)}'
        f"{saved}</{root}\n></xfa:data\n></xfa:datasets\n>"
    )
    return xml.encode("utf-8")


def _tree(values: dict[str, str]) -> dict[str, Any]:
    """{'a/b': 'x', 'a/c': 'y'} -> {'a': {'b': 'x', 'c': 'y'}}; 'PersonalData[1]' keys repeated siblings."""
    tree: dict[str, Any] = {}
    for path, value in values.items():
        node = tree
        *parents, leaf = path.split("/")
        for step in parents:
            node = node.setdefault(step, {})
        node[leaf] = value
    return tree


def _adobe_xml(tree: dict[str, Any]) -> str:
    """Nested elements written as Adobe does: a line break before each closing '>'; empty ones self-close."""
    parts = []
    for key, value in tree.items():
        name = key.split("[")[0]
        if isinstance(value, dict):
            inner = _adobe_xml(value)
        elif isinstance(value, RichText):
            inner = f'<html:body xmlns:html="http://www.w3.org/1999/xhtml"><html:p>{_xml_escape(value)}</html:p></html:body>'
        else:
            inner = _xml_escape(value)
        parts.append(f"<{name}\n>{inner}</{name}\n>" if inner else f"<{name}\n/>")
    return "".join(parts)


def _template(number: str, edition: str | None, root: str, *, dynamic: bool) -> bytes:
    barcodes = (
        '<subform name="Barcodes" presence="hidden"><breakBefore targetType="pageArea" startNew="1"/>'
        + "".join(
            f'<field name="PaperFormsBarcode{i}" access="readOnly"><ui><barcode type="pdf417" '
            f'errorCorrectionLevel="5"/></ui><bind match="none"/></field>'
            for i in range(1, 6)
        )
        + "</subform>"
        if dynamic
        else ""
    )
    # Real templates print the footer in a "formNum" draw; some carry none (IMM 5476 09-2015, 5707).
    footer = (f'<draw name="formNum"><value><text>IMM {number} ({edition}) E</text></value></draw>'
              if edition else "")
    return (
        f'<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="{root}">'
        f'<pageSet><pageArea name="Page1">{footer}</pageArea></pageSet>'
        f'<field name="SignatureField1"><ui><signature type="PDF1.6"/></ui><bind match="none"/></field>'
        f"{barcodes}</subform></template>"
    ).encode()


_SAME = "same as edition"


def xfa_form_pdf(number: str, *, edition: str, datasets: bytes | None = None, dynamic: bool = True,
                 user_password: str | None = "", page_text: Sequence[str] | None = None,
                 acro_fields: Sequence[str] = (), xfa_as_single_stream: bool = False,
                 template_edition: str | None = _SAME, form_packet: bytes | None = None,
                 config_packet: bytes | None = None, title: str | None = _SAME) -> bytes:
    """An IRCC-style XFA form (xfa-forms.md §6).

    dynamic: one "Please wait..." page as Adobe LiveCycle writes for dynamic forms (IMM 1295, 5710);
    otherwise real pages whose text carries the footer, as static forms (IMM 5645, 5476) do.
    user_password="" is how IRCC ships its forms: AES-encrypted, opens without a password.
    template_edition: the edition the template's footer draw prints (None: no footer draw; a stale
    one, as IMM 5409 06-2019 whose template still says 04-2009). form_packet/config_packet replace
    those packets (IMM 5707 01-2023 keeps "IMM5707E(01-2023)" only there). title: the Info title.
    """
    if template_edition == _SAME:
        template_edition = edition
    info_title = FORM_TITLES.get(number, f"IMM {number} E") if title == _SAME else title
    root = "form1" if dynamic else f"IMM_{number}"
    if datasets is None:
        datasets = (
            imm1295_datasets(edition=edition) if number == "1295"
            else imm5710_datasets(edition=edition) if number == "5710"
            else static_form_datasets(number, edition)
        )
    writer = PdfWriter()
    font = _helvetica(writer)
    if dynamic:
        lines = page_text or [
            "Please wait...",
            "If this message is not eventually replaced by the proper contents of the document, your PDF",
            "viewer may not be able to display this type of document.",
        ]
        _add_text_page(writer, lines, font)
        writer.root_object[NameObject("/NeedsRendering")] = BooleanObject(True)
    else:
        title = FORM_TITLES.get(number, f"IMM {number} E").split(": ", 1)[-1]
        lines = page_text or [f"{title}", "PROTECTED WHEN COMPLETED - B", f"IMM {number} ({edition}) E"]
        _add_text_page(writer, lines, font)
        _add_text_page(writer, [f"IMM {number} ({edition}) E", "Page 2 of 2"], font)
    packets = [
        ("preamble", f'<xdp:xdp xmlns:xdp="{_XDP}">'.encode()),
        ("config", config_packet or b'<config xmlns="http://www.xfa.org/schema/xci/3.0/"><present><pdf>'
                   b"<version>1.7</version></pdf></present></config>"),
        ("template", _template(number, template_edition, root, dynamic=dynamic)),
        ("datasets", datasets),
        ("form", form_packet or b'<form checksum="x" xmlns="http://www.xfa.org/schema/xfa-form/2.8/"/>'),
        ("postamble", b"</xdp:xdp>"),
    ]
    fields = ArrayObject()
    for name in acro_fields:
        field = DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject(name),
                NameObject("/V"): TextStringObject(""),
            }
        )
        fields.append(writer._add_object(field))
    if xfa_as_single_stream:
        xfa: object = _packet(writer, b"".join(data for _, data in packets))
    else:
        array = ArrayObject()
        for name, data in packets:
            array.append(TextStringObject(name))
            array.append(_packet(writer, data))
        xfa = array
    acroform = DictionaryObject({NameObject("/Fields"): fields, NameObject("/XFA"): xfa})
    writer.root_object[NameObject("/AcroForm")] = writer._add_object(acroform)
    return _finish(writer, info_title, IRCC_AUTHOR, "Adobe LiveCycle Designer ES 10.0", user_password)


def fill_real_form(blank: Path, value_for: Callable[[str], str]) -> bytes:
    """A real blank IRCC form filled in: every answer field of its datasets gets value_for(its name).

    Decrypts with the empty password, writes the values into the XFA datasets packet and encrypts
    again with AES-128 and an empty user password, as IRCC ships its forms (real-forms/README.md).
    The number/edition and version fields the form fills in itself are left as they are.
    """
    reader = PdfReader(blank)
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter(clone_from=reader)
    xfa = writer.root_object["/AcroForm"].get_object()["/XFA"].get_object()
    names = [str(xfa[index]) for index in range(0, len(xfa), 2)]
    stream = xfa[names.index("datasets") * 2 + 1].get_object()
    root = etree.fromstring(stream.get_data(), etree.XMLParser(recover=True, huge_tree=True))
    data = root.find(f"{{{_DATA_NS}}}data")
    for element in data.iter() if data is not None else ():
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        leaf = name and not any(isinstance(child.tag, str) for child in element)
        if leaf and name.lower() not in {"formnumber", "formnum", "formversion"}:
            element.text = value_for(name)
    stream.set_data(etree.tostring(root))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


# --------------------------------------------------------------------------- damaged files


def raw_pdf(objects: Sequence[bytes], *, trailer: bytes = b"") -> bytes:
    """A PDF written byte by byte from numbered object bodies (object 1 is the catalog), for hostile files."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def flate_stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n%s\nendstream" % (len(packed), extra, packed)


def _one_page(content: bytes, catalog_extra: bytes = b"", more: Sequence[bytes] = ()) -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        content,
        *more,
    ])


def deep_page_tree_pdf(depth: int) -> bytes:
    """A hostile PDF whose page tree nests `depth` levels deep before its single page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (level + 3) for level in range(depth)]
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] >>")
    return raw_pdf(objects)


def page_tree_cycle_pdf() -> bytes:
    """A page tree whose /Kids lead back to itself."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def huge_count_pdf() -> bytes:
    """One real page, but a page tree claiming two billion."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"])


def nested_arrays_pdf(depth: int) -> bytes:
    """An object nested `depth` arrays deep, on the page itself."""
    return _one_page(b"<< /Length 0 >>\nstream\n\nendstream",
                     catalog_extra=b"/Nest " + b"[" * depth + b"]" * depth + b" ")


def slow_text_pdf(operators: int) -> bytes:
    """A small file whose one page holds `operators` text-positioning operators: cheap to open, slow to read."""
    body = b"BT /F1 1 Tf " + b"1 0 Td " * operators + b"(x) Tj ET"
    return _one_page(flate_stream(body))


def content_bomb_pdf(expanded: int) -> bytes:
    """A page whose content stream inflates to `expanded` bytes from a few hundred kB."""
    return _one_page(flate_stream(b" " * expanded))


def xmp_bomb_pdf(expanded: int) -> bytes:
    """Metadata (XMP) that inflates to `expanded` bytes."""
    return _one_page(b"<< /Length 0 >>\nstream\n\nendstream", catalog_extra=b"/Metadata 5 0 R ",
                     more=[flate_stream(b"<x:xmpmeta>" + b" " * expanded + b"</x:xmpmeta>",
                                        b"/Type /Metadata /Subtype /XML ")])


def xfa_bomb_pdf(expanded: int) -> bytes:
    """An XFA form whose datasets packet inflates to `expanded` bytes."""
    datasets = b'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/">' + b" " * expanded
    return _one_page(b"<< /Length 0 >>\nstream\n\nendstream", catalog_extra=b"/AcroForm 5 0 R ",
                     more=[b"<< /Fields [] /XFA [(datasets) 6 0 R] >>", flate_stream(datasets)])


def certificate_encrypted_pdf() -> bytes:
    """Encrypted for a recipient's certificate (Adobe.PubSec), not with a password: opens only with that key."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 /Length 128 /Recipients [<00>] >>",
    ], trailer=b"/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ")


def radio_kid_without_appearance_pdf(tooltip: str) -> bytes:
    """A form whose radio button's kid has no appearance (/AP): pypdf's error quotes the kid, tooltip (/TU) and all."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        b"<< /FT /Btn /Ff 32768 /T (consent) /Kids [5 0 R] >>",
        b"<< /Parent 4 0 R /TU (%s) /Rect [0 0 10 10] >>" % _escape_pdf_text(tooltip).encode("latin-1"),
    ])


def junk_in_xref_pdf(junk: str) -> bytes:
    """Words left in the cross-reference table: pypdf's error quotes the raw bytes around them."""
    data = text_pdf(["Dear officer"])
    return data.replace(b"trailer", junk.encode("latin-1") + b"\ntrailer", 1)


def garbled_trailer(data: bytes) -> bytes:
    """A PDF whose trailer is garbage: pypdf cannot find the catalog; qpdf rebuilds it from the objects."""
    return data[: data.rindex(b"trailer")] + b"tr@iler << /Size 9 >>\nstartxref\n0\n%%EOF\n"


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    """The first part of a file, as left by an interrupted download or copy."""
    return data[: max(1, int(len(data) * keep))]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def tiff_bomb(frames: int, *, width: int, height: int) -> bytes:
    """A multi-page TIFF whose every page points at the same deflated blank strip: a few hundred bytes
    per page on disk, `frames` pages of `width` x `height` pixels once decoded."""
    strip = zlib.compress(bytes(width * height // 8), 9)
    ifd_size = 2 + 9 * 12 + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 8 + len(strip)) + strip)
    for index in range(frames):
        start = len(out)
        following = start + ifd_size if index < frames - 1 else 0
        tags = [(256, 4, width), (257, 4, height), (258, 3, 1), (259, 3, 8), (262, 3, 0), (273, 4, 8),
                (277, 3, 1), (278, 4, height), (279, 4, len(strip))]
        out += struct.pack("<H", len(tags))
        out += b"".join(struct.pack("<HHII", tag, kind, 1, value) for tag, kind, value in tags)
        out += struct.pack("<I", following)
    return bytes(out)


def blank_png(width: int, height: int) -> bytes:
    """A blank bilevel PNG: tiny on disk, `width` x `height` pixels once decoded."""
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims `width` x `height` pixels (at most 65535 each): all a reader sees of
    the picture before it decodes a pixel."""
    data = bytearray(image_bytes(Image.new("L", (16, 16), 255), "JPEG"))
    frame = data.index(b"\xff\xc0")  # SOF0: marker, length (2 bytes), precision (1), height (2), width (2)
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space (a hole), as `truncate -s` makes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def searchable_scan_pdf(pages: Sequence[tuple[Image.Image, Sequence[str]]], *, dpi: int = 200,
                        quality: int = 80) -> bytes:
    """A scan as phone scanner apps save it "searchable": each page one JPEG, with the words their OCR found
    drawn invisibly over it (text render mode 3), so that the PDF has a text layer but shows only the picture."""
    writer = PdfWriter()
    font = _helvetica(writer)
    for image, words in pages:
        _add_image_page(writer, jpeg_bytes(image.convert("RGB"), quality=quality, dpi=dpi), image.width,
                        image.height, dpi)
        page = writer.pages[-1]
        hidden = DecodedStreamObject()
        hidden.set_data(b"3 Tr\n" + _text_content(words) + b"\n0 Tr")
        page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(hidden)])
        page[NameObject("/Resources")][NameObject("/Font")] = font
    return _finish(writer, None, None, None, None)

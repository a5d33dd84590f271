"""Inspectors read real files and never raise: PDFs (incl. IRCC XFA forms), images, Word files."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permit_check.files.inspectors import extract_text, inspect
from permit_check.files.inspectors.pdf import _damaged, inspect_pdf
from permit_check.files.inspectors.problems import ContentTooComplex
from permit_check.files.inspectors.xfa import identify_form, parse_datasets, validation_state
from permit_check.files.kind import identify_bytes
from tests import docfactory as make


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    return make.write(tmp_path / name, data)


# --------------------------------------------------------------------------- PDF


def test_ircc_form_with_empty_password_opens_and_is_identified(tmp_path: Path) -> None:
    path = _write(tmp_path, "f.pdf", make.xfa_form_pdf("1295", edition="09-2023"))
    facts = inspect_pdf(path)
    assert facts["pdf"]["encrypted"] is True and facts["pdf"]["open_password"] is False
    assert facts["pdf"]["xfa"] is True and facts["pdf"]["pages"] == 1
    form = facts["ircc_form"]
    assert {key: form[key] for key in ("number", "edition", "language", "evidence", "validated")} == {
        "number": "1295", "edition": "09-2023", "language": "E", "evidence": "xfa-template", "validated": False}
    assert form["data"] == {
        "family_name": "Doe", "given_names": "Jane", "date_of_birth": "1990-04-30", "marital_status": "single",
        "passport_number": "X1234567", "passport_expiry": "2031-06-30", "work_permit_type": "LMOS",
        "employer": "Maple & Pine Logistics Inc.", "job_title": "Logistics analyst", "work_from": None, "work_to": None,
        "lmia_or_offer_number": None}
    assert "problem" not in facts


def test_validated_form(tmp_path: Path) -> None:
    path = _write(tmp_path, "f.pdf", make.xfa_form_pdf(
        "1295", edition="09-2023", datasets=make.imm1295_datasets(validated=True)))
    assert inspect_pdf(path)["ircc_form"]["validated"] is True


def test_static_form_from_datasets_form_number(tmp_path: Path) -> None:
    path = _write(tmp_path, "f.pdf", make.xfa_form_pdf("5645", edition="01-2021", dynamic=False,
                                                        acro_fields=["IMM_5645[0].page1[0].AppName[0]"]))
    facts = inspect_pdf(path)
    assert facts["ircc_form"]["number"] == "5645" and facts["ircc_form"]["evidence"] == "xfa-datasets"
    assert facts["ircc_form"]["validated"] is None  # IMM 5645 has no Validate button
    assert facts["pdf"]["form_fields"] == 1 and facts["pdf"]["pages"] == 2


def test_unencrypted_form_with_xfa_in_one_stream(tmp_path: Path) -> None:
    path = _write(tmp_path, "f.pdf", make.xfa_form_pdf("1295", edition="09-2023", user_password=None,
                                                        xfa_as_single_stream=True))
    facts = inspect_pdf(path)
    assert facts["pdf"]["encrypted"] is False
    assert facts["ircc_form"]["number"] == "1295" and facts["ircc_form"]["validated"] is False


def test_form_without_template_is_known_by_title_and_dataset_version(tmp_path: Path) -> None:
    packets = {"datasets": make.imm1295_datasets(edition="01-2022")}
    found = identify_form(packets, "IMM 1295 E : APPLICATION FOR WORK PERMIT MADE OUTSIDE OF CANADA", None)
    assert found is not None
    assert (found.number, found.edition, found.language, found.evidence) == ("1295", "01-2022", "E", "title")


def test_form_1344_title_with_odd_spacing() -> None:
    found = identify_form({}, "IMM1344 E  : APPLICATION TO SPONSOR", None)
    assert found is not None and found.number == "1344" and found.edition is None


def test_plain_pdf_is_no_form(tmp_path: Path) -> None:
    path = _write(tmp_path, "letter.pdf", make.text_pdf(["Dear officer"]))
    facts = inspect_pdf(path)
    assert "ircc_form" not in facts and facts["pdf"]["xfa"] is False


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.pdf", make.text_pdf(["secret"], user_password="pw"))
    facts = inspect_pdf(path)
    assert facts["pdf"]["open_password"] is True
    assert facts["problem"]["kind"] == "password"


def test_damaged_pdf_reason_is_fixed_and_the_parser_error_only_its_detail(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n")
    facts = inspect_pdf(path)
    assert facts["problem"]["kind"] == "damaged"
    assert facts["problem"]["reason"] == "its PDF structure cannot be read"
    assert facts["problem"]["detail"].startswith("PdfReadError: ")


@pytest.mark.parametrize(("error", "kind"), [(RecursionError(), "too-complex"), (MemoryError(), "too-complex"),
                                             (TypeError("bad"), "damaged"), (AssertionError(), "damaged")])
def test_parser_exceptions_are_classified(error: BaseException, kind: str) -> None:
    assert _damaged(error)["kind"] == kind


@pytest.mark.parametrize("data", [
    make.xfa_form_pdf("1295", edition="09-2023"),
    make.truncated(make.text_pdf(["a", "b"])),
    make.garbled_trailer(make.text_pdf(["a", "b"])),
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n",
], ids=["form", "truncated", "repairable", "damaged"])
def test_bytes_already_read_are_inspected_as_their_file_is(tmp_path: Path, data: bytes) -> None:
    assert inspect_pdf(data) == inspect_pdf(_write(tmp_path, "f.pdf", data))


def test_the_end_of_file_marker_is_looked_for_in_the_last_mib_of_bytes_as_of_a_file(tmp_path: Path) -> None:
    """A marker followed by a MiB of padding is too far back in either; one within the MiB is found in both."""
    complete = make.text_pdf(["a"])
    for padding, kind in ((b" " * (1024 * 1024), "truncated"), (b" " * 4096, None)):
        data = complete + padding
        found = (inspect_pdf(data).get("problem") or {}).get("kind")
        assert found == kind
        assert (inspect_pdf(_write(tmp_path, "f.pdf", data)).get("problem") or {}).get("kind") == kind


def test_text_of_first_pages_only(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.pdf", make.text_pdf(["first page", "second page", "third page"]))
    text = extract_text(path, "pdf", 2)
    assert "first page" in text and "second page" in text and "third page" not in text


# --------------------------------------------------------------------------- XFA datasets


def test_malformed_datasets_with_bare_ampersand_are_recovered() -> None:
    data = parse_datasets(make.imm1295_datasets(malformed_amp=True, validated=True))
    assert data is not None
    assert validation_state(data) is True
    employer = [element for element in data.iter() if getattr(element, "tag", "") == "EmployerName"]
    # The value is whole: lxml's recovery alone dropped the bare '&' ("Maple  Pine Logistics Inc.").
    assert "".join(employer[-1].itertext()).strip() == "Maple & Pine Logistics Inc."


def test_escaped_values_and_references_are_read_as_they_are() -> None:
    raw = (b'<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form1>'
           b"<A>R&amp;D &#233;t&#xE9; &lt;b&gt; &amp c & d</A></form1></xfa:data></xfa:datasets>")
    data = parse_datasets(raw)
    assert data is not None
    assert "".join(next(element for element in data.iter() if element.tag == "A").itertext()) == (
        "R&D été <b> &amp c & d")


def test_rich_text_values_are_read() -> None:
    data = parse_datasets(make.imm1295_datasets(rich_text_name=True))
    assert data is not None
    names = [element for element in data.iter() if getattr(element, "tag", "") == "FamilyName"]
    assert "".join(names[0].itertext()).strip() == "Doe"


def test_edited_after_validation_is_not_validated() -> None:
    raw = make.imm1295_datasets(validated=True).replace(b">2026-11-02<", b"><")
    assert validation_state(parse_datasets(raw)) is False


def test_french_edition_from_dataset_version() -> None:
    raw = make.static_form_datasets("5707", "01-2023").replace(b"<FormNumber\n>IMM 5707 (01-2023) E</FormNumber\n>",
                                                               b"<FormVersion>.FRA-01-2023</FormVersion>")
    found = identify_form({"datasets": raw}, None, None)
    assert found is not None and (found.number, found.edition, found.language) == ("5707", "01-2023", "F")


@pytest.mark.parametrize("raw", [b"", b"<not xml", b"\x00\xff" * 10, b"<a><b>&&&</b>"])
def test_junk_datasets_do_not_raise(raw: bytes) -> None:
    assert identify_form({"datasets": raw}, None, None) is None


# --------------------------------------------------------------------------- images and Word


def test_image_facts(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.jpg", make.jpeg_bytes(make.photo_image(seed=1, width=640, height=800), dpi=300))
    facts = inspect(path, "jpeg")["image"]
    assert facts == {"format": "JPEG", "width": 640, "height": 800, "mode": "RGB", "colour": True,
                     "dpi": [300.0, 300.0], "frames": 1, "taken": None}


def test_photo_date_from_exif(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.jpg", make.jpeg_bytes(make.photo_image(seed=1, width=64, height=80), taken="2026-05-02"))
    assert inspect(path, "jpeg")["image"]["taken"] == "2026-05-02"


@pytest.mark.parametrize("orientation", [6, 8])
def test_a_phone_photo_is_measured_and_opened_as_it_is_shown(tmp_path: Path, orientation: int) -> None:
    """A portrait photo a phone stored sideways with its EXIF Orientation is a portrait photo: IRCC's portal, a
    browser and any viewer show it upright, so its size is judged (420 x 540 at least) and its pixels read
    (OCR, the MRZ) upright too."""
    from PIL import ImageChops, ImageStat

    from permit_check.files.inspectors.image import open_image

    upright = make.photo_image(seed=1, width=420, height=540)
    path = _write(tmp_path, "p.jpg", make.exif_oriented_jpeg(upright, orientation, quality=95))
    facts = inspect(path, "jpeg")["image"]
    assert (facts["width"], facts["height"]) == (420, 540)
    opened = open_image(path, "jpeg")
    assert opened.size == (420, 540)
    difference = ImageStat.Stat(ImageChops.difference(opened.convert("L"), upright.convert("L")))
    assert difference.mean[0] < 6  # the same picture, up to the JPEG's loss


def test_greyscale_tiff(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.tif", make.image_bytes(make.scan_image(200, 300, seed=1, colour=False), "TIFF"))
    facts = inspect(path, "tiff")["image"]
    assert facts["mode"] == "L" and facts["colour"] is False and facts["width"] == 200


def test_docx_facts_and_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "cv.docx", make.docx_bytes(["Curriculum vitae", "Fish & chips <chef>"]))
    assert inspect(path, "docx") == {"office": {"parts": 3, "uncompressed_bytes": pytest.approx(1500, abs=700)}}
    assert extract_text(path, "docx", 2).splitlines() == ["Curriculum vitae", "Fish & chips <chef>"]


def test_corrupt_docx(tmp_path: Path) -> None:
    path = _write(tmp_path, "cv.docx", make.docx_bytes(["x"])[:200])
    assert inspect(path, "docx")["problem"]["kind"] == "damaged"
    assert extract_text(path, "docx", 2) == ""


# --------------------------------------------------------------------------- never raises


KINDS = ["pdf", "jpeg", "png", "tiff", "docx"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), data=st.binary(min_size=1, max_size=3000))
def test_random_bytes_never_raise(tmp_path: Path, kind: str, data: bytes) -> None:
    path = _write(tmp_path, f"random.{kind}", data)
    assert isinstance(inspect(path, kind), dict)
    with contextlib.suppress(ContentTooComplex):  # the one exception text extraction may raise, by design
        assert isinstance(extract_text(path, kind, 2), str)
SEEDS = {
    "pdf": make.text_pdf(["hello"]),
    "jpeg": make.jpeg_bytes(make.photo_image(seed=1, width=64, height=64)),
    "png": make.image_bytes(make.photo_image(seed=1, width=64, height=64), "PNG"),
    "tiff": make.image_bytes(make.photo_image(seed=1, width=64, height=64), "TIFF"),
    "docx": make.docx_bytes(["hello"]),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), cut=st.integers(min_value=0, max_value=4000),
       flips=st.lists(st.tuples(st.integers(min_value=0, max_value=4000), st.integers(0, 255)), max_size=8))
def test_mutated_files_never_raise(tmp_path: Path, kind: str, cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(SEEDS[kind][: max(1, len(SEEDS[kind]) - cut)])
    for position, value in flips:
        data[position % len(data)] = value
    path = _write(tmp_path, f"mutant.{kind}", bytes(data))
    facts = inspect(path, kind)
    assert isinstance(facts, dict)
    with contextlib.suppress(ContentTooComplex):  # the one exception text extraction may raise, by design
        assert isinstance(extract_text(path, kind, 2), str)
    assert identify_bytes(path.name, bytes(data[:8192]), len(data)).kind


@pytest.mark.parametrize(
    ("number", "edition", "dynamic"),
    [("1295", "09-2023", True), ("5710", "09-2023", True), ("5645", "01-2021", False), ("5707", "08-2024", False),
     ("5476", "11-2025", False), ("5409", "03-2020", False), ("5475", "10-2021", False), ("5257", "04-2024", False),
     ("1344", "06-2019", False)],
)
def test_each_ircc_form_is_identified_with_its_edition(tmp_path: Path, number: str, edition: str,
                                                       dynamic: bool) -> None:
    path = _write(tmp_path, "f.pdf", make.xfa_form_pdf(number, edition=edition, dynamic=dynamic))
    form = inspect_pdf(path)["ircc_form"]
    assert (form["number"], form["edition"], form["language"]) == (number, edition, "E")


def test_form1_told_apart_by_its_data_when_nothing_else_says() -> None:
    found = identify_form({"datasets": make.imm5710_datasets()}, None, None)
    assert found is not None and found.number == "5710" and found.edition == "09-2023"
    assert found.data["passport_expiry"] == "2031-06-30" and found.data["marital_status"] == "single"


# --------------------------------------------------------------------------- reasons are permit-check's own


def _problem_of(tmp_path: Path, name: str, data: bytes, kind: str) -> dict[str, str]:
    facts = inspect(_write(tmp_path, name, data), kind)
    problem: dict[str, str] = facts["problem"]
    return problem


def test_unreadable_word_and_image_files_get_fixed_reasons(tmp_path: Path) -> None:
    """The readers' messages (a ZIP member's name, Pillow's byte counts) stay in the detail."""
    docx = _problem_of(tmp_path, "cv.docx", b"PK\x03\x04 Maria Gonzalez" + bytes(200), "docx")
    assert docx["reason"] == "not a readable Word file" and docx["detail"]
    photo = make.jpeg_bytes(make.photo_image(seed=3, width=200, height=240))
    cut = _problem_of(tmp_path, "photo.jpg", photo[: len(photo) // 2], "jpeg")
    assert cut == {"kind": "truncated", "reason": "the image file is truncated", "detail": cut["detail"]}
    assert "bytes not processed" in cut["detail"]


def test_a_worker_exception_is_only_the_detail_of_a_crash() -> None:
    from permit_check.files.gather import outcome_problem
    from permit_check.files.pool import Outcome
    from permit_check.limits import Limits

    found = outcome_problem(Outcome(failure="error", detail="KeyError: 'Maria Gonzalez'"), "timed out", Limits())
    assert found == {"kind": "crashed", "reason": "the checker stopped unexpectedly",
                     "detail": "KeyError: 'Maria Gonzalez'"}

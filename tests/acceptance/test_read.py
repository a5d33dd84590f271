"""`permit-check read FILE`: what was read from one file, values shown (the user's own), hidden with --redact."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests import docfactory as make
from tests import reportfactory as report
from tests.conftest import REPO, invoke

KEYS = {"path", "kind", "mime", "form", "mrz", "language_test", "text_language"}
MRZ_KEYS = ["layout", "lines", "type", "issuing_country", "surname", "given_names", "number", "nationality",
            "birth_date", "expiry_date", "sex", "check_digits_valid", "unchecked_fields"]
UNCHECKED = ["type", "issuing_country", "surname", "given_names", "nationality", "sex"]
HAS_OCR = importlib.util.find_spec("permit_check.files.inspectors.ocr") is not None


def _read(path: Path, *extra: str) -> dict[str, Any]:
    result = invoke("read", path, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    reading: dict[str, Any] = json.loads(result.stdout)
    assert set(reading) >= KEYS
    return reading


def _form(tmp_path: Path) -> Path:
    return make.write(tmp_path / "imm5710.pdf", make.xfa_form_pdf("5710", edition="09-2023", datasets=(
        make.imm5710_datasets(family_name="Tremblay", given_name="Noor", dob="1993-07-21", validated=True))))


def test_a_form_shows_its_number_edition_state_and_fields(tmp_path: Path) -> None:
    reading = _read(_form(tmp_path))
    form = reading["form"]
    assert (reading["kind"], reading["mime"]) == ("pdf", "application/pdf")
    assert {key: form[key] for key in ("number", "edition", "validated", "language")} == {
        "number": "5710", "edition": "09-2023", "validated": True, "language": "en"}
    fields = {field["id"]: (field["label"], field["value"]) for field in form["fields"]}
    assert fields["family_name"] == ("Family name", "Tremblay")
    assert fields["date_of_birth"] == ("Date of birth", "1993-07-21")
    text = invoke("read", tmp_path / "imm5710.pdf").stdout
    assert "IMM 5710 (edition 09-2023, English), validated" in text and "Family name: Tremblay" in text


def test_redact_hides_every_value_and_keeps_the_keys(tmp_path: Path) -> None:
    shown = _read(_form(tmp_path))
    hidden = _read(tmp_path / "imm5710.pdf", "--redact")
    assert [field["id"] for field in hidden["form"]["fields"]] == [field["id"] for field in shown["form"]["fields"]]
    assert {field["value"] for field in hidden["form"]["fields"]} <= {"[redacted]", None}
    output = invoke("read", tmp_path / "imm5710.pdf", "--redact").stdout
    assert "Tremblay" not in output and "1993" not in output and "Family name: [redacted]" in output
    named = make.write(tmp_path / "Noor_Tremblay_IELTS.pdf", report.report_pdf(report.ielts_lines()))
    hidden_name = invoke("read", named, "--redact")
    assert "Tremblay" not in hidden_name.stdout and "File: file-" in hidden_name.stdout


def test_french_labels(tmp_path: Path) -> None:
    text = invoke("read", _form(tmp_path), "--lang", "fr").stdout
    assert "Formulaire d'IRCC : IMM 5710 (édition 09-2023, anglais), validé" in text
    assert "Nom de famille : Tremblay" in text


@pytest.mark.parametrize(("lines", "expected"), [
    (report.ielts_lines(), {"test": "IELTS", "variant": "General Training", "date": "2026-03-14",
                            "scores": {"listening": 8, "reading": 7, "writing": 7, "speaking": 7.5},
                            "clb": {"listening": 9, "reading": 9, "writing": 9, "speaking": 10}}),
    (report.tcf_lines(), {"test": "TCF", "variant": "Canada", "date": "2026-03-14",
                          "scores": {"listening": 470, "reading": 480, "writing": 11, "speaking": 12},
                          "clb": {"listening": 7, "reading": 7, "writing": 7, "speaking": 8}}),
    (report.pte_lines("PTE Academic"), {"test": "PTE", "variant": "Academic", "date": "2026-03-14",
                                        "scores": {"listening": 72, "reading": 70, "writing": 75, "speaking": 73},
                                        "clb": None}),
])
def test_a_language_report_shows_its_results(tmp_path: Path, lines: list[str], expected: dict[str, Any]) -> None:
    reading = _read(make.write(tmp_path / "results.pdf", report.report_pdf(lines)))
    assert {key: reading["language_test"][key] for key in expected} == expected
    assert reading["form"] is None and reading["mrz"] is None
    # A score report has few sentences, but its labels are as plainly in one language.
    assert reading["text_language"] == {"IELTS": "en", "TCF": "fr", "PTE": "en"}[expected["test"]]
    hidden = _read(tmp_path / "results.pdf", "--redact")["language_test"]
    assert hidden["test"] == expected["test"] and set(hidden["scores"].values()) == {"[redacted]"}


def test_a_scan_without_ocr_says_why_there_is_no_mrz(tmp_path: Path) -> None:
    if HAS_OCR:
        pytest.skip("this installation has the OCR engine: the MRZ is looked for")
    reading = _read(make.write(tmp_path / "passport.pdf", make.scan_pdf(1, seed=1, width=300, height=400)))
    assert reading["mrz"] is None and any("no OCR engine" in note for note in reading["notes"])


def _fake_ocr(mrz: dict[str, Any] | None) -> types.ModuleType:
    module = types.ModuleType("permit_check.files.inspectors.ocr")
    module.require_ocr = lambda: None  # type: ignore[attr-defined]
    module.ocr_text = lambda image: "P<CANTREMBLAY<<NOOR"  # type: ignore[attr-defined]
    module.ocr_pages = lambda images: map(module.ocr_text, images)  # type: ignore[attr-defined]
    module.read_mrzs = lambda images: [mrz] if mrz and [image.width for image in images] else []  # type: ignore[attr-defined]
    return module


def test_the_mrz_the_ocr_engine_reads_is_shown_and_redacted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wiring to the OCR engine's interface (read_mrzs(images) -> [dict]), with a stand-in engine."""
    mrz = {"layout": "TD3", "lines": ["P<CANTREMBLAY<<NOOR<<<<<<<<<<<<<<<<<<<<<<<<<",
                                      "X1234567<0CAN9307213F3106309<<<<<<<<<<<<<<02"],
           "type": "P", "issuing_country": "CAN", "surname": "TREMBLAY", "given_names": "NOOR",
           "number": "X1234567", "nationality": "CAN", "birth_date": "1993-07-21", "expiry_date": "2031-06-30",
           "sex": "F", "check_digits_valid": True, "unchecked_fields": UNCHECKED}
    monkeypatch.setitem(sys.modules, "permit_check.files.inspectors.ocr", _fake_ocr(mrz))
    photo = make.write(tmp_path / "passport.jpg", make.jpeg_bytes(make.photo_image(seed=4), quality=80))
    reading = _read(photo)
    assert list(reading["mrz"]) == MRZ_KEYS and reading["mrz"]["birth_date"] == "1993-07-21"
    text = invoke("read", photo).stdout
    assert "Passport MRZ: TD3, check digits valid" in text and "surname: TREMBLAY" in text
    # "check digits valid" says nothing of the names: no check digit covers them, and the text says so.
    assert "not protected by any check digit (may be misread: compare with the passport): type, issuing country, " \
        "surname, given names, nationality, sex" in text
    hidden = _read(photo, "--redact")["mrz"]
    assert hidden["layout"] == "TD3" and hidden["check_digits_valid"] is True
    assert {hidden[key] for key in MRZ_KEYS if key not in ("layout", "check_digits_valid", "unchecked_fields")} \
        == {"[redacted]"}
    assert hidden["unchecked_fields"] == UNCHECKED  # what the check digits cover is no one's data
    scan = make.write(tmp_path / "passport.pdf", make.scan_pdf(2, seed=1, width=300, height=400))
    assert _read(scan)["mrz"]["number"] == "X1234567"  # a scanned PDF's page images are read too
    monkeypatch.setitem(sys.modules, "permit_check.files.inspectors.ocr", _fake_ocr(None))
    reading = _read(photo)
    assert reading["mrz"] is None and "no machine-readable zone was found" in reading["notes"]


@pytest.mark.skipif(not HAS_OCR, reason="needs the OCR engine (permit_check.files.inspectors.ocr), not installed here")
def test_read_says_which_fields_of_a_valid_zone_no_check_digit_covers(tmp_path: Path) -> None:
    """A card at 150 dpi had FELL/EFFIE shown as FEUL/RFFIE beside "check digits valid": no check digit covers the
    names (nor the countries, the sex), and read says so, in its text (English and French) and in its JSON."""
    from tests import passports

    if passports.ocrb_font_path() is None:
        pytest.skip("the OCR-B font (fonts-ocr-b) is missing")
    holder = passports.Holder(surname="Fell", given_names="Effie", number="X1234567", layout="TD1")
    card = make.write(tmp_path / "card.jpg", make.jpeg_bytes(passports.passport_scan(holder, dpi=200), quality=90))
    reading = _read(card)
    assert reading["mrz"]["check_digits_valid"] is True
    assert reading["mrz"]["unchecked_fields"] == UNCHECKED and list(reading["mrz"]) == MRZ_KEYS
    assert all(zone["unchecked_fields"] == UNCHECKED for zone in reading["mrzs"])
    text = invoke("read", card).stdout
    assert "  not protected by any check digit (may be misread: compare with the passport): type, issuing country, " \
        "surname, given names, nationality, sex" in text
    french = invoke("read", card, "--lang", "fr").stdout
    assert "chiffres de contrôle valides" in french and "  non couverts par un chiffre de contrôle" in french


@pytest.mark.skipif(not HAS_OCR, reason="needs the OCR engine (permit_check.files.inspectors.ocr), not installed here")
def test_a_photographed_language_report_is_read_by_ocr(tmp_path: Path) -> None:
    from PIL import ImageDraw, ImageFont

    image = Image.new("RGB", (1700, 2200), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    for row, line in enumerate(report.celpip_lines(scores=(9, 6, 8, 9))):
        draw.text((100, 100 + row * 70), line, fill="black", font=font)
    reading = _read(make.write(tmp_path / "celpip.jpg", make.jpeg_bytes(image, quality=90)))
    assert reading["language_test"]["clb"] == {"listening": 9, "reading": 6, "writing": 8, "speaking": 9}


def test_a_heic_photo_is_read_like_any_image(tmp_path: Path) -> None:
    reading = _read(make.write(tmp_path / "IMG_2041.HEIC", make.heic_bytes(make.photo_image(seed=2))))
    assert (reading["kind"], reading["mime"]) == ("heic", "image/heic")
    assert (reading["image"]["width"], reading["image"]["height"]) == (840, 1080)


def test_no_file_or_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    missing = invoke("read", tmp_path / "nothing.pdf")
    assert missing.exit_code == 2 and "file not found" in missing.stderr
    folder = invoke("read", tmp_path)
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    os.mkfifo(tmp_path / "pipe.pdf")  # never opened: a reader would wait forever
    pipe = invoke("read", tmp_path / "pipe.pdf")
    assert pipe.exit_code == 2 and "not a regular file" in pipe.stderr


def test_a_name_with_escape_codes_is_shown_safely(tmp_path: Path) -> None:
    path = make.write(tmp_path / "evil\x1b]0;title\x07.pdf", make.text_pdf(["IELTS General Training"]))
    result = invoke("read", path)
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "\\x1b" in result.stdout
    assert "\x1b" not in invoke("read", path, "--format", "json").stdout


def _hostile_files() -> dict[str, bytes]:
    """One file of every kind the hostile corpus builds."""
    text = make.text_pdf(["Dear officer, a letter of explanation"])
    return {
        "slow-text.pdf": make.slow_text_pdf(300_000),
        "content-bomb.pdf": make.content_bomb_pdf(200_000_000),
        "xmp-bomb.pdf": make.xmp_bomb_pdf(200_000_000),
        "xfa-bomb.pdf": make.xfa_bomb_pdf(200_000_000),
        "page-tree-cycle.pdf": make.page_tree_cycle_pdf(),
        "huge-count.pdf": make.huge_count_pdf(),
        "nested-arrays.pdf": make.nested_arrays_pdf(100_000),
        "deep-page-tree.pdf": make.deep_page_tree_pdf(3000),
        "junk-before-header.pdf": b"\x00junk" * 100 + text,
        "garbled-trailer.pdf": make.garbled_trailer(make.text_pdf(["a", "b"])),
        "certificate.pdf": make.certificate_encrypted_pdf(),
        "radio.pdf": make.radio_kid_without_appearance_pdf("Sex"),
        "junk-xref.pdf": make.junk_in_xref_pdf("\x1b[31m"),
        "truncated.pdf": make.truncated(text),
        "password.pdf": make.text_pdf(["secret"], user_password="pw"),
        "tiff-bomb.tif": make.tiff_bomb(200, width=2000, height=2000),
        "huge.png": make.blank_png(20_000, 20_000),
        "truncated.jpg": make.truncated(make.jpeg_bytes(make.photo_image(seed=1))),
        "truncated.heic": make.truncated(make.heic_bytes(make.photo_image(seed=1))),
        "empty.pdf": b"",
        "random.bin": bytes(range(256)) * 40,
        "word.docx": make.docx_bytes(["A letter"]),
    }


def test_read_never_shows_a_traceback_on_the_examples_or_the_hostile_corpus(tmp_path: Path) -> None:
    files = sorted(path for folder in ("ready-application", "returned-application")
                   for path in (REPO / "examples" / folder).iterdir())
    for name, data in _hostile_files().items():
        files.append(make.write(tmp_path / name, data))
    files.append(make.sparse(tmp_path / "sparse.pdf", 300_000_000))
    for path in files:
        text = invoke("read", path, "--timeout", "3")
        assert text.exit_code == 0 and text.stderr == "", (path.name, text.stderr)
        assert text.stdout.startswith("File: ") and "Traceback" not in text.stdout, path.name
        data = invoke("read", path, "--timeout", "3", "--format", "json")
        assert data.exit_code == 0 and data.stderr == "", (path.name, data.stderr)
        assert set(json.loads(data.stdout)) >= KEYS, path.name


def test_every_word_of_read_has_french() -> None:
    """read's words are catalogue messages, each translated in the French catalogue."""
    from babel.messages.pofile import read_po

    from permit_check.commands.read import NOTES
    from permit_check.i18n import LOCALE_DIR
    from permit_check.reports.reading import ABILITY_NAMES, MRZ_LABELS, READ_WORDS

    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "permit_check.po").open("rb") as handle:
        translated = {message.id for message in read_po(handle) if message.id and message.string}
    for table in (READ_WORDS, ABILITY_NAMES, MRZ_LABELS, NOTES):
        assert set(table.values()) <= translated


def test_an_ocr_engine_that_cannot_run_is_one_line_and_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from permit_check.errors import EnvironmentProblem

    def missing() -> None:
        raise EnvironmentProblem("the OCR engine is not installed: run 'apt-get install tesseract-ocr'")

    engine = _fake_ocr(None)
    engine.require_ocr = missing  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "permit_check.files.inspectors.ocr", engine)
    result = invoke("read", make.write(tmp_path / "passport.jpg", make.jpeg_bytes(make.photo_image(seed=4))))
    assert result.exit_code == 3 and result.stderr.count("\n") == 1 and "tesseract-ocr" in result.stderr
    assert _read(_form(tmp_path))["form"]["number"] == "5710"  # a form needs no OCR: it is read all the same


def test_output_that_is_the_file_read_is_refused_before_reading(tmp_path: Path) -> None:
    data = make.jpeg_bytes(make.photo_image(seed=4))
    photo = make.write(tmp_path / "scan.jpg", data)
    os.link(photo, tmp_path / "hard.jpg")
    for output in (photo, tmp_path / "hard.jpg", tmp_path / "." / "scan.jpg"):
        result = invoke("read", photo, "-o", output)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "is the file being read" in result.stderr and "Traceback" not in result.stderr
    french = invoke("read", photo, "-o", photo, "--lang", "fr")
    assert french.exit_code == 2 and "est le fichier lu" in french.stderr
    assert photo.read_bytes() == data and (tmp_path / "hard.jpg").read_bytes() == data
    written = invoke("read", photo, "-o", tmp_path / "report.txt")
    assert written.exit_code == 0 and (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("File: ")


def _without_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The OCR engine as on a machine without Tesseract's language data: installed, unable to run."""
    from permit_check.files.inspectors import ocr

    monkeypatch.setattr(ocr, "TESSDATA_DIRS", ())
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)


@pytest.mark.skipif(not HAS_OCR, reason="needs the OCR engine's module, to make it unable to run")
def test_without_the_engine_read_reads_what_needs_no_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _without_engine(monkeypatch)
    cv = _read(REPO / "examples" / "ready-application" / "cv.pdf")
    assert cv["kind"] == "pdf" and cv["notes"] == []  # no picture in it: nothing was left unread
    ielts = _read(make.write(tmp_path / "ielts.pdf", report.report_pdf(report.ielts_lines())))
    assert ielts["language_test"]["clb"]["listening"] == 9
    # A searchable scan: its words are read, its pictures (where a passport's MRZ would be) are not, and it says so.
    page = make.scan_image(1200, 1600, seed=5)
    searchable = make.write(tmp_path / "searchable.pdf", make.searchable_scan_pdf([(page, ["Curriculum vitae"])]))
    reading = _read(searchable)
    assert reading["mrz"] is None and len(reading["notes"]) == 1, reading["notes"]
    note = reading["notes"][0]
    assert note.startswith("the pictures in the file were not searched") and "tesseract-ocr" in note
    assert "no machine-readable zone was found" not in reading["notes"]
    french = _read(searchable, "--lang", "fr")["notes"]
    assert len(french) == 1 and "tesseract-ocr" in french[0] and "pictures" not in french[0]
    # What needs OCR still needs the engine: one line naming the package, exit 3.
    photo = invoke("read", make.write(tmp_path / "scan.jpg", make.jpeg_bytes(make.photo_image(seed=4))))
    assert photo.exit_code == 3 and photo.stderr.count("\n") == 1 and "tesseract-ocr" in photo.stderr


def test_a_photo_is_not_said_to_have_a_text_layer(tmp_path: Path) -> None:
    for path in (REPO / "examples" / "ready-application" / "photo.jpg",
                 make.write(tmp_path / "photo.png", make.image_bytes(make.photo_image(seed=3), "PNG")),
                 make.write(tmp_path / "IMG_2041.HEIC", make.heic_bytes(make.photo_image(seed=2)))):
        text = invoke("read", path)
        assert text.exit_code == 0 and "text layer" not in text.stdout, (path.name, text.stdout)


def test_the_language_of_a_document_of_labels_and_headings_is_known(tmp_path: Path) -> None:
    """A CV or a test report holds almost none of a letter's little words; its headings say its language."""
    assert _read(REPO / "examples" / "ready-application" / "cv.pdf")["text_language"] == "en"
    for lines, language in ((report.celpip_lines(), "en"), (report.pte_lines(), "en"), (report.tef_lines(), "fr")):
        assert _read(make.write(tmp_path / "report.pdf", report.report_pdf(lines)))["text_language"] == language
    cv = ["Curriculum vitae", "Expérience professionnelle", "2021-2026 Coordonnatrice logistique, Montréal",
          "Formation : baccalauréat en génie industriel (2017)", "Langues : français, anglais"]
    assert _read(make.write(tmp_path / "cv-fr.pdf", make.text_pdf([cv])))["text_language"] == "fr"
    assert _read(make.write(tmp_path / "few.pdf", make.text_pdf([["Lagos Freight Ltd."]])))["text_language"] is None


def test_bands_are_shown_as_the_report_prints_them(tmp_path: Path) -> None:
    """IELTS prints 8.0 and 7.0: read showed "8" and "7"."""
    path = make.write(tmp_path / "ielts.pdf", report.report_pdf(report.ielts_lines()))
    text = invoke("read", path).stdout
    assert "listening: 8.0 (CLB 9)" in text and "reading: 7.0 (CLB 9)" in text and "speaking: 7.5" in text
    assert "compréhension de l'oral : 8,0" in invoke("read", path, "--lang", "fr").stdout
    assert json.loads(invoke("read", path, "--format", "json").stdout)["language_test"]["scores"]["listening"] == 8.0
    celpip = make.write(tmp_path / "celpip.pdf", report.report_pdf(report.celpip_lines()))
    assert "listening: 9 (CLB 9)" in invoke("read", celpip).stdout  # CELPIP levels are whole


def test_redacted_values_are_said_in_the_run_s_language(tmp_path: Path) -> None:
    path = make.write(tmp_path / "ielts.pdf", report.report_pdf(report.ielts_lines()))
    french = invoke("read", path, "--redact", "--lang", "fr").stdout
    assert "[masqué]" in french and "[redacted]" not in french
    assert "[redacted]" in invoke("read", path, "--redact").stdout
    assert "[redacted]" in invoke("read", path, "--redact", "--lang", "fr", "--format", "json").stdout  # data


@pytest.mark.skipif(not HAS_OCR, reason="needs the OCR engine to read the passport's words")
def test_a_bilingual_passport_page_is_in_no_one_language() -> None:
    """The Brazilian passport's page of labels in English and French was said to be French."""
    reading = _read(REPO / "examples" / "ready-application" / "passport.pdf")
    assert reading["text_language"] is None
    assert "Text language: not known" in invoke("read", REPO / "examples" / "ready-application" / "passport.pdf").stdout

"""The MRZ reader: every ICAO 9303 layout parsed and checked, OCR confusions corrected only where provable,
and generated passports, cards and visas read exactly under the damage real scans have."""

from __future__ import annotations

import pytest

from permit_check.errors import EnvironmentProblem
from permit_check.files.inspectors import ocr
from permit_check.files.inspectors.page_images import page_images
from permit_check.files.inspectors.passport_mrz import parse_mrz, read_lines, read_mrz
from tests import passports
from tests.passports import Holder, damaged, document_page, mrz_lines

pytestmark = pytest.mark.skipif(passports.ocrb_font_path() is None, reason="the OCR-B font (fonts-ocr-b) is missing")

HOLDER = Holder(surname="García Márquez", given_names="José Luis", number="AB1234567", country="MEX",
                nationality="MEX", birth_date="880902", sex="M", expiry_date="320520")


@pytest.mark.parametrize("layout", ["TD3", "TD2", "TD1", "MRVA", "MRVB"])
def test_every_layout_is_parsed_with_its_check_digits(layout: str) -> None:
    reading = read_lines(mrz_lines(passports.with_layout(HOLDER, layout)))
    assert reading is not None
    assert reading["layout"] == layout
    assert reading["check_digits_valid"] is True
    assert (reading["surname"], reading["given_names"]) == ("GARCIA MARQUEZ", "JOSE LUIS")
    assert (reading["birth_date"], reading["expiry_date"]) == ("1988-09-02", "2032-05-20")
    assert (reading["number"], reading["nationality"], reading["sex"]) == ("AB1234567", "MEX", "M")


def test_a_wrong_check_digit_is_never_valid() -> None:
    first, second = mrz_lines(HOLDER)
    wrong = second[:19] + str((int(second[19]) + 1) % 10) + second[20:]
    assert read_lines([first, wrong])["check_digits_valid"] is False  # type: ignore[index]


def test_letters_read_in_digit_fields_are_corrected_when_the_check_digit_then_holds() -> None:
    first, second = mrz_lines(HOLDER)
    misread = second[:13] + second[13:19].replace("8", "B").replace("0", "O") + second[19:]
    reading = read_lines([first, misread])
    assert reading is not None and reading["check_digits_valid"] is True
    assert reading["birth_date"] == "1988-09-02"


def test_the_document_number_is_never_guessed() -> None:
    # The number may hold letters and digits: an O read for a 0 there is not corrected, so the read fails.
    holder = Holder(number="X1034567")
    first, second = mrz_lines(holder)
    reading = read_lines([first, second.replace("X1034567", "X1O34567", 1)])
    assert reading is not None and reading["check_digits_valid"] is False


def test_fillers_read_as_letters_after_the_name_are_restored() -> None:
    first, second = mrz_lines(HOLDER)
    noisy = first[:30] + "K<KKC" + first[35:]
    reading = read_lines([noisy, second])
    assert reading is not None
    assert reading["given_names"] == "JOSE LUIS"
    assert reading["lines"][0] == first


def test_a_page_without_mrz_reads_nothing() -> None:
    assert read_mrz([document_page(HOLDER, dpi=200, with_mrz=False)]) is None


@pytest.mark.parametrize("damage", list(passports.DAMAGE))
def test_generated_passports_are_read_exactly(damage: str) -> None:
    for seed in (1, 2):
        holder = passports.varied_holder(seed * 7 + len(damage), "TD3")
        expected = parse_mrz(mrz_lines(holder), "TD3")
        reading = read_mrz([damaged(holder, damage, seed)])
        assert reading is not None and reading["check_digits_valid"], damage
        assert reading == expected


@pytest.mark.parametrize("layout", ["TD1", "TD2", "MRVA", "MRVB"])
def test_cards_and_visas_are_read_exactly(layout: str) -> None:
    holder = passports.varied_holder(11, layout)
    reading = read_mrz([passports.passport_scan(holder, dpi=200, seed=3)])
    assert reading == parse_mrz(mrz_lines(holder), layout)


def test_the_mrz_is_found_on_page_two_of_a_scanned_pdf(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cover = document_page(HOLDER, dpi=150, with_mrz=False)
    path = tmp_path / "passport.pdf"
    path.write_bytes(passports.scanned_pdf([cover, passports.passport_scan(HOLDER, dpi=200)], dpi=200))
    reading = read_mrz(page_images(path, "pdf"))
    assert reading is not None and reading["check_digits_valid"]
    assert reading["number"] == "AB1234567"


def test_a_missing_engine_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "TESSDATA_DIRS", ())
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    with pytest.raises(EnvironmentProblem) as raised:
        ocr.require_ocr()
    message = str(raised.value)
    assert "tesseract-ocr-eng" in message and "\n" not in message
    assert raised.value.exit_code == 3


def test_ocr_text_reads_a_printed_line() -> None:
    page = document_page(HOLDER, dpi=300)
    assert "PASSPORT" in ocr.ocr_text(page)

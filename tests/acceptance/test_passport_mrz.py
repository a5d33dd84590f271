"""What the scan learns from the passport's machine-readable zone: each finding provoked by a real scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from permit_check.files import gather
from permit_check.files.inspectors import ocr
from tests import docfactory as make
from tests import passports
from tests.conftest import BASE_ANSWERS, PASSPORT, invoke, scan_json

pytestmark = pytest.mark.skipif(passports.ocrb_font_path() is None, reason="the OCR-B font (fonts-ocr-b) is missing")


def _passport(folder: Path, holder: passports.Holder = PASSPORT, *, lines: list[str] | None = None,
              with_mrz: bool = True) -> None:
    page = passports.document_page(holder, dpi=200, with_mrz=with_mrz, lines=lines)
    make.write(folder / "passport.pdf", passports.scanned_pdf([passports.on_scanner_bed(page, dpi=200, seed=1)]))


def _without_form(folder: Path) -> None:
    """No IMM 1295: the passport expiry then comes from permit-check.toml or the passport itself."""
    (folder / "imm1295.pdf").unlink()


def test_a_passport_whose_mrz_agrees_raises_nothing(complete: Path) -> None:
    rules = scan_json(complete).rules()
    assert not [rule for rule in rules if "mrz" in rule or rule.startswith("identity.")], rules


def test_a_passport_without_its_bio_data_page_is_a_warning(complete: Path) -> None:
    _passport(complete, with_mrz=False)
    finding = scan_json(complete).finding("passport.mrz-missing")
    assert finding["severity"] == "warning" and finding["path"] == "passport.pdf"
    assert "passport.pdf" in finding["message"] and "bio-data page" in finding["message"]


def test_pages_the_limits_left_unread_are_said_unchecked_not_missing(complete: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A bio-data page past the pages read, or a page picture over the pixel cap, was never looked at: the
    finding says which pages could not be checked and why, never that the bio-data page is missing."""
    from permit_check.files.inspectors import page_images

    blank = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200, with_mrz=False), dpi=200, seed=2)
    bio_data = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200), dpi=200, seed=1)
    make.write(complete / "passport.pdf", passports.scanned_pdf([blank, blank, bio_data]))
    monkeypatch.setattr(page_images, "MAX_PAGES", 2)  # the workers are forked from this process
    result = scan_json(complete, "--no-cache")
    assert "passport.mrz-missing" not in result.rules()
    message = result.finding("passport.mrz-unchecked")["message"]
    assert "not every page of it could be checked" in message and "from page 3 on" in message
    assert "missing" not in message

    monkeypatch.setattr(page_images, "MAX_PAGES", 40)
    monkeypatch.setattr(page_images, "MAX_PAGE_PIXELS", bio_data.width * bio_data.height - 1)
    make.write(complete / "passport.pdf", passports.scanned_pdf([bio_data]))
    message = scan_json(complete, "--no-cache").finding("passport.mrz-unchecked")["message"]
    assert "page 1 is a picture of more than 3 million pixels" in message and "missing" not in message


def test_a_scan_whose_check_digits_fail_is_not_legible(complete: Path) -> None:
    first, second = passports.mrz_lines(PASSPORT)
    broken = second[:9] + str((int(second[9]) + 3) % 10) + second[10:19] + "0" + second[20:]
    _passport(complete, lines=[first, broken])
    result = scan_json(complete)
    finding = result.finding("passport.mrz-illegible")
    assert "not legible enough" in finding["message"] and "300 DPI" in finding["hint"]
    assert "glare" in finding["hint"]
    # A read that fails its check digits is never used: no expiry, no identity from it.
    assert not [rule for rule in result.rules() if rule.startswith("identity.")]


def test_the_mrz_expiry_drives_the_passport_dates_like_a_form(complete: Path) -> None:
    _without_form(complete)
    (complete / "permit-check.toml").write_text(
        BASE_ANSWERS + "\n[documents.passport]\nexpires = 2027-06-01\n", encoding="utf-8")
    from_answers = scan_json(complete).finding("passport.expires-before-work-end")
    (complete / "permit-check.toml").write_text(BASE_ANSWERS, encoding="utf-8")
    _passport(complete, passports.replace(PASSPORT, expiry_date="270601"))
    result = scan_json(complete)
    assert "passport.expiry-unknown" not in result.rules()
    assert result.finding("passport.expires-before-work-end") == from_answers


def test_an_mrz_expiry_that_differs_from_the_form_is_an_error(complete: Path) -> None:
    _passport(complete, passports.replace(PASSPORT, expiry_date="330115"))
    finding = scan_json(complete).finding("passport.mrz-expiry")
    assert finding["severity"] == "error" and finding["path"] == "passport.pdf"
    assert "2033" not in finding["message"] and "2031" not in finding["message"]


def test_a_name_that_differs_from_the_forms_names_the_files_not_the_values(complete: Path) -> None:
    _passport(complete, passports.replace(PASSPORT, surname="Trembley"))
    result = scan_json(complete)
    finding = result.finding("identity.mrz-family-name")
    assert finding["path"] == "passport.pdf" and "passport.pdf (MRZ)" in finding["message"]
    assert "TREMBLEY" not in finding["message"].upper()


def test_names_only_the_mrz_gives_otherwise_are_a_warning_to_check_never_not_ready(complete: Path) -> None:
    """No check digit protects an MRZ's names: a misread (LI FEI read LT REI) must not make correct forms
    NOT READY; the user is asked to compare the passport with the forms."""
    assert scan_json(complete).json()["ready"] is True
    _passport(complete, passports.replace(PASSPORT, surname="Trembley", given_names="Nora"))
    result = scan_json(complete)
    for rule, field in (("identity.mrz-family-name", "family name"), ("identity.mrz-given-names", "given names")):
        finding = result.finding(rule)
        assert finding["severity"] == "warning"
        assert finding["message"] == (f"passport.pdf (MRZ): the machine-readable zone, as read, does not give "
                                      f"the same {field} as permit-check.toml.")
        assert "Compare the names on the passport's bio-data page with the forms" in finding["hint"]
    assert not {"identity.family-name", "identity.given-names"} & set(result.rules())
    assert result.json()["ready"] is True


def test_a_last_given_name_of_filler_look_alike_letters_is_not_reported_missing(complete: Path) -> None:
    """A clean scan of MARY LEE was read MARY (LEE taken for misread fillers): correct forms were NOT READY."""
    answers = BASE_ANSWERS.replace('family_name = "Tremblay"', 'family_name = "Smith"')
    given = next(line for line in answers.splitlines() if line.startswith("given_names"))
    (complete / "permit-check.toml").write_text(answers.replace(given, 'given_names = "Mary Lee"'), encoding="utf-8")
    _without_form(complete)
    (complete / "imm5645.pdf").unlink()
    _passport(complete, passports.replace(PASSPORT, surname="Smith", given_names="Mary Lee"))
    result = scan_json(complete)
    assert not [rule for rule in result.rules() if rule.startswith("identity.")], result.rules()


def test_number_and_birth_date_are_compared_too(complete: Path) -> None:
    _passport(complete, passports.replace(PASSPORT, number="X7654321", birth_date="930722"))
    rules = scan_json(complete).rules()
    assert "identity.passport-number" in rules and "identity.date-of-birth" in rules


def test_accents_are_compared_as_the_mrz_transliterates_them(complete: Path) -> None:
    answers = BASE_ANSWERS.replace('family_name = "Tremblay"', 'family_name = "Müller-Lüdenscheidt"')
    (complete / "permit-check.toml").write_text(answers, encoding="utf-8")
    _without_form(complete)
    (complete / "imm5645.pdf").unlink()
    _passport(complete, passports.replace(PASSPORT, surname="Müller-Lüdenscheidt"))
    result = scan_json(complete)
    assert not [rule for rule in result.rules() if rule.startswith("identity.")], result.rules()


def test_a_cached_rescan_never_runs_ocr_again(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _passport(complete, passports.replace(PASSPORT, expiry_date="330115"))
    first = scan_json(complete)
    assert "passport.mrz-expiry" in first.rules()

    def no_ocr(task: object) -> None:
        raise AssertionError("OCR ran on a cached file")

    monkeypatch.setattr(gather, "_mrz_task", no_ocr)
    second = scan_json(complete)
    assert second.rules() == first.rules()


def test_only_the_passport_slot_is_read_by_ocr(complete: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    make.write(complete / "letter-of-explanation.pdf", passports.scanned_pdf([passports.passport_scan(PASSPORT)]))
    log = tmp_path / "ocr.log"
    original = gather._mrz_task

    def spy(task: tuple[Path, str]) -> dict[str, object]:
        with log.open("a") as handle:  # the task runs in a forked worker: it reports through a file
            handle.write(task[0].name + "\n")
        return original(task)

    monkeypatch.setattr(gather, "_mrz_task", spy)
    scan_json(complete)
    assert log.read_text().split() == ["passport.pdf"]


def test_a_missing_ocr_engine_stops_the_scan_with_what_to_install(complete: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "TESSDATA_DIRS", ())
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    result = invoke("scan", complete, "--format", "json", "--jobs", "1")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "tesseract-ocr-eng" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_without_a_passport_scan_needs_no_ocr_engine(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (complete / "passport.pdf").unlink()
    monkeypatch.setattr(ocr, "TESSDATA_DIRS", ())
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    result = scan_json(complete)
    assert result.exit_code == 1 and "passport.missing" in result.rules()


def test_mrz_findings_speak_french(complete: Path) -> None:
    _passport(complete, with_mrz=False)
    finding = scan_json(complete, "--lang", "fr").finding("passport.mrz-missing")
    assert "page des données biographiques" in finding["message"] and "300 ppp" in finding["hint"]


@pytest.mark.parametrize(("second", "warned"), [
    (passports.Holder(surname="Okafor", given_names="Amara", number="P9876543", country="NGA", nationality="NGA",
                      birth_date="910314", expiry_date="300101"), True),
    (passports.Holder(surname="Tremblay", given_names="Noor", number="V5550001", country="USA",
                      birth_date=PASSPORT.birth_date, expiry_date="280101", layout="MRVA"), False),
], ids=["another person's passport", "the applicant's own visa page"])
def test_a_passport_file_holding_another_documents_zone_is_a_warning(complete: Path, second: passports.Holder,
                                                                      warned: bool) -> None:
    """Two passports laid on the scanner together: the scan reads both zones and says the file holds more than one
    document's, naming the file and nothing read from either. A visa page of the applicant's own is part of
    the passport, and says nothing."""
    sheet = passports.together_on_scanner_bed([passports.document_page(PASSPORT, dpi=200),
                                               passports.document_page(second, dpi=200, seed=2)], dpi=200, seed=1)
    make.write(complete / "passport.pdf", passports.scanned_pdf([sheet]))
    result = scan_json(complete)
    if not warned:
        assert "passport.mrz-several" not in result.rules()
        return
    finding = result.finding("passport.mrz-several")
    assert finding["severity"] == "warning" and finding["path"] == "passport.pdf"
    assert finding["message"] == ("passport.pdf holds 2 different machine-readable zones, of more than one document: "
                                  "check that it is the passport of the one person applying.")
    assert not any(value in result.stdout for value in ("OKAFOR", "Okafor", "P9876543", "NGA"))


def test_a_visa_page_scanned_above_the_bio_data_page_never_stands_for_the_passport(complete: Path) -> None:
    """The visa's zone was read first (it is higher on the sheet) and taken for the passport's: its number and
    expiry then "differed" from the forms'. The passport's own zone is the one compared."""
    visa = passports.Holder(surname="Tremblay", given_names="Noor", number="V5550001", country="USA",
                            birth_date=PASSPORT.birth_date, expiry_date="280101", layout="MRVA")
    sheet = passports.together_on_scanner_bed([passports.document_page(visa, dpi=200, seed=3),
                                               passports.document_page(PASSPORT, dpi=200)], dpi=200, seed=1)
    make.write(complete / "passport.pdf", passports.scanned_pdf([sheet]))
    rules = scan_json(complete).rules()
    assert not [rule for rule in rules if "mrz" in rule or rule.startswith("identity.")], rules


SPOUSE = passports.Holder(surname="Okafor", given_names="Amara", number="P9876543", country="NGA", nationality="NGA",
                          birth_date="910314", expiry_date="300101")


@pytest.mark.parametrize(("applicant", "compared"), [
    (PASSPORT, True),
    (passports.replace(PASSPORT, number="X7654321", expiry_date="330115"), False),
], ids=["the applicant's zone agrees with the forms", "no zone agrees with the forms"])
def test_two_peoples_passports_in_one_file_compare_only_the_applicants_zone(complete: Path,
                                                                           applicant: passports.Holder,
                                                                           compared: bool) -> None:
    """A spouse's bio-data page scanned first, the applicant's second, in one two-page PDF: the first zone was
    compared with the forms, and correct forms were told their date of birth, passport number and expiry were
    wrong. The zone compared is the one whose number and date of birth the forms give; when none (or more than
    one) does, no zone is, and the several-zones warning is what the user is left with."""
    pages = [passports.on_scanner_bed(passports.document_page(holder, dpi=200, seed=seed), dpi=200, seed=1)
             for holder, seed in ((SPOUSE, 2), (applicant, 0))]
    make.write(complete / "passport.pdf", passports.scanned_pdf(pages))
    result = scan_json(complete)
    assert result.finding("passport.mrz-several")["path"] == "passport.pdf"
    wrong = {"identity.date-of-birth", "identity.passport-number", "identity.family-name", "identity.given-names",
             "identity.mrz-family-name", "identity.mrz-given-names", "passport.mrz-expiry"}
    assert not wrong & set(result.rules()), result.rules()
    if compared:  # the applicant's zone is the one compared: an expiry that differs in it is still an error
        make.write(complete / "passport.pdf", passports.scanned_pdf([
            passports.on_scanner_bed(passports.document_page(holder, dpi=200, seed=seed), dpi=200, seed=1)
            for holder, seed in ((SPOUSE, 2), (passports.replace(PASSPORT, expiry_date="330115"), 0))]))
        assert scan_json(complete).finding("passport.mrz-expiry")["path"] == "passport.pdf"

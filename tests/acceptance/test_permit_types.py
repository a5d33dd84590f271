"""Each permit type's conditional items both ways, and every date, identity, form and translation rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import docfactory as make
from tests import passports
from tests.conftest import PASSPORT, Result, scan_json

PERSON = 'family_name = "Tremblay"\ngiven_names = "Noor"\ndate_of_birth = 1993-07-21\n' \
         "lived_in_designated_country = false\n"
# The medical-exam questions are answered: left open, they would keep every folder from being ready.
NO_MEDICAL = "[work]\nhealth_or_childcare = false\n"


def _passport() -> bytes:
    return make.scan_pdf(1, seed=1, width=600, height=800, noise=0.04, quality=55)


def _bio_data_passport() -> bytes:
    """The passport's bio-data page, its MRZ agreeing with the forms (number, expiry, name, birth date)."""
    return passports.scanned_pdf([passports.passport_scan(PASSPORT, dpi=150)], dpi=150, quality=55)


def _photo(taken: str = "2026-10-01") -> bytes:
    return make.jpeg_bytes(make.photo_image(seed=2), quality=85, taken=taken)


def _letter(*lines: str) -> bytes:
    return make.text_pdf([list(lines)])


def _form_1295(**data: Any) -> bytes:
    data = {"family_name": "Tremblay", "given_name": "Noor", "dob": "1993-07-21", "validated": True, **data}
    return make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(**data))


def _form_5710(**data: Any) -> bytes:
    data = {"family_name": "Tremblay", "given_name": "Noor", "dob": "1993-07-21", "validated": True, **data}
    return make.xfa_form_pdf("5710", edition="09-2023", datasets=make.imm5710_datasets(**data))


def _family_5645(name: str = "TREMBLAY, Noor", dob: str = "1993-07-21") -> bytes:
    return make.xfa_form_pdf("5645", edition="01-2021", dynamic=False, datasets=make.static_form_datasets(
        "5645", "01-2021", {"page1/SectionA/Applicant/AppName": name, "page1/SectionA/Applicant/AppDOB": dob}))


def _folder(root: Path, answers: str, files: dict[str, bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "permit-check.toml").write_text(answers, encoding="utf-8")
    for name, data in files.items():
        make.write(root / name, data)
    return root


def _filename(key: str) -> str:
    """Keyword to file name: completion_letter_pdf -> completion-letter.pdf."""
    stem, _, extension = key.rpartition("_")
    return f"{stem.replace('_', '-')}.{extension}"


def _with(base: dict[str, bytes], files: dict[str, bytes]) -> dict[str, bytes]:
    """A type's base folder with the test's files added or replaced (keyword names as in _filename)."""
    return {**base, **{_filename(key): data for key, data in files.items()}}


def _status(result: Result, item: str) -> str:
    return next(entry["status"] for entry in result.json()["items"] if entry["id"] == item)


# =========================================================================== outside Canada: dates and forms

OUTSIDE = f'type = "work-permit-outside-canada"\n[applicant]\n{PERSON}{NO_MEDICAL}basis = "open"\n'


def _outside(tmp_path: Path, answers: str = OUTSIDE, **files: bytes) -> Path:
    base = {"imm1295.pdf": _form_1295(), "imm5645.pdf": _family_5645(), "passport.pdf": _passport(),
            "photo.jpg": _photo()}
    return _folder(tmp_path / "docs", answers, _with(base, files))


def test_passport_valid_for_the_whole_stay_is_fine(tmp_path: Path) -> None:
    answers = OUTSIDE + "start = 2027-01-01\nend = 2028-12-31\n"
    result = scan_json(_outside(tmp_path, answers, passport_pdf=_bio_data_passport()))
    assert result.exit_code == 0
    assert not [rule for rule in result.rules() if rule.startswith("passport.")]


def test_passport_expiring_before_work_ends_says_how_many_days_are_cut(tmp_path: Path) -> None:
    answers = OUTSIDE + "start = 2027-01-01\nend = 2031-12-31\n"  # the form's passport expires 2031-06-30
    finding = scan_json(_outside(tmp_path, answers)).finding("passport.expires-before-work-end")
    # Not a reason to return the application: the permit is cut short, so a warning says by how much.
    assert finding["severity"] == "warning" and "cut short by 184 days" in finding["message"]
    assert "2031" not in finding["message"]  # dates of the document are not printed


def test_passport_less_than_six_months_after_start(tmp_path: Path) -> None:
    folder = _outside(tmp_path, imm1295_pdf=_form_1295(passport_expiry="2027-04-01"),
                      answers=OUTSIDE + "start = 2027-01-01\nend = 2027-03-31\n")
    result = scan_json(folder)
    assert result.finding("passport.six-months")["severity"] == "warning"
    assert "passport.expires-before-work-end" not in result.rules()


def test_six_month_passport_rule_is_for_visa_offices_only(tmp_path: Path) -> None:
    """Inside Canada the permit is simply cut at the passport's expiry: no 6-month warning there."""
    period = "start = 2027-01-01\nend = 2027-03-31\n"
    inside = INSIDE.replace('basis = "open"\n', 'basis = "open"\n' + period)
    folder = _inside(tmp_path / "in", inside, imm5710_pdf=_form_5710(passport_expiry="2027-04-01"))
    assert "passport.six-months" not in scan_json(folder).rules()
    # A spousal permit is applied for from either side: the application form found says which.
    spousal = SOWP.replace("[work]\n", "[work]\n" + period)
    outside = _sowp(tmp_path / "out", spousal,
                    imm1295_pdf=_form_1295(marital_status="01", passport_expiry="2027-04-01"))
    assert "passport.six-months" in scan_json(outside).rules()
    from_inside = _sowp(tmp_path / "sowp-in", spousal,
                        imm1295_pdf=_form_5710(marital_status="01", passport_expiry="2027-04-01"))
    (from_inside / "imm1295.pdf").rename(from_inside / "imm5710.pdf")
    assert "passport.six-months" not in scan_json(from_inside).rules()


def test_expired_passport(tmp_path: Path) -> None:
    result = scan_json(_outside(tmp_path, imm1295_pdf=_form_1295(passport_expiry="2026-01-31")))
    assert result.finding("passport.expired")["severity"] == "error"


def test_work_period_and_passport_expiry_come_from_the_form(tmp_path: Path) -> None:
    """permit-check.toml gives no dates; IMM 1295 has the work period and the passport expiry."""
    form = _form_1295(passport_expiry="2028-06-30", work_from="2027-01-01", work_to="2028-12-31")
    finding = scan_json(_outside(tmp_path, imm1295_pdf=form)).finding("passport.expires-before-work-end")
    assert "184 days" in finding["message"]


def test_form_dates_win_over_the_answers(tmp_path: Path) -> None:
    form = _form_1295(work_from="2027-01-01", work_to="2027-12-31")
    answers = OUTSIDE + "start = 2027-01-01\nend = 2035-12-31\n"
    assert "passport.expires-before-work-end" not in scan_json(_outside(tmp_path, answers, imm1295_pdf=form)).rules()


def test_unknown_passport_expiry_is_a_note_saying_what_to_add(tmp_path: Path) -> None:
    form = _form_1295(passport_expiry="")
    result = scan_json(_outside(tmp_path, imm1295_pdf=form))
    note = result.finding("passport.expiry-unknown")
    assert note["severity"] == "info" and "[documents.passport]" in note["hint"]
    empty = result.finding("application-form.empty-field")
    assert empty["message"] == "Passport expiry date is empty in imm1295.pdf (IMM 1295)."


def test_expiry_from_the_answers_when_the_form_has_none(tmp_path: Path) -> None:
    answers = OUTSIDE + 'start = 2027-01-01\nend = 2031-12-31\n[documents.passport]\nexpires = 2027-06-30\n'
    result = scan_json(_outside(tmp_path, answers, imm1295_pdf=_form_1295(passport_expiry="")))
    assert "passport.expires-before-work-end" in result.rules()


def test_an_empty_given_name_is_not_a_problem(tmp_path: Path) -> None:
    """Applicants with a single name leave "given name" empty on IRCC forms."""
    answers = OUTSIDE.replace('given_names = "Noor"\n', "")
    result = scan_json(_outside(tmp_path, answers, imm1295_pdf=_form_1295(given_name="")))
    assert not [finding for finding in result.json()["findings"] if finding["rule"].endswith("empty-field")]
    assert result.exit_code == 0, result.rules()


def test_blank_form(tmp_path: Path) -> None:
    blank = _form_1295(family_name="", given_name="", dob="", passport="", passport_expiry="", marital_status="",
                       permit_type="", validated=False)
    result = scan_json(_outside(tmp_path, imm1295_pdf=blank))
    assert "application-form.blank-form" not in result.rules()  # job title and employer are still filled
    empty = [finding["message"] for finding in result.json()["findings"] if finding["rule"].endswith("empty-field")]
    assert "Family name is empty in imm1295.pdf (IMM 1295)." in empty
    assert len(empty) == 6  # not the given name: people with one name leave it empty
    nothing = make.xfa_form_pdf("5645", edition="01-2021", dynamic=False)
    result = scan_json(_outside(tmp_path / "b", imm5645_pdf=nothing))
    assert result.finding("family-information.blank-form")["path"] == "imm5645.pdf"


def test_outdated_edition_is_a_warning_with_the_bundled_table(tmp_path: Path) -> None:
    old = make.xfa_form_pdf("5645", edition="01-2019", dynamic=False, datasets=make.static_form_datasets(
        "5645", "01-2019", {"page1/SectionA/Applicant/AppName": "TREMBLAY, Noor",
                            "page1/SectionA/Applicant/AppDOB": "1993-07-21"}))
    finding = scan_json(_outside(tmp_path, imm5645_pdf=old)).finding("family-information.outdated-edition")
    assert finding["severity"] == "warning" and "01-2019" in finding["message"] and "01-2021" in finding["message"]


def test_outdated_edition_is_an_error_with_a_confirmed_table(tmp_path: Path) -> None:
    table = tmp_path / "editions.json"
    table.write_text(json.dumps({"forms": {"1295": {"latest": "03-2026", "confirmed": True}}}))
    folder = _outside(tmp_path)
    finding = scan_json(folder, "--editions", table).finding("application-form.outdated-edition")
    assert finding["severity"] == "error" and "03-2026" in finding["message"]


def test_newer_edition_than_the_table_is_a_note(tmp_path: Path) -> None:
    newer = make.xfa_form_pdf("1295", edition="02-2027", datasets=make.imm1295_datasets(
        edition="02-2027", family_name="Tremblay", given_name="Noor", dob="1993-07-21", validated=True))
    finding = scan_json(_outside(tmp_path, imm1295_pdf=newer)).finding("application-form.newer-edition")
    assert finding["severity"] == "info"


def test_invalid_editions_table_exits_3(tmp_path: Path) -> None:
    table = tmp_path / "editions.json"
    table.write_text(json.dumps({"forms": {"1295": {"latest": "2023-09"}}}))
    result = scan_json(_outside(tmp_path), "--editions", table)
    assert result.exit_code == 3 and "/forms/1295/latest" in result.stderr


def test_photo_older_than_six_months(tmp_path: Path) -> None:
    result = scan_json(_outside(tmp_path, photo_jpg=_photo(taken="2026-03-01")))
    assert "272 days ago" in result.finding("photo.older-than-6-months")["message"]


def test_photo_date_from_answers_when_exif_has_none(tmp_path: Path) -> None:
    photo = make.jpeg_bytes(make.photo_image(seed=2), quality=85)
    assert scan_json(_outside(tmp_path, photo_jpg=photo)).finding("photo.date-unknown")["severity"] == "info"
    answers = OUTSIDE + '[documents.photo]\nissued = 2025-01-01\n'
    assert "photo.older-than-6-months" in scan_json(_outside(tmp_path / "b", answers, photo_jpg=photo)).rules()


@pytest.mark.parametrize(("item", "age_rule", "unknown_rule"), [
    ("police-certificate", "police-certificate.age", "police-certificate.date-unknown"),
    ("medical-exam", "medical-exam.age", "medical-exam.date-unknown"),
])
def test_police_and_medical_age(tmp_path: Path, item: str, age_rule: str, unknown_rule: str) -> None:
    requested = "police_certificate" if item == "police-certificate" else "medical_exam"
    answers = OUTSIDE + f"[requested]\n{requested} = true\n"
    files = {f"{item}.pdf": _letter("Certificate")}
    result = scan_json(_folder(tmp_path / "a", answers, {**_base_outside(), **files}))
    assert result.finding(unknown_rule)["severity"] == "info"
    old = answers + f"[documents.{item}]\nissued = 2025-06-01\n"
    finding = scan_json(_folder(tmp_path / "b", old, {**_base_outside(), **files})).finding(age_rule)
    assert finding["severity"] == "warning"  # the sources for these ages are unconfirmed
    recent = answers + f"[documents.{item}]\nissued = 2026-09-01\n"
    assert age_rule not in scan_json(_folder(tmp_path / "c", recent, {**_base_outside(), **files})).rules()
    missing = scan_json(_folder(tmp_path / "d", answers, _base_outside()))
    assert missing.finding(f"{item}.missing")["severity"] == "error"
    assert _status(scan_json(_folder(tmp_path / "e", OUTSIDE, _base_outside())), item) == "not-applicable"


def _base_outside() -> dict[str, bytes]:
    return {"imm1295.pdf": _form_1295(), "imm5645.pdf": _family_5645(), "passport.pdf": _passport(),
            "photo.jpg": _photo()}


def test_document_in_another_language_needs_translation_and_affidavit(tmp_path: Path) -> None:
    answers = OUTSIDE + "[requested]\npolice_certificate = true\n[documents.police-certificate]\n" \
                        'issued = 2026-10-01\nlanguage = "es"\n'
    files = {**_base_outside(), "police-certificate.pdf": _letter("Certificado de antecedentes penales")}
    result = scan_json(_folder(tmp_path / "a", answers, files))
    assert result.finding("translation.missing")["item"] == "police-certificate"
    # One step at a time: the affidavit is asked for once there is a translation to go with it.
    assert "translation.affidavit-missing" not in result.rules()
    translated = answers + "translation_included = true\n"
    rules = scan_json(_folder(tmp_path / "b", translated, files)).rules()
    assert "translation.missing" not in rules and "translation.affidavit-missing" in rules
    certified = translated + "translator_certified = true\n"
    rules = scan_json(_folder(tmp_path / "c", certified, files)).rules()
    assert not [rule for rule in rules if rule.startswith("translation.")]
    french = answers.replace('"es"', '"fr"')
    assert not [rule for rule in scan_json(_folder(tmp_path / "d", french, files)).rules()
                if rule.startswith("translation.")]


# =========================================================================== identity


def test_names_must_agree_across_forms_and_answers(tmp_path: Path) -> None:
    folder = _outside(tmp_path, imm5645_pdf=_family_5645(name="TREMBLAY-ROY, Noor"))
    finding = scan_json(folder).finding("identity.family-name")
    assert finding["path"] == "imm5645.pdf" and finding["item"] == "family-information"
    assert "permit-check.toml" in finding["message"] and "ROY" not in finding["message"].upper()


def test_accents_case_and_hyphens_are_folded(tmp_path: Path) -> None:
    answers = OUTSIDE.replace('family_name = "Tremblay"', 'family_name = "Trémblay"')
    folder = _outside(tmp_path, answers, imm5645_pdf=_family_5645(name="TREMBLAY , noor"))
    assert not [rule for rule in scan_json(folder).rules() if rule.startswith("identity.")]


def test_date_of_birth_and_passport_number_must_agree(tmp_path: Path) -> None:
    answers = OUTSIDE.replace("[work]", 'passport_number = "ZZ9999999"\n[work]')
    folder = _outside(tmp_path, answers, imm5645_pdf=_family_5645(dob="1993-07-12"))
    result = scan_json(folder)
    assert result.finding("identity.date-of-birth")["path"] == "imm5645.pdf"
    assert result.finding("identity.passport-number")["path"] == "imm1295.pdf"


def test_forms_are_compared_with_the_application_form_without_answers(tmp_path: Path) -> None:
    folder = _outside(tmp_path, imm5645_pdf=_family_5645(name="TREMBLAY, Nour"))
    (folder / "permit-check.toml").unlink()
    finding = scan_json(folder).finding("identity.given-names")
    assert "imm1295.pdf (IMM 1295)" in finding["message"] and finding["path"] == "imm5645.pdf"


def test_rich_text_and_malformed_datasets_still_compare(tmp_path: Path) -> None:
    form = _form_1295(rich_text_name=True, malformed_amp=True)
    result = scan_json(_outside(tmp_path, imm1295_pdf=form))
    assert result.exit_code == 0, result.rules()


# =========================================================================== inside Canada

INSIDE = f'type = "work-permit-inside-canada"\n[applicant]\n{PERSON}{NO_MEDICAL}basis = "open"\n' \
         "[documents.status-document]\nexpires = 2027-03-31\n"


def _inside(root: Path, answers: str = INSIDE, **files: bytes) -> Path:
    base = {"imm5710.pdf": _form_5710(), "passport.pdf": _passport(), "photo.jpg": _photo(),
            "work-permit.pdf": _letter("Work permit", "Valid until 2027-03-31")}
    return _folder(root, answers, _with(base, files))


def test_inside_canada_complete(tmp_path: Path) -> None:
    result = scan_json(_inside(tmp_path / "docs"))
    assert result.exit_code == 0, result.rules()
    ids = [item["id"] for item in result.json()["items"]]
    assert ids[0] == "application-form" and "status-document" in ids and "family-information" not in ids


def test_inside_canada_is_inferred_from_imm_5710(tmp_path: Path) -> None:
    folder = _inside(tmp_path / "docs")
    (folder / "permit-check.toml").unlink()
    report = scan_json(folder).json()
    assert report["checklist"]["id"] == "work-permit-inside-canada"
    assert report["type_source"] == "form IMM 5710 in the folder"


def test_status_expired_or_expiring(tmp_path: Path) -> None:
    expired = INSIDE.replace("expires = 2027-03-31", "expires = 2026-11-01")
    finding = scan_json(_inside(tmp_path / "a", expired)).finding("status-document.restoration")
    assert finding["severity"] == "error" and "27 days" in finding["message"] and "restore" in finding["message"]
    assert "90 days" in finding["hint"] and "restoration fee" in finding["hint"]
    long_ago = INSIDE.replace("expires = 2027-03-31", "expires = 2026-07-01")
    result = scan_json(_inside(tmp_path / "g", long_ago))
    assert "150 days" in result.finding("status-document.restoration-closed")["message"]
    assert "status-document.restoration" not in result.rules()  # one finding: the window has closed
    soon = INSIDE.replace("expires = 2027-03-31", "expires = 2026-12-10")
    finding = scan_json(_inside(tmp_path / "b", soon)).finding("status-document.expires-soon")
    assert finding["severity"] == "warning" and "12 days" in finding["message"]
    unknown = INSIDE.replace("[documents.status-document]\nexpires = 2027-03-31\n", "")
    # Whether status is maintained decides the application: an unknown expiry blocks READY.
    assert scan_json(_inside(tmp_path / "c", unknown)).finding("status-document.date-unknown")["severity"] == "error"


def test_inside_status_document_missing_is_a_warning(tmp_path: Path) -> None:
    folder = _inside(tmp_path / "docs")
    (folder / "work-permit.pdf").unlink()
    assert scan_json(folder).finding("status-document.missing")["severity"] == "warning"  # IMM 5556 list unconfirmed


def test_inside_lmia_both_ways(tmp_path: Path) -> None:
    lmia = INSIDE.replace('basis = "open"', 'basis = "lmia"')
    result = scan_json(_inside(tmp_path / "a", lmia))
    assert result.finding("lmia.missing")["severity"] == "warning"
    assert result.finding("job-offer.missing")["severity"] == "warning"
    assert _status(scan_json(_inside(tmp_path / "b")), "lmia") == "not-applicable"


def test_inside_offer_number_from_the_form(tmp_path: Path) -> None:
    exempt = INSIDE.replace('basis = "open"', 'basis = "lmia-exempt"')
    with_number = _inside(tmp_path / "a", exempt, imm5710_pdf=_form_5710(lmia_or_offer="A7654321"))
    assert "job-offer.offer-number-unknown" not in scan_json(with_number).rules()
    without = _inside(tmp_path / "b", exempt)
    assert "job-offer.offer-number-unknown" in scan_json(without).rules()


# =========================================================================== spousal open work permit

SOWP = f'type = "spousal-open-work-permit"\n{NO_MEDICAL}[applicant]\n{PERSON}marital_status = "married"\n' \
       '[principal]\nstatus = "worker"\nteer = 1\n[documents.principal-status]\nexpires = 2029-01-31\n'


def _sowp(root: Path, answers: str = SOWP, **files: bytes) -> Path:
    base = {"imm1295.pdf": _form_1295(marital_status="01"), "imm5645.pdf": _family_5645(),
            "passport.pdf": _passport(), "photo.jpg": _photo(),
            "marriage-certificate.pdf": _letter("Certificate of marriage"),
            "principal-work-permit.pdf": _letter("Work permit"),
            "employer-letter.pdf": _letter("Employment letter", "NOC 21231, TEER 1")}
    return _folder(root, answers, _with(base, files))


def test_sowp_married_worker_complete(tmp_path: Path) -> None:
    result = scan_json(_sowp(tmp_path / "docs"))
    assert result.exit_code == 0, result.rules()
    assert _status(result, "joint-residence") == "not-applicable"
    assert _status(result, "enrolment-proof") == "not-applicable"


def test_sowp_marriage_certificate_both_ways(tmp_path: Path) -> None:
    folder = _sowp(tmp_path / "a")
    (folder / "marriage-certificate.pdf").unlink()
    assert scan_json(folder).finding("marriage-certificate.missing")["severity"] == "error"
    common_law = SOWP.replace('"married"', '"common-law"')
    folder = _sowp(tmp_path / "b", common_law, imm1295_pdf=_form_1295(marital_status="03"))
    (folder / "marriage-certificate.pdf").unlink()
    result = scan_json(folder)
    assert _status(result, "marriage-certificate") == "not-applicable"
    assert "common-law-declaration.missing" in result.rules() and "joint-residence.missing" in result.rules()


def test_sowp_principal_permit_and_teer(tmp_path: Path) -> None:
    short = SOWP.replace("expires = 2029-01-31", "expires = 2027-06-30")
    finding = scan_json(_sowp(tmp_path / "a", short)).finding("principal-status.16-months")
    assert finding["severity"] == "error" and "214 days" in finding["message"]
    teer4 = SOWP.replace("teer = 1", "teer = 4")
    assert scan_json(_sowp(tmp_path / "b", teer4)).finding("principal-employment.teer-not-eligible")["severity"] \
        == "error"
    teer2 = SOWP.replace("teer = 1", "teer = 2")
    assert "principal-employment.teer-selected-only" in scan_json(_sowp(tmp_path / "c", teer2)).rules()
    unknown = SOWP.replace("teer = 1\n", "")
    assert scan_json(_sowp(tmp_path / "d", unknown)).finding("principal-employment.teer-unknown")["severity"] \
        == "error"  # eligibility cannot be known
    no_date = SOWP.replace("[documents.principal-status]\nexpires = 2029-01-31\n", "")
    assert "principal-status.date-unknown" in scan_json(_sowp(tmp_path / "e", no_date)).rules()


def test_sowp_student_principal(tmp_path: Path) -> None:
    student = SOWP.replace('status = "worker"\nteer = 1',
                           'status = "student"\nprogram = "masters"\nprogram_months = 12')
    folder = _sowp(tmp_path / "a", student)
    (folder / "employer-letter.pdf").unlink()
    result = scan_json(folder)
    assert _status(result, "principal-employment") == "not-applicable"
    assert result.finding("enrolment-proof.missing")["severity"] == "error"
    assert result.finding("enrolment-proof.program-not-eligible")["severity"] == "error"
    assert "principal-status.16-months" not in result.rules()  # the 16 months apply to workers
    eligible = student.replace("program_months = 12", "program_months = 24")
    folder = _sowp(tmp_path / "b", eligible, enrolment_pdf=_letter("Confirmation of enrolment"))
    (folder / "employer-letter.pdf").unlink()
    assert scan_json(folder).exit_code == 0


# =========================================================================== PGWP

PGWP = f'type = "pgwp"\n{NO_MEDICAL}[applicant]\n{PERSON}[study]\nfinal_marks = 2026-09-15\nlevel = "university"\n' \
       "[language]\nlistening = 8\nreading = 7\nwriting = 7\nspeaking = 7\n" \
       "[documents.language-test]\nissued = 2026-03-01\n[documents.status-document]\nexpires = 2026-12-31\n"
COMPLETED = _letter("Letter of completion", "This confirms that the student has completed all requirements",
                    "of the Bachelor of Commerce program on 2026-09-15.")


def _pgwp(root: Path, answers: str = PGWP, **files: bytes) -> Path:
    base = {"imm5710.pdf": _form_5710(), "passport.pdf": _passport(), "photo.jpg": _photo(),
            "completion-letter.pdf": COMPLETED, "enrolment.pdf": _letter("Full-time enrolment confirmation"),
            "ielts.pdf": _letter("IELTS Test Report Form", "GENERAL TRAINING"),
            "study-permit.pdf": _letter("Study permit")}
    return _folder(root, answers, _with(base, files))


def test_pgwp_complete(tmp_path: Path) -> None:
    result = scan_json(_pgwp(tmp_path / "docs"))
    assert result.exit_code == 0, result.rules()
    assert result.json()["checklist"]["id"] == "pgwp"


def test_pgwp_will_complete_letter_is_an_error(tmp_path: Path) -> None:
    letter = _letter("To whom it may concern", "The student is expected to complete the program in December 2026.")
    finding = scan_json(_pgwp(tmp_path / "docs", completion_letter_pdf=letter)).finding(
        "completion-proof.not-yet-completed")
    assert finding["severity"] == "error" and finding["path"] == "completion-letter.pdf"
    assert "December" not in finding["message"]


def test_pgwp_180_day_window(tmp_path: Path) -> None:
    late = PGWP.replace("final_marks = 2026-09-15", "final_marks = 2026-04-01")
    finding = scan_json(_pgwp(tmp_path / "a", late)).finding("completion-proof.180-days")
    assert finding["severity"] == "error" and "241 days" in finding["message"]
    unknown = PGWP.replace("final_marks = 2026-09-15\n", "")
    assert scan_json(_pgwp(tmp_path / "b", unknown)).finding("completion-proof.date-unknown")["severity"] == "error"


def test_pgwp_study_permit_must_outlast_final_marks(tmp_path: Path) -> None:
    expired = PGWP.replace("expires = 2026-12-31", "expires = 2026-08-31")
    assert scan_json(_pgwp(tmp_path / "docs", expired)).finding(
        "status-document.expired-before-final-marks")["severity"] == "error"


def test_pgwp_language_results(tmp_path: Path) -> None:
    three = PGWP.replace("speaking = 7\n", "")
    assert scan_json(_pgwp(tmp_path / "a", three)).finding("language-test.all-four-abilities")["severity"] == "error"
    low = PGWP.replace("reading = 7", "reading = 6")
    assert scan_json(_pgwp(tmp_path / "b", low)).finding("language-test.level-too-low")["severity"] == "error"
    college = low.replace('level = "university"', 'level = "college"')
    assert "language-test.level-too-low" not in scan_json(_pgwp(tmp_path / "c", college)).rules()
    unknown = PGWP.replace("[language]\nlistening = 8\nreading = 7\nwriting = 7\nspeaking = 7\n", "")
    # The report gives no result and the answers no level: eligibility is not known (it was only a note).
    finding = scan_json(_pgwp(tmp_path / "d", unknown)).finding("language-test.levels-unknown")
    assert finding["severity"] == "error" and finding["path"] == "ielts.pdf"
    # An empty [language] section (as init writes it) is "not given", not "fewer than four abilities".
    empty = PGWP.replace("[language]\nlistening = 8\nreading = 7\nwriting = 7\nspeaking = 7\n", "[language]\n")
    rules = scan_json(_pgwp(tmp_path / "g", empty)).rules()
    assert "language-test.levels-unknown" in rules and "language-test.all-four-abilities" not in rules
    old = PGWP.replace("issued = 2026-03-01", "issued = 2024-11-28")
    assert "730 days" in scan_json(_pgwp(tmp_path / "e", old)).finding("language-test.too-old")["message"]
    undated = PGWP.replace("[documents.language-test]\nissued = 2026-03-01\n", "")
    # The 2-year rule decides eligibility: a result whose date is known neither from the report nor the answers
    # keeps the folder from READY, as the other unknown facts of a PGWP do.
    undated_scan = scan_json(_pgwp(tmp_path / "f", undated))
    assert undated_scan.finding("language-test.date-unknown")["severity"] == "error"
    assert undated_scan.exit_code == 1


@pytest.mark.parametrize(("report", "name"), [
    (_letter("IELTS Test Report Form", "Module: Academic", "Listening 7.5 Reading 7.0 Writing 6.5 Speaking 7.0"),
     "ielts.pdf"),
    (_letter("Score report", "PTE Academic", "Overall 65"), "language-results.pdf"),
    (_letter("Test results", "TOEFL iBT", "Total 98"), "toefl.pdf"),
    (_letter("CELPIP-General LS Official Score Report", "Listening 9 Speaking 8"), "celpip.pdf"),
    # A photographed report has no text: its name still says which test it is.
    (make.jpeg_bytes(make.photo_image(seed=3), quality=80), "IELTS_Academic_results.jpg"),
])
def test_pgwp_language_test_must_be_an_approved_one(tmp_path: Path, report: bytes, name: str) -> None:
    folder = _pgwp(tmp_path / "docs")
    (folder / "ielts.pdf").unlink()
    make.write(folder / name, report)
    result = scan_json(folder)
    finding = result.finding("language-test.not-approved-test")
    assert finding["severity"] == "error" and finding["path"] == name and "does not accept" in finding["message"]
    assert result.exit_code == 1 and "?" not in finding["message"]


def test_an_ielts_report_that_does_not_say_its_module_is_not_ready(tmp_path: Path) -> None:
    unsure = _letter("IELTS", "Test Report Form", "Candidate details", "Listening 8.0 Reading 7.5")
    result = scan_json(_pgwp(tmp_path / "a", ielts_pdf=unsure))
    finding = result.finding("language-test.variant-not-read")
    assert finding["severity"] == "error" and "could not be read" in finding["message"] and result.exit_code == 1
    assert "a IELTS" not in finding["message"]  # "a" before a name said with a vowel
    folder = _pgwp(tmp_path / "b", ielts_general_training_pdf=unsure)
    (folder / "ielts.pdf").unlink()
    assert "language-test.variant-not-read" not in scan_json(folder).rules()  # the file's name says the module
    answered = PGWP.replace("[language]\n", '[language]\ntest = "ielts-general"\n')
    assert "language-test.variant-not-read" not in scan_json(_pgwp(tmp_path / "c", answered, ielts_pdf=unsure)).rules()


def test_the_ielts_module_on_a_line_of_its_own_is_read(tmp_path: Path) -> None:
    """A real Test Report Form prints "ACADEMIC" under the title, not beside "IELTS"."""
    report = _letter("IELTS", "Test Report Form", "ACADEMIC", "Candidate details", "Listening 8.0")
    assert "language-test.not-approved-test" in scan_json(_pgwp(tmp_path, ielts_pdf=report)).rules()


def test_pgwp_approved_language_tests_pass(tmp_path: Path) -> None:
    general = _letter("IELTS Test Report Form", "Module: General Training", "Listening 8.0")
    result = scan_json(_pgwp(tmp_path / "a", ielts_pdf=general))
    assert result.exit_code == 0, result.rules()
    tef = _letter("Test d'évaluation de français pour le Canada (TEF Canada)", "Compréhension de l'oral : 420")
    assert scan_json(_pgwp(tmp_path / "b", ielts_pdf=tef)).exit_code == 0


def test_pgwp_language_test_named_in_the_answers(tmp_path: Path) -> None:
    academic = PGWP.replace("[language]\n", '[language]\ntest = "ielts-academic"\n')
    finding = scan_json(_pgwp(tmp_path / "a", academic)).finding("language-test.answer-not-approved")
    assert finding["severity"] == "error" and "ielts-academic" in finding["message"]
    unsure = PGWP.replace("[language]\n", '[language]\ntest = "ielts"\n')
    result = scan_json(_pgwp(tmp_path / "b", unsure))
    assert result.finding("language-test.variant-unknown")["severity"] == "warning"
    assert "language-test.answer-not-approved" not in result.rules()
    general = PGWP.replace("[language]\n", '[language]\ntest = "ielts-general"\n')
    assert scan_json(_pgwp(tmp_path / "c", general)).exit_code == 0


def test_pgwp_with_an_expired_study_permit_needs_restoration(tmp_path: Path) -> None:
    expired = PGWP.replace("[documents.status-document]\nexpires = 2026-12-31",
                           "[documents.status-document]\nexpires = 2026-10-20")
    result = scan_json(_pgwp(tmp_path / "a", expired))
    finding = result.finding("status-document.restoration")
    assert finding["severity"] == "error" and "39 days" in finding["message"] and "IRPR s.182" in finding["message"]
    assert result.exit_code == 1
    assert "status-document.restoration" not in scan_json(_pgwp(tmp_path / "b")).rules()


def test_pgwp_language_both_ways(tmp_path: Path) -> None:
    folder = _pgwp(tmp_path / "a")
    (folder / "ielts.pdf").unlink()
    assert scan_json(folder).finding("language-test.missing")["severity"] == "error"
    flight = PGWP.replace('level = "university"', 'level = "college"\nflight_school = true')
    folder = _pgwp(tmp_path / "b", flight)
    (folder / "ielts.pdf").unlink()
    result = scan_json(folder)
    assert _status(result, "language-test") == "not-applicable" and result.exit_code == 0


# =========================================================================== IEC

IEC = f'type = "iec"\n{NO_MEDICAL}[applicant]\n{PERSON}marital_status = "single"\n' \
      '[iec]\ncategory = "working-holiday"\ninvitation_accepted = 2026-11-20\n' \
      "[documents.police-certificate]\nissued = 2026-09-01\n"
CV = _letter("Curriculum vitae", "2015-2019  BSc, Université Laval", "2019-2023  Analyst, Desjardins",
             "2023-present  Consultant, Montréal")


def _family_5707() -> bytes:
    person = "page1/SectionA/Applicant/PaddedEntry"
    return make.xfa_form_pdf("5707", edition="08-2024", dynamic=False, datasets=make.static_form_datasets(
        "5707", "08-2024", {f"{person}/PersonalData[0]/FamilyName": "Tremblay",
                            f"{person}/PersonalData[0]/GivenNames": "Noor",
                            f"{person}/PersonalData[1]/DOB": "1993-07-21",
                            f"{person}/PersonalData[1]/MaritalStatus": "2"}))


def _iec(root: Path, answers: str = IEC, **files: bytes) -> Path:
    base = {"imm5707.pdf": _family_5707(), "passport.pdf": _passport(), "photo.jpg": _photo(), "cv.pdf": CV,
            "police-certificate.pdf": _letter("Police certificate")}
    return _folder(root, answers, _with(base, files))


def test_iec_complete(tmp_path: Path) -> None:
    result = scan_json(_iec(tmp_path / "docs"))
    assert result.exit_code == 0, result.rules()
    assert "application-form" not in [item["id"] for item in result.json()["items"]]


def test_iec_20_day_window(tmp_path: Path) -> None:
    late = IEC.replace("invitation_accepted = 2026-11-20", "invitation_accepted = 2026-11-01")
    finding = scan_json(_iec(tmp_path / "a", late)).finding("iec.20-day-window")
    assert finding["severity"] == "error" and finding["item"] is None and "27 days" in finding["message"]
    unknown = IEC.replace("invitation_accepted = 2026-11-20\n", "")
    assert scan_json(_iec(tmp_path / "b", unknown)).finding("iec.acceptance-date-unknown")["severity"] == "info"


def test_iec_offer_numbers(tmp_path: Path) -> None:
    young_pro = IEC.replace('"working-holiday"', '"young-professionals"')
    assert scan_json(_iec(tmp_path / "a", young_pro)).finding("iec.offer-number")["severity"] == "error"
    with_number = young_pro.replace("[work]\n", '[work]\noffer_number = "A1234567"\n')
    assert "iec.offer-number" not in scan_json(_iec(tmp_path / "b", with_number)).rules()
    holiday = IEC.replace("[work]\n", '[work]\noffer_number = "A1234567"\n')
    assert scan_json(_iec(tmp_path / "c", holiday)).finding("iec.working-holiday-offer-number")["severity"] \
        == "warning"


def test_iec_cv_gap(tmp_path: Path) -> None:
    gappy = _letter("Curriculum vitae", "2012-2015  BSc", "2019-2021  Analyst", "2021-present  Consultant")
    finding = scan_json(_iec(tmp_path / "docs", cv_pdf=gappy)).finding("cv.gap")
    assert finding["severity"] == "warning" and "3 year(s)" in finding["message"]


def test_iec_police_certificate_six_months_and_us_exemption(tmp_path: Path) -> None:
    old = IEC.replace("issued = 2026-09-01", "issued = 2026-04-01")
    assert scan_json(_iec(tmp_path / "a", old)).finding("police-certificate.older-than-6-months")["severity"] \
        == "error"
    folder = _iec(tmp_path / "b")
    (folder / "police-certificate.pdf").unlink()
    assert "police-certificate.missing" in scan_json(folder).rules()
    us_only = IEC.replace("[iec]", 'only_lived_in_us = true\n[iec]')
    folder = _iec(tmp_path / "c", us_only)
    (folder / "police-certificate.pdf").unlink()
    assert _status(scan_json(folder), "police-certificate") == "not-applicable"


def test_iec_needs_imm_5707_not_5645(tmp_path: Path) -> None:
    folder = _iec(tmp_path / "docs", family_info_pdf=_family_5645())
    (folder / "imm5707.pdf").unlink()
    result = scan_json(folder)
    assert "IMM 5645" in result.finding("file.wrong-form")["message"]
    assert "family-information.missing" in result.rules()

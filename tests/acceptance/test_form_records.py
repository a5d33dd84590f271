"""What a scan says about IRCC forms: each file's form record, and optional documents in their own place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from permit_check.rules.checklist import available_types, load_checklist
from tests import docfactory as make
from tests.conftest import Result, scan_json

SCHEDULE_1_TITLE = "IMM 5257 E SCHEDULE 1 : APPLICATION FOR A TEMPORARY RESIDENT VISA MADE OUTSIDE OF CANADA"


def _file(result: Result, path: str) -> dict[str, Any]:
    record: dict[str, Any] = next(file for file in result.json()["files"] if file["path"] == path)
    return record


def _rules_for(result: Result, path: str) -> list[str]:
    return [finding["rule"] for finding in result.json()["findings"] if finding["path"] == path]


# ----------------------------------------------------------------------------- the form record


def test_each_file_record_states_its_form(complete: Path) -> None:
    result = scan_json(complete)
    assert _file(result, "imm1295.pdf")["form"] == {
        "number": "1295", "edition": "09-2023", "validated": True, "language": "en"}
    assert _file(result, "imm5645.pdf")["form"] == {
        "number": "5645", "edition": "01-2021", "validated": None, "language": "en"}
    assert _file(result, "passport.pdf")["form"] is None
    assert _file(result, "photo.jpg")["form"] is None


def test_a_printed_copy_states_the_edition_of_its_footer(complete: Path) -> None:
    (complete / "imm5645.pdf").unlink()
    make.write(complete / "scan-7.pdf", make.text_pdf([["FAMILY INFORMATION", "IMM 5645 (01-2019) E"]]))
    result = scan_json(complete)
    assert _file(result, "scan-7.pdf")["form"] == {
        "number": "5645", "edition": "01-2019", "validated": None, "language": "en"}
    assert "family-information.outdated-edition" in _rules_for(result, "scan-7.pdf")


def test_an_outdated_representative_form_in_the_older_layout(complete: Path, answers: Any) -> None:
    # IMM 5476 (09-2015) as IRCC shipped it: lower-case formNum, fields straight under page1; filled in.
    answers((complete / "permit-check.toml").read_text(encoding="utf-8").replace(
        "[representative]\nused = false", "[representative]\nused = true"))
    make.write(complete / "imm5476.pdf", make.xfa_form_pdf(
        "5476", edition="09-2015", dynamic=False, template_edition=None,
        datasets=make.static_form_datasets("5476", "09-2015", {
            "page1/familyName": "Tremblay", "page1/givenName": "Noor", "page1/dateBirth": "1993-07-21",
            "page1/Subform2/familyName": "Gagnon", "page1/Subform2/givenName": "Luc"}, number_field="formNum")))
    result = scan_json(complete)
    assert _file(result, "imm5476.pdf")["form"] == {
        "number": "5476", "edition": "09-2015", "validated": None, "language": "en"}
    assert _rules_for(result, "imm5476.pdf") == ["representative.outdated-edition"]


def test_an_older_application_form_layout_is_not_read_as_empty(complete: Path) -> None:
    # A validated IMM 1295 of 03-2017 keeps the work-permit type elsewhere than the current layout.
    make.write(complete / "imm1295.pdf", make.xfa_form_pdf("1295", edition="03-2017", datasets=make.imm1295_datasets(
        edition="03-2017", family_name="Tremblay", given_name="Noor", dob="1993-07-21", validated=True,
        permit_type_path="Page3/DetailsOfWork/TypeOfPermit/WorkPermitType")))
    result = scan_json(complete)
    rules = _rules_for(result, "imm1295.pdf")
    assert "application-form.empty-field" not in rules and "application-form.blank-form" not in rules
    assert "application-form.layout-unknown" in rules and "application-form.outdated-edition" in rules
    assert result.finding("application-form.layout-unknown")["severity"] == "info"


# ----------------------------------------------------------------------------- optional documents


def test_schedule_1_has_its_own_place_outside_canada(complete: Path) -> None:
    make.write(complete / "schedule1.pdf", make.xfa_form_pdf(
        "5257", edition="10-2019", title=SCHEDULE_1_TITLE, datasets=make.static_form_datasets(
            "5257", "10-2019", {"page1/Background/MilitaryService": "2"})))
    result = scan_json(complete)
    record = _file(result, "schedule1.pdf")
    assert record["item"] == "schedule-1" and record["form"]["number"] == "5257B"
    assert _rules_for(result, "schedule1.pdf") == []
    assert result.exit_code == 0 and result.json()["ready"] is True


def test_the_visitor_visa_form_itself_is_still_a_wrong_form(complete: Path) -> None:
    make.write(complete / "imm5257.pdf", make.xfa_form_pdf(
        "5257", edition="09-2022", title="IMM 5257 E : APPLICATION FOR TEMPORARY RESIDENT VISA",
        datasets=make.static_form_datasets("5257", "09-2022", {"page1/PersonalDetails/FamilyName": "Tremblay"})))
    result = scan_json(complete)
    assert _rules_for(result, "imm5257.pdf") == ["file.wrong-form"]


def test_a_previous_refusal_included_on_purpose_is_an_optional_document(complete: Path) -> None:
    make.write(complete / "2025-refusal-letter.pdf", make.text_pdf([[
        "Immigration, Refugees and Citizenship Canada", "Application for a work permit",
        "Following an examination of your application, I am not satisfied that you meet the requirements",
        "of the Act and the Regulations for the reasons explained below. I am therefore refusing your application."]]))
    make.write(complete / "notes-atip-2025.pdf", make.text_pdf([[
        "Global Case Management System - Notes", "Reviewed application. I am not satisfied that the applicant",
        "will depart Canada at the end of the period authorized."]]))
    make.write(complete / "letter-2024.pdf", make.text_pdf([[
        "Dear applicant,", "Your application for a temporary resident visa has been refused.",
        "I am therefore refusing your application."]]))
    make.write(complete / "letter-of-explanation.pdf", make.text_pdf([[
        "Letter of explanation", "Dear officer, my previous application was refused in 2025 ..."]]))
    result = scan_json(complete)
    for path in ("2025-refusal-letter.pdf", "notes-atip-2025.pdf", "letter-2024.pdf"):
        assert _file(result, path)["item"] == "previous-decisions", path
        assert _rules_for(result, path) == [], path
    assert _file(result, "letter-of-explanation.pdf")["item"] == "letter-of-explanation"
    statuses = {item["id"]: item["status"] for item in result.json()["items"]}
    assert statuses["previous-decisions"] == "ok"
    assert result.exit_code == 0 and result.json()["ready"] is True


def test_every_permit_type_has_an_optional_place_for_previous_decisions() -> None:
    for checklist_id in available_types():
        item = load_checklist(checklist_id).item("previous-decisions")
        assert item.required is False and item.condition is None, checklist_id


def test_schedule_1_has_a_place_wherever_the_application_can_be_made_outside_canada() -> None:
    def has_schedule_1(checklist_id: str) -> bool:
        return any(item.id == "schedule-1" for item in load_checklist(checklist_id).items)

    assert {checklist_id for checklist_id in available_types() if has_schedule_1(checklist_id)} == {
        "work-permit-outside-canada", "spousal-open-work-permit", "iec"}

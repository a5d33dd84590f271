"""IRCC forms as IRCC ships them: the edition wherever the form keeps it, and each layout's own data paths.

Every layout measured on a real form (real-forms/README.md) is reproduced here by generated fixtures,
so these tests run without the real forms; tests/unit/test_real_forms.py runs over the real ones.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import permit_check
from permit_check.files.inspectors.pdf import inspect_pdf
from permit_check.files.inspectors.xfa import form_in_text, identify_form
from permit_check.files.ircc_forms import FormIdentity, form_title, ircc_form, load_editions
from permit_check.model import Context, FormRecord
from permit_check.rules.checks.forms import form_findings
from tests import docfactory as make
from tests.conftest import AS_OF_DAY

STATIC_TEXT = ["USE OF A REPRESENTATIVE", "PROTECTED WHEN COMPLETED - B"]


def _form(tmp_path: Path, data: bytes) -> dict[str, Any]:
    facts = inspect_pdf(make.write(tmp_path / "form.pdf", data))
    form: dict[str, Any] = facts["ircc_form"]
    return form


def _where(form: dict[str, Any]) -> tuple[str, str | None, str | None]:
    return form["number"], form["edition"], form["edition_evidence"]


def _rules(form: dict[str, Any], item: str = "slot") -> list[str]:
    facts = {"path": "form.pdf", "ircc_form": form}
    return [finding.rule for finding in form_findings(facts, item, load_editions(), Context(as_of=AS_OF_DAY))]


# IMM 5476 (09-2015): lower-case formNum, fields straight under page1, no footer draw in the template.
def _imm5476_2015(fields: dict[str, str] | None = None) -> bytes:
    layout = {"page1/Subform2/appoint": "", "page1/familyName": "", "page1/givenName": "", "page1/dateBirth": "",
              "page1/nameOffice": "", "page1/clientId": "", **(fields or {})}
    return make.xfa_form_pdf("5476", edition="09-2015", dynamic=False, template_edition=None,
                             datasets=make.static_form_datasets("5476", "09-2015", layout, number_field="formNum"))


# IMM 5707 (06-2019): formNum, the applicant under AppName/AppDOB (not PaddedEntry/PersonalData).
def _imm5707_2019(fields: dict[str, str] | None = None) -> bytes:
    applicant = "page1/SectionA/Applicant"
    layout = {f"{applicant}/AppName": "", f"{applicant}/AppDOB": "", f"{applicant}/ApplicantStatus": "",
              **(fields or {})}
    return make.xfa_form_pdf("5707", edition="06-2019", dynamic=False, template_edition=None,
                             page_text=["FAMILY INFORMATION"],
                             datasets=make.static_form_datasets("5707", "06-2019", layout, number_field="formNum"))


# IMM 5409 (06-2019): fields named page1/TextField2 (declarant second, partner third); template says 04-2009.
def _imm5409_2019(declarant: str = "", partner: str = "") -> bytes:
    layout = {"page1/TextField2[0]": "", "page1/RadioButtonList[0]": "", "page1/TextField2[1]": declarant,
              "page1/TextField2[2]": partner, "page1/TextField2[3]": ""}
    return make.xfa_form_pdf("5409", edition="06-2019", dynamic=False, template_edition="04-2009",
                             datasets=make.static_form_datasets("5409", "06-2019", layout, number_field="formNum"))


# ----------------------------------------------------------------------------- where the edition is


def test_edition_from_a_lower_case_formnum_field(tmp_path: Path) -> None:
    form = _form(tmp_path, _imm5476_2015({"page1/familyName": "Okafor"}))
    assert _where(form) == ("5476", "09-2015", "xfa-datasets") and form["language"] == "E"


def test_edition_only_in_the_xfa_form_packet(tmp_path: Path) -> None:
    # IMM 5707 01-2023: no number field, no footer draw, a "Please wait..." page: only the form packet says it.
    packet = (b'<form checksum="x" xmlns="http://www.xfa.org/schema/xfa-form/2.8/"><subform name="IMM_5707">'
              b'<instanceManager name="_page1"/><draw name="formNum"><value><text>IMM5707E(01-2023)</text>'
              b"</value></draw></subform></form>")
    data = make.xfa_form_pdf("5707", edition="01-2023", template_edition=None, form_packet=packet,
                             datasets=make.static_form_datasets("5707", "01-2023", number_field=None))
    form = _form(tmp_path, data)
    assert _where(form) == ("5707", "01-2023", "xfa-form") and form["language"] == "E"


def test_edition_only_in_the_xfa_config_packet(tmp_path: Path) -> None:
    config = (b'<config xmlns="http://www.xfa.org/schema/xci/3.0/"><present><pdf><version>1.7</version></pdf>'
              b"<common><data><outputXSL><uri/></outputXSL></data><template><base>IMM5707E(01-2023)</base>"
              b"</template></common></present></config>")
    data = make.xfa_form_pdf("5707", edition="01-2023", template_edition=None, config_packet=config,
                             datasets=make.static_form_datasets("5707", "01-2023", number_field=None))
    assert _where(_form(tmp_path, data)) == ("5707", "01-2023", "xfa-config")


def test_edition_only_in_the_page_footer(tmp_path: Path) -> None:
    data = make.xfa_form_pdf("5645", edition="01-2021", dynamic=False, template_edition=None,
                             datasets=make.static_form_datasets("5645", "01-2021", number_field=None))
    assert _where(_form(tmp_path, data)) == ("5645", "01-2021", "page-text")


def test_the_footer_wins_over_a_stale_form_version(tmp_path: Path) -> None:
    # IMM 1295 09-2023 as shipped: FormVersion still says .ENU-10-2019.
    from_template = make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(
        edition="09-2023", form_version="10-2019"))
    assert _where(_form(tmp_path, from_template)) == ("1295", "09-2023", "xfa-template")
    from_page = make.xfa_form_pdf("1295", edition="09-2023", template_edition=None,
                                  page_text=["APPLICATION FOR WORK PERMIT", "IMM 1295 (09-2023) E"],
                                  datasets=make.imm1295_datasets(edition="09-2023", form_version="10-2019"))
    assert _where(_form(tmp_path, from_page)) == ("1295", "09-2023", "page-text")


def test_the_saved_number_field_wins_over_a_stale_template(tmp_path: Path) -> None:
    form = _form(tmp_path, _imm5409_2019())
    assert _where(form) == ("5409", "06-2019", "xfa-datasets")


def test_form_version_is_the_last_resort(tmp_path: Path) -> None:
    data = make.xfa_form_pdf("1295", edition="06-2019", template_edition=None,
                             datasets=make.imm1295_datasets(edition="06-2019"))
    assert _where(_form(tmp_path, data)) == ("1295", "06-2019", "xfa-datasets")


def test_imm_0008dep_is_named() -> None:
    from_data = identify_form({"datasets": make.static_form_datasets("0008DEP", "12-2023", number_field="formNum")},
                              None, None)
    assert from_data is not None and (from_data.number, from_data.edition) == ("0008DEP", "12-2023")
    from_title = identify_form({}, "IMM 0008DEP E : ADDITIONAL DEPENDANTS/DECLARATION", None)
    assert from_title is not None and from_title.number == "0008DEP"
    assert form_title("0008DEP") == "Additional Dependants/Declaration"


def test_schedule_1_is_not_the_visitor_visa_form() -> None:
    for title in ("IMM 5257 E SCHEDULE 1 : APPLICATION FOR A TEMPORARY RESIDENT VISA", "IMM 5257B_1 E"):
        found = identify_form({}, title, None)
        assert found is not None and found.number == "5257B", title
    footer = form_in_text("SCHEDULE 1\nIMM 5257 B (10-2019) E")
    assert footer is not None and (footer.number, footer.edition) == ("5257B", "10-2019")
    visa = identify_form({}, "IMM 5257 E : APPLICATION FOR TEMPORARY RESIDENT VISA", None)
    assert visa is not None and visa.number == "5257"


def test_a_lettered_form_is_not_read_as_its_bare_number() -> None:
    assert form_in_text("IMM 1017B (08-2019) MEDICAL REPORT") is None


# ----------------------------------------------------------------------------- data paths per layout


def test_filled_older_layout_is_neither_blank_nor_empty(tmp_path: Path) -> None:
    form = _form(tmp_path, _imm5476_2015({"page1/familyName": "Okafor", "page1/givenName": "Amara",
                                          "page1/dateBirth": "1991-03-14"}))
    assert form["data"] == {"family_name": "Okafor", "given_names": "Amara", "date_of_birth": "1991-03-14"}
    rules = _rules(form)
    assert "slot.blank-form" not in rules and "slot.empty-field" not in rules


def test_filled_imm5707_of_2019_reads_its_own_fields(tmp_path: Path) -> None:
    form = _form(tmp_path, _imm5707_2019({"page1/SectionA/Applicant/AppName": "OKAFOR, Amara",
                                          "page1/SectionA/Applicant/AppDOB": "1991-03-14"}))
    assert form["data"] == {"full_name": "OKAFOR, Amara", "date_of_birth": "1991-03-14"}
    assert set(form["unread"]) == {"family_name", "given_names", "marital_status"}
    assert _rules(form) == ["slot.outdated-edition"]  # 08-2024 is the latest the table knows


def test_imm5409_textfield_layout(tmp_path: Path) -> None:
    form = _form(tmp_path, _imm5409_2019(declarant="Amara Okafor", partner="Luc Gagnon"))
    assert form["data"] == {"declarant": "Amara Okafor", "partner": "Luc Gagnon"}


def test_older_imm1295_keeps_the_work_permit_type_elsewhere(tmp_path: Path) -> None:
    # A validated IMM 1295 of 03-2017: its layout is not the one the field paths describe.
    data = make.xfa_form_pdf("1295", edition="03-2017", datasets=make.imm1295_datasets(
        edition="03-2017", validated=True, permit_type_path="Page3/DetailsOfWork/TypeOfPermit/WorkPermitType"))
    form = _form(tmp_path, data)
    assert form["validated"] is True and form["layout_known"] is False and form["data"] == {}
    rules = _rules(form, "application-form")
    assert "application-form.empty-field" not in rules and "application-form.blank-form" not in rules
    assert "application-form.layout-unknown" in rules
    assert "application-form.outdated-edition" in rules


def test_a_field_missing_from_the_layout_is_not_read_never_empty(tmp_path: Path) -> None:
    data = make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(
        permit_type_path="Page3/Elsewhere/WorkPermitType"))
    form = _form(tmp_path, data)
    assert "work_permit_type" in form["unread"] and "work_permit_type" not in form["data"]
    assert "slot.empty-field" not in _rules(form)


def test_an_empty_field_at_its_known_place_is_still_empty(tmp_path: Path) -> None:
    form = _form(tmp_path, _imm5476_2015({"page1/nameOffice": "Lagos"}))
    rules = _rules(form)
    assert "slot.blank-form" not in rules  # one answer anywhere: not blank
    assert rules.count("slot.empty-field") == 2  # family name and date of birth; a given name may be empty


def test_blank_only_when_no_answer_is_saved_anywhere(tmp_path: Path) -> None:
    blank = _form(tmp_path, _imm5476_2015({"page1/Subform2/appoint": "0"}))  # a box left unticked
    assert blank["answered"] is False and "slot.blank-form" in _rules(blank)
    answered_elsewhere = _form(tmp_path, _imm5707_2019({"page1/SectionA/Mother/MotherName": "OKAFOR, Ada"}))
    assert answered_elsewhere["answered"] is True and "slot.blank-form" not in _rules(answered_elsewhere)


# ----------------------------------------------------------------------------- outdated editions


def test_outdated_edition_read_from_formnum_is_reported(tmp_path: Path) -> None:
    form = _form(tmp_path, _imm5476_2015({"page1/familyName": "Okafor", "page1/givenName": "Amara",
                                          "page1/dateBirth": "1991-03-14"}))
    assert _rules(form, "representative") == ["representative.outdated-edition"]


def test_outdated_edition_read_from_the_form_packet_is_reported(tmp_path: Path) -> None:
    packet = b'<form xmlns="http://www.xfa.org/schema/xfa-form/2.8/"><draw>IMM5707E(01-2023)</draw></form>'
    data = make.xfa_form_pdf("5707", edition="01-2023", template_edition=None, form_packet=packet,
                             datasets=make.static_form_datasets("5707", "01-2023", {
                                 "page1/SectionA/Applicant/PaddedEntry/PersonalData[0]/FamilyName": "Okafor"},
                                 number_field=None))
    assert "family-information.outdated-edition" in _rules(_form(tmp_path, data), "family-information")


def test_which_form_a_file_is_is_read_from_its_facts_in_one_place(tmp_path: Path) -> None:
    """ircc_form() turns the facts the inspector stored (and the cache kept as JSON) back into the form."""
    facts = inspect_pdf(make.write(tmp_path / "form.pdf", make.xfa_form_pdf("1295", edition="09-2023")))
    form = ircc_form(json.loads(json.dumps(facts)))
    assert form is not None and form.to_facts() == facts["ircc_form"]
    assert (form.number, form.edition) == ("1295", "09-2023")
    assert form.record() == FormRecord("1295", "09-2023", form.validated, form.language_code)
    french = FormIdentity("5710", "03-2024", "F", "title", True)
    assert (french.language_code, french.record()) == ("fr", FormRecord("5710", "03-2024", True, "fr"))
    assert FormIdentity.from_facts(french.to_facts()) == french
    assert ircc_form({"path": "cv.pdf", "kind": "pdf"}) is None
    assert ircc_form({"path": "cv.pdf", "ircc_form": None}) is None
    bare = ircc_form({"ircc_form": {"number": "5707"}})  # what a rule's test may write: the rest is unknown
    assert bare == FormIdentity("5707", None, None, "", None)


def test_no_module_digs_the_form_out_of_the_facts_itself() -> None:
    """Only ircc_forms.py reads a file's `ircc_form` facts (the inspectors write them, as to_facts() makes them):
    every other module asks ircc_form() which form a file is."""
    package = Path(permit_check.__file__).parent
    reading = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                keys = [node.slice]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
                keys = node.args[:1]
            else:
                continue
            if any(isinstance(key, ast.Constant) and key.value == "ircc_form" for key in keys):
                reading.append(f"{path.relative_to(package).as_posix()}:{node.lineno}")
    assert [place for place in reading if not place.startswith("files/ircc_forms.py:")] == []

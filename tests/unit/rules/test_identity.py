"""The identity checks are units of the registry like every built-in check: one rule per field, named
identity.<field>, whichever item's document disagrees."""

from __future__ import annotations

from dataclasses import replace

import pytest

from permit_check.model import ChecklistRef, Context, Report, Severity, TypeChosenBy, TypeSource
from permit_check.reports.rule_texts import rule_text
from permit_check.rules.checklist import load_checklist
from permit_check.rules.checks import REGISTRY
from permit_check.rules.checks.identity import FIELDS, Statement, consistency_findings
from permit_check.rules.rule_book import rule_book
from tests.conftest import AS_OF_DAY

ANSWERS = Statement("permit-check.toml", None, None, {"family_name": "Tremblay", "given_names": "Noor",
                                                      "date_of_birth": "1993-07-21", "passport_number": "X1234567"})
FORM = Statement("imm5645.pdf (IMM 5645)", "imm5645.pdf", "family-information",
                 {"family_name": "Tremblai", "given_names": "Nour", "date_of_birth": "1993-07-12",
                  "passport_number": "X7654321"})


def test_each_field_is_compared_by_its_registered_check() -> None:
    findings = consistency_findings([ANSWERS, FORM], Context(as_of=AS_OF_DAY))
    assert [finding.rule for finding in findings] == ["identity.family-name", "identity.given-names",
                                                      "identity.date-of-birth", "identity.passport-number"]
    for finding, (_, _, check) in zip(findings, FIELDS, strict=True):
        assert REGISTRY[check.suffix] is check
        assert finding.rule == f"{check.scope}.{check.suffix}"
        assert (finding.item, finding.path, finding.severity) == ("family-information", "imm5645.pdf", check.severity)


def test_the_messages_are_the_checks_own_in_each_language() -> None:
    [english] = consistency_findings([ANSWERS, Statement("form", "form.pdf", "application-form",
                                                         {"passport_number": "X7654321"})], Context(as_of=AS_OF_DAY))
    assert english.message == "form does not give the same passport number as permit-check.toml."
    assert english.hint == ("Write the passport number exactly as in the passport, the same in every form and in "
                            "permit-check.toml.")
    [french] = consistency_findings([ANSWERS, FORM], Context("fr", as_of=AS_OF_DAY))[:1]
    assert french.message == ("Le champ « nom de famille » de imm5645.pdf (IMM 5645) diffère de celui de "
                              "permit-check.toml.")


@pytest.mark.parametrize(("lang", "summary"), [
    ("en", "A document that does not give the same family name as the others."),
    ("fr", "Un document qui ne donne pas le même nom de famille que les autres."),
])
def test_ci_formats_describe_an_identity_rule_by_its_summary(lang: str, summary: str) -> None:
    """Before it was a unit of the registry, SARIF described identity.family-name by its bare id."""
    [finding] = consistency_findings([ANSWERS, FORM], Context(lang, as_of=AS_OF_DAY))[:1]
    checklist = load_checklist("work-permit-outside-canada", lang)
    report = Report(tool_version="0", checklist=ChecklistRef(checklist.id, checklist.version, checklist.title),
                    folder="docs", as_of="2026-11-28", channel="secure-account", channel_title="",
                    type_source=TypeSource(TypeChosenBy.TYPE),
                    items=(), files=(), findings=(finding,), lang=lang, rule_book=rule_book(checklist, lang))
    text = rule_text(report, finding)
    assert (text.short, text.full, text.fix) == (summary, summary, finding.hint)


def test_names_only_an_mrz_gives_otherwise_are_warnings_its_checked_fields_errors() -> None:
    """An MRZ's names have no check digit (a misread passes as valid): a mismatch resting on them is a warning
    asking the user to look; its date of birth and number, which check digits protect, stay errors."""
    mrz = Statement("passport.pdf (MRZ)", "passport.pdf", "passport", FORM.values, names_unprotected=True)
    findings = consistency_findings([ANSWERS, mrz], Context(as_of=AS_OF_DAY))
    assert [(finding.rule, finding.severity) for finding in findings] == [
        ("identity.mrz-family-name", Severity.WARNING), ("identity.mrz-given-names", Severity.WARNING),
        ("identity.date-of-birth", Severity.ERROR), ("identity.passport-number", Severity.ERROR)]
    assert findings[0].message == ("passport.pdf (MRZ): the machine-readable zone, as read, does not give the same "
                                   "family name as permit-check.toml.")
    # The MRZ first (no answers, no form names): a form that differs from it rests on the MRZ's names too.
    findings = consistency_findings([mrz, replace(FORM, values=ANSWERS.values)], Context(as_of=AS_OF_DAY))
    assert [finding.severity for finding in findings[:2]] == [Severity.WARNING, Severity.WARNING]


def _zone(number: str, birth: str, nationality: str = "CAN", kind: str = "P") -> dict[str, object]:
    return {"type": kind, "number": number, "birth_date": birth, "nationality": nationality,
            "check_digits_valid": True}


def test_of_several_peoples_zones_only_the_one_the_forms_agree_with_is_compared() -> None:
    from permit_check.rules.consistency import compared_zone

    spouse, applicant = _zone("P9876543", "1991-03-14", "NGA"), _zone("X1234567", "1993-07-21")
    facts = {"mrz": spouse, "mrzs": [spouse, applicant]}
    assert compared_zone(facts, [ANSWERS]) is applicant
    assert compared_zone({"mrz": spouse, "mrzs": [spouse]}, [ANSWERS]) is spouse  # one person: compared as ever
    # The forms' number is neither's, or they give nothing to tell the two apart by: no zone is compared.
    assert compared_zone(facts, [FORM]) is None
    assert compared_zone(facts, [Statement("permit-check.toml", None, None, {"family_name": "Tremblay"})]) is None
    twin = _zone("X1234568", "1993-07-21")
    assert compared_zone({"mrz": twin, "mrzs": [twin, applicant]},
                         [Statement("form", "form.pdf", None, {"date_of_birth": "1993-07-21"})]) is None
    # The applicant's own visa page beside the passport is no other person's.
    visa = _zone("V5550001", "1993-07-21", kind="V")
    assert compared_zone({"mrz": applicant, "mrzs": [applicant, visa]}, [FORM]) is applicant

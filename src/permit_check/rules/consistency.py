"""What each source says about the applicant -- the answers, each IRCC form's data, each passport MRZ read --
as statements that the identity checks (rules/checks/identity.py) compare."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from permit_check.files.ircc_forms import ircc_form
from permit_check.rules.checks.identity import ANSWERS, FIELDS, Statement, same


def _form_values(data: Mapping[str, Any]) -> dict[str, str]:
    values = {key: str(data[key]) for key, _, _ in FIELDS if data.get(key)}
    full = data.get("full_name")
    if full and "," in full:
        # IMM 5645 keeps one name field, "FAMILY, Given names".
        family, given = full.split(",", 1)
        values.setdefault("family_name", family)
        values.setdefault("given_names", given)
    return values


def form_statements(answers: dict[str, Any], files: list[tuple[dict[str, Any], str | None]],
                    main_forms: tuple[str, ...]) -> list[Statement]:
    """What the answers and the IRCC forms say: the answers first, then the main application form, then the other
    forms, in folder order."""
    applicant = answers.get("applicant", {})
    found = [Statement(ANSWERS, None, None, {key: str(applicant[key]) for key, _, _ in FIELDS if applicant.get(key)})]
    forms = [(form, facts, item) for facts, item in files if (form := ircc_form(facts)) and form.data]
    forms.sort(key=lambda found_form: found_form[0].number not in main_forms)
    for form, facts, item in forms:
        found.append(Statement(f"{facts['path']} (IMM {form.number})", facts["path"], item, _form_values(form.data)))
    return found


def compared_zone(facts: dict[str, Any], stated: list[Statement]) -> dict[str, Any] | None:
    """The machine-readable zone of the file that the answers and forms (`stated`) are compared with, or None.

    The file's first valid zone, as a rule. But a file may hold the zones of several documents of different
    people (a spouse's passport scanned before the applicant's): then only the one zone whose passport number and
    date of birth agree with what the answers and forms give is compared; when none or more than one does, none
    is (the file's several-zones warning asks which passport is the applicant's). A visa's zone, of a holder
    whose passport is there too, is no other person's."""
    first = facts.get("mrz") or {}
    if not first.get("check_digits_valid"):
        return None
    zones = [zone for zone in facts.get("mrzs") or [] if zone.get("check_digits_valid")]
    documents = [zone for zone in zones if not str(zone.get("type") or "").startswith("V")] or zones
    if len({(zone.get("birth_date"), zone.get("nationality"), zone.get("number")) for zone in documents}) <= 1:
        return first
    agreeing = [zone for zone in documents if _agrees(zone, stated)]
    return agreeing[0] if len(agreeing) == 1 else None


def _agrees(zone: dict[str, Any], stated: list[Statement]) -> bool:
    """Whether the zone's passport number and date of birth are those the answers or a form give (each one that
    any of them gives; at least one must be given)."""
    given = False
    for field, value in (("passport_number", zone.get("number")), ("date_of_birth", zone.get("birth_date"))):
        values = [statement.values[field] for statement in stated if field in statement.values]
        if values:
            given = True
            if not value or not any(same(field, str(value), other) for other in values):
                return False
    return given


def statements(stated: list[Statement], files: list[tuple[dict[str, Any], str | None]]) -> list[Statement]:
    """What the answers and forms say (`stated`, form_statements), then each file's machine-readable zone compared
    with them (see compared_zone)."""
    found = list(stated)
    for facts, item in files:
        mrz = compared_zone(facts, stated) or {}
        if mrz.get("check_digits_valid"):
            values = {"family_name": mrz.get("surname"), "given_names": mrz.get("given_names"),
                      "date_of_birth": mrz.get("birth_date"), "passport_number": mrz.get("number")}
            lines = mrz.get("lines") or [""]
            names_line = lines[-1] if mrz.get("layout") == "TD1" else lines[0]
            found.append(Statement(f"{facts['path']} (MRZ)", facts["path"], item,
                                   {key: str(value) for key, value in values.items() if value},
                                   truncated=bool(names_line) and not names_line.endswith("<"),
                                   names_unprotected=True))
    return [statement for statement in found if statement.values]

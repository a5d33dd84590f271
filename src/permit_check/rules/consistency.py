"""What each source says about the applicant -- the answers, each IRCC form's data, each passport MRZ read --
as statements that the identity checks (rules/checks/identity.py) compare."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from permit_check.files.ircc_forms import ircc_form
from permit_check.rules.checks.identity import ANSWERS, FIELDS, Statement


def _form_values(data: Mapping[str, Any]) -> dict[str, str]:
    values = {key: str(data[key]) for key, _, _ in FIELDS if data.get(key)}
    full = data.get("full_name")
    if full and "," in full:
        # IMM 5645 keeps one name field, "FAMILY, Given names".
        family, given = full.split(",", 1)
        values.setdefault("family_name", family)
        values.setdefault("given_names", given)
    return values


def statements(answers: dict[str, Any], files: list[tuple[dict[str, Any], str | None]],
               main_forms: tuple[str, ...]) -> list[Statement]:
    """The answers first, then the main application form, then the other forms, in folder order."""
    applicant = answers.get("applicant", {})
    found = [Statement(ANSWERS, None, None, {key: str(applicant[key]) for key, _, _ in FIELDS if applicant.get(key)})]
    forms = [(form, facts, item) for facts, item in files if (form := ircc_form(facts)) and form.data]
    forms.sort(key=lambda found_form: found_form[0].number not in main_forms)
    for form, facts, item in forms:
        found.append(Statement(f"{facts['path']} (IMM {form.number})", facts["path"], item, _form_values(form.data)))
    for facts, item in files:
        mrz = facts.get("mrz") or {}
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

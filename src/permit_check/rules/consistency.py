"""The same person everywhere: names, date of birth and passport number agree across forms, answers and
the passport's machine-readable zone (MRZ).

Findings name the files that disagree, never the values themselves (those are the applicant's data).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from permit_check.i18n import N_
from permit_check.model import Context, Finding, Severity

# (field, words, rule id)
FIELDS = (
    ("family_name", N_("family name"), "identity.family-name"),
    ("given_names", N_("given names"), "identity.given-names"),
    ("date_of_birth", N_("date of birth"), "identity.date-of-birth"),
    ("passport_number", N_("passport number"), "identity.passport-number"),
)
DIFFERENT = N_("{other} does not give the same {field} as {reference}.")
WRITE_AS_IN_PASSPORT = N_("Write the {field} exactly as in the passport, the same in every form and in {answers}.")
ANSWERS = "permit-check.toml"
_SEPARATORS = re.compile(r"[\s\-'’.]+")


@dataclass(frozen=True)
class Statement:
    """What one source says about the applicant."""

    source: str
    path: str | None
    item: str | None
    values: dict[str, str]
    # An MRZ's name field cut at its last character: its names may be the start of the full ones.
    truncated: bool = False


def fold(field: str, value: str) -> str:
    """Comparable form: accents, case, spacing and hyphens do not count; nor spaces in a passport number."""
    if field == "passport_number":
        return re.sub(r"\s+", "", value).upper()
    if field == "date_of_birth":
        return value.strip()
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", plain).strip().casefold()


# ICAO 9303 part 3 transliterations that are more than dropping an accent (an MRZ writes MÜLLER as MUELLER).
_ICAO_LETTERS = str.maketrans({"Ä": "AE", "Ö": "OE", "Ü": "UE", "Ø": "OE", "Æ": "AE", "ß": "SS", "Œ": "OE",
                               "Þ": "TH", "Ð": "D", "Ł": "L", "Đ": "D", "'": "", "’": ""})


def _icao(value: str) -> str:
    """A name as an MRZ writes it, folded: what IRCC compares a form's name with the passport's by."""
    return fold("name", value.upper().translate(_ICAO_LETTERS))


def same(field: str, one: str, other: str, truncated: bool = False) -> bool:
    """Whether two sources give the same value: folded, or (names) transliterated as in an MRZ.
    A `truncated` MRZ name only has to be the start of the other."""
    if fold(field, one) == fold(field, other):
        return True
    if field in ("family_name", "given_names"):
        first, second = _icao(one), _icao(other)
        if first == second:
            return True
        if truncated and first and second:
            return first.startswith(second) or second.startswith(first)
    return False


def _form_values(data: dict[str, Any]) -> dict[str, str]:
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
    forms = [(facts, item) for facts, item in files if (facts.get("ircc_form") or {}).get("data")]
    forms.sort(key=lambda pair: pair[0]["ircc_form"]["number"] not in main_forms)
    for facts, item in forms:
        number = facts["ircc_form"]["number"]
        found.append(Statement(f"{facts['path']} (IMM {number})", facts["path"], item,
                               _form_values(facts["ircc_form"]["data"])))
    for facts, item in files:
        mrz = facts.get("mrz") or {}
        if mrz.get("check_digits_valid"):
            values = {"family_name": mrz.get("surname"), "given_names": mrz.get("given_names"),
                      "date_of_birth": mrz.get("birth_date"), "passport_number": mrz.get("number")}
            lines = mrz.get("lines") or [""]
            names_line = lines[-1] if mrz.get("layout") == "TD1" else lines[0]
            found.append(Statement(f"{facts['path']} (MRZ)", facts["path"], item,
                                   {key: str(value) for key, value in values.items() if value},
                                   truncated=bool(names_line) and not names_line.endswith("<")))
    return [statement for statement in found if statement.values]


def _wording(words: str, other: str, reference: str, context: Context) -> tuple[str, str]:
    field = context._(words)
    return (context._(DIFFERENT).format(other=other, field=field, reference=reference),
            context._(WRITE_AS_IN_PASSPORT).format(field=field, answers=ANSWERS))


def consistency_findings(found: list[Statement], context: Context) -> list[Finding]:
    """One error per source that disagrees with the first source giving that field."""
    findings: list[Finding] = []
    for field, words, rule in FIELDS:
        giving = [statement for statement in found if field in statement.values]
        if len(giving) < 2:
            continue
        reference = giving[0]
        for other in giving[1:]:
            truncated = reference.truncated or other.truncated
            if not same(field, reference.values[field], other.values[field], truncated):
                message, hint = _wording(words, other.source, reference.source, context)
                findings.append(Finding(rule=rule, severity=Severity.ERROR, message=message, hint=hint,
                                        item=other.item, path=other.path))
    return findings

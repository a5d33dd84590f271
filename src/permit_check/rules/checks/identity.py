"""Checks that the applicant is the same person everywhere: names, date of birth and passport number agree
across the answers, the IRCC forms and the passport's machine-readable zone (MRZ). What each source says is
gathered in rules/consistency.py; this family compares them.

Findings name the files that disagree, never the values themselves (those are the applicant's data).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from permit_check.i18n import N_
from permit_check.model import Context, Finding, FixFirst
from permit_check.rules.checks.base import Check, E, W

DIFFERENT = N_("{other} does not give the same {field} as {reference}.")
WRITE_AS_IN_PASSPORT = N_("Write the {field} exactly as in the passport, the same in every form and in {answers}.")
ANSWERS = "permit-check.toml"

# One rule per field, across every item: identity.<suffix>, whichever document disagrees.
FAMILY_NAME = Check("family-name", E, DIFFERENT, WRITE_AS_IN_PASSPORT, scope="identity", per_item=False,
                    summary=N_("A document that does not give the same family name as the others."),
                    rank=FixFirst.OTHER)
GIVEN_NAMES = Check("given-names", E, DIFFERENT, WRITE_AS_IN_PASSPORT, scope="identity", per_item=False,
                    summary=N_("A document that does not give the same given names as the others."),
                    rank=FixFirst.OTHER)
DATE_OF_BIRTH = Check("date-of-birth", E, DIFFERENT, WRITE_AS_IN_PASSPORT, scope="identity", per_item=False,
                      summary=N_("A document that does not give the same date of birth as the others."),
                      rank=FixFirst.OTHER)
# No check digit protects an MRZ's names: where only they disagree, the OCR may have misread them (LI FEI read
# LT REI). A warning then, asking the user to look; the date of birth and the number, which check digits do
# protect, stay errors.
MRZ_NAME_AS_READ = N_("{other}: the machine-readable zone, as read, does not give the same {field} as {reference}.")
CHECK_PASSPORT_AGAINST_FORMS = N_("No check digit protects the names of a machine-readable zone: they may have been "
                                  "misread. Compare the names on the passport's bio-data page with the forms and "
                                  "{answers}: if they agree, nothing needs changing; if not, write the names exactly "
                                  "as in the passport.")
MRZ_FAMILY_NAME = Check("mrz-family-name", W, MRZ_NAME_AS_READ, CHECK_PASSPORT_AGAINST_FORMS, scope="identity",
                        per_item=False, summary=N_("A passport's machine-readable zone, as read, does not give the "
                                                   "same family name as the other documents."), rank=FixFirst.OTHER)
MRZ_GIVEN_NAMES = Check("mrz-given-names", W, MRZ_NAME_AS_READ, CHECK_PASSPORT_AGAINST_FORMS, scope="identity",
                        per_item=False, summary=N_("A passport's machine-readable zone, as read, does not give the "
                                                   "same given names as the other documents."), rank=FixFirst.OTHER)
PASSPORT_NUMBER = Check("passport-number", E, DIFFERENT, WRITE_AS_IN_PASSPORT, scope="identity", per_item=False,
                        summary=N_("A document that does not give the same passport number as the others."),
                        rank=FixFirst.OTHER)

# (field, its words in a message, the check that compares it)
FIELDS = (
    ("family_name", N_("family name"), FAMILY_NAME),
    ("given_names", N_("given names"), GIVEN_NAMES),
    ("date_of_birth", N_("date of birth"), DATE_OF_BIRTH),
    ("passport_number", N_("passport number"), PASSPORT_NUMBER),
)
# The check for a disagreement that rests on names no check digit protects (an MRZ's), by field.
UNPROTECTED_NAME_CHECKS = {"family_name": MRZ_FAMILY_NAME, "given_names": MRZ_GIVEN_NAMES}
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
    # Names read where no check digit protects them (an MRZ's): a misread may be all that differs.
    names_unprotected: bool = False


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


def consistency_findings(found: list[Statement], context: Context) -> list[Finding]:
    """One error per source that disagrees with the first source giving that field; a warning when the
    disagreement is about names and one side is names no check digit protects."""
    findings: list[Finding] = []
    for field, words, check in FIELDS:
        giving = [statement for statement in found if field in statement.values]
        if len(giving) < 2:
            continue
        reference = giving[0]
        for other in giving[1:]:
            truncated = reference.truncated or other.truncated
            if not same(field, reference.values[field], other.values[field], truncated):
                unprotected = reference.names_unprotected or other.names_unprotected
                raised = UNPROTECTED_NAME_CHECKS.get(field, check) if unprotected else check
                findings.append(raised.finding(context, item=other.item, path=other.path, other=other.source,
                                               field=context._(words), reference=reference.source, answers=ANSWERS))
    return findings

"""Reads a language-test report's words: the test and its variant, the test date, the four scores, and
their CLB/NCLC levels by IRCC's equivalency charts (data: checklists/ircc/language-tests.json).

Only what the words show is stated: a date whose day and month cannot be told apart is left out, and a
score that is not a value of the test's scale (or that OCR mangled) is "unreadable", never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from permit_check.files.resources import checklists_dir, read_json_object
from permit_check.i18n import N_

if TYPE_CHECKING:
    from permit_check.model import Context

ABILITIES = ("listening", "reading", "writing", "speaking")
# The abilities as a sentence names them (French: compréhension de l'oral...).
_ABILITY_NAMES = {"listening": N_("listening"), "reading": N_("reading"), "writing": N_("writing"),
                  "speaking": N_("speaking")}
# How each ability is labelled on English and French reports (TEF/TCF: CO, CE, EE, EO).
_LABELS = {
    "listening": r"listening|compr[ée]hension\s+(?:de\s+l['’]\s*)?orale?|(?-i:\bCO\b)",
    "reading": r"reading|compr[ée]hension\s+(?:de\s+l['’]\s*)?[ée]crite?|(?-i:\bCE\b)",
    "writing": r"writing|expression\s+[ée]crite|(?-i:\bEE\b)",
    "speaking": r"speaking|expression\s+orale|(?-i:\bEO\b)",
}
# A label, then (on the same line) at most a few separators or words such as "score"/"band", then the score.
_SCORE_AFTER = r"(?:\s*(?:\([A-Z]{2}\))?\s*(?:score|band|level|niveau|points?)?\s*[:=\-–]?\s*)"
# A decimal separator as reports and OCR write it: a point, a comma (French reports, or OCR reading a point as
# one), a middle dot; OCR may set a space on either side of it ("6 .5", "6. 5").
_SEPARATOR = r" ?[.,\u00b7\u2022\u2219\u22c5] ?"
# What stands where a score is, taken whole so that a mangled score is never read as its first digits ("6 .5"
# is not 6, "6.S" is not 6): the number, what sticks to it, and a maximum it may be out of ("380/699",
# "11 / 20"); never a date ("14/03/2026"). A word for a score (CELPIP's M, NA) stands alone.
_NUMBER = (rf"(?<![\w.,\u00b7/])(?P<value>(?>\d+(?:{_SEPARATOR}\d+)*)(?>[^\s/]*)|(?-i:M|NA|N/A)(?![\w/]))"
           r"(?!\s*/\s*\d{1,2}\s*/)")
# After a label, a second number on the same line ("4 70": OCR split 470) makes the score unreadable.
_LABELLED = {ability: re.compile(rf"(?:{label}){_SCORE_AFTER}{_NUMBER}(?P<split>[ \t]+\d)?", re.IGNORECASE)
             for ability, label in _LABELS.items()}
# A value read as a score: digits, at most one decimal separator, and nothing stuck to them but punctuation.
_SCORE_VALUE = re.compile(r"(\d{1,3})(?:[.,\u00b7\u2022\u2219\u22c5](\d{1,2}))?[.,;:)\]]*")
# Unreadable: a score was there but is not a value of the test's scale.
UNREADABLE = "unreadable"
_ANY_LABEL = re.compile("|".join(f"(?P<{ability}>{label})" for ability, label in _LABELS.items()), re.IGNORECASE)
# A label opening its line, a colon (or a wide gap), then something short that is no number ("Reading: ##",
# "Speaking  seven"): a score was printed there but cannot be read. Never a sentence, never a row of labels.
_LABEL_THEN_OTHER = {ability: re.compile(
    rf"^[ \t•*-]*(?:{label})(?:[ \t]*\([A-Z]{{2}}\))?(?:[ \t]*(?:score|band|level|niveau|points?))?"
    r"(?:[ \t]*[:=][ \t]*|[ \t]{2,})(?P<other>\S[^\n]{0,14})$", re.IGNORECASE | re.MULTILINE)
    for ability, label in _LABELS.items()}
_DATE_LABEL = re.compile(
    r"(?:test\s+date|date\s+of\s+(?:the\s+)?test|test\s+taken(?:\s+on)?|date\s+taken|date\s+du\s+test|"
    r"date\s+de\s+(?:la\s+)?(?:session|passation|l['’]\s*examen|test))\s*[:.]?\s*", re.IGNORECASE)
_MONTHS = {name: number for number, names in enumerate((
    ("january", "janvier", "jan", "janv"), ("february", "février", "fevrier", "feb", "fév", "fev", "févr"),
    ("march", "mars", "mar"), ("april", "avril", "apr", "avr"), ("may", "mai"), ("june", "juin", "jun"),
    ("july", "juillet", "jul", "juil"), ("august", "août", "aout", "aug"),
    ("september", "septembre", "sep", "sept"), ("october", "octobre", "oct"),
    ("november", "novembre", "nov"), ("december", "décembre", "decembre", "dec", "déc")), start=1)
    for name in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:er)?[\s/.-]+(?P<name>{_MONTH})\.?[\s/.-]+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"(?P<name>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>\d{4})\b"),
)
# Tests whose numeric dates are written day first (British and French reports).
_DAY_FIRST = frozenset({"ielts", "ielts-general", "ielts-academic", "tef-canada", "tcf-canada",
                        "pte-core", "pte-academic"})


@cache
def equivalencies() -> dict[str, Any]:
    """IRCC's equivalency charts with their sources."""
    return read_json_object(checklists_dir() / "ircc" / "language-tests.json", "language tests")


def _value(written: str) -> int | float | str:
    """A score as written: its number ("6,5" and "6 .5" are 6.5), the word a report uses for one ("M"), or
    UNREADABLE when OCR left something else ("6.S", "6.5.5", "7O")."""
    if written == "M":
        return written
    match = _SCORE_VALUE.fullmatch(written.replace(" ", ""))
    if match is None:
        return UNREADABLE
    whole, tenths = match.groups()
    # As printed: an IELTS band of "8.0" stays 8.0 (never shown as 8), a CELPIP level of 8 stays 8.
    return float(f"{whole}.{tenths}") if tenths else int(whole)


def _in_a_row_of_labels(text: str, match: re.Match[str]) -> bool:
    """Whether the label's "value" is on the next line while the label's own line holds other labels: a row of
    labels over a row of numbers, whose numbers belong to the labels in order, not all to the last one."""
    if "\n" not in text[match.start():match.start("value")]:
        return False
    line = text[text.rfind("\n", 0, match.start()) + 1:text.find("\n", match.start())]
    return len(_ANY_LABEL.findall(line)) > 1


def _scores(text: str) -> dict[str, float | str]:
    """The four scores as written (see _value): each after its label ("Listening: 7.5"), else from a row of
    labels over a row of numbers."""
    found: dict[str, float | str] = {}
    for ability, pattern in _LABELLED.items():
        match = pattern.search(text)
        if match and not _in_a_row_of_labels(text, match):
            found[ability] = UNREADABLE if match["split"] else _value(match["value"])
    if len(found) == len(ABILITIES):
        return found
    for ability, pattern in _LABEL_THEN_OTHER.items():
        if ability not in found:
            other = pattern.search(text)
            if other and not _ANY_LABEL.search(other["other"]) and not re.search(r"\d", other["other"]):
                found[ability] = UNREADABLE
    if len(found) == len(ABILITIES):
        return found
    # OCR sets a blank line between printed lines: the row of numbers is the next line that holds something.
    lines = [line for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines[:-1]):
        order = [next(name for name, value in match.groupdict().items() if value)
                 for match in _ANY_LABEL.finditer(line)]
        if len(order) < 2 or len(set(order)) != len(order):
            continue
        numbers = [match["value"] for match in re.finditer(_NUMBER, lines[index + 1])]
        if len(numbers) >= len(order):
            for ability, number in zip(order, numbers, strict=False):
                found.setdefault(ability, _value(number))
    return found


def _on_scale(score: float | str, scale: dict[str, Any]) -> bool:
    if isinstance(score, str):
        return score in scale.get("below_scale", ())
    low, high, step = float(scale["min"]), float(scale["max"]), float(scale["step"])
    steps = (score - low) / step
    return low <= score <= high and abs(steps - round(steps)) < 1e-9


def _date(text: str, test_id: str) -> dt.date | None:
    """The test date: the first date after a "Test date" label."""
    for label in _DATE_LABEL.finditer(text):
        window = text[label.end():label.end() + 40].split("\n", 2)
        following = " ".join(window[:2])
        for pattern in _DATES:
            match = pattern.match(following.strip())
            if match:
                return _as_date(match, test_id)
    return None


def _as_date(match: re.Match[str], test_id: str) -> dt.date | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("name"):
        month: int | None = _MONTHS[parts["name"].lower()]
        day = int(parts["day"])
    elif parts.get("first"):
        first, second = int(parts["first"]), int(parts["second"])
        if first > 12 or (second <= 12 and test_id in _DAY_FIRST):
            day, month = first, second
        elif second > 12:
            day, month = second, first
        else:
            return None  # 03/04/2025 on a report whose convention is unknown: April or March
    else:
        day, month = int(parts["day"]), int(parts["month"])
    try:
        return dt.date(year, month or 0, day)
    except ValueError:
        return None


def _level(score: float | str, ability: str, levels: list[dict[str, Any]]) -> int:
    """The highest level whose lowest score the result reaches; under the chart (or a word for a result under
    the scale, CELPIP's M), one below its last row."""
    for row in levels:
        if not isinstance(score, str) and score >= row[ability]:
            return int(row["level"])
    return int(levels[-1]["level"]) - 1


def _chart(table: dict[str, Any], taken: dt.date | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The scale and levels that apply to a result of that day (TEF Canada changed its scores in 2023)."""
    before = table.get("before")
    if before and taken is not None and taken < dt.date.fromisoformat(before["date"]):
        return before["score"], before["levels"]
    return table["score"], table["levels"]


def read_report(text: str, test: dict[str, str]) -> dict[str, Any]:
    """What a report of `test` (textfacts.language_test's {"id", "name"}) says: test, variant, date,
    scores and CLB/NCLC levels (`clb` None when IRCC has no chart for the test)."""
    knowledge = equivalencies()
    test_id = test["id"]
    table = knowledge["tests"].get(test_id)
    named = table or knowledge["variants"].get(test_id) or {"test": test["name"], "variant": None}
    taken = _date(text, test_id)
    result: dict[str, Any] = {"test": named["test"], "variant": named["variant"],
                              "date": taken.isoformat() if taken else None, "scores": None, "clb": None}
    written = _scores(text)
    scores = {ability: score for ability, score in written.items() if score != UNREADABLE}
    if table:
        scale, levels = _chart(table, taken)
        # TCF Canada writes writing and speaking out of 20, the other two out of 699.
        scales = {ability: ({"min": 0, "max": 20, "step": 1} if test_id == "tcf-canada"
                            and ability in ("writing", "speaking") else scale) for ability in ABILITIES}
        scores = {ability: score for ability, score in scores.items() if _on_scale(score, scales[ability])}
        result["scale"] = table["scale"]
        if scores:
            result["clb"] = {ability: _level(score, ability, levels) for ability, score in scores.items()}
            if len(scores) == len(ABILITIES):
                result["lowest_clb"] = min(result["clb"].values())
    else:
        # No chart says which values the test has: only a plain number is taken for one.
        scores = {ability: score for ability, score in scores.items() if not isinstance(score, str)}
    # A score that was there but is no value of the scale: said unreadable, never guessed at or dropped unsaid.
    unreadable = [ability for ability in ABILITIES if ability in written and ability not in scores]
    if scores:
        result["scores"] = {ability: scores[ability] for ability in ABILITIES if ability in scores}
    if scores or unreadable:
        result["abilities_read"] = len(scores)
    if unreadable:
        result["unreadable"] = unreadable
    return result


def levels_unknown(test: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """The abilities whose level is known neither from the report (`test`, as read_report reads it) nor from
    permit-check.toml's [language] (`answers`); none for a test IRCC has no chart for (whether it is accepted
    decides, not its levels)."""
    if test.get("id") not in equivalencies()["tests"]:
        return []
    read = test.get("clb") or {}
    return [ability for ability in ABILITIES if ability not in read and not isinstance(answers.get(ability), int)]


def ability_names(abilities: list[str], context: Context) -> str:
    """The abilities named in the run's language, in a list ("listening, writing")."""
    return ", ".join(context._(_ABILITY_NAMES[ability]) for ability in abilities)

"""Facts drawn from a document's words: the year ranges a CV lists and the largest gap between them, and
which language test a report is from."""

from __future__ import annotations

import re
from typing import Any

from permit_check.rules.language_reports import read_report

# "2017-2021", "2021 – present", "2019 to 2020"
_RANGE = re.compile(
    r"\b((?:19|20)\d{2})\s*(?:-|–|—|to)\s*((?:19|20)\d{2}|present|now|current|today|date)\b", re.IGNORECASE
)
MAX_TEXT = 20_000

# Which language test a report (or its file name) is from: the most specific wording first, since an
# IELTS Academic report also says "IELTS". Names are the tests' own.
_LANGUAGE_TESTS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (test_id, name, re.compile(pattern, re.IGNORECASE | re.DOTALL)) for test_id, name, pattern in (
        ("celpip-general-ls", "CELPIP-General LS", r"\bCELPIP[\s_-]*(?:General[\s_-]*)?LS\b"),
        ("celpip-general", "CELPIP-General", r"\bCELPIP\b"),
        # A real Test Report Form prints the module on a line of its own ("IELTS / Test Report Form /
        # ACADEMIC"), so the two words are looked for anywhere in the report, not on one line.
        ("ielts-academic", "IELTS Academic", r"\bIELTS\b(?=.*\bAcademic\b)|\bAcademic\b(?=.*\bIELTS\b)"),
        ("ielts-general", "IELTS General Training", r"\bIELTS\b"),
        ("pte-academic", "PTE Academic", r"\bPTE[\s_-]*Academic\b|\bPearson Test of English Academic\b"),
        ("pte-core", "PTE Core", r"\bPTE[\s_-]*Core\b"),
        ("toefl", "TOEFL", r"\bTOEFL\b"),
        ("duolingo", "Duolingo English Test", r"\bDuolingo\b"),
        ("tef-canada", "TEF Canada", r"\bTEF\b|Test d.[ée]valuation de fran[çc]ais"),
        ("tcf-canada", "TCF Canada", r"\bTCF\b|Test de connaissance du fran[çc]ais"),
    )
)
# A test whose variant decides whether it is accepted, named without the variant.
UNKNOWN_VARIANT = frozenset({"ielts", "celpip"})
# IELTS reports name their module; without "General Training" an IELTS report's variant is not known.
_IELTS_GENERAL = re.compile(r"\bGeneral[\s_-]*Training\b", re.IGNORECASE)
# The Test Report Form prints its module as a word of its own ("ACADEMIC"), away from the word IELTS.
_IELTS_ACADEMIC = re.compile(r"^\W*(?:module\W*)?academic\W*$", re.IGNORECASE | re.MULTILINE)


def year_ranges(text: str, this_year: int) -> list[list[int]]:
    ranges = []
    for start, end in _RANGE.findall(text):
        last = int(end) if end.isdigit() else this_year
        if int(start) <= last <= this_year + 1:
            ranges.append([int(start), last])
    return sorted(ranges)


def largest_gap(ranges: list[list[int]], this_year: int) -> int:
    """Whole years not covered between the first range and this year (0 when continuous)."""
    if not ranges:
        return 0
    gap, covered_until = 0, ranges[0][1]
    for start, end in ranges[1:]:
        gap = max(gap, start - covered_until - 1)
        covered_until = max(covered_until, end)
    return max(gap, this_year - covered_until - 1)


def language_test(text: str) -> dict[str, str] | None:
    """{"id", "name"} of the language test the words name, or None. An IELTS report that says neither
    "Academic" nor "General Training" is `ielts` (variant unknown)."""
    for test_id, name, pattern in _LANGUAGE_TESTS:
        if test_id == "ielts-academic" and _IELTS_GENERAL.search(text):
            continue  # "General Training" is the module; "Academic" appears elsewhere on the page
        if pattern.search(text):
            if test_id == "ielts-general" and not _IELTS_GENERAL.search(text):
                if _IELTS_ACADEMIC.search(text):
                    return {"id": "ielts-academic", "name": "IELTS Academic"}
                return {"id": "ielts", "name": "IELTS"}
            return {"id": test_id, "name": name}
    return None


def report_test(text: str, name: str) -> dict[str, str] | None:
    """The language test a file is a report of, as language_test says: its words say which, and its name fills in
    what they leave open ("IELTS" in the report, "ielts-general-training" as its name)."""
    from_text = language_test(text)
    from_name = language_test(name.replace("_", " ").replace("-", " "))
    return from_name if from_name and (not from_text or from_text["id"] in UNKNOWN_VARIANT) else from_text


def text_facts(text: str, this_year: int, name: str = "") -> dict[str, Any]:
    """What the text says; the file name stands in for the test's name when the text has none (a scan)."""
    ranges = year_ranges(text, this_year)
    facts: dict[str, Any] = {"year_ranges": ranges}
    if ranges:
        facts["largest_gap_years"] = largest_gap(ranges, this_year)
    test = report_test(text, name)
    if test:
        # The report's own results, when its words are at hand (a scan without OCR has none).
        facts["language_test"] = {**test, **read_report(text, test)} if text.strip() else test
    return facts

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

# The tests' names spelled out, as reports print them beside (or instead of) the acronym, in English and French.
_IELTS = r"(?:\bIELTS\b|\bInternational\s+English\s+Language\s+Testing\s+System\b)"
_CELPIP = r"(?:\bCELPIP\b|\bCanadian\s+English\s+Language\s+Proficiency\s+Index\s+Program(?:me)?\b)"
_PTE = r"(?:\bPTE|\bPearson\s+Test\s+of\s+English)"
# TEF Canada; never the Quebec version (TEFAQ, "adapté au Québec"), which IRCC does not designate.
_TEF = r"(?:\bTEF\b|\bTest\s+d.\s*[ée]valuation\s+de\s+fran[çc]ais\b(?!\s+adapt))"
_TCF = r"(?:\bTCF\b|\bTest\s+de\s+connaissance\s+du\s+fran[çc]ais\b)"
# Which language test a report (or its file name) is from: the most specific wording first, since an
# IELTS Academic report also says "IELTS". Names are the tests' own.
_LANGUAGE_TESTS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (test_id, name, re.compile(pattern, re.IGNORECASE | re.DOTALL)) for test_id, name, pattern in (
        ("celpip-general-ls", "CELPIP-General LS", rf"{_CELPIP}[\s_-]*(?:General[\s_-]*)?LS\b"),
        ("celpip-general", "CELPIP-General", _CELPIP),
        ("ielts-general", "IELTS General Training", _IELTS),
        ("pte-academic", "PTE Academic", rf"{_PTE}[\s_-]*Academic\b"),
        ("pte-core", "PTE Core", rf"{_PTE}[\s_-]*Core\b"),
        ("toefl", "TOEFL", r"\bTOEFL\b|\bTest\s+of\s+English\s+as\s+a\s+Foreign\s+Language\b"),
        ("duolingo", "Duolingo English Test", r"\bDuolingo\b"),
        ("tef-canada", "TEF Canada", _TEF),
        ("tcf-canada", "TCF Canada", _TCF),
    )
)
# A test whose variant decides whether it is accepted, named without the variant.
UNKNOWN_VARIANT = frozenset({"ielts", "celpip"})
# An IELTS report's module as its header or module field prints it: a line holding the module's name and at most
# the test's name, "Test Report Form" or "Module" ("ACADEMIC", "Module: General Training", "IELTS Academic").
# The same words in a sentence never decide: every Test Report Form prints a NOTE naming both modules
# ("... based on the ACADEMIC Reading and Writing Modules. GENERAL TRAINING Reading and Writing Modules are not
# designed ...").
_IELTS_FRAME = rf"(?:{_IELTS}|\bTest\s+Report\s+Form\b|\bTRF\b|\bModule\b|\bResults?\b)"
_IELTS_MODULE = re.compile(
    rf"^[^\w\n]*(?:{_IELTS_FRAME}[^\w\n]*)*(?P<module>\bAcademic\b|\bGeneral[\s_-]*Training\b)"
    rf"(?:[^\w\n]*{_IELTS_FRAME})*[^\w\n]*$", re.IGNORECASE | re.MULTILINE)
# A file's name is no sentence: a module's name anywhere in it says which ("ielts-academic-2026.pdf").
_IELTS_MODULE_IN_NAME = re.compile(r"(?P<module>\bAcademic\b|\bGeneral[\s_-]*Training\b)", re.IGNORECASE)
_MODULES = {"academic": ("ielts-academic", "IELTS Academic"), "general": ("ielts-general", "IELTS General Training")}


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


def _ielts_module(text: str, pattern: re.Pattern[str] = _IELTS_MODULE) -> dict[str, str]:
    """The IELTS variant its module field names; `ielts` (variant unknown) when no such field names a module, or
    when fields name both (the reader cannot tell which one is the report's)."""
    named = {match["module"].split()[0].split("_")[0].split("-")[0].lower()
             for match in pattern.finditer(text)}
    if len(named) == 1:
        test_id, name = _MODULES[named.pop()]
        return {"id": test_id, "name": name}
    return {"id": "ielts", "name": "IELTS"}


def language_test(text: str, *, file_name: bool = False) -> dict[str, str] | None:
    """{"id", "name"} of the language test the words name, or None. An IELTS report's variant is the module its
    header or module field prints (see _IELTS_MODULE): without one, or with both, it is `ielts` (variant
    unknown). `file_name`: the words are a file's name, where the module may stand anywhere."""
    for test_id, name, pattern in _LANGUAGE_TESTS:
        if pattern.search(text):
            if test_id == "ielts-general":
                return _ielts_module(text, _IELTS_MODULE_IN_NAME if file_name else _IELTS_MODULE)
            return {"id": test_id, "name": name}
    return None


def report_test(text: str, name: str) -> dict[str, str] | None:
    """The language test a file is a report of, as language_test says: its words say which, and its name fills in
    what they leave open ("IELTS" in the report, "ielts-general-training" as its name)."""
    from_text = language_test(text)
    from_name = language_test(name.replace("_", " ").replace("-", " "), file_name=True)
    return from_name if from_name and (not from_text or from_text["id"] in UNKNOWN_VARIANT) else from_text


# The tests permit-check.toml's `test` may name, by their own names; "tef" and "tcf" are TEF and TCF Canada.
TEST_NAMES = {**{test_id: name for test_id, name, _ in _LANGUAGE_TESTS}, **dict(_MODULES.values()), "ielts": "IELTS",
              "celpip": "CELPIP"}
_ANSWER_IDS = {"tef": "tef-canada", "tcf": "tcf-canada"}


def _family(test_id: str) -> str:
    return test_id.split("-", 1)[0]


def _agree(answered: str, found: str) -> bool:
    """Whether the answer and the report may name the same test: the same, or one of them leaves the variant
    open ("ielts" and "ielts-general")."""
    return answered == found or (_family(answered) == _family(found)
                                 and (answered in UNKNOWN_VARIANT or found in UNKNOWN_VARIANT))


def with_answer(found: dict[str, Any] | None, answer: str | None, text: str) -> dict[str, Any] | None:
    """The language test a report's rules judge, given the `test` permit-check.toml names (if any). The answer
    settles what the report leaves open (no test read, or no variant), and the report is then read by that
    test's chart; a report that names another test keeps its own and carries the answer as `answered`, so
    that the disagreement is said rather than one of them silently winning."""
    if not answer:
        return found
    answered = _ANSWER_IDS.get(answer, answer)
    test = {"id": answered, "name": TEST_NAMES.get(answered, answered)}
    if found is None or (_agree(answered, found["id"]) and found["id"] in UNKNOWN_VARIANT):
        return {**test, **read_report(text, test)} if text.strip() else test
    if _agree(answered, found["id"]):
        return found
    return {**found, "answered": test["name"]}


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

"""Facts drawn from a document's words: the year ranges a CV lists and the largest gap between them."""

from __future__ import annotations

import re
from typing import Any

# "2017-2021", "2021 – present", "2019 to 2020"
_RANGE = re.compile(
    r"\b((?:19|20)\d{2})\s*(?:-|–|—|to)\s*((?:19|20)\d{2}|present|now|current|today|date)\b", re.IGNORECASE
)
MAX_TEXT = 20_000


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


def text_facts(text: str, this_year: int) -> dict[str, Any]:
    ranges = year_ranges(text, this_year)
    facts: dict[str, Any] = {"year_ranges": ranges}
    if ranges:
        facts["largest_gap_years"] = largest_gap(ranges, this_year)
    return facts

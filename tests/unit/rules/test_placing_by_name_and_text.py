"""Placing a file by its name (the most specific matching pattern wins, however often the name is asked about)
and by its text (the first item whose text pattern is in it)."""

from __future__ import annotations

import fnmatch
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from permit_check.rules.checklist import Checklist, Item, available_types, load_checklist
from permit_check.rules.placement import _by_name, _by_text

CHECKLISTS = [load_checklist(type_id) for type_id in available_types()]
WORDS = sorted({word for checklist in CHECKLISTS for item in checklist.items for pattern in item.names
                for word in pattern.replace("?", "*").split("*") if word and "[" not in word})


def _most_specific(items: tuple[Item, ...], name: str) -> Item | None:
    """The definition: of the patterns that match, the one with the most literal characters; among equals,
    the item listed first."""
    folded = "".join(char for char in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(char))
    matching = [(len(pattern) - sum(pattern.count(wild) for wild in "*?[]"), -order, item)
                for order, item in enumerate(items) for pattern in item.names
                if fnmatch.fnmatchcase(folded, unicodedata.normalize("NFKD", pattern.lower()))]
    return max(matching, key=lambda found: found[:2])[2] if matching else None


@settings(max_examples=400, deadline=None)
@given(checklist=st.sampled_from(CHECKLISTS), words=st.lists(st.sampled_from(WORDS), max_size=4),
       separator=st.sampled_from(["-", "_", " ", ""]), extension=st.sampled_from([".pdf", ".jpg", ".PDF", ""]),
       accent=st.booleans())
def test_a_name_goes_to_its_most_specific_pattern(checklist: Checklist, words: list[str], separator: str,
                                                   extension: str, accent: bool) -> None:
    name = separator.join(words) + extension
    if accent:
        name = name.replace("e", "é", 1).upper()
    expected = _most_specific(checklist.items, name)
    assert _by_name(checklist.items, name) is expected
    assert _by_name(checklist.items, name) is expected  # asked again: the same answer


def test_a_photo_of_the_passport_is_not_the_passport() -> None:
    checklist = load_checklist("work-permit-outside-canada")
    photo, passport = _by_name(checklist.items, "passport-photo.jpg"), _by_name(checklist.items, "passport.pdf")
    assert photo is not None and passport is not None
    assert (photo.id, passport.id) == ("photo", "passport")


TEXT_WORDS = sorted({word for checklist in CHECKLISTS for item in checklist.items for pattern in item.text
                     for word in re.findall(r"[a-zé]{3,}", pattern.pattern.lower())})


@settings(max_examples=400, deadline=None)
@given(checklist=st.sampled_from(CHECKLISTS),
       words=st.lists(st.sampled_from([*TEXT_WORDS, "the", "of", "Dear", "2026", "\n"]), max_size=12),
       upper=st.booleans())
def test_a_text_goes_to_the_first_item_whose_pattern_is_in_it(checklist: Checklist, words: list[str],
                                                             upper: bool) -> None:
    text = " ".join(words)
    text = text.upper() if upper else text
    expected = next((item for item in checklist.items if any(pattern.search(text) for pattern in item.text)), None)
    assert _by_text(checklist.items, text) is expected

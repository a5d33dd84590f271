"""letters.json: every pattern compiles, every source is named, every item it points at has a title, and the
dates letters are written with are read."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from permit_check.rules.letters import _dates, _letter_date, classify, shared_item_titles
from tests.conftest import REPO
from tests.funds_letters import FAIRNESS_FUNDS, FUNDS_WORDINGS

LETTERS = json.loads((REPO / "checklists" / "ircc" / "letters.json").read_text(encoding="utf-8"))


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        return [pattern for key, value in node.items() if key not in ("title", "advice", "text", "months")
                for pattern in _patterns(value)]
    if isinstance(node, list):
        return [pattern for value in node for pattern in _patterns(value)]
    return [node] if isinstance(node, str) else []


def test_every_pattern_compiles() -> None:
    for section in ("kinds", "grounds", "missing", "documents", "reasons", "places", "deadlines"):
        for pattern in _patterns(LETTERS[section]):
            re.compile(pattern, re.IGNORECASE)


def test_every_source_is_listed_and_every_wording_has_french() -> None:
    known = {source["id"] for source in LETTERS["sources"]}
    for entry in [*LETTERS["grounds"], *LETTERS["reasons"]]:
        assert entry["sources"] and set(entry["sources"]) <= known, entry["id"]
        assert set(entry["patterns"]) == {"en", "fr"}, entry["id"]
    for reason in LETTERS["reasons"]:
        assert set(reason["text"]) == {"en", "fr"}, reason["id"]
    for document in LETTERS["documents"]:
        assert document["sources"] and set(document["sources"]) <= known, document["id"]
        assert set(document["patterns"]) == set(document["title"]) == {"en", "fr"}, document["id"]
    for kind, patterns in LETTERS["kinds"].items():
        assert set(patterns) == {"en", "fr"}, kind


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_item_a_letter_points_at_has_a_title(lang: str) -> None:
    items = {item for ground in LETTERS["grounds"] for item in ground["items"]}
    items |= {entry["item"] for entry in [*LETTERS["missing"], *LETTERS["reasons"]] if "item" in entry}
    titles = shared_item_titles(lang)
    assert sorted(items - set(titles)) == []


@pytest.mark.parametrize(("text", "day"), [
    ("Date: 2026/11/20", dt.date(2026, 11, 20)),
    ("November 20th, 2026", dt.date(2026, 11, 20)),
    ("Nov. 20, 2026", dt.date(2026, 11, 20)),
    ("20 November 2026", dt.date(2026, 11, 20)),
    ("Le 1er décembre 2026", dt.date(2026, 12, 1)),
    ("Ottawa, le 20 août 2026", dt.date(2026, 8, 20)),
])
def test_letter_dates_in_english_and_french(text: str, day: dt.date) -> None:
    assert [found for _, _, found in _dates(text)] == [day]
    assert _letter_date(f"{text}\nDear Applicant,\n", "fr" if "le" in text.lower() else "en") == day


def test_a_birth_date_or_an_impossible_date_is_not_the_letter_date() -> None:
    assert _letter_date("Date of birth: 1990-01-01\nDear Applicant,\n", "en") is None
    assert _dates("2026-02-30") == []


def test_a_refusal_that_mentions_a_fairness_letter_stays_a_refusal() -> None:
    text = ("A procedural fairness letter was sent to you on 2026-09-01 raising concerns; you were given 30 days "
            "to respond. Your response did not disabuse me of my concerns. I am therefore refusing your application.")
    assert classify(text).kind == "refusal"


@pytest.mark.parametrize(("refused", "wording"), FUNDS_WORDINGS)
def test_each_funds_wording_is_the_financial_ground(refused: str, wording: str) -> None:
    reading = classify(refused + wording)
    assert reading.kind == "refusal"
    assert [ground.id for ground in reading.grounds] == ["financial-status"]


@pytest.mark.parametrize("wording", [wording for _, wording in FUNDS_WORDINGS])
def test_a_ground_word_alone_never_makes_a_refusal(wording: str) -> None:
    """The applicant's own letter of explanation, or one sentence quoted from a refusal: no decision is in it."""
    assert classify(wording).kind != "refusal"
    assert classify(f"Dear officer, I can show that {wording[0].lower()}{wording[1:]}").kind != "refusal"


@pytest.mark.parametrize(("language", "text"), FAIRNESS_FUNDS)
def test_a_fairness_letter_about_funds_stays_a_fairness_letter_with_the_ground(language: str, text: str) -> None:
    reading = classify(text)
    assert (reading.kind, reading.language) == ("procedural-fairness", language)
    assert [ground.id for ground in reading.grounds] == ["financial-status"]
    assert reading.judicial_review is None

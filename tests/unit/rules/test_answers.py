"""permit-check.toml (the answers): loaded, validated, and completed with the dates rules count from --as-of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from permit_check.errors import ConfigProblem
from permit_check.rules.answer_facts import build_case, item_document
from permit_check.rules.answers import load_application

AS_OF = dt.date(2026, 11, 28)


def test_an_absent_file_is_no_answers_unless_it_was_named(tmp_path: Path) -> None:
    assert load_application(tmp_path / "permit-check.toml", required=False).source is None
    with pytest.raises(ConfigProblem, match="file not found"):
        load_application(tmp_path / "permit-check.toml", required=True)


def test_an_answer_outside_the_schema_is_a_config_problem(tmp_path: Path) -> None:
    path = tmp_path / "permit-check.toml"
    path.write_text('channel = "carrier-pigeon"\n', encoding="utf-8")
    with pytest.raises(ConfigProblem):
        load_application(path, required=True)


def test_document_dates_count_from_as_of(tmp_path: Path) -> None:
    path = tmp_path / "permit-check.toml"
    path.write_text('[documents.police-certificate]\nissued = 2026-09-01\nlanguage = "es"\n', encoding="utf-8")
    case = build_case(load_application(path, required=True), as_of=AS_OF, channel="secure-account")
    police = case["documents"]["police-certificate"]
    assert police["age_days"] == (AS_OF - dt.date(2026, 9, 1)).days
    assert police["needs_translation"] is True
    assert case["as_of"] == "2026-11-28"


def test_a_photo_date_stands_in_for_an_issued_date_the_answers_lack() -> None:
    document = item_document({"documents": {}}, "photo", {"image": {"taken": "2026-10-01"}}, AS_OF)
    assert document == {"issued": "2026-10-01", "age_days": 58}

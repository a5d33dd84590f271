"""Loading checklists (extends, validation) and the applicant's answers (validation, derived facts)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from permit_check.errors import ConfigProblem
from permit_check.rules.answer_facts import build_case
from permit_check.rules.answers import Application, load_application
from permit_check.rules.checklist import available_types, builtin_ids, load_checklist


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_builtins() -> None:
    assert "base" in builtin_ids()
    assert available_types() == ["iec", "pgwp", "spousal-open-work-permit", "work-permit-inside-canada",
                                 "work-permit-outside-canada"]


def test_outside_canada_items_in_order() -> None:
    loaded = load_checklist("work-permit-outside-canada")
    ids = [item.id for item in loaded.items]
    assert ids[:4] == ["application-form", "family-information", "passport", "photo"]
    assert {"representative", "common-law-declaration", "lmia", "job-offer", "cv", "education",
            "employment-reference", "police-certificate", "medical-exam"} <= set(ids)
    assert loaded.extends == ("base",)
    assert loaded.channels["secure-account"].max_bytes == 4 * 1024 * 1024
    assert loaded.channels["ircc-portal"].max_bytes == 2 * 1024 * 1024
    assert loaded.item("photo").kinds == ("jpeg", "jp2")


def test_extends_adds_replaces_and_drops(tmp_path: Path) -> None:
    path = _write(tmp_path / "agency.json", {
        "id": "agency", "version": "1", "title": "Agency",
        "extends": "work-permit-outside-canada",
        "drop": ["fee-receipt"],
        "items": [
            {"id": "passport", "multiple": True},
            {"id": "bank-statement", "title": "Bank statements", "required": True, "sources": [],
             "match": {"names": ["*bank*"]}},
        ],
    })
    loaded = load_checklist(str(path))
    ids = [item.id for item in loaded.items]
    assert ids[:2] == ["passport", "bank-statement"]
    assert "fee-receipt" not in ids and "application-form" in ids
    assert loaded.item("passport").multiple is True
    assert loaded.item("passport").title == "Passport or travel document"  # merged over the base item
    assert loaded.extends == ("work-permit-outside-canada", "base")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "x", "version": "1"}, "'title' is required"),
        ({"id": "x", "version": "1", "title": "X", "items": [{"id": "a", "title": "A", "required": True,
          "rules": [{"id": "a.r", "severity": "fatal", "message": "m", "hint": "h", "schema": {}}]}]},
         "/items/0/rules/0/severity"),
        ({"id": "x", "version": "1", "title": "X", "items": [{"id": "a", "title": "A", "required": True,
          "rules": [{"id": "a.r", "severity": "error", "message": "m", "hint": "h", "schema": {"minimum": "1"}}]}]},
         "/items/0/rules/0/schema: not a valid JSON Schema"),
        ({"id": "x", "version": "1", "title": "X", "items": [{"id": "a", "title": "A", "required": True},
                                                          {"id": "a", "title": "B", "required": True}]},
         "item id 'a' appears more than once"),
        ({"id": "x", "version": "1", "title": "X", "items": [{"id": "a", "title": "A", "required": True,
                                                           "sources": ["nowhere"]}]},
         "cites unknown source 'nowhere'"),
        ({"id": "x", "version": "1", "title": "X", "items": [{"id": "a"}]}, "has no 'title'"),
        ({"id": "x", "version": "1", "title": "X", "extends": "x.json"}, "cycle"),
        ({"id": "x", "version": "1", "title": "X", "extends": "missing-one"}, "unknown checklist"),
    ],
)
def test_invalid_checklists_say_where(tmp_path: Path, data: dict[str, Any], message: str) -> None:
    path = _write(tmp_path / "x.json", data)
    with pytest.raises(ConfigProblem) as caught:
        load_checklist(str(path))
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_checklist_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{ nope", encoding="utf-8")
    with pytest.raises(ConfigProblem, match="not valid JSON: line 1"):
        load_checklist(str(path))


def test_answers_are_validated_and_dates_become_iso(tmp_path: Path) -> None:
    path = tmp_path / "permit-check.toml"
    path.write_text('[applicant]\ndate_of_birth = 2010-06-01\n[work]\nstart = 2027-01-01\nend = 2027-12-31\n')
    application = load_application(path, required=True)
    assert application.answers["applicant"]["date_of_birth"] == "2010-06-01"
    facts = build_case(application, as_of=dt.date(2026, 5, 31), channel="ircc-portal")
    assert facts["applicant"]["age"] == 15
    assert build_case(application, as_of=dt.date(2026, 6, 1), channel="x")["applicant"]["age"] == 16
    assert facts["work"]["duration_days"] == 364
    assert facts["channel"] == "ircc-portal" and facts["as_of"] == "2026-05-31"


def test_absent_answers_are_fine_unless_named(tmp_path: Path) -> None:
    assert load_application(tmp_path / "none.toml", required=False) == Application()
    with pytest.raises(ConfigProblem, match="file not found"):
        load_application(tmp_path / "none.toml", required=True)


def test_conditions_follow_the_answers() -> None:
    loaded = load_checklist("work-permit-outside-canada")

    def required(item: str, answers: dict[str, Any], channel: str = "secure-account") -> bool:
        facts = build_case(Application(answers), as_of=dt.date(2026, 11, 28), channel=channel)
        return loaded.item(item).is_required(facts)

    assert required("representative", {"representative": {"used": True}})
    assert not required("representative", {"representative": {"used": False}})
    assert required("common-law-declaration", {"applicant": {"marital_status": "common-law"}})
    assert not required("common-law-declaration", {"applicant": {"marital_status": "married"}})
    assert required("lmia", {"work": {"basis": "lmia"}}) and not required("lmia", {"work": {"basis": "open"}})
    assert required("job-offer", {"work": {"basis": "lmia-exempt"}})
    assert not required("cv", {"work": {"basis": "open"}})
    assert required("medical-exam", {"work": {"health_or_childcare": True}})
    assert required("medical-exam", {"applicant": {"lived_in_designated_country": True},
                                     "work": {"start": "2027-01-01", "end": "2027-12-31"}})
    assert not required("medical-exam", {"applicant": {"lived_in_designated_country": True},
                                         "work": {"start": "2027-01-01", "end": "2027-04-30"}})
    assert required("police-certificate", {"requested": {"police_certificate": True}})
    assert not required("police-certificate", {})
    assert required("fee-receipt", {}, channel="paper") and not required("fee-receipt", {})
    assert not required("photo", {}, channel="paper") and required("photo", {})
    assert required("family-information", {})  # age unknown: the stricter case
    assert required("family-information", {"applicant": {"date_of_birth": "2000-01-01"}})
    minor = {"applicant": {"date_of_birth": "2012-01-01", "travelling_alone": False}}
    assert not required("family-information", minor)
    minor["applicant"]["travelling_alone"] = True
    assert required("family-information", minor)
    couple = {"family": {"accompanying": True}, "applicant": {"marital_status": "married"}}
    assert required("marriage-certificate", couple)
    assert not required("marriage-certificate", {"applicant": {"marital_status": "married"}})

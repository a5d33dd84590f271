"""Three-valued conditions: an unanswered question that decides a condition makes it unknown, not false."""

from __future__ import annotations

from typing import Any

import pytest

from permit_check.reports.questions import QUESTIONS
from permit_check.rules.checklist import available_types, load_checklist, predicate
from permit_check.rules.conditions import Outcome, choices, decide, schema_paths


def _decide(schema: dict[str, Any], facts: dict[str, Any]) -> Outcome:
    return decide(schema, predicate(schema), facts)


BASIS_LMIA = {"properties": {"work": {"properties": {"basis": {"const": "lmia"}}, "required": ["basis"]}},
              "required": ["work"]}


def test_a_condition_reading_an_unanswered_question_is_unknown() -> None:
    assert _decide(BASIS_LMIA, {"channel": "secure-account"}) == Outcome(None, ("work.basis",))
    assert _decide(BASIS_LMIA, {"work": {"start": "2027-01-01"}}) == Outcome(None, ("work.basis",))


@pytest.mark.parametrize(("basis", "expected"), [("lmia", True), ("open", False), ("lmia-exempt", False)])
def test_an_answered_question_decides(basis: str, expected: bool) -> None:
    assert _decide(BASIS_LMIA, {"work": {"basis": basis}}) == Outcome(expected)


def test_nested_conditions_wait_only_on_the_question_that_still_matters() -> None:
    married_with_family = {
        "properties": {"applicant": {"properties": {"marital_status": {"const": "married"}},
                                     "required": ["marital_status"]},
                       "family": {"properties": {"accompanying": {"const": True}}, "required": ["accompanying"]}},
        "required": ["applicant", "family"]}
    # Whether the family comes along has a default (silence: you apply alone), so only marital status is open.
    assert _decide(married_with_family, {}) == Outcome(False)
    assert _decide(married_with_family, {"family": {"accompanying": True}}) == Outcome(
        None, ("applicant.marital_status",))
    assert _decide(married_with_family, {"family": {"accompanying": True},
                                         "applicant": {"marital_status": "single"}}) == Outcome(False)


def test_any_of_is_decided_by_one_known_branch() -> None:
    medical = load_checklist("work-permit-outside-canada").item("medical-exam").condition
    assert _decide(medical, {"work": {"health_or_childcare": True}}).value is True
    unknown = _decide(medical, {"work": {"health_or_childcare": False}})
    assert unknown == Outcome(None, ("applicant.lived_in_designated_country",))
    assert _decide(medical, {"work": {"health_or_childcare": False},
                             "applicant": {"lived_in_designated_country": False}}) == Outcome(False)


def test_not_is_unknown_both_ways() -> None:
    no_care = {"not": {"properties": {"work": {"properties": {"health_or_childcare": {"const": True}},
                                               "required": ["health_or_childcare"]}}, "required": ["work"]}}
    assert _decide(no_care, {}) == Outcome(None, ("work.health_or_childcare",))
    assert _decide(no_care, {"work": {"health_or_childcare": True}}) == Outcome(False)
    assert _decide(no_care, {"work": {"health_or_childcare": False}}) == Outcome(True)


def test_a_question_that_cannot_change_the_result_is_not_waited_on() -> None:
    # A minor travelling alone needs family information; an adult always does, whatever the answer.
    family = load_checklist("work-permit-outside-canada").item("family-information").condition
    assert _decide(family, {"applicant": {"age": 30}}) == Outcome(True)
    assert _decide(family, {"applicant": {"age": 15}}) == Outcome(None, ("applicant.travelling_alone",))


def test_silence_with_a_default_and_open_answers_are_decided() -> None:
    representative = load_checklist("work-permit-outside-canada").item("representative").condition
    assert _decide(representative, {}) == Outcome(False)  # schema default: no representative
    # Silence may also mean the stricter case: not a US-only resident, so a police certificate is asked for.
    police = load_checklist("iec").item("police-certificate").condition
    assert _decide(police, {}) == Outcome(True)
    long_stay = {"properties": {"work": {"properties": {"start": {"pattern": "^2027"}}, "required": ["start"]}},
                 "required": ["work"]}
    assert _decide(long_stay, {}) == Outcome(False)  # a date cannot be enumerated: read as absent


def test_items_and_rules_use_three_values() -> None:
    checklist = load_checklist("work-permit-outside-canada")
    assert checklist.item("lmia").requirement({}) == Outcome(None, ("work.basis",))
    assert checklist.item("lmia").is_required({}) is False
    assert checklist.item("passport").requirement({}) == Outcome(True)
    rule = next(rule for rule in checklist.application_rules if rule.id == "job-offer.offer-number-format")
    assert rule.condition({"work": {}}).unknown and not rule.applies({"work": {}})
    assert rule.applies({"work": {"basis": "lmia-exempt"}})


@pytest.mark.parametrize("checklist_id", available_types())
def test_every_question_a_condition_can_wait_on_is_asked_in_words(checklist_id: str) -> None:
    checklist = load_checklist(checklist_id)
    schemas = [item.condition for item in checklist.items if item.condition is not None]
    schemas += [rule.when for rule in (*checklist.file_rules, *checklist.application_rules,
                                       *(rule for item in checklist.items for rule in item.rules)) if rule.when]
    open_keys = {".".join(path) for schema in schemas for path in schema_paths(schema) if choices(path)}
    assert open_keys <= set(QUESTIONS)  # each in French too: the catalogue test checks every message

"""Every built-in check and every rule of every built-in checklist appears in a report the suite produced:
a check nobody provokes is untested. Runs last (conftest orders it), over the findings the suite recorded."""

from __future__ import annotations

import pytest

from permit_check.rules.checklist import available_types, load_checklist
from permit_check.rules.checks import ALL_CHECKS
from permit_check.rules.checks.base import Check
from tests.conftest import LAST_TEST, MADE_BY, PROVOKED, REPO


def _whole_suite(session: pytest.Session) -> bool:
    """True when every test file ran unfiltered: only then does the record speak for the suite."""
    options = session.config.option
    if options.keyword or options.markexpr or getattr(options, "deselect", None):
        return False
    collected = {item.path for item in session.items}
    on_disk = {path for path in (REPO / "tests").rglob("test_*.py")}
    return on_disk <= collected


@pytest.fixture
def whole_suite(request: pytest.FixtureRequest) -> None:
    if not _whole_suite(request.session):
        pytest.skip(f"{LAST_TEST} judges the whole suite's findings; run the whole suite")


def _checklist_rule_ids() -> set[str]:
    rule_ids = set()
    for type_id in available_types():
        loaded = load_checklist(type_id)
        rule_ids |= {rule.id for rule in (*loaded.file_rules, *loaded.application_rules,
                                          *(rule for item in loaded.items for rule in item.rules))}
    return rule_ids


def _item_ids() -> set[str]:
    return {item.id for type_id in available_types() for item in load_checklist(type_id).items}


def _made_by(check: Check, rule: str, checklist_rules: set[str], items: set[str],
             made_by: dict[str, set[Check]] = MADE_BY) -> bool:
    """Whether a reported rule id is the check's own: made by the check object in this process, or (a report
    printed by a real process) an id only the check gives -- its scope or an item, then its suffix, and no
    checklist rule's id. A checklist rule `passport.expired` never stands for the check `expired`."""
    if check in made_by.get(rule, ()):
        return True
    scope, _, suffix = rule.rpartition(".")
    return (rule not in checklist_rules and suffix == check.suffix
            and (scope == check.scope or (check.per_item and scope in items)))


@pytest.mark.usefixtures("whole_suite")
def test_every_built_in_check_was_provoked() -> None:
    checklist_rules, items = _checklist_rule_ids(), _item_ids()
    assert sorted(check.suffix for check in ALL_CHECKS
                  if not any(_made_by(check, rule, checklist_rules, items) for rule in PROVOKED)) == []


def test_a_checklist_rule_with_a_checks_suffix_does_not_stand_for_the_check() -> None:
    """The built-in checklists' rule `translation.missing` ends like the check `missing`: only the check's own
    finding counts for it."""
    [missing] = [check for check in ALL_CHECKS if check.suffix == "missing"]
    checklist_rules, items = _checklist_rule_ids(), _item_ids()
    assert "translation.missing" in checklist_rules
    assert not _made_by(missing, "translation.missing", checklist_rules, items, made_by={})
    assert _made_by(missing, "translation.missing", checklist_rules, items, made_by={"translation.missing": {missing}})
    assert _made_by(missing, "passport.missing", checklist_rules, items, made_by={})  # a real process's report


@pytest.mark.usefixtures("whole_suite")
def test_every_checklist_rule_was_provoked() -> None:
    assert sorted(_checklist_rule_ids() - PROVOKED) == []

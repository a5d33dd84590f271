"""Every built-in check and every rule of every built-in checklist appears in a report the suite produced:
a check nobody provokes is untested. Runs last (conftest orders it), over the findings the suite recorded."""

from __future__ import annotations

import pytest

from permit_check.rules.checklist import available_types, load_checklist
from permit_check.rules.checks import ALL_CHECKS
from tests.conftest import LAST_TEST, PROVOKED, PROVOKED_CHECKS, REPO


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


@pytest.mark.usefixtures("whole_suite")
def test_every_built_in_check_was_provoked() -> None:
    """Each check itself: a checklist rule whose id ends with a check's suffix (`passport.expired`) does not
    stand for the check."""
    assert sorted(check.suffix for check in ALL_CHECKS if check not in PROVOKED_CHECKS) == []


@pytest.mark.usefixtures("whole_suite")
def test_every_checklist_rule_was_provoked() -> None:
    rule_ids = set()
    for type_id in available_types():
        loaded = load_checklist(type_id)
        rule_ids |= {rule.id for rule in (*loaded.file_rules, *loaded.application_rules,
                                          *(rule for item in loaded.items for rule in item.rules))}
    assert sorted(rule_ids - PROVOKED) == []

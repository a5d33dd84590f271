"""The file problems have one list of kinds (PROBLEM_KINDS, where inspectors report them) and one table of checks
(damage.BY_PROBLEM): the facts schema and the registry of built-in checks follow them."""

from __future__ import annotations

import json

import pytest

from permit_check.files.inspectors.problems import PROBLEM_KINDS, problem
from permit_check.i18n import N_
from permit_check.model import Context, FixFirst, Severity
from permit_check.rules import checks
from permit_check.rules.checks import REGISTRY, damage
from permit_check.rules.checks.base import Check
from tests.conftest import AS_OF_DAY, REPO


def test_each_problem_kind_has_one_check_in_the_table() -> None:
    assert sorted(damage.BY_PROBLEM) == sorted(PROBLEM_KINDS)
    assert all(REGISTRY[check.suffix] is check for check in damage.BY_PROBLEM.values())


def test_the_facts_schema_lists_exactly_the_problem_kinds() -> None:
    """Checklist rules and consultancies read facts through this schema: a kind it does not list would make a
    rule that `$ref`s it reject a real file's facts."""
    schema = json.loads((REPO / "schemas" / "facts.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["problem"]["properties"]["kind"]["enum"] == list(PROBLEM_KINDS)


def test_the_facts_schema_lists_exactly_the_entry_problems() -> None:
    """What the walk reports of an entry it never opens: each has its check, and the schema names each."""
    schema = json.loads((REPO / "schemas" / "facts.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["entry_problem"]["enum"] == list(damage.BY_ENTRY_PROBLEM)


def test_a_kind_added_to_the_table_is_reported_and_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a kind on the rules' side is one entry of BY_PROBLEM: no other list to keep in step."""
    scratched = Check("scratched", Severity.WARNING, N_("{path} is scratched: {reason}."), N_("Scan it again."),
                      rank=FixFirst.UNREADABLE)
    monkeypatch.setattr(damage, "BY_PROBLEM", {**damage.BY_PROBLEM, "scratched": scratched})
    monkeypatch.setattr("permit_check.files.inspectors.problems.PROBLEM_KINDS", (*PROBLEM_KINDS, "scratched"))
    facts = {"path": "photo.jpg", "kind": "jpeg", "problem": problem("scratched", "a reason")}
    [finding] = damage.damage_findings(facts, "photo", Context(as_of=AS_OF_DAY))
    assert (finding.rule, finding.severity, finding.message) == ("photo.scratched", Severity.WARNING,
                                                                 "photo.jpg is scratched: a reason.")
    assert scratched in checks._checks(damage)


def test_an_unknown_kind_is_refused_where_it_is_made() -> None:
    with pytest.raises(ValueError, match="unknown problem kind"):
        problem("scratched", "a reason")

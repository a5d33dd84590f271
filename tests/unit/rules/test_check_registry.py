"""The registry of built-in checks holds every check its families define, each under its own suffix."""

from __future__ import annotations

import importlib

import pytest

from permit_check.model import Context, FixFirst, Severity
from permit_check.rules import checks
from permit_check.rules.checks import FAMILIES, REGISTRY, folder
from permit_check.rules.checks.base import Check


def test_every_defined_check_is_in_the_registry_once() -> None:
    defined = [check for family in FAMILIES for check in checks._checks(family)]
    assert len({id(check) for check in defined}) == len(REGISTRY)
    assert all(REGISTRY[check.suffix] is check for check in defined)


def test_a_second_check_with_a_suffix_already_used_is_refused_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two checks with one suffix would share rule ids and one would vanish from the registry, with nothing
    failing: importing the checks refuses it, naming the suffix."""
    monkeypatch.setattr(folder, "ANOTHER_ONE_FILE", Check("one-file", Severity.ERROR, "twice", "twice",
                                                               rank=FixFirst.OTHER),
                        raising=False)
    try:
        with pytest.raises(RuntimeError, match="'one-file'"):
            importlib.reload(checks)
    finally:
        monkeypatch.undo()
        importlib.reload(checks)
    assert checks.REGISTRY == REGISTRY


def test_a_check_cannot_be_defined_without_its_rank_in_what_to_fix_first() -> None:
    """A new check says where its findings come in "fix first"; it no longer falls silently to the end, or among
    the dates because its name holds "date", "days", "window" or "older"."""
    with pytest.raises(TypeError, match="rank"):
        Check("new-check", Severity.ERROR, "message", "hint")  # type: ignore[call-arg]
    assert all(isinstance(check.rank, FixFirst) for check in REGISTRY.values())


@pytest.mark.parametrize(("suffix", "rank"), [
    ("date-of-birth", FixFirst.OTHER),  # a name that disagrees between documents, not a date rule
    ("subfolders", FixFirst.OTHER),  # "subfolders" holds "older"
    ("missing", FixFirst.MISSING), ("outdated-edition", FixFirst.FORMS), ("damaged", FixFirst.UNREADABLE),
    ("max-size", FixFirst.DATES_AND_UPLOAD), ("mrz-expiry", FixFirst.DATES_AND_UPLOAD),
])
def test_a_findings_place_in_fix_first_is_its_checks_rank(suffix: str, rank: FixFirst) -> None:
    from permit_check.model import Finding
    from permit_check.reports.priority import group

    check = REGISTRY[suffix]
    assert check.rank is rank
    assert group(Finding(f"passport.{suffix}", check.severity, "message", "hint", rank=check.rank)) is rank


def test_a_checks_findings_carry_its_rank() -> None:
    import datetime as dt

    from permit_check.rules.checks.damage import EMPTY

    finding = EMPTY.finding(Context(as_of=dt.date(2026, 11, 28)), item="passport", path="passport.pdf")
    assert finding.rank is FixFirst.UNREADABLE and "rank" not in finding.to_record()

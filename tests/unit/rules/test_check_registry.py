"""The registry of built-in checks holds every check its families define, each under its own suffix."""

from __future__ import annotations

import importlib

import pytest

from permit_check.model import Severity
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
    monkeypatch.setattr(folder, "ANOTHER_ONE_FILE", Check("one-file", Severity.ERROR, "twice", "twice"),
                        raising=False)
    try:
        with pytest.raises(RuntimeError, match="'one-file'"):
            importlib.reload(checks)
    finally:
        monkeypatch.undo()
        importlib.reload(checks)
    assert checks.REGISTRY == REGISTRY

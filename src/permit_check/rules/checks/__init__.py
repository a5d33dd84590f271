"""The built-in checks: findings the engine raises itself (missing items, upload limits, unreadable files,
IRCC forms), as opposed to the rules a checklist brings as data.

Each check is one unit -- its id suffix, severity, message, hint and summary (Check, in base.py) -- defined
beside the function that finds it, in the module of its family (alone, or in a table of the family such as
damage.BY_PROBLEM). A new check: define it and its function in the family's module (or a new module listed
here), call the function from evaluation.py if it is a new family, and provoke it in a test. Its words go to
the catalogue with `pybabel extract` (see CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import ModuleType

from permit_check.rules.checks import damage, folder, forms, identity, passport, placement, slots, upload
from permit_check.rules.checks.base import Check

FAMILIES = (folder, slots, upload, damage, placement, forms, passport, identity)


def _checks(family: ModuleType) -> Iterator[Check]:
    """The checks a family module defines: each `Check` of the module, and each in a table of them (a dict whose
    values are checks, such as damage.BY_PROBLEM)."""
    for value in vars(family).values():
        if isinstance(value, Check):
            yield value
        elif isinstance(value, dict):
            yield from (check for check in value.values() if isinstance(check, Check))


def registry(families: Iterable[ModuleType]) -> dict[str, Check]:
    """The families' checks by their id suffix. Two checks with one suffix would share rule ids (and one would
    vanish from the registry, its words from the rule book): refused when the package is imported."""
    checks: dict[str, Check] = {}
    for family in families:
        for check in _checks(family):
            if checks.setdefault(check.suffix, check) is not check:
                raise RuntimeError(f"two built-in checks have the suffix {check.suffix!r}: give {family.__name__}'s "
                                   "another")
    return checks


# Every built-in check, by its id suffix.
REGISTRY: dict[str, Check] = registry(FAMILIES)
ALL_CHECKS = tuple(REGISTRY.values())

__all__ = ["ALL_CHECKS", "REGISTRY", "Check"]

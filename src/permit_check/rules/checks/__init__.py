"""The built-in checks: findings the engine raises itself (missing items, upload limits, unreadable files,
IRCC forms), as opposed to the rules a checklist brings as data.

Each check is one unit -- its id suffix, severity, message and hint (Check, in base.py) -- defined beside
the function that finds it, in the module of its family. A new check: define it and its function in the
family's module (or a new module listed here), call the function from evaluation.py if it is a new
family, and provoke it in a test. Its words go to the catalogue with `pybabel extract` (see CONTRIBUTING.md).
"""

from __future__ import annotations

from permit_check.rules.checks import damage, folder, forms, passport, placement, slots, upload
from permit_check.rules.checks.base import Check

FAMILIES = (folder, slots, upload, damage, placement, forms, passport)
# Every built-in check, by its id suffix.
REGISTRY: dict[str, Check] = {
    value.suffix: value for family in FAMILIES for value in vars(family).values() if isinstance(value, Check)
}
ALL_CHECKS = tuple(REGISTRY.values())

__all__ = ["ALL_CHECKS", "REGISTRY", "Check"]

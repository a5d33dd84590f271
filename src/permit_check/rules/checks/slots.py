"""Checks on each checklist item's upload slot: a required document missing, several files for one slot,
exact copies and older versions of the same form."""

from __future__ import annotations

from collections.abc import Sequence

from permit_check.i18n import N_
from permit_check.model import Context, Finding, Severity
from permit_check.rules.checks.base import Check, E, W, listed
from permit_check.rules.copies import Superseded

MISSING = Check(
    "missing", E,
    N_("No file for {title} ({condition})."),
    "{hint}",
)

ONE_FILE = Check(
    "one-file", E,
    N_("{count} files for one upload slot: {files}."),
    N_("Merge them into one PDF, in page order, and keep only that file."),
)

COPY = Check(
    "copy", W,
    N_("{path} is an exact copy of {kept}."),
    N_("Keep one of them and delete the other: only one file is uploaded for this slot."),
)

OLDER_VERSION = Check(
    "older-version", E,
    N_("{path} is another version of IMM {number}; {kept} is the one to keep ({why})."),
    N_("Keep only the current version: delete {path} or move it out of the folder."),
)
# Why the kept file is the current version (OLDER_VERSION's {why}).
WHY_KEPT = {"validated": N_("it is validated"), "newer-edition": N_("it is the newer edition"),
            "main-folder": N_("it is in the main folder"),
            "tie": N_("the two look alike: make sure it is the current one")}


def missing(item: str, title: str, condition: str | None, severity: Severity, hint: str,
            context: Context) -> list[Finding]:
    return [MISSING.finding(context, item=item, path=None, severity=severity, title=title,
                            condition=condition or context._("required"), hint=hint)]


def one_file(item: str, names: Sequence[str], context: Context) -> list[Finding]:
    """Several parts of one document in a slot that takes one file."""
    return [ONE_FILE.finding(context, item=item, path=None, count=len(names), files=listed(names, context._("and")))]


def superseded(entry: Superseded, item: str, number: str | None, context: Context) -> Finding:
    """A copy or an older version: one finding saying which file to keep."""
    if entry.reason == "copy":
        return COPY.finding(context, item=item, path=entry.path, kept=entry.kept)
    return OLDER_VERSION.finding(context, item=item, path=entry.path, kept=entry.kept, number=number or "?",
                                 why=context._(WHY_KEPT[entry.reason]))

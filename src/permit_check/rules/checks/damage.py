"""Checks on files that cannot be used as they are: empty, unreadable, damaged, locked, too complex, too slow,
and entries of the folder that are not files to check (links out of it or in a loop, devices, folders too
deep)."""

from __future__ import annotations

import math
from typing import Any

from permit_check.files.inspectors.problems import reason_in
from permit_check.files.inspectors.repair import REPAIR_ADVICE
from permit_check.files.walk import MAX_DEPTH
from permit_check.i18n import N_
from permit_check.limits import DEFAULT_TIMEOUT
from permit_check.model import Context, Finding, FixFirst
from permit_check.rules.checks.base import Check, E, W

EMPTY = Check(
    "empty", E,
    N_("{path} is empty (0 bytes)."),
    N_("Copy or download the document again; the file holds nothing."), rank=FixFirst.UNREADABLE,
)

# The one table of file problems: each kind an inspector reports (files/inspectors/problems.py, PROBLEM_KINDS)
# -> the check that reports it. tests/unit/rules/test_damage.py fails when the two disagree.
BY_PROBLEM: dict[str, Check] = {
    "password": Check(
        "password-protected", E,
        N_("{path} needs a password to open; the officer will not be able to open it."),
        N_("Open it, remove the password (File > Properties > Security > No Security) and save a copy."),
        rank=FixFirst.UNREADABLE,
    ),
    "damaged": Check(
        "damaged", E,
        N_("{path} is damaged and cannot be opened ({reason})."),
        N_("Get a fresh copy from the source, or re-save it from a program that opens it."),
        summary=N_("A damaged file that cannot be opened."), rank=FixFirst.UNREADABLE,
    ),
    "repairable": Check(
        "damaged-repairable", E,
        N_("{path} is damaged ({reason}), though a repairing reader can still open it."),
        REPAIR_ADVICE,
        summary=N_("A damaged file that only a repairing reader can open."), rank=FixFirst.UNREADABLE,
    ),
    "unsupported": Check(
        "unsupported", E,
        N_("{path} uses something this checker cannot read ({reason}); an officer may not be able to open it."),
        N_("Save it again as a plain PDF, without certificate security or other special features."),
        summary=N_("A file that uses features the checker cannot read."), rank=FixFirst.UNREADABLE,
    ),
    "timeout": Check(
        "timeout", E,
        N_("{path} could not be checked: {reason}. The time limit may be too short for this machine, or the file "
           "may be damaged or unusually complex."),
        N_("Check it again with more time: --timeout {more} (the limit was {seconds} s). If it still runs out of "
           "time, open it and re-save it (or print it to a new PDF); an officer's viewer may struggle with it too."),
        summary=N_("A file that took too long to check."), rank=FixFirst.UNREADABLE,
    ),
    "crashed": Check(
        "crashed", E,
        N_("{path} could not be checked: {reason}."),
        N_("Open it and re-save it (or print it to a new PDF), then check again."),
        summary=N_("A file whose check failed."), rank=FixFirst.UNREADABLE,
    ),
    "truncated": Check(
        "truncated", E,
        N_("{path} is cut short: {reason}."),
        N_("Copy or download the file again and check that it opens completely."),
        summary=N_("A file that is cut short."), rank=FixFirst.UNREADABLE,
    ),
    "too-complex": Check(
        "too-complex", E,
        N_("{path} could not be checked: {reason}."),
        N_("Open the file and re-save it (or print it to a new PDF); an officer's viewer may fail on it too."),
        summary=N_("A file too complex to check."), rank=FixFirst.UNREADABLE,
    ),
    "too-large": Check(
        "too-large", E,
        N_("{path} could not be checked: {reason}."),
        N_("Re-scan or re-export the document at a normal resolution (150-300 DPI)."),
        summary=N_("A file too large to check."), rank=FixFirst.UNREADABLE,
    ),
    "unreadable": Check(
        "unreadable", E,
        N_("{path} cannot be read: {reason}."),
        N_("Check the file's permissions (or whether it is still downloading) and copy it again."),
        summary=N_("A file that cannot be read."), rank=FixFirst.UNREADABLE,
    ),
}

# A folder entry's problem (from the walk) -> the check that reports it.
BY_ENTRY_PROBLEM: dict[str, Check] = {
    "symlink-outside": Check(
        "symlink-outside", W,
        N_("{path} is a link to a file outside the folder; it was not checked."),
        N_("Copy the real file into the folder instead of linking to it."), rank=FixFirst.UNREADABLE,
    ),
    "folder-link-outside": Check(
        "folder-link-outside", W,
        N_("{path} is a link to a folder outside the application folder; the documents in it were not "
           "checked."),
        N_("Copy its documents into the application folder instead of linking to their folder."),
        rank=FixFirst.UNREADABLE,
    ),
    "link-loop": Check(
        "link-loop", W,
        N_("{path} is a link to a folder it is itself in, which makes a loop; it was not followed."),
        N_("Remove the link: it only leads back to where it is."), rank=FixFirst.UNREADABLE,
    ),
    "broken-link": Check(
        "broken-link", W,
        N_("{path} is a link whose target does not exist."),
        N_("Remove the link and copy the real file into the folder."), rank=FixFirst.UNREADABLE,
    ),
    "not-a-file": Check(
        "not-a-file", W,
        N_("{path} is not a regular file (a device, pipe or socket); it was not checked."),
        N_("Remove it from the application folder."), rank=FixFirst.UNREADABLE,
    ),
    "unreadable-folder": Check(
        "unreadable-folder", E,
        N_("The folder {path} cannot be opened, so its documents were not checked."),
        N_("Check the folder's permissions, or move its documents into the main folder."), rank=FixFirst.UNREADABLE,
    ),
    "too-deep": Check(
        "too-deep", E,
        N_("The folder {path} is nested more than {depth} folders deep, so what it holds was not checked."),
        N_("Move its documents up into the main folder: an application needs only a few levels of folders."),
        rank=FixFirst.UNREADABLE,
    ),
}


def entry_findings(facts: dict[str, Any], context: Context) -> list[Finding]:
    """An entry that was never opened (a link out of the folder, a device, a folder too deep): its one finding."""
    entry_problem = facts.get("entry_problem")
    if not entry_problem:
        return []
    return [BY_ENTRY_PROBLEM[entry_problem].finding(context, item=None, path=facts["path"], depth=MAX_DEPTH)]


def damage_findings(facts: dict[str, Any], item_id: str | None, context: Context) -> list[Finding]:
    """An empty file, and the problem an inspector or a worker left on the file."""
    found = []
    if facts["kind"] == "empty":
        found.append(EMPTY.finding(context, item=item_id, path=facts["path"]))
    trouble = facts.get("problem")
    if trouble:
        seconds, more = _time_limit(trouble, context)
        found.append(BY_PROBLEM[trouble["kind"]].finding(context, item=item_id, path=facts["path"],
                                                         reason=reason_in(trouble, context.lang),
                                                         seconds=seconds, more=more))
    return found


def _time_limit(trouble: dict[str, Any], context: Context) -> tuple[str, str]:
    """For a file that ran out of time (its hint names them): the limit it had and a longer one to try (three times
    it, 30 s at least), written with the language's decimal mark."""
    try:
        seconds = float((trouble.get("values") or {}).get("seconds", DEFAULT_TIMEOUT))
    except ValueError:
        seconds = DEFAULT_TIMEOUT
    mark = context.pgettext("decimal mark", ".")
    return f"{seconds:g}".replace(".", mark), f"{max(30, math.ceil(seconds * 3)):d}"

"""Checks on each checklist item's upload slot: a required document missing, several files for one slot,
exact copies and older versions of the same form."""

from __future__ import annotations

from collections.abc import Sequence

from permit_check.i18n import N_
from permit_check.model import Context, Finding, FixFirst, Severity
from permit_check.rules.checks.base import Check, E, W, listed
from permit_check.rules.copies import Superseded

MISSING = Check(
    "missing", E,
    N_("No file for {title} ({condition})."),
    "{hint}", rank=FixFirst.MISSING,
)
# Added to MISSING's fix when files of the folder were not placed: the missing document may be one of them,
# named by a scanner or a phone ("Scan_0001.pdf", "IMG_4432.JPG").
UNPLACED_HINT = N_("{count} file(s) were not matched to any item ({files}): if one of them is the {title}, rename "
                   "it, e.g. {example}.")

ONE_PHOTO = Check(
    "one-photo", E,
    N_("{count} different photos for one photo slot: {files}."),
    N_("Keep only the one that meets IRCC's photo specifications (taken within 6 months, at least 420 x 540 "
       "pixels, in colour) and delete or move the others; photos are never merged."), rank=FixFirst.OTHER,
)

ONE_FILE = Check(
    "one-file", E,
    N_("{count} files for one upload slot: {files}."),
    N_("Merge them into one PDF, in page order, and keep only that file."), rank=FixFirst.DATES_AND_UPLOAD,
)

COPY = Check(
    "copy", W,
    N_("{path} is an exact copy of {kept}."),
    N_("Keep one of them and delete the other: only one file is uploaded for this slot."),
    rank=FixFirst.DATES_AND_UPLOAD,
)

OLDER_VERSION = Check(
    "older-version", E,
    N_("{path} is another version of IMM {number}; {kept} is the one to keep ({why})."),
    N_("Keep only the current version: delete {path} or move it out of the folder."),
    summary=N_("An older version of a form kept beside the current one."), rank=FixFirst.FORMS,
)
ALTERNATIVE_FORM = Check(
    "alternative-form", E,
    N_("{path} is IMM {number} and {kept} is IMM {kept_number}: the {title} slot takes one of these forms, not "
       "both (and an IRCC form cannot be merged with another file)."),
    N_("Keep one: {kept} (IMM {kept_number}, the form this checklist lists first) unless the other is the one your "
       "instructions ask for; delete the other or move it out of the folder."), rank=FixFirst.OTHER,
)
# Why the kept file is the current version (OLDER_VERSION's {why}).
WHY_KEPT = {"validated": N_("it is validated"), "newer-edition": N_("it is the newer edition"),
            "main-folder": N_("it is in the main folder"),
            "tie": N_("the two look alike: make sure it is the current one")}


def missing(item: str, title: str, condition: str | None, severity: Severity, hint: str,
            context: Context) -> list[Finding]:
    return [MISSING.finding(context, item=item, path=None, severity=severity, title=title,
                            condition=condition or context._("required"), hint=hint)]


def unplaced_hint(unplaced: Sequence[str], shown: int, title: str, example: str, context: Context) -> str:
    """MISSING's note that one of the files no item took (the first `shown` named) may be the missing one."""
    names = [*unplaced[:shown], *(["..."] if len(unplaced) > shown else [])]
    return context._(UNPLACED_HINT).format(count=len(unplaced), files=", ".join(names), title=title,
                                          example=example)


def one_file(item: str, names: Sequence[str], context: Context, *, photo: bool = False) -> list[Finding]:
    """Several parts of one document in a slot that takes one file; in a photo slot, several candidates."""
    several = ONE_PHOTO if photo else ONE_FILE
    return [several.finding(context, item=item, path=None, count=len(names), files=listed(names, context._("and")))]


def superseded(entry: Superseded, item: str, title: str, number: str | None, context: Context) -> Finding:
    """A copy, an older version or an alternative form: one finding saying which file to keep."""
    if entry.reason == "copy":
        return COPY.finding(context, item=item, path=entry.path, kept=entry.kept)
    if entry.reason == "alternative-form":
        return ALTERNATIVE_FORM.finding(context, item=item, path=entry.path, kept=entry.kept, number=number or "?",
                                        kept_number=entry.kept_form or "?", title=title)
    return OLDER_VERSION.finding(context, item=item, path=entry.path, kept=entry.kept, number=number or "?",
                                 why=context._(WHY_KEPT[entry.reason]))

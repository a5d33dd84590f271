"""Tells apart the files of one upload slot: exact copies, older versions of the same IRCC form, two IRCC forms
the slot takes either of, and the documents that really are parts of one (only those are to be merged).

Applicants keep `passport (1).pdf` beside `passport.pdf`, and last month's draft of the application form
in a subfolder, or both family forms (IMM 5645 and IMM 5707) for a slot that takes one. Advising to merge them
would put the same pages twice in the upload, two versions of one form, or two forms where IRCC wants one (and
an IRCC form cannot be merged with anything); the right advice is to keep one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from permit_check.files.ircc_forms import FormIdentity, edition_key


@dataclass(frozen=True)
class SlotFile:
    """What choosing between the files of a slot needs to know about one of them."""

    path: str
    digest: str | None
    form: FormIdentity | None  # which IRCC form it is, if it is one


@dataclass(frozen=True)
class Superseded:
    """A file to leave out of the upload, the file that stays, and why that one."""

    path: str
    kept: str
    # "copy"; why `kept` is the current version: "validated", "newer-edition", "main-folder", "tie"; or
    # "alternative-form": `kept` is the other form the slot takes, the one its checklist lists first.
    reason: str
    kept_form: str | None = None  # the IRCC form number of `kept`, for an alternative form


def _preference(file: SlotFile) -> tuple[int, int, str]:
    """The name to keep among identical copies: the shallowest, then the shortest ('passport.pdf' over
    'passport (1).pdf'), then the first in order."""
    return file.path.count("/"), len(file.path), file.path


def _copies(files: Sequence[SlotFile]) -> tuple[list[SlotFile], list[Superseded]]:
    """One file per distinct content; the others are copies of it."""
    kept: dict[str, SlotFile] = {}
    distinct: list[SlotFile] = []
    copies: list[Superseded] = []
    for file in sorted(files, key=_preference):
        if file.digest is None:
            distinct.append(file)
        elif file.digest in kept:
            copies.append(Superseded(file.path, kept[file.digest].path, "copy"))
        else:
            kept[file.digest] = file
            distinct.append(file)
    return distinct, copies


def _number(file: SlotFile) -> str | None:
    return file.form.number if file.form else None


def _validated(file: SlotFile) -> bool:
    return file.form is not None and file.form.validated is True


def _edition(file: SlotFile) -> tuple[int, int]:
    edition = file.form.edition if file.form else None
    try:
        return edition_key(edition) if isinstance(edition, str) else (0, 0)
    except ValueError:
        return 0, 0


def _current(versions: Sequence[SlotFile]) -> SlotFile:
    """The version to keep: validated first, then the newest edition, then the one in the main folder
    (on a tie, the first by name: `max` keeps the first of equals)."""
    return max(sorted(versions, key=_preference), key=lambda file: (
        _validated(file), _edition(file), -file.path.count("/")))


def _why(current: SlotFile, other: SlotFile) -> str:
    """What makes `current` the one to keep rather than `other`."""
    if _validated(current) and not _validated(other):
        return "validated"
    if _edition(current) > _edition(other):
        return "newer-edition"
    if current.path.count("/") < other.path.count("/"):
        return "main-folder"
    return "tie"


def _alternatives(current: Sequence[SlotFile], alternatives: Sequence[str]) -> list[Superseded]:
    """Two different forms the slot takes either of (its item lists both numbers): the first listed stays."""
    forms = [file for file in current if _number(file) in alternatives]
    if len({_number(file) for file in forms}) < 2:
        return []
    kept = min(forms, key=lambda file: alternatives.index(_number(file) or ""))
    number = _number(kept) or ""
    return [Superseded(file.path, kept.path, "alternative-form", number)
            for file in forms if file is not kept and _number(file) != number]


def sort_out(files: Sequence[SlotFile], alternatives: Sequence[str] = ()) -> list[Superseded]:
    """The files of one slot that should not be uploaded: copies, older versions of an IRCC form, and a form
    the slot takes instead of another (`alternatives`: the form numbers its item lists, preferred first)."""
    distinct, superseded = _copies(files)
    by_form: dict[str, list[SlotFile]] = {}
    for file in distinct:
        number = _number(file)
        if number:
            by_form.setdefault(number, []).append(file)
    for versions in by_form.values():
        if len(versions) < 2:
            continue
        current = _current(versions)
        superseded += [Superseded(other.path, current.path, _why(current, other))
                       for other in versions if other is not current]
    left_out = {entry.path for entry in superseded}
    superseded += _alternatives([file for file in distinct if file.path not in left_out], alternatives)
    return sorted(superseded, key=lambda entry: entry.path)

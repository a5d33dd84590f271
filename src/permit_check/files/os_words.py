"""What the operating system says went wrong with a file, in the catalogue's words.

An OSError's strerror is the C library's English ("Permission denied") whatever language the run speaks. The
errors a user's files and folders meet are marked here, in the C library's own English words, so that English
runs say what they said before and other languages say them from the catalogue.

A path the user gives (a folder, a file, an option's value) is looked up here too (look_up): what the system
refuses about it becomes one usage line naming it, in those words, whichever command took it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from permit_check.errors import UsageProblem
from permit_check.i18n import N_, Phrase

BY_ERRNO = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EEXIST: N_("File exists"),
    errno.EIO: N_("Input/output error"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.ETXTBSY: N_("Text file busy"),
    errno.EMFILE: N_("Too many open files"),
    errno.EFBIG: N_("File too large"),
    errno.ENXIO: N_("No such device or address"),
    errno.EXDEV: N_("Invalid cross-device link"),
    errno.ESTALE: N_("Stale file handle"),
}
# The platform's own strerror text -> the message above: a reason kept as text (a file problem's reason) is
# said in the report's language from it.
BY_TEXT = {os.strerror(code): message for code, message in BY_ERRNO.items()}


def os_reason(error: OSError) -> str:
    """The reason of `error` as a catalogue message (a Phrase, said in the run's language where it is printed),
    else the platform's own words."""
    message = BY_ERRNO.get(error.errno or 0)
    return Phrase(message) if message else error.strerror or type(error).__name__


# A path a user gives is shown whole in the line that says what is wrong with it, unless it is longer than this:
# a 5,000-character name is shown by its two ends.
LONGEST_SHOWN = 160


def shown_path(path: object) -> str:
    """A path as an error line names it: whole, or its start and end when it is very long."""
    text = os.fspath(path) if isinstance(path, os.PathLike | str) else str(path)
    if len(text) <= LONGEST_SHOWN:
        return text
    return f"{text[:LONGEST_SHOWN - 40]}...{text[-30:]}"


def unusable_path(label: str, error: OSError | ValueError) -> UsageProblem:
    """The usage error (exit 2) for a path the user gave that the system refuses: `label` (the path, or the option
    and the path: `--output x`) and why, in the catalogue's words. A NUL byte is refused by Python itself, before
    the system sees the name (ValueError)."""
    reason = os_reason(error) if isinstance(error, OSError) else Phrase(N_("a file name cannot hold a NUL byte"))
    return UsageProblem(N_("{path}: cannot be used: {reason}"), path=label, reason=reason)


def look_up(path: str | os.PathLike[str], label: str | None = None, *, readable: bool = False,
            ) -> os.stat_result | None:
    """What is at a path the user gave (links followed), or None when nothing is there: the one place an OS error
    on such a path becomes a one-line usage error (unusable_path). A name over 255 bytes or a path over 4,096, a
    NUL byte, a loop of links, a file used as a folder on the way, a folder the user may not enter: each is said
    in the system's words, never a traceback. With `readable`, a file the user may not read or a folder they may
    not list is refused too, before any work."""
    name = label if label is not None else shown_path(path)
    try:
        found = Path(path).stat()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise unusable_path(name, error) from None
    wanted = os.R_OK | os.X_OK if stat.S_ISDIR(found.st_mode) else os.R_OK
    if readable and not os.access(path, wanted):
        raise unusable_path(name, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    return found

"""What the operating system says went wrong with a file, in the catalogue's words.

An OSError's strerror is the C library's English ("Permission denied") whatever language the run speaks. The
errors a user's files and folders meet are marked here, in the C library's own English words, so that English
runs say what they said before and other languages say them from the catalogue."""

from __future__ import annotations

import errno
import os

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

"""Opens a file as the walk saw it: never through a link, and only if it is still the same file.

Between the walk and a worker's reading, a hostile folder can swap a file (or a folder above it) for
a link to a file elsewhere. Readers that take a path would then read the other file, and its facts
would be cached under this file's name. A worker therefore opens the file once, without following a
link, checks device and inode against the walk, and hands its readers a path to that very open file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from permit_check.files.walk import Entry

# Linux names every open file of a process here: opening it again reads the same file, not a name.
_OPEN_FILES = Path("/proc/self/fd")


class Swapped(Exception):
    """The file at the entry's name is no longer the one the walk saw (replaced, or now a link)."""


@contextlib.contextmanager
def opened_as_walked(entry: Entry) -> Iterator[Path]:
    """A path that reads exactly the file the walk saw; Swapped when that file is gone from its name."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(os.fsencode(entry.absolute), flags)
    except OSError as error:
        if error.errno == getattr(os, "ELOOP", None):
            raise Swapped from None  # a link now stands where the file was
        raise
    try:
        info = os.fstat(descriptor)
        same = entry.inode is None or (info.st_ino == entry.inode
                                       and (entry.device is None or info.st_dev == entry.device))
        if not stat.S_ISREG(info.st_mode) or not same:
            raise Swapped
        here = _OPEN_FILES / str(descriptor)
        yield here if here.exists() else entry.absolute
    finally:
        os.close(descriptor)

"""Opens a file as the walk saw it: never through a link, and only if it is still the same file.

Between the walk and a worker's reading, a hostile folder can swap a file (or a folder above it) for
a link to a file elsewhere. Readers that take a path would then read the other file, and its facts
would be cached under this file's name. A worker therefore opens the file once, without following a
link, checks device and inode against the walk, hands its readers a path to that very open file, and
after reading checks that the file was not written to since the walk (a rewrite in place keeps the
inode: without this check, facts of one content could be cached under the hash of another).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from permit_check.files.walk import Entry

# Linux names every open file of a process here: opening it again reads the same file, not a name.
_OPEN_FILES = Path("/proc/self/fd")


class Swapped(Exception):
    """The file at the entry's name is no longer the one the walk saw: replaced, now a link, or written
    to since the walk."""


@contextlib.contextmanager
def opened_as_walked(entry: Entry) -> Iterator[Path]:
    """A path that reads exactly the file the walk saw; Swapped when that file is gone from its name."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(os.fsencode(entry.absolute), flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
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
        # Written in place while it was read (same inode): what was read may be neither version, and
        # its facts must not be kept under either's hash. Every write moves mtime and ctime on.
        after = os.fstat(descriptor)
        if _state(after) != (entry.size, entry.mtime_ns, entry.ctime_ns) and entry.ctime_ns is not None:
            raise Swapped
    finally:
        os.close(descriptor)


def _state(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns

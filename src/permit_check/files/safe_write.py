"""Every file permit-check writes goes through here: written whole, never through a link.

A file is written to a new temporary file beside it (a random name, created with O_EXCL and
O_NOFOLLOW, so a link planted under any name is never followed), flushed to disk, then renamed
over the target: a reader sees the old file or the new one, never half of one. Only a missing name
or a regular file is ever replaced; a link, folder, device, FIFO or socket is a usage error (exit 2)
that names the path. Only the last component is judged: the folders above it are the user's choice.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from permit_check.errors import UsageProblem
from permit_check.files.os_words import os_reason
from permit_check.i18n import N_, Phrase

# A report or permit-check.toml gets what any new file gets (0o666 less the umask); the cache is private.
SHARED_MODE = 0o666
PRIVATE_MODE = 0o600
_CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_KINDS = ((stat.S_ISLNK, N_("a link")), (stat.S_ISDIR, N_("a folder")), (stat.S_ISCHR, N_("a device")),
          (stat.S_ISBLK, N_("a device")), (stat.S_ISFIFO, N_("a FIFO (named pipe)")), (stat.S_ISSOCK, N_("a socket")))


def _kind(mode: int) -> Phrase | None:
    """What a non-regular file is, in the catalogue's words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return Phrase(next((words for test, words in _KINDS if test(mode)), N_("not a regular file")))


def refuse_unless_regular(path: Path, label: str | None = None, *, hint: str = "") -> None:
    """Raises UsageProblem unless `path` is absent or a regular file; a link is judged itself, not followed."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise UsageProblem(N_("{target}: cannot be written: {reason}"),
                           target=label or path, reason=os_reason(error)) from None
    kind = _kind(mode)
    if kind is not None:
        raise UsageProblem(N_("{target} is {kind}, not a regular file; permit-check writes only regular files{hint}"),
                           target=label or path, kind=kind, hint=hint)


def _write_temporary(target: Path, data: bytes, mode: int, label: str | None) -> Path:
    """A new file with a random name beside `target`, holding `data`, on disk."""
    import secrets  # loaded only to write a file: a scan to stdout needs no random names

    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            handle = os.open(temporary, _CREATE_NEW, mode)
        except FileExistsError:
            continue  # someone's file, or a planted link, under that name: leave it and draw again
        except OSError as error:  # a folder the user may not write into, a read-only disk, ...
            raise UsageProblem(N_("{target}: cannot be written: {reason}"),
                               target=label or target, reason=os_reason(error)) from None
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except BaseException as error:
            temporary.unlink(missing_ok=True)
            if isinstance(error, OSError):  # a full disk, a quota
                raise UsageProblem(N_("{target}: cannot be written: {reason}"),
                                   target=label or target, reason=os_reason(error)) from None
            raise
        return temporary
    raise UsageProblem(N_("{target}: cannot be written: no free temporary name beside it"), target=label or target)


def write_whole(target: Path, data: bytes, *, mode: int = SHARED_MODE, label: str | None = None) -> None:
    """Creates or replaces the regular file `target` with `data`, whole; anything else there is refused."""
    refuse_unless_regular(target, label)
    temporary = _write_temporary(target, data, mode, label)
    try:
        # rename replaces the name itself: even a link swapped in since the check is replaced, not followed.
        temporary.replace(target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):  # a folder swapped in since the check
            raise UsageProblem(N_("{target}: cannot be written: {reason}"),
                               target=label or target, reason=os_reason(error)) from None
        raise


def create_whole(target: Path, data: bytes, *, mode: int = SHARED_MODE, label: str | None = None) -> None:
    """Like write_whole, but only if nothing is at `target` yet (FileExistsError otherwise, even for a link)."""
    temporary = _write_temporary(target, data, mode, label)
    try:
        # link(2) never follows or replaces an existing name, so it is an atomic "create if absent".
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise UsageProblem(N_("{target}: cannot be written: {reason}"),
                               target=label or target, reason=os_reason(error)) from None
        _create_in_place(target, data, mode)  # a file system without hard links (FAT, some network shares)
    finally:
        temporary.unlink(missing_ok=True)


def _create_in_place(target: Path, data: bytes, mode: int) -> None:
    handle = os.open(target, _CREATE_NEW, mode)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def append_to_regular_file(target: Path, text: str, label: str | None = None) -> None:
    """Appends to a regular file (created if missing), never through a link, never into a FIFO or device."""
    refuse_unless_regular(target, label)
    try:
        # O_NONBLOCK: a FIFO swapped in since the check fails at once instead of waiting for a reader.
        handle = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
                         | os.O_CLOEXEC, SHARED_MODE)
    except OSError as error:
        raise UsageProblem(N_("{target}: cannot be written: {reason}"),
                           target=label or target, reason=os_reason(error)) from None
    with os.fdopen(handle, "ab") as stream:
        kind = _kind(os.fstat(stream.fileno()).st_mode)
        if kind is not None:
            raise UsageProblem(N_("{target} is {kind}, not a regular file; permit-check writes only regular files"),
                               target=label or target, kind=kind)
        stream.write(text.encode("utf-8"))


def make_real_folder(folder: Path, label: str | None = None) -> None:
    """Creates `folder` (and missing parents) unless it exists; a link to a folder is refused, not followed."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        pass
    except OSError as error:
        raise UsageProblem(N_("{target}: cannot be created: {reason}"),
                           target=label or folder, reason=os_reason(error)) from None
    try:
        mode = folder.lstat().st_mode
    except OSError as error:
        raise UsageProblem(N_("{target}: cannot be created: {reason}"),
                           target=label or folder, reason=os_reason(error)) from None
    if not stat.S_ISDIR(mode):
        raise UsageProblem(N_("{target} is {kind}, not a folder; give a real folder"),
                           target=label or folder, kind=_kind(mode) or Phrase(N_("a file")))


def is_private_folder(folder: Path) -> bool:
    """A real folder (not a link) owned by this user that not everyone may write into."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & stat.S_IWOTH


def create_private_file(target: Path) -> bool:
    """Makes sure `target` is a regular file of this user's, mode 0600 when new; False if it is anything else."""
    try:
        handle = os.open(target, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                         PRIVATE_MODE)
    except OSError:
        return False  # ELOOP for a link, EISDIR for a folder, ...
    try:
        info = os.fstat(handle)
    finally:
        os.close(handle)
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()

"""Walks an application folder: every document in a stable order, without following links out of it."""

from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from permit_check.errors import UsageProblem
from permit_check.files.os_words import look_up, shown_path
from permit_check.i18n import N_

APPLICATION_FILE = "permit-check.toml"
# What `permit-check pack` writes beside the files it packs; like the answers file, not a document.
MANIFEST_FILE = "permit-check-manifest.json"

# Files that operating systems and editors leave behind; nobody uploads them on purpose.
OS_LITTER = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".directory"})
LITTER_PREFIXES = ("._", "~$", ".~lock.")
# How many folders deep the walk goes. A real application folder is a few levels deep; 64 leaves
# room for any sync or archive layout, and stops a crafted tree long before its paths outgrow the
# system's limit (4,096 bytes on Linux) or its folders could fill a report one finding each.
MAX_DEPTH = 64


@dataclass(frozen=True)
class Entry:
    """One thing found in the folder.

    `problem` is None for a regular, readable-looking file; otherwise it says why the file will
    not be opened: "symlink-outside" (a link to a file out of the folder), "folder-link-outside" (to a
    folder out of it), "link-loop" (a link to a folder it is in), "broken-link", "unreadable-folder",
    "too-deep" (a folder nested deeper than MAX_DEPTH, not descended) or "not-a-file".
    `path` is for display (undecodable bytes shown as `\\xNN`); `absolute` is the file itself (for a
    link inside the folder, its target), with the name's bytes kept. Device, inode and ctime let a
    later reader prove it opened the very file the walk saw.
    """

    path: str
    absolute: Path
    size: int | None
    mtime_ns: int | None
    problem: str | None = None
    inode: int | None = None
    device: int | None = None
    # Changes on every write, even one that puts the old mtime back (`touch -r`): part of the cache key.
    ctime_ns: int | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def display_name(raw: str) -> str:
    """A file name that can always be printed and serialised: undecodable bytes are shown as escapes
    (`\\xff`), so that two names differing only there stay two names."""
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_litter(name: str) -> bool:
    lowered = name.lower()
    return lowered in OS_LITTER or lowered.startswith(LITTER_PREFIXES)


def check_folder(folder: Path) -> Path:
    """The folder to scan, resolved; a missing folder, a file, a folder the user may not list or a path the system
    refuses (look_up) is a usage problem (exit 2)."""
    found = look_up(folder, readable=True)
    if found is None:
        raise UsageProblem(N_("folder not found: {folder}"), folder=shown_path(folder))
    if not stat.S_ISDIR(found.st_mode):
        raise UsageProblem(N_("not a folder: {folder} (give the folder that holds the documents)"), folder=folder)
    return folder.resolve()


def walk(folder: Path, skip: frozenset[Path] = frozenset()) -> list[Entry]:
    """Every entry below `folder`, sorted by path.

    Hidden folders (.git, ...), OS litter and the tool's own permit-check.toml are skipped.
    Symbolic links are never followed out of the folder, and links to folders are not descended
    (a link to a folder it is in, a loop, is one "link-loop" entry). A folder deeper than MAX_DEPTH
    is one "too-deep" entry.
    Only metadata is read here; no file is opened.
    """
    root = check_folder(folder)
    skipped = frozenset(path.resolve() for path in skip) | {root / APPLICATION_FILE, root / MANIFEST_FILE}
    entries: list[Entry] = []
    # An explicit stack, not recursion: however deep the tree, the walk cannot exhaust Python's stack.
    folders: list[tuple[Path, str, int]] = [(root, "", 0)]
    while folders:
        directory, prefix, depth = folders.pop()
        if depth > MAX_DEPTH:
            entries.append(Entry(prefix.rstrip("/"), directory, None, None, "too-deep"))
            continue
        entries.extend(_folder_entries(root, directory, prefix, skipped, folders, depth))
    entries.sort(key=lambda entry: entry.path)
    return entries


def _folder_entries(root: Path, directory: Path, prefix: str, skipped: frozenset[Path],
                    folders: list[tuple[Path, str, int]], depth: int) -> list[Entry]:
    """The entries of one folder; the folders in it go on `folders`, to be walked in turn."""
    out: list[Entry] = []
    try:
        with os.scandir(directory) as iterator:
            children = sorted(iterator, key=lambda child: child.name)
    except OSError:
        return [Entry(prefix.rstrip("/") or ".", directory, None, None, "unreadable-folder")]
    for child in children:
        relative = prefix + display_name(child.name)
        absolute = Path(child.path)
        if child.is_symlink():
            out.extend(_link_entry(root, absolute, relative, skipped))
            continue
        try:
            info = child.stat(follow_symlinks=False)
        except OSError:
            out.append(Entry(relative, absolute, None, None, "broken-link"))
            continue
        if stat.S_ISDIR(info.st_mode):
            if not child.name.startswith("."):
                folders.append((absolute, relative + "/", depth + 1))
            continue
        if is_litter(child.name) or absolute in skipped:
            continue
        if not stat.S_ISREG(info.st_mode):
            out.append(Entry(relative, absolute, None, None, "not-a-file"))
            continue
        out.append(_file_entry(relative, absolute, info))
    return out


def _link_entry(root: Path, link: Path, relative: str, skipped: frozenset[Path]) -> list[Entry]:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return [Entry(relative, link, None, None, "broken-link")]
    is_folder = target.is_dir()
    if is_folder and link.parent.is_relative_to(target):
        # The folder the link is in, or one above it (above the scanned folder too): followed, it would lead
        # round to itself for ever.
        return [Entry(relative, link, None, None, "link-loop")]
    if not target.is_relative_to(root):
        return [Entry(relative, link, None, None, "folder-link-outside" if is_folder else "symlink-outside")]
    if is_folder or target in skipped or is_litter(link.name):
        # A link to another folder inside the folder only repeats documents that are scanned anyway.
        return []
    info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        return [Entry(relative, link, None, None, "not-a-file")]
    return [_file_entry(relative, target, info)]


def file_entry(path: Path) -> Entry:
    """The entry of one file named by the user (a link to it is followed: it is the file they named), for the
    same checks a folder's files get when a worker opens them. OSError when it cannot be looked at."""
    target = path.resolve(strict=True)
    return _file_entry(display_name(path.name), target, target.stat())


def _file_entry(relative: str, absolute: Path, info: os.stat_result) -> Entry:
    return Entry(relative, absolute, info.st_size, info.st_mtime_ns, inode=info.st_ino, device=info.st_dev,
                 ctime_ns=info.st_ctime_ns)


def is_excluded(path: str, globs: tuple[str, ...]) -> bool:
    """Whether a relative path, or a folder it is in, matches one of the user's exclude globs."""
    if not globs:
        return False
    parts = path.split("/")
    candidates = ["/".join(parts[: depth + 1]) for depth in range(len(parts))]
    return any(fnmatch.fnmatchcase(candidate, glob.rstrip("/")) for glob in globs for candidate in candidates)


def subfolders(entries: list[Entry]) -> dict[str, int]:
    """The subfolders that hold files, and how many each holds (files of theirs' subfolders included)."""
    counts: dict[str, int] = {}
    for entry in entries:
        if "/" in entry.path:
            top = entry.path.split("/", 1)[0]
            counts[top] = counts.get(top, 0) + 1
    return counts

"""A cache of per-file facts outside the scanned folder, so that re-scanning an unchanged folder is near-instant.

Facts are stored by content hash (a copy of the same document elsewhere shares them), found
through the file's size, mtime, ctime and inode, and invalidated by the tool's version and IRCC form
data. A file too big for any upload is never hashed (so never cached): hashing it would only eat
into the time the file has to be examined.
The cache lives in the user's cache folder (readable by the user only: facts hold form answers);
any problem with it (including a cache folder or file that is a link, or not the user's own) turns it
off for the run instead of failing the scan.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from permit_check import __version__
from permit_check.files.resources import checklists_dir
from permit_check.files.safe_write import create_private_file, is_private_folder
from permit_check.files.walk import Entry

CACHE_FILE = "facts-v2.sqlite3"  # v2: the stat table records ctime
# mrz1 added the passport's machine-readable zone; mrz2: its reader tells look-alike glyphs apart; mrz3: every
# zone of the file (mrzs), the pictures looked at and the pages left unread, found or not; mrz4: a document number
# only as the glyphs confirm it (never changed to fit its check digit), and the fields no check digit covers;
# amp5: a form's value with a bare '&' is read whole.
FACTS_SCHEMA = "amp5"
LOOKUP_BATCH = 500  # under SQLite's limit on the number of parameters
# Facts that depend on the file's name, not its content: recomputed for every path.
NAME_FACTS = ("path", "name", "stem", "extension", "extension_kind", "extension_matches")
# IRCC's online channels take at most 4 MB a file; no document comes near this, and hashing a file
# this big (about a second) would cost more than examining it again.
MAX_HASHED_BYTES = 256 * 1024 * 1024


def default_cache_dir() -> Path:
    override = os.environ.get("PERMIT_CHECK_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "permit-check"


def facts_version() -> str:
    """Changes whenever facts could: a new release, or new form data paths."""
    forms = (checklists_dir() / "ircc" / "forms.json").read_bytes()
    return f"{__version__}:{FACTS_SCHEMA}:{hashlib.sha256(forms).hexdigest()[:16]}"


def file_digest(path: Path, deadline: float | None = None) -> str | None:
    """The SHA-256 of the file's bytes, or None when the time.monotonic() deadline passes first."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if deadline is not None and time.monotonic() > deadline:
                return None
            digest.update(block)
    return digest.hexdigest()


def _content_facts(stored: str) -> dict[str, Any] | None:
    """The facts of a cache row, or None when the row is not what the cache writes (a miss, then replaced)."""
    try:
        facts = json.loads(stored)
    except (TypeError, ValueError, RecursionError):
        return None
    return facts if isinstance(facts, dict) and isinstance(facts.get("kind"), str) else None


def _key(entry: Entry) -> bytes:
    """The file's absolute path as bytes: names need not be valid UTF-8."""
    return os.fsencode(entry.absolute)


class FactsCache:
    def __init__(self, directory: Path) -> None:
        self.version = facts_version()
        self.connection: sqlite3.Connection | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = directory / CACHE_FILE
            # Only a folder of the user's own that not everyone can write into (SQLite also creates its
            # journal there), and a database that is a regular file: never a link followed elsewhere.
            if not (is_private_folder(directory) and create_private_file(path)):
                return
            self.connection = sqlite3.connect(path, timeout=5)
            self.connection.executescript(
                "CREATE TABLE IF NOT EXISTS stat (path BLOB PRIMARY KEY, size INT, mtime_ns INT, ctime_ns INT,"
                " inode INT, digest TEXT);"
                "CREATE TABLE IF NOT EXISTS facts (digest TEXT, version TEXT, facts TEXT,"
                " PRIMARY KEY (digest, version));"
                "CREATE TABLE IF NOT EXISTS mrz (digest TEXT, version TEXT, reading TEXT,"
                " PRIMARY KEY (digest, version));"
                "CREATE TABLE IF NOT EXISTS texts (digest TEXT, version TEXT, pages INT, text TEXT,"
                " PRIMARY KEY (digest, version, pages));"
            )
        except (OSError, sqlite3.Error):
            self.close()

    @property
    def enabled(self) -> bool:
        return self.connection is not None

    def _query(self, sql: str, arguments: tuple[Any, ...]) -> tuple[Any, ...] | None:
        if self.connection is None:
            return None
        try:
            row: tuple[Any, ...] | None = self.connection.execute(sql, arguments).fetchone()
        except sqlite3.Error:
            self.close()
            return None
        return row

    def _write(self, sql: str, arguments: tuple[Any, ...]) -> None:
        if self.connection is None:
            return
        try:
            self.connection.execute(sql, arguments)
        except sqlite3.Error:
            self.close()

    def lookup(self, entries: list[Entry]) -> dict[int, tuple[str, dict[str, Any]]]:
        """(content hash, content facts) for each entry (by index) unchanged since it was cached."""
        found: dict[int, tuple[str, dict[str, Any]]] = {}
        if self.connection is None:
            return found
        wanted = {_key(entry): index for index, entry in enumerate(entries) if not entry.problem}
        keys = list(wanted)
        for start in range(0, len(keys), LOOKUP_BATCH):
            batch = keys[start : start + LOOKUP_BATCH]
            marks = ",".join("?" * len(batch))
            try:
                rows = self.connection.execute(
                    "SELECT s.path, s.size, s.mtime_ns, s.ctime_ns, s.inode, s.digest, f.facts FROM stat s JOIN facts f"
                    f" ON f.digest = s.digest AND f.version = ? WHERE s.path IN ({marks})", (self.version, *batch),
                ).fetchall()
            except sqlite3.Error:
                self.close()
                return {}
            for path, size, mtime_ns, ctime_ns, inode, digest, stored in rows:
                index = wanted.get(path)
                if index is None:
                    continue
                entry = entries[index]
                facts = _content_facts(stored)
                if facts is not None and (size, mtime_ns, ctime_ns, inode) == (
                        entry.size, entry.mtime_ns, entry.ctime_ns, entry.inode):
                    found[index] = (str(digest), facts)
        return found

    def text(self, digest: str, pages: int) -> str | None:
        row = self._query("SELECT text FROM texts WHERE digest = ? AND version = ? AND pages = ?",
                          (digest, self.version, pages))
        return row[0] if row and isinstance(row[0], str) else None

    def mrz(self, digest: str) -> dict[str, Any] | None:
        """What OCR found on the file's pages ({"mrz": reading or None}), if it was read before."""
        row = self._query("SELECT reading FROM mrz WHERE digest = ? AND version = ?", (digest, self.version))
        if not row or not isinstance(row[0], str):
            return None
        with contextlib.suppress(ValueError):
            found = json.loads(row[0])
            if isinstance(found, dict) and "mrz" in found:
                return found
        return None

    def store_mrz(self, digest: str, found: dict[str, Any]) -> None:
        self._write("INSERT OR REPLACE INTO mrz VALUES (?, ?, ?)", (digest, self.version, json.dumps(found)))

    def store(self, entry: Entry, digest: str, facts: dict[str, Any]) -> None:
        inode = entry.inode
        content = {key: value for key, value in facts.items() if key not in NAME_FACTS}
        self._write("INSERT OR REPLACE INTO stat VALUES (?, ?, ?, ?, ?, ?)",
                    (_key(entry), entry.size, entry.mtime_ns, entry.ctime_ns, inode, digest))
        self._write("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)", (digest, self.version, json.dumps(content)))

    def store_text(self, digest: str, pages: int, text: str) -> None:
        self._write("INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?)", (digest, self.version, pages, text))

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self.connection.commit()
                self.connection.close()
        self.connection = None

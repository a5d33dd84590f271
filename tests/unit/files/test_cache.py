"""The facts cache: what makes a row stale, and why a broken cache never breaks a scan."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from pathlib import Path

from permit_check.files.cache import CACHE_FILE, MAX_HASHED_BYTES, FactsCache, file_digest
from permit_check.files.facts import examine
from permit_check.files.gather import _examine_task
from permit_check.files.walk import Entry, walk
from tests import docfactory as make


def _document(folder: Path) -> Entry:
    make.write(folder / "docs" / "letter.pdf", make.text_pdf(["Letter of explanation"]))
    [entry] = walk(folder / "docs")
    return entry


def _cached(cache_dir: Path, entry: Entry) -> FactsCache:
    cache = FactsCache(cache_dir)
    cache.store(entry, "digest-of-letter", examine(entry))
    return cache


def test_an_unchanged_file_is_found(tmp_path: Path) -> None:
    entry = _document(tmp_path)
    cache = _cached(tmp_path / "cache", entry)
    [(digest, facts)] = cache.lookup(walk(tmp_path / "docs")).values()
    assert digest == "digest-of-letter" and facts["kind"] == "pdf"


def test_an_edit_that_puts_the_old_mtime_back_is_a_miss(tmp_path: Path) -> None:
    """What `touch -r` or a careless copy tool does: same size, same mtime, same inode, other bytes."""
    entry = _document(tmp_path)
    cache = _cached(tmp_path / "cache", entry)
    before = entry.absolute.stat()
    time.sleep(0.01)  # a ctime tick apart, even on coarse clocks
    with entry.absolute.open("r+b") as handle:
        handle.write(b"%PDF-1.7")
    os.utime(entry.absolute, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = walk(tmp_path / "docs")
    assert (after[0].size, after[0].mtime_ns, after[0].inode) == (entry.size, entry.mtime_ns, entry.inode)
    assert cache.lookup(after) == {}


def test_a_row_that_does_not_parse_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    entry = _document(tmp_path)
    cache = _cached(tmp_path / "cache", entry)
    assert cache.connection is not None
    for broken in ('{"kind": "pdf", "pag', "[1, 2, 3]", '"pdf"', "null", "{}", "[" * 100_000):
        cache.connection.execute("UPDATE facts SET facts = ?", (broken,))
        assert cache.lookup([entry]) == {}, broken
        assert cache.enabled
    cache.store(entry, "digest-of-letter", examine(entry))
    assert cache.lookup([entry])[0][1]["kind"] == "pdf"


def test_a_file_that_is_not_a_database_turns_the_cache_off(tmp_path: Path) -> None:
    entry = _document(tmp_path)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / CACHE_FILE).write_bytes(os.urandom(8192))
    cache = FactsCache(tmp_path / "cache")
    assert not cache.enabled
    assert cache.lookup([entry]) == {}
    cache.store(entry, "digest", examine(entry))  # quietly nothing
    assert cache.text("digest", 1) is None


def test_a_table_with_other_columns_turns_the_cache_off(tmp_path: Path) -> None:
    entry = _document(tmp_path)
    (tmp_path / "cache").mkdir()
    with sqlite3.connect(tmp_path / "cache" / CACHE_FILE) as connection:
        connection.execute("CREATE TABLE stat (path TEXT, digest TEXT)")
    cache = FactsCache(tmp_path / "cache")
    assert cache.lookup([entry]) == {}
    assert not cache.enabled
    cache.store(entry, "digest", examine(entry))  # quietly nothing


def test_hashing_stops_at_its_deadline(tmp_path: Path) -> None:
    path = make.write(tmp_path / "scan.pdf", os.urandom(3_000_000))
    assert file_digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert file_digest(path, deadline=time.monotonic() + 60) == file_digest(path)
    assert file_digest(path, deadline=time.monotonic() - 1) is None


def test_a_file_out_of_time_while_hashing_keeps_its_facts_and_is_not_cached(tmp_path: Path) -> None:
    entry = _document(tmp_path)
    digest, facts = _examine_task((entry, 10.0))
    assert digest == hashlib.sha256(entry.absolute.read_bytes()).hexdigest()
    # A time limit already spent by examining: the facts are real, only the hash is given up.
    assert _examine_task((entry, 1e-9)) == (None, facts)
    assert facts["kind"] == "pdf" and "problem" not in facts


def test_a_file_too_big_for_any_upload_is_never_hashed(tmp_path: Path) -> None:
    path = tmp_path / "docs" / "archive.pdf"
    path.parent.mkdir()
    with path.open("wb") as handle:  # sparse: costs no disk, reads as zeros
        handle.write(b"%PDF-1.4\n")
        handle.truncate(MAX_HASHED_BYTES + 1)
    [entry] = walk(path.parent)
    started = time.monotonic()
    digest, facts = _examine_task((entry, 60.0))
    assert digest is None
    assert facts["size"] == MAX_HASHED_BYTES + 1 and facts["kind"] == "pdf"
    assert time.monotonic() - started < 5

"""Gathering: every entry's facts from the workers, and text read for exactly the files the rules name."""

from __future__ import annotations

from pathlib import Path

from permit_check.files.gather import GatherOptions, examine_folder, read_texts
from tests import docfactory as make


def test_facts_come_in_walk_order_with_a_hash_for_each_readable_file(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("second", encoding="utf-8")
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"")
    _, facts, digests = examine_folder(tmp_path, GatherOptions())
    assert [entry_facts["path"] for entry_facts in facts] == ["a.txt", "b.txt", "c.pdf"]
    assert [entry_facts["kind"] for entry_facts in facts] == ["text", "text", "empty"]
    assert digests[0] is not None and digests[0] != digests[1]


def test_excluded_paths_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "draft.txt").write_text("draft", encoding="utf-8")
    (tmp_path / "cv.txt").write_text("cv", encoding="utf-8")
    _, facts, _ = examine_folder(tmp_path, GatherOptions(), exclude=("old",))
    assert [entry_facts["path"] for entry_facts in facts] == ["cv.txt"]


def test_text_is_read_only_for_the_files_it_is_asked_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Letter of acceptance", encoding="utf-8")
    make.write(tmp_path / "b.pdf", make.text_pdf(["Offer of employment"]))
    entries, facts, digests = examine_folder(tmp_path, GatherOptions())
    assert read_texts({1: False}, 1, entries, facts, digests, GatherOptions()).keys() == {1}
    texts = read_texts({0: False, 1: False}, 1, entries, facts, digests, GatherOptions())
    assert "acceptance" in texts[0] and "Offer of employment" in texts[1]

"""Walking the folder and telling file types from bytes."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

import pytest

from permit_check.errors import UsageProblem
from permit_check.files.kind import identify_bytes, identify_file, kind_name
from permit_check.files.walk import MAX_DEPTH, display_name, walk
from tests import docfactory as make


def test_walk_is_sorted_and_skips_litter_and_own_file(tmp_path: Path) -> None:
    for name in ["b.pdf", "a.pdf", "permit-check.toml", ".DS_Store", "~$draft.docx", "._a.pdf", "Thumbs.db"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.pdf").write_bytes(b"x")
    (tmp_path / "sub" / "permit-check.toml").write_bytes(b"x")  # only the top-level one is the tool's
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.pdf").write_bytes(b"x")
    assert [entry.path for entry in walk(tmp_path)] == ["a.pdf", "b.pdf", "sub/c.pdf", "sub/permit-check.toml"]


def test_walk_does_not_descend_linked_folders(tmp_path: Path) -> None:
    (tmp_path / "real" / "inner").mkdir(parents=True)
    (tmp_path / "real" / "a.pdf").write_bytes(b"x")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    (tmp_path / "self").symlink_to(tmp_path)
    (tmp_path / "real" / "inner" / "up").symlink_to(tmp_path / "real")
    (tmp_path / "above").symlink_to(tmp_path.parent)
    # A link to a folder it is in is a loop: named once, never descended; a link to a sibling only repeats it.
    assert [(entry.path, entry.problem) for entry in walk(tmp_path)] == [
        ("above", "link-loop"), ("real/a.pdf", None), ("real/inner/up", "link-loop"), ("self", "link-loop")]


def test_walk_reports_links_out_and_broken_links(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").symlink_to("/etc/hostname")
    (tmp_path / "etc").symlink_to("/etc")
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "missing")
    problems = {entry.path: entry.problem for entry in walk(tmp_path)}
    assert problems == {"etc": "folder-link-outside", "gone.pdf": "broken-link", "out.pdf": "symlink-outside"}


def test_walk_stops_at_its_depth_limit_with_one_entry(tmp_path: Path) -> None:
    deepest_walked = tmp_path.joinpath(*[f"level-{level}" for level in range(1, MAX_DEPTH + 1)])
    (deepest_walked / "next" / "and-another").mkdir(parents=True)
    (deepest_walked / "letter.pdf").write_bytes(b"x")
    (deepest_walked / "next" / "hidden-from-the-walk.pdf").write_bytes(b"x")
    (tmp_path / "passport.pdf").write_bytes(b"x")
    entries = walk(tmp_path)
    walked = "/".join(f"level-{level}" for level in range(1, MAX_DEPTH + 1))
    assert [(entry.path, entry.problem) for entry in entries] == [
        (f"{walked}/letter.pdf", None), (f"{walked}/next", "too-deep"), ("passport.pdf", None)]
    assert entries[1].absolute == deepest_walked / "next"


def test_walk_is_not_recursive(tmp_path: Path) -> None:
    """Python's stack is the limit of a recursive walk: give it fewer frames than the tree has levels."""
    (tmp_path / "/".join(["d"] * 40)).mkdir(parents=True)
    (tmp_path / "/".join(["d"] * 40) / "deep.pdf").write_bytes(b"x")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 30)
    try:
        entries = walk(tmp_path)
    finally:
        sys.setrecursionlimit(limit)
    assert [entry.path for entry in entries] == ["/".join(["d"] * 40) + "/deep.pdf"]


def test_walk_rejects_missing_folder_and_file(tmp_path: Path) -> None:
    with pytest.raises(UsageProblem, match="folder not found"):
        walk(tmp_path / "none")
    (tmp_path / "f").write_bytes(b"")
    with pytest.raises(UsageProblem, match="not a folder"):
        walk(tmp_path / "f")


def test_undecodable_and_strange_names(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/passport\xff.pdf"
    with open(raw, "wb") as handle:
        handle.write(b"x")
    (tmp_path / "line\nbreak.pdf").write_bytes(b"x")
    paths = [entry.path for entry in walk(tmp_path)]
    assert "line\nbreak.pdf" in paths and "passport\\xff.pdf" in paths
    assert display_name("ok.pdf") == "ok.pdf"


@pytest.mark.parametrize(
    ("name", "data", "kind", "matches"),
    [
        ("a.pdf", make.text_pdf(["x"]), "pdf", True),
        ("cv.pdf", make.docx_bytes(["x"]), "docx", False),
        ("cv.docx", make.docx_bytes(["x"]), "docx", True),
        ("photo.png", make.jpeg_bytes(make.photo_image(seed=1, width=50, height=50)), "jpeg", False),
        ("photo.JPG", make.jpeg_bytes(make.photo_image(seed=1, width=50, height=50)), "jpeg", True),
        ("scan.tif", make.image_bytes(make.scan_image(50, 50, seed=1), "TIFF"), "tiff", True),
        ("notes", b"hello there", "text", True),
        ("junk.pdf", b"\x00" * 300 + make.text_pdf(["x"]), "pdf", True),
        ("blob.pdf", bytes(range(256)), "other", True),
    ],
)
def test_identify_by_bytes(name: str, data: bytes, kind: str, matches: bool) -> None:
    identity = identify_bytes(name, data[:8192], len(data))
    assert identity.kind == kind
    assert identity.extension_matches is matches


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "e.pdf"
    path.write_bytes(b"")
    identity = identify_file(path, "e.pdf", 0)
    assert identity.kind == "empty" and identity.mime == "inode/x-empty"


def test_kind_names_read_well() -> None:
    assert kind_name("pdf", article=True) == "a PDF document"
    assert kind_name("empty", article=True) == "an empty file"
    assert kind_name(None) == "file of an unknown type"


def test_names_differing_only_in_undecodable_bytes_stay_two_names(tmp_path: Path) -> None:
    for raw in (b"/a\xff.pdf", b"/a\xfe.pdf"):
        with open(os.fsencode(str(tmp_path)) + raw, "wb") as handle:
            handle.write(raw)
    assert [entry.path for entry in walk(tmp_path)] == ["a\\xfe.pdf", "a\\xff.pdf"]

"""safe_write's promises where the command line cannot reach: failures leave nothing half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from permit_check.errors import UsageProblem
from permit_check.files import safe_write


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def disk_full(_: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UsageProblem, match=r"report\.json: cannot be written: No space left on device"):
        safe_write.write_whole(target, b"new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]


def test_create_whole_never_replaces_anything(tmp_path: Path) -> None:
    target = tmp_path / "permit-check.toml"
    safe_write.create_whole(target, b"first\n")
    with pytest.raises(FileExistsError):
        safe_write.create_whole(target, b"second\n")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        safe_write.create_whole(tmp_path / "dangling", b"through the link\n")
    assert target.read_text(encoding="utf-8") == "first\n" and not (tmp_path / "nowhere").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dangling", "permit-check.toml"]


def test_create_whole_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system without hard links (FAT, some shares) the file is created in place, still exclusively."""
    def no_links(*_: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "permit-check.toml"
    safe_write.create_whole(target, b"first\n")
    with pytest.raises(FileExistsError):
        safe_write.create_whole(target, b"second\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["permit-check.toml"]

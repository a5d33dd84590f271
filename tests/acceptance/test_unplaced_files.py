"""A missing document whose file is in the folder under a scanner's or a phone's name: the missing finding points
at the files no item took, and says how to rename one."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import scan_json


def _missing_hints(folder: Path, *extra: str) -> dict[str, str]:
    report = json.loads(scan_json(folder, *extra).stdout)
    return {finding["item"]: finding["hint"] for finding in report["findings"] if finding["rule"].endswith(".missing")}


def test_missing_passport_and_photo_point_at_the_unplaced_files(complete: Path) -> None:
    (complete / "passport.pdf").rename(complete / "Scan_20261103_0001.pdf")
    (complete / "photo.jpg").rename(complete / "IMG_4432.JPG")
    hints = _missing_hints(complete)
    assert "2 file(s) were not matched to any item (IMG_4432.JPG, Scan_20261103_0001.pdf)" in hints["passport"]
    assert hints["passport"].endswith("rename it, e.g. passport.pdf.")
    assert hints["photo"].endswith("rename it, e.g. photo.jpg.")
    french = _missing_hints(complete, "--lang", "fr")
    assert "2 fichier(s) n'ont été associés à aucun élément" in french["passport"]


def test_no_pointer_when_every_file_is_placed(complete: Path) -> None:
    (complete / "passport.pdf").unlink()
    assert "not matched" not in _missing_hints(complete)["passport"]

"""The built wheel carries its schemas and checklists: installed in a fresh venv, it scans from anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False,
                          timeout=900)


def test_wheel_installs_and_scans_outside_the_repository(tmp_path: Path) -> None:
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp_path / "dist", REPO],
                 cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("permit_check-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "permit_check/data/checklists/work-permit-outside-canada.json" in names
    assert "permit_check/data/schemas/report.schema.json" in names

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", venv], cwd=tmp_path).returncode == 0
    installed = _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    docs = tmp_path / "my-docs"
    shutil.copytree(REPO / "examples" / "ready-application", docs)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    scan = _run([venv / "bin" / "permit-check", docs, "--as-of", "2026-11-28"], cwd=elsewhere)
    assert scan.returncode == 0, scan.stdout + scan.stderr
    assert "READY TO SUBMIT" in scan.stdout
    html = _run([venv / "bin" / "permit-check", docs, "--format", "html", "-o", elsewhere / "r.html", "--lang", "fr"],
                cwd=elsewhere)
    assert html.returncode == 0, html.stderr
    page = (elsewhere / "r.html").read_text(encoding="utf-8")
    assert "Prêt à envoyer :" in page and "prefers-color-scheme: dark" in page  # templates, CSS and French shipped
    listing = _run([venv / "bin" / "permit-check", "checklists", "list"], cwd=elsewhere)
    assert "work-permit-outside-canada" in listing.stdout
    located = _run([venv / "bin" / "python", "-c",
                    "from permit_check.files.resources import data_root; print(data_root())"], cwd=elsewhere)
    assert str(venv) in located.stdout  # the packaged copy, not this checkout

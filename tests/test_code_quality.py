"""The project's own checks run with the tests, so CI enforces them: ruff, and mypy --strict on src."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_ruff() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layering() -> None:
    """Imports point down: nothing below cli imports click; pypdf and Pillow are read only by their
    inspectors (the OCR ones read page images too) and written only by assemble.py; libmagic only in
    identify.py; qpdf only in repair.py; the OCR engine and OpenCV only in the OCR inspectors."""
    ocr = {"ocr.py", "passport_mrz.py"}
    owners = {"click": {"cli.py"}, "pypdf": {"pdf.py", "assemble.py", "page_images.py"},
              "PIL": {"image.py", "assemble.py", "page_images.py", *ocr},
              "magic": {"identify.py"}, "pikepdf": {"repair.py"}, "tesserocr": ocr, "cv2": ocr}
    for path in (REPO / "src" / "permit_check").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for module, allowed in owners.items():
            imports = f"import {module}" in text or f"from {module} " in text or f"from {module}." in text
            assert not imports or path.name in allowed, f"{path.name} imports {module}"
        if path.parent.name == "renderers":
            assert "permit_check.engine" not in text and "permit_check.evaluate" not in text


def test_starting_the_cli_loads_no_parser() -> None:
    """Every run pays for what the CLI imports; the parsers load only when a file needs them."""
    code = ("import sys, permit_check.cli; "
            "print(sorted(m for m in ('pypdf', 'PIL', 'lxml', 'pikepdf', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

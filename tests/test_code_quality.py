"""The project's own checks run with the tests, so CI enforces them: ruff, and mypy --strict on src."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_ruff() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layering() -> None:
    """The import-linter contracts of pyproject.toml hold: imports point down the stages (cli -> commands ->
    reports | rules -> files -> model), only the CLI imports click, and each parser has its one owner."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([lint_imports, "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_starting_the_cli_loads_no_parser() -> None:
    """Every run pays for what the CLI imports; the parsers, the schema validator, RE2 and the commands
    themselves load only when a command needs them."""
    code = ("import sys, permit_check.cli; print(sorted(m for m in ('pypdf', 'PIL', 'lxml', 'pikepdf', 'jinja2', "
            "'jsonschema', 're2', 'magic', 'sqlite3', 'multiprocessing', 'permit_check.commands.scan', "
            "'permit_check.rules', 'permit_check.files') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

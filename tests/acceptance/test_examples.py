"""The bundled example folders give exactly their expected reports (examples/<case>.expected.json)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO, run_process

AS_OF = "2026-11-28"
CASES = sorted(path.name.removesuffix(".expected.json") for path in (REPO / "examples").glob("*.expected.json"))


def _scan(case: str) -> tuple[int, dict[str, object]]:
    result = run_process("scan", f"examples/{case}", "--format", "json", "--as-of", AS_OF, cwd=REPO)
    return result.exit_code, json.loads(result.stdout)


# The report's tool block, as the JSON renderer writes it: its version is the one line that changes with a release.
TOOL_VERSION = re.compile(r'(\A\{\n  "\$schema": "[^"\n]*",\n  "tool": \{\n'
                          r'    "name": "permit-check",\n    "version": )"[^"\n]*"')


def _comparable(text: str) -> str:
    """The report's exact text, but for the tool's version (examples/generate.py writes the version of the day it
    ran; everything else must be byte for byte what a scan prints today)."""
    normalised, count = TOOL_VERSION.subn(r'\1"(version)"', text)
    assert count == 1, "the report does not start with its tool block"
    return normalised


def test_every_example_folder_has_an_expected_report() -> None:
    examples = (REPO / "examples").iterdir()
    folders = sorted(path.name for path in examples if path.is_dir() and path.name != "__pycache__")
    assert folders == CASES
    assert {"returned-application", "ready-application"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_example_matches_expected_report(case: str) -> None:
    expected = (REPO / "examples" / f"{case}.expected.json").read_bytes().decode("utf-8")  # no newline translation
    # The scan's stdout as bytes: a text-mode pipe would turn a stray \r\n into \n unseen.
    result = subprocess.run([sys.executable, "-m", "permit_check", "scan", f"examples/{case}", "--format", "json",
                             "--as-of", AS_OF], cwd=REPO, capture_output=True, check=False, timeout=300)
    assert _comparable(result.stdout.decode("utf-8")) == _comparable(expected)
    assert result.returncode == (0 if json.loads(expected)["ready"] else 1)


def test_a_changed_byte_of_an_example_report_is_seen() -> None:
    """Key order, indentation and the final newline count: a report parsed and compared as a dict would miss them."""
    expected = (REPO / "examples" / "ready-application.expected.json").read_bytes().decode("utf-8")
    assert _comparable(expected) == _comparable(expected.replace('"version": "', '"version": "9', 1))
    report = json.loads(expected)
    reordered = {**{key: value for key, value in report.items() if key != "folder"}, "folder": report["folder"]}
    for changed in (expected.rstrip("\n"), expected.replace("\n}", "\n }"),
                    json.dumps(reordered, indent=2, ensure_ascii=False) + "\n"):
        assert _comparable(changed) != _comparable(expected)


def test_returned_application_shows_the_typical_reasons_for_a_return() -> None:
    code, report = _scan("returned-application")
    rules = sorted(finding["rule"] for finding in report["findings"]  # type: ignore[union-attr]
                   if finding["severity"] == "error")  # type: ignore[index]
    assert code == 1
    assert rules == sorted([
        "application-form.not-validated",
        "family-information.missing",
        "passport.one-file",
        "photo.content-type",
        "cv.extension-mismatch",
        "employment-reference.max-size",
    ])


def test_ready_application_passes() -> None:
    code, report = _scan("ready-application")
    assert code == 0
    assert report["ready"] is True
    assert report["findings"] == []

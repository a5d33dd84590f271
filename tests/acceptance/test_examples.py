"""The bundled example folders give exactly their expected reports (examples/<case>.expected.json)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO, run_process

AS_OF = "2026-11-28"
CASES = sorted(path.name.removesuffix(".expected.json") for path in (REPO / "examples").glob("*.expected.json"))


def _scan(case: str) -> tuple[int, dict[str, object]]:
    result = run_process("scan", f"examples/{case}", "--format", "json", "--as-of", AS_OF, cwd=REPO)
    return result.exit_code, json.loads(result.stdout)


def _comparable(report: dict[str, object]) -> dict[str, object]:
    """The tool's version changes with every release; everything else must match exactly."""
    return {key: value for key, value in report.items() if key != "tool"}


def test_every_example_folder_has_an_expected_report() -> None:
    examples = (REPO / "examples").iterdir()
    folders = sorted(path.name for path in examples if path.is_dir() and path.name != "__pycache__")
    assert folders == CASES
    assert {"returned-application", "ready-application"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_example_matches_expected_report(case: str) -> None:
    expected = json.loads((REPO / "examples" / f"{case}.expected.json").read_text(encoding="utf-8"))
    code, report = _scan(case)
    assert _comparable(report) == _comparable(expected)
    assert code == (0 if expected["ready"] else 1)


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

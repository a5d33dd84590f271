"""The real blank IRCC forms in shared/real-forms (beside the repository; never copied into it).

Each is identified with its number and edition; filled in its own data paths, none is called blank
or has an answered field called empty. Skipped, saying why, where the folder is absent (a user's
checkout); tests/unit/test_form_editions.py reproduces each layout with generated forms.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from permit_check.files.inspectors.pdf import inspect_pdf
from permit_check.files.ircc_forms import load_editions
from permit_check.model import Context
from permit_check.rules.checks.forms import form_findings
from tests import docfactory as make
from tests.conftest import AS_OF_DAY

# Beside the checkout (as CI lays it out), or wherever PERMIT_CHECK_REAL_FORMS points.
REAL_FORMS = Path(os.environ.get("PERMIT_CHECK_REAL_FORMS")
                  or Path(__file__).resolve().parents[3].parent / "shared" / "real-forms")

# As real-forms/README.md lists them: file -> (number, edition).
EXPECTED = {
    "imm1295e.pdf": ("1295", "09-2023"),
    "imm5710e.pdf": ("5710", "06-2019"),
    "imm5645e.pdf": ("5645", "01-2021"),
    "imm5707e.pdf": ("5707", "06-2019"),
    "imm5476e.pdf": ("5476", "09-2015"),
    "imm5409e.pdf": ("5409", "06-2019"),
    "imm5257e.pdf": ("5257", "09-2022"),
}

pytestmark = pytest.mark.skipif(
    not all((REAL_FORMS / name).is_file() for name in EXPECTED),
    reason=f"the real IRCC forms are not at {REAL_FORMS} (set PERMIT_CHECK_REAL_FORMS); generated layouts cover them",
)


def _value(name: str) -> str:
    """A plausible answer for a field, from its name."""
    lowered = name.lower()
    if "date" in lowered or "dob" in lowered:
        return "1991-03-14"
    if lowered.endswith(("yyyy", "year")):
        return "1991"
    if lowered.endswith(("mm", "month", "dd", "day")):
        return "03"
    return "Okafor"


def _form(path: Path) -> dict[str, Any]:
    form: dict[str, Any] = inspect_pdf(path)["ircc_form"]
    return form


def _rules(form: dict[str, Any]) -> list[str]:
    return [finding.rule for finding in form_findings({"path": "form.pdf", "ircc_form": form}, "slot", load_editions(),
                                                         Context(as_of=AS_OF_DAY))]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_form_is_identified_with_its_edition(name: str) -> None:
    form = _form(REAL_FORMS / name)
    assert (form["number"], form["edition"]) == EXPECTED[name]
    assert form["language"] == "E"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_blank_form_is_blank(name: str) -> None:
    form = _form(REAL_FORMS / name)
    assert form["answered"] is False and "slot.blank-form" in _rules(form)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_form_filled_in_its_own_paths_is_neither_blank_nor_empty(name: str, tmp_path: Path) -> None:
    filled = make.write(tmp_path / name, make.fill_real_form(REAL_FORMS / name, _value))
    form = _form(filled)
    rules = _rules(form)
    assert "slot.blank-form" not in rules and "slot.empty-field" not in rules
    assert (form["number"], form["edition"]) == EXPECTED[name]
    assert all(value for value in form["data"].values()), form["data"]

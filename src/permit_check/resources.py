"""Finds the bundled schemas/ and checklists/: inside an installed wheel, or at the top of a source checkout."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def data_root() -> Path:
    """The folder holding `schemas/` and `checklists/`.

    A wheel carries them in `permit_check/data/` (hatch force-include); a source checkout or an
    editable install keeps them at the repository's top level, two levels above this package.
    """
    packaged = Path(str(resources.files("permit_check"))) / "data"
    if (packaged / "schemas").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def schema_path(name: str) -> Path:
    return data_root() / "schemas" / f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One of the bundled JSON Schemas: checklist, application, facts, report."""
    with schema_path(name).open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def checklists_dir() -> Path:
    return data_root() / "checklists"

"""Finds the bundled schemas/ and checklists/: inside an installed wheel, or at the top of a source checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from permit_check.errors import ConfigProblem
from permit_check.files.configfile import MAX_CONFIG_BYTES, read_json
from permit_check.i18n import N_


@cache
def data_root() -> Path:
    """The folder holding `schemas/` and `checklists/`.

    A wheel carries them in `permit_check/data/` (hatch force-include); a source checkout or an
    editable install keeps them at the repository's top level, two levels above the package.
    """
    # The package's own folder (what importlib.resources.files names for a package on disk, without loading
    # importlib.resources: a few milliseconds at every start).
    packaged = Path(__file__).parents[1] / "data"
    if (packaged / "schemas").is_dir():
        return packaged
    return Path(__file__).resolve().parents[3]


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


def read_json_object(path: Path, what: str, *, max_bytes: int = MAX_CONFIG_BYTES) -> dict[str, Any]:
    """A JSON object from a user-editable file; any failure is a one-line ConfigProblem naming the file and why."""
    data = read_json(path, what, max_bytes=max_bytes)
    if not isinstance(data, dict):
        raise ConfigProblem(N_("{path}: a {what} file holds a JSON object"), path=path, what=what)
    return data


def question_schema(path: tuple[str, ...]) -> dict[str, Any] | None:
    """The application schema's entry for an answer path (("work", "basis")), or None when it is not a
    question there."""
    node: dict[str, Any] = load_schema("application")
    for step in path:
        properties = node.get("properties", {})
        if step in properties:
            node = properties[step]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return None
    return node


def description_in(schema: dict[str, Any], lang: str) -> str:
    """A schema entry's description in `lang`: another language's text sits beside the English, in the entry's
    block named by the language (`fr`, as in the checklists), since the schema is data and carries its own
    translations; a language without a block, or a block without a description, reads the English."""
    translated = schema.get(lang)
    localised = translated.get("description") if isinstance(translated, dict) else None
    return str(localised or schema.get("description") or "")

"""Finds the bundled schemas/ and checklists/: inside an installed wheel, or at the top of a source checkout."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from permit_check.errors import ConfigProblem


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


def read_json_object(path: Path, what: str) -> dict[str, Any]:
    """A JSON object from a user-editable file; any failure is a ConfigProblem naming the file and why."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as error:
        raise ConfigProblem(f"{path}: {what} file not found") from error
    except json.JSONDecodeError as error:
        raise ConfigProblem(f"{path}: not valid JSON: line {error.lineno} column {error.colno}: {error.msg}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigProblem(f"{path}: cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise ConfigProblem(f"{path}: a {what} file holds a JSON object")
    return data


def schema_problems(instance: Any, schema: str) -> list[str]:
    """Each way `instance` breaks a bundled schema, as '/json/pointer: message', in document order."""
    validator = Draft202012Validator(load_schema(schema), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda error: [str(part) for part in error.absolute_path])
    return [f"/{'/'.join(str(part) for part in error.absolute_path)}: {error.message}" for error in errors]

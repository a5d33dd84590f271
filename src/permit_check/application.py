"""Loads permit-check.toml (the applicant's answers), validates it, and derives the facts conditions use."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from permit_check.errors import ConfigProblem
from permit_check.resources import load_schema

DEFAULT_CHANNEL = "secure-account"


@dataclass(frozen=True)
class Application:
    """The applicant's answers as written, plus the file they came from (None when there is none)."""

    answers: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    @property
    def type(self) -> str | None:
        value = self.answers.get("type")
        return str(value) if value else None

    @property
    def channel(self) -> str | None:
        value = self.answers.get("channel")
        return str(value) if value else None


def plain_values(value: Any) -> Any:
    """TOML dates and times become ISO strings, so that JSON Schema and JSON output can hold them."""
    if isinstance(value, dict):
        return {key: plain_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_values(item) for item in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _pointer(path: Any) -> str:
    return ".".join(str(part) for part in path) or "(top level)"


def validate_answers(answers: dict[str, Any], label: str) -> None:
    """Raises ConfigProblem naming every invalid key and why."""
    validator = Draft202012Validator(load_schema("application"), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(answers), key=lambda error: list(error.absolute_path))
    if errors:
        lines = [f"{label}: {_pointer(error.absolute_path)}: {_describe(error)}" for error in errors]
        raise ConfigProblem("\n".join(lines))


def _describe(error: Any) -> str:
    if error.validator == "additionalProperties":
        return f"{error.message} (check the spelling; see 'permit-check checklists show TYPE')"
    return str(error.message)


def load_application(path: Path, *, required: bool) -> Application:
    """Reads permit-check.toml; an absent file is fine unless it was named explicitly."""
    if not path.exists():
        if required:
            raise ConfigProblem(f"{path}: file not found")
        return Application()
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigProblem(f"{path}: not valid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigProblem(f"{path}: cannot be read: {error}") from error
    answers = plain_values(raw)
    validate_answers(answers, str(path))
    return Application(answers, path)

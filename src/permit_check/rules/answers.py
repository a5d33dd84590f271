"""Loads permit-check.toml (the applicant's answers), validates it, and derives the facts conditions use."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from permit_check.errors import ConfigProblem, PermitCheckError
from permit_check.files.configfile import read_toml
from permit_check.files.resources import load_schema
from permit_check.i18n import N_, Phrase, lines

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


def validate_answers(answers: dict[str, Any], label: str) -> None:
    """Raises ConfigProblem naming every invalid key and why (never the value: the file may be hostile)."""
    from permit_check.files.schema_validation import key_path, validator  # jsonschema: only with answers to check

    errors = sorted(validator(load_schema("application")).iter_errors(answers),
                    key=lambda error: [str(part) for part in error.absolute_path])
    if errors:
        said = [Phrase(N_("{file}: {key}: {problem}"), file=label, key=key_path(error.absolute_path),
                       problem=_describe(error)) for error in errors]
        raise ConfigProblem("{problems}", problems=lines(list(dict.fromkeys(said))))


def _describe(error: Any) -> Phrase:
    from permit_check.files.schema_validation import describe

    if error.validator == "additionalProperties":
        return Phrase(N_("{problem} (check the spelling; see 'permit-check checklists show TYPE')"),
                      problem=describe(error))
    return describe(error)


def load_application(path: Path, *, required: bool, in_folder: bool = False) -> Application:
    """Reads permit-check.toml; an absent file is fine unless it was named explicitly. The one `in_folder`
    (found in the folder, not named by the user) must be a regular file there, not a link out of it."""
    if not os.path.lexists(path):  # a dangling link is there, and refused below
        if required:
            raise ConfigProblem(N_("{path}: file not found"), path=path)
        return Application()
    answers = plain_values(read_toml(path, "answers", follow_links=not in_folder))
    validate_answers(answers, str(path))
    return Application(answers, path)


def answers_language(path: Path, *, in_folder: bool) -> str | None:
    """The language a permit-check.toml chooses (its `lang`), read for that key alone: a file whose other answers
    are wrong still chooses the language its errors are said in. None when the file is absent, cannot be read
    (the scan then says why), or names no language the tool speaks."""
    if not os.path.lexists(path):
        return None
    try:
        lang = read_toml(path, "answers", follow_links=not in_folder).get("lang")
    except PermitCheckError:
        return None
    return lang if isinstance(lang, str) and lang in load_schema("application")["properties"]["lang"]["enum"] else None

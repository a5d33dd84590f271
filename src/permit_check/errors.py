"""The few conditions that stop a run, each with the exit code the CLI turns it into."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from permit_check.i18n import Phrase

P = ParamSpec("P")
T = TypeVar("T")


class PermitCheckError(Exception):
    """A problem that stops the whole run (as opposed to a finding about one file).

    It carries its message as the catalogue knows it (English, with {placeholders}) and the values,
    and is said in a language only when it is printed (`said_in`); str() is the English."""

    exit_code = 3
    lang: str | None = None  # the language to say it in, when the command that raised it knows it

    def __init__(self, message: str, **values: object) -> None:
        self.message, self.values = message, values
        super().__init__(message.format(**values) if values else message)

    def said_in(self, lang: str | None) -> str:
        """The message in `lang` (else the language the raising command knew, else English)."""
        # As its Phrase says it: its Phrase values in the language too, a decimal number with the language's mark,
        # a plain str (a name, a path, a key) as it is.
        return self.phrase().said_in(lang or self.lang or "en")

    def phrase(self) -> Phrase:
        """The message as a Phrase, to be part of another message and said in its language as here."""
        return Phrase(self.message, **self.values)


class NamedByOption(PermitCheckError):
    """An error about a file an option named, each of its lines led by the option (`--editions mine.json: ...`),
    as the errors about the option's path are: the user sees which option gave the file. Its exit code is the
    error's own."""

    def __init__(self, option: str, error: PermitCheckError) -> None:
        super().__init__("{option} {error}", option=option, error=error.phrase())
        self.option, self.error, self.exit_code, self.lang = option, error, error.exit_code, error.lang

    def said_in(self, lang: str | None) -> str:
        return "\n".join(f"{self.option} {line}" for line in self.error.said_in(lang or self.lang).splitlines())


def named_by(option: str, load: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """What `load` reads from the file `option` named; an error about it names the option (NamedByOption)."""
    try:
        return load(*args, **kwargs)
    except PermitCheckError as error:
        raise NamedByOption(option, error) from None


class UsageProblem(PermitCheckError):
    """The command line asks for something that cannot be done (missing folder, unknown type)."""

    exit_code = 2


class ConfigProblem(PermitCheckError):
    """A checklist or permit-check.toml is invalid; the message names the file, the key and why."""

    exit_code = 3


class EnvironmentProblem(PermitCheckError):
    """The machine lacks something the tool needs (libmagic)."""

    exit_code = 3

"""The few conditions that stop a run, each with the exit code the CLI turns it into."""

from __future__ import annotations

from permit_check.i18n import Phrase, decimal, translations


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
        catalogue = translations(lang or self.lang or "en")
        # A Phrase (a catalogue message, alone or composed of others: a reason, a hint) is said in the language
        # too; a decimal number (a float, such as a time limit of 1.5 s) with the language's decimal mark; a plain
        # str (a name, a path, a key) is said as it is, as Phrase says it.
        said = lang or self.lang or "en"
        values = {key: value.said_in(said) if isinstance(value, Phrase)
                  else decimal(value, said) if isinstance(value, float) else value
                  for key, value in self.values.items()}
        text = catalogue.gettext(self.message)
        return text.format(**values) if values else text

    def phrase(self) -> Phrase:
        """The message as a Phrase, to be part of another message and said in its language as here."""
        return Phrase(self.message, **self.values)


class UsageProblem(PermitCheckError):
    """The command line asks for something that cannot be done (missing folder, unknown type)."""

    exit_code = 2


class ConfigProblem(PermitCheckError):
    """A checklist or permit-check.toml is invalid; the message names the file, the key and why."""

    exit_code = 3


class EnvironmentProblem(PermitCheckError):
    """The machine lacks something the tool needs (libmagic)."""

    exit_code = 3

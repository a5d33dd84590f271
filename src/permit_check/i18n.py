"""The message catalogue: every sentence the tool writes is English in the code and goes through gettext;
other languages live in locale/<lang>/LC_MESSAGES/permit_check.po (compiled beside it to .mo).

Strings marked with N_() are only marked for extraction (`pybabel extract`, see babel.cfg) and translated
where they are used; a language without a catalogue speaks English."""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar

Key = TypeVar("Key")

DOMAIN = "permit_check"
LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`, chosen once per language; English is the code's own words."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where it is said."""
    return message


def decimal(value: float, lang: str, digits: int | None = None) -> str:
    """A number as a sentence in `lang` writes it: 1.5 in English, 1,5 in French (the catalogue's "decimal mark");
    with as few digits as it needs (10 s, 1.5 s), or `digits` after the mark. The one place a number said to
    people gets its decimal mark; data (JSON, SARIF, JUnit) keeps the point."""
    text = f"{value:g}" if digits is None else f"{value:.{digits}f}"
    return text.replace(".", translations(lang).pgettext("decimal mark", "."))


def in_language(table: Mapping[Key, str], lang: str) -> dict[Key, str]:
    """A table of messages (marked with N_), each in `lang`."""
    catalogue = translations(lang)
    return {key: catalogue.gettext(message) for key, message in table.items()}


class Phrase(str):
    """A catalogue message with its values, for a sentence composed before anyone knows the language it will
    be said in (a config error raised while reading the file that may itself choose the language).

    It reads as its English text wherever a str is expected; `said_in` says it, and the Phrases among its
    values, in another language, a decimal number (a float) with that language's mark. Plain str values are
    said as they are (names, paths, key names)."""

    message: str
    values: dict[str, object]

    def __new__(cls, message: str, **values: object) -> Phrase:
        phrase = super().__new__(cls, message.format(**values) if values else message)
        phrase.message, phrase.values = message, values
        return phrase

    @classmethod
    def ngettext(cls, singular: str, plural: str, count: int, **values: object) -> Phrase:
        """A message whose words follow a number ("at least 1 character", "at least 2 characters"), said with the
        plural form of the language it is said in (French: 0 and 1 are singular)."""
        phrase = cls(singular if count == 1 else plural, **values)
        phrase.forms = (singular, plural, count)
        return phrase

    forms: tuple[str, str, int] | None = None

    def said_in(self, lang: str) -> str:
        """The message in `lang`, its Phrase values too."""
        values = {key: value.said_in(lang) if isinstance(value, Phrase) else decimal(value, lang)
                  if isinstance(value, float) else value for key, value in self.values.items()}
        catalogue = translations(lang)
        if self.forms is not None:
            text = catalogue.ngettext(*self.forms)
        else:
            text = catalogue.gettext(self.message) if self.message else ""  # gettext("") is the header
        return text.format(**values) if values else text


def lines(parts: Sequence[str]) -> Phrase:
    """Several messages (Phrases or plain text), one a line, each said in the language of the whole."""
    return Phrase("\n".join(f"{{line{index}}}" for index in range(len(parts))),
                  **{f"line{index}": part for index, part in enumerate(parts)})

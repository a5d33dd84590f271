"""The message catalogue: every sentence the tool writes is English in the code and goes through gettext;
other languages live in locale/<lang>/LC_MESSAGES/permit_check.po (compiled beside it to .mo).

Strings marked with N_() are only marked for extraction (`pybabel extract`, see babel.cfg) and translated
where they are used; a language without a catalogue speaks English."""

from __future__ import annotations

import gettext
from collections.abc import Mapping
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


def in_language(table: Mapping[Key, str], lang: str) -> dict[Key, str]:
    """A table of messages (marked with N_), each in `lang`."""
    catalogue = translations(lang)
    return {key: catalogue.gettext(message) for key, message in table.items()}

"""Regular expressions that come from outside the tool (a checklist's rules and text patterns), run by RE2.

Python's `re` backtracks: `^(a+)+$` takes seconds on a 28-character name and `(x+x+)+y` never ends.
RE2 runs in time linear in the text whatever the pattern, and refuses what it cannot run that way
(backreferences, lookarounds). Its syntax is otherwise close to Python's and to JSON Schema's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypeAlias

import re2

from permit_check.i18n import N_

Pattern: TypeAlias = "re2._Regexp[str]"

# Lone surrogates, found with Python's re (a fixed pattern of ours): RE2 cannot be given a text holding one.
_SURROGATES = re.compile("[\ud800-\udfff]")
# What a pattern RE2 refuses says to the user (RE2's own message quotes the pattern).
UNSUPPORTED = N_("cannot run in linear time (backreferences and lookarounds are not supported)")


class PatternError(ValueError):
    """RE2 cannot compile the pattern."""


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str, *, ignore_case: bool = False) -> Pattern:
    """The compiled pattern; PatternError when RE2 cannot run it."""
    options = re2.Options()
    options.log_errors = False  # RE2 would otherwise print its parse errors on stderr
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except re2.error:
        raise PatternError(UNSUPPORTED) from None


def found(regex: Pattern, text: str) -> bool:
    """Whether the compiled pattern matches somewhere in `text`.

    RE2 matches UTF-8, which cannot hold a lone surrogate (a file name that was not UTF-8, decoded with
    surrogateescape, has them): such a text is matched with each surrogate read as U+FFFD, the character that
    stands for what could not be decoded, so that "any character" still matches there and "a letter" does not.
    """
    try:
        return regex.search(text) is not None
    except UnicodeEncodeError:
        return regex.search(_SURROGATES.sub("\ufffd", text)) is not None


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` matches somewhere in `text`, as JSON Schema's "pattern" means it."""
    return found(compile_pattern(pattern), text)

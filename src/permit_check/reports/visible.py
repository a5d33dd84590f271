"""Text that is safe to show: characters that could act on a terminal or disguise a name become visible escapes.

File and folder names, and the words of a letter, come from whoever made the folder. Shown raw,
an ESC or a C1 control (U+009B is a CSI in xterm) lets a name set the window title (OSC 0),
plant a link (OSC 8), write the clipboard (OSC 52) or move the cursor over earlier lines; a bidi
control makes `photo<U+202E>gpj.exe` look like "photoexe.jpg"; an undecodable byte (kept by
Python as a lone surrogate) reaches the terminal raw. Everything the tool prints goes through
`visible`; the JSON reports, which are data, use `json_safe` to keep the same characters as
JSON escapes instead.
"""

from __future__ import annotations

import re
from functools import cache

# C0 and C1 controls, DEL, the bidi controls and marks, the line and paragraph separators, lone
# surrogates (undecodable bytes) and the two noncharacters XML 1.0 forbids: ranges of code points.
_UNSAFE = ((0x00, 0x1F), (0x7F, 0x9F), (0x61C, 0x61C), (0x200E, 0x200F), (0x2028, 0x202E), (0x2066, 0x2069),
           (0xD800, 0xDFFF), (0xFFFE, 0xFFFF))
ESC = "\x1b"
# Python keeps an undecodable byte 0xNN of a file name as the lone surrogate U+DCNN.
_SURROGATE_ESCAPE = range(0xDC80, 0xDD00)


def _escape(character: str) -> str:
    code = ord(character)
    if code in _SURROGATE_ESCAPE:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe_class(kept: str) -> str:
    """A regex character class of the unsafe characters less those of `kept`.

    A report is megabytes of text with a newline every few dozen characters: the characters a caller keeps
    are not matched at all (rather than matched and given back one call at a time), and a pattern that
    starts with one character class lets the regex engine skip through the safe text quickly."""
    ranges: list[str] = []
    for low, high in _UNSAFE:
        start = low
        for code in sorted(ord(character) for character in set(kept)):
            if start <= code <= high:
                if start < code:
                    ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
                start = code + 1
        if start <= high:
            ranges.append(f"\\u{start:04x}-\\u{high:04x}")
    return f"[{''.join(ranges)}]"


@cache
def _unsafe_or_colour(keep: str) -> re.Pattern[str]:
    """An unsafe character not in `keep` (ESC always: it may start a colour code), with, after an ESC, the rest
    of a colour code (SGR: ESC [ digits ; m) of the text report, the only sequence ever let through."""
    return re.compile(f"({_unsafe_class(keep.replace(ESC, ''))})((?<={ESC})\\[[0-9;]*m)?")


# The newlines of an indented JSON document are its layout, not content.
_UNSAFE_IN_JSON = re.compile(_unsafe_class("\n"))


def visible(text: str, keep: str = "\n\t", *, colours: bool = False) -> str:
    """`text` with every unsafe character shown as an escape (`\\x1b`, `\\u202e`).

    `keep` names the layout characters to leave as they are (newlines and tabs of a multi-line
    output; nothing for one field of a line). With `colours`, the report's own colour codes stay:
    the content they wrap went through `visible` first, so no other escape sequence is left.
    """

    def replace(match: re.Match[str]) -> str:
        character, colour = match.groups()
        if colour is not None:
            return ESC + colour if colours else _escape(ESC) + colour
        return character if character in keep else _escape(character)

    return _unsafe_or_colour(keep).sub(replace, text)


def json_safe(document: str) -> str:
    """A JSON document with the same unsafe characters written as JSON escapes (`\\u202e`).

    The data is unchanged (a parser reads the same strings back); only its bytes are safe to
    show on a terminal or in a CI log. `json.dumps` already escapes C0 controls, and the unsafe
    characters other than the indentation's newlines can only occur inside strings, where an
    escape is always valid.
    """
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", document)

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

# C0 and C1 controls, DEL, the bidi controls and marks, the line and paragraph separators, lone
# surrogates (undecodable bytes) and the two noncharacters XML 1.0 forbids.
_UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_UNSAFE_CHARACTER = re.compile(f"[{_UNSAFE}]")
# The colour codes (SGR: ESC [ digits ; m) of the text report, the only sequence ever let through.
_COLOUR_OR_UNSAFE = re.compile(f"(\x1b\\[[0-9;]*m)|([{_UNSAFE}])")
# Python keeps an undecodable byte 0xNN of a file name as the lone surrogate U+DCNN.
_SURROGATE_ESCAPE = range(0xDC80, 0xDD00)


def _escape(character: str) -> str:
    code = ord(character)
    if code in _SURROGATE_ESCAPE:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "\n\t", *, colours: bool = False) -> str:
    """`text` with every unsafe character shown as an escape (`\\x1b`, `\\u202e`).

    `keep` names the layout characters to leave as they are (newlines and tabs of a multi-line
    output; nothing for one field of a line). With `colours`, the report's own colour codes stay:
    the content they wrap went through `visible` first, so no other escape sequence is left.
    """

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1) if colours else _escape("\x1b") + match.group(1)[1:]
        character = match.group(2)
        return character if character in keep else _escape(character)

    return _COLOUR_OR_UNSAFE.sub(replace, text)


def json_safe(document: str) -> str:
    """A JSON document with the same unsafe characters written as JSON escapes (`\\u202e`).

    The data is unchanged (a parser reads the same strings back); only its bytes are safe to
    show on a terminal or in a CI log. `json.dumps` already escapes C0 controls, and the unsafe
    characters other than the indentation's newlines can only occur inside strings, where an
    escape is always valid.
    """
    return _UNSAFE_CHARACTER.sub(
        lambda match: match.group() if match.group() == "\n" else f"\\u{ord(match.group()):04x}", document)

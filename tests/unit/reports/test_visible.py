"""visible(): what the tool prints shows every control, bidi character and undecodable byte as an escape."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from permit_check.reports.visible import json_safe, visible


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x1b]0;title\x07b", "a\\x1b]0;title\\x07b"),  # OSC 0: ESC and BEL
    ("\u009b2J", "\\x9b2J"),  # C1 CSI
    ("x\x7fy", "x\\x7fy"),  # DEL
    ("photo\u202egpj.exe", "photo\\u202egpj.exe"),  # right-to-left override
    ("\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c", "\\u2066\\u2067\\u2068\\u2069\\u202a"
     "\\u202b\\u202c\\u202d\\u200e\\u200f\\u061c"),
    ("caf\udce9.pdf", "caf\\xe9.pdf"),  # an undecodable byte kept by surrogateescape
    ("\ud800", "\\ud800"),
    ("a\rb", "a\\x0db"),
    ("Café, naïve — 日本", "Café, naïve — 日本"),
])
def test_unsafe_characters_become_escapes(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_layout_characters_are_kept_only_when_asked() -> None:
    assert visible("a\nb\tc") == "a\nb\tc"
    assert visible("a\nb\tc", keep="") == "a\\x0ab\\x09c"


def test_colour_codes_stay_only_with_colours() -> None:
    painted = "\x1b[1;31mnot ready\x1b[0m \x1b]0;t\x07"
    assert visible(painted, colours=True) == "\x1b[1;31mnot ready\x1b[0m \\x1b]0;t\\x07"
    assert visible(painted) == "\\x1b[1;31mnot ready\\x1b[0m \\x1b]0;t\\x07"


def test_json_keeps_the_data_and_escapes_the_bytes() -> None:
    record = {"path": "photo\u202egpj.exe\u009b\udcff", "note": "é\n"}
    document = json_safe(json.dumps(record, indent=2, ensure_ascii=False))
    assert json.loads(document) == record
    assert "\u202e" not in document and "\u009b" not in document and "é" in document


# The definition, one character at a time: what the fast patterns of visible.py must agree with.
UNSAFE = {*range(0x00, 0x20), *range(0x7F, 0xA0), 0x61C, 0x200E, 0x200F, *range(0x2028, 0x202F),
          *range(0x2066, 0x206A), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF}
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _shown_one_by_one(text: str, keep: str, colours: bool) -> str:
    shown, index = [], 0
    while index < len(text):
        colour = COLOUR.match(text, index)
        if colour:
            shown.append(colour.group() if colours else "\\x1b" + colour.group()[1:])
            index = colour.end()
            continue
        character = text[index]
        if ord(character) in UNSAFE and character not in keep:
            code = ord(character)
            shown.append(f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code < 0xDD00
                         else f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            shown.append(character)
        index += 1
    return "".join(shown)


TEXTS = st.text(alphabet=st.sampled_from(["\x1b", "[", "1", ";", "m", "a", "é", "\n", "\t", "\r", "\x00", "\x9b",
                                          "\u202e", "\u2066", "\udce9", "\ud800", "\ufffe", "\u061c", " "]),
                max_size=40)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, keep=st.sampled_from(["\n\t", "", "\n", "\t", "\x1b", "\r\n", "a"]), colours=st.booleans())
def test_visible_escapes_exactly_what_the_definition_says(text: str, keep: str, colours: bool) -> None:
    assert visible(text, keep, colours=colours) == _shown_one_by_one(text, keep, colours)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_json_safe_escapes_every_unsafe_character_but_the_layout_newlines(text: str) -> None:
    expected = "".join(f"\\u{ord(c):04x}" if ord(c) in UNSAFE and c != "\n" else c for c in text)
    assert json_safe(text) == expected

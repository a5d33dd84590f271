"""visible(): what the tool prints shows every control, bidi character and undecodable byte as an escape."""

from __future__ import annotations

import json

import pytest

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

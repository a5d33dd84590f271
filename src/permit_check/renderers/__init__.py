"""Output formats: each renderer is a pure function Report -> str; the registry feeds --format."""

from __future__ import annotations

from collections.abc import Callable

from permit_check.model import Report
from permit_check.renderers.json_ import render_json
from permit_check.renderers.text import render_text

Renderer = Callable[[Report, int], str]

# name -> renderer(report, verbosity); --format's choices come from here.
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
}

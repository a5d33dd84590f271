"""Output formats: each renderer is a pure function (Batch, RenderOptions) -> str; the registry feeds --format."""

from __future__ import annotations

from collections.abc import Callable

from permit_check.model import Batch
from permit_check.renderers.github import render_github
from permit_check.renderers.gitlab import render_gitlab
from permit_check.renderers.html_ import render_html
from permit_check.renderers.json_ import render_json
from permit_check.renderers.junit import render_junit
from permit_check.renderers.options import RenderOptions
from permit_check.renderers.sarif import render_sarif
from permit_check.renderers.text import render_text

Renderer = Callable[[Batch, RenderOptions], str]

# name -> renderer; --format's choices come from here.
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "html": render_html,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "gitlab": render_gitlab,
}

__all__ = ["RENDERERS", "RenderOptions", "Renderer"]

"""Output formats: each renderer is a pure function (Batch, RenderOptions) -> str; the registry feeds --format."""

from __future__ import annotations

from collections.abc import Callable

from permit_check.model import Batch
from permit_check.reports.github import render_github
from permit_check.reports.gitlab import render_gitlab
from permit_check.reports.html_ import render_html
from permit_check.reports.json_ import render_json
from permit_check.reports.junit import render_junit
from permit_check.reports.options import RenderOptions
from permit_check.reports.sarif import render_sarif
from permit_check.reports.text import render_text

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

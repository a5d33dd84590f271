"""Output formats: each renderer is a pure function (Batch, RenderOptions) -> str; the registry feeds --format.

A renderer's module is imported when its format is first asked for, so that the command line starts light."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from permit_check.reports.options import RenderOptions

if TYPE_CHECKING:  # the model loads with the first renderer, not with the command line
    from permit_check.model import Batch

Renderer = Callable[["Batch", RenderOptions], str]


class _Registry(Mapping[str, Renderer]):
    """name -> renderer, each named by "module:function" and imported on first use."""

    def __init__(self, places: dict[str, str]) -> None:
        self._places = places

    def __getitem__(self, name: str) -> Renderer:
        module, function = self._places[name].split(":")
        renderer: Renderer = getattr(importlib.import_module(module), function)
        return renderer

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


# --format's choices come from here, in this order.
RENDERERS: Mapping[str, Renderer] = _Registry({
    "text": "permit_check.reports.text:render_text",
    "json": "permit_check.reports.json_:render_json",
    "html": "permit_check.reports.html_:render_html",
    "sarif": "permit_check.reports.sarif:render_sarif",
    "junit": "permit_check.reports.junit:render_junit",
    "github": "permit_check.reports.github:render_github",
    "gitlab": "permit_check.reports.gitlab:render_gitlab",
})
FORMATS = tuple(RENDERERS)

__all__ = ["FORMATS", "RENDERERS", "RenderOptions", "Renderer"]

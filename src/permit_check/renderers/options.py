"""What every renderer may be told besides the reports: how much to say, and whether in colour."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    verbosity: int = 0
    colour: bool = False

"""What every renderer may be told besides the reports: how much to say, and whether in colour."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    verbosity: int = 0
    # Whether the user chose the verbosity (scan's -q): a report a command shortens by itself (pack's) says what it
    # leaves out without pointing to an option that command does not have.
    chosen_verbosity: bool = True
    colour: bool = False
    # The working directory as a file:// URI ending in '/' (None with --redact). Code scanning (GitHub)
    # reads a relative URI as relative to the repository's root, where CI runs: SARIF locates files in
    # folders below it relative to it.
    root_uri: str | None = None
    # Points of an IRCC letter the folder does not show in order: the verdict cannot be "ready" while any remain.
    letter_points: int = 0

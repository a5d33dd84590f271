"""What a command hands back to the CLI: the text to write, lines for stderr, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# 2 (usage), 3 (configuration, environment) come with the errors themselves (errors.py).
EXIT_OK, EXIT_FINDINGS = 0, 1


@dataclass(frozen=True)
class CommandResult:
    text: str  # the report or answer, for --output or stdout
    code: int
    stderr: tuple[str, ...] = ()  # lines for stderr after the text (-v: why files could not be read)
    job_summary: tuple[Path, str] | None = None  # GitHub's job summary file and the markdown to append to it

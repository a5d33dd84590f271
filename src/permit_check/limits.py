"""The caps each worker reading a user's file runs under (kept apart, and light, so that the command line
can offer their defaults without loading the model)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY = 2560 * 1024 * 1024  # 2.5 GiB of address space per worker


@dataclass(frozen=True)
class Limits:
    """The caps each worker reading a user's file runs under: seconds per file, bytes of address space."""

    timeout: float = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY

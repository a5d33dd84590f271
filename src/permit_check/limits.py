"""The caps each worker reading a user's file runs under (kept apart, and light, so that the command line
can offer their defaults without loading the model)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY = 2560 * 1024 * 1024  # 2.5 GiB of address space per worker
# The widest limits a user may set: past a day the clock's arithmetic overflows (a timeout of 1e7 s did), and
# past 1 TiB an address-space cap no longer fits setrlimit's C long on every platform.
MIN_TIMEOUT, MAX_TIMEOUT = 0.1, 24 * 60 * 60
MIN_MEMORY_MB, MAX_MEMORY_MB = 256, 2**20
MAX_JOBS = 256  # worker processes: more than any machine this runs on has cores


@dataclass(frozen=True)
class Limits:
    """The caps each worker reading a user's file runs under: seconds per file, bytes of address space."""

    timeout: float = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY

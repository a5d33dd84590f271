"""The shape of a file problem that an inspector reports instead of raising."""

from __future__ import annotations

from typing import Any

# Every kind a problem can have; evaluate.py turns each into a finding with its own message.
PROBLEM_KINDS = ("password", "damaged", "repairable", "truncated", "too-complex", "too-large", "unsupported",
                 "unreadable", "timeout", "crashed")


class ContentTooComplex(Exception):
    """A document's content goes past a reader's safety limits (raised by text extraction)."""


def problem(kind: str, reason: str) -> dict[str, Any]:
    if kind not in PROBLEM_KINDS:
        raise ValueError(f"unknown problem kind {kind!r}")
    return {"kind": kind, "reason": reason}

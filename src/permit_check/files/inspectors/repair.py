"""Asks a repairing PDF reader (qpdf, through pikepdf: the only module that imports it) whether a PDF
that pypdf cannot read is still recoverable, so that the finding can say "re-save it" instead of
"get a new copy"."""

from __future__ import annotations

from pathlib import Path

from permit_check.files.inspectors import readable
from permit_check.i18n import N_

# What to do with a PDF that only a repairing reader opens: the scan's advice, and the letter's.
REPAIR_ADVICE = N_("Open it in a PDF reader and save it again (or print it to a new PDF), then replace the file.")


def repairable(source: Path | bytes) -> bool:
    """True when qpdf can reconstruct the file (its path, or its bytes already read) and finds at least one page
    in it."""
    try:
        import pikepdf
    except ImportError:
        return False
    try:
        with pikepdf.open(readable(source), password="") as document:
            return len(document.pages) > 0
    except Exception:  # noqa: BLE001 - qpdf raises many kinds of errors; any means "not repairable"
        return False

"""Where a finding points for CI tools: the file's path joined to the folder as given on the command line."""

from __future__ import annotations

import posixpath

from permit_check.model import Report


def located(report: Report, path: str | None) -> str:
    """'clients/acme/passport.pdf'; the folder itself for findings about a missing item."""
    folder = report.folder.rstrip("/") or "."
    if path is None:
        return folder
    return path if folder == "." else posixpath.join(folder, path)

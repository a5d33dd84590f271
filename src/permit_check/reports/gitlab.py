"""GitLab Code Quality (the merge request widget): a JSON array, one issue per finding.

Each issue names its file relative to the directory permit-check ran in (the repository root in a
GitLab job), or the folder's permit-check.toml for a finding about the application as a whole (the
folder itself when there is none). GitLab matches issues across pipelines by `fingerprint`: a hash of
the folder, rule, item and file, so that a changed message or date does not make a new issue.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from typing import Any

from permit_check.i18n import N_, translations
from permit_check.model import Batch, Severity
from permit_check.reports.options import RenderOptions
from permit_check.reports.paths import fingerprints, located
from permit_check.reports.pretty_json import dumps_indented
from permit_check.reports.questions import question_findings
from permit_check.reports.visible import json_safe

# GitLab's scale is info, minor, major, critical, blocker: an error stops the application (it would be
# returned), so it is critical; blocker is left for a folder that could not be checked at all.
SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}
NOT_CHECKED = N_("{folder} could not be checked: {message}")


def _relative(where: str) -> str:
    """GitLab wants a path in the repository: a folder given as an absolute path inside the working
    directory (the repository root in a job) is written relative to it."""
    # Never absolute (GitLab's schema refuses it): a folder outside the working directory is written as
    # a path relative to it too.
    return os.path.relpath(where) if posixpath.isabs(where) else posixpath.normpath(where)


def render_gitlab(batch: Batch, options: RenderOptions) -> str:
    del options
    issues: list[dict[str, Any]] = []
    for report in batch.reports:
        said = translations(report.lang).gettext("{message} Fix: {hint}")
        findings = [*report.findings, *question_findings(report)]
        for finding, print_ in zip(findings, fingerprints(report, findings), strict=True):
            path = finding.path or report.answers
            where = located(report, path) if path else report.folder.rstrip("/") or "."
            issues.append({
                "description": said.format(message=finding.message, hint=finding.hint),
                "check_name": finding.rule,
                "fingerprint": print_,
                "severity": SEVERITIES[finding.severity],
                "location": {"path": _relative(where), "lines": {"begin": 1}},
            })
    for error in batch.errors:
        issues.append({
            "description": translations(batch.lang).gettext(NOT_CHECKED).format(folder=error.folder,
                                                                                 message=error.message),
            "check_name": "folder.not-scanned",
            "fingerprint": hashlib.sha256(f"{error.folder}\0folder.not-scanned".encode(
                "utf-8", "surrogateescape")).hexdigest(),
            "severity": "blocker",
            "location": {"path": _relative(error.folder), "lines": {"begin": 1}},
        })
    return json_safe(dumps_indented(issues)) + "\n"

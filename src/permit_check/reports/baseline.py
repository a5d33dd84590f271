"""--baseline FILE: only findings that a previous JSON report did not have count; the rest are suppressed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from permit_check.errors import ConfigProblem, UsageProblem
from permit_check.files.configfile import MAX_REPORT_BYTES
from permit_check.files.resources import read_json_object
from permit_check.i18n import N_
from permit_check.model import Finding, Report, Severity

# A finding is "the same" when rule, item and file agree; messages may carry numbers that change daily.
Key = tuple[str, str | None, str | None]


def _keys(report: dict[str, Any]) -> set[Key]:
    return {(finding["rule"], finding["item"], finding["path"]) for finding in report["findings"]}


def load_baseline(path: Path) -> dict[str | None, set[Key]]:
    """Known findings by folder (None: a single-folder report, which applies to any folder).

    A file that is not a permit-check JSON report is a usage error (exit 2): the option names the wrong file.
    """
    try:
        data = read_json_object(path, "baseline report", max_bytes=MAX_REPORT_BYTES)
    except ConfigProblem as error:
        raise UsageProblem(N_("--baseline {error}"), error=error.phrase()) from None
    from permit_check.files.schema_validation import schema_problems  # jsonschema: only with a baseline

    problems = schema_problems(data, "report")
    if problems:
        raise UsageProblem(N_("--baseline {path}: not a permit-check JSON report ({problem})"),
                           path=path, problem=problems[0])
    if "reports" in data:
        return {report["folder"]: _keys(report) for report in data["reports"]}
    return {None: _keys(data)}


def apply_baseline(report: Report, known: dict[str | None, set[Key]]) -> Report:
    """The report without the findings the baseline already had, counting how many were left out."""
    old = known.get(report.folder, known.get(None, set()))
    if not old:
        return report

    def new(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
        return tuple(finding for finding in findings if (finding.rule, finding.item, finding.path) not in old)

    kept = new(report.findings)
    return replace(
        report,
        findings=kept,
        items=tuple(replace(item, findings=new(item.findings)) for item in report.items),
        files=tuple(replace(file, findings=new(file.findings)) for file in report.files),
        suppressed=report.suppressed + len(report.findings) - len(kept),
        known_errors=report.known_errors + report.count(Severity.ERROR) - sum(
            1 for finding in kept if finding.severity == Severity.ERROR),
    )

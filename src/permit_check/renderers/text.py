"""The human report: one block per checklist item, each problem with its fix, then a verdict."""

from __future__ import annotations

import re

from permit_check.model import FileResult, Finding, ItemResult, ItemStatus, Report, Severity

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
STATUS_LABELS = {
    ItemStatus.OK: "ok",
    ItemStatus.MISSING: "MISSING",
    ItemStatus.INVALID: "PROBLEM",
    ItemStatus.NOT_APPLICABLE: "n/a",
    ItemStatus.OPTIONAL: "optional",
}
INDENT = " " * 11


def _clean(text: str) -> str:
    """File names may hold newlines or escape codes; show them, never let them act on the terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _finding_lines(finding: Finding) -> list[str]:
    label = finding.severity.label
    return [
        f"{INDENT}{label:<8} {_clean(finding.message)}",
        f"{INDENT}{'':<8} fix: {_clean(finding.hint)}",
    ]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _item_block(item: ItemResult, files: dict[str, FileResult], verbosity: int) -> list[str]:
    lines = [f"  {STATUS_LABELS[item.status]:<8} {_clean(item.title)}"]
    if item.files:
        lines.append(f"{INDENT}{', '.join(_clean(path) for path in item.files)}")
    for finding in item.findings:
        lines.extend(_finding_lines(finding))
    for path in item.files:
        for finding in files[path].findings:
            lines.extend(_finding_lines(finding))
    if verbosity > 0 and item.condition:
        lines.append(f"{INDENT}required {item.condition}")
    return lines


def _has_problems(item: ItemResult, files: dict[str, FileResult]) -> bool:
    """Warnings or errors on the item or its files (notes alone do not count)."""
    findings = [*item.findings, *(finding for path in item.files for finding in files[path].findings)]
    return any(finding.severity >= Severity.WARNING for finding in findings)


def render_text(report: Report, verbosity: int = 0) -> str:
    files = {file.path: file for file in report.files}
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    out = [
        f"permit-check {report.tool_version}: {report.checklist.title}",
        f"Folder: {_clean(report.folder)} ({_plural(len(report.files), 'file')})   "
        f"As of: {report.as_of}   Upload: {report.channel_title}",
        "",
    ]
    general = [finding for finding in report.findings if finding.item is None and finding.path is None]
    for finding in general:
        out.extend(_finding_lines(finding))
    if general:
        out.append("")
    applicable = [item for item in report.items if item.status not in (ItemStatus.NOT_APPLICABLE, ItemStatus.OPTIONAL)
                  or item.files]
    for item in applicable:
        if verbosity < 0 and not _has_problems(item, files):
            continue
        out.extend(_item_block(item, files, verbosity))
    others = [item for item in report.items if item not in applicable]
    if others and verbosity >= 0:
        out.append("")
        out.append("Not needed here: " + "; ".join(
            f"{_clean(item.title)}" + (f" ({item.condition})" if item.condition and verbosity > 0 else "")
            for item in others
        ))
    stray = [file for file in report.files if file.item is None]
    if stray:
        out.append("")
        out.append("Files not placed in any item:")
        for file in stray:
            out.append(f"  {_clean(file.path)}")
            for finding in file.findings:
                out.extend(_finding_lines(finding))
    out.append("")
    out.append(
        f"Summary: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}, "
        f"{_plural(report.count(Severity.INFO), 'note')} in {_plural(len(report.files), 'file')}."
    )
    if report.ready:
        tail = f" ({_plural(warnings, 'warning')} worth a look)" if warnings else ""
        out.append(f"READY TO SUBMIT: no errors found{tail}.")
    else:
        out.append(f"NOT READY: {_plural(errors, 'error')} to fix before you submit.")
    return "\n".join(out) + "\n"

"""The HTML report: one self-contained page (inline CSS, no requests, readable without JavaScript)."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from permit_check.model import Batch, Finding, ItemResult, ItemStatus, Report, Severity
from permit_check.renderers.options import RenderOptions
from permit_check.renderers.questions import open_questions
from permit_check.renderers.words import SEVERITY_BADGES, STATUS_BADGES, WORDS, not_ready_detail, plural
from permit_check.visible import visible

# Above this many findings in a page, items start collapsed so that the page stays navigable.
OPEN_LIMIT = 150
# Printing opens every collapsed section (a consultant hands the page to a client on paper).
PRINT_SCRIPT = (
    'window.addEventListener("beforeprint",function(){'
    'document.querySelectorAll("details").forEach(function(d){d.open=true;});});'
)
_ANCHOR = re.compile(r"[^a-z0-9]+")


def _shown(value: Any) -> Any:
    return visible(value) if type(value) is str else value


@cache
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # only the HTML report needs it

    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,  # file names and messages are data: <script> in a name shows as text
        finalize=_shown,  # ...and a bidi control or an ESC in a name shows as an escape
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _finding(finding: Finding, show_path: bool, lang: str) -> dict[str, Any]:
    return {
        "severity": finding.severity.label,
        "severity_label": SEVERITY_BADGES[lang][finding.severity],
        "message": finding.message,
        "hint": finding.hint,
        "path": finding.path,
        "show_path": show_path,
    }


def _item(report: Report, item: ItemResult, expand: bool) -> dict[str, Any]:
    lang = report.lang
    by_path = {file.path: file for file in report.files}
    findings = [*item.findings, *(finding for path in item.files for finding in by_path[path].findings)]
    problems = [finding for finding in findings if finding.severity >= Severity.WARNING]
    return {
        "title": item.title,
        "status": item.status.value,
        "status_label": STATUS_BADGES[lang][item.status],
        "condition": item.condition,
        "files": list(item.files),
        "findings": [_finding(finding, len(item.files) > 1, lang) for finding in findings],
        "count": plural(len(findings), "finding", lang) if findings else "",
        "open": expand and bool(problems),
    }


def _report(report: Report, index: int, expand: bool) -> dict[str, Any]:
    lang, words = report.lang, WORDS[report.lang]
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    applicable = [item for item in report.items if item.status not in (
        ItemStatus.NOT_APPLICABLE, ItemStatus.OPTIONAL, ItemStatus.DEPENDS) or item.files]
    stray = []
    for file in report.files:
        if file.item is None:
            worst = max((finding.severity for finding in file.findings), default=Severity.INFO)
            stray.append({"path": file.path, "badge": worst.label, "label": SEVERITY_BADGES[lang][worst],
                          "findings": [_finding(finding, False, lang) for finding in file.findings], "open": expand})
    return {
        "anchor": f"folder-{index}-{_ANCHOR.sub('-', report.folder.lower()).strip('-')}"[:80],
        "folder": report.folder,
        "ready": report.ready,
        "verdict": words["ready_short"] if report.ready else words["not_ready_short"],
        "verdict_detail": (words["ready_detail"].format(warnings=plural(warnings, "warning", lang)) if report.ready
                           else not_ready_detail(report)),
        "checklist_title": report.checklist.title,
        "checklist_id": report.checklist.id,
        "checklist_version": report.checklist.version,
        "as_of": report.as_of,
        "channel": report.channel_title,
        "file_count": len(report.files),
        "counts": f"{plural(errors, 'error', lang)}, {plural(warnings, 'warning', lang)}, "
                  f"{plural(report.count(Severity.INFO), 'note', lang)}",
        "general": [_finding(finding, False, lang) for finding in report.findings
                    if finding.item is None and finding.path is None],
        "entries": [_item(report, item, expand) for item in applicable],  # not "items": a dict method in Jinja
        "questions": open_questions(report),
        "not_needed": [{"title": item.title, "condition": item.condition}
                       for item in report.items if item not in applicable and item.status != ItemStatus.DEPENDS],
        "stray": stray,
        "suppressed": report.suppressed,
    }


def render_html(batch: Batch, options: RenderOptions) -> str:
    del options
    lang = batch.reports[0].lang if batch.reports else "en"
    words = WORDS[lang]
    expand = sum(len(report.findings) for report in batch.reports) <= OPEN_LIMIT
    reports = [_report(report, index, expand) for index, report in enumerate(batch.reports, start=1)]
    folders_table = None
    if len(batch.reports) + len(batch.errors) > 1:
        rows = [{"folder": report["folder"], "anchor": report["anchor"], "type": source.checklist.id,
                 "ready": words["yes_cap"] if source.ready else words["no_cap"],
                 "badge": "ok" if source.ready else "error",
                 "errors": source.count(Severity.ERROR), "warnings": source.count(Severity.WARNING)}
                for report, source in zip(reports, batch.reports, strict=True)]
        rows += [{"folder": error.folder, "anchor": None, "type": "-", "ready": SEVERITY_BADGES[lang][Severity.ERROR],
                  "badge": "error",
                  "errors": "-", "warnings": "-"} for error in batch.errors]
        folders_table = {"rows": rows, "total": len(rows), "ready": sum(1 for report in batch.reports if report.ready)}
    single = batch.single
    heading = f"{words['heading']}: {single.folder}" if single else words["heading"]
    digest = base64.b64encode(hashlib.sha256(PRINT_SCRIPT.encode()).digest()).decode()
    page: str = _environment().get_template("report.html.j2").render(
        page_title=f"permit-check: {words['page_ready'] if batch.ready else words['page_not_ready']} - {heading}",
        w=words,
        lang=lang,
        heading=heading,
        version=batch.tool_version,
        as_of=batch.as_of,
        reports=reports,
        errors=[{"folder": error.folder, "message": error.message} for error in batch.errors],
        folders_table=folders_table,
        script=PRINT_SCRIPT,
        script_hash=f"sha256-{digest}",
    )
    return page

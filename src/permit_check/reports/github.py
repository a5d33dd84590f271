"""GitHub Actions: workflow-command annotations, and a markdown table for the job summary."""

from __future__ import annotations

import re

from permit_check.i18n import translations
from permit_check.model import Batch, Severity
from permit_check.reports.options import RenderOptions
from permit_check.reports.paths import located
from permit_check.reports.questions import question_findings
from permit_check.reports.visible import visible
from permit_check.reports.words import colon, table_headers, words_in

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    """A CI log is read by a terminal emulator too: controls and bidi characters become visible escapes."""
    return visible(text, keep="\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(batch: Batch, options: RenderOptions) -> str:
    del options
    lines = []
    for report in batch.reports:
        said = translations(report.lang).gettext("{message} Fix: {hint}")
        for finding in [*report.findings, *question_findings(report)]:
            where = located(report, finding.path)
            title = _escape_property(f"{finding.rule} ({report.checklist.id})")
            message = _escape_data(said.format(message=finding.message, hint=finding.hint))
            lines.append(f"::{COMMANDS[finding.severity]} file={_escape_property(where)},title={title}::{message}")
    for error in batch.errors:
        lines.append(f"::error title=permit-check::{_escape_data(f'{error.folder}{colon(batch.lang)}{error.message}')}")
    return "\n".join(lines) + ("\n" if lines else "")


# Everything Markdown or HTML would act on in a table cell; a folder name is shown, never rendered.
_MARKDOWN = re.compile(r"[\\`*_{}\[\]()<>!|&~:]")


def _cell(text: str) -> str:
    """A folder name or message as inert text: every character Markdown or HTML reads is an entity."""
    return _MARKDOWN.sub(lambda match: f"&#{ord(match.group())};", visible(text, keep=""))


def step_summary(batch: Batch) -> str:
    """The markdown table appended to $GITHUB_STEP_SUMMARY, in the batch's language."""
    words = words_in(batch.lang)
    rows = ["## permit-check", "", f"| {' | '.join(table_headers(batch.lang))} |", "| --- | --- | --- | ---: | ---: |"]
    for report in batch.reports:
        ready = words["yes"] if report.ready else f"**{words['no']}**"
        rows.append(f"| {_cell(report.folder)} | {report.checklist.id} | {ready} | {report.count(Severity.ERROR)} | "
                    f"{report.count(Severity.WARNING)} |")
    for error in batch.errors:
        failed = _cell(f"{words['could_not_scan']}{colon(batch.lang)}{error.message}")
        rows.append(f"| {_cell(error.folder)} | - | {failed} | - | - |")
    return "\n".join(rows) + "\n"

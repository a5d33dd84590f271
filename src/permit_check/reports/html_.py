"""The HTML report: one self-contained page (inline CSS, no requests, readable without JavaScript).

It is written for the applicant: the verdict, then a short list of what to fix first (in the order
that gets an application returned, see priority.py), then every item and its state at a glance,
then the details, which expand. Rule ids, item ids, conditions as permit-check.toml states them and
the pointer to each rule's source are kept for a "For your consultant" section at the end.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from permit_check.i18n import in_language
from permit_check.model import Batch, Finding, ItemResult, ItemStatus, Report, Severity
from permit_check.reports.options import RenderOptions
from permit_check.reports.priority import fix_order, names_file, plain_condition, plain_message
from permit_check.reports.questions import open_questions, question_text
from permit_check.reports.visible import visible
from permit_check.reports.words import (
    SEVERITY_BADGES,
    STATE_LABELS,
    colon,
    not_ready_detail,
    plural,
    semicolon,
    summary_heading,
    words_in,
)

# Above this many findings in a page, details start collapsed so that the page stays navigable.
OPEN_LIMIT = 150
# How many findings the "fix these first" list shows; the rest are in the details.
FIX_FIRST = 6
# Printing opens every collapsed section (a consultant hands the page to a client on paper); the
# stylesheet does the same for a browser that prints without this event.
PRINT_SCRIPT = (
    'window.addEventListener("beforeprint",function(){'
    'document.querySelectorAll("details").forEach(function(d){d.open=true;});});'
)
# Notes that list item ids or answer keys: the applicant's view names the items and asks the questions instead.
NO_ANSWERS_RULE, UNANSWERED_CHECKS_RULE = "application.no-answers", "application.unanswered-checks"
_ANCHOR = re.compile(r"[^a-z0-9]+")
TEMPLATES = Path(__file__).parent / "templates"


def _shown(value: Any) -> Any:
    return visible(value) if type(value) is str else value


@cache
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # only the HTML report needs it

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # file names and messages are data: <script> in a name shows as text
        finalize=_shown,  # ...and a bidi control or an ESC in a name shows as an escape
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _stylesheet() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def _digest(text: str) -> str:
    """The CSP source that allows exactly this inline text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _slug(text: str) -> str:
    return _ANCHOR.sub("-", text.lower()).strip("-")


class _Page:
    """One folder's report as the template reads it."""

    def __init__(self, report: Report, index: int, expand: bool) -> None:
        self.report = report
        self.lang = report.lang
        self.words = words_in(report.lang)
        self.expand = expand
        self.anchor = f"folder-{index}-{_slug(report.folder)}"[:80]
        self.files = {file.path: file for file in report.files}
        self.items = {item.id: item for item in report.items}
        self.questions = open_questions(report)

    def item_anchor(self, item_id: str) -> str:
        return f"{self.anchor}-item-{_slug(item_id)}"

    def file_anchor(self, path: str) -> str:
        return f"{self.anchor}-file-{hashlib.sha256(path.encode()).hexdigest()[:12]}"

    def state(self, item: ItemResult) -> str:
        """ok, check (ok, but a warning is to read), missing, problem, depends (on a question not answered),
        not-needed or optional."""
        if item.status is ItemStatus.OK and any(finding.severity >= Severity.WARNING
                                                for finding in self.item_findings(item)):
            return "check"  # a green OK would tell the reader to skip the warning
        return {ItemStatus.INVALID: "problem", ItemStatus.NOT_APPLICABLE: "not-needed"}.get(
            item.status, item.status.value)

    def message(self, finding: Finding) -> str:
        if finding.rule in (NO_ANSWERS_RULE, UNANSWERED_CHECKS_RULE):
            # "...: representative, release-of-information." -> the items' titles, or the questions in words.
            head, _, listed = finding.message.rstrip(".").rpartition(": ")
            names = [name.strip() for name in listed.split(",")]
            if finding.rule == NO_ANSWERS_RULE:
                words = semicolon(self.lang).join(self.items[name].title if name in self.items else name
                                                  for name in names)
            else:
                words = " ".join(question_text(name, self.lang) for name in names)
            return f"{head}{colon(self.lang)}{words}" + ("" if words.endswith("?") else ".")
        item = self.items.get(finding.item or "")
        return plain_message(finding.message, item.condition if item else None)

    def finding(self, finding: Finding, show_path: bool) -> dict[str, Any]:
        """`show_path`: the file's chip goes first, unless the message names the file itself."""
        message = self.message(finding)
        shown = show_path and finding.path is not None and not names_file(message, finding.path)
        return {
            "severity": finding.severity.label,
            "severity_label": in_language(SEVERITY_BADGES, self.lang)[finding.severity],
            "message": message,
            # Its own fix names the answer keys: the page says where to answer in words.
            "hint": self.words["questions_intro"] if finding.rule == UNANSWERED_CHECKS_RULE else finding.hint,
            "path": finding.path if shown else None,
        }

    def item_findings(self, item: ItemResult) -> list[Finding]:
        return [*item.findings, *(finding for path in item.files for finding in self.files[path].findings)]

    def fix_first(self) -> dict[str, Any]:
        ordered = fix_order(list(self.report.findings))
        # An open question comes first: it decides which documents are missing.
        entries = [{"severity": "error", "severity_label": self.words["question_badge"], "title": question.text,
                    "target": f"{self.anchor}-questions", "path": None, "hint": "",
                    "message": f"{self.words['decides'].capitalize()}{colon(self.lang)}"
                               f"{semicolon(self.lang).join(question.decides)}."}
                   for question in self.questions[:FIX_FIRST]]
        for finding in ordered[:FIX_FIRST - len(entries)]:
            item = self.items.get(finding.item or "")
            if item is not None:
                title, target = item.title, self.item_anchor(item.id)
            elif finding.path is not None:
                title, target = self.words["unplaced_file"], self.file_anchor(finding.path)
            else:
                title, target = self.words["about"], f"{self.anchor}-general"
            entries.append({**self.finding(finding, finding.path is not None), "title": title, "target": target})
        errors = self.report.count(Severity.ERROR)
        heading = self.words["fix_first"] if errors or self.questions else self.words["look_first"]
        more = len(ordered) + len(self.questions) - len(entries)
        return {"heading": heading, "entries": entries,
                "more": self.words["more_below"].format(count=more) if more else ""}

    def grid(self) -> list[dict[str, Any]]:
        rows = []
        for item in self.report.items:
            state = self.state(item)
            findings = self.item_findings(item)
            rows.append({"title": item.title, "state": state,
                         "state_label": in_language(STATE_LABELS, self.lang)[state],
                         "files": list(item.files),
                         "target": self.item_anchor(item.id) if findings else None})
        return rows

    def details(self) -> list[dict[str, Any]]:
        entries = []
        for item in self.report.items:
            findings = self.item_findings(item)
            if not findings:
                continue
            several = len(item.files) > 1
            entries.append({
                "anchor": self.item_anchor(item.id), "title": item.title, "state": self.state(item),
                "state_label": in_language(STATE_LABELS, self.lang)[self.state(item)], "files": list(item.files),
                "findings": [self.finding(finding, several) for finding in fix_order(findings)],
                "count": plural(len(findings), "finding", self.lang),
                "open": self.expand and any(finding.severity >= Severity.WARNING for finding in findings),
            })
        return entries

    def stray(self) -> list[dict[str, Any]]:
        return [{"anchor": self.file_anchor(file.path), "path": file.path,
                 "count": plural(len(file.findings), "finding", self.lang),
                 "findings": [self.finding(finding, False) for finding in fix_order(list(file.findings))],
                 "open": self.expand}
                for file in self.report.files if file.item is None]

    def consultant(self) -> dict[str, Any]:
        report = self.report
        return {
            "checklist": f"{report.checklist.id} {report.checklist.version}",
            "type_source": report.type_source.said_in(self.lang),
            "command": f"permit-check checklists show {report.checklist.id}",
            "findings": [{"rule": finding.rule, "severity": in_language(SEVERITY_BADGES, self.lang)[finding.severity],
                          "item": finding.item or "", "path": finding.path or ""} for finding in report.findings],
            "conditions": [{"id": item.id, "condition": item.condition, "state": in_language(STATE_LABELS, self.lang)[
                self.state(item)]} for item in report.items if item.condition and plain_condition(
                    item.condition) != item.condition],
            "questions": [{"key": question.key, "toml": question.toml} for question in self.questions],
        }

    def verdict_detail(self) -> str:
        """Why the folder is (not) ready, in words: errors to fix, errors a baseline hides, questions to answer."""
        report, lang, words = self.report, self.lang, self.words
        warnings = report.count(Severity.WARNING)
        if report.ready:
            return words["ready_detail"].format(warnings=plural(warnings, "warning", lang)) if warnings \
                else words["ready_clean"]
        counted = words["questions_to_answer"].format(questions=plural(len(self.questions), "question", lang))
        return not_ready_detail(report, questions_part=counted)

    def context(self) -> dict[str, Any]:
        report, lang, words = self.report, self.lang, self.words
        errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
        return {
            "anchor": self.anchor,
            "folder": report.folder,
            "ready": report.ready,
            "verdict": words["ready_short"] if report.ready else words["not_ready_short"],
            "verdict_detail": self.verdict_detail(),
            "facts": [(words["permit_type"], report.checklist.title), (words["as_of"], report.as_of),
                      (words["submitted"], report.channel_title),
                      (words["files_checked"], str(len(report.files))),
                      (words["findings"], f"{plural(errors, 'error', lang)}, {plural(warnings, 'warning', lang)}, "
                                          f"{plural(report.count(Severity.INFO), 'note', lang)}")],
            "fix_first": self.fix_first(),
            "general": [self.finding(finding, False) for finding in fix_order(
                [finding for finding in report.findings if finding.item is None and finding.path is None])],
            "grid": self.grid(),
            "questions": [{"text": question.text, "decides": semicolon(lang).join(question.decides)}
                          for question in self.questions],
            "details": self.details(),
            "stray": self.stray(),
            "suppressed": report.suppressed,
            "consultant": self.consultant(),
            # The report's section speaks the report's language, whatever the page around it speaks.
            "lang": lang, "w": words, "colon": colon(lang),
        }


def render_html(batch: Batch, options: RenderOptions) -> str:
    del options
    lang = batch.lang
    words = words_in(lang)
    expand = sum(len(report.findings) for report in batch.reports) <= OPEN_LIMIT
    pages = [_Page(report, index, expand) for index, report in enumerate(batch.reports, start=1)]
    folders_table = None
    if len(batch.reports) + len(batch.errors) > 1:
        rows: list[dict[str, Any]] = [{"folder": page.report.folder, "anchor": page.anchor,
                                        "type": page.report.checklist.title, "type_lang": page.lang,
                                        "ready": words["yes_cap"] if page.report.ready else words["no_cap"],
                                        "badge": "ok" if page.report.ready else "error",
                                        "errors": page.report.count(Severity.ERROR),
                                        "warnings": page.report.count(Severity.WARNING)} for page in pages]
        rows += [{"folder": error.folder, "anchor": None, "type": "-", "type_lang": None,
                  "ready": in_language(SEVERITY_BADGES, lang)[Severity.ERROR],
                  "badge": "error", "errors": "-", "warnings": "-"} for error in batch.errors]
        ready = sum(1 for report in batch.reports if report.ready)
        folders_table = {"rows": rows, "heading": summary_heading(ready, len(rows), lang)}
    single = batch.single
    heading = f"{words['heading']}{colon(lang)}{single.folder}" if single else words["heading"]
    style = _stylesheet()
    page: str = _environment().get_template("report.html.j2").render(
        page_title=f"permit-check{colon(lang)}{words['page_ready'] if batch.ready else words['page_not_ready']}"
                   f" - {heading}",
        w=words,
        colon=colon(lang),
        lang=lang,
        heading=heading,
        single=single is not None,
        version=batch.tool_version,
        as_of=batch.as_of,
        reports=[page.context() for page in pages],
        errors=[{"folder": error.folder, "message": error.message} for error in batch.errors],
        folders_table=folders_table,
        style=style,
        script=PRINT_SCRIPT,
        style_hash=_digest(style),
        script_hash=_digest(PRINT_SCRIPT),
    )
    return page

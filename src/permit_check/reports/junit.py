"""JUnit XML (CI test tabs): one test suite per folder; one test case per checklist item and one per rule
about files or the application as a whole.

A test's name never carries its result ('Passport [passport]', not '... (invalid)'), so that a CI
viewer keeps each test's history from run to run. An item that does not apply is skipped. Files are
checked together, so a test case's time is 0 and the suite's time is the whole scan's.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from permit_check.i18n import N_, translations
from permit_check.model import Batch, Finding, ItemResult, ItemStatus, Report, Severity
from permit_check.reports.options import RenderOptions
from permit_check.reports.questions import question_findings
from permit_check.reports.rule_texts import checklist_rules, rule_text
from permit_check.reports.visible import visible
from permit_check.reports.words import colon, severity_text

NOT_NEEDED = N_("Not needed for this application")


def _attribute(text: str) -> str:
    """XML 1.0 forbids most controls (an ESC in a file name made the report ill-formed): shown as escapes."""
    return visible(text, keep="")


def _seconds(value: float | None) -> str:
    return f"{value or 0:.3f}"


def _lines(findings: list[Finding], lang: str) -> str:
    said = translations(lang).gettext("{message} Fix: {hint}")
    return visible("\n".join(
        f"{severity_text(finding.severity, lang)}{colon(lang)}{said.format(message=finding.message, hint=finding.hint)}"
        + (f" [{visible(finding.path, keep='')}]" if finding.path else "")
        for finding in findings
    ), keep="\n")


class _Suite:
    def __init__(self, root: ET.Element, report: Report) -> None:
        self.report = report
        self.element = ET.SubElement(root, "testsuite", name=_attribute(report.folder))
        self.tests = self.failures = self.skipped = 0

    def case(self, name: str, findings: list[Finding], *, skipped: str | None = None) -> None:
        case = ET.SubElement(self.element, "testcase", classname=_attribute(self.report.folder),
                             name=_attribute(name), time=_seconds(0))
        self.tests += 1
        if skipped is not None:
            ET.SubElement(case, "skipped", message=skipped)
            self.skipped += 1
        errors = [finding for finding in findings if finding.severity == Severity.ERROR]
        if errors:
            failure = ET.SubElement(case, "failure", message=_attribute(errors[0].message), type=errors[0].rule)
            failure.text = _lines(errors, self.report.lang)
            self.failures += 1
        others = [finding for finding in findings if finding.severity != Severity.ERROR]
        if others:
            ET.SubElement(case, "system-out").text = _lines(others, self.report.lang)

    def close(self) -> None:
        self.element.set("tests", str(self.tests))
        self.element.set("failures", str(self.failures))
        self.element.set("errors", "0")
        self.element.set("skipped", str(self.skipped))
        self.element.set("time", _seconds(self.report.seconds))


def _item_findings(report: Report, item: ItemResult) -> list[Finding]:
    by_path = {file.path: file for file in report.files}
    return [*item.findings, *(finding for path in item.files for finding in by_path[path].findings)]


def _suite(root: ET.Element, report: Report) -> _Suite:
    suite = _Suite(root, report)
    for item in report.items:
        skipped = translations(report.lang).gettext(NOT_NEEDED) if item.status == ItemStatus.NOT_APPLICABLE else None
        # An item waiting on an unanswered question fails with the question, so that the build says why.
        waiting = question_findings(report, item.depends_on) if item.status == ItemStatus.DEPENDS else []
        suite.case(f"{item.title} [{item.id}]", [*waiting, *_item_findings(report, item)], skipped=skipped)
    in_items = {path for item in report.items for path in item.files}
    rest = [finding for finding in report.findings
            if finding.item is None and (finding.path is None or finding.path not in in_items)]
    # One test per rule about files or the application: every such rule of the checklist (so that a
    # passing rule is a passing test), then the built-in checks that fired.
    by_rule: dict[str, list[Finding]] = {rule: [] for rule in checklist_rules(report)}
    for finding in rest:
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule, findings in by_rule.items():
        title = rule_text(report, findings[0]).short if findings else checklist_rules(report)[rule]
        suite.case(f"{title} [{rule}]", findings)
    suite.close()
    return suite


def render_junit(batch: Batch, options: RenderOptions) -> str:
    del options
    root = ET.Element("testsuites", name="permit-check")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    seconds = 0.0
    for report in batch.reports:
        suite = _suite(root, report)
        totals["tests"] += suite.tests
        totals["failures"] += suite.failures
        seconds += report.seconds or 0
    for error in batch.errors:
        suite_element = ET.SubElement(root, "testsuite", name=_attribute(error.folder), tests="1", failures="0",
                                      errors="1", skipped="0", time=_seconds(0))
        case = ET.SubElement(suite_element, "testcase", classname=_attribute(error.folder), name="scan",
                             time=_seconds(0))
        ET.SubElement(case, "error", message=_attribute(error.message))
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", _seconds(seconds))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

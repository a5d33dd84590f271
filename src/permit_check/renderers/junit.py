"""JUnit XML (CI test tabs): one test suite per folder, one test case per checklist item."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from permit_check.model import Batch, Finding, ItemResult, ItemStatus, Report, Severity
from permit_check.renderers.options import RenderOptions
from permit_check.renderers.questions import question_findings
from permit_check.visible import visible


def _attribute(text: str) -> str:
    """XML 1.0 forbids most controls (an ESC in a file name made the report ill-formed): shown as escapes."""
    return visible(text, keep="")


def _lines(findings: list[Finding]) -> str:
    return visible("\n".join(
        f"{finding.severity.label}: {finding.message} Fix: {finding.hint}"
        + (f" [{visible(finding.path, keep='')}]" if finding.path else "")
        for finding in findings
    ), keep="\n")


def _case(suite: ET.Element, report: Report, name: str, findings: list[Finding]) -> bool:
    """Adds a test case; True when it failed (it has an error)."""
    case = ET.SubElement(suite, "testcase", classname=_attribute(report.folder), name=_attribute(name))
    errors = [finding for finding in findings if finding.severity == Severity.ERROR]
    if errors:
        failure = ET.SubElement(case, "failure", message=_attribute(errors[0].message), type=errors[0].rule)
        failure.text = _lines(errors)
    others = [finding for finding in findings if finding.severity != Severity.ERROR]
    if others:
        ET.SubElement(case, "system-out").text = _lines(others)
    return bool(errors)


def _item_findings(report: Report, item: ItemResult) -> list[Finding]:
    by_path = {file.path: file for file in report.files}
    return [*item.findings, *(finding for path in item.files for finding in by_path[path].findings)]


def render_junit(batch: Batch, options: RenderOptions) -> str:
    del options
    root = ET.Element("testsuites", name="permit-check")
    total = failed = 0
    for report in batch.reports:
        suite = ET.SubElement(root, "testsuite", name=_attribute(report.folder))
        cases = fails = 0
        for item in report.items:
            cases += 1
            name = f"{item.title} [{item.id}] ({item.status.value})"
            waiting = question_findings(report, item.depends_on) if item.status == ItemStatus.DEPENDS else []
            fails += _case(suite, report, name, [*waiting, *_item_findings(report, item)])
        rest = [finding for finding in report.findings
                if finding.item is None and (finding.path is None or finding.path not in {
                    path for item in report.items for path in item.files})]
        if rest:
            cases += 1
            fails += _case(suite, report, "Application and files in no item", rest)
        suite.set("tests", str(cases))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        total, failed = total + cases, failed + fails
    for error in batch.errors:
        suite = ET.SubElement(root, "testsuite", name=_attribute(error.folder), tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname=_attribute(error.folder), name="scan")
        ET.SubElement(case, "error", message=_attribute(error.message))
        total += 1
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(len(batch.errors)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

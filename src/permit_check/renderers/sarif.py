"""SARIF 2.1.0 (code-scanning tools): one run, one rule per rule id, one result per finding."""

from __future__ import annotations

import json
from typing import Any

from permit_check.model import Batch, Finding, Report, Severity
from permit_check.renderers.options import RenderOptions
from permit_check.renderers.paths import located
from permit_check.renderers.questions import question_findings
from permit_check.visible import json_safe

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0-rtm.5.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _result(report: Report, finding: Finding, rule_index: int) -> dict[str, Any]:
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message} Fix: {finding.hint}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": located(report, finding.path)}}}],
        "properties": {"item": finding.item, "folder": report.folder, "checklist": report.checklist.id},
    }


def render_sarif(batch: Batch, options: RenderOptions) -> str:
    del options
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for report in batch.reports:
        for finding in [*report.findings, *question_findings(report)]:
            if finding.rule not in rules:
                rules[finding.rule] = {
                    "id": finding.rule,
                    "shortDescription": {"text": finding.rule},
                    "help": {"text": finding.hint},
                    "defaultConfiguration": {"level": LEVELS[finding.severity]},
                }
            results.append(_result(report, finding, list(rules).index(finding.rule)))
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "permit-check", "version": batch.tool_version, "rules": list(rules.values())}},
            "results": results,
            "invocations": [{
                "executionSuccessful": not batch.errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": f"{error.folder}: {error.message}"}}
                    for error in batch.errors
                ],
            }],
        }],
    }
    return json_safe(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"

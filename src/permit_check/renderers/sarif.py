"""SARIF 2.1.0 (code-scanning tools): one run, one reportingDescriptor per rule, one result per finding.

File locations are relative URI references (percent-encoded) against a base id per scanned folder,
which `originalUriBaseIds` resolves to the folder's file:// URI (left out with --redact). A finding
about the application as a whole points at the folder's permit-check.toml when the scan read one;
without it there is no file to point at, and the finding becomes a tool notification of the run
(`invocations[0].toolExecutionNotifications`, with `associatedRule`), since code scanning needs a
file for every result.
"""

from __future__ import annotations

import json
from typing import Any

from permit_check.model import Batch, Finding, Report, Severity
from permit_check.renderers.options import RenderOptions
from permit_check.renderers.paths import fingerprint, uri_reference
from permit_check.renderers.questions import question_findings
from permit_check.renderers.rule_texts import rule_text
from permit_check.visible import json_safe

# The final OASIS SARIF 2.1.0 schema (errata 01), as SchemaStore serves it.
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _base_ids(batch: Batch) -> list[str]:
    if len(batch.reports) == 1:
        return ["FOLDER"]
    return [f"FOLDER{number}" for number in range(1, len(batch.reports) + 1)]


def _descriptor(report: Report, finding: Finding) -> dict[str, Any]:
    text = rule_text(report, finding)
    scope = finding.item or finding.rule.partition(".")[0]
    return {
        "id": finding.rule,
        "name": "".join(part.capitalize() for part in finding.rule.replace("-", ".").split(".")),
        "shortDescription": {"text": text.short},
        "fullDescription": {"text": text.full},
        "help": {"text": text.fix},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"tags": ["permit-check", report.checklist.id, scope]},
    }


class _Log:
    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.rules: dict[str, dict[str, Any]] = {}
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def rule_index(self, report: Report, finding: Finding) -> int:
        if finding.rule not in self.rules:
            self.rules[finding.rule] = _descriptor(report, finding)
        return list(self.rules).index(finding.rule)

    def add(self, report: Report, base_id: str, finding: Finding) -> None:
        index = self.rule_index(report, finding)
        message = {"text": f"{finding.message} Fix: {finding.hint}"}
        path = finding.path or report.answers
        if path is None:
            self.notifications.append({
                "level": LEVELS[finding.severity],
                "message": {"text": f"{report.folder}: {message['text']}"},
                "associatedRule": {"id": finding.rule, "index": index},
            })
            return
        self.results.append({
            "ruleId": finding.rule,
            "ruleIndex": index,
            "level": LEVELS[finding.severity],
            "message": message,
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_reference(path),
                                                                     "uriBaseId": base_id}}}],
            "partialFingerprints": {"permitCheck/v1": fingerprint(report, finding)},
            "properties": {"item": finding.item, "folder": report.folder, "checklist": report.checklist.id},
        })


def _base(report: Report) -> dict[str, Any]:
    if report.folder_uri is None:
        return {"description": {"text": "The scanned folder (its name is redacted)."}}
    return {"uri": report.folder_uri, "description": {"text": f"The scanned folder {report.folder}"}}


def render_sarif(batch: Batch, options: RenderOptions) -> str:
    del options
    log = _Log(batch)
    bases = _base_ids(batch)
    for base_id, report in zip(bases, batch.reports, strict=True):
        for finding in [*report.findings, *question_findings(report)]:
            log.add(report, base_id, finding)
    for error in batch.errors:
        log.notifications.append({"level": "error", "message": {"text": f"{error.folder}: {error.message}"}})
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "permit-check", "version": batch.tool_version,
                                "informationUri": "https://pypi.org/project/permit-check/",
                                "rules": list(log.rules.values())}},
            "originalUriBaseIds": {base_id: _base(report)
                                   for base_id, report in zip(bases, batch.reports, strict=True)},
            "results": log.results,
            "invocations": [{
                "executionSuccessful": not batch.errors,
                "toolExecutionNotifications": log.notifications,
            }],
        }],
    }
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"

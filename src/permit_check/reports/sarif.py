"""SARIF 2.1.0 (code-scanning tools): one run, one reportingDescriptor per rule, one result per finding.

File locations are relative URI references (percent-encoded). A folder inside the working directory
(the repository's root in CI) has its files located relative to `%SRCROOT%`, the working directory
('clients/acme/passport%20(1).pdf'): code scanning ignores base ids and reads a relative URI as
relative to the repository's root, so this is what it can match. A folder elsewhere has its files
relative to its own base id. `originalUriBaseIds` resolves each: %SRCROOT%, and one entry per scanned
folder (FOLDER, or FOLDER1...), its file:// URI with a trailing '/' (no URIs with --redact). A finding
about the application as a whole points at the folder's permit-check.toml when the scan read one;
without it there is no file to point at, and the finding becomes a tool notification of the run
(`invocations[0].toolExecutionNotifications`, with `associatedRule`), since code scanning needs a
file for every result.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from permit_check.i18n import translations
from permit_check.model import Batch, Finding, Report, Severity
from permit_check.reports.options import RenderOptions
from permit_check.reports.paths import fingerprint, uri_reference
from permit_check.reports.pretty_json import dumps_indented
from permit_check.reports.questions import question_findings
from permit_check.reports.rule_texts import rule_text
from permit_check.reports.visible import json_safe
from permit_check.reports.words import colon

# The final OASIS SARIF 2.1.0 schema (errata 01), as SchemaStore serves it.
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


ROOT = "%SRCROOT%"


@dataclass(frozen=True)
class _Base:
    """Where one folder's file URIs are relative to: a base id, and the folder's own part of the URI."""

    folder_id: str  # FOLDER, FOLDER1...
    base_id: str  # ROOT, or folder_id for a folder outside the working directory
    prefix: str  # 'clients/acme/' under ROOT; '' under the folder's own base
    entry: dict[str, Any]  # the folder's originalUriBaseIds entry


def _folder_path(uri: str) -> PurePosixPath:
    return PurePosixPath(unquote(urlparse(uri).path))


def _bases(batch: Batch, root_uri: str | None) -> list[_Base]:
    ids = ["FOLDER"] if len(batch.reports) == 1 else [f"FOLDER{n}" for n in range(1, len(batch.reports) + 1)]
    bases = []
    catalogue = translations(batch.lang)  # the run's own words, as "The working directory"
    for folder_id, report in zip(ids, batch.reports, strict=True):
        description = {"text": catalogue.gettext("The scanned folder {folder}").format(folder=report.folder)}
        if report.folder_uri is None:  # --redact: no path at all
            bases.append(_Base(folder_id, folder_id, "", {"description": {
                "text": catalogue.gettext("The scanned folder (its name is redacted).")}}))
        elif root_uri is not None and _folder_path(report.folder_uri).is_relative_to(_folder_path(root_uri)):
            inside = _folder_path(report.folder_uri).relative_to(_folder_path(root_uri)).as_posix()
            prefix = "" if inside == "." else uri_reference(inside) + "/"
            bases.append(_Base(folder_id, ROOT, prefix, {"uri": prefix or "./", "uriBaseId": ROOT,
                                                         "description": description}))
        else:
            bases.append(_Base(folder_id, folder_id, "", {"uri": report.folder_uri, "description": description}))
    return bases


def _descriptor(report: Report, finding: Finding, *, own: bool = True) -> dict[str, Any]:
    text = rule_text(report, finding, own=own)
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
        self.printed: dict[str, int] = {}  # fingerprint -> how many results already carry it

    def rule_index(self, report: Report, finding: Finding) -> int:
        if finding.rule not in self.rules:
            # The run describes each rule once, for every folder: in the batch's language, from a report of the
            # same checklist that speaks it (folders whose permit-check.toml chose different languages).
            speaker = next((other for other in self.batch.reports if other.lang == self.batch.lang
                            and other.checklist.id == report.checklist.id), report)
            self.rules[finding.rule] = _descriptor(speaker, finding, own=speaker is report)
        return list(self.rules).index(finding.rule)

    def distinct(self, base: str) -> str:
        """Two results with the same rule, item and file (two open questions) must not share a fingerprint:
        code scanning would merge them into one alert."""
        count = self.printed.get(base, 0)
        self.printed[base] = count + 1
        return base if count == 0 else hashlib.sha256(f"{base}\0{count}".encode()).hexdigest()

    def add(self, report: Report, base: _Base, finding: Finding) -> None:
        index = self.rule_index(report, finding)
        message = {"text": translations(report.lang).gettext("{message} Fix: {hint}").format(
            message=finding.message, hint=finding.hint)}
        path = finding.path or report.answers
        if path is None:
            self.notifications.append({
                "level": LEVELS[finding.severity],
                "message": {"text": f"{report.folder}{colon(report.lang)}{message['text']}"},
                "associatedRule": {"id": finding.rule, "index": index},
            })
            return
        self.results.append({
            "ruleId": finding.rule,
            "ruleIndex": index,
            "level": LEVELS[finding.severity],
            "message": message,
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": base.prefix + uri_reference(path),
                                                                     "uriBaseId": base.base_id}}}],
            "partialFingerprints": {"permitCheck/v1": self.distinct(fingerprint(report, finding))},
            "properties": {"item": finding.item, "folder": report.folder, "checklist": report.checklist.id},
        })


def render_sarif(batch: Batch, options: RenderOptions) -> str:
    log = _Log(batch)
    redacted = any(report.folder_uri is None for report in batch.reports)
    root_uri = None if redacted else options.root_uri
    bases = _bases(batch, root_uri)
    for report in batch.reports:  # the rules first described by the findings of the reports in the batch's language
        if report.lang == batch.lang:
            for finding in [*report.findings, *question_findings(report)]:
                log.rule_index(report, finding)
    for base, report in zip(bases, batch.reports, strict=True):
        for finding in [*report.findings, *question_findings(report)]:
            log.add(report, base, finding)
    working = translations(batch.lang).gettext("The working directory")
    original = {ROOT: {"uri": root_uri, "description": {"text": working}}} if any(
        base.base_id == ROOT for base in bases) else {}
    original.update({base.folder_id: base.entry for base in bases})
    for error in batch.errors:
        log.notifications.append({"level": "error",
                                  "message": {"text": f"{error.folder}{colon(batch.lang)}{error.message}"}})
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "permit-check", "version": batch.tool_version,
                                "informationUri": "https://pypi.org/project/permit-check/",
                                "rules": list(log.rules.values())}},
            "originalUriBaseIds": original,
            "results": log.results,
            "invocations": [{
                "executionSuccessful": not batch.errors,
                "toolExecutionNotifications": log.notifications,
            }],
        }],
    }
    return json_safe(dumps_indented(document)) + "\n"

"""Judges the examined files against a checklist: places files in items, applies upload limits and rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from permit_check import checks
from permit_check.checklist import Channel, Checklist, Item, Rule
from permit_check.identify import kind_name
from permit_check.matching import Match, match_file
from permit_check.model import FileResult, Finding, ItemResult, ItemStatus, Severity

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
# The extension to suggest when a file's name promises the wrong kind.
KIND_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "tiff": "tif", "jp2": "jp2", "doc": "doc",
                   "docx": "docx", "text": "txt", "heic": "heic", "webp": "webp", "gif": "gif", "bmp": "bmp",
                   "zip": "zip"}
CONVERT_HINTS = {
    "jpeg": "Export or convert it to JPEG (.jpg) in a photo editor and replace the file.",
    "pdf": "Save or print it to PDF and replace the file.",
}


@dataclass(frozen=True)
class ExaminedFile:
    """A file's facts and a way to get its text if matching needs it."""

    facts: dict[str, Any]
    text_of: Callable[[], str]


@dataclass(frozen=True)
class Verdict:
    items: tuple[ItemResult, ...]
    files: tuple[FileResult, ...]
    findings: tuple[Finding, ...]


def render(template: str, facts: dict[str, Any]) -> str:
    """Fills '{name}', '{image.width}'... from a file's facts; an unknown placeholder shows as '?'."""

    def lookup(match: re.Match[str]) -> str:
        value: Any = facts
        for part in match.group(1).split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return "?" if value is None else str(value)

    return _PLACEHOLDER.sub(lookup, template)


def _rule_finding(rule: Rule, facts: dict[str, Any], item: str | None, path: str | None) -> Finding:
    return Finding(rule.id, rule.severity, render(rule.message, facts), render(rule.hint, facts), item, path)


def _broken_rules(rules: Sequence[Rule], facts: dict[str, Any], application: dict[str, Any],
                  item: str | None, path: str | None) -> list[Finding]:
    return [
        _rule_finding(rule, facts, item, path)
        for rule in rules
        if rule.applies(application) and not rule.validator().is_valid(facts)
    ]


def _list(values: Sequence[str], conjunction: str) -> str:
    """'a, b or c' / 'a, b and c'."""
    return ", ".join(values[:-1]) + f" {conjunction} {values[-1]}" if len(values) > 1 else values[0]


class _Judge:
    """Holds what every check needs: the checklist, the channel and the applicant's facts."""

    def __init__(self, checklist: Checklist, channel: Channel, application: dict[str, Any]) -> None:
        self.checklist = checklist
        self.channel = channel
        self.application = application

    def file_findings(self, facts: dict[str, Any], match: Match) -> list[Finding]:
        item_id, path = match.item, facts["path"]
        item = self.checklist.item(item_id) if item_id else None
        entry_problem = facts.get("entry_problem")
        if entry_problem:
            return [checks.BY_ENTRY_PROBLEM[entry_problem].finding(item=None, path=path)]
        found: list[Finding] = []
        if facts["kind"] == "empty":
            found.append(checks.EMPTY.finding(item=item_id, path=path))
        trouble = facts.get("problem")
        if trouble:
            found.append(checks.BY_PROBLEM[trouble["kind"]].finding(item=item_id, path=path, reason=trouble["reason"]))
        if not facts["extension_matches"]:
            found.append(self._extension_mismatch(facts, item_id))
        if item is not None and not (trouble and trouble["kind"] == "unreadable"):
            found.extend(self._content_type(facts, item))
        found.extend(self._size(facts, item_id))
        found.extend(_broken_rules(self.checklist.file_rules, facts, self.application, item_id, path))
        if item is not None:
            # Item rules judge content; an empty or unopenable file already has the finding that matters.
            if not trouble and facts["kind"] != "empty":
                found.extend(_broken_rules(item.rules, facts, self.application, item_id, path))
        elif match.wrong_form:
            number = match.form or "?"
            found.append(checks.WRONG_FORM.finding(
                item=None, path=path, number=number,
                form_title=self.checklist.forms.get(number, "another IRCC form"),
                checklist=self.checklist.title,
            ))
        else:
            found.append(checks.UNRECOGNISED.finding(item=None, path=path))
        return found

    def _extension_mismatch(self, facts: dict[str, Any], item_id: str | None) -> Finding:
        kind = facts["kind"]
        return checks.EXTENSION_MISMATCH.finding(
            item=item_id, path=facts["path"], extension=facts["extension"],
            kind_name=kind_name(kind, article=True), expected_name=kind_name(facts["extension_kind"]),
            right_extension=KIND_EXTENSIONS.get(kind, facts["extension"]),
        )

    def _content_type(self, facts: dict[str, Any], item: Item) -> list[Finding]:
        accepted = item.kinds or self.channel.kinds
        kind = facts["kind"]
        if kind in accepted or kind == "empty":
            return []
        names = [kind_name(accepted_kind) for accepted_kind in accepted]
        fix = CONVERT_HINTS.get(accepted[0], f"Convert it to a {names[0]} and replace the file.")
        return [checks.CONTENT_TYPE.finding(
            item=item.id, path=facts["path"], kind_name=kind_name(kind, article=True), title=item.title,
            accepted=_list(names, "or"), fix=fix,
        )]

    def _size(self, facts: dict[str, Any], item_id: str | None) -> list[Finding]:
        limit = self.channel.max_bytes
        if limit is None or facts.get("size", 0) <= limit:
            return []
        return [checks.MAX_SIZE.finding(
            item=item_id, path=facts["path"], size_mb=f"{facts['size'] / 1048576:.1f}",
            limit_mb=f"{limit / 1048576:g}", channel=self.channel.title,
        )]

    def item_result(self, item: Item, files: list[FileResult]) -> ItemResult:
        required = item.is_required(self.application)
        condition = item.condition_text if item.condition is not None else None
        findings: list[Finding] = []
        if len(files) > 1 and not item.multiple and self.channel.one_file_per_slot:
            names = [file.path for file in files]
            findings.append(
                checks.ONE_FILE.finding(item=item.id, path=None, count=len(names), files=_list(names, "and"))
            )
        if not files and required:
            findings.append(checks.MISSING.finding(
                item=item.id, path=None, severity=item.missing_severity, title=item.title,
                condition=condition or "required", hint=item.missing_hint,
            ))
        findings.extend(
            _broken_rules([rule for rule in self.checklist.application_rules if rule.item == item.id],
                          self.application, self.application, item.id, None)
        )
        return ItemResult(
            id=item.id,
            title=item.title,
            required=required,
            status=_status(item, required, files, findings),
            files=tuple(file.path for file in files),
            findings=tuple(findings),
            condition=condition,
        )


def _status(item: Item, required: bool, files: list[FileResult], findings: list[Finding]) -> ItemStatus:
    if not files:
        if required:
            return ItemStatus.MISSING
        return ItemStatus.NOT_APPLICABLE if item.condition is not None else ItemStatus.OPTIONAL
    errors = [finding for finding in findings if finding.severity == Severity.ERROR]
    errors += [finding for file in files for finding in file.findings if finding.severity == Severity.ERROR]
    return ItemStatus.INVALID if errors else ItemStatus.OK


def _general_findings(checklist: Checklist, application: dict[str, Any], answered: bool) -> list[Finding]:
    if answered:
        return []
    skipped = [item.id for item in checklist.items if item.condition is not None and not item.is_required(application)]
    if not skipped:
        return []
    return [checks.NO_ANSWERS.finding(item=None, path=None, items=", ".join(skipped))]


def evaluate(checklist: Checklist, channel: Channel, application: dict[str, Any],
             files: Sequence[ExaminedFile], *, answered: bool = True) -> Verdict:
    """Every item's and every file's result, and the flat list of findings in report order.

    `answered` is False when there was no permit-check.toml: conditional items were then judged
    on defaults, and the report says so.
    """
    judge = _Judge(checklist, channel, application)
    results: list[FileResult] = []
    for examined in files:
        facts = examined.facts
        match = Match(None, "none") if facts.get("entry_problem") else match_file(checklist, facts, examined.text_of)
        results.append(FileResult(
            path=facts["path"],
            mime=facts.get("mime"),
            kind=facts.get("kind", "other"),
            size=facts.get("size"),
            item=match.item,
            form=match.form,
            findings=tuple(judge.file_findings(facts, match)),
        ))
    by_item: dict[str, list[FileResult]] = {item.id: [] for item in checklist.items}
    for result in results:
        if result.item is not None:
            by_item[result.item].append(result)
    items = tuple(judge.item_result(item, by_item[item.id]) for item in checklist.items)
    findings = _general_findings(checklist, application, answered)
    for item_result in items:
        findings.extend(item_result.findings)
        for file in by_item[item_result.id]:
            findings.extend(file.findings)
    for file in results:
        if file.item is None:
            findings.extend(file.findings)
    return Verdict(items, tuple(results), tuple(findings))

"""Renders a checklist for people (`permit-check checklists show`): items, conditions, rules, sources."""

from __future__ import annotations

import re
from collections.abc import Sequence

from permit_check.checklist import Checklist, Item, Rule
from permit_check.model import Severity

PAD = " " * 27
# Message placeholders ({name}, {document.age_days}) have no value when a checklist is only shown.
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_.]*\}")


def _rule_lines(rules: Sequence[Rule], indent: str) -> list[str]:
    lines = []
    for rule in rules:
        when = " (only in some cases)" if rule.when is not None else ""
        lines.append(f"{indent}{rule.severity.label:<8} {rule.id}{when}")
        lines.append(f"{indent}{'':<8} {_PLACEHOLDER.sub('…', rule.message)}")
    return lines


def _requirement(item: Item) -> str:
    if item.condition is not None:
        text = f"required {item.condition_text}"
    else:
        text = "required" if item.required else "optional"
    if item.missing_severity < Severity.ERROR and (item.required or item.condition is not None):
        text += f" (a {item.missing_severity.label} if missing)"
    return text


def describe(checklist: Checklist) -> str:
    lines = [checklist.title, f"id: {checklist.id}   version: {checklist.version}"]
    if checklist.extends:
        lines.append(f"extends: {' -> '.join(checklist.extends)}")
    if checklist.description:
        lines += ["", checklist.description]
    lines += ["", "Items:"]
    for item in checklist.items:
        lines.append(f"  {item.id:<24} {item.title}")
        lines.append(f"{PAD}{_requirement(item)}")
        if item.forms:
            lines.append(f"{PAD}IRCC form: {', '.join('IMM ' + number for number in item.forms)}")
        if item.kinds:
            lines.append(f"{PAD}accepts: {', '.join(item.kinds)}" + ("; several files" if item.multiple else ""))
        lines.extend(_rule_lines(item.rules, PAD))
        if item.sources:
            lines.append(f"{PAD}sources: {', '.join(item.sources)}")
    if checklist.file_rules:
        lines += ["", "Rules for every file:"]
        lines.extend(_rule_lines(checklist.file_rules, "  "))
    if checklist.application_rules:
        lines += ["", "Rules over your answers (permit-check.toml):"]
        lines.extend(_rule_lines(checklist.application_rules, "  "))
    lines += ["", "Upload channels:"]
    for channel in checklist.channels.values():
        limit = f"{channel.max_bytes / 1048576:g} MB per file" if channel.max_bytes else "no size limit"
        slots = "one file per upload slot" if channel.one_file_per_slot else "several files per item allowed"
        lines.append(f"  {channel.id:<16} {channel.title}: {limit}; {slots}; {', '.join(channel.kinds)}")
    lines += ["", "Sources (unconfirmed ones back warnings only):"]
    for source in checklist.sources:
        where = source.get("url") or source.get("note", "")
        lines.append(f"  [{source['id']}] {source['title']}")
        lines.append(f"      {source['reliability']}, reviewed {source['reviewed']}: {where}")
    return "\n".join(lines) + "\n"

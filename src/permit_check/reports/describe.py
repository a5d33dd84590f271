"""Renders a checklist for people (`permit-check checklists show`): items, conditions, rules, sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from permit_check.i18n import N_, decimal, in_language
from permit_check.model import Severity
from permit_check.reports.words import colon, semicolon, severity_text

if TYPE_CHECKING:  # the loaded checklist is handed in: a renderer reads it, never loads or judges with it
    from permit_check.rules.checklist import Checklist, Item, Rule

PAD = " " * 27
# Message placeholders ({name}, {document.age_days}) have no value when a checklist is only shown.
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_.]*\}")
SHOW_WORDS: dict[str, str] = {
    "some_cases": N_(" (only in some cases)"),
    "required": N_("required"),
    "optional": N_("optional"),
    "if_missing": N_(" (a {severity} if missing)"),
    "form": N_("IRCC form"),
    "accepts": N_("accepts"),
    "several": N_("; several files"),
    "sources": N_("sources"),
    "items": N_("Items"),
    "every_file": N_("Rules for every file"),
    "answers": N_("Rules over your answers (permit-check.toml)"),
    "channels": N_("Upload channels"),
    "per_file": N_("{limit} MB per file"),
    "no_limit": N_("no size limit"),
    "one_file": N_("one file per upload slot"),
    "several_files": N_("several files per item allowed"),
    "all_sources": N_("Sources (unconfirmed ones back warnings only)"),
    "reviewed": N_("reviewed"),
    "extends": N_("extends"),
}
# How far a source can be trusted (the checklist's `reliability`), in words.
RELIABILITY = {"official": N_("official"), "secondary": N_("secondary"), "capture": N_("capture"),
               "unconfirmed": N_("unconfirmed")}


def _rule_lines(rules: Sequence[Rule], indent: str, lang: str) -> list[str]:
    lines = []
    for rule in rules:
        when = in_language(SHOW_WORDS, lang)["some_cases"] if rule.when is not None else ""
        lines.append(f"{indent}{severity_text(rule.severity, lang):<8} {rule.id}{when}")
        lines.append(f"{indent}{'':<8} {_PLACEHOLDER.sub('…', rule.message)}")
    return lines


def _requirement(item: Item, lang: str) -> str:
    words = in_language(SHOW_WORDS, lang)
    if item.condition is not None:
        text = f"{words['required']} {item.condition_text}"
    else:
        text = words["required"] if item.required else words["optional"]
    if item.missing_severity < Severity.ERROR and (item.required or item.condition is not None):
        text += words["if_missing"].format(severity=severity_text(item.missing_severity, lang))
    return text


def describe(checklist: Checklist, lang: str = "en") -> str:
    words, colon_ = in_language(SHOW_WORDS, lang), colon(lang)
    lines = [checklist.title, f"id{colon(lang)}{checklist.id}   version{colon(lang)}{checklist.version}"]
    if checklist.extends:
        lines.append(f"{words['extends']}{colon_}{' -> '.join(checklist.extends)}")
    if checklist.description:
        lines += ["", checklist.description]
    lines += ["", f"{words['items']}{colon_.rstrip()}"]
    for item in checklist.items:
        lines.append(f"  {item.id:<24} {item.title}")
        lines.append(f"{PAD}{_requirement(item, lang)}")
        if item.forms:
            lines.append(f"{PAD}{words['form']}{colon_}{', '.join('IMM ' + number for number in item.forms)}")
        if item.kinds:
            several = words["several"] if item.multiple else ""
            lines.append(f"{PAD}{words['accepts']}{colon_}{', '.join(item.kinds)}{several}")
        lines.extend(_rule_lines(item.rules, PAD, lang))
        if item.sources:
            lines.append(f"{PAD}{words['sources']}{colon_}{', '.join(item.sources)}")
    if checklist.file_rules:
        lines += ["", f"{words['every_file']}{colon_.rstrip()}"]
        lines.extend(_rule_lines(checklist.file_rules, "  ", lang))
    if checklist.application_rules:
        lines += ["", f"{words['answers']}{colon_.rstrip()}"]
        lines.extend(_rule_lines(checklist.application_rules, "  ", lang))
    lines += ["", f"{words['channels']}{colon_.rstrip()}"]
    for channel in checklist.channels.values():
        # 1.5 MB, 1,5 Mo: the number is written the language's way.
        megabytes = decimal((channel.max_bytes or 0) / 1048576, lang)
        limit = words["per_file"].format(limit=megabytes) if channel.max_bytes else words["no_limit"]
        slots = words["one_file"] if channel.one_file_per_slot else words["several_files"]
        semicolon_ = semicolon(lang)
        lines.append(f"  {channel.id:<16} {channel.title}{colon_}{limit}{semicolon_}{slots}{semicolon_}"
                     f"{', '.join(channel.kinds)}")
    lines += ["", f"{words['all_sources']}{colon_.rstrip()}"]
    for source in checklist.sources:
        where = source.get("url") or source.get("note", "")
        lines.append(f"  [{source['id']}] {source['title']}")
        reliability = in_language(RELIABILITY, lang).get(source["reliability"], source["reliability"])
        lines.append(f"      {reliability}, {words['reviewed']} {source['reviewed']}{colon_}{where}")
    return "\n".join(lines) + "\n"

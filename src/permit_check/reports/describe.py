"""Renders a checklist for people (`permit-check checklists show`): items, conditions, rules, sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from permit_check.model import Severity
from permit_check.reports.words import COLON, SEMICOLON, SEVERITY_TEXT

if TYPE_CHECKING:  # the loaded checklist is handed in: a renderer reads it, never loads or judges with it
    from permit_check.rules.checklist import Checklist, Item, Rule

PAD = " " * 27
# Message placeholders ({name}, {document.age_days}) have no value when a checklist is only shown.
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_.]*\}")
SHOW_WORDS = {
    "en": {"some_cases": " (only in some cases)", "required": "required", "optional": "optional",
           "if_missing": " (a {severity} if missing)", "form": "IRCC form", "accepts": "accepts",
           "several": "; several files", "sources": "sources", "items": "Items", "every_file": "Rules for every file",
           "answers": "Rules over your answers (permit-check.toml)", "channels": "Upload channels",
           "per_file": "{limit} MB per file", "no_limit": "no size limit", "one_file": "one file per upload slot",
           "several_files": "several files per item allowed",
           "all_sources": "Sources (unconfirmed ones back warnings only)", "reviewed": "reviewed",
           "extends": "extends"},
    "fr": {"some_cases": " (dans certains cas seulement)", "required": "requis", "optional": "facultatif",
           "if_missing": " ({severity} s'il manque)", "form": "Formulaire d'IRCC", "accepts": "accepte",
           "several": " ; plusieurs fichiers", "sources": "sources", "items": "Éléments",
           "every_file": "Règles pour chaque fichier", "answers": "Règles sur vos réponses (permit-check.toml)",
           "channels": "Modes d'envoi", "per_file": "{limit} Mo par fichier", "no_limit": "aucune limite de taille",
           "one_file": "un fichier par emplacement de téléversement",
           "several_files": "plusieurs fichiers permis par élément",
           "all_sources": "Sources (celles non confirmées n'appuient que des avertissements)",
           "reviewed": "consultée le", "extends": "hérite de"},
}


def _rule_lines(rules: Sequence[Rule], indent: str, lang: str) -> list[str]:
    lines = []
    for rule in rules:
        when = SHOW_WORDS[lang]["some_cases"] if rule.when is not None else ""
        lines.append(f"{indent}{SEVERITY_TEXT[lang][rule.severity]:<8} {rule.id}{when}")
        lines.append(f"{indent}{'':<8} {_PLACEHOLDER.sub('…', rule.message)}")
    return lines


def _requirement(item: Item, lang: str) -> str:
    words = SHOW_WORDS[lang]
    if item.condition is not None:
        text = f"{words['required']} {item.condition_text}"
    else:
        text = words["required"] if item.required else words["optional"]
    if item.missing_severity < Severity.ERROR and (item.required or item.condition is not None):
        text += words["if_missing"].format(severity=SEVERITY_TEXT[lang][item.missing_severity])
    return text


def describe(checklist: Checklist, lang: str = "en") -> str:
    words, colon = SHOW_WORDS[lang], COLON[lang]
    lines = [checklist.title, f"id{COLON[lang]}{checklist.id}   version{COLON[lang]}{checklist.version}"]
    if checklist.extends:
        lines.append(f"{words['extends']}{colon}{' -> '.join(checklist.extends)}")
    if checklist.description:
        lines += ["", checklist.description]
    lines += ["", f"{words['items']}{colon.rstrip()}"]
    for item in checklist.items:
        lines.append(f"  {item.id:<24} {item.title}")
        lines.append(f"{PAD}{_requirement(item, lang)}")
        if item.forms:
            lines.append(f"{PAD}{words['form']}{colon}{', '.join('IMM ' + number for number in item.forms)}")
        if item.kinds:
            several = words["several"] if item.multiple else ""
            lines.append(f"{PAD}{words['accepts']}{colon}{', '.join(item.kinds)}{several}")
        lines.extend(_rule_lines(item.rules, PAD, lang))
        if item.sources:
            lines.append(f"{PAD}{words['sources']}{colon}{', '.join(item.sources)}")
    if checklist.file_rules:
        lines += ["", f"{words['every_file']}{colon.rstrip()}"]
        lines.extend(_rule_lines(checklist.file_rules, "  ", lang))
    if checklist.application_rules:
        lines += ["", f"{words['answers']}{colon.rstrip()}"]
        lines.extend(_rule_lines(checklist.application_rules, "  ", lang))
    lines += ["", f"{words['channels']}{colon.rstrip()}"]
    for channel in checklist.channels.values():
        # 1.5 MB, 1,5 Mo: the number is written the language's way.
        megabytes = f"{(channel.max_bytes or 0) / 1048576:g}".replace(".", "," if lang == "fr" else ".")
        limit = words["per_file"].format(limit=megabytes) if channel.max_bytes else words["no_limit"]
        slots = words["one_file"] if channel.one_file_per_slot else words["several_files"]
        semicolon = SEMICOLON[lang]
        lines.append(f"  {channel.id:<16} {channel.title}{colon}{limit}{semicolon}{slots}{semicolon}"
                     f"{', '.join(channel.kinds)}")
    lines += ["", f"{words['all_sources']}{colon.rstrip()}"]
    for source in checklist.sources:
        where = source.get("url") or source.get("note", "")
        lines.append(f"  [{source['id']}] {source['title']}")
        lines.append(f"      {source['reliability']}, {words['reviewed']} {source['reviewed']}{colon}{where}")
    return "\n".join(lines) + "\n"

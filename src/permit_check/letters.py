"""Reads an IRCC decision letter: a return (incomplete application) or a refusal, its grounds, and the
checklist items that answer them. The wording it knows, in English and French, is data:
checklists/ircc/letters.json."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from permit_check.errors import UsageProblem
from permit_check.identify import identify_file
from permit_check.inspectors import extract_text
from permit_check.resources import checklists_dir, read_json_object

LETTER_PAGES = 6
# Words frequent in one language and rare in the other tell English from French.
FRENCH_WORDS = frozenset({"le", "la", "les", "des", "vous", "votre", "vos", "demande", "nous", "est", "une", "pour"})
ENGLISH_WORDS = frozenset({"the", "your", "you", "application", "we", "is", "an", "for", "of", "and", "has"})
MIN_SIGNALS = 2
REASONS = {
    "en": {"return": "it cites the completeness rules (IRPR s.10/12) and returns the application unprocessed",
           "refusal": "it refuses the application on its merits",
           "tie": "could not classify: it reads as much like a return as a refusal ({count} signs of each)",
           "none": "could not classify: it has none of the wording IRCC uses in return or refusal letters"},
    "fr": {"return": "elle invoque les règles sur les demandes complètes (RIPR art. 10 et 12) et renvoie la demande "
                     "sans la traiter",
           "refusal": "elle refuse la demande sur le fond",
           "tie": "classement impossible : elle ressemble autant à un renvoi qu'à un refus ({count} indices de chaque)",
           "none": "classement impossible : elle n'emploie aucune des formules d'IRCC pour un renvoi ou un refus"},
}


@dataclass(frozen=True)
class Ground:
    id: str
    title: str
    items: tuple[str, ...]
    advice: str
    consult: bool


@dataclass(frozen=True)
class LetterReading:
    """What a letter says, in the terms of the checklist: never the letter's own words about the person."""

    kind: str  # "return" | "refusal" | "unknown"
    language: str
    reason: str
    grounds: tuple[Ground, ...] = ()
    missing: tuple[str, ...] = ()  # item ids a return letter names
    signals: dict[str, int] = field(default_factory=dict)

    def items(self) -> tuple[str, ...]:
        """The checklist items the letter points at, in first-mentioned order, without repeats."""
        ordered = [*self.missing, *(item for ground in self.grounds for item in ground.items)]
        return tuple(dict.fromkeys(ordered))


@cache
def _knowledge() -> dict[str, Any]:
    return read_json_object(checklists_dir() / "ircc" / "letters.json", "letters")


def _matches(patterns: list[str], text: str) -> int:
    return sum(1 for pattern in patterns if re.search(pattern, text, re.IGNORECASE))


def language_of(text: str) -> str:
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    french = sum(word in FRENCH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    return "fr" if french > english else "en"


def read_letter_text(path: Path) -> str:
    """The letter's words: a PDF's text layer, or a plain-text file. Anything else is a usage problem."""
    if not path.is_file():
        raise UsageProblem(f"letter not found: {path}")
    try:
        identity = identify_file(path, path.name, path.stat().st_size)
    except OSError as error:
        raise UsageProblem(f"{path}: cannot be read: {error.strerror}") from error
    if identity.kind not in ("pdf", "text"):
        raise UsageProblem(f"{path}: a letter must be a PDF with a text layer or a .txt file")
    text = extract_text(path, identity.kind, LETTER_PAGES)
    if not text.strip():
        raise UsageProblem(f"{path}: no text could be read (a scanned letter has none: copy its words into a .txt)")
    return text


def classify(text: str, answer_lang: str | None = None) -> LetterReading:
    """Return, refusal or unknown, with the grounds a refusal cites and the items a return names.

    The letter's own language decides which wording is looked for; titles and advice come in
    `answer_lang` (default: the letter's language)."""
    knowledge = _knowledge()
    language = language_of(text)
    words = answer_lang or language
    signals = {kind: _matches(patterns[language], text) for kind, patterns in knowledge["kinds"].items()}
    returned, refused = signals["return"], signals["refusal"]
    if returned >= MIN_SIGNALS and returned > refused:
        missing = tuple(entry["item"] for entry in knowledge["missing"]
                        if _matches(entry["patterns"][language], text))
        return LetterReading("return", language, REASONS[words]["return"], missing=missing, signals=signals)
    if refused >= MIN_SIGNALS and refused > returned:
        grounds = tuple(
            Ground(ground["id"], ground["title"][words], tuple(ground["items"]), ground["advice"][words],
                   bool(ground.get("consult", False)))
            for ground in knowledge["grounds"]
            if _matches(ground["patterns"][language], text)
        )
        return LetterReading("refusal", language, REASONS[words]["refusal"], grounds=grounds, signals=signals)
    key = "tie" if returned == refused and returned else "none"
    return LetterReading("unknown", language, REASONS[words][key].format(count=returned), signals=signals)

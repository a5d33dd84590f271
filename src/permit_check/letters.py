"""Reads an IRCC decision letter: a return (incomplete application) or a refusal, its grounds, and the
checklist items that answer them. The wording it knows, in English and French, is data:
checklists/ircc/letters.json."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from permit_check.errors import EnvironmentProblem, UsageProblem
from permit_check.identify import HEAD_BYTES, identify_bytes, require_libmagic
from permit_check.inspectors import TEXT_KIND_LIMIT, preload
from permit_check.inspectors.problems import ContentTooComplex, ContentUnreadable
from permit_check.pool import Limits, run_tasks
from permit_check.resources import checklists_dir, read_json_object

LETTER_PAGES = 6
# A decision letter is a few pages; anything bigger is not read at all.
MAX_LETTER_BYTES = 20 * 1024 * 1024
# Why a letter cannot be read, by the kind of trouble only (never the parser's words about the file).
LETTER_PROBLEMS = {
    "not-letter": "{name}: a letter must be a PDF with a text layer or a .txt file",
    "too-complex": "{name}: the letter is too complex to read (it goes past the PDF reader's safety limits)",
    "damaged": "{name}: the letter is damaged and cannot be read",
    "password": "{name}: the letter asks for a password to open",
}
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


def read_letter_text(path: Path, limits: Limits | None = None) -> str:
    """The words of the letter in the file at `path` (read here, parsed by read_letter)."""
    if not path.is_file():
        raise UsageProblem(f"letter not found: {path}")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LETTER_BYTES + 1)
    except OSError as error:
        raise UsageProblem(f"{path}: cannot be read: {error.strerror}") from error
    return read_letter(data, str(path), limits)


def read_letter(data: bytes, name: str, limits: Limits | None = None) -> str:
    """The letter's words: a PDF's text layer, or a plain text. `name` is what errors call the letter.

    The bytes are parsed in a killable worker with the time and memory caps, as every untrusted
    file is; a letter that cannot be read is a usage problem naming the class of trouble."""
    if len(data) > MAX_LETTER_BYTES:
        raise UsageProblem(f"{name}: too large to be a letter (over {MAX_LETTER_BYTES // 1048576} MB)")
    limits = limits or Limits()
    require_libmagic()
    preload()  # the parsers load once, before the worker is forked
    outcome = run_tasks(_letter_task, [(data, name)], jobs=1, limits=limits)[0]
    if outcome.failure == "timeout":
        raise UsageProblem(f"{name}: the letter could not be read within {limits.timeout:g} s (too complex)")
    if outcome.failure == "error" and outcome.detail == "memory":
        raise UsageProblem(f"{name}: reading the letter needed more memory than allowed (too complex)")
    if outcome.failure:
        raise UsageProblem(f"{name}: the letter could not be read (the reader stopped unexpectedly)")
    answer, value = outcome.value
    if answer == "environment":
        raise EnvironmentProblem(value)
    if answer == "problem":
        raise UsageProblem(LETTER_PROBLEMS[value].format(name=name))
    text: str = value
    if not text.strip():
        raise UsageProblem(f"{name}: no text could be read (a scanned letter has none: copy its words into a .txt)")
    return text


def _letter_task(task: tuple[bytes, str]) -> tuple[str, str]:
    """Runs in a worker: ("text", words), ("problem", kind) or ("environment", message)."""
    from permit_check.inspectors.pdf import read_pdf_text  # pypdf loads only when a letter is read

    data, name = task
    identity = identify_bytes(name, data[:HEAD_BYTES], len(data))
    if identity.kind == "text":
        return "text", data[:TEXT_KIND_LIMIT].decode("utf-8", "replace")
    if identity.kind != "pdf":
        return "problem", "not-letter"
    try:
        return "text", read_pdf_text(io.BytesIO(data), LETTER_PAGES)
    except ContentTooComplex:
        return "problem", "too-complex"
    except ContentUnreadable as error:
        return "problem", error.kind
    except EnvironmentProblem as error:
        return "environment", str(error)


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

"""The letter reading for people and programs: what kind of decision it is, what to do, and (with a folder)
which of the letter's points the documents now address."""

from __future__ import annotations

import json
from typing import Any

from permit_check.letters import LetterReading
from permit_check.model import ItemStatus, Report
from permit_check.visible import json_safe, visible

KIND_TEXT = {
    "en": {
        "return": ("RETURN: the application was incomplete (IRPR s.10/12). It was not processed and the fee is "
                   "refunded. Add what is missing, check the folder, and submit again."),
        "refusal": ("REFUSAL: an officer decided on the merits. Reapply with stronger evidence on each ground below, "
                    "or ask a licensed representative about judicial review."),
        "unknown": "UNKNOWN: this does not read like an IRCC return or refusal letter.",
    },
    "fr": {
        "return": ("RENVOI : la demande était incomplète (RIPR art. 10 et 12). Elle n'a pas été traitée et les frais "
                   "sont remboursés. Ajoutez ce qui manque, vérifiez le dossier et présentez-la de nouveau."),
        "refusal": ("REFUS : un agent a statué sur le fond. Présentez une nouvelle demande avec de meilleures preuves "
                    "pour chaque motif ci-dessous, ou demandez à un représentant autorisé si un contrôle judiciaire "
                    "est possible."),
        "unknown": "INCONNU : cette lettre ne ressemble pas à une lettre de renvoi ou de refus d'IRCC.",
    },
}
LANGUAGE_NAMES = {"en": {"en": "English", "fr": "French"}, "fr": {"en": "anglais", "fr": "français"}}
LETTER_WORDS: dict[str, dict[str, str]] = {
    "en": {"letter": "Letter", "missing": "What the letter says is missing:",
           "none": "The letter names no document this checklist knows; read its list and check the folder.",
           "serious": "This ground is serious: consult a licensed immigration representative first.",
           "no_ground": ("No ground this checker knows was found; the officer's notes (GCMS, by an access request) "
                         "give the full reasons."), "done": "  [now in order]", "todo": "  [still to do]"},
    "fr": {"letter": "Lettre", "missing": "Ce qui manque selon la lettre :",
           "none": "La lettre ne nomme aucun document connu de cette liste ; lisez sa liste et vérifiez le dossier.",
           "serious": "Ce motif est grave : consultez d'abord un représentant en immigration autorisé.",
           "no_ground": ("Aucun motif connu de ce vérificateur n'a été trouvé ; les notes de l'agent (SMGC, par une "
                         "demande d'accès) donnent les motifs complets."), "done": "  [maintenant en ordre]",
           "todo": "  [reste à faire]"},
}


def addressed(item: str, report: Report | None) -> bool | None:
    """True when the scanned folder now has the item in order; None without a folder."""
    if report is None:
        return None
    for result in report.items:
        if result.id == item:
            return result.status == ItemStatus.OK
    return False


def letter_record(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None) -> dict[str, Any]:
    return {
        "letter": name,
        "kind": reading.kind,
        "language": reading.language,
        "reason": reading.reason,
        "grounds": [
            {"id": ground.id, "title": ground.title, "items": list(ground.items), "advice": ground.advice,
             "consult_representative": ground.consult}
            for ground in reading.grounds
        ],
        "items": [
            {"id": item, "title": titles.get(item, item), "addressed": addressed(item, report)}
            for item in reading.items()
        ],
        "report": report.to_record() if report is not None else None,
    }


def _mark(item: str, report: Report | None, words: dict[str, str]) -> str:
    state = addressed(item, report)
    return "" if state is None else (words["done"] if state else words["todo"])


def render_letter_text(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None,
                       lang: str = "en") -> str:
    words = LETTER_WORDS[lang]
    language = LANGUAGE_NAMES[lang][reading.language]
    lines = [f"{words['letter']}: {visible(name, keep='')} ({language})", KIND_TEXT[lang][reading.kind]]
    if reading.kind == "unknown":
        lines.append(f"  {reading.reason[0].upper()}{reading.reason[1:]}.")
    if reading.kind == "return":
        lines.append("")
        lines.append(words["missing"] if reading.missing else words["none"])
        lines += [f"  - {titles.get(item, item)}{_mark(item, report, words)}" for item in reading.missing]
    for number, ground in enumerate(reading.grounds, start=1):
        lines += ["", f"{number}. {ground.title}", f"   {ground.advice}"]
        if ground.consult:
            lines.append(f"   {words['serious']}")
        lines += [f"   - {titles.get(item, item)}{_mark(item, report, words)}" for item in ground.items]
    if reading.kind == "refusal" and not reading.grounds:
        lines += ["", words["no_ground"]]
    return "\n".join(lines) + "\n"


def render_letter_json(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None) -> str:
    record = letter_record(name, reading, titles, report)
    return json_safe(json.dumps(record, indent=2, ensure_ascii=False)) + "\n"

"""The letter reading for people and programs: what kind of letter it is, what to do and by when, and (with a
folder) which of the letter's points the documents now address."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from permit_check.model import ItemStatus, JudicialReview, LetterReading, Report
from permit_check.reports.visible import json_safe, visible

KIND_TEXT = {
    "en": {
        "return": ("RETURN: the application was incomplete (IRPR s.10/12). It was not processed and the fee is "
                   "refunded. Add what is missing, check the folder, and submit again."),
        "refusal": ("REFUSAL: an officer decided on the merits. Reapply with stronger evidence on each ground below, "
                    "or ask a licensed representative about judicial review."),
        "procedural-fairness": ("PROCEDURAL FAIRNESS LETTER: this is not a decision. The officer has concerns and "
                                "gives you a chance to answer them before deciding. Reply before the deadline with "
                                "evidence that answers each concern below (a letter explaining, and documents); "
                                "without a reply, the officer decides on what the file holds."),
        "request": ("REQUEST: IRCC asks for more documents or information. This is not a refusal. Send what it asks "
                    "for before the deadline, the way the letter says; without them the application may be refused."),
        "approval": ("APPROVAL: the application was approved (for example a port-of-entry letter of introduction). "
                     "Nothing to fix. Keep the letter and bring it, with your passport and the documents it lists, "
                     "when you travel."),
        "unknown": ("UNKNOWN: this does not read like an IRCC letter this checker knows (return, refusal, procedural "
                    "fairness, request or approval)."),
    },
    "fr": {
        "return": ("RENVOI : la demande était incomplète (RIPR art. 10 et 12). Elle n'a pas été traitée et les frais "
                   "sont remboursés. Ajoutez ce qui manque, vérifiez le dossier et présentez-la de nouveau."),
        "refusal": ("REFUS : un agent a statué sur le fond. Présentez une nouvelle demande avec de meilleures preuves "
                    "pour chaque motif ci-dessous, ou demandez à un représentant autorisé si un contrôle judiciaire "
                    "est possible."),
        "procedural-fairness": ("LETTRE D'ÉQUITÉ PROCÉDURALE : ce n'est pas une décision. L'agent a des "
                                "préoccupations et vous donne la possibilité d'y répondre avant de décider. Répondez "
                                "avant la date limite avec des preuves qui répondent à chaque préoccupation "
                                "ci-dessous (une lettre explicative et des documents) ; sans réponse, l'agent décide "
                                "sur la base du dossier."),
        "request": ("DEMANDE : IRCC demande des documents ou des renseignements supplémentaires. Ce n'est pas un "
                    "refus. Envoyez ce qui est demandé avant la date limite, comme l'indique la lettre ; sans cela, "
                    "la demande pourrait être refusée."),
        "approval": ("APPROBATION : la demande a été approuvée (par exemple une lettre d'introduction pour le point "
                     "d'entrée). Rien à corriger. Gardez la lettre et présentez-la, avec votre passeport et les "
                     "documents qu'elle énumère, lors de votre voyage."),
        "unknown": ("INCONNU : cette lettre ne ressemble à aucune lettre d'IRCC que ce vérificateur connaît (renvoi, "
                    "refus, équité procédurale, demande ou approbation)."),
    },
}
# The ground whose finding bars new applications (IRPA s.40(2)(a)), as letters.json names it.
MISREPRESENTATION = "misrepresentation"
LANGUAGE_NAMES = {"en": {"en": "English", "fr": "French"}, "fr": {"en": "anglais", "fr": "français"}}
LETTER_WORDS: dict[str, dict[str, str]] = {
    "en": {"letter": "Letter", "missing": "What the letter says is missing:",
           "requested": "What the letter asks for:",
           "none": "The letter names no document this checklist knows; read its list and check the folder.",
           "serious": "This ground is serious: consult a licensed immigration representative first.",
           "no_ground": ("No ground this checker knows was found; the officer's notes (GCMS, by an access request) "
                         "give the full reasons."), "done": "  [now in order]", "todo": "  [still to do]",
           "notes": "These are the officer's notes (GCMS), not the decision letter itself.",
           "barred": ("Misrepresentation is cited: a finding of misrepresentation bars new applications for 5 years "
                      "(IRPA s.40(2)(a)). Have a licensed representative read this letter before anything else."),
           "deadline": "Deadline: {date}.",
           "deadline_days": ("Deadline: within {days} days of the letter's date (its date could not be read: count "
                             "from the day it was sent)."),
           "deadline_days_dated": "Deadline: {date} ({days} days after the letter's date, {dated}).",
           "no_deadline": "Deadline: none could be read in the letter; find it there and answer as soon as you can.",
           "jr": "Judicial review (Federal Court, IRPA s.72(2)(b)): leave must be asked {windows}. {counting}",
           "jr_window": "within {days} days of learning of a decision made {where}{closes}",
           "jr_closes": " (by {date})", "jr_or": ", or ",
           "jr_unknown": "; the letter does not say where the decision was made",
           "in-canada": "in Canada", "outside-canada": "outside Canada",
           "jr_from_letter": ("The dates count from the letter's date ({dated}); if it reached you later, ask a "
                              "licensed representative."),
           "jr_from_notice": "Count from the day you were told of the decision.",
           "jr_from_notes": ("Count from the day you were told of the decision, not from these notes: the window has "
                             "often closed by the time notes arrive."),
           "reason": ": {reasons}"},
    "fr": {"letter": "Lettre", "missing": "Ce qui manque selon la lettre :",
           "requested": "Ce que la lettre demande :",
           "none": "La lettre ne nomme aucun document connu de cette liste ; lisez sa liste et vérifiez le dossier.",
           "serious": "Ce motif est grave : consultez d'abord un représentant en immigration autorisé.",
           "no_ground": ("Aucun motif connu de ce vérificateur n'a été trouvé ; les notes de l'agent (SMGC, par une "
                         "demande d'accès) donnent les motifs complets."), "done": "  [maintenant en ordre]",
           "todo": "  [reste à faire]",
           "notes": "Ce sont les notes de l'agent (SMGC), pas la lettre de décision elle-même.",
           "barred": ("Des fausses déclarations sont invoquées : une telle conclusion interdit toute nouvelle demande "
                      "pendant 5 ans (LIPR al. 40(2)a)). Faites lire cette lettre par un représentant autorisé avant "
                      "toute démarche."),
           "deadline": "Date limite : {date}.",
           "deadline_days": ("Date limite : dans les {days} jours suivant la date de la lettre (sa date n'a pas pu "
                             "être lue : comptez à partir du jour de son envoi)."),
           "deadline_days_dated": "Date limite : {date} ({days} jours après la date de la lettre, {dated}).",
           "no_deadline": ("Date limite : aucune n'a pu être lue dans la lettre ; cherchez-la dans la lettre et "
                           "répondez dès que possible."),
           "jr": ("Contrôle judiciaire (Cour fédérale, LIPR al. 72(2)b)) : l'autorisation doit être demandée "
                  "{windows}. {counting}"),
           "jr_window": "dans les {days} jours suivant la connaissance d'une décision prise {where}{closes}",
           "jr_closes": " (au plus tard le {date})", "jr_or": ", ou ",
           "jr_unknown": " ; la lettre ne dit pas où la décision a été prise",
           "in-canada": "au Canada", "outside-canada": "hors du Canada",
           "jr_from_letter": ("Les dates comptent à partir de la date de la lettre ({dated}) ; si elle vous est "
                              "parvenue plus tard, consultez un représentant autorisé."),
           "jr_from_notice": "Comptez à partir du jour où la décision vous a été communiquée.",
           "jr_from_notes": ("Comptez à partir du jour où la décision vous a été communiquée, pas de ces notes : le "
                             "délai est souvent passé quand les notes arrivent."),
           "reason": " : {reasons}"},
}


def item_title(item: str, titles: dict[str, str]) -> str:
    """The item's title; an id no table knows is written as words, never printed raw."""
    return titles.get(item) or item.replace("-", " ").capitalize()


def addressed(item: str, report: Report | None) -> bool | None:
    """True when the scanned folder now has the item in order; None without a folder."""
    if report is None:
        return None
    for result in report.items:
        if result.id == item:
            return result.status == ItemStatus.OK
    return False


def points_to_do(reading: LetterReading, report: Report | None) -> int:
    """How many of the letter's points the folder does not yet address (0 without a folder)."""
    return sum(addressed(item, report) is False for item in reading.items())


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _review_record(reading: LetterReading) -> dict[str, Any] | None:
    review = reading.judicial_review
    if review is None:
        return None
    return {"made": review.made, "counted_from": review.counted_from,
            "windows": [{"made": window.made, "days": window.days, "closes": _iso(window.closes)}
                        for window in review.windows]}


def letter_record(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None) -> dict[str, Any]:
    return {
        "letter": name,
        "kind": reading.kind,
        "language": reading.language,
        "reason": reading.reason,
        "officer_notes": reading.officer_notes,
        "letter_date": _iso(reading.letter_date),
        "deadline": _iso(reading.act_by()),
        "response_days": reading.response_days,
        "judicial_review": _review_record(reading),
        "grounds": [
            {"id": ground.id, "title": ground.title, "items": list(ground.items), "advice": ground.advice,
             "consult_representative": ground.consult}
            for ground in reading.grounds
        ],
        "items": [
            {"id": item, "title": item_title(item, titles), "reasons": list(reading.reasons_for(item)),
             "addressed": addressed(item, report)}
            for item in reading.items()
        ],
        "report": report.to_record() if report is not None else None,
    }


def _mark(item: str, report: Report | None, words: dict[str, str]) -> str:
    state = addressed(item, report)
    return "" if state is None else (words["done"] if state else words["todo"])


def _item_line(item: str, reading: LetterReading, titles: dict[str, str], report: Report | None,
               words: dict[str, str]) -> str:
    reasons = reading.reasons_for(item)
    why = words["reason"].format(reasons="; ".join(reasons)) if reasons else ""
    return f"{item_title(item, titles)}{why}{_mark(item, report, words)}"


def _deadline_line(reading: LetterReading, words: dict[str, str]) -> str:
    if reading.deadline and reading.response_days:
        return words["deadline_days_dated"].format(date=reading.deadline.isoformat(), days=reading.response_days,
                                                   dated=_iso(reading.letter_date))
    if reading.deadline:
        return words["deadline"].format(date=reading.deadline.isoformat())
    if reading.response_days:
        return words["deadline_days"].format(days=reading.response_days)
    return words["no_deadline"]


def _review_line(review: JudicialReview, reading: LetterReading, words: dict[str, str]) -> str:
    windows = words["jr_or"].join(
        words["jr_window"].format(days=window.days, where=words[window.made],
                                  closes=words["jr_closes"].format(date=window.closes.isoformat())
                                  if window.closes else "")
        for window in review.windows)
    if review.made == "unknown":
        windows += words["jr_unknown"]
    counting = ("jr_from_notes" if reading.officer_notes
                else "jr_from_letter" if review.counted_from == "letter-date" else "jr_from_notice")
    return words["jr"].format(windows=windows, counting=words[counting].format(dated=_iso(reading.letter_date)))


def render_letter_text(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None,
                       lang: str = "en") -> str:
    words = LETTER_WORDS[lang]
    language = LANGUAGE_NAMES[lang][reading.language]
    lines = [f"{words['letter']}: {visible(name, keep='')} ({language})", KIND_TEXT[lang][reading.kind]]
    if reading.officer_notes:
        lines.append(words["notes"])
    if reading.kind == "refusal" and any(ground.id == MISREPRESENTATION for ground in reading.grounds):
        lines.append(words["barred"])  # "reapply" above would be wrong for 5 years
    if reading.kind == "unknown":
        lines.append(f"  {reading.reason[0].upper()}{reading.reason[1:]}.")
    if reading.kind in ("procedural-fairness", "request"):
        lines.append(_deadline_line(reading, words))
    if reading.judicial_review is not None:
        lines.append(_review_line(reading.judicial_review, reading, words))
    if reading.kind in ("return", "request"):
        lines.append("")
        heading = words["missing"] if reading.kind == "return" else words["requested"]
        lines.append(heading if reading.missing else words["none"])
        lines += [f"  - {_item_line(item, reading, titles, report, words)}" for item in reading.missing]
    for number, ground in enumerate(reading.grounds, start=1):
        lines += ["", f"{number}. {ground.title}", f"   {ground.advice}"]
        if ground.consult:
            lines.append(f"   {words['serious']}")
        lines += [f"   - {_item_line(item, reading, titles, report, words)}" for item in ground.items]
    if reading.kind == "refusal" and not reading.grounds:
        lines += ["", words["no_ground"]]
    return "\n".join(lines) + "\n"


def render_letter_json(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None) -> str:
    record = letter_record(name, reading, titles, report)
    return json_safe(json.dumps(record, indent=2, ensure_ascii=False)) + "\n"

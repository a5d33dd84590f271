"""The letter reading for people and programs: what kind of letter it is, what to do and by when, and (with a
folder) which of the letter's points the documents now address."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from permit_check.letters import JudicialReview, LetterReading
from permit_check.model import FileResult, ItemStatus, Report
from permit_check.visible import json_safe, visible

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
           "reason": ": {reasons}", "present": "  [a file is there: check that it answers this point]",
           "jr_closed": " (that date has passed: the window closed on {date}; ask a licensed representative)",
           "documents": ("Also named, with no item in this checklist (send them as the letter asks; permit-check "
                         "cannot check them):"),
           "unidentified": ("The letter also mentions {count} document(s) permit-check could not identify: check it "
                            "yourself."),
           "outside": "  [no item in this checklist: permit-check cannot check it]",
           "ocr": ("The letter's text was read by OCR from a scan or photo: check what follows against the letter "
                   "itself.")},
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
           "reason": " : {reasons}",
           "present": "  [un fichier est présent : vérifiez qu'il répond à ce point]",
           "jr_closed": (" (cette date est passée : le délai a pris fin le {date} ; consultez un représentant "
                         "autorisé)"),
           "documents": ("Aussi nommés, sans élément dans cette liste (envoyez-les comme la lettre le demande ; "
                         "permit-check ne peut pas les vérifier) :"),
           "unidentified": ("La lettre mentionne aussi {count} document(s) que permit-check n'a pas pu identifier : "
                            "vérifiez-la vous-même."),
           "outside": "  [aucun élément dans cette liste : permit-check ne peut pas le vérifier]",
           "ocr": ("Le texte de la lettre a été lu par reconnaissance de caractères (OCR) sur une numérisation ou "
                   "une photo : vérifiez ce qui suit sur la lettre elle-même.")},
}
# Reasons the folder's own checks can confirm are gone, and how (any other reason needs the person's eye).
IN_ORDER = "in-order"
FILE_PRESENT = "file-present"
TO_DO = "to-do"


def item_title(item: str, titles: dict[str, str]) -> str:
    """The item's title; an id no table knows is written as words, never printed raw."""
    return titles.get(item) or item.replace("-", " ").capitalize()


def _verified(reason: str, files: list[FileResult]) -> bool:
    """Whether the folder's checks show this reason of the letter is gone from every file of the item."""
    if reason == "not-validated":
        return all(file.form is not None and file.form.validated is True for file in files)
    if reason == "outdated-form":
        return all(file.form is not None and file.form.edition is not None
                   and not any(finding.rule == "outdated-edition" for finding in file.findings) for file in files)
    return False


def point_state(item: str, reading: LetterReading, report: Report | None, ground: bool = False) -> str | None:
    """Where the folder stands on one point of the letter: in order only when its checks can verify that very
    point (a return's missing document now has a file; a form is now validated); a file that may or may not
    answer it (an officer's concern, a signature, an updated letter) is for the person to judge. None without
    a folder."""
    if report is None:
        return None
    result = next((result for result in report.items if result.id == item), None)
    if result is None or not result.files or result.status != ItemStatus.OK:
        return TO_DO
    if ground or reading.kind != "return":
        return FILE_PRESENT
    files = [file for file in report.files if file.path in result.files]
    if all(_verified(reason, files) for reason in reading.reason_ids_for(item)):
        return IN_ORDER
    return FILE_PRESENT


def addressed(item: str, reading: LetterReading, report: Report | None, ground: bool = False) -> bool | None:
    """True when the folder's checks show the point is in order; None without a folder."""
    state = point_state(item, reading, report, ground)
    return None if state is None else state == IN_ORDER


def _listed(reading: LetterReading) -> list[tuple[str, bool]]:
    """Every point of the letter that names an item: (item, whether it is an officer's ground)."""
    return [*((item, False) for item in reading.missing),
            *((item, True) for ground in reading.grounds for item in ground.items)]


def points_to_do(reading: LetterReading, report: Report | None) -> int:
    """How many of the letter's points the folder does not show in order (0 without a folder): items still to
    do or to be judged by the person, documents no checklist item holds, entries that could not be identified."""
    if report is None:
        return 0
    open_items = sum(point_state(item, reading, report, ground) != IN_ORDER for item, ground in _listed(reading))
    return open_items + len(reading.documents) + reading.unidentified


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _closed(closes: dt.date | None, today: dt.date) -> bool:
    return closes is not None and closes < today


def _review_record(reading: LetterReading, today: dt.date) -> dict[str, Any] | None:
    review = reading.judicial_review
    if review is None:
        return None
    return {"made": review.made, "counted_from": review.counted_from,
            "windows": [{"made": window.made, "days": window.days, "closes": _iso(window.closes),
                         "closed": _closed(window.closes, today)}
                        for window in review.windows]}


def letter_record(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None,
                  today: dt.date | None = None, checklist_items: frozenset[str] | None = None) -> dict[str, Any]:
    """The reading for programs. `today` decides whether a judicial-review window has closed;
    `checklist_items` (the permit type's items) tells which named items the checklist in use has."""
    today = today or dt.date.today()
    grounds = {item for ground in reading.grounds for item in ground.items}
    return {
        "letter": name,
        "kind": reading.kind,
        "language": reading.language,
        "reason": reading.reason,
        "officer_notes": reading.officer_notes,
        "text_source": reading.text_source,
        "letter_date": _iso(reading.letter_date),
        "deadline": _iso(reading.act_by()),
        "response_days": reading.response_days,
        "judicial_review": _review_record(reading, today),
        "grounds": [
            {"id": ground.id, "title": ground.title, "items": list(ground.items), "advice": ground.advice,
             "consult_representative": ground.consult}
            for ground in reading.grounds
        ],
        "items": [
            {"id": item, "title": item_title(item, titles), "reasons": list(reading.reasons_for(item)),
             "in_checklist": None if checklist_items is None else item in checklist_items,
             "addressed": addressed(item, reading, report, item in grounds and item not in reading.missing),
             "state": point_state(item, reading, report, item in grounds and item not in reading.missing)}
            for item in reading.items()
        ],
        "documents_without_item": [{"id": kind, "title": title} for kind, title in reading.documents],
        "unidentified_documents": reading.unidentified,
        "points_open": points_to_do(reading, report) if report is not None else None,
        "report": report.to_record() if report is not None else None,
    }


def _mark(item: str, reading: LetterReading, report: Report | None, words: dict[str, str], ground: bool) -> str:
    state = point_state(item, reading, report, ground)
    return {None: "", IN_ORDER: words["done"], FILE_PRESENT: words["present"], TO_DO: words["todo"]}[state]


def _item_line(item: str, reading: LetterReading, titles: dict[str, str], report: Report | None,
               words: dict[str, str], checklist_items: frozenset[str] | None, ground: bool = False) -> str:
    reasons = reading.reasons_for(item)
    why = words["reason"].format(reasons="; ".join(reasons)) if reasons else ""
    if checklist_items is not None and item not in checklist_items:
        return f"{item_title(item, titles)}{why}{words['outside']}"
    return f"{item_title(item, titles)}{why}{_mark(item, reading, report, words, ground)}"


def _deadline_line(reading: LetterReading, words: dict[str, str]) -> str:
    if reading.deadline and reading.response_days:
        return words["deadline_days_dated"].format(date=reading.deadline.isoformat(), days=reading.response_days,
                                                   dated=_iso(reading.letter_date))
    if reading.deadline:
        return words["deadline"].format(date=reading.deadline.isoformat())
    if reading.response_days:
        return words["deadline_days"].format(days=reading.response_days)
    return words["no_deadline"]


def _closes(closes: dt.date | None, today: dt.date, words: dict[str, str]) -> str:
    if closes is None:
        return ""
    return words["jr_closed" if _closed(closes, today) else "jr_closes"].format(date=closes.isoformat())


def _review_line(review: JudicialReview, reading: LetterReading, words: dict[str, str], today: dt.date) -> str:
    windows = words["jr_or"].join(
        words["jr_window"].format(days=window.days, where=words[window.made],
                                  closes=_closes(window.closes, today, words))
        for window in review.windows)
    if review.made == "unknown":
        windows += words["jr_unknown"]
    counting = ("jr_from_notes" if reading.officer_notes
                else "jr_from_letter" if review.counted_from == "letter-date" else "jr_from_notice")
    return words["jr"].format(windows=windows, counting=words[counting].format(dated=_iso(reading.letter_date)))


def render_letter_text(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None,
                       lang: str = "en", today: dt.date | None = None,
                       checklist_items: frozenset[str] | None = None) -> str:
    today = today or dt.date.today()
    words = LETTER_WORDS[lang]
    language = LANGUAGE_NAMES[lang][reading.language]
    lines = [f"{words['letter']}: {visible(name, keep='')} ({language})", KIND_TEXT[lang][reading.kind]]
    if reading.text_source == "ocr":
        lines.append(words["ocr"])
    if reading.officer_notes:
        lines.append(words["notes"])
    if reading.kind == "refusal" and any(ground.id == MISREPRESENTATION for ground in reading.grounds):
        lines.append(words["barred"])  # "reapply" above would be wrong for 5 years
    if reading.kind == "unknown":
        lines.append(f"  {reading.reason[0].upper()}{reading.reason[1:]}.")
    if reading.kind in ("procedural-fairness", "request"):
        lines.append(_deadline_line(reading, words))
    if reading.judicial_review is not None:
        lines.append(_review_line(reading.judicial_review, reading, words, today))
    if reading.kind in ("return", "request"):
        lines.append("")
        heading = words["missing"] if reading.kind == "return" else words["requested"]
        lines.append(heading if reading.missing or reading.documents else words["none"])
        lines += [f"  - {_item_line(item, reading, titles, report, words, checklist_items)}"
                  for item in reading.missing]
        if reading.documents:
            lines.append(words["documents"])
            lines += [f"  - {title}{words['todo'] if report is not None else ''}" for _, title in reading.documents]
        if reading.unidentified:
            lines.append(words["unidentified"].format(count=reading.unidentified))
    for number, ground in enumerate(reading.grounds, start=1):
        lines += ["", f"{number}. {ground.title}", f"   {ground.advice}"]
        if ground.consult:
            lines.append(f"   {words['serious']}")
        lines += [f"   - {_item_line(item, reading, titles, report, words, checklist_items, ground=True)}"
                  for item in ground.items]
    if reading.kind == "refusal" and not reading.grounds:
        lines += ["", words["no_ground"]]
    return "\n".join(lines) + "\n"


def render_letter_json(name: str, reading: LetterReading, titles: dict[str, str], report: Report | None,
                       today: dt.date | None = None, checklist_items: frozenset[str] | None = None) -> str:
    record = letter_record(name, reading, titles, report, today, checklist_items)
    return json_safe(json.dumps(record, indent=2, ensure_ascii=False)) + "\n"

"""The letter reading for people and programs: what kind of letter it is, what to do and by when, and (with a
folder) which of the letter's points the documents now address."""

from __future__ import annotations

import datetime as dt
from typing import Any

from permit_check.i18n import N_, in_language
from permit_check.model import FileResult, ItemStatus, JudicialReview, LetterReading, Report
from permit_check.reports.pretty_json import dumps_indented
from permit_check.reports.visible import json_safe, visible
from permit_check.reports.words import colon

KIND_TEXT: dict[str, str] = {
    "return": N_("RETURN: the application was incomplete (IRPR s.10/12). It was not processed and the fee is "
                 "refunded. Add what is missing, check the folder, and submit again."),
    "refusal": N_("REFUSAL: an officer decided on the merits. Reapply with stronger evidence on each ground "
                  "below, or ask a licensed representative about judicial review."),
    "procedural-fairness": N_("PROCEDURAL FAIRNESS LETTER: this is not a decision. The officer has concerns and "
                              "gives you a chance to answer them before deciding. Reply before the deadline with "
                              "evidence that answers each concern below (a letter explaining, and documents); "
                              "without a reply, the officer decides on what the file holds."),
    "request": N_("REQUEST: IRCC asks for more documents or information. This is not a refusal. Send what it "
                  "asks for before the deadline, the way the letter says; without them the application may be "
                  "refused."),
    "approval": N_("APPROVAL: the application was approved (for example a port-of-entry letter of introduction). "
                   "Nothing to fix. Keep the letter and bring it, with your passport and the documents it lists, "
                   "when you travel."),
    "unknown": N_("UNKNOWN: this does not read like an IRCC letter this checker knows (return, refusal, "
                  "procedural fairness, request or approval)."),
}
# The ground whose finding bars new applications (IRPA s.40(2)(a)), as letters.json names it.
MISREPRESENTATION = "misrepresentation"
# The letter's own language, named in the language of the answer.
LANGUAGE_NAMES = {"en": N_("English"), "fr": N_("French")}
LETTER_WORDS: dict[str, str] = {
    "letter": N_("Letter"),
    "missing": N_("What the letter says is missing:"),
    "requested": N_("What the letter asks for:"),
    "none": N_("The letter names no document this checklist knows; read its list and check the folder."),
    "serious": N_("This ground is serious: consult a licensed immigration representative first."),
    "no_ground": N_("No ground this checker knows was found; the officer's notes (GCMS, by an access request) "
                    "give the full reasons."),
    "done": N_("  [now in order]"),
    "todo": N_("  [still to do]"),
    "notes": N_("These are the officer's notes (GCMS), not the decision letter itself."),
    "barred": N_("Misrepresentation is cited: a finding of misrepresentation bars new applications for 5 years "
                 "(IRPA s.40(2)(a)). Have a licensed representative read this letter before anything else."),
    "deadline": N_("Deadline: {date}."),
    "deadline_days": N_("Deadline: within {days} days of the letter's date (its date could not be read: count "
                        "from the day it was sent)."),
    "deadline_days_dated": N_("Deadline: {date} ({days} days after the letter's date, {dated})."),
    "no_deadline": N_("Deadline: none could be read in the letter; find it there and answer as soon as you can."),
    "jr": N_("Judicial review (Federal Court, IRPA s.72(2)(b)): leave must be asked {windows}. {counting}"),
    "jr_window": N_("within {days} days of learning of a decision made {where}{closes}"),
    "jr_closes": N_(" (by {date})"),
    "jr_or": N_(", or "),
    "jr_unknown": N_("; the letter does not say where the decision was made"),
    "in-canada": N_("in Canada"),
    "outside-canada": N_("outside Canada"),
    "jr_from_letter": N_("The dates count from the letter's date ({dated}); if it reached you later, ask a "
                         "licensed representative."),
    "jr_from_notice": N_("Count from the day you were told of the decision."),
    "jr_from_notes": N_("Count from the day you were told of the decision, not from these notes: the window has "
                        "often closed by the time notes arrive."),
    "reason": N_(": {reasons}"),
    "present": N_("  [a file is there: check that it answers this point]"),
    "jr_closed": N_(" (that date has passed: the window closed on {date}; ask a licensed representative)"),
    "documents": N_("Also named, with no item in this checklist (send them as the letter asks; permit-check "
                    "cannot check them):"),
    "unidentified": N_("The letter also mentions {count} document(s) permit-check could not identify: check it "
                       "yourself."),
    "outside": N_("  [no item in this checklist: permit-check cannot check it]"),
    "ocr": N_("The letter's text was read by OCR from a scan or photo: check what follows against the letter "
              "itself."),
    "ocr_pages": N_("Only its first {count} page(s) could be read in the time allowed: what the later pages say "
                    "is not in this answer (a longer --timeout reads them)."),
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
                  today: dt.date, checklist_items: frozenset[str] | None = None) -> dict[str, Any]:
    """The reading for programs. `today` (the run's --as-of) decides whether a judicial-review window has closed;
    `checklist_items` (the permit type's items) tells which named items the checklist in use has."""
    grounds = {item for ground in reading.grounds for item in ground.items}
    return {
        "letter": name,
        "kind": reading.kind,
        "language": reading.language,
        "reason": reading.reason,
        "officer_notes": reading.officer_notes,
        "text_source": reading.text_source,
        "ocr_pages_read": reading.ocr_pages_read,
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
                       lang: str, today: dt.date, checklist_items: frozenset[str] | None = None) -> str:
    words = in_language(LETTER_WORDS, lang)
    language = in_language(LANGUAGE_NAMES, lang)[reading.language]
    lines = [f"{words['letter']}{colon(lang)}{visible(name, keep='')} ({language})",
             in_language(KIND_TEXT, lang)[reading.kind]]
    if reading.text_source == "ocr":
        lines.append(words["ocr"])
    if reading.ocr_pages_read is not None:
        lines.append(words["ocr_pages"].format(count=reading.ocr_pages_read))
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
                       today: dt.date, checklist_items: frozenset[str] | None = None) -> str:
    record = letter_record(name, reading, titles, report, today, checklist_items)
    return json_safe(dumps_indented(record)) + "\n"

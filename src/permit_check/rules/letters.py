"""Reads an IRCC decision letter: a return (incomplete application) or a refusal, its grounds, and the
checklist items that answer them. The wording it knows, in English and French, is data:
checklists/ircc/letters.json."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from functools import cache
from typing import Any

from permit_check.files.resources import checklists_dir, read_json_object
from permit_check.files.text_language import marker_counts
from permit_check.i18n import N_, in_language
from permit_check.model import Ground, JudicialReview, LetterReading, ReviewWindow
from permit_check.rules.checklist import available_types, load_checklist

MIN_SIGNALS = 2
# The officer's notes (GCMS) are a record, not a letter sent to the person: only several signs make them so.
NOTES_SIGNALS = 2
# A letter's own date sits in its header, on a line of its own or after "Date:".
HEADER_LINES = 15
HEADER_DATE_LINE = 40
REASONS: dict[str, str] = {
    "return": N_("it cites the completeness rules (IRPR s.10/12) and returns the application unprocessed"),
    "refusal": N_("it refuses the application on its merits"),
    "procedural-fairness": N_("it states an officer's concerns and invites a reply before a decision is made"),
    "request": N_("it asks for more documents or information by a deadline"),
    "approval": N_("it approves the application or introduces you at the port of entry"),
    "tie": N_("could not classify: it reads as much like a return as a refusal ({count} signs of each)"),
    "none": N_("could not classify: it has none of the wording IRCC uses in its letters"),
}


@cache
def _knowledge() -> dict[str, Any]:
    return read_json_object(checklists_dir() / "ircc" / "letters.json", "letters")


def _matches(patterns: list[str], text: str) -> int:
    return sum(1 for pattern in patterns if re.search(pattern, text, re.IGNORECASE))


# What OCR leaves between the words of a scanned letter, that breaks its wording ("perform ‘the work",
# "family:ties", "your. current"): quotes at a word's edge, a colon, comma or semicolon glued to the next word,
# a colon, comma or semicolon standing alone between spaces, a period before a word in lower case (no sentence
# starts so). Words are never joined or changed.
_QUOTES = "‘’'\"“”«»`´‚„‹›"
_EDGE_QUOTE = re.compile(rf"(?<=\s)[{_QUOTES}]+|[{_QUOTES}]+(?=\s)|^[{_QUOTES}]+|[{_QUOTES}]+$", re.MULTILINE)
_GLUED_MARK = re.compile(r"(?<=[^\W\d_])(?:[:;,]|[ \t]+[:;,][ \t]+)(?=[^\W\d_])")
_STRAY_PERIOD = re.compile(r"(?<=[^\W\d_])[ \t]*[.·•][ \t]*(?=(?-i:[a-zà-ÿ]))")
# An apostrophe between letters is a word's own when it elides (l'emploi, qu'il) or contracts (don't, it's); any
# other mark between letters is OCR's ("family'ties").
_INNER_QUOTE = re.compile(rf"(?P<before>[^\W\d_]+)[{_QUOTES}](?P<after>[^\W\d_]+)")
_ELIDING = re.compile(r"(?:[a-zà-ÿ]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)", re.IGNORECASE)
_CONTRACTED = re.compile(r"(?:t|s|re|ve|ll|d|m)", re.IGNORECASE)
# A word cut at the end of a line ("perfor-\nmance"), and ligatures a PDF or OCR may give (ﬁ, ﬂ).
_LINE_END_HYPHEN = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n[ \t]*(?=[a-zà-ÿ])")


def _inner_quote(match: re.Match[str]) -> str:
    before, after = match["before"], match["after"]
    if _ELIDING.fullmatch(before) or _CONTRACTED.fullmatch(after):
        return f"{before}'{after}"  # as the wording is written, whichever mark OCR or the font gave
    return f"{before} {after}"


def tidied(text: str) -> str:
    """The letter's words without what OCR scatters between them (see _EDGE_QUOTE), ligatures and line-end
    hyphens undone; each line stays a line (dates and lists are read by line)."""
    text = unicodedata.normalize("NFKC", text)
    text = _LINE_END_HYPHEN.sub("", text)
    text = _INNER_QUOTE.sub(_inner_quote, text)
    text = _EDGE_QUOTE.sub(" ", text)
    text = _GLUED_MARK.sub(" ", text)
    return _STRAY_PERIOD.sub(" ", text)


def language_of(text: str) -> str:
    """The letter's language: the one with more marker words; English when they tie (a letter is answered
    in some language, even a letter with no words)."""
    counts = marker_counts(text)
    return max(counts, key=counts.__getitem__)


def _segments(text: str) -> list[str]:
    """Sentences and list entries, each on one line: a reason belongs to the items named beside it."""
    parts = re.split(r"(?<=[.;!?])\s+|\n\s*\n|\n(?=\s*(?:[-•*–]|\d{1,2}[.)]|[a-z]\))\s)", text)
    return [" ".join(part.split()) for part in parts if part and part.strip()]


def _named_items(text: str, language: str) -> tuple[str, ...]:
    return tuple(entry["item"] for entry in _knowledge()["missing"] if _matches(entry["patterns"][language], text))


def _named_documents(text: str, language: str) -> tuple[str, ...]:
    """The kinds of document without a checklist item (letters.json "documents") that the text names."""
    return tuple(entry["id"] for entry in _knowledge()["documents"] if _matches(entry["patterns"][language], text))


def _list_entry(segment: str) -> bool:
    return re.match(r"(?:[-•*–]|\d{1,2}[.)]|[a-z]\))\s", segment) is not None


def _item_reasons(text: str, language: str) -> dict[str, list[str]]:
    """Each item's reasons, as ids of letters.json reasons found in the sentence that names the item (or, for a
    reason that names its own item, such as a missing biographic page, anywhere). A list entry is one
    sentence: "Language test results: the results are not from an approved test." keeps its reason."""
    found: dict[str, list[str]] = {}
    for segment in _segments(text):
        named = _named_items(segment, language)
        for reason in _knowledge()["reasons"]:
            if not _matches(reason["patterns"][language], segment):
                continue
            for item in ([reason["item"]] if "item" in reason else named):
                ids = found.setdefault(item, [])
                if reason["id"] not in ids:
                    ids.append(reason["id"])
    return found


def _unidentified(text: str, language: str) -> int:
    """How many entries of the letter's list name neither a checklist item nor a known kind of document."""
    return sum(1 for segment in _segments(text) if _list_entry(segment)
               and not _named_items(segment, language) and not _named_documents(segment, language))


def _document_titles(ids: tuple[str, ...], words: str) -> tuple[tuple[str, str], ...]:
    titles = {entry["id"]: entry["title"][words] for entry in _knowledge()["documents"]}
    return tuple((kind, titles[kind]) for kind in ids)


def _month_number(name: str) -> int | None:
    name = name.lower().rstrip(".")
    for months in _knowledge()["months"].values():
        for number, month in enumerate(months, start=1):
            if name == month or (len(name) >= 3 and month.startswith(name)):
                return number
    return None


@cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    names = sorted({month for months in _knowledge()["months"].values() for month in months}, key=len, reverse=True)
    month = r"\b(?P<month>(?:" + "|".join(names) + r"|[a-zéû]{3,4}\.))"
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
        r"\b(?P<year>\d{4})[-/](?P<num>\d{1,2})[-/](?P<day>\d{1,2})\b",
        month + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th|er)?\s+" + month + r",?\s+(?P<year>\d{4})\b",
    ))


def _dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full date written in the text (ISO, "January 5, 2027", "5 janvier 2027"), with its place."""
    found = []
    for pattern in _date_patterns():
        for match in pattern.finditer(text):
            number = int(match["num"]) if match.groupdict().get("num") else _month_number(match["month"])
            if number is None:
                continue
            try:
                found.append((match.start(), match.end(), dt.date(int(match["year"]), number, int(match["day"]))))
            except ValueError:
                continue
    return sorted(found)


LABEL_REACH = 60


def _after(prefixes: list[str], before: str) -> bool:
    return any(re.search(f"(?:{prefix})$", before, re.IGNORECASE) for prefix in prefixes)


def _letter_date(text: str, language: str) -> dt.date | None:
    """The letter's own date: one labelled "Date:", else a header line that is only a date ("Ottawa, ...")
    and not a deadline, a birth date or an expiry."""
    deadlines = _knowledge()["deadlines"]
    labelled = [*deadlines["dated"]["en"], *deadlines["dated"]["fr"]]
    header_end = sum(len(line) for line in text.splitlines(keepends=True)[:HEADER_LINES])
    header_dates = []
    for start, end, day in _dates(text):
        line_start = text.rfind("\n", 0, start) + 1
        # Only the words just before a date can label it; the whole line would make a line of many dates
        # cost the square of its length.
        before = text[max(line_start, start - LABEL_REACH):start]
        if _after(labelled, before):
            return day
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        if (start < header_end and len(line.strip()) <= HEADER_DATE_LINE
                and not _matches(deadlines["not_the_letter_date"][language], line)
                and not _after(deadlines["before"][language], before)):
            header_dates.append(day)
    return header_dates[0] if header_dates else None


def _response_deadline(text: str, language: str, dated: dt.date | None) -> tuple[dt.date | None, int | None]:
    """The reply-by date: a date after "by"/"au plus tard le", else the letter's date plus "within N days"."""
    deadlines = _knowledge()["deadlines"]
    for start, _, day in _dates(text):
        if _after(deadlines["before"][language], text[max(0, start - 40):start]) and day != dated:
            return day, None
    for segment in _segments(text):
        if not _matches(_knowledge()["kinds"]["respond"][language] + _knowledge()["kinds"]["request"][language],
                        segment):
            continue
        for pattern in deadlines["days"][language]:
            match = re.search(pattern, segment, re.IGNORECASE)
            if match:
                days = int(match.group(1))
                return (dated + dt.timedelta(days=days) if dated else None), days
    return None, None


def _judicial_review(text: str, language: str, dated: dt.date | None, notes: bool) -> JudicialReview:
    """IRPA s.72(2)(b): 15 days for a decision made in Canada, 60 outside; which one, from the letter's wording."""
    knowledge = _knowledge()
    places = {place: _matches(patterns[language], text) for place, patterns in knowledge["places"].items()}
    inside, outside = places["in-canada"], places["outside-canada"]
    made = "in-canada" if inside and not outside else "outside-canada" if outside and not inside else "unknown"
    # The window runs from the day the person learns of the decision; notes obtained later do not restart it.
    start = None if notes else dated
    windows = tuple(ReviewWindow(place, days, start + dt.timedelta(days=days) if start else None)
                    for place, days in knowledge["judicial_review"]["days"].items() if made in (place, "unknown"))
    return JudicialReview(made, windows, "letter-date" if start else "notification")


def _grounds(text: str, language: str, words: str) -> tuple[Ground, ...]:
    return tuple(
        Ground(ground["id"], ground["title"][words], tuple(ground["items"]), ground["advice"][words],
               bool(ground.get("consult", False)))
        for ground in _knowledge()["grounds"]
        if _matches(ground["patterns"][language], text)
    )


def _kind(signals: dict[str, int]) -> str | None:
    """Which kind the wording makes the letter, strongest evidence first: a stated refusal is a decision;
    concerns with an invitation to reply, or a request with a deadline, outrank the refusal words they
    contain ("may lead to a refusal"); an approval outranks a passing "refused entry"."""
    decided = signals["decided"] > 0
    if not decided and signals["procedural-fairness"] and signals["respond"]:
        return "procedural-fairness"
    if not decided and signals["request"] >= MIN_SIGNALS and signals["request"] > signals["return"]:
        return "request"
    refused = signals["refusal"] + signals["decided"]
    if not decided and signals["approval"] >= MIN_SIGNALS and signals["approval"] > refused:
        return "approval"
    returned = signals["return"]
    if returned >= MIN_SIGNALS and returned > refused:
        return "return"
    if refused >= MIN_SIGNALS and refused > returned:
        return "refusal"
    return None


def classify(text: str, answer_lang: str | None = None) -> LetterReading:
    """The kind of letter, with the grounds it cites, the items it names and their reasons, its deadline and,
    for a refusal, the judicial-review window.

    The letter's own language decides which wording is looked for; titles and advice come in
    `answer_lang` (default: the letter's language)."""
    knowledge = _knowledge()
    text = tidied(text)
    language = language_of(text)
    words = answer_lang or language
    # Wording is matched across line breaks (a PDF breaks lines anywhere); dates and lists use the lines.
    flat = " ".join(text.split())
    signals = {kind: _matches(patterns[language], flat) for kind, patterns in knowledge["kinds"].items()}
    kind = _kind(signals)
    if kind is None:
        returned, refused = signals["return"], signals["refusal"]
        key = "tie" if returned == refused and returned else "none"
        reason = in_language(REASONS, words)[key].format(count=returned)
        return LetterReading("unknown", language, reason, signals=signals)
    reading = LetterReading(kind, language, in_language(REASONS, words)[kind], signals=signals,
                            officer_notes=signals["officer-notes"] >= NOTES_SIGNALS,
                            letter_date=_letter_date(text, language))
    if kind == "approval":
        return reading
    reasons = _item_reasons(text, language)
    if kind in ("return", "request"):
        named = tuple(dict.fromkeys([*_named_items(flat, language), *reasons]))
        reading = replace(reading, missing=named, unidentified=_unidentified(text, language),
                          documents=_document_titles(_named_documents(flat, language), words))
    else:
        reading = replace(reading, grounds=_grounds(flat, language, words))
    if kind in ("procedural-fairness", "request"):
        deadline, days = _response_deadline(text, language, reading.letter_date)
        reading = replace(reading, deadline=deadline, response_days=days)
    if kind == "refusal":
        reading = replace(reading, judicial_review=_judicial_review(
            flat, language, reading.letter_date, reading.officer_notes))
    listed = set(reading.items())
    phrases = {reason["id"]: reason["text"][words] for reason in _knowledge()["reasons"]}
    kept = tuple((item, tuple(ids)) for item, ids in reasons.items() if item in listed)
    return replace(reading, reason_ids=kept,
                   item_reasons=tuple((item, tuple(phrases[reason] for reason in ids)) for item, ids in kept))


def shared_item_titles(lang: str) -> dict[str, str]:
    """Every built-in checklist's item titles: names an item the checklist in use does not have."""
    titles: dict[str, str] = {}
    for type_id in available_types():
        for item in load_checklist(type_id, lang).items:
            titles.setdefault(item.id, item.title)
    return titles

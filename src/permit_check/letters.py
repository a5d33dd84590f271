"""Reads an IRCC decision letter: a return (incomplete application) or a refusal, its grounds, and the
checklist items that answer them. The wording it knows, in English and French, is data:
checklists/ircc/letters.json."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from permit_check.checklist import available_types, load_checklist
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
LETTER_IMAGE_KINDS = frozenset({"jpeg", "png", "tiff", "webp", "bmp", "gif", "jp2"})
LETTER_PROBLEMS = {
    "not-letter": "{name}: a letter must be a PDF, a photo or scan of it (JPEG, PNG, TIFF) or a .txt file",
    "too-complex": "{name}: the letter is too complex to read (it goes past the PDF reader's safety limits)",
    "damaged": "{name}: the letter is damaged and cannot be read",
    "password": "{name}: the letter asks for a password to open",
}
# Words frequent in one language and rare in the other tell English from French.
FRENCH_WORDS = frozenset({"le", "la", "les", "des", "vous", "votre", "vos", "demande", "nous", "est", "une", "pour"})
ENGLISH_WORDS = frozenset({"the", "your", "you", "application", "we", "is", "an", "for", "of", "and", "has"})
MIN_SIGNALS = 2
# A pasted letter, or the officer's notes of a long file; more is not a letter.
STDIN_LIMIT = 200_000
# The officer's notes (GCMS) are a record, not a letter sent to the person: only several signs make them so.
NOTES_SIGNALS = 2
# A letter's own date sits in its header, on a line of its own or after "Date:".
HEADER_LINES = 15
HEADER_DATE_LINE = 40
REASONS = {
    "en": {"return": "it cites the completeness rules (IRPR s.10/12) and returns the application unprocessed",
           "refusal": "it refuses the application on its merits",
           "procedural-fairness": "it states an officer's concerns and invites a reply before a decision is made",
           "request": "it asks for more documents or information by a deadline",
           "approval": "it approves the application or introduces you at the port of entry",
           "tie": "could not classify: it reads as much like a return as a refusal ({count} signs of each)",
           "none": "could not classify: it has none of the wording IRCC uses in its letters"},
    "fr": {"return": "elle invoque les règles sur les demandes complètes (RIPR art. 10 et 12) et renvoie la demande "
                     "sans la traiter",
           "refusal": "elle refuse la demande sur le fond",
           "procedural-fairness": "elle expose les préoccupations d'un agent et invite à répondre avant la décision",
           "request": "elle demande des documents ou des renseignements supplémentaires avant une date limite",
           "approval": "elle approuve la demande ou vous présente au point d'entrée",
           "tie": "classement impossible : elle ressemble autant à un renvoi qu'à un refus ({count} indices de chaque)",
           "none": "classement impossible : elle n'emploie aucune des formules d'IRCC pour ses lettres"},
}


@dataclass(frozen=True)
class Ground:
    id: str
    title: str
    items: tuple[str, ...]
    advice: str
    consult: bool


@dataclass(frozen=True)
class ReviewWindow:
    """How long the person has to ask the Federal Court for leave (IRPA s.72(2)(b)), and until when."""

    made: str  # "in-canada" | "outside-canada": where the decision was made
    days: int
    closes: dt.date | None  # None when the counting day is not known from the letter


@dataclass(frozen=True)
class JudicialReview:
    made: str  # "in-canada" | "outside-canada" | "unknown" (then both windows are given)
    windows: tuple[ReviewWindow, ...]
    counted_from: str  # "letter-date" | "notification" (undated letter, or officer's notes)


@dataclass(frozen=True)
class LetterReading:
    """What a letter says, in the terms of the checklist: never the letter's own words about the person."""

    kind: str  # "return" | "refusal" | "procedural-fairness" | "request" | "approval" | "unknown"
    language: str
    reason: str
    grounds: tuple[Ground, ...] = ()
    missing: tuple[str, ...] = ()  # item ids the letter names (a return's or request's list)
    signals: dict[str, int] = field(default_factory=dict)
    item_reasons: tuple[tuple[str, tuple[str, ...]], ...] = ()  # item id -> fixed phrases of letters.json
    reason_ids: tuple[tuple[str, tuple[str, ...]], ...] = ()  # item id -> ids of those reasons in letters.json
    # Documents the letter names that no checklist has an item for (proof of funds...): (kind id, title).
    documents: tuple[tuple[str, str], ...] = ()
    # Entries of the letter's list that name nothing this checker knows: the person must read them.
    unidentified: int = 0
    officer_notes: bool = False  # GCMS notes rather than a letter
    letter_date: dt.date | None = None
    deadline: dt.date | None = None  # the date to reply by (fairness letter, request)
    response_days: int | None = None  # "within 30 days", when no date could be counted
    judicial_review: JudicialReview | None = None
    text_source: str = "text"  # "ocr" when the words were read from a scan or photo of the letter

    def items(self) -> tuple[str, ...]:
        """The checklist items the letter points at, in first-mentioned order, without repeats."""
        ordered = [*self.missing, *(item for ground in self.grounds for item in ground.items)]
        return tuple(dict.fromkeys(ordered))

    def reasons_for(self, item: str) -> tuple[str, ...]:
        return dict(self.item_reasons).get(item, ())

    def reason_ids_for(self, item: str) -> tuple[str, ...]:
        return dict(self.reason_ids).get(item, ())

    def act_by(self) -> dt.date | None:
        """The first date by which the person must act: the reply deadline, or the judicial-review window."""
        if self.deadline is not None:
            return self.deadline
        closing = [window.closes for window in (self.judicial_review.windows if self.judicial_review else ())
                   if window.closes is not None]
        return min(closing) if closing else None


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
    return read_letter_file(path, limits)[0]


def read_letter_file(path: Path, limits: Limits | None = None) -> tuple[str, str]:
    """The words of the letter in the file at `path` and where they came from ("text" or "ocr")."""
    if not path.exists():
        raise UsageProblem(f"letter not found: {path}")
    if not path.is_file():
        # A FIFO or a device would block or never end; a folder is not a letter.
        raise UsageProblem(f"{path}: not a regular file (give the letter's PDF or .txt file)")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LETTER_BYTES + 1)
    except OSError as error:
        raise UsageProblem(f"{path}: cannot be read: {error.strerror}") from error
    return read_letter_source(data, str(path), limits)


def read_letter(data: bytes, name: str, limits: Limits | None = None) -> str:
    """The letter's words (see read_letter_source)."""
    return read_letter_source(data, name, limits)[0]


def read_letter_source(data: bytes, name: str, limits: Limits | None = None) -> tuple[str, str]:
    """The letter's words and their source: a PDF's text layer or a plain text ("text"), or OCR of a
    scanned PDF or a photo of the letter, in English and French ("ocr"). `name` is what errors call it.

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
        raise UsageProblem(f"{name}: no text could be read, not even by OCR (scan the letter again at 300 DPI, "
                           "or copy its words into a .txt)")
    return text, answer


def _ocr_letter(data: bytes, kind: str) -> tuple[str, str]:
    """("ocr", words) of a scanned PDF's or a photo's first pages; ("environment", ...) without the engine."""
    from permit_check.inspectors.ocr import ocr_text, require_ocr
    from permit_check.inspectors.page_images import page_images

    try:
        require_ocr("eng+fra")
    except EnvironmentProblem as error:
        return "environment", str(error)
    pages = []
    for number, image in enumerate(page_images(io.BytesIO(data), kind)):
        if number >= LETTER_PAGES:
            break
        pages.append(ocr_text(image, "eng+fra"))
    return "ocr", "\n".join(pages)


def _letter_task(task: tuple[bytes, str]) -> tuple[str, str]:
    """Runs in a worker: ("text", words), ("ocr", words), ("problem", kind) or ("environment", message)."""
    from permit_check.inspectors.pdf import read_pdf_text  # pypdf loads only when a letter is read

    data, name = task
    identity = identify_bytes(name, data[:HEAD_BYTES], len(data))
    if identity.kind == "text":
        return "text", data[:TEXT_KIND_LIMIT].decode("utf-8", "replace")
    if identity.kind in LETTER_IMAGE_KINDS:
        return _ocr_letter(data, identity.kind)
    if identity.kind != "pdf":
        return "problem", "not-letter"
    try:
        text = read_pdf_text(io.BytesIO(data), LETTER_PAGES)
        # A scanned letter has pages but no text layer: its words are read from the page images.
        return ("text", text) if text.strip() else _ocr_letter(data, "pdf")
    except ContentTooComplex:
        return "problem", "too-complex"
    except ContentUnreadable as error:
        return "problem", error.kind
    except EnvironmentProblem as error:
        return "environment", str(error)


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
    language = language_of(text)
    words = answer_lang or language
    # Wording is matched across line breaks (a PDF breaks lines anywhere); dates and lists use the lines.
    flat = " ".join(text.split())
    signals = {kind: _matches(patterns[language], flat) for kind, patterns in knowledge["kinds"].items()}
    kind = _kind(signals)
    if kind is None:
        returned, refused = signals["return"], signals["refusal"]
        key = "tie" if returned == refused and returned else "none"
        return LetterReading("unknown", language, REASONS[words][key].format(count=returned), signals=signals)
    reading = LetterReading(kind, language, REASONS[words][kind], signals=signals,
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


def read_letter_stdin(stream: BinaryIO) -> str:
    """A letter piped in as text (`letter -`); a PDF must be given as a file, where it is read safely."""
    data = stream.read(STDIN_LIMIT + 1)
    if data.startswith(b"%PDF"):
        raise UsageProblem("stdin: give a PDF letter as a file (stdin takes the letter's text only)")
    if len(data) > STDIN_LIMIT:
        raise UsageProblem(f"stdin: a letter's text is at most {STDIN_LIMIT} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem("stdin: the letter's text is not UTF-8") from None
    if not text.strip():
        raise UsageProblem("stdin: no text could be read (a scanned letter has none: copy its words into a .txt)")
    return text


def shared_item_titles(lang: str) -> dict[str, str]:
    """Every built-in checklist's item titles: names an item the checklist in use does not have."""
    titles: dict[str, str] = {}
    for type_id in available_types():
        for item in load_checklist(type_id, lang).items:
            titles.setdefault(item.id, item.title)
    return titles

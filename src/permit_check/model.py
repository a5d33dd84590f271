"""The result model: severities, findings, per-item and per-file results, the report that renderers print,
and what an IRCC letter says (LetterReading)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from permit_check.i18n import N_, translations


@dataclass(frozen=True)
class Context:
    """What every stage of one run is told once: the language it speaks and the day every date rule counts from."""

    lang: str = "en"
    as_of: dt.date = field(kw_only=True)  # given by the CLI, the one place that turns "not given" into today

    def _(self, message: str) -> str:
        """The message in the context's language."""
        return translations(self.lang).gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return translations(self.lang).ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        return translations(self.lang).pgettext(context, message)


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that `max()` gives the worst."""

    INFO = 10
    WARNING = 20
    ERROR = 30

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()


class ItemStatus(enum.StrEnum):
    """What the report says about one checklist item."""

    OK = "ok"
    MISSING = "missing"
    INVALID = "invalid"
    NOT_APPLICABLE = "not-applicable"
    OPTIONAL = "optional"
    DEPENDS = "depends"  # no file, and whether one is needed waits on an unanswered question


class FixFirst(enum.IntEnum):
    """Where a finding comes in the order of what to fix first, by what gets an application returned
    unprocessed (IRPR s.10/12): a missing document, then a wrong or outdated form, then a file the officer cannot
    open, then dates and the upload rules, then the rest. Each built-in check states its own (Check.rank)."""

    MISSING = 0
    FORMS = 1
    UNREADABLE = 2
    DATES_AND_UPLOAD = 3
    OTHER = 4


@dataclass(frozen=True)
class Finding:
    """One problem (or note) about a file, an item or the application as a whole."""

    rule: str
    severity: Severity
    message: str
    hint: str
    item: str | None = None
    path: str | None = None
    # The built-in check's place in what to fix first; None for a checklist's own rule (ranked by its id). Not
    # part of the report's record, nor of what makes two findings the same.
    rank: FixFirst | None = field(default=None, compare=False)

    def to_record(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "item": self.item,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class FormRecord:
    """Which IRCC form a file is, as reports state it: number, edition, validated, language."""

    number: str
    edition: str | None
    validated: bool | None
    language: str | None

    def to_record(self) -> dict[str, Any]:
        return {"number": self.number, "edition": self.edition, "validated": self.validated,
                "language": self.language}


@dataclass(frozen=True)
class FileResult:
    """A file of the folder: what it is, which item it serves, and what is wrong with it."""

    path: str
    mime: str | None
    kind: str
    size: int | None
    item: str | None
    form: FormRecord | None = None
    findings: tuple[Finding, ...] = ()
    kept: str | None = None  # a copy or an older version: the path of the file of its slot to keep instead

    def to_record(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "mime": self.mime,
            "kind": self.kind,
            "size": self.size,
            "item": self.item,
            "form": self.form.to_record() if self.form else None,
            "kept_instead": self.kept,
            "findings": [finding.to_record() for finding in self.findings],
        }


@dataclass(frozen=True)
class ItemResult:
    """A checklist item: whether it applies, which files serve it and its verdict."""

    id: str
    title: str
    required: bool
    status: ItemStatus
    files: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    condition: str | None = None
    depends_on: tuple[str, ...] = ()  # the unanswered questions (dotted answer keys) that decide it

    def to_record(self) -> dict[str, Any]:
        record = {
            "id": self.id,
            "title": self.title,
            "required": self.required,
            "status": self.status.value,
            "condition": self.condition,
            "files": list(self.files),
            "findings": [finding.to_record() for finding in self.findings],
        }
        if self.depends_on:
            record["depends_on"] = list(self.depends_on)
        return record


@dataclass(frozen=True)
class ChecklistRef:
    id: str
    version: str
    title: str


@dataclass(frozen=True)
class RuleWords:
    """How a rule words its findings, in the report's language, its {placeholders} unfilled; `summary` says once
    what every finding of the rule finds, where the message is mostly values."""

    message: str
    hint: str
    summary: str | None = None


@dataclass(frozen=True)
class RuleBook:
    """The words of every rule a report may cite -- its checklist's rules and the built-in checks -- handed to the
    renderers with the report: CI formats describe each rule once from them, and never load a checklist."""

    rules: Mapping[str, RuleWords] = field(default_factory=dict)  # the checklist's rules, by id
    checks: Mapping[str, RuleWords] = field(default_factory=dict)  # the built-in checks, by id suffix
    descriptions: Mapping[str, str] = field(default_factory=dict)  # item id -> what the item is
    # A built-in check's hint where an item has its own (how to supply a missing item): suffix -> item id -> hint.
    item_hints: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    general: tuple[str, ...] = ()  # the checklist's rules about any file or the application as a whole, in order

    def check(self, suffix: str, item: str | None) -> RuleWords | None:
        """The built-in check's words, with the item's own hint where it has one."""
        words = self.checks.get(suffix)
        hint = self.item_hints.get(suffix, {}).get(item or "")
        return replace(words, hint=hint) if words is not None and hint is not None else words


class TypeChosenBy(enum.Enum):
    """What chose a scan's permit type (its checklist)."""

    CHECKLIST = "--checklist"  # a checklist file of one's own
    TYPE = "--type"
    ANSWERS = "permit-check.toml"  # its `type`
    FORM_CODE = "form-code"  # the permit-type code of the IMM 1295
    FORM = "form"  # the application form found in the folder (a guess when several types share it)


# The words of the two ways permit-check chooses the type itself, and of a redacted --checklist; the others are
# the option or file that named it, said as they are.
TYPE_FROM_FORM_CODE = N_("the permit type named in the application form")
TYPE_FROM_FORM = N_("form IMM {number} in the folder")
TYPE_FROM_REDACTED_CHECKLIST = N_("--checklist (redacted)")


@dataclass(frozen=True)
class TypeSource:
    """How the permit type was chosen, as values: what chose it, the form's number when a form did, the checklist
    file when one was given (None once redacted). Worded once, in the language it is said in (said_in); the
    JSON report keeps the English words (str())."""

    chosen_by: TypeChosenBy
    form: str | None = None
    checklist: str | None = None

    def said_in(self, lang: str) -> str:
        catalogue = translations(lang)
        if self.chosen_by is TypeChosenBy.FORM:
            return catalogue.gettext(TYPE_FROM_FORM).format(number=self.form)
        if self.chosen_by is TypeChosenBy.FORM_CODE:
            return catalogue.gettext(TYPE_FROM_FORM_CODE)
        if self.chosen_by is TypeChosenBy.CHECKLIST:
            return f"--checklist {self.checklist}" if self.checklist is not None else \
                catalogue.gettext(TYPE_FROM_REDACTED_CHECKLIST)
        return str(self.chosen_by.value)

    def __str__(self) -> str:
        return self.said_in("en")


@dataclass(frozen=True)
class Report:
    """Everything one scan of one folder found; renderers turn it into text, JSON, ..."""

    tool_version: str
    checklist: ChecklistRef
    folder: str
    as_of: str
    channel: str
    channel_title: str
    type_source: TypeSource
    items: tuple[ItemResult, ...]
    files: tuple[FileResult, ...]
    findings: tuple[Finding, ...] = field(default=())
    suppressed: int = 0
    lang: str = "en"
    # (path, the parser's own message) of each file it could not read: only `scan -v` shows them, on stderr,
    # since they may quote the document. No report format includes them; --redact drops them.
    details: tuple[tuple[str, str], ...] = ()
    known_errors: int = 0  # errors the --baseline report already had: hidden, yet still there
    # Where CI formats locate files: the folder as a file:// URI ending in '/' (None once redacted), and the
    # answers file's path in the folder when the scan read one there (folder-level findings point at it).
    folder_uri: str | None = None
    answers: str | None = None
    seconds: float | None = None  # how long the scan took (JUnit's time)
    rule_book: RuleBook = field(default_factory=RuleBook)  # the words of its rules, for formats that describe them

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def open_questions(self) -> tuple[str, ...]:
        """The unanswered questions that decide whether a document is needed, in checklist order."""
        seen: dict[str, None] = {}
        for item in self.items:
            if item.status == ItemStatus.DEPENDS:
                seen.update(dict.fromkeys(item.depends_on))
        return tuple(seen)

    @property
    def ready(self) -> bool:
        """No error, none hidden by a baseline, and no document waiting on an unanswered question."""
        return self.count(Severity.ERROR) == 0 and self.known_errors == 0 and not self.open_questions()

    def worst(self) -> Severity | None:
        return max((finding.severity for finding in self.findings), default=None)

    def to_record(self) -> dict[str, Any]:
        return {
            "tool": {"name": "permit-check", "version": self.tool_version},
            "checklist": {
                "id": self.checklist.id,
                "version": self.checklist.version,
                "title": self.checklist.title,
            },
            "folder": self.folder,
            "as_of": self.as_of,
            "channel": self.channel,
            "lang": self.lang,
            "type_source": str(self.type_source),
            "ready": self.ready,
            "summary": {
                "error": self.count(Severity.ERROR),
                "warning": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "files": len(self.files),
                "suppressed": self.suppressed,
            },
            "items": [item.to_record() for item in self.items],
            "files": [file.to_record() for file in self.files],
            "findings": [finding.to_record() for finding in self.findings],
            **({"baseline": {"known": self.suppressed, "known_errors": self.known_errors}} if self.suppressed else {}),
        }


@dataclass(frozen=True)
class FolderError:
    """A folder that could not be scanned at all (invalid permit-check.toml, unknown type...)."""

    folder: str
    message: str


@dataclass(frozen=True)
class Batch:
    """The reports of one run: one per folder scanned, and the folders that could not be scanned."""

    tool_version: str
    as_of: str
    reports: tuple[Report, ...]
    errors: tuple[FolderError, ...] = ()
    # The language of what the batch says itself (the summary, the folders that could not be scanned):
    # --lang, else the reports' own when they all agree, else English (commands/scan.py's batch_language).
    lang: str = "en"

    @property
    def single(self) -> Report | None:
        """The report when exactly one folder was scanned successfully and nothing failed."""
        return self.reports[0] if len(self.reports) == 1 and not self.errors else None

    def count(self, severity: Severity) -> int:
        return sum(report.count(severity) for report in self.reports)

    @property
    def ready(self) -> bool:
        return not self.errors and all(report.ready for report in self.reports)

    def worst(self) -> Severity | None:
        return max((severity for report in self.reports if (severity := report.worst()) is not None), default=None)

    def to_record(self) -> dict[str, Any]:
        return {
            "tool": {"name": "permit-check", "version": self.tool_version},
            "as_of": self.as_of,
            "ready": self.ready,
            "summary": {
                "folders": len(self.reports) + len(self.errors),
                "ready": sum(1 for report in self.reports if report.ready),
                "error": self.count(Severity.ERROR),
                "warning": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "suppressed": sum(report.suppressed for report in self.reports),
            },
            "reports": [report.to_record() for report in self.reports],
            "errors": [{"folder": error.folder, "message": error.message} for error in self.errors],
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
    ocr_pages_read: int | None = None  # OCR read only this many pages in the time allowed; later ones unread

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

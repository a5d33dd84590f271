"""The shape of a file problem that an inspector reports instead of raising."""

from __future__ import annotations

from typing import Any

from permit_check.files.os_words import BY_TEXT
from permit_check.i18n import N_, decimal, translations

# Every kind a problem can have: the one list of them. Each kind's check (id, severity, message, hint) is its entry
# in rules/checks/damage.py's BY_PROBLEM, and schemas/facts.schema.json lists the kinds for rules and readers;
# tests/unit/rules/test_damage.py fails when the three disagree.
PROBLEM_KINDS = ("password", "damaged", "repairable", "truncated", "too-complex", "too-large", "unsupported",
                 "unreadable", "timeout", "crashed")
DETAIL_LIMIT = 500
# Why a page could not be checked (see files/inspectors/page_images.Skipped): said by the passport check, `read`,
# and `letter` when OCR could read none of a letter's words.
UNCHECKED_PAGES = {
    "pixels": N_("page {page} is a picture of more than {limit} million pixels"),
    "pages": N_("the pages from page {page} on are past the first {limit} read"),
}


class ContentTooComplex(Exception):
    """A document's content goes past a reader's safety limits (raised by text extraction)."""


class ContentUnreadable(Exception):
    """A document that cannot be opened to read its text: `kind` is "damaged" or "password"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def problem(kind: str, reason: str, error: BaseException | str | None = None, **values: str) -> dict[str, Any]:
    """A problem of `kind`; `reason` is one of permit-check's own sentences (a catalogue message, English,
    with {placeholders} filled from `values`), never a parser's message. The report says it in its language.

    A parser's message may quote the document (a form field's value, raw bytes of the file) and
    Python object ids that change on every run; it is kept apart as `detail`, which only `scan -v`
    shows, on stderr, and never with --redact.
    """
    if kind not in PROBLEM_KINDS:
        raise ValueError(f"unknown problem kind {kind!r}")
    found: dict[str, Any] = {"kind": kind, "reason": reason.format(**values) if values else reason}
    if values:
        found.update(reason_id=reason, values=values)
    if error is not None:
        detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        found["detail"] = detail[:DETAIL_LIMIT]
    return found


def reason_in(found: dict[str, Any], lang: str) -> str:
    """A problem's reason in the report's language, from the catalogue; a time limit ('1.5' seconds) is written
    with the language's decimal mark."""
    catalogue = translations(lang)
    # A reason that is the operating system's words ("Permission denied") is said from the catalogue too.
    text = catalogue.gettext(found.get("reason_id") or BY_TEXT.get(found["reason"], found["reason"]))
    if "values" not in found:
        return text
    values = dict(found["values"])
    if "seconds" in values:
        values["seconds"] = decimal(float(values["seconds"]), lang)
    return text.format(**values)

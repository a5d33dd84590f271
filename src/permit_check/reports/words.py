"""The words of the reports themselves (headings, labels, verdicts): English here, other languages from the
message catalogue (i18n), looked up for the report's language."""

from __future__ import annotations

from collections.abc import Sequence

from permit_check.i18n import N_, in_language, translations
from permit_check.model import ItemStatus, Report, Severity

TABLE_HEADERS = (N_("Folder"), N_("Type"), N_("Ready"), N_("Errors"), N_("Warnings"))

WORDS: dict[str, str] = {
    "folder": N_("Folder"),
    "as_of": N_("As of"),
    "upload": N_("Upload"),
    "fix": N_("fix"),
    "not_needed": N_("Not needed here"),
    "stray": N_("Files not placed in any item"),
    "all_in_order": N_("Every item is in order."),
    "no_item_error": N_("No item has an error."),
    "required": N_("required"),
    "summary": N_("Summary"),
    "in": N_("in"),
    "known_from_baseline": N_("known from the baseline not shown"),
    "not_shown": N_("-q hides {what}"),
    "scan_shows": N_("permit-check scan also shows {what}"),
    "and": N_("and"),
    "ready": N_("READY TO SUBMIT: no errors found"),
    "worth_a_look": N_("worth a look"),
    "letter_open": N_("NOT DONE: the folder has no errors, but {count} point(s) of the letter remain (see above)"),
    "letter_also": N_("{count} point(s) of the letter also remain (see above)."),
    "not_ready": N_("NOT READY"),
    "could_not_scan": N_("Could not be scanned"),
    "depends": N_("Depends on your answers"),
    "answer_in": N_("answer in permit-check.toml"),
    "decides": N_("decides"),
    "no_new": N_("no new problems"),
    "known_errors": N_("{known} known from the baseline"),
    "to_fix": N_("{errors} to fix"),
    "unanswered_message": N_("Unanswered in permit-check.toml: {question} ({key}). It decides whether these are "
                             "needed: {documents}."),
    "unanswered_hint": N_("Answer it in permit-check.toml: {line}"),
    "to_answer": N_("answer {questions} in permit-check.toml: which documents are needed depends on it"),
    "to_answer_many": N_("answer {questions} in permit-check.toml: which documents are needed depends on them"),
    "yes": N_("yes"),
    "no": N_("no"),
    "error": N_("error"),
    "heading": N_("Application check"),
    "intro": N_("Checked by permit-check {version} against IRCC's requirements as of {as_of}. Nothing was sent "
                "anywhere; this report names files and problems, not what the documents say."),
    "permit_type": N_("Permit type"),
    "submitted": N_("Submitted through"),
    "files_checked": N_("Files checked"),
    "findings": N_("Findings"),
    "about": N_("About the application"),
    "checklist": N_("Checklist"),
    "files": N_("Files"),
    "no_file": N_("No file in the folder."),
    "how_to_fix": N_("How to fix:"),
    "baseline": N_("{count} findings already known from the baseline report are not shown."),
    "cannot_check": N_("Could not be checked:"),
    "ready_short": N_("Ready to submit:"),
    "not_ready_short": N_("Not ready:"),
    "ready_detail": N_("no errors found ({warnings} worth a look)."),
    "ready_clean": N_("no errors or warnings found."),
    "not_ready_detail": N_("{errors} to fix before you submit."),
    "footer": N_("Rules come from IRCC's published checklists and instructions."),
    "page_ready": N_("ready"),
    "page_not_ready": N_("not ready"),
    "fix_first": N_("Fix these first"),
    "look_first": N_("Worth a look"),
    "more_below": N_("{count} more in the details below."),
    "every_item": N_("Every item"),
    "col_item": N_("Item"),
    "col_state": N_("State"),
    "col_files": N_("Files"),
    "details_heading": N_("Details"),
    "unplaced_file": N_("A file not placed in any item"),
    "questions_heading": N_("Questions to answer"),
    "question_badge": N_("Question"),
    "questions_to_answer": N_("answer {questions} below: which documents are needed depends on them"),
    "questions_intro": N_("Answer them in permit-check.toml (permit-check init writes one with every question)."),
    "consultant": N_("For your consultant"),
    "consultant_intro": N_("The checklist, each finding's rule id and each item's condition as permit-check "
                           "reads them."),
    "type_source": N_("Permit type from"),
    "col_rule": N_("Rule"),
    "col_severity": N_("Severity"),
    "col_item_id": N_("Item id"),
    "col_file": N_("File"),
    "col_condition": N_("Condition"),
    "sources": N_("Each rule's source (IRCC page and the day it was reviewed):"),
    "col_folder": N_("Folder"),
    "col_type": N_("Permit type"),
    "col_ready": N_("Ready?"),
    "col_errors": N_("Errors"),
    "col_warnings": N_("Warnings"),
    "yes_cap": N_("Yes"),
    "no_cap": N_("No"),
}

# An item's state in the HTML report's overview; "depends" is an item that depends on answers not given.
STATE_LABELS = {
    "ok": N_("OK"),
    "check": N_("OK, with warnings"),
    "missing": N_("Missing"),
    "problem": N_("Problem"),
    "depends": N_("Depends on your answers"),
    "not-needed": N_("Not needed"),
    "optional": N_("Optional"),
}
STATUS_BADGES = {ItemStatus.OK: N_("OK"), ItemStatus.MISSING: N_("Missing"), ItemStatus.INVALID: N_("Problem"),
                 ItemStatus.NOT_APPLICABLE: N_("Not needed"), ItemStatus.OPTIONAL: N_("Optional"),
                 ItemStatus.DEPENDS: N_("Depends on your answers")}
SEVERITY_BADGES = {Severity.ERROR: N_("Error"), Severity.WARNING: N_("Warning"), Severity.INFO: N_("Note")}


def table_headers(lang: str) -> tuple[str, ...]:
    return tuple(translations(lang).gettext(header) for header in TABLE_HEADERS)


def words_in(lang: str) -> dict[str, str]:
    return in_language(WORDS, lang)


def status_text(status: ItemStatus, lang: str) -> str:
    """MISSING, PROBLEM, ... as the text report prints them (shorter than the badges)."""
    catalogue = translations(lang)
    return {
        ItemStatus.OK: catalogue.pgettext("status", "ok"),
        ItemStatus.MISSING: catalogue.pgettext("status", "MISSING"),
        ItemStatus.INVALID: catalogue.pgettext("status", "PROBLEM"),
        ItemStatus.NOT_APPLICABLE: catalogue.pgettext("status", "n/a"),
        ItemStatus.OPTIONAL: catalogue.pgettext("status", "optional"),
        ItemStatus.DEPENDS: catalogue.pgettext("status", "DEPENDS"),
    }[status]


def severity_text(severity: Severity, lang: str) -> str:
    """error, warning, info as the text report prints them."""
    catalogue = translations(lang)
    return {
        Severity.ERROR: catalogue.pgettext("severity", "error"),
        Severity.WARNING: catalogue.pgettext("severity", "warning"),
        Severity.INFO: catalogue.pgettext("severity", "info"),
    }[severity]


def colon(lang: str) -> str:
    """": " in English; French typography puts a space before a colon."""
    return translations(lang).pgettext("colon", ": ")


def semicolon(lang: str) -> str:
    """"; " in English; French typography puts a space before a semicolon."""
    return translations(lang).pgettext("semicolon", "; ")


def listing(values: Sequence[str], lang: str) -> str:
    """'a, b and c' / 'a, b et c'."""
    conjunction = translations(lang).gettext("and")
    return ", ".join(values[:-1]) + f" {conjunction} {values[-1]}" if len(values) > 1 else values[0]


def not_ready_detail(report: Report, questions_part: str | None = None) -> str:
    """Why a report is not ready: errors to fix, errors a baseline hides, questions to answer.

    `questions_part` says the open questions another way (the HTML counts them and points below);
    by default they are named."""
    lang, words = report.lang, words_in(report.lang)
    errors, questions = report.count(Severity.ERROR), report.open_questions()
    if errors and not report.known_errors and not questions:
        return words["not_ready_detail"].format(errors=plural(errors, "error", lang))
    parts = []
    if errors:
        parts.append(words["to_fix"].format(errors=plural(errors, "error", lang)))
    elif report.known_errors:
        parts.append(words["no_new"])
    if report.known_errors:
        parts.append(words["known_errors"].format(known=plural(report.known_errors, "error", lang)))
    if questions and questions_part is not None:
        parts.append(questions_part)
    elif questions:
        key = "to_answer_many" if len(questions) > 1 else "to_answer"
        parts.append(words[key].format(questions=listing(questions, lang)))
    return semicolon(lang).join(parts) + "."


def batch_line(folders: int, ready: int, not_ready: int, failed: int, lang: str) -> str:
    """The last line of a batch's text report: "3 folders: 1 ready, 2 not ready, 1 could not be scanned." (each
    count's words agree with it)."""
    catalogue = translations(lang)
    failed_part = catalogue.ngettext(", {count} could not be scanned", ", {count} could not be scanned",
                                     failed).format(count=failed) if failed else ""
    return catalogue.gettext("{folders}: {ready}, {not_ready}{failed}.").format(
        folders=plural(folders, "folder", lang), failed=failed_part,
        ready=catalogue.ngettext("{count} ready", "{count} ready", ready).format(count=ready),
        not_ready=catalogue.ngettext("{count} not ready", "{count} not ready", not_ready).format(count=not_ready))


def summary_heading(ready: int, total: int, lang: str) -> str:
    """The heading of a batch's HTML summary: "Summary: 1 of 3 folders ready"."""
    return translations(lang).ngettext("Summary: {ready} of {total} folders ready",
                                       "Summary: {ready} of {total} folders ready", ready).format(ready=ready,
                                                                                                  total=total)


def plural(count: int, noun: str, lang: str) -> str:
    """"1 error", "2 errors" (in French, 0 and 1 take the singular)."""
    catalogue = translations(lang)
    nouns = {
        "error": catalogue.npgettext("count", "error", "errors", count),
        "warning": catalogue.npgettext("count", "warning", "warnings", count),
        "note": catalogue.npgettext("count", "note", "notes", count),
        "file": catalogue.npgettext("count", "file", "files", count),
        "folder": catalogue.npgettext("count", "folder", "folders", count),
        "finding": catalogue.npgettext("count", "finding", "findings", count),
        "item": catalogue.npgettext("count", "item", "items", count),
        "question": catalogue.npgettext("count", "question", "questions", count),
    }
    return f"{count} {nouns[noun]}"

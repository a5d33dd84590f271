"""`permit-check init`: writes a commented permit-check.toml, the questions a checklist depends on, pre-filled
from the IRCC forms already in the folder."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from permit_check.commands.result import EXIT_OK, CommandResult
from permit_check.commands.scan import ScanOptions, choose_checklist, default_jobs
from permit_check.errors import UsageProblem
from permit_check.files.gather import GatherOptions, examine_folder
from permit_check.files.ircc_forms import FormIdentity, ircc_form
from permit_check.files.resources import description_in, load_schema
from permit_check.files.safe_write import create_whole, refuse_unless_regular, write_whole
from permit_check.files.walk import APPLICATION_FILE, check_folder
from permit_check.i18n import N_, translations
from permit_check.reports.words import semicolon
from permit_check.rules.answer_facts import OFFER_NUMBER, WORK_BASIS, build_case
from permit_check.rules.answers import Application
from permit_check.rules.checklist import Checklist, load_checklist
from permit_check.rules.conditions import schema_paths

# What the permit type decides when it was guessed from a form several types share.
GUESSED_TYPE = N_("the whole checklist (guessed: {type}; could also be {others})")
# Derived facts -> the answer they come from.
DERIVED: dict[tuple[str, ...], list[tuple[str, ...]]] = {
    ("applicant", "age"): [("applicant", "date_of_birth")],
    ("work", "duration_days"): [("work", "start"), ("work", "end")],
    ("iec", "days_since_acceptance"): [("iec", "invitation_accepted")],
    ("study", "days_since_final_marks"): [("study", "final_marks")],
}
DOCUMENT_DERIVED = {
    "age_days": "issued", "days_left": "expires", "days_after_work_end": "expires",
    "days_after_work_start": "expires", "permit_cut_days": "expires", "days_after_final_marks": "expires",
    "days_expired": "expires",
    "needs_translation": "language",
}
# Always asked: the permit type and channel, and who the applicant is (compared with every form).
ALWAYS: list[tuple[str, ...]] = [("type",), ("channel",), ("applicant", "family_name"),
                                 ("applicant", "given_names"), ("applicant", "date_of_birth"),
                                 ("applicant", "passport_number")]
SECTION_ORDER = ["applicant", "work", "study", "language", "principal", "iec", "status", "family", "representative",
                 "release_of_information", "requested", "documents"]
# A form field -> the answer it fills in.
FORM_ANSWERS: dict[str, tuple[str, ...]] = {
    "family_name": ("applicant", "family_name"),
    "given_names": ("applicant", "given_names"),
    "date_of_birth": ("applicant", "date_of_birth"),
    "passport_number": ("applicant", "passport_number"),
    "work_from": ("work", "start"),
    "work_to": ("work", "end"),
    "passport_expiry": ("documents", "passport", "expires"),
}
MARITAL = {"married", "single", "common-law", "divorced", "separated", "widowed"}


def questions(checklist: Checklist) -> list[tuple[str, ...]]:
    """The answer paths this checklist's conditions and rules read, in a stable order."""
    wanted: list[tuple[str, ...]] = list(ALWAYS)
    schemas = [item.condition for item in checklist.items if item.condition is not None]
    rules = [*checklist.file_rules, *checklist.application_rules, *(rule for item in checklist.items
                                                                     for rule in item.rules)]
    schemas += [rule.when for rule in rules if rule.when is not None]
    schemas += [rule.schema for rule in checklist.application_rules]
    for schema in schemas:
        for path in schema_paths(schema):
            if len(path) == 2 or path == ("channel",):
                wanted += DERIVED.get(path, [path])
    for item in checklist.items:
        for rule in item.rules:
            for path in schema_paths(rule.schema):
                if len(path) == 2 and path[0] == "document" and path[1] in DOCUMENT_DERIVED:
                    wanted.append(("documents", item.id, DOCUMENT_DERIVED[path[1]]))
    seen: dict[tuple[str, ...], None] = {}
    for path in wanted:
        if path[0] not in ("as_of", "documents") or len(path) == 3:
            seen.setdefault(path, None)
    # Stable: within a section, questions keep the order they were first met in (identity first).
    return sorted(seen, key=lambda path: (len(path) > 1, _section_rank(path[0]), path[:-1]))


def _section_rank(section: str) -> int:
    return SECTION_ORDER.index(section) if section in SECTION_ORDER else len(SECTION_ORDER)


def prefill(forms: list[FormIdentity], main_forms: tuple[str, ...]) -> dict[tuple[str, ...], Any]:
    """Answers read from the IRCC forms in the folder (the application form first)."""
    known: dict[tuple[str, ...], Any] = {}
    ordered = sorted(forms, key=lambda form: form.number not in main_forms)
    for form in ordered:
        data = form.data
        for field, path in FORM_ANSWERS.items():
            if data.get(field):
                known.setdefault(path, data[field])
        basis = WORK_BASIS.get(str(data.get("work_permit_type") or "").strip().upper())
        if basis:
            known.setdefault(("work", "basis"), basis)
        number = str(data.get("lmia_or_offer_number") or "").strip()
        if number:
            known.setdefault(("work", "offer_number" if OFFER_NUMBER.match(number) else "lmia_number"), number)
        if data.get("status_expiry"):
            known.setdefault(("documents", "status-document", "expires"), data["status_expiry"])
        if data.get("marital_status") in MARITAL:
            known.setdefault(("applicant", "marital_status"), data["marital_status"])
        if form.number == "5476":
            known.setdefault(("representative", "used"), True)
        if form.number == "5409":
            known.setdefault(("applicant", "marital_status"), "common-law")
    return known


def _schema_for(path: tuple[str, ...]) -> dict[str, Any]:
    node: dict[str, Any] = load_schema("application")
    for step in path:
        properties = node.get("properties", {})
        node = properties[step] if step in properties else node.get("additionalProperties", {})
    return node


def _toml_value(value: Any, schema: dict[str, Any]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if schema.get("format") == "date":
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            pass
    return toml_string(str(value))


# Escaped in a TOML string: what TOML requires (quote, backslash, C0 controls, DEL), and what a terminal or editor
# would act on or show misleadingly (C1 controls, line separators, bidi overrides).
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]')
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"  # half a surrogate pair (undecodable bytes) cannot be written as UTF-8
    return _SHORT_ESCAPES.get(char, f"\\u{ord(char):04X}")


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text`: a value read from a form can never end it early."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _example(schema: dict[str, Any], lang: str) -> str:
    if "enum" in schema:
        return json.dumps(schema["enum"][0])
    if schema.get("format") == "date":
        return translations(lang).gettext("YYYY-MM-DD")  # as the reports' hints write it: AAAA-MM-JJ in French
    return {"boolean": "true", "integer": "0"}.get(schema.get("type", "string"), '"..."')


def _comment(schema: dict[str, Any], lang: str) -> str:
    parts = []
    if "enum" in schema:
        parts.append(" | ".join(str(choice) for choice in schema["enum"]))
    if description := description_in(schema, lang):
        parts.append(description)
    return f"  # {semicolon(lang).join(parts)}" if parts else ""


def _nested(known: dict[tuple[str, ...], Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for path, value in known.items():
        node = answers
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = value
    return answers


def deciding_questions(checklist: Checklist, known: dict[tuple[str, ...], Any], channel: str,
                       forms: list[FormIdentity], as_of: dt.date) -> dict[tuple[str, ...], list[str]]:
    """The unanswered questions that decide whether documents are needed, each with those documents'
    titles: what a scan of the folder would report under "Depends on your answers"."""
    case = build_case(Application(_nested(known)), as_of=as_of, channel=channel, forms=forms,
                      main_forms=checklist.application_forms(), applying_from=checklist.applying_from)
    deciding: dict[tuple[str, ...], list[str]] = {}
    for item in checklist.items:
        for key in item.requirement(case).depends_on:
            deciding.setdefault(tuple(key.split(".")), []).append(item.title)
    return deciding


def render_template(checklist: Checklist, known: dict[tuple[str, ...], Any], channel: str,
                    deciding: dict[tuple[str, ...], list[str]] | None = None,
                    other_types: tuple[str, ...] = (), lang: str = "en") -> str:
    """The file's text: answered lines, and commented-out lines for what is still to answer; the
    questions that decide documents are listed at the top and flagged where they are answered.

    `other_types`: the permit type was guessed from a form these types share; `type` is then left
    as a question (a guess written as an answer would read as the applicant's own)."""
    say = translations(lang)
    known = {**({} if other_types else {("type",): checklist.id}), ("channel",): channel, **known}
    if lang != "en":  # the file was written in this language: the commands that read it answer in it too
        known[("lang",)] = lang
    deciding = dict(deciding or {})
    if other_types and ("type",) not in deciding:
        deciding = {("type",): [say.gettext(GUESSED_TYPE).format(type=checklist.id, others=", ".join(other_types))],
                    **deciding}
    lines = [
        "# " + say.gettext("permit-check answers for: {title}").format(title=checklist.title),
        "# " + say.gettext("Lines starting with '#' are questions still to answer: remove the '#' and fill in "
                           "the value."),
        "# " + say.gettext("Checked with: permit-check scan <this folder>"),
    ]
    if deciding:
        lines += ["#", "# " + say.ngettext(
            "UNANSWERED: {count} question below decides which documents you need; until answered, the folder is "
            "NOT READY.",
            "UNANSWERED: {count} questions below decide which documents you need; until answered, the folder is "
            "NOT READY.", len(deciding)).format(count=len(deciding))]
        for path, titles in deciding.items():
            lines.append("#   " + say.gettext("{question} -- decides: {documents}").format(
                question=".".join(path), documents="; ".join(titles)))
    lines.append("")
    current: tuple[str, ...] = ()
    wanted = questions(checklist)
    extra = [path for path in known if path not in wanted]  # form answers no condition reads (LMIA number...)
    for path in sorted([*wanted, *extra], key=lambda path: (len(path) > 1, _section_rank(path[0]), path[:-1])):
        section, key = path[:-1], path[-1]
        if section != current:
            lines += ["", f"[{'.'.join(section)}]"]
            current = section
        schema = _schema_for(path)
        if path in known:
            lines.append(f"{key} = {_toml_value(known[path], schema)}{_comment(schema, lang)}")
        else:
            if path in deciding:
                lines.append("# " + say.gettext("UNANSWERED -- decides: {documents}").format(
                    documents="; ".join(deciding[path])))
            if path == ("type",):
                choices = " | ".join((checklist.id, *other_types))
                lines.append(f"# type = {json.dumps(checklist.id)}  # {choices}")
                continue
            lines.append(f"# {key} = {_example(schema, lang)}{_comment(schema, lang)}")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def write_template(target: Path, text: str, *, force: bool) -> None:
    """Writes the file whole and never through a link (safe_write); an existing one is only replaced with force."""
    if force:
        write_whole(target, text.encode("utf-8"))
    else:
        refuse_unless_regular(target)
        create_whole(target, text.encode("utf-8"))


def init(folder: Path, type_id: str | None, channel: str, *, force: bool, as_of: dt.date,
         lang: str = "en") -> CommandResult:
    """Writes FOLDER/permit-check.toml for the permit type (without one, the type of the IRCC form in FOLDER),
    with what the folder's IRCC forms already answer and the questions that decide documents listed first
    (as they stand on `as_of`, the CLI's day)."""
    resolved = check_folder(folder)
    target = resolved / APPLICATION_FILE
    # Refused before the forms are read: a link or a FIFO planted under the name, or a file without --force.
    refuse_unless_regular(target, str(folder / APPLICATION_FILE))
    exists = UsageProblem(N_("{path} already exists; use --force to replace it"), path=folder / APPLICATION_FILE)
    if target.exists() and not force:
        raise exists
    if type_id:
        load_checklist(type_id)  # an unknown type fails before the forms are read
    _, facts, _ = examine_folder(resolved, GatherOptions(jobs=default_jobs()))
    choice = choose_checklist(ScanOptions(folder=resolved, type=type_id, as_of=as_of), Application(), facts, lang)
    loaded = choice.checklist
    forms = [form for entry in facts if (form := ircc_form(entry))]
    known = prefill(forms, loaded.application_forms())
    deciding = deciding_questions(loaded, known, channel, forms, as_of)
    if choice.alternatives:  # the type itself is the first question
        deciding = {("type",): [translations(lang).gettext(GUESSED_TYPE).format(
            type=loaded.id, others=", ".join(choice.alternatives))], **deciding}
    try:
        write_template(target, render_template(loaded, known, channel, deciding, choice.alternatives, lang),
                       force=force)
    except FileExistsError:
        raise exists from None
    say = translations(lang)
    numbers = sorted({form.number for form in forms})
    source = say.gettext(" from {forms}").format(forms=", ".join("IMM " + number for number in numbers)) \
        if numbers and known else ""
    inferred = "" if type_id else say.gettext(" (permit type {type}, from the forms found)").format(type=loaded.id)
    if choice.alternatives:
        inferred = say.gettext(" (permit type guessed from the forms: {type}; it could also be {others}: answer "
                               "`type` in the file)").format(type=loaded.id, others=", ".join(choice.alternatives))
    lines = [say.ngettext("Wrote {path}{inferred}: {count} answer filled in{source}.",
                          "Wrote {path}{inferred}: {count} answers filled in{source}.", len(known)).format(
        path=folder / APPLICATION_FILE, inferred=inferred, count=len(known), source=source)]
    if deciding:
        lines.append(say.ngettext(
            "{count} question that decide which documents you need is still open: {questions} (marked UNANSWERED "
            "in the file).",
            "{count} questions that decide which documents you need are still open: {questions} (marked "
            "UNANSWERED in the file).", len(deciding)).format(
            count=len(deciding), questions=", ".join(".".join(path) for path in deciding)))
    else:
        lines.append(say.gettext("No question that decides which documents you need is open."))
    lines.append(say.gettext("Open it, answer the commented-out questions, then run: permit-check {folder}").format(
        folder=folder))
    return CommandResult("".join(line + "\n" for line in lines), EXIT_OK)

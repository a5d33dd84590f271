"""The scan: for each folder, gather facts (and the MRZ of the passports named as such, as they come, when the
checklist is known in advance) -> choose checklist -> read the MRZs still needed -> read needed text -> read
the MRZ of scans their text places in the passport slot -> build the answers' facts -> evaluate -> Report;
then the batch of reports rendered in the format asked for."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from permit_check import __version__
from permit_check.commands.checklists import load_checklist_file
from permit_check.commands.output import check_output_file, check_output_place, step_summary_file
from permit_check.commands.result import EXIT_FINDINGS, EXIT_OK, CommandResult
from permit_check.errors import ConfigProblem, PermitCheckError, UsageProblem, named_by
from permit_check.files.gather import EarlyMrz, GatherOptions, Progress, examine_folder, read_mrzs, read_texts
from permit_check.files.ircc_forms import ircc_form, load_editions
from permit_check.files.walk import APPLICATION_FILE, Entry, check_folder, subfolders
from permit_check.i18n import N_
from permit_check.limits import Limits
from permit_check.model import (
    Batch,
    ChecklistRef,
    Context,
    Finding,
    FolderError,
    Report,
    Severity,
    TypeChosenBy,
    TypeSource,
)
from permit_check.reports import RENDERERS, RenderOptions
from permit_check.reports.baseline import apply_baseline, load_baseline
from permit_check.reports.github import step_summary
from permit_check.reports.redact import redact_batch
from permit_check.reports.visible import visible
from permit_check.reports.words import colon, semicolon
from permit_check.rules.answer_facts import build_case
from permit_check.rules.answers import DEFAULT_CHANNEL, Application, answers_language, load_application
from permit_check.rules.checklist import Channel, Checklist, available_types, load_checklist
from permit_check.rules.checks import folder as folder_checks
from permit_check.rules.consistency import compared_zone, form_statements
from permit_check.rules.evaluation import ExaminedFile, evaluate
from permit_check.rules.placement import (
    mrz_needed,
    mrz_needed_by_text,
    needs_mrz,
    passport_by_name,
    text_pages,
    texts_needed,
)
from permit_check.rules.rule_book import rule_book

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}


@dataclass(frozen=True)
class ScanOptions:
    """Everything a scan needs to know, gathered by the CLI (or a test) into one frozen object."""

    folder: Path
    type: str | None = None
    checklist: Path | str | None = None  # a file (Path), or a built-in checklist's id (str), as the CLI told them
    application: Path | None = None
    channel: str | None = None
    as_of: dt.date = field(kw_only=True)  # the CLI's --as-of, or today: the CLI is the one place that chooses
    editions: Path | None = None
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    cache_dir: Path | None = None  # None: no cache
    lang: str | None = None  # None: 'lang' in permit-check.toml, else English
    exclude: tuple[str, ...] = ()  # globs of paths to leave out, added to permit-check.toml's `exclude`

    @property
    def gathering(self) -> GatherOptions:
        return GatherOptions(self.jobs, self.limits, self.cache_dir)


@dataclass(frozen=True)
class Scanned:
    """A scan's report with what it was made from: `entries[i]` and `digests[i]` belong to `report.files[i]`,
    and the checklist it was judged against (pack and letter use it as it was loaded)."""

    report: Report
    entries: list[Entry]
    digests: list[str | None]
    checklist: Checklist


@dataclass(frozen=True)
class ReportRequest:
    """How the batch of reports is to be written: format, threshold, baseline, redaction, verbosity, colour."""

    format: str = "text"
    output: Path | None = None
    fail_on: str = "error"
    baseline: Path | None = None
    redact: bool = False
    verbosity: int = 0  # -v minus -q
    colour: bool = False
    root_uri: str | None = None  # the working directory as a file:// URI, for SARIF (None with --redact)
    progress: Progress | None = None  # told (done, total) as files are examined


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# The IMM 1295's "type of work permit" code, where it names one permit type only.
PERMIT_TYPE_CODES = {"LMOS": "work-permit-outside-canada", "SAWP": "work-permit-outside-canada",
                     "ELMO": "work-permit-outside-canada", "PGWP": "pgwp"}


@dataclass(frozen=True)
class TypeChoice:
    """The checklist a scan uses, what chose it, and -- when it was guessed from a form that several
    permit types share -- the other types it could be."""

    checklist: Checklist
    source: TypeSource
    alternatives: tuple[str, ...] = ()


def _guess_from_forms(facts: list[dict[str, Any]], lang: str) -> TypeChoice | None:
    """The permit type an application form in the folder points at. IMM 5710 serves an extension, a
    PGWP and a spousal permit alike: unless the form's own permit-type code settles it, the other
    candidates are kept, so the report can say the type is a guess."""
    forms = [form for entry in facts if (form := ircc_form(entry))]
    numbers = {form.number for form in forms}
    codes = {str(form.data.get("work_permit_type") or "").strip().upper() for form in forms}
    named = {PERMIT_TYPE_CODES[code] for code in codes if code in PERMIT_TYPE_CODES}
    if len(named) == 1:
        type_id = named.pop()
        return TypeChoice(load_checklist(type_id, lang), TypeSource(TypeChosenBy.FORM_CODE))
    for type_id in available_types():
        checklist = load_checklist(type_id, lang)
        found = sorted(numbers & set(checklist.main_forms))
        if not found:
            continue
        others = tuple(other for other in available_types() if other != type_id
                       and numbers & set(load_checklist(other, lang).application_forms()))
        return TypeChoice(checklist, TypeSource(TypeChosenBy.FORM, form=found[0]), others)
    return None


def _type_findings(choice: TypeChoice, context: Context) -> list[Finding]:
    """A permit type guessed from a form that several types share is a deciding fact not known."""
    if not choice.alternatives:
        return []
    others = [load_checklist(other, context.lang).title for other in choice.alternatives]
    return folder_checks.type_guessed(str(choice.source.form), others, choice.checklist.id, choice.alternatives,
                                      context)


def choose_checklist(options: ScanOptions, application: Application, facts: list[dict[str, Any]],
                     lang: str) -> TypeChoice:
    if options.checklist is not None:
        loaded = (load_checklist(options.checklist, lang) if isinstance(options.checklist, str)
                  else named_by("--checklist", load_checklist_file, options.checklist, lang))
        return TypeChoice(loaded, TypeSource(TypeChosenBy.CHECKLIST, checklist=str(options.checklist)))
    if options.type:
        return TypeChoice(load_checklist(options.type, lang), TypeSource(TypeChosenBy.TYPE))
    if application.type:
        try:
            return TypeChoice(load_checklist(application.type, lang), TypeSource(TypeChosenBy.ANSWERS))
        except UsageProblem:
            # The value is not repeated: permit-check.toml may come with a hostile folder.
            raise ConfigProblem(N_("{path}: type: unknown checklist; available: {types}"),
                                path=application.source, types=', '.join(available_types())) from None
    guessed = _guess_from_forms(facts, lang)
    if guessed is not None:
        return guessed
    raise UsageProblem(N_("cannot tell which permit type this is: no IMM 1295 or IMM 5710 was found.\n"
                          "Give --type, or set type in {answers}. Types: {types}"),
                       answers=APPLICATION_FILE, types=", ".join(available_types()))


def _choose_channel(checklist: Checklist, options: ScanOptions, application: Application) -> Channel:
    channel_id = options.channel or application.channel or DEFAULT_CHANNEL
    if channel_id not in checklist.channels:
        raise ConfigProblem(N_("checklist {checklist} has no upload rules for channel {channel}"),
                            checklist=checklist.id, channel=repr(channel_id))
    return checklist.channels[channel_id]


def _early_mrz(choice: TypeChoice | None) -> EarlyMrz | None:
    """The passports whose MRZ is read while the folder is examined, so that the slowest work starts first and
    keeps every worker busy: those the checklist places in the passport slot by name, when the checklist is
    known before the files are (given as an option or in permit-check.toml). A checklist guessed from the
    forms is known only after: its passports are read then."""
    if choice is None:
        return None
    checklist = choice.checklist
    return EarlyMrz(first=lambda name: passport_by_name(checklist, name),
                    wanted=lambda facts: needs_mrz(checklist, facts))


def run(options: ScanOptions, progress: Progress | None = None) -> Report:
    """Scans one folder. Bad documents become findings; only unusable options or files raise."""
    return scan_folder(options, progress).report


def scan_folder(options: ScanOptions, progress: Progress | None = None) -> Scanned:
    """Scans one folder, keeping the walk's entries and the content hashes beside the report."""
    started = time.monotonic()
    folder = check_folder(options.folder)
    # A broken table fails before the slow part.
    editions = load_editions() if options.editions is None else named_by("--editions", load_editions, options.editions)
    application_path = options.application or folder / APPLICATION_FILE
    application = load_application(application_path, required=options.application is not None,
                                   in_folder=options.application is None)
    exclude = (*application.answers.get("exclude", ()), *options.exclude)
    context = Context(lang=options.lang or str(application.answers.get("lang") or "en"), as_of=options.as_of)
    given = options.checklist is not None or options.type or application.type
    known = choose_checklist(options, application, [], context.lang) if given else None
    entries, facts, digests = examine_folder(folder, options.gathering, progress, skip=frozenset({application_path}),
                                             exclude=exclude, early_mrz=_early_mrz(known))
    choice = known or choose_checklist(options, application, facts, context.lang)
    checklist, type_source = choice.checklist, choice.source
    channel = _choose_channel(checklist, options, application)
    forms = [form for entry_facts in facts if (form := ircc_form(entry_facts))]
    # The passports named as such were read while the folder was examined, if the checklist was known by then.
    read_mrzs(mrz_needed(checklist, facts), entries, facts, digests, options.gathering)
    texts = read_texts(texts_needed(checklist, facts), text_pages(checklist), entries, facts, digests,
                       options.gathering)
    read_mrzs(mrz_needed_by_text(checklist, facts, texts), entries, facts, digests, options.gathering)
    # The zone compared with the forms: in a file holding several people's passports, the applicant's, if told.
    stated = form_statements(application.answers, [(entry_facts, None) for entry_facts in facts],
                             checklist.application_forms())
    passport_mrz = next((zone for entry_facts in facts if (zone := compared_zone(entry_facts, stated))), None)
    case = build_case(application, as_of=context.as_of, channel=channel.id, forms=forms,
                      main_forms=checklist.application_forms(), applying_from=checklist.applying_from,
                      passport_mrz=passport_mrz)
    examined = [ExaminedFile(entry_facts, lambda index=index: texts.get(index, ""),  # type: ignore[misc]
                             digests[index])
                for index, entry_facts in enumerate(facts)]
    verdict = evaluate(checklist, channel, case, examined, answers=application.answers,
                       answered=application.source is not None, editions=editions, context=context,
                       subfolders=subfolders(entries))
    report = Report(
        tool_version=__version__,
        checklist=ChecklistRef(checklist.id, checklist.version, checklist.title),
        folder=options.folder.as_posix(),
        as_of=context.as_of.isoformat(),
        channel=channel.id,
        channel_title=channel.title,
        type_source=type_source,
        items=verdict.items,
        files=verdict.files,
        findings=(*_type_findings(choice, context), *verdict.findings),
        lang=context.lang,
        folder_uri=folder.as_uri().rstrip("/") + "/",
        seconds=time.monotonic() - started,
        answers=APPLICATION_FILE if options.application is None and application.source is not None else None,
        details=tuple((entry_facts["path"], entry_facts["problem"]["detail"]) for entry_facts in facts
                      if "detail" in (entry_facts.get("problem") or {})),
        rule_book=rule_book(checklist, context.lang),
    )
    return Scanned(report, entries, digests, checklist)


def run_language(lang: str | None, folders: Sequence[Path], application: Path | None = None) -> str:
    """The language of a whole run, resolved once, before any work: --lang, else the `lang` of the folders'
    permit-check.toml (or --application) when they agree, else English. Every line of the run is said in it:
    the command's own lines, its progress counter, and an error that stops it."""
    if lang:
        return lang
    spoken = {answers_language(application, in_folder=False) if application is not None
              else answers_language(folder / APPLICATION_FILE, in_folder=True) for folder in folders}
    chosen = spoken.pop() if len(spoken) == 1 else None
    return chosen or "en"


def batch_language(reports: Sequence[Report], lang: str | None = None) -> str:
    """What the batch says itself speaks `lang` (--lang); else the reports' language when they all speak the
    same (each folder's permit-check.toml may choose its own); else English, the language of no folder in
    particular, rather than whichever folder happened to come first."""
    if lang:
        return lang
    spoken = {report.lang for report in reports}
    return spoken.pop() if len(spoken) == 1 else "en"


def batch_of(reports: Sequence[Report], as_of: dt.date, errors: Sequence[FolderError] = (),
             lang: str | None = None) -> Batch:
    """The one place a run's batch of reports is made, in `batch_language`."""
    return Batch(__version__, as_of.isoformat(), tuple(reports), tuple(errors), batch_language(reports, lang))


def exit_code(batch: Batch, fail_on: str) -> int:
    """1 when a finding reaches --fail-on, or when an unanswered question decides a document (the
    folder's completeness is then unknown, which is worse than any warning); findings a baseline
    hides do not count."""
    threshold = FAIL_ON[fail_on]
    if threshold is None:
        return EXIT_OK
    if any(report.open_questions() for report in batch.reports):
        return EXIT_FINDINGS
    worst = batch.worst()
    return EXIT_FINDINGS if worst is not None and worst >= threshold else EXIT_OK


def scan_folders(base: ScanOptions, folders: Sequence[Path], baseline: Path | None = None,
                 progress: Progress | None = None) -> tuple[Batch, int]:
    """One report per folder; with several folders, a folder that cannot be scanned is recorded, not fatal.
    Returns the batch and the worst exit code of the folders that failed."""
    known = load_baseline(baseline) if baseline else {}
    reports: list[Report] = []
    failed: list[tuple[Path, PermitCheckError]] = []
    worst_error = EXIT_OK
    for folder in folders:
        try:
            report = run(replace(base, folder=folder), progress=progress)
        except PermitCheckError as error:
            if len(folders) == 1:
                raise
            failed.append((folder, error))
            worst_error = max(worst_error, error.exit_code)
            continue
        reports.append(apply_baseline(report, known))
    # A folder that could not be scanned is said by the batch, in the batch's language, known only now.
    lang = batch_language(reports, base.lang)
    errors = [FolderError(folder.as_posix(), _one_line(error.said_in(lang), lang)) for folder, error in failed]
    return batch_of(reports, base.as_of, errors, lang), worst_error


def _one_line(text: str, lang: str) -> str:
    """An error's lines as one: a line that ends a sentence is followed by the next as the next sentence is,
    another by the language's semicolon ("found. Give --type", "a; b"; never "found.; Give")."""
    lines = text.splitlines()
    return "".join(line + (" " if line.endswith((".", "!", "?")) else semicolon(lang)) for line in lines[:-1]) + \
        (lines[-1] if lines else "")


def _details(batch: Batch) -> tuple[str, ...]:
    """-v: the parser's own words for each file it could not read, one line per file, for stderr only.

    Never in a report: they may quote the document (a form field's value, raw bytes)."""
    return tuple(f"permit-check: {visible(path, keep='')}{colon(report.lang)}{visible(detail, keep='')}"
                 for report in batch.reports for path, detail in report.details)


def scan(base: ScanOptions, folders: Sequence[Path], request: ReportRequest) -> CommandResult:
    """`permit-check scan`: every folder scanned, the batch rendered; where it goes is checked before any work."""
    check_output_file(request.output)
    summary_file = step_summary_file() if request.format == "github" else None
    check_output_place(request.output, folders)
    batch, worst_error = scan_folders(base, folders, request.baseline, request.progress)
    if request.redact:
        batch = redact_batch(batch)
    text = RENDERERS[request.format](batch, RenderOptions(verbosity=request.verbosity, colour=request.colour,
                                                           root_uri=request.root_uri))
    return CommandResult(
        text=text,
        code=max(worst_error, exit_code(batch, request.fail_on)),
        stderr=_details(batch) if request.verbosity > 0 and not request.redact else (),
        job_summary=(summary_file, step_summary(batch)) if summary_file is not None else None,
    )

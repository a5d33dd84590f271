"""The command line: gathers options into ScanOptions, runs the engine, renders, and sets the exit code."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from permit_check import __version__
from permit_check.answers_template import deciding_questions, prefill, render_template, write_template
from permit_check.application import Application
from permit_check.baseline import apply_baseline, load_baseline
from permit_check.cache import default_cache_dir
from permit_check.checklist import available_types, load_checklist
from permit_check.describe import describe
from permit_check.engine import ScanOptions, choose_checklist, default_jobs, run, scan_folder
from permit_check.errors import ConfigProblem, PermitCheckError, UsageProblem, in_language
from permit_check.forms import default_editions_path
from permit_check.gather import GatherOptions, Progress, examine_folder
from permit_check.inventory import APPLICATION_FILE, check_folder
from permit_check.letters import classify, read_letter_file, read_letter_stdin, shared_item_titles
from permit_check.model import Batch, FolderError, Report, Severity
from permit_check.pack import PACK_WORDS, check_output, pack, prepare_output, write_manifest
from permit_check.pool import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Limits
from permit_check.reading import read_file, redacted
from permit_check.redact import redact_batch
from permit_check.renderers import RENDERERS, RenderOptions
from permit_check.renderers.github import step_summary
from permit_check.renderers.letter import points_to_do, render_letter_json, render_letter_text
from permit_check.renderers.reading import render_reading_json, render_reading_text
from permit_check.safe_write import append_to_regular_file, refuse_unless_regular, write_whole
from permit_check.visible import visible

# 2 (usage) comes from click itself or from UsageProblem; 3 from ConfigProblem and EnvironmentProblem.
EXIT_OK, EXIT_FINDINGS, EXIT_CONFIG, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 3, 4, 130
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "never": None}
CHANNELS = ("secure-account", "ircc-portal", "paper")
LANGS = ("en", "fr")
# -o's extension -> the format written when --format is not given; and the formats each extension suits.
FORMAT_OF_EXTENSION = {".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif", ".xml": "junit",
                       ".txt": "text"}
SUITED = {".json": {"json", "gitlab", "sarif"}, ".html": {"html"}, ".htm": {"html"}, ".sarif": {"sarif"},
          ".xml": {"junit"}, ".txt": {"text", "github"}}
# What CI runners and service managers send (SIGTERM), and a closed terminal (SIGHUP): stop as Ctrl-C does.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """A stop signal, raised where the run is, so that it unwinds exactly as Ctrl-C does: workers
    killed, no output half-written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopping_on_signals() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread can handle signals (a host application's thread keeps its own)
        return

    def stop(signum: int, _frame: object) -> None:
        # One stop is enough: a second signal must not cut the cleanup short.
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        raise Stopped(signum)

    previous = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:  # None: a handler set outside Python, which cannot be put back
                signal.signal(number, handler)


class DefaultToScan(click.Group):
    """`permit-check FOLDER` means `permit-check scan FOLDER`; Ctrl-C and crashes end in one line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            self._refuse_typo(ctx, args[0])
            args = ["scan", *args]
        return super().parse_args(ctx, args)

    def _refuse_typo(self, ctx: click.Context, word: str) -> None:
        """`permit-check pakc mydocs`: a word that is no path but close to a command is a typo, not a folder."""
        if word.startswith("-") or os.path.lexists(word):
            return
        close = difflib.get_close_matches(word, list(self.commands), n=1, cutoff=0.6)
        if close:
            raise click.UsageError(f"No such command '{word}'. Did you mean '{close[0]}'?", ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _stopping_on_signals():
                return super().invoke(ctx)
        except Stopped as stop:
            with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
                click.echo(f"permit-check: stopped by {signal.Signals(stop.signum).name}", err=True)
            sys.exit(128 + stop.signum)
        except KeyboardInterrupt:
            _say("\npermit-check: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`permit-check ... | head`): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FINDINGS)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if os.environ.get("PERMIT_CHECK_DEBUG"):
                raise
            _say(f"permit-check: internal error: {type(error).__name__}: {error}", err=True)
            _say("permit-check: please report this with the command you ran "
                 "(PERMIT_CHECK_DEBUG=1 shows the details)", err=True)
            sys.exit(EXIT_CRASH)


@click.group(cls=DefaultToScan, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="permit-check")
def main() -> None:
    """Check a Canadian work-permit application folder before you submit it.

    \b
    permit-check ./my-docs                      check a folder (same as: scan ./my-docs)
    permit-check ./my-docs --format json -o report.json
    permit-check checklists list                the permit types it knows
    permit-check checklists show work-permit-outside-canada

    The folder holds your documents (IRCC forms, passport scan, photo, letters) and, optionally,
    a permit-check.toml with your answers (permit type, marital status, work basis, ...).
    Nothing in the folder is changed, and nothing leaves your computer.

    Exit codes: 0 ready (nothing at or above --fail-on), 1 problems found, 2 usage error,
    3 invalid checklist or permit-check.toml, or libmagic missing, 4 internal error, 130 interrupted
    (Ctrl-C), 143 stopped by SIGTERM, 129 by SIGHUP.
    """


def _say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Prints one or more lines; names in them may hold escape codes, shown but never acted on (visible)."""
    click.echo(visible(text), err=err, nl=nl)


def _fail(error: PermitCheckError, lang: str | None = None) -> None:
    for line in str(error).splitlines():
        _say(f"permit-check: {in_language(line, lang)}", err=True)
    sys.exit(error.exit_code)


def _check_output_file(output: Path | None) -> None:
    """Before any work: --output must name a regular file or a new name in an existing folder (`-` is stdout)."""
    if output is None or str(output) == "-":
        return
    # /dev/stdout is a link too: say how to print.
    refuse_unless_regular(output, f"--output {output}", hint=" (-o - prints the report)")
    if not output.absolute().parent.is_dir():
        raise UsageProblem(f"--output {output}: folder {output.absolute().parent} does not exist")


def _write_output(text: str, output: Path | None, *, colour: bool = False) -> None:
    """Prints, or writes the report whole and never through a link (safe_write): a reader never sees half."""
    text = visible(text, colours=colour)  # the renderers cleaned each name; this is the net under them
    if output is None or str(output) == "-":
        click.echo(text, nl=False, color=colour)  # click would strip the colour codes off a pipe
        return
    _check_output_file(output)
    write_whole(output, text.encode("utf-8"), label=f"--output {output}")
    _say(f"Report written to {output}", err=True)


def _output_format(format_: str | None, output: Path | None) -> str:
    """--format, else the one -o's extension names (report.html -> html), else text; a mismatch is said."""
    extension = output.suffix.lower() if output is not None and str(output) != "-" else ""
    if format_ is None:
        return FORMAT_OF_EXTENSION.get(extension, "text")
    if extension in SUITED and format_ not in SUITED[extension]:
        _say(f"permit-check: writing the {format_} format to {output}, although its extension suggests "
             f"{FORMAT_OF_EXTENSION[extension]}", err=True)
    return format_


def _step_summary_file() -> Path | None:
    """The file GitHub Actions shows under the job (GITHUB_STEP_SUMMARY), checked like --output."""
    name = os.environ.get("GITHUB_STEP_SUMMARY")
    if not name:
        return None
    refuse_unless_regular(Path(name), f"GITHUB_STEP_SUMMARY {name}")
    return Path(name)


def _progress() -> Progress | None:
    """A one-line counter on a terminal's stderr; nothing in pipes or CI logs."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        # The carriage return and the erase-line code are the counter's own, the only ones written raw.
        click.echo("\r" + visible(f"Examining files: {done}/{total}"), err=True, nl=False)
        if done == total:
            click.echo("\r\033[K", err=True, nl=False)

    return show


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


def _use_colour(choice: bool | None, format_: str, output: Path | None) -> bool:
    """--color/--no-color win; then NO_COLOR (no-color.org), then FORCE_COLOR (force-color.org: colour even
    in a pipe or a CI log); otherwise colour only for the text report on a terminal."""
    if choice is not None:
        return choice
    if format_ != "text" or (output is not None and str(output) != "-") or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _scan_all(base: ScanOptions, folders: tuple[Path, ...], baseline: Path | None,
              quiet: bool) -> tuple[Batch, int]:
    """One report per folder; with several folders, a folder that cannot be scanned is recorded, not fatal."""
    known = load_baseline(baseline) if baseline else {}
    reports: list[Report] = []
    errors: list[FolderError] = []
    worst_error = EXIT_OK
    for folder in folders:
        try:
            report = run(replace(base, folder=folder), progress=None if quiet else _progress())
        except PermitCheckError as error:
            if len(folders) == 1:
                raise
            errors.append(FolderError(folder.as_posix(), str(error).replace("\n", "; ")))
            worst_error = max(worst_error, error.exit_code)
            continue
        reports.append(apply_baseline(report, known))
    as_of = (base.as_of or dt.date.today()).isoformat()
    return Batch(__version__, as_of, tuple(reports), tuple(errors)), worst_error


def _show_details(batch: Batch) -> None:
    """-v: the parser's own words for each file it could not read, on stderr, one line per file.

    Never in a report: they may quote the document (a form field's value, raw bytes)."""
    for report in batch.reports:
        for path, detail in report.details:
            _say(f"permit-check: {visible(path, keep='')}: {visible(detail, keep='')}", err=True)


def _check_output_place(output: Path | None, folders: tuple[Path, ...]) -> None:
    if output is None or str(output) == "-":
        return
    target = output.resolve()
    for folder in folders:
        if folder.is_dir() and target.is_relative_to(folder.resolve()):
            raise UsageProblem(f"--output {output} is inside the scanned folder {folder}; write the report elsewhere")


@main.command(short_help="Check application folders (the default command).")
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FOLDER...")
@click.option("--type", "type_", metavar="ID",
              help="Permit type (checklist id). Default: 'type' in permit-check.toml, else the IRCC form found.")
@click.option("--checklist", type=click.Path(path_type=Path, dir_okay=False),
              help="Use your own checklist file (it may extend a built-in one).")
@click.option("--application", type=click.Path(path_type=Path, dir_okay=False),
              help="Your answers file. Default: FOLDER/permit-check.toml, if present.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out paths matching GLOB, relative to the folder (repeatable): --exclude old-drafts "
                   "--exclude '*.bak'. Adds to 'exclude' in permit-check.toml.")
@click.option("--channel", type=click.Choice(CHANNELS),
              help="How you will submit; sets the size limit per file. Default: secure-account (4 MB).")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date every date rule uses (e.g. your planned submission date). Default: today.")
@click.option("--editions", type=click.Path(path_type=Path, dir_okay=False),
              help="Your own table of the latest IRCC form editions (permit-check editions prints the bundled "
                   "one, to copy and edit).")
@click.option("--format", "format_", type=click.Choice(list(RENDERERS)), default=None,
              help="Report format: text, json, html (for people); sarif, junit, github, gitlab (for CI). "
                   "Default: from -o's extension (.json, .html, .sarif, .xml for junit, .txt), else text.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file (- prints; never inside a scanned folder, never a link or device).")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="error", show_default=True,
              help="Exit with 1 when a finding is at least this severe.")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="A previous JSON report: findings it already has do not count (the report says how many).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Files examined in parallel. Default: the number of CPU cores.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Longest a single file may take; a slower file becomes a finding.")
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help="Memory each checking process may use; a file that needs more becomes a finding.")
@click.option("--no-cache", is_flag=True,
              help="Do not reuse facts from earlier scans (the cache lives in your user cache folder).")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the report: en or fr. Default: 'lang' in "
              "permit-check.toml, else English.")
@click.option("--redact", is_flag=True,
              help="Replace file and folder names with stable hashes, to share the report with support.")
@click.option("--color/--no-color", "colour", default=None,
              help="Colour the text report. Default: on a terminal; never with NO_COLOR set; always (even in a "
                   "pipe) with FORCE_COLOR set.")
@click.option("-q", "--quiet", count=True,
              help="Show only errors (the items and files that have them) and the verdict; the summary says how "
              "many warnings and notes it hides.")
@click.option("-v", "--verbose", count=True,
              help="Also show each item's condition, and on stderr why each unreadable file could not be read "
              "(the reader's own words; not with --redact).")
def scan(folders: tuple[Path, ...], type_: str | None, checklist: Path | None, application: Path | None,
         exclude: tuple[str, ...], channel: str | None, as_of: Any, editions: Path | None, format_: str | None,
         output: Path | None, fail_on: str, baseline: Path | None, jobs: int | None, timeout: float,
         memory_limit: int, no_cache: bool,
         lang: str | None, redact: bool, colour: bool | None, quiet: int, verbose: int) -> None:
    """Check the documents in each FOLDER against the checklist of its permit type.

    \b
    permit-check scan ./my-docs
    permit-check scan clients/* --format html -o report.html
    permit-check scan clients/* --format sarif -o permit-check.sarif --baseline last.json

    Several folders give one report each and a summary table; the exit code is the worst folder's.
    """
    base = ScanOptions(
        folder=Path(),
        type=type_,
        checklist=checklist,
        application=application,
        channel=channel,
        as_of=as_of.date() if as_of else None,
        editions=editions,
        jobs=jobs or default_jobs(),
        limits=Limits(timeout=timeout, memory=memory_limit * 2**20),
        cache_dir=None if no_cache else default_cache_dir(),
        lang=lang,
        exclude=exclude,
    )
    try:
        _check_output_file(output)
        format_ = _output_format(format_, output)
        summary_file = _step_summary_file() if format_ == "github" else None
        _check_output_place(output, folders)
        batch, worst_error = _scan_all(base, folders, baseline, bool(quiet))
        if redact:
            batch = redact_batch(batch)
        render_options = RenderOptions(verbosity=verbose - quiet, colour=_use_colour(colour, format_, output),
                                       root_uri=None if redact else Path.cwd().resolve().as_uri().rstrip("/") + "/")
        _write_output(RENDERERS[format_](batch, render_options), output, colour=render_options.colour)
        if verbose > 0 and not redact:
            _show_details(batch)
        if summary_file is not None:
            append_to_regular_file(summary_file, step_summary(batch), f"GITHUB_STEP_SUMMARY {summary_file}")
        code = max(worst_error, exit_code(batch, fail_on))
    except PermitCheckError as error:
        _fail(error, lang)
    sys.exit(code)


@main.command(short_help="Write FOLDER/permit-check.toml, the questions to answer.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--type", "type_", metavar="ID",
              help="Permit type (see: permit-check checklists list). Default: from the IRCC form in FOLDER.")
@click.option("--channel", type=click.Choice(CHANNELS), default="secure-account", show_default=True,
              help="How you will submit.")
@click.option("--force", is_flag=True, help="Replace an existing permit-check.toml.")
def init(folder: Path, type_: str | None, channel: str, force: bool) -> None:
    """Write FOLDER/permit-check.toml with the questions your permit type depends on.

    Answers found in IRCC forms already in FOLDER (names, date of birth, marital status, passport
    expiry, work period and basis, LMIA or offer number, status expiry, representative) are filled
    in; the rest are commented-out questions to answer. The questions that decide which documents
    are needed are listed at the top of the file. Without --type, the permit type comes from the
    IMM 1295 or IMM 5710 in FOLDER.
    """
    try:
        resolved = check_folder(folder)
        target = resolved / APPLICATION_FILE
        # Refused before the forms are read: a link or a FIFO planted under the name, or a file without --force.
        refuse_unless_regular(target, str(folder / APPLICATION_FILE))
        exists = f"{folder / APPLICATION_FILE} already exists; use --force to replace it"
        if target.exists() and not force:
            raise UsageProblem(exists)
        if type_:
            load_checklist(type_)  # an unknown type fails before the forms are read
        _, facts, _ = examine_folder(resolved, GatherOptions(jobs=default_jobs()))
        choice = choose_checklist(ScanOptions(folder=resolved, type=type_), Application(), facts, "en")
        loaded = choice.checklist
        forms = [entry["ircc_form"] for entry in facts if entry.get("ircc_form")]
        known = prefill(forms, loaded.application_forms())
        deciding = deciding_questions(loaded, known, channel, forms)
        if choice.alternatives:  # the type itself is the first question
            deciding = {("type",): [f"the whole checklist (guessed: {loaded.id}; could also be "
                                    f"{', '.join(choice.alternatives)})"], **deciding}
        try:
            write_template(target, render_template(loaded, known, channel, deciding, choice.alternatives),
                           force=force)
        except FileExistsError:
            raise UsageProblem(exists) from None
    except PermitCheckError as error:
        _fail(error)
    numbers = sorted({form["number"] for form in forms})
    source = f" from {', '.join('IMM ' + number for number in numbers)}" if numbers and known else ""
    inferred = "" if type_ else f" (permit type {loaded.id}, from the forms found)"
    if choice.alternatives:
        inferred = (f" (permit type guessed from the forms: {loaded.id}; it could also be "
                    f"{', '.join(choice.alternatives)}: answer `type` in the file)")
    _say(f"Wrote {folder / APPLICATION_FILE}{inferred}: {len(known)} answers filled in{source}.")
    if deciding:
        count = len(deciding)
        _say(f"{count} question{'s' if count > 1 else ''} that decide which documents you need "
             f"{'are' if count > 1 else 'is'} still open: {', '.join('.'.join(path) for path in deciding)} "
             "(marked UNANSWERED in the file).")
    else:
        _say("No question that decides which documents you need is open.")
    _say("Open it, answer the commented-out questions, then run: permit-check " + str(folder))


@main.command(short_help="Read an IRCC letter: what it is, and what to do.")
@click.argument("letter_path", type=click.Path(path_type=Path, dir_okay=False), metavar="LETTER")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option("--type", "type_", metavar="ID", help="Permit type, to name the items (default: from FOLDER, else "
              "work-permit-outside-canada).")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for programs.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date the folder's date rules use. Default: today.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file.")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the answer. Default: the letter's language.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Longest a single file may take; a slower file becomes a finding.")
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help="Memory each checking process may use; a file that needs more becomes a finding.")
def letter(letter_path: Path, folder: Path | None, type_: str | None, format_: str, as_of: Any,
           output: Path | None, lang: str | None, timeout: float, memory_limit: int) -> None:
    """Read an IRCC LETTER (PDF or .txt; - reads the letter's text from stdin): what it is, and what to do.

    \b
    permit-check letter decision.pdf             what kind of letter, and the documents it points at
    permit-check letter decision.pdf ./my-docs   ...and which of its points the folder now addresses
    pbpaste | permit-check letter -              a letter's text, pasted (a PDF must be given as a file)

    A return (incomplete application) lists what is missing, with the letter's reasons; a refusal
    lists each ground with the documents that answer it and the judicial-review deadline; a
    procedural-fairness letter or a request for documents gives the deadline to answer; an approval
    needs nothing. The officer's notes (GCMS) are read like a refusal. With FOLDER the folder is
    checked too and the letter's points come first.

    Exit codes: 0 read (and FOLDER ready, every point done), 1 a point still to do or FOLDER has
    problems, 2 usage error or a LETTER that cannot be read (not a PDF or text, damaged, too complex,
    over --timeout or --memory-limit), 3 invalid checklist or permit-check.toml, 4 internal error.
    """
    limits = Limits(timeout=timeout, memory=memory_limit * 2**20)
    try:
        _check_output_file(output)
        from_stdin = str(letter_path) == "-"
        text, source = (read_letter_stdin(sys.stdin.buffer), "text") if from_stdin else read_letter_file(letter_path,
                                                                                                          limits)
        reading = replace(classify(text, lang), text_source=source)
        lang = lang or reading.language
        report = None
        if folder is not None:
            _check_output_place(output, (folder,))
            report = run(ScanOptions(folder=folder, type=type_, as_of=as_of.date() if as_of else None,
                                     jobs=default_jobs(), limits=limits, cache_dir=default_cache_dir(), lang=lang))
            loaded = load_checklist(report.checklist.id, lang)
        else:
            loaded = load_checklist(type_ or "work-permit-outside-canada", lang)
        titles = {**shared_item_titles(lang), **{item.id: item.title for item in loaded.items}}
        # Which items the permit type has is only known when the folder or --type names the type.
        in_checklist = frozenset(item.id for item in loaded.items) if folder is not None or type_ else None
        today = as_of.date() if as_of else dt.date.today()
        name = "stdin" if from_stdin else letter_path.name
        if format_ == "json":
            text = render_letter_json(name, reading, titles, report, today, in_checklist)
        else:
            text = render_letter_text(name, reading, titles, report, lang, today, in_checklist)
            if report is not None:
                # The folder's verdict counts the letter's open points: never "ready" while one remains.
                options = RenderOptions(letter_points=points_to_do(reading, report))
                text += "\n" + RENDERERS["text"](Batch(__version__, report.as_of, (report,)), options)
        _write_output(text, output)
        code = EXIT_OK
        if report is not None:
            folder_code = exit_code(Batch(__version__, report.as_of, (report,)), "error")
            code = max(folder_code, EXIT_FINDINGS if points_to_do(reading, report) else EXIT_OK)
    except PermitCheckError as error:
        _fail(error, lang)
    sys.exit(code)


@main.command("read", short_help="Show what permit-check reads from one file.")
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for tools.")
@click.option("--redact", is_flag=True, help="Hide every value read from the file (names, numbers, dates, scores); "
              "the keys stay.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of the answer.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Longest the file may take; a slower file is reported as such.")
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help="Memory the reading process may use; a file that needs more is reported as such.")
def read_command(file: Path, format_: str, redact: bool, lang: str, output: Path | None, timeout: float,
                 memory_limit: int) -> None:
    """Show what permit-check reads from one FILE: its kind, the IRCC form (number, edition, validated, fields),
    the passport's machine-readable zone, a language-test report's results, the language of its words.

    \b
    permit-check read imm5710.pdf
    permit-check read ielts.pdf --format json
    permit-check read passport.jpg --redact      values hidden, to share with support

    This is how to see why the scan placed or judged a file as it did. The values are your file's own,
    so they are shown (--redact hides them). Exit codes: 0 read, 2 usage error (no such file),
    3 a library the reading needs is missing, 4 internal error. A file that cannot be read is
    described as such (exit 0).
    """
    try:
        _check_output_file(output)
        reading = read_file(file, Limits(timeout=timeout, memory=memory_limit * 2**20), lang)
        if redact:
            reading = redacted(reading)
        text = render_reading_json(reading) if format_ == "json" else render_reading_text(reading, lang)
        _write_output(text, output)
    except PermitCheckError as error:
        _fail(error, lang)


@main.command("pack", short_help="Build an upload-ready copy of a folder.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The folder to write the upload files to (outside FOLDER).")
@click.option("--type", "type_", metavar="ID", help="Permit type. Default: from permit-check.toml or the forms.")
@click.option("--channel", type=click.Choice(CHANNELS), help="How you will submit; sets the size limit per file.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The date every date rule uses. Default: today.")
@click.option("--force", is_flag=True, help="Replace what is already in the output folder.")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the report: en or fr.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Longest a single file may take; a slower file becomes a finding.")
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help="Memory each checking process may use; a file that needs more becomes a finding.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out paths matching GLOB, relative to FOLDER (repeatable). Adds to 'exclude' in "
                   "permit-check.toml.")
def pack_command(folder: Path, output: Path, type_: str | None, channel: str | None, as_of: Any,
                 force: bool, lang: str | None, timeout: float, memory_limit: int, exclude: tuple[str, ...]) -> None:
    """Build an upload-ready copy of FOLDER in OUTPUT: one file per upload slot, named by item.

    \b
    permit-check pack ./my-docs --output ./upload

    Several files for one slot are merged into one PDF; images become PDF where a slot takes only
    PDF (a photo becomes JPEG); a file over the size limit has its scanned pages re-encoded at about
    150 DPI, or is left out with the reason. The originals are never changed. OUTPUT gets
    permit-check-manifest.json (what went where, with sha256), and is then checked like any folder.
    Each file is read once, and only if it is still the file the check examined; a slot whose file
    changed, or goes past --timeout (per file) or --memory-limit, is not written and is named.
    """
    day = as_of.date() if as_of else None
    limits = Limits(timeout=timeout, memory=memory_limit * 2**20)
    try:
        check_output(output, folder, force=force)  # before the folder is read; checked again before writing
        scanned = scan_folder(ScanOptions(folder=folder, type=type_, channel=channel, as_of=day, jobs=default_jobs(),
                                          limits=limits, cache_dir=default_cache_dir(), lang=lang, exclude=exclude))
        report = scanned.report
        loaded = load_checklist(report.checklist.id)
        prepare_output(output, folder, force=force)
        result = pack(scanned, loaded, loaded.channels[report.channel], output.resolve(), limits=limits)
        write_manifest(output.resolve(), report, result)
        _say(f"Upload files written to {output}", err=True)
        for entry in result.written:
            how = f" ({'; '.join(entry['actions'])})" if entry["actions"] else ""
            sources = ", ".join(visible(source["path"], keep="") for source in entry["inputs"])
            _say(f"  {entry['output']:<32} <- {sources}{how}")
        for failure in result.failed:
            _say(f"  {PACK_WORDS[report.lang]['not_packed']} {failure['item']}: {failure['reason']}")
        for left in result.left_out:
            _say(f"  {PACK_WORDS[report.lang]['left']:<10} {visible(left['path'], keep='')}: {left['reason']}")
        answers = folder / APPLICATION_FILE
        packed = run(ScanOptions(folder=output, type=report.checklist.id, channel=report.channel, as_of=day,
                                 application=answers if answers.exists() else None, jobs=default_jobs(),
                                 limits=limits, lang=report.lang))
        _say("")
        _say(RENDERERS["text"](Batch(__version__, packed.as_of, (packed,)), RenderOptions(verbosity=-1)), nl=False)
        code = EXIT_FINDINGS if result.failed else exit_code(Batch(__version__, packed.as_of, (packed,)), "error")
    except PermitCheckError as error:
        _fail(error, lang)
    sys.exit(code)


@main.group(short_help="List, show and validate checklists.")
def checklists() -> None:
    """List, show and validate checklists."""


@checklists.command("list", short_help="The permit types permit-check knows.")
def checklists_list() -> None:
    """The permit types permit-check knows (use the id with --type)."""
    try:
        for type_id in available_types():
            loaded = load_checklist(type_id)
            _say(f"{loaded.id:<30} {loaded.title}  (version {loaded.version})")
    except PermitCheckError as error:
        _fail(error)


@checklists.command("show", short_help="Items, rules and sources of one checklist.")
@click.argument("checklist_id", metavar="ID")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help="Language of the texts: en or fr.")
def checklists_show(checklist_id: str, lang: str) -> None:
    """Items, conditions, rules and sources of one checklist (an id or a file path)."""
    try:
        _say(describe(load_checklist(checklist_id, lang), lang), nl=False)
    except PermitCheckError as error:
        _fail(error)


@checklists.command("validate", short_help="Check your own checklist files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
def checklists_validate(files: tuple[Path, ...]) -> None:
    """Check checklist files: the meta-schema, every embedded rule schema, ids, extends, sources."""
    code = EXIT_OK
    for path in files:
        try:
            if not path.exists():  # the wrong name given: a usage error (click's own check would echo it raw)
                raise UsageProblem(f"{path}: checklist file not found")
            load_checklist(str(path))
        except (ConfigProblem, UsageProblem) as error:
            code = max(code, error.exit_code)  # 2 for a file that is not there, 3 for an invalid checklist
            for line in str(error).splitlines():
                _say(line, err=True)
            continue
        _say(f"{path}: ok")
    sys.exit(code)



@main.command("editions", short_help="Print the bundled table of IRCC form editions.")
def editions_command() -> None:
    """Print the bundled table of the latest IRCC form editions (JSON).

    \b
    permit-check editions > editions.json
    permit-check scan ./my-docs --editions editions.json

    Save it, update an edition when IRCC publishes a new one, and give it with --editions.
    """
    try:
        text = default_editions_path().read_text(encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"the bundled editions table cannot be read: {error.strerror}") from None
    click.echo(text, nl=not text.endswith("\n"))

"""The command line, click only: options -> one command call -> write the output -> exit code.

Commands are imported when one runs, so that `--help` and a start-up pay only for click."""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from permit_check import __version__
from permit_check.click_words import SHOW_HELP
from permit_check.commands.options import CHANNELS, FAIL_ON, LANGS
from permit_check.errors import PermitCheckError
from permit_check.i18n import DOMAIN, LOCALE_DIR, N_, translations
from permit_check.limits import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Limits
from permit_check.reports import FORMATS
from permit_check.reports.visible import visible

if TYPE_CHECKING:
    from permit_check.commands.result import CommandResult
    from permit_check.commands.scan import ScanOptions

# 0 and 1 come from the commands, 2 (usage) from click itself or from UsageProblem, 3 from ConfigProblem
# and EnvironmentProblem; these are the CLI's own.
EXIT_FINDINGS, EXIT_CRASH, EXIT_INTERRUPTED = 1, 4, 130
DATE = click.DateTime(formats=["%Y-%m-%d"])
# -o's extension -> the format written when --format is not given; and the formats each extension suits.
FORMAT_OF_EXTENSION = {".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif", ".sarif.json": "sarif",
                       ".xml": "junit", ".txt": "text"}
SUITED = {".json": {"json", "gitlab", "sarif"}, ".html": {"html"}, ".htm": {"html"}, ".sarif": {"sarif"},
          ".sarif.json": {"sarif"}, ".xml": {"junit"}, ".txt": {"text", "github"}}
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


def _lang_asked(args: list[str]) -> str:
    """--lang, read before click parses anything, so that --help is already in that language."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return "en"


def _without_lang(args: list[str]) -> list[str]:
    """The arguments less --lang and its value."""
    kept: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            kept.append(arg)
    return kept


def _leading_lang(args: list[str]) -> tuple[list[str], list[str]]:
    """(--lang and its value, when they come before the command; the other arguments)."""
    if args[:1] == ["--lang"] and len(args) > 1:
        return args[:2], args[2:]
    if args and args[0].startswith("--lang="):
        return args[:1], args[1:]
    return [], args


# The words of a metavar ("FOLDER" in "[FOLDER]..."), each translated on its own.
_METAVAR_WORD = re.compile(r"[A-Z]{2,}")


def _lang_to_command(group: click.Group, lang: list[str], args: list[str]) -> list[str]:
    """The arguments with a leading --lang moved after the command that has it, going down groups:
    `permit-check --lang fr checklists show iec` is `permit-check checklists show --lang fr iec`."""
    command = group.commands.get(args[0]) if args else None
    if isinstance(command, click.Group):
        return [args[0], *_lang_to_command(command, lang, args[1:])]
    if command is not None and any(param.name == "lang" for param in command.params):
        return [args[0], *lang, *args[1:]]
    return args


def _commands(group: click.Group) -> Iterator[click.Command]:
    yield group
    for command in group.commands.values():
        if isinstance(command, click.Group):
            yield from _commands(command)
        else:
            yield command


@contextlib.contextmanager
def _speaking(group: click.Group, lang: str) -> Iterator[None]:
    """The help texts of every command and option, and click's own words, in `lang` while the run lasts."""
    catalogue = translations(lang)
    english: list[tuple[object, str, str | None]] = []  # (holder, attribute, its English text), put back after the run
    for command in _commands(group):
        holders: list[click.Command | click.Option] = [command]
        holders += [param for param in command.params if isinstance(param, click.Option)]
        # Click makes each command's --help option once and keeps it, in the language of the run that made it.
        cached = getattr(command, "_help_option", None)
        if isinstance(cached, click.Option):
            cached.help = SHOW_HELP
            holders.append(cached)
        for holder in holders:
            if holder.help:
                english.append((holder, "help", holder.help))
                holder.help = catalogue.gettext(holder.help)
        if command.short_help:
            english.append((command, "short_help", command.short_help))
            command.short_help = catalogue.gettext(command.short_help)
        # A type's noun ("file", "integer range"), which click's errors and metavars say, and each argument's
        # and option's metavar ("FOLDER") were made at import: in English (click_words.py marks them).
        for param in command.params:
            english.append((param.type, "name", param.type.name))
            param.type.name = catalogue.gettext(param.type.name)
            metavar = param.metavar or (param.make_metavar(click.Context(command))
                                        if isinstance(param, click.Argument) else None)
            if metavar:
                english.append((param, "metavar", param.metavar))
                param.metavar = _METAVAR_WORD.sub(lambda word: catalogue.gettext(word[0]), metavar)
    # Click says its own words (usage errors, "Usage:") through the standard library's gettext, in the default
    # domain: pointing that domain at our catalogue (click_words.py holds its sentences) and LANGUAGE at the
    # run's language is gettext's own switch. It reaches every module of click, needs no patching of click's
    # private `_` (whose places move between versions), and is undone when the run ends.
    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language
        for owner, attribute, text in reversed(english):  # a type shared by options was saved once per option
            setattr(owner, attribute, text)


class DefaultToScan(click.Group):
    """`permit-check FOLDER` means `permit-check scan FOLDER`; Ctrl-C and crashes end in one line; the help
    pages speak the --lang asked for."""

    def main(self, args: Any = None, *more: Any, **options: Any) -> Any:
        asked = _lang_asked(list(sys.argv[1:] if args is None else args))
        with _speaking(self, asked):
            return super().main(args, *more, **options)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if _without_lang(args) in (["--help"], ["-h"]):
            args = _without_lang(args)  # `permit-check --lang fr --help`: this page, in French (see main)
        lang, args = _leading_lang(args)
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            self._refuse_typo(ctx, args[0])
            args = ["scan", *args]
        if lang:
            # `permit-check --lang fr scan ...`: --lang belongs to the command (every command that speaks has it).
            args = _lang_to_command(self, lang, args)
        return super().parse_args(ctx, args)

    def _refuse_typo(self, ctx: click.Context, word: str) -> None:
        """`permit-check pakc mydocs`: a word that is no path but close to a command is a typo, not a folder."""
        if word.startswith("-") or os.path.lexists(word):
            return
        import difflib  # only for a word that may be a typo: every other run goes without it

        close = difflib.get_close_matches(word, list(self.commands), n=1, cutoff=0.6)
        if close:
            raise click.UsageError(_("No such command '{word}'. Did you mean '{command}'?").format(
                word=word, command=close[0]), ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _stopping_on_signals():
                return super().invoke(ctx)
        except Stopped as stop:
            with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
                click.echo("permit-check: " + _("stopped by {signal}").format(
                    signal=signal.Signals(stop.signum).name), err=True)
            sys.exit(128 + stop.signum)
        except KeyboardInterrupt:
            _say("\npermit-check: " + _("interrupted"), err=True)
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
            _say("permit-check: " + _("internal error: {error}").format(error=f"{type(error).__name__}: {error}"),
                 err=True)
            _say("permit-check: " + _("please report this with the command you ran "
                                      "(PERMIT_CHECK_DEBUG=1 shows the details)"), err=True)
            sys.exit(EXIT_CRASH)


MAIN_HELP = N_("""Check a Canadian work-permit application folder before you submit it.

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
    """)


@click.group(help=MAIN_HELP, cls=DefaultToScan,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="permit-check")
def main() -> None:
    """The command group; what --help says is MAIN_HELP, in the language asked for."""
    """The main command group."""


def _(message: str) -> str:
    """A sentence of the command line's own, in the run's --lang (_speaking points gettext's default domain
    at permit-check's catalogue for the run)."""
    return gettext.gettext(message)


def _say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Prints one or more lines; names in them may hold escape codes, shown but never acted on (visible)."""
    click.echo(visible(text), err=err, nl=nl)


def _fail(error: PermitCheckError, lang: str | None = None) -> NoReturn:
    for line in error.said_in(error.lang or lang).splitlines():
        _say(f"permit-check: {line}", err=True)
    sys.exit(error.exit_code)


def _write(result: CommandResult, output: Path | None = None, *, colour: bool = False) -> NoReturn:
    """Prints the command's text, or writes it whole and never through a link (safe_write); then its stderr
    lines and the GitHub job summary; then exits with its code."""
    text = visible(result.text, colours=colour)  # the renderers cleaned each name; this is the net under them
    if output is None or str(output) == "-":
        click.echo(text, nl=False, color=colour)  # click would strip the colour codes off a pipe
    else:
        from permit_check.commands.output import write_output_file

        write_output_file(output, text)
        _say(_("Report written to {path}").format(path=output), err=True)
    for line in result.stderr:
        _say(line, err=True)
    if result.job_summary is not None:
        from permit_check.commands.output import append_job_summary

        append_job_summary(*result.job_summary)
    sys.exit(result.code)


def _progress() -> Callable[[int, int], None] | None:
    """A one-line counter on a terminal's stderr; nothing in pipes or CI logs."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        # The carriage return and the erase-line code are the counter's own, the only ones written raw.
        click.echo("\r" + visible(_("Examining files: {done}/{total}").format(done=done, total=total)), err=True,
                   nl=False)
        if done == total:
            click.echo("\r\033[K", err=True, nl=False)

    return show


def _extension(output: Path) -> str:
    """The extension that names a format: the last two suffixes when they do (`.sarif.json`, GitHub's own
    habit), else the last one."""
    double = "".join(output.suffixes[-2:]).lower()
    return double if double in FORMAT_OF_EXTENSION else output.suffix.lower()


def _output_format(format_: str | None, output: Path | None) -> str:
    """--format, else the one -o's extension names (report.html -> html), else text; a mismatch is said."""
    extension = _extension(output) if output is not None and str(output) != "-" else ""
    if format_ is None:
        return FORMAT_OF_EXTENSION.get(extension, "text")
    if extension in SUITED and format_ not in SUITED[extension]:
        _say("permit-check: " + _("writing the {format} format to {path}, although its extension suggests "
                                  "{suggested}").format(format=format_, path=output,
                                                        suggested=FORMAT_OF_EXTENSION[extension]), err=True)
    return format_


def _use_colour(choice: bool | None, format_: str, output: Path | None) -> bool:
    """--color/--no-color win; then NO_COLOR (no-color.org), then FORCE_COLOR (force-color.org: colour even
    in a pipe or a CI log); otherwise colour only for the text report on a terminal."""
    if choice is not None:
        return choice
    if format_ != "text" or (output is not None and str(output) != "-") or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _day(as_of: dt.datetime | None) -> dt.date:
    """The day every date rule counts from: --as-of, else today. The one place "not given" becomes today;
    everything below the CLI is given the day."""
    return as_of.date() if as_of else dt.date.today()


def _scan_options(folder: Path, *, as_of: dt.datetime | None, timeout: float, memory_limit: int,
                  cache: bool = True, **given: Any) -> ScanOptions:
    """The one place the command line's scan options are made: the day as a date (today when not given),
    the limits in bytes, a worker per core unless --jobs says, and the user's cache unless --no-cache."""
    from permit_check.commands.scan import ScanOptions, default_jobs
    from permit_check.files.cache import default_cache_dir

    return ScanOptions(folder=folder, as_of=_day(as_of),
                       jobs=given.pop("jobs", None) or default_jobs(),
                       limits=Limits(timeout=timeout, memory=memory_limit * 2**20),
                       cache_dir=default_cache_dir() if cache else None, **given)


SCAN_HELP = N_("""Check the documents in each FOLDER against the checklist of its permit type.

    \b
    permit-check scan ./my-docs
    permit-check scan clients/* --format html -o report.html
    permit-check scan clients/* --format sarif -o permit-check.sarif --baseline last.json

    Several folders give one report each and a summary table; the exit code is the worst folder's.
    """)


@main.command(short_help=N_("Check application folders (the default command)."), help=SCAN_HELP)
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FOLDER...")
@click.option("--type", "type_", metavar="ID",
              help=N_("Permit type (checklist id). Default: 'type' in permit-check.toml, else the IRCC form found."))
@click.option("--checklist", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Use your own checklist file (it may extend a built-in one)."))
@click.option("--application", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Your answers file. Default: FOLDER/permit-check.toml, if present."))
@click.option("--exclude", multiple=True, metavar="GLOB",
              help=N_("Leave out paths matching GLOB, relative to the folder (repeatable): --exclude old-drafts "
                   "--exclude '*.bak'. Adds to 'exclude' in permit-check.toml."))
@click.option("--channel", type=click.Choice(CHANNELS),
              help=N_("How you will submit; sets the size limit per file. Default: secure-account (4 MB)."))
@click.option("--as-of", type=DATE, metavar="YYYY-MM-DD",
              help=N_("The date every date rule uses (e.g. your planned submission date). Default: today."))
@click.option("--editions", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Your own table of the latest IRCC form editions (permit-check editions prints the bundled "
                   "one, to copy and edit)."))
@click.option("--format", "format_", type=click.Choice(FORMATS), default=None,
              help=N_("Report format: text, json, html (for people); sarif, junit, github, gitlab (for CI). "
                   "Default: from -o's extension (.json, .html, .sarif, .xml for junit, .txt), else text."))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Write the report to this file (- prints; never inside a scanned folder, never a link or "
                      "device)."))
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help=N_("Exit with 1 when a finding is at least this severe."))
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("A previous JSON report: findings it already has do not count (the report says how many)."))
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help=N_("Files examined in parallel. Default: the number of CPU cores."))
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help=N_("Longest a single file may take; a slower file becomes a finding."))
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help=N_("Memory each checking process may use; a file that needs more becomes a finding."))
@click.option("--no-cache", is_flag=True,
              help=N_("Do not reuse facts from earlier scans (the cache lives in your user cache folder)."))
@click.option("--lang", type=click.Choice(LANGS), help=N_("Language of the report: en or fr. Default: 'lang' in "
              "permit-check.toml, else English."))
@click.option("--redact", is_flag=True,
              help=N_("Replace file and folder names with stable hashes, to share the report with support."))
@click.option("--color/--no-color", "colour", default=None,
              help=N_("Colour the text report. Default: on a terminal; never with NO_COLOR set; always (even in a "
                   "pipe) with FORCE_COLOR set."))
@click.option("-q", "--quiet", count=True,
              help=N_("Show only errors (the items and files that have them) and the verdict; the summary says how "
              "many warnings and notes it hides."))
@click.option("-v", "--verbose", count=True,
              help=N_("Also show each item's condition, and on stderr why each unreadable file could not be read "
              "(the reader's own words; not with --redact)."))
def scan(folders: tuple[Path, ...], type_: str | None, checklist: Path | None, application: Path | None,
         exclude: tuple[str, ...], channel: str | None, as_of: Any, editions: Path | None, format_: str | None,
         output: Path | None, fail_on: str, baseline: Path | None, jobs: int | None, timeout: float,
         memory_limit: int, no_cache: bool,
         lang: str | None, redact: bool, colour: bool | None, quiet: int, verbose: int) -> None:
    from permit_check.commands.scan import ReportRequest
    from permit_check.commands.scan import scan as run_scan

    try:
        base = _scan_options(Path(), as_of=as_of, timeout=timeout, memory_limit=memory_limit, cache=not no_cache,
                             type=type_, checklist=checklist, application=application, channel=channel,
                             editions=editions, jobs=jobs, lang=lang, exclude=exclude)
        chosen = _output_format(format_, output)
        colour_on = _use_colour(colour, chosen, output)
        request = ReportRequest(format=chosen, output=output, fail_on=fail_on, baseline=baseline, redact=redact,
                                verbosity=verbose - quiet, colour=colour_on, progress=None if quiet else _progress(),
                                root_uri=None if redact else Path.cwd().resolve().as_uri().rstrip("/") + "/")
        outcome = run_scan(base, folders, request)
        _write(outcome, output, colour=colour_on)
    except PermitCheckError as error:
        _fail(error, lang)


INIT_HELP = N_("""Write FOLDER/permit-check.toml with the questions your permit type depends on.

    Answers found in IRCC forms already in FOLDER (names, date of birth, marital status, passport
    expiry, work period and basis, LMIA or offer number, status expiry, representative) are filled
    in; the rest are commented-out questions to answer. The questions that decide which documents
    are needed are listed at the top of the file. Without --type, the permit type comes from the
    IMM 1295 or IMM 5710 in FOLDER.
    """)


@main.command(short_help=N_("Write FOLDER/permit-check.toml, the questions to answer."), help=INIT_HELP)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--type", "type_", metavar="ID",
              help=N_("Permit type (see: permit-check checklists list). Default: from the IRCC form in FOLDER."))
@click.option("--channel", type=click.Choice(CHANNELS), default="secure-account", show_default=True,
              help=N_("How you will submit."))
@click.option("--force", is_flag=True, help=N_("Replace an existing permit-check.toml."))
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help=N_("Language of the file's comments and of what init says."))
def init(folder: Path, type_: str | None, channel: str, force: bool, lang: str) -> None:
    from permit_check.commands.init import init as write_answers_file

    try:
        outcome = write_answers_file(folder, type_, channel, force=force, lang=lang, as_of=_day(None))
    except PermitCheckError as error:
        _fail(error, lang)
    _write(outcome)


LETTER_HELP = N_("""Read an IRCC LETTER (PDF or .txt; - reads the letter's text from stdin): what it is, and what to do.

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
    """)


@main.command(short_help=N_("Read an IRCC letter: what it is, and what to do."), help=LETTER_HELP)
@click.argument("letter_path", type=click.Path(path_type=Path, dir_okay=False), metavar="LETTER")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option("--type", "type_", metavar="ID", help=N_("Permit type, to name the items (default: from FOLDER, else "
              "work-permit-outside-canada)."))
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=N_("text for people, json for programs."))
@click.option("--as-of", type=DATE, metavar="YYYY-MM-DD",
              help=N_("The date the folder's date rules use. Default: today."))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help=N_("Write to this file."))
@click.option("--lang", type=click.Choice(LANGS), help=N_("Language of the answer. Default: the letter's language."))
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help=N_("Longest a single file may take; a slower file becomes a finding."))
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help=N_("Memory each checking process may use; a file that needs more becomes a finding."))
def letter(letter_path: Path, folder: Path | None, type_: str | None, format_: str, as_of: Any,
           output: Path | None, lang: str | None, timeout: float, memory_limit: int) -> None:
    from permit_check.commands.letter import letter as read_letter

    try:
        base = None
        if folder is not None:
            base = _scan_options(folder, as_of=as_of, timeout=timeout, memory_limit=memory_limit)
        outcome = read_letter(letter_path, base, type_id=type_, format_=format_, output=output, lang=lang,
                              as_of=_day(as_of),
                              stdin=sys.stdin.buffer, limits=Limits(timeout=timeout, memory=memory_limit * 2**20))
        _write(outcome, output)
    except PermitCheckError as error:
        _fail(error, lang)


READ_COMMAND_HELP = N_("""Show what permit-check reads from one FILE: its kind, the IRCC form (number, edition,
    validated, fields),
    the passport's machine-readable zone, a language-test report's results, the language of its words.

    \b
    permit-check read imm5710.pdf
    permit-check read ielts.pdf --format json
    permit-check read passport.jpg --redact      values hidden, to share with support

    This is how to see why the scan placed or judged a file as it did. The values are your file's own,
    so they are shown (--redact hides them). Exit codes: 0 read, 2 usage error (no such file),
    3 a library the reading needs is missing, 4 internal error. A file that cannot be read is
    described as such (exit 0).
    """)


@main.command("read", short_help=N_("Show what permit-check reads from one file."), help=READ_COMMAND_HELP)
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=N_("text for people, json for tools."))
@click.option("--redact", is_flag=True, help=N_("Hide every value read from the file (names, numbers, dates, scores); "
              "the keys stay."))
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help=N_("Language of the answer."))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help=N_("Write to this file."))
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help=N_("Longest the file may take; a slower file is reported as such."))
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help=N_("Memory the reading process may use; a file that needs more is reported as such."))
def read_command(file: Path, format_: str, redact: bool, lang: str, output: Path | None, timeout: float,
                 memory_limit: int) -> None:
    from permit_check.commands.read import read

    try:
        outcome = read(file, Limits(timeout=timeout, memory=memory_limit * 2**20), lang=lang, format_=format_,
                       redact=redact, output=output)
        _write(outcome, output)
    except PermitCheckError as error:
        _fail(error, lang)


PACK_COMMAND_HELP = N_("""Build an upload-ready copy of FOLDER in OUTPUT: one file per upload slot, named by item.

    \b
    permit-check pack ./my-docs --output ./upload

    Several files for one slot are merged into one PDF; images become PDF where a slot takes only
    PDF (a photo becomes JPEG); a file over the size limit has its scanned pages re-encoded at about
    150 DPI, or is left out with the reason. The originals are never changed. OUTPUT gets
    permit-check-manifest.json (what went where, with sha256), and is then checked like any folder.
    Each file is read once, and only if it is still the file the check examined; a slot whose file
    changed, or goes past --timeout (per file) or --memory-limit, is not written and is named.
    """)


@main.command("pack", short_help=N_("Build an upload-ready copy of a folder."), help=PACK_COMMAND_HELP)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), required=True,
              help=N_("The folder to write the upload files to (outside FOLDER)."))
@click.option("--type", "type_", metavar="ID", help=N_("Permit type. Default: from permit-check.toml or the forms."))
@click.option("--channel", type=click.Choice(CHANNELS), help=N_("How you will submit; sets the size limit per file."))
@click.option("--as-of", type=DATE, metavar="YYYY-MM-DD",
              help=N_("The date every date rule uses. Default: today."))
@click.option("--force", is_flag=True, help=N_("Replace what is already in the output folder."))
@click.option("--lang", type=click.Choice(LANGS), help=N_("Language of the report: en or fr."))
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help=N_("Longest a single file may take; a slower file becomes a finding."))
@click.option("--memory-limit", type=click.IntRange(min=256), default=DEFAULT_MEMORY // 2**20, show_default=True,
              metavar="MB", help=N_("Memory each checking process may use; a file that needs more becomes a finding."))
@click.option("--exclude", multiple=True, metavar="GLOB",
              help=N_("Leave out paths matching GLOB, relative to FOLDER (repeatable). Adds to 'exclude' in "
                   "permit-check.toml."))
def pack_command(folder: Path, output: Path, type_: str | None, channel: str | None, as_of: Any,
                 force: bool, lang: str | None, timeout: float, memory_limit: int, exclude: tuple[str, ...]) -> None:
    from permit_check.commands.pack import pack_folder

    try:
        base = _scan_options(folder, as_of=as_of, timeout=timeout, memory_limit=memory_limit, type=type_,
                             channel=channel, lang=lang, exclude=exclude)
        outcome = pack_folder(base, output, force=force)
    except PermitCheckError as error:
        _fail(error, lang)
    _write(outcome)


CHECKLISTS_HELP = N_("""List, show and validate checklists.""")


@main.group(short_help=N_("List, show and validate checklists."), help=CHECKLISTS_HELP)
def checklists() -> None:
    """The checklists command group."""


CHECKLISTS_LIST_HELP = N_("""The permit types permit-check knows (use the id with --type).""")


@checklists.command("list", short_help=N_("The permit types permit-check knows."), help=CHECKLISTS_LIST_HELP)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help=N_("Language of the titles: en or fr."))
def checklists_list(lang: str) -> None:
    from permit_check.commands.checklists import list_checklists

    try:
        outcome = list_checklists(lang)
    except PermitCheckError as error:
        _fail(error, lang)
    _write(outcome)


CHECKLISTS_SHOW_HELP = N_("""Items, conditions, rules and sources of one checklist (an id or a file path).""")


@checklists.command("show", short_help=N_("Items, rules and sources of one checklist."), help=CHECKLISTS_SHOW_HELP)
@click.argument("checklist_id", metavar="ID")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help=N_("Language of the texts: en or fr."))
def checklists_show(checklist_id: str, lang: str) -> None:
    from permit_check.commands.checklists import show_checklist

    try:
        outcome = show_checklist(checklist_id, lang)
    except PermitCheckError as error:
        _fail(error, lang)
    _write(outcome)


CHECKLISTS_VALIDATE_HELP = N_("Check checklist files: the meta-schema, every embedded rule schema, ids, extends, "
                              "sources.")


@checklists.command("validate", short_help=N_("Check your own checklist files."), help=CHECKLISTS_VALIDATE_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
              help=N_("Language of what it says: en or fr."))
def checklists_validate(files: tuple[Path, ...], lang: str) -> None:
    from permit_check.commands.checklists import validate_checklists

    _write(validate_checklists(files, lang))


EDITIONS_COMMAND_HELP = N_("""Print the bundled table of the latest IRCC form editions (JSON).

    \b
    permit-check editions > editions.json
    permit-check scan ./my-docs --editions editions.json

    Save it, update an edition when IRCC publishes a new one, and give it with --editions.
    """)


@main.command("editions", short_help=N_("Print the bundled table of IRCC form editions."), help=EDITIONS_COMMAND_HELP)
def editions_command() -> None:
    from permit_check.commands.checklists import print_editions

    try:
        outcome = print_editions()
    except PermitCheckError as error:
        _fail(error)
    _write(outcome)

"""The command line: options -> one command call -> write the output -> exit code.

The options are read by the standard library's argparse (cli_parser.py); the parser is built when a run
starts, in the run's --lang, and a command's code is imported only when that command runs, so that a start
and `--help` pay for argparse alone."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence

from permit_check import __version__
from permit_check.cli_parser import (
    Parser,
    PathRule,
    checklist_value,
    date_value,
    number_text,
    number_value,
    one_of,
    option_help,
    path_value,
    range_note,
    speaking,
    text_value,
    without,
    words_in,
    write,
)
from permit_check.commands.options import CHANNELS, FAIL_ON, LANGS

# typing, the message catalogue (with pathlib) and the errors load when a run starts, not with the module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    import gettext
    from pathlib import Path
    from typing import Any, NoReturn

    from permit_check.commands.result import CommandResult
    from permit_check.commands.scan import ScanOptions
    from permit_check.errors import PermitCheckError
    from permit_check.limits import Limits

# 0 and 1 come from the commands, 2 (usage) from argparse itself or from UsageProblem, 3 from ConfigProblem
# and EnvironmentProblem; these are the CLI's own.
EXIT_USAGE, EXIT_CRASH, EXIT_INTERRUPTED = 2, 4, 130
# The reader of the output went away (`permit-check scan X | head -1`): what a shell reports for a command
# SIGPIPE ended (128 + 13), not a verdict on the folder, which the reader never saw.
EXIT_BROKEN_PIPE = 141
# -o's extension -> the format written when --format is not given; and the formats each extension suits.
FORMAT_OF_EXTENSION = {".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif", ".sarif.json": "sarif",
                       ".xml": "junit", ".txt": "text"}
SUITED = {".json": {"json", "gitlab", "sarif"}, ".html": {"html"}, ".htm": {"html"}, ".sarif": {"sarif"},
          ".sarif.json": {"sarif"}, ".xml": {"junit"}, ".txt": {"text", "github"}}
# What CI runners and service managers send (SIGTERM), and a closed terminal (SIGHUP): stop as Ctrl-C does.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
# A command's code: its parsed options, the run's words -> its output and exit code (it ends the process).
Command = Callable[[argparse.Namespace, "gettext.NullTranslations"], None]


class Stopped(KeyboardInterrupt):
    """A stop signal, raised where the run is, so that it unwinds exactly as Ctrl-C does: workers
    killed, no output half-written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopping_on_signals() -> Iterator[None]:
    import threading

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


def main(args: Sequence[str] | None = None) -> NoReturn:
    """permit-check's entry point: reads the command line, runs the one command it names, exits with its code."""
    from permit_check.errors import PermitCheckError
    from permit_check.i18n import translations

    given = list(sys.argv[1:] if args is None else args)
    lang = _lang_asked(given)
    words = translations(lang)
    with speaking(words):
        parser = build_parser(words)
        try:
            arguments = parser.parse_command(_with_command(parser, given, words))
        except PermitCheckError as error:  # a path the system refuses, or of the wrong kind (path_value)
            _fail(error, lang if lang in LANGS else None)
        if arguments.run is None:  # `permit-check`, `permit-check checklists`: which command? The page says.
            arguments.page.print_help(sys.stderr)
            sys.exit(EXIT_USAGE)
    _running(arguments.run, arguments, words)


def _lang_asked(args: list[str]) -> str:
    """--lang, read before anything is parsed, so that --help and the usage errors are already in that language."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return "en"


def _with_command(parser: Parser, args: list[str], words: gettext.NullTranslations) -> list[str]:
    """The arguments as argparse reads them: `permit-check FOLDER` is `permit-check scan FOLDER`, and a --lang
    before the command goes to the command that has it (`permit-check --lang fr checklists show iec` is
    `permit-check checklists show --lang fr iec`); a word close to a command is a typo, not a folder."""
    if without(args, "--lang") in (["--help"], ["-h"]):
        return without(args, "--lang")  # `permit-check --lang fr --help`: this page, in French (see main)
    lang: list[str] = []
    if args[:1] == ["--lang"] and len(args) > 1:
        lang, args = args[:2], args[2:]
    elif args and args[0].startswith("--lang="):
        lang, args = args[:1], args[1:]
    if args and args[0] not in parser.commands and args[0] not in ("--help", "-h", "--version"):
        _refuse_typo(parser, args[0], words)
        args = ["scan", *args]
    command, names = parser, 0
    while names < len(args) and args[names] in command.commands:
        command, names = command.commands[args[names]], names + 1
    return [*args[:names], *(lang if command.speaks else []), *args[names:]]


def _refuse_typo(parser: Parser, word: str, words: gettext.NullTranslations) -> None:
    """`permit-check pakc mydocs`: a word that is no path but close to a command is a typo, not a folder."""
    if word.startswith("-") or os.path.lexists(word):
        return
    import difflib  # only for a word that may be a typo: every other run goes without it

    close = difflib.get_close_matches(word, list(parser.commands), n=1, cutoff=0.6)
    if close:
        parser.error(words.gettext("No such command '{word}'. Did you mean '{command}'?").format(
            word=word, command=close[0]))


def _running(run: Command, arguments: argparse.Namespace, words: gettext.NullTranslations) -> NoReturn:
    """Runs the command; Ctrl-C, a stop signal, a closed pipe and a crash each end in one line and their code."""
    from permit_check.errors import PermitCheckError

    try:
        with _stopping_on_signals():
            run(arguments, words)
    except PermitCheckError as error:
        _fail(error, getattr(arguments, "lang", None))
    except Stopped as stop:
        with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
            _say("permit-check: " + words.gettext("stopped by {signal}").format(
                signal=signal.Signals(stop.signum).name), err=True)
        sys.exit(128 + stop.signum)
    except KeyboardInterrupt:
        _say("\npermit-check: " + words.gettext("interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`permit-check ... | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_BROKEN_PIPE)
    except Exception as error:
        if isinstance(error, OSError) and (named := _given_path(error, arguments)) is not None:
            from permit_check.files.os_words import unusable_path

            # A path the user gave, found usable when the command line was read, refused since (a file that may
            # not be read, a folder gone): a usage error naming it, as path_value says it.
            _fail(unusable_path(named, error), getattr(arguments, "lang", None))
        if os.environ.get("PERMIT_CHECK_DEBUG"):
            raise
        _say("permit-check: " + words.gettext("internal error: {error}").format(
            error=f"{type(error).__name__}: {error}"), err=True)
        _say("permit-check: " + words.gettext("please report this with the command you ran "
                                              "(PERMIT_CHECK_DEBUG=1 shows the details)"), err=True)
        sys.exit(EXIT_CRASH)
    raise AssertionError("a command ends with its exit code")  # every command exits through _write or _fail


def _given_path(error: OSError, arguments: argparse.Namespace) -> str | None:
    """How the command line named the path an OS error is about (`--output x`, or the path), if the user gave it:
    a path option's or argument's value, as given or as the command made it absolute."""
    from pathlib import Path

    from permit_check.files.os_words import shown_path

    failed = {os.fspath(name) for name in (error.filename, error.filename2) if isinstance(name, str | os.PathLike)}
    if not failed:
        return None
    options: dict[str, str] = {action.dest: action.option_strings[-1] + " " for action in arguments.page._actions
                               if action.option_strings}
    for dest, value in vars(arguments).items():
        for path in value if isinstance(value, list) else [value]:
            if isinstance(path, Path) and failed & {os.fspath(path), str(path.absolute()), os.path.realpath(path)}:
                return options.get(dest, "") + shown_path(path)
    return None


def _echo(text: str, *, err: bool = False) -> None:
    write(text, sys.stderr if err else sys.stdout)


def _say(text: str, *, err: bool = False) -> None:
    """Prints one or more lines; names in them may hold escape codes, shown but never acted on (visible)."""
    from permit_check.reports.visible import visible

    _echo(visible(text) + "\n", err=err)


def _fail(error: PermitCheckError, lang: str | None = None) -> NoReturn:
    for line in error.said_in(error.lang or lang).splitlines():
        _say(f"permit-check: {line}", err=True)
    sys.exit(error.exit_code)


def _write(result: CommandResult, words: gettext.NullTranslations, output: Path | None = None, *,
           colour: bool = False) -> NoReturn:
    """Prints the command's text, or writes it whole and never through a link (safe_write); then its stderr
    lines and the GitHub job summary; then exits with its code."""
    from permit_check.reports.visible import visible

    text = visible(result.text, colours=colour)  # the renderers cleaned each name; this is the net under them
    if output is None or str(output) == "-":
        _echo(text)
    else:
        from permit_check.commands.output import write_output_file

        write_output_file(output, text)
        _say(words.gettext("Report written to {path}").format(path=output), err=True)
    for line in result.stderr:
        _say(line, err=True)
    if result.job_summary is not None:
        from permit_check.commands.output import append_job_summary

        append_job_summary(*result.job_summary)
    sys.exit(result.code)


def _progress(words: gettext.NullTranslations) -> Callable[[int, int], None] | None:
    """A one-line counter on a terminal's stderr; nothing in pipes or CI logs."""
    if not sys.stderr.isatty():
        return None
    from permit_check.reports.visible import visible

    examining = words.gettext("Examining files: {done}/{total}")

    def show(done: int, total: int) -> None:
        # The carriage return and the erase-line code are the counter's own, the only ones written raw.
        _echo("\r" + visible(examining.format(done=done, total=total)), err=True)
        if done == total:
            _echo("\r\033[K", err=True)

    return show


def _extension(output: Path) -> str:
    """The extension that names a format: the last two suffixes when they do (`.sarif.json`, GitHub's own
    habit), else the last one."""
    double = "".join(output.suffixes[-2:]).lower()
    return double if double in FORMAT_OF_EXTENSION else output.suffix.lower()


def _output_format(format_: str | None, output: Path | None, words: gettext.NullTranslations) -> str:
    """--format, else the one -o's extension names (report.html -> html), else text; a mismatch is said."""
    extension = _extension(output) if output is not None and str(output) != "-" else ""
    if format_ is None:
        return FORMAT_OF_EXTENSION.get(extension, "text")
    if extension in SUITED and format_ not in SUITED[extension]:
        _say("permit-check: " + words.gettext("writing the {format} format to {path}, although its extension "
                                              "suggests {suggested}").format(
            format=format_, path=output, suggested=FORMAT_OF_EXTENSION[extension]), err=True)
    return format_


def _use_colour(choice: bool | None, format_: str, output: Path | None) -> bool:
    """--color/--no-color win; then NO_COLOR (no-color.org), then FORCE_COLOR (force-color.org: colour even
    in a pipe or a CI log); otherwise colour only for the text report on a terminal."""
    if choice is not None:
        return choice
    if format_ != "text" or (output is not None and str(output) != "-") or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _day(as_of: dt.date | None) -> dt.date:
    """The day every date rule counts from: --as-of, else today. The one place "not given" becomes today;
    everything below the CLI is given the day."""
    import datetime as dt

    return as_of or dt.date.today()


def _scan_options(folder: Path, *, as_of: dt.date | None, timeout: float, memory_limit: int,
                  cache: bool = True, **given: Any) -> ScanOptions:
    """The one place the command line's scan options are made: the day as a date (today when not given),
    the limits in bytes, a worker per core unless --jobs says, and the user's cache unless --no-cache."""
    from permit_check.commands.scan import ScanOptions, default_jobs
    from permit_check.files.cache import default_cache_dir

    return ScanOptions(folder=folder, as_of=_day(as_of),
                       jobs=given.pop("jobs", None) or default_jobs(),
                       limits=_limits(timeout, memory_limit),
                       cache_dir=default_cache_dir() if cache else None, **given)


def _limits(timeout: float, memory_limit: int) -> Limits:
    from permit_check.limits import Limits

    return Limits(timeout=timeout, memory=memory_limit * 2**20)


# The commands: each reads its options, calls its use case once, and writes what it returns.

@contextlib.contextmanager
def _said_in(lang: str) -> Iterator[None]:
    """An error that stops the command is said in the run's language (run_language), as its other lines are."""
    from permit_check.errors import PermitCheckError

    try:
        yield
    except PermitCheckError as error:
        error.lang = error.lang or lang
        raise


def _scan(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from pathlib import Path

    from permit_check.commands.scan import ReportRequest, run_language
    from permit_check.commands.scan import scan as run_scan
    from permit_check.i18n import translations

    lang = run_language(given.lang, given.folders, given.application)  # once: every line of the run says it
    words = translations(lang)

    base = _scan_options(Path(), as_of=given.as_of, timeout=given.timeout, memory_limit=given.memory_limit,
                         cache=not given.no_cache, type=given.type, checklist=given.checklist,
                         application=given.application, channel=given.channel, editions=given.editions,
                         jobs=given.jobs, lang=given.lang, exclude=tuple(given.exclude))
    chosen = _output_format(given.format, given.output, words)
    colour = _use_colour(given.colour, chosen, given.output)
    request = ReportRequest(format=chosen, output=given.output, fail_on=given.fail_on, baseline=given.baseline,
                            redact=given.redact, verbosity=given.verbose - given.quiet, colour=colour,
                            progress=None if given.quiet else _progress(words),
                            root_uri=None if given.redact else Path.cwd().resolve().as_uri().rstrip("/") + "/")
    with _said_in(lang):
        result = run_scan(base, tuple(given.folders), request)
    _write(result, words, given.output, colour=colour)


def _init(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from permit_check.commands.init import init as write_answers_file

    _write(write_answers_file(given.folder, given.type, given.channel, force=given.force, lang=given.lang,
                              as_of=_day(None)), words)


def _letter(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from permit_check.commands.letter import letter as read_letter

    base = None
    if given.folder is not None:
        base = _scan_options(given.folder, as_of=given.as_of, timeout=given.timeout, memory_limit=given.memory_limit)
    outcome = read_letter(given.letter_path, base, type_id=given.type, format_=given.format, output=given.output,
                          lang=given.lang, as_of=_day(given.as_of), stdin=sys.stdin.buffer,
                          limits=_limits(given.timeout, given.memory_limit))
    _write(outcome, words, given.output)


def _read(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from permit_check.commands.read import read

    outcome = read(given.file, _limits(given.timeout, given.memory_limit), lang=given.lang, format_=given.format,
                   redact=given.redact, output=given.output)
    _write(outcome, words, given.output)


def _pack(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from permit_check.commands.pack import pack_folder
    from permit_check.commands.scan import run_language
    from permit_check.i18n import translations

    lang = run_language(given.lang, (given.folder,))
    base = _scan_options(given.folder, as_of=given.as_of, timeout=given.timeout, memory_limit=given.memory_limit,
                         type=given.type, channel=given.channel, lang=given.lang, exclude=tuple(given.exclude))
    with _said_in(lang):
        result = pack_folder(base, given.output, force=given.force)
    _write(result, translations(lang))


def _checklists_list(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from permit_check.commands.checklists import list_checklists

    _write(list_checklists(given.lang), words)


def _checklists_show(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from permit_check.commands.checklists import show_checklist

    _write(show_checklist(given.checklist_id, given.lang), words)


def _checklists_validate(given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    import dataclasses

    from permit_check.commands.checklists import validate_checklists

    # Its problems are errors, said as every other error is: `permit-check: ` first.
    result = validate_checklists(tuple(given.files), given.lang)
    _write(dataclasses.replace(result, stderr=tuple(f"permit-check: {line}" for line in result.stderr)), words)


def _editions(_given: argparse.Namespace, words: gettext.NullTranslations) -> None:
    from permit_check.commands.checklists import print_editions

    _write(print_editions(), words)


# The command line itself: every command, argument and option, with its help, as argparse reads them.

class _Options:
    """Adds a command's arguments and options, their help, metavars and value checks in the run's language."""

    def __init__(self, words: gettext.NullTranslations) -> None:
        from permit_check import cli_help as texts
        from permit_check import limits

        self.say, self.words, self.texts = words.gettext, words, texts
        self.timeout_range = (limits.MIN_TIMEOUT, limits.MAX_TIMEOUT)
        self.memory_range = (limits.MIN_MEMORY_MB, limits.MAX_MEMORY_MB)
        self.max_jobs = limits.MAX_JOBS
        # The paths each option and argument takes (PathRule), checked while parsing (path_value).
        self.file, self.folder = PathRule(folder_ok=False), PathRule(file_ok=False)  # inputs
        self.named_file = PathRule(folder_ok=False, must_exist=True)  # an input that is only ever named
        self.output, self.output_folder = PathRule(folder_ok=False, output=True, dash_ok=True), \
            PathRule(file_ok=False, output=True)
        self.path = PathRule()
        # scan's folders are each looked at by the scan (check_folder): one that cannot be scanned among several
        # is reported, and the others are still scanned.
        self.scanned = PathRule(look=False)
        self.word = text_value(words)  # an id: never empty
        self.default_timeout, self.default_memory = limits.DEFAULT_TIMEOUT, limits.DEFAULT_MEMORY // 2**20

    def add(self, parser: Parser, *names: str, help: str, notes: Sequence[str] = (), **settings: Any) -> None:
        """An option or argument; `help` and the metavar are the catalogue's English, said here in the run's
        language; `notes` are shown after the help in brackets."""
        if settings.get("metavar"):
            settings["metavar"] = words_in(self.words, settings["metavar"])
        if isinstance(settings.get("type"), PathRule):  # an option's path is named with it: `--output x: ...`
            option = names[-1] if names[-1].startswith("-") else None
            settings["type"] = path_value(self.words, settings["type"], option)
        parser.add_argument(*names, help=option_help(self.say(help), *notes,
                                                     separator=self.words.pgettext("semicolon", "; ")), **settings)

    def default(self, value: object) -> str:
        return self.say(self.texts.DEFAULT).format(default=value)

    def lang(self, parser: Parser, help: str, default: str | None = "en") -> None:
        parser.speaks = True
        self.add(parser, "--lang", choices=LANGS, default=default, metavar=one_of(LANGS), help=help,
                 notes=[self.default(default)] if default else [])

    def as_of(self, parser: Parser, help: str) -> None:
        from permit_check.i18n import N_

        self.add(parser, "--as-of", type=date_value(self.words, self.say(N_("YYYY-MM-DD"))), metavar="YYYY-MM-DD",
                 help=help)

    def limits(self, parser: Parser, timeout_help: str, memory_help: str) -> None:
        from permit_check.i18n import N_

        self.add(parser, "--timeout", type=number_value(self.words, float, *self.timeout_range),
                 default=self.default_timeout, metavar=N_("SECONDS"), help=timeout_help,
                 notes=[self.default(number_text(self.words, self.default_timeout)),
                        range_note(self.words, *self.timeout_range)])
        self.add(parser, "--memory-limit", type=number_value(self.words, int, *self.memory_range),
                 default=self.default_memory, metavar=N_("MB"), help=memory_help,
                 notes=[self.default(self.default_memory), range_note(self.words, *self.memory_range)])

    def exclude(self, parser: Parser, help: str) -> None:
        self.add(parser, "--exclude", action="append", default=[], metavar="GLOB", help=help)


def build_parser(words: gettext.NullTranslations) -> Parser:
    """permit-check's commands and options, the help in the run's language."""
    from permit_check import cli_help as texts
    from permit_check.i18n import N_
    from permit_check.reports import FORMATS

    say, options = words.gettext, _Options(words)
    top = Parser(prog="permit-check", usage=words_in(words, "%(prog)s [OPTIONS] COMMAND [ARGS]..."),
                 description=say(texts.MAIN_HELP), help_option=say(texts.SHOW_HELP))
    top.add_argument("--version", action="version", help=say(texts.SHOW_VERSION),
                     version=say(texts.VERSION) % {"prog": "permit-check", "version": __version__})
    top.set_defaults(run=None, page=top)

    def command(parent: Parser, name: str, run: Command | None, short_help: str, help_text: str,
                arguments: str = "") -> Parser:
        usage = words_in(words, f"%(prog)s [OPTIONS] {arguments}".strip())
        return parent.add_command(name, title=say(texts.COMMANDS), short_help=say(short_help),
                                  description=say(help_text), usage=usage, run=run, help_option=say(texts.SHOW_HELP))

    checklists = command(top, "checklists", None, N_("List, show and validate checklists."), texts.CHECKLISTS_HELP,
                         "COMMAND [ARGS]...")
    checklists_list = command(checklists, "list", _checklists_list, N_("The permit types permit-check knows."),
                              texts.CHECKLISTS_LIST_HELP)
    options.lang(checklists_list, N_("Language of the titles: en or fr."))
    show = command(checklists, "show", _checklists_show, N_("Items, rules and sources of one checklist."),
                   texts.CHECKLISTS_SHOW_HELP, "ID")
    options.add(show, "checklist_id", type=checklist_value(words), metavar="ID", help=argparse.SUPPRESS)
    options.lang(show, N_("Language of the texts: en or fr."))
    validate = command(checklists, "validate", _checklists_validate, N_("Check your own checklist files."),
                       texts.CHECKLISTS_VALIDATE_HELP, "FILES...")
    options.add(validate, "files", nargs="+", type=options.file, metavar=N_("FILES"), help=argparse.SUPPRESS)
    options.lang(validate, N_("Language of what it says: en or fr."))

    command(top, "editions", _editions, N_("Print the bundled table of IRCC form editions."),
            texts.EDITIONS_COMMAND_HELP)

    init = command(top, "init", _init, N_("Write FOLDER/permit-check.toml, the questions to answer."),
                   texts.INIT_HELP, "FOLDER")
    options.add(init, "folder", type=options.folder, metavar=N_("FOLDER"), help=argparse.SUPPRESS)
    options.add(init, "--type", type=options.word, metavar="ID",
                help=N_("Permit type (see: permit-check checklists list). Default: from the IRCC form in FOLDER."))
    options.add(init, "--channel", choices=CHANNELS, default="secure-account", metavar=one_of(CHANNELS),
                help=N_("How you will submit."), notes=[options.default("secure-account")])
    options.add(init, "--force", action="store_true", help=N_("Replace an existing permit-check.toml."))
    options.lang(init, N_("Language of the file's comments and of what init says."))

    letter = command(top, "letter", _letter, N_("Read an IRCC letter: what it is, and what to do."),
                     texts.LETTER_HELP, "LETTER [FOLDER]")
    options.add(letter, "letter_path", type=PathRule(folder_ok=False, dash_ok=True), metavar=N_("LETTER"),
                help=argparse.SUPPRESS)
    options.add(letter, "folder", nargs="?", type=options.folder, metavar=N_("FOLDER"), help=argparse.SUPPRESS)
    options.add(letter, "--type", type=options.word, metavar="ID",
                help=N_("Permit type, to name the items (default: from FOLDER, else work-permit-outside-canada)."))
    options.add(letter, "--format", choices=("text", "json"), default="text", metavar=one_of(("text", "json")),
                help=N_("text for people, json for programs."), notes=[options.default("text")])
    options.as_of(letter, N_("The date the folder's date rules use. Default: today."))
    options.add(letter, "-o", "--output", type=options.output, metavar=N_("FILE"), help=N_("Write to this file."))
    options.lang(letter, N_("Language of the answer. Default: the letter's language."), default=None)
    options.limits(letter, N_("Longest a single file may take; a slower file becomes a finding."),
                   N_("Memory each checking process may use; a file that needs more becomes a finding."))

    pack = command(top, "pack", _pack, N_("Build an upload-ready copy of a folder."), texts.PACK_COMMAND_HELP,
                   "FOLDER")
    options.add(pack, "folder", type=options.folder, metavar=N_("FOLDER"), help=argparse.SUPPRESS)
    options.add(pack, "-o", "--output", type=options.output_folder, required=True, metavar=N_("DIRECTORY"),
                help=N_("The folder to write the upload files to (outside FOLDER)."), notes=[say(texts.REQUIRED)])
    options.add(pack, "--type", type=options.word, metavar="ID",
                help=N_("Permit type. Default: from permit-check.toml or the forms."))
    options.add(pack, "--channel", choices=CHANNELS, metavar=one_of(CHANNELS),
                help=N_("How you will submit; sets the size limit per file."))
    options.as_of(pack, N_("The date every date rule uses. Default: today."))
    options.add(pack, "--force", action="store_true", help=N_("Replace what is already in the output folder."))
    options.lang(pack, N_("Language of the report: en or fr."), default=None)
    options.limits(pack, N_("Longest a single file may take; a slower file becomes a finding."),
                   N_("Memory each checking process may use; a file that needs more becomes a finding."))
    options.exclude(pack, N_("Leave out paths matching GLOB, relative to FOLDER (repeatable). Adds to 'exclude' in "
                             "permit-check.toml."))

    read = command(top, "read", _read, N_("Show what permit-check reads from one file."), texts.READ_COMMAND_HELP,
                   "FILE")
    options.add(read, "file", type=options.path, metavar=N_("FILE"), help=argparse.SUPPRESS)
    options.add(read, "--format", choices=("text", "json"), default="text", metavar=one_of(("text", "json")),
                help=N_("text for people, json for tools."), notes=[options.default("text")])
    options.add(read, "--redact", action="store_true", help=N_("Hide every value read from the file (names, numbers, "
                "dates, scores); the keys stay."))
    options.lang(read, N_("Language of the answer."))
    options.add(read, "-o", "--output", type=options.output, metavar=N_("FILE"), help=N_("Write to this file."))
    options.limits(read, N_("Longest the file may take; a slower file is reported as such."),
                   N_("Memory the reading process may use; a file that needs more is reported as such."))

    scan = command(top, "scan", _scan, N_("Check application folders (the default command)."), texts.SCAN_HELP,
                   "FOLDER...")
    options.add(scan, "folders", nargs="+", type=options.scanned, metavar=N_("FOLDER"), help=argparse.SUPPRESS)
    options.add(scan, "--type", type=options.word, metavar="ID",
                help=N_("Permit type (checklist id). Default: 'type' in permit-check.toml, else the IRCC form found."))
    options.add(scan, "--checklist", type=checklist_value(words, "--checklist"), metavar=N_("FILE"),
                help=N_("Use your own checklist file (it may extend a built-in one)."))
    options.add(scan, "--application", type=options.named_file, metavar=N_("FILE"),
                help=N_("Your answers file. Default: FOLDER/permit-check.toml, if present."))
    options.exclude(scan, N_("Leave out paths matching GLOB, relative to the folder (repeatable): --exclude "
                             "old-drafts --exclude '*.bak'. Adds to 'exclude' in permit-check.toml."))
    options.add(scan, "--channel", choices=CHANNELS, metavar=one_of(CHANNELS),
                help=N_("How you will submit; sets the size limit per file. Default: secure-account (4 MB)."))
    options.as_of(scan, N_("The date every date rule uses (e.g. your planned submission date). Default: today."))
    options.add(scan, "--editions", type=options.named_file, metavar=N_("FILE"),
                help=N_("Your own table of the latest IRCC form editions (permit-check editions prints the bundled "
                        "one, to copy and edit)."))
    options.add(scan, "--format", choices=FORMATS, metavar=one_of(FORMATS),
                help=N_("Report format: text, json, html (for people); sarif, junit, github, gitlab (for CI). "
                        "Default: from -o's extension (.json, .html, .sarif, .xml for junit, .txt), else text."))
    options.add(scan, "-o", "--output", type=options.output, metavar=N_("FILE"),
                help=N_("Write the report to this file (- prints; never inside a scanned folder, never a link or "
                        "device)."))
    options.add(scan, "--fail-on", choices=FAIL_ON, default="error", metavar=one_of(FAIL_ON),
                help=N_("Exit with 1 when a finding is at least this severe."), notes=[options.default("error")])
    options.add(scan, "--baseline", type=options.named_file, metavar=N_("FILE"),
                help=N_("A previous JSON report: findings it already has do not count (the report says how many)."))
    options.add(scan, "--jobs", type=number_value(words, int, 1, options.max_jobs),
                metavar=say(texts.INTEGER_RANGE).upper(),
                help=N_("Files examined in parallel. Default: the number of CPU cores."),
                notes=[range_note(words, 1, options.max_jobs)])
    options.limits(scan, N_("Longest a single file may take; a slower file becomes a finding."),
                   N_("Memory each checking process may use; a file that needs more becomes a finding."))
    options.add(scan, "--no-cache", action="store_true",
                help=N_("Do not reuse facts from earlier scans (the cache lives in your user cache folder)."))
    options.lang(scan, N_("Language of the report: en or fr. Default: 'lang' in permit-check.toml, else English."),
                 default=None)
    options.add(scan, "--redact", action="store_true",
                help=N_("Replace file and folder names with stable hashes, to share the report with support."))
    options.add(scan, "--color", action=argparse.BooleanOptionalAction, dest="colour", default=None,
                help=N_("Colour the text report. Default: on a terminal; never with NO_COLOR set; always (even in a "
                        "pipe) with FORCE_COLOR set."))
    options.add(scan, "-q", "--quiet", action="count", default=0,
                help=N_("Show only errors (the items and files that have them) and the verdict; the summary says how "
                        "many warnings and notes it hides."))
    options.add(scan, "-v", "--verbose", action="count", default=0,
                help=N_("Also show each item's condition, and on stderr why each unreadable file could not be read "
                        "(the reader's own words; not with --redact)."))
    return top

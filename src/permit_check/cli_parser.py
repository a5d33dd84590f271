"""The standard library's argparse, as the command line uses it: its words in the run's language, help pages
laid out as the help texts are written, and the option values checked while parsing (dates, ranges, paths).

argparse says each of its own sentences ("usage: ", "the following arguments are required: %s", ...)
through the two names its module imported from gettext, `_` and `ngettext`; `speaking` points those two at
permit-check's catalogue while a parse lasts (argparse_words.py marks the sentences for it). Neither
gettext's global domain nor the LANGUAGE variable, which every other library and the worker processes
would see, is touched.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence

TYPE_CHECKING = False  # typing itself loads when a run needs it, not with the command line
if TYPE_CHECKING:
    import datetime as dt
    import gettext
    from pathlib import Path
    from typing import Any, TextIO

# A help text's paragraph that starts with this line is shown as written, one example command a line;
# every other paragraph is re-wrapped to the terminal's width.
KEEP_LINES = "\b"
WIDEST = 100  # a help page wider than this is hard to read, however wide the terminal


@contextlib.contextmanager
def speaking(catalogue: gettext.NullTranslations) -> Iterator[None]:
    """argparse's own sentences said from `catalogue` while the block runs, then as before."""
    module = vars(argparse)
    said_by = {"_": module["_"], "ngettext": module["ngettext"]}
    module["_"], module["ngettext"] = catalogue.gettext, catalogue.ngettext
    try:
        yield
    finally:
        module.update(said_by)


def _unindented(text: str) -> str:
    """A help text as written in the code (its lines after the first indented like the code): unindented."""
    first, _, rest = text.strip("\n").partition("\n")
    import textwrap  # only a help page needs it

    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


def _terminal_width() -> int:
    """COLUMNS, else the width of the terminal stdout is, else 80: what shutil.get_terminal_size says, without
    importing shutil (and the compression modules it imports) at every start, as argparse would."""
    with contextlib.suppress(KeyError, ValueError):
        return int(os.environ["COLUMNS"])
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 80
    except (AttributeError, ValueError, OSError):
        return 80


class HelpPage(argparse.HelpFormatter):
    """The help page: paragraphs re-wrapped except example blocks (KEEP_LINES); `-o, --output FILE`."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=min(_terminal_width() - 2, WIDEST))

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        paragraphs = []
        for paragraph in re.split(r"\n\s*\n", _unindented(text)):
            if paragraph.startswith(KEEP_LINES):
                paragraphs.append("\n".join(indent + line for line in paragraph[1:].strip("\n").splitlines()))
            else:
                paragraphs.append(textwrap.fill(" ".join(paragraph.split()), width, initial_indent=indent,
                                                subsequent_indent=indent))
        return "\n\n".join(paragraphs)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if action.option_strings and action.nargs != 0:  # the value's name once, after the last spelling
            return f"{', '.join(action.option_strings)} {self._format_args(action, action.dest.upper())}"
        return super()._format_action_invocation(action)

    def start_section(self, heading: str | None) -> None:
        self._headings = [*getattr(self, "_headings", []), heading]
        super().start_section(heading)

    def format_help(self) -> str:
        """The page, each heading followed by its colon as the run's language writes it ("Commandes :")."""
        from permit_check.cli_help import HEADING

        page = super().format_help()
        for heading in filter(None, getattr(self, "_headings", [])):
            page = page.replace(f"\n{heading}:\n", f"\n{_say(HEADING).format(heading=heading)}\n")
        return page

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):  # the commands one a line, without their metavar's line
            return "".join(self._format_action(command) for command in action._get_subactions())
        return super()._format_action(action)


class Parser(argparse.ArgumentParser):
    """A command's parser: options spelled out whole (no abbreviations), help pages laid out by HelpPage, `-h` and
    `--help` said in the catalogue's words like every other option, and its commands by name (`commands`)."""

    def __init__(self, *, help_option: str, **options: Any) -> None:
        super().__init__(formatter_class=HelpPage, add_help=False, allow_abbrev=False, **options)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=help_option)
        self.commands: dict[str, Parser] = {}
        self.speaks = False  # whether it has --lang
        self._command_list: Any = None  # argparse's action that hands the rest of the line to a command

    def _print_message(self, message: str, file: Any = None) -> None:
        """The help page and the usage errors, written as the commands' output is (write); a usage error may
        quote any argument (a file name from a glob), so every character that could act on a terminal is
        shown as an escape, as in every other line the tool prints."""
        if message:
            from permit_check.reports.visible import visible

            write(visible(message), file or sys.stderr)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """argparse's check of a choice, the value and the choices quoted as the run's language quotes
        ('pdf' in English, « pdf » in French)."""
        if action.choices is not None and value not in action.choices:
            from permit_check.cli_help import INVALID_CHOICE, QUOTED

            raise argparse.ArgumentError(action, _say(INVALID_CHOICE).format(
                value=_say(QUOTED).format(choice=value),
                choices=", ".join(_say(QUOTED).format(choice=choice) for choice in action.choices)))

    def parse_command(self, args: list[str], *, also: Sequence[str] = ()) -> argparse.Namespace:
        """The options of the command the leading words name (`checklists show`), read by that command's parser
        alone, so that its options and arguments may come in any order (`letter FILE --format json FOLDER`);
        `--` ends the options (`scan -- -drafts`). `also` are options the line may have meant from the
        command above (`permit-check --verison` is read as scan's, but may mean --version)."""
        if args and args[0] in self.commands:
            return self.commands[args[0]].parse_command(args[1:], also=[*also, *self._option_string_actions])
        from permit_check import cli_help as texts  # the words of a usage error (i18n, loaded by every run)

        if self.commands:  # no command named: -h, --version, nothing (which command? the page says) or an error
            if args and not args[0].startswith("-"):
                self._refuse_unknown(args[0], list(self.commands), texts.NO_SUCH_COMMAND)
            return self.parse_args(args)
        head, end, tail = _split_at_end(args)
        for previous, arg in zip([None, *head], head, strict=False):
            # an unknown option is named first, before any argument it leaves missing; a value that follows
            # an option (`--timeout -1`) is left to argparse, which says the option expects one
            takes_value = previous in self._option_string_actions and self._option_string_actions[previous].nargs != 0
            if not takes_value and self._unknown_option(arg):
                self._refuse_unknown(arg.partition("=")[0], [*self._option_string_actions, *also],
                                     texts.NO_SUCH_OPTION, always=True)
        if not end:
            return self.parse_intermixed_args(args)
        # Python 3.11's parse_intermixed_args loses what follows `--` when no argument comes before it: the
        # options are read from before it, then every argument, those after `--` as they are.
        positionals = self._get_positional_actions()
        saved = [(action.nargs, action.default) for action in positionals]
        for action in positionals:
            action.nargs = action.default = argparse.SUPPRESS
        try:
            namespace, arguments = self.parse_known_args(head)
        finally:
            for action, (nargs, default) in zip(positionals, saved, strict=True):
                action.nargs, action.default = nargs, default
        required = [action for action in self._get_optional_actions() if action.required]
        for action in required:  # checked above, with the options
            action.required = False
        try:
            namespace, extras = self.parse_known_args(["--", *arguments, *tail], namespace)
        finally:
            for action in required:
                action.required = True
        if extras:
            self.error(_say("unrecognized arguments: %s") % " ".join(extras))
        return namespace

    def _unknown_option(self, arg: str) -> bool:
        """Whether argparse would read `arg` as an option this parser does not have."""
        if not arg.startswith("-") or arg in ("-", "--"):
            return False
        found: Any = self._parse_optional(arg)
        if found is None:
            return False
        readings = found if isinstance(found, list) else [found]  # a list of readings since Python 3.12
        return all(reading[0] is None for reading in readings)

    def _refuse_unknown(self, word: str, known: list[str], messages: tuple[str, str], *, always: bool = False,
                        ) -> None:
        """A usage error for a word close to a known command or option (difflib, loaded only here): it names
        the word and the one it may mean (`messages`' first); `always`, a word with no close match is named
        alone (their second)."""
        import difflib

        close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
        if close:
            self.error(_say(messages[0]).format(word=word, command=close[0]))
        if always:
            self.error(_say(messages[1]).format(word=word))

    def add_command(self, name: str, *, title: str, short_help: str, description: str, usage: str,
                    run: object, help_option: str) -> Parser:
        """A command under this one; the parsed options will name its `run` function and its help `page`."""
        if self._command_list is None:
            self._command_list = self.add_subparsers(title=title, metavar=_say("COMMAND"), prog=self.prog)
        command: Parser = self._command_list.add_parser(name, help=short_help, description=description,
                                                        usage=usage, help_option=help_option)
        command.set_defaults(run=run, page=command)
        self.commands[name] = command
        return command


def _say(message: str) -> str:
    """A message in the run's language: argparse's `_` is the run's catalogue while a parse lasts (speaking)."""
    return str(vars(argparse)["_"](message))


def _split_at_end(args: list[str]) -> tuple[list[str], bool, list[str]]:
    """The arguments before `--`, whether there is one, and those after it."""
    if "--" not in args:
        return args, False, []
    end = args.index("--")
    return args[:end], True, args[end + 1:]


def write(text: str, stream: TextIO) -> None:
    """Writes text whole, then flushes; to a stream set to ASCII (PYTHONIOENCODING, an old C locale) as UTF-8
    rather than a crash over an accent.

    A stream on a file descriptor (stdout, stderr) is written by os.write until every byte is out: a pipe whose
    reader goes away partway through a large write takes part of it and then refuses the rest, and the
    stream's own buffered write would drop the rest silently (and the run end with the verdict's code, as if
    the reader had it all); os.write says so (BrokenPipeError, which the CLI turns into 141)."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # a stream in memory (a test's capture, a host's StringIO)
        descriptor = None
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        # strictly, whatever the stream's own errors: stderr's (backslashreplace) would write `\xe9` for é
        data = text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        data, encoding = text.encode("utf-8", "replace"), "utf-8"
    if descriptor is None:
        if encoding == getattr(stream, "encoding", None) or not hasattr(stream, "buffer"):
            stream.write(text)
        else:
            stream.flush()
            stream.buffer.write(data)
        stream.flush()
        return
    stream.flush()  # what the stream already holds goes first
    unwritten = memoryview(data)
    while unwritten:
        unwritten = unwritten[os.write(descriptor, unwritten):]


def option_help(text: str, *notes: str, separator: str = "; ") -> str:
    """An option's help text for argparse (which formats it with %), its notes in brackets after it, as
    `[default: error]`, between them `separator` ("; ", in French " ; ")."""
    return (f"{text}  [{separator.join(notes)}]" if notes else text).replace("%", "%%")


# The value types: each checks one option's value while the command line is parsed, so that a bad value is a
# usage error (exit 2) naming the option, in the run's language. `words` is the run's catalogue.

def date_value(words: gettext.NullTranslations, written: str) -> Callable[[str], dt.date]:
    """A day, as `written` (YYYY-MM-DD, said in the run's language) shows it."""
    def day(text: str) -> dt.date:
        import datetime as dt

        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # ASCII digits: strptime takes any (٢٠٢٦)
            raise argparse.ArgumentTypeError(words.gettext("'{value}' is not a date written {format}.").format(
                value=text, format=written))
        try:
            return dt.date.fromisoformat(text)
        except ValueError:  # 2026-02-29, 2026-13-01: written so, but no day
            raise argparse.ArgumentTypeError(words.gettext("'{value}' is not a day of the calendar.").format(
                value=text)) from None
    return day


def number_value(words: gettext.NullTranslations, kind: type[int] | type[float], minimum: float,
                 maximum: float) -> Callable[[str], Any]:
    """An integer or a decimal number from `minimum` to `maximum`: not infinite, not NaN (which no comparison
    refuses, and which would turn a cap off)."""
    def number(text: str) -> Any:
        try:  # 0,5 too where the run's language writes it so
            if not text.isascii() or "_" in text:  # int() and float() take 1_0 and any script's digits (٣)
                raise ValueError(text)
            value = kind(text) if kind is int else kind(text.replace(words.pgettext("decimal mark", "."), "."))
        except ValueError:
            message = (words.gettext("'{value}' is not a whole number.") if kind is int
                       else words.gettext("'{value}' is not a number."))
            raise argparse.ArgumentTypeError(message.format(value=text)) from None
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(words.gettext("{value} is not in the range {range}.").format(
                value=text, range=range_note(words, minimum, maximum)))
        return value
    return number


def number_text(words: gettext.NullTranslations, value: float) -> str:
    """A number as the run's language writes it: 0.1 in English, 0,1 in French; a whole number without a
    decimal part (10, not 10.0)."""
    text = str(int(value)) if value == int(value) else str(value)
    return text.replace(".", words.pgettext("decimal mark", "."))


def range_note(words: gettext.NullTranslations, minimum: float, maximum: float) -> str:
    return f"{number_text(words, minimum)}<=x<={number_text(words, maximum)}"


def text_value(words: gettext.NullTranslations) -> Callable[[str], str]:
    """A word (a permit type, a checklist id): an empty one is a mistake, not the option left out."""
    def text(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(words.gettext("An empty value is not allowed."))
        return value
    return text


class PathRule:
    """What a path option or argument takes: a file, a folder or either; an input (what is there must be readable;
    `must_exist`: and something must be) or an output; whether `-` (stdin, stdout) is a value of its own."""

    __slots__ = ("dash_ok", "file_ok", "folder_ok", "look", "must_exist", "output")

    def __init__(self, *, file_ok: bool = True, folder_ok: bool = True,
                 must_exist: bool | Callable[[str], bool] = False, output: bool = False, dash_ok: bool = False,
                 look: bool = True) -> None:
        self.file_ok, self.folder_ok, self.must_exist = file_ok, folder_ok, must_exist
        self.output, self.dash_ok, self.look = output, dash_ok, look


def given_checklist_is_a_file(text: str) -> bool:
    """Whether a checklist given on the command line (`--checklist`, `checklists show`) is a file of one's own,
    not a built-in checklist's id: decided on the text as given, before Path drops its `./`. A path separator,
    a .json name, or a file or link of that name (`mine`, `mine.toml`) is a file; else it is an id (`pgwp`)."""
    separators = {"/", os.sep, os.altsep or "/"}
    return any(separator in text for separator in separators) or text.endswith(".json") or os.path.lexists(text)


def checklist_value(words: gettext.NullTranslations, option: str | None = None) -> Callable[[str], Path | str]:
    """A checklist: a file (a Path, checked as an input file is) or a built-in checklist's id (the text)."""
    as_path = path_value(words, PathRule(folder_ok=False, must_exist=True), option)
    as_id = text_value(words)

    def checklist(text: str) -> Path | str:
        return as_path(text) if text and given_checklist_is_a_file(text) else as_id(text)
    return checklist


def path_value(words: gettext.NullTranslations, rule: PathRule, option: str | None = None,
               ) -> Callable[[str], Path]:
    """A path, checked while the command line is parsed: a name the system refuses (too long, a NUL, a loop of
    links, through a file, not the user's to read) or a file where a folder is wanted (and the reverse) is a
    usage error of one line naming `option` and the path, never argparse's two (the usage and the error): the
    line is the same whichever path option it is. What an existing path is to be otherwise (a regular file, not
    a link, ...) is checked by the command that uses it."""
    def path(text: str) -> Path:
        from pathlib import Path

        from permit_check.errors import UsageProblem
        from permit_check.files.os_words import look_up, shown_path
        from permit_check.i18n import N_

        if not text:  # Path("") is the current folder, which nobody means by ""
            raise argparse.ArgumentTypeError(words.gettext("An empty path names no file or folder."))
        if (rule.dash_ok and text == "-") or not rule.look:
            return Path(text)
        label = f"{option} {shown_path(text)}" if option else shown_path(text)
        found = look_up(text, label, readable=not rule.output)
        if found is None:
            if rule.must_exist is True or (callable(rule.must_exist) and rule.must_exist(text)):
                raise UsageProblem(N_("{path}: file not found"), path=label)
        elif not rule.folder_ok and stat.S_ISDIR(found.st_mode):
            raise UsageProblem(N_("{path} is a folder; give a file"), path=label)
        elif not rule.file_ok and not stat.S_ISDIR(found.st_mode):
            raise UsageProblem(N_("{path} is a file; give a folder"), path=label)
        return Path(text)
    return path


def one_of(choices: Iterable[str]) -> str:
    """The metavar of an option with choices: `[text|json]`."""
    return f"[{'|'.join(choices)}]"


def words_in(words: gettext.NullTranslations, metavar: str) -> str:
    """A metavar ("FOLDER", "LETTER [FOLDER]") with each of its words in the page's language."""
    return re.sub(r"[A-Z]{2,}(?:-[A-Z]{2,})*", lambda word: words.gettext(word[0]), metavar)


def without(args: Sequence[str], option: str) -> list[str]:
    """The arguments less `option` and its value (`--lang fr`, `--lang=fr`)."""
    kept: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif not arg.startswith(option + "="):
            kept.append(arg)
    return kept

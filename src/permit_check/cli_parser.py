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
        if message:  # the help page and the usage errors, written as the commands' output is (write)
            write(message, file or sys.stderr)

    def parse_command(self, args: list[str]) -> argparse.Namespace:
        """The options of the command the leading words name (`checklists show`), read by that command's parser
        alone, so that its options and arguments may come in any order (`letter FILE --format json FOLDER`)."""
        if args and args[0] in self.commands:
            return self.commands[args[0]].parse_command(args[1:])
        if self.commands:  # no command named: -h, --version, nothing (which command? the page says) or an error
            return self.parse_args(args)
        return self.parse_intermixed_args(args)

    def add_command(self, name: str, *, title: str, short_help: str, description: str, usage: str,
                    run: object, help_option: str) -> Parser:
        """A command under this one; the parsed options will name its `run` function and its help `page`."""
        if self._command_list is None:
            self._command_list = self.add_subparsers(title=title, metavar="COMMAND", prog=self.prog)
        command: Parser = self._command_list.add_parser(name, help=short_help, description=description,
                                                        usage=usage, help_option=help_option)
        command.set_defaults(run=run, page=command)
        self.commands[name] = command
        return command


def write(text: str, stream: TextIO) -> None:
    """Writes text as it is, then flushes; to a stream set to ASCII (PYTHONIOENCODING, an old C locale) as UTF-8
    rather than a crash over an accent."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.flush()
        stream.buffer.write(text.encode("utf-8", "replace"))
    stream.flush()


def option_help(text: str, *notes: str) -> str:
    """An option's help text for argparse (which formats it with %), its notes in brackets after it, as
    `[default: error]`."""
    return (f"{text}  [{'; '.join(notes)}]" if notes else text).replace("%", "%%")


# The value types: each checks one option's value while the command line is parsed, so that a bad value is a
# usage error (exit 2) naming the option, in the run's language. `words` is the run's catalogue.

def date_value(words: gettext.NullTranslations) -> Callable[[str], dt.date]:
    def day(text: str) -> dt.date:
        import datetime as dt

        try:
            return dt.datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError:
            raise argparse.ArgumentTypeError(words.gettext("{value!r} does not match the format {format}.").format(
                value=text, format="'%Y-%m-%d'")) from None
    return day


def number_value(words: gettext.NullTranslations, kind: type[int] | type[float], minimum: float,
                 type_name: str) -> Callable[[str], Any]:
    """An integer or a decimal number, at least `minimum`."""
    def number(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(words.gettext("{value!r} is not a valid {number_type}.").format(
                value=text, number_type=words.gettext(type_name))) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(words.gettext("{value} is not in the range {range}.").format(
                value=value, range=range_note(minimum)))
        return value
    return number


def range_note(minimum: float) -> str:
    return f"x>={minimum}"


class PathRule:
    """What a path option or argument takes: a file, a folder or either; an input (what is there must be readable;
    `must_exist`: and something must be) or an output; whether `-` (stdin, stdout) is a value of its own."""

    __slots__ = ("dash_ok", "file_ok", "folder_ok", "look", "must_exist", "output")

    def __init__(self, *, file_ok: bool = True, folder_ok: bool = True,
                 must_exist: bool | Callable[[str], bool] = False, output: bool = False, dash_ok: bool = False,
                 look: bool = True) -> None:
        self.file_ok, self.folder_ok, self.must_exist = file_ok, folder_ok, must_exist
        self.output, self.dash_ok, self.look = output, dash_ok, look


def names_a_file(text: str) -> bool:
    """Whether --checklist's value names a file (`./mine.json`), not a built-in checklist (`pgwp`): as the
    checklist loader tells them apart."""
    from permit_check.rules.checklist import names_a_file as loader_says

    return loader_says(text)


def path_value(rule: PathRule, option: str | None = None) -> Callable[[str], Path]:
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
    return re.sub(r"[A-Z]{2,}", lambda word: words.gettext(word[0]), metavar)


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

"""The command line's arguments as a user may get them wrong: out-of-range numbers, empty values, typos, `--`,
names that hold terminal escapes, a closed pipe. Each is a one-line usage error (exit 2) that names what is
wrong, never a crash or a silent guess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AS_OF, invoke, scan_json

# The commands that take --timeout and --memory-limit, each with the arguments it needs besides them.
WITH_LIMITS = (("scan", "x"), ("letter", "x"), ("pack", "x", "-o", "out"), ("read", "x"))


@pytest.mark.parametrize("command", WITH_LIMITS, ids=lambda command: command[0])
@pytest.mark.parametrize("value", ["1e7", "inf", "1e308", "nan", "0.01", "-5"])
def test_a_timeout_out_of_range_is_a_usage_error(command: tuple[str, ...], value: str) -> None:
    """1e7 or inf once crashed (OverflowError, exit 4) in every worker's wait, and nan turned the time cap off."""
    result = invoke(*command, "--timeout", value)
    assert result.exit_code == 2
    assert f"argument --timeout: {value} is not in the range 0.1<=x<=86400." in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("command", WITH_LIMITS, ids=lambda command: command[0])
def test_a_memory_limit_out_of_range_is_a_usage_error(command: tuple[str, ...]) -> None:
    """99999999999999 MB once made setrlimit fail in every worker: every file "could not be checked"."""
    result = invoke(*command, "--memory-limit", "99999999999999")
    assert result.exit_code == 2
    assert "argument --memory-limit: 99999999999999 is not in the range 256<=x<=1048576." in result.stderr


def test_the_widest_limits_are_accepted_by_the_workers(complete: Path) -> None:
    """The maxima are values the system takes: a scan under them judges every file."""
    result = invoke(complete, "--as-of", AS_OF, "--no-cache", "--jobs", "1", "--timeout", "86400",
                    "--memory-limit", "1048576")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "READY TO SUBMIT" in result.stdout


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--memory-limit", "1e3", "'1e3' is not a whole number."),
    ("--jobs", "many", "'many' is not a whole number."),
    ("--jobs", "1000", "1000 is not in the range 1<=x<=256."),
    ("--timeout", "soon", "'soon' is not a number."),
    ("--as-of", "28/11/2026", "'28/11/2026' is not a date written YYYY-MM-DD."),
    # Written so, but no day: not "is not a date written YYYY-MM-DD", which it is.
    ("--as-of", "2026-02-29", "'2026-02-29' is not a day of the calendar."),
    ("--as-of", "2026-13-01", "'2026-13-01' is not a day of the calendar."),
    ("--as-of", "٢٠٢٦-١١-٢٨", "'٢٠٢٦-١١-٢٨' is not a date written YYYY-MM-DD."),
    # int() and float() take an underscore between digits and any script's digits: once accepted.
    ("--timeout", "1_0", "'1_0' is not a number."),
    ("--jobs", "٣", "'٣' is not a whole number."),
    ("--memory-limit", "1_024", "'1_024' is not a whole number."),
])
def test_a_bad_value_is_named_in_plain_words(option: str, value: str, said: str) -> None:
    result = invoke("scan", "x", option, value)
    assert result.exit_code == 2
    assert f"argument {option}: {said}" in result.stderr


def test_argparse_errors_show_escapes_instead_of_acting_on_them(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`permit-check scan *` in a folder holding a file named like an option with terminal escapes: the
    unknown argument is named with its escapes visible, never written raw to the terminal."""
    name = "--\x1b]0;pwned\x07\x1b[2J"
    (tmp_path / name).write_text("x")
    monkeypatch.chdir(tmp_path)
    result = invoke("scan", *sorted(os.listdir(tmp_path)))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "--\\x1b]0;pwned\\x07\\x1b[2J" in result.stderr
    error = invoke("scan", "x", "--format", "\x1b[31mred")
    assert error.exit_code == 2 and "\x1b" not in error.stderr and "\\x1b[31mred" in error.stderr


def test_double_dash_ends_the_options(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`scan -- -drafts` once said "the following arguments are required: FOLDER" (3.11's
    parse_intermixed_args drops what follows `--` when no argument comes before it)."""
    monkeypatch.chdir(complete.parent)
    complete.rename(complete.parent / "-drafts")
    for args in (("scan", "--as-of", AS_OF, "--", "-drafts"), ("--as-of", AS_OF, "--", "-drafts")):
        result = invoke(*args)
        assert result.exit_code == 0, result.stderr
        assert "READY TO SUBMIT" in result.stdout
    without = invoke("scan", "-drafts", "--as-of", AS_OF)
    assert without.exit_code == 2 and "No such option: -drafts." in without.stderr
    value = invoke("scan", "x", "--timeout", "-inf")  # a value that looks like an option: argparse's own words
    assert value.exit_code == 2 and "argument --timeout: expected one argument" in value.stderr


def test_double_dash_keeps_the_options_before_it(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(complete.parent)
    result = invoke("scan", complete.name, "--format", "json", "--as-of", AS_OF, "--", complete.name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lstrip().startswith("{")
    refused = invoke("pack", "--", complete.name)
    assert refused.exit_code == 2 and "the following arguments are required: -o/--output" in refused.stderr


@pytest.mark.parametrize(("args", "said"), [
    (("scan", "x", "--formt", "json"), "No such option: --formt. Did you mean --format?"),
    (("x", "--formt", "json"), "No such option: --formt. Did you mean --format?"),
    (("--verison",), "No such option: --verison. Did you mean --version?"),
    (("--hlep",), "No such option: --hlep. Did you mean --help?"),
    (("-V",), "No such option: -V."),
    (("read", "x", "--redcat"), "No such option: --redcat. Did you mean --redact?"),
    (("checklists", "shw"), "No such command 'shw'. Did you mean 'show'?"),
    (("checklists", "zzz"), "invalid choice: 'zzz' (choose from 'list', 'show', 'validate')"),
])
def test_a_typo_is_named_with_the_closest_option_or_command(args: tuple[str, ...], said: str) -> None:
    """An unknown option is named first (not "the following arguments are required: FOLDER"), with the
    closest one when there is one."""
    result = invoke(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "required" not in result.stderr


@pytest.mark.parametrize(("args", "said"), [
    (("scan", ""), "argument FOLDER: An empty path names no file or folder."),
    (("scan", "x", "--type", ""), "argument --type: An empty value is not allowed."),
    (("init", "x", "--type", " "), "argument --type: An empty value is not allowed."),
    (("checklists", "show", ""), "argument ID: An empty value is not allowed."),
    (("scan", "x", "-o", ""), "argument -o/--output: An empty path names no file or folder."),
])
def test_an_empty_value_is_refused_not_taken_as_absent(args: tuple[str, ...], said: str) -> None:
    """`scan ""` once scanned the current folder, and `--type ""` was taken as no --type."""
    result = invoke(*args)
    assert result.exit_code == 2
    assert said in result.stderr


@pytest.mark.parametrize("option", ["--checklist", "--editions", "--application", "--baseline"])
def test_a_missing_file_given_to_an_option_is_a_usage_error(complete: Path, tmp_path: Path, option: str) -> None:
    """Exit 2, as README documents for a usage error; --checklist, --editions and --application once gave 3."""
    result = invoke(complete, option, tmp_path / "nope.json")
    assert result.exit_code == 2
    assert result.stderr == f"permit-check: {option} {tmp_path / 'nope.json'}: file not found\n"


def test_checklist_validate_errors_say_who_speaks(tmp_path: Path) -> None:
    result = invoke("checklists", "validate", tmp_path / "nope.json")
    assert result.exit_code == 2
    assert result.stderr == f"permit-check: {tmp_path / 'nope.json'}: checklist file not found\n"


def test_a_closed_pipe_exits_141_not_the_findings_code() -> None:
    """The reader went away (`permit-check editions | head -c1`): 141, as a shell reports a command SIGPIPE
    ended, quietly; not 1, which says the folder has problems."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        completed = subprocess.run([sys.executable, "-m", "permit_check", "editions"], stdout=write_end,
                                   stderr=subprocess.PIPE, text=True, check=False, timeout=120)
    finally:
        os.close(write_end)
    assert completed.returncode == 141
    assert completed.stderr == ""


@pytest.mark.parametrize("format_", ["text", "json", "html", "sarif", "junit", "gitlab"])
def test_a_pipe_closed_partway_through_exits_141(tmp_path: Path, format_: str) -> None:
    """`permit-check scan A B ... --format json | head -c 10`: the reader takes the first bytes of a report larger
    than the pipe holds and goes; the write that was taking the rest is cut short. The run once ended with the
    verdict's 1 and nothing said, the rest of the report dropped as if read."""
    (tmp_path / "empty").mkdir()
    read_end, write_end = os.pipe()
    try:
        process = subprocess.Popen([sys.executable, "-m", "permit_check", "scan", *["empty"] * 60, "--format", format_,
                                    "--type", "work-permit-outside-canada", "--no-cache", "--as-of", AS_OF],
                                   cwd=tmp_path, stdout=write_end, stderr=subprocess.PIPE, text=True)
        os.close(write_end)
        assert os.read(read_end, 10)
    finally:
        os.close(read_end)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 141
    assert stderr == ""


def test_a_checklist_file_is_told_from_a_built_in_id_by_the_text_given(complete: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`--checklist ./mine` and `--checklist mine` (a file there) are files, not the id 'mine': Path once dropped
    the `./` and the file was looked up among the built-in checklists ("unknown checklist 'mine'")."""
    monkeypatch.chdir(tmp_path)
    Path("mine").write_text(json.dumps({"id": "mine", "version": "1", "title": "Mine",
                                        "extends": "work-permit-outside-canada"}), encoding="utf-8")
    for given in ("./mine", "mine"):
        result = scan_json(complete, "--checklist", given)
        assert result.exit_code == 0, (given, result.stderr)
        assert result.json()["checklist"]["id"] == "mine"
    assert invoke("checklists", "validate", "mine").stdout == "mine: ok\n"
    assert "Mine" in invoke("checklists", "show", "./mine").stdout
    assert scan_json(complete, "--checklist", "work-permit-outside-canada").exit_code == 0  # an id is still one


def test_a_checklist_file_that_is_no_json_is_told_so(complete: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("cl.toml").write_text('id = "mine"\n', encoding="utf-8")
    said = "cl.toml: not valid JSON: line 1 column 1: Expecting value (a checklist file must be JSON)\n"
    result = invoke(complete, "--checklist", "cl.toml")
    assert result.exit_code == 3
    assert result.stderr == "permit-check: --checklist " + said
    validated = invoke("checklists", "validate", "cl.toml")
    assert validated.exit_code == 3 and validated.stderr == "permit-check: " + said
    french = invoke(complete, "--checklist", "cl.toml", "--lang", "fr")
    assert french.stderr == ("permit-check: --checklist cl.toml : JSON non valide : ligne 1 colonne 1 : une valeur "
                             "est attendue (un fichier de liste de contrôle doit être en JSON)\n")


def test_an_editions_table_that_is_no_json_names_its_option(complete: Path, tmp_path: Path) -> None:
    """As --baseline's does: the user sees which option gave the file."""
    table = tmp_path / "afile"
    table.write_text("", encoding="utf-8")
    result = invoke(complete, "--editions", table)
    assert result.exit_code == 3  # an invalid file there, as README says
    assert result.stderr == (f"permit-check: --editions {table}: not valid JSON: line 1 column 1: "
                             "Expecting value\n")


def test_an_unknown_type_is_shown_once_made_printable(complete: Path) -> None:
    """Its escapes once doubled (repr of the printable text): '\\\\x1b[31mx\\\\u202e'."""
    result = invoke(complete, "--type", "\x1b[31mx\u202e")
    assert result.exit_code == 2
    assert result.stderr.startswith("permit-check: unknown checklist '\\x1b[31mx\\u202e'; available: iec, pgwp, ")
    french = invoke(complete, "--type", "\x1b[31mx\u202e", "--lang", "fr").stderr
    assert french.startswith("permit-check: liste de contrôle inconnue « \\x1b[31mx\\u202e » ; disponibles : ")


def test_a_checklist_that_is_no_regular_file_is_said_whole_in_french(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The French said only its first half: "n'est pas un fichier ordinaire"."""
    monkeypatch.chdir(tmp_path)
    Path("letter.txt").write_text("Dear applicant, your application for a work permit has been refused.\n",
                                  encoding="utf-8")
    Path("folder").mkdir()
    result = invoke("letter", "letter.txt", "--type", "./folder", "--lang", "fr")
    assert result.exit_code == 3
    assert result.stderr == "permit-check: folder : n'est pas un fichier ordinaire ; il faut ici un fichier ordinaire\n"

"""Names and document content are untrusted: they never act on a terminal, never break a report's
syntax, and a parser's message (which may quote a form) never reaches a report."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke, scan_json

# File names an attacker would use: window title (OSC 0), hyperlink (OSC 8), clipboard (OSC 52),
# clear screen (CSI), U+009B (a one-character CSI in xterm), a bidi override, other C0 controls and DEL.
HOSTILE_NAMES = (
    "title-\x1b]0;pwned\x07.pdf",
    "link-\x1b]8;;https:\u2215\u2215evil.example\x1b\\click\x1b]8;;\x1b\\.pdf",
    "clipboard-\x1b]52;c;ZWNobyBwd25lZA==\x07.pdf",
    "clear-\x1b[2J\x1b[31mred.pdf",
    "c1-\u009b31mred.pdf",
    "photo\u202egpj.exe",
    "controls-\x01\x08\x7f\r.pdf",
)
UNDECODABLE_NAME = b"latin1-caf\xe9-\xff.pdf"
# What must never be written raw: controls other than newline and tab, DEL, C1, bidi controls and
# marks, and lone surrogates (an undecodable byte passed through).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
COLOUR_CODE = re.compile("\x1b\\[[0-9;]*m")

FAKE_NAME, FAKE_NUMBER = "Maria Gonzalez", "046454286"


def _plant(folder: Path) -> None:
    for name in HOSTILE_NAMES:
        (folder / "incoming" / name).parent.mkdir(exist_ok=True)
        (folder / "incoming" / name).write_bytes(b"a note\n")
    with open(os.fsencode(folder / "incoming") + b"/" + UNDECODABLE_NAME, "wb") as handle:
        handle.write(b"a note\n")


def _run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    """A real process, its output as bytes decoded strictly: an undecodable byte written raw fails here."""
    command = [sys.executable, "-m", "permit_check", *[os.fsencode(arg) if isinstance(arg, Path) else arg
                                                      for arg in args]]
    done = subprocess.run(command, capture_output=True, check=False, timeout=300, cwd=cwd)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def _assert_inert(text: str, *, colours: bool = False) -> None:
    if colours:
        text = COLOUR_CODE.sub("", text)
    assert not UNSAFE.findall(text), sorted(set(UNSAFE.findall(text)))


@pytest.mark.parametrize("format_", ["text", "github", "junit", "html", "json", "sarif"])
def test_hostile_file_names_reach_no_output_raw(complete: Path, format_: str) -> None:
    _plant(complete)
    code, out, err = _run("scan", complete, "--format", format_, "--as-of", AS_OF, "--no-cache")
    assert code == 1, err
    _assert_inert(out)
    _assert_inert(err)
    if format_ == "text":
        assert "incoming/photo\\u202egpj.exe" in out and "title-\\x1b]0;pwned\\x07.pdf" in out
    if format_ == "junit":
        suites = ET.fromstring(out)  # well-formed XML
        assert any("photo\\u202egpj.exe" in (case.get("name") or "") + (case.findtext("failure") or "")
                   + (case.findtext("system-out") or "") for case in suites.iter("testcase"))
    if format_ == "json":
        paths = {file["path"] for file in json.loads(out)["files"]}  # the data keeps the real names
        assert {f"incoming/{name}" for name in HOSTILE_NAMES} <= paths
    if format_ == "sarif":
        json.loads(out)


def test_coloured_text_report_keeps_only_its_own_colour_codes(complete: Path) -> None:
    _plant(complete)
    code, out, _ = _run("scan", complete, "--color", "--as-of", AS_OF, "--no-cache")
    assert code == 1 and COLOUR_CODE.search(out)
    _assert_inert(out, colours=True)
    assert "\x1b[2J" not in out and "clear-\\x1b[2J\\x1b[31mred.pdf" in out


def test_pack_lines_show_hostile_names_inert(complete: Path, tmp_path: Path) -> None:
    _plant(complete)
    code, out, err = _run("pack", complete, "--output", tmp_path / "upload", "--as-of", AS_OF)
    assert code in (0, 1), err
    _assert_inert(out)
    _assert_inert(err)
    assert "title-\\x1b]0;pwned\\x07.pdf" in out
    manifest = (tmp_path / "upload" / "permit-check-manifest.json").read_text(encoding="utf-8")
    _assert_inert(manifest)
    json.loads(manifest)


REFUSAL = """Following an examination of your application, I am not satisfied that you meet the requirements of the
Act and the Regulations for the reasons explained below. I am therefore refusing your application.
I am not satisfied that you will leave Canada at the end of your stay, as stipulated in paragraph 200(1)(b)
of the IRPR, based on your family ties in Canada and in your country of residence.
"""


@pytest.mark.parametrize("format_", ["text", "json"])
def test_letter_answer_shows_a_hostile_letter_name_inert(tmp_path: Path, format_: str) -> None:
    name = "decision-\x1b]52;c;ZWNobyBwd25lZA==\x07-\u202efdp.txt"
    (tmp_path / name).write_text(REFUSAL + "\x1b]0;pwned\x07\n", encoding="utf-8")
    code, out, err = _run("letter", tmp_path / name, "--format", format_)
    assert code == 0, err
    _assert_inert(out)
    if format_ == "json":
        assert json.loads(out)["letter"] == name


def test_checklists_validate_shows_a_hostile_path_inert(tmp_path: Path) -> None:
    good = tmp_path / "mine-\x1b]0;pwned\x07\u202e.json"
    shutil.copyfile(REPO / "checklists" / "work-permit-outside-canada.json", good)
    missing = tmp_path / "gone-\x1b[2J\u009b31m.json"
    code, out, err = _run("checklists", "validate", good, missing)
    assert code == 2  # a file that is not there is a usage error
    _assert_inert(out)
    _assert_inert(err)
    assert "mine-\\x1b]0;pwned\\x07\\u202e.json: ok" in out and "gone-\\x1b[2J\\x9b31m.json" in err


def test_init_and_errors_show_a_hostile_folder_inert(tmp_path: Path) -> None:
    folder = tmp_path / "client-\x1b]0;pwned\x07\u202e"
    folder.mkdir()
    code, out, err = _run("init", folder, "--type", "work-permit-outside-canada")
    assert code == 0, err
    _assert_inert(out)
    assert "client-\\x1b]0;pwned\\x07\\u202e/permit-check.toml" in out
    code, out, err = _run("scan", tmp_path / "missing-\x1b]0;pwned\x07")
    assert code == 2
    _assert_inert(err)
    assert "missing-\\x1b]0;pwned\\x07" in err


# --------------------------------------------------------------------------- parser messages


def _leaky_folder(complete: Path) -> Path:
    """Two damaged PDFs whose parser messages quote a form field's value and the file's raw bytes."""
    secret = f"{FAKE_NAME} SIN {FAKE_NUMBER}"
    make.write(complete / "hostile" / "button.pdf", make.radio_kid_without_appearance_pdf(secret))
    make.write(complete / "hostile" / "xref.pdf", make.junk_in_xref_pdf(secret))
    return complete


@pytest.mark.parametrize("redact", [False, True])
def test_parser_messages_reach_no_report(complete: Path, redact: bool) -> None:
    folder = _leaky_folder(complete)
    flags = ("--redact",) if redact else ()
    for format_ in ("text", "json", "html", "sarif", "junit", "github"):
        result = invoke("scan", folder, "--format", format_, "--as-of", AS_OF, "--no-cache", *flags)
        for leaked in (FAKE_NAME, FAKE_NUMBER, "IndirectObject", "b'"):
            assert leaked not in result.stdout and leaked not in result.stderr, (format_, leaked)
    if not redact:
        messages = [finding["message"] for finding in scan_json(folder, "--no-cache").json()["findings"]
                    if finding["path"] in ("hostile/button.pdf", "hostile/xref.pdf")
                    and finding["rule"].endswith("damaged-repairable")]
        assert messages == [f"hostile/{name} is damaged (its PDF structure cannot be read), though a repairing "
                            "reader can still open it." for name in ("button.pdf", "xref.pdf")]


def test_two_runs_give_byte_identical_messages(complete: Path) -> None:
    """A parser's message held a Python object id, different in every process."""
    folder = _leaky_folder(complete)
    runs = [_run("scan", folder, "--format", "json", "--as-of", AS_OF, "--no-cache", "--jobs", "1")[1]
            for _ in range(2)]
    messages = [[finding["message"] for finding in json.loads(run)["findings"]] for run in runs]
    assert messages[0] == messages[1]
    assert any("hostile/button.pdf is damaged" in message for message in messages[0])


def test_verbose_puts_the_parser_message_on_stderr_only(complete: Path) -> None:
    folder = _leaky_folder(complete)
    result = scan_json(folder, "--no-cache", "-v")
    lines = [line for line in result.stderr.splitlines() if "hostile/" in line]
    assert len(lines) == 2, result.stderr
    button = next(line for line in lines if "hostile/button.pdf" in line)
    assert button.startswith("permit-check: hostile/button.pdf: PdfReadError: Button field kid missing /AP")
    assert FAKE_NAME not in result.stdout
    _assert_inert(result.stderr)
    redacted = scan_json(folder, "--no-cache", "-v", "--redact")
    assert "PdfReadError" not in redacted.stderr and FAKE_NAME not in redacted.stderr
    assert FAKE_NAME not in redacted.stdout


def test_internal_error_line_is_inert(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom \x1b]0;pwned\x07\u202e")

    monkeypatch.setattr("permit_check.commands.scan.run", broken)
    monkeypatch.delenv("PERMIT_CHECK_DEBUG", raising=False)
    result = invoke(complete)
    assert result.exit_code == 4
    _assert_inert(result.stderr)
    assert "internal error: RuntimeError: boom \\x1b]0;pwned\\x07\\u202e" in result.stderr

"""Every number with a decimal part said to people follows the run's language: 1.5 s and 7.5 in English, 1,5 s
and 7,5 in French (time limits, sizes in MB, scores); the JSON keeps the number as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from permit_check.commands.pack import _failure, megabytes, pack_words
from permit_check.errors import UsageProblem
from permit_check.files.inspectors.problems import reason_in
from permit_check.files.pool import TIMEOUT, Outcome
from permit_check.i18n import N_, Phrase, decimal
from permit_check.limits import Limits
from tests import docfactory as make
from tests import reportfactory as report
from tests.conftest import invoke


@pytest.mark.parametrize(("value", "digits", "english", "french"), [
    (1.5, None, "1.5", "1,5"), (10.0, None, "10", "10"), (0.1, None, "0.1", "0,1"), (6.8359375, 1, "6.8", "6,8"),
    (256.0, 0, "256", "256"),
])
def test_a_number_has_the_languages_decimal_mark(value: float, digits: int | None, english: str,
                                                 french: str) -> None:
    assert decimal(value, "en", digits) == english
    assert decimal(value, "fr", digits) == french


def test_a_stopping_error_says_its_decimal_numbers_in_its_language() -> None:
    """A usage line carries its numbers as numbers: they are written when it is said, in the run's language."""
    problem = UsageProblem(N_("{name}: the letter could not be read within {seconds} s (too complex); if this machine "
                              "is only slow, give it more time with --timeout {more}"),
                           name="a.pdf", seconds=1.5, more="30")
    assert problem.said_in("en").startswith("a.pdf: the letter could not be read within 1.5 s (too complex); ")
    assert problem.said_in("fr").startswith("a.pdf : la lettre n'a pas pu être lue en moins de 1,5 s "
                                            "(trop complexe) ; ")
    assert Phrase("{seconds} s", seconds=2.5).said_in("fr") == "2,5 s"


def test_the_letters_time_limit_in_french(tmp_path: Path) -> None:
    """`letter --lang fr` said "1.5 s"."""
    path = make.write(tmp_path / "slow-pages.pdf", make.slow_text_pdf(300_000))
    french = invoke("letter", path, "--timeout", "1.5", "--lang", "fr")
    assert french.exit_code == 2
    assert french.stderr.startswith(f"permit-check: {path} : la lettre n'a pas pu être lue en moins de 1,5 s "
                                    "(trop complexe) ; ")
    english = invoke("letter", path, "--timeout", "1.5")
    assert english.stderr.startswith(f"permit-check: {path}: the letter could not be read within 1.5 s (too complex); ")


def test_packs_time_limit_and_sizes_in_french() -> None:
    """A slot that took too long to build said "1.5 s" whatever the language (its message formatted the number
    itself)."""
    timed_out = Outcome(failure=TIMEOUT)
    assert _failure(timed_out, [], Limits(timeout=1.5), pack_words("fr")) == "l'assemblage a pris plus de 1,5 s"
    assert _failure(timed_out, [], Limits(timeout=1.5), pack_words("en")) == "building it took longer than 1.5 s"
    assert megabytes(7_168_000, pack_words("fr"), digits=1) == "6,8"
    assert megabytes(4 * 1048576, pack_words("fr")) == "4"


def test_a_files_time_limit_in_french() -> None:
    found = {"kind": "timeout", "reason": "it could not be checked within 1.5 s",
             "reason_id": "it could not be checked within {seconds} s", "values": {"seconds": "1.5"}}
    assert reason_in(found, "fr").endswith("1,5 s") and "1.5" not in reason_in(found, "fr")
    assert reason_in(found, "en") == "it could not be checked within 1.5 s"


def test_read_says_a_band_score_in_the_languages_way(tmp_path: Path) -> None:
    """An IELTS speaking band of 7.5 was "7.5" in French too."""
    path = make.write(tmp_path / "results.pdf", report.report_pdf(report.ielts_lines()))
    french = invoke("read", path, "--lang", "fr")
    assert french.exit_code == 0, french.stderr
    speaking = next(line for line in french.stdout.splitlines() if "7,5" in line or "7.5" in line)
    assert "7,5" in speaking and "7.5" not in speaking
    assert "7.5 (CLB 10)" in invoke("read", path).stdout
    assert json.loads(invoke("read", path, "--lang", "fr", "--format", "json").stdout)["language_test"]["scores"][
        "speaking"] == 7.5  # data keeps the number

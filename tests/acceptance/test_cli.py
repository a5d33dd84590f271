"""The command line as a user meets it: exit codes, one-line errors, output files, privileges."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests import docfactory as make
from tests.conftest import AS_OF, BASE_ANSWERS, invoke, run_process, scan_json, tree_state, without_privileges


def test_bare_folder_means_scan(complete: Path) -> None:
    result = invoke(complete, "--as-of", AS_OF)
    assert result.exit_code == 0
    assert "READY TO SUBMIT" in result.stdout
    assert "Application for Work Permit Made Outside of Canada (IMM 1295)" in result.stdout


def test_text_report_gives_each_problem_a_fix_and_a_verdict(complete: Path) -> None:
    (complete / "imm5645.pdf").unlink()
    result = invoke("scan", complete, "--as-of", AS_OF)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    missing = next(index for index, line in enumerate(lines) if line.strip().startswith("MISSING"))
    assert "Family Information" in lines[missing]
    assert lines[missing + 1].strip().startswith("error")
    assert lines[missing + 2].strip().startswith("fix:")
    assert "Summary: 1 error, 0 warnings" in result.stdout
    assert lines[-1] == "NOT READY: 1 error to fix before you submit."


def test_quiet_shows_only_problems(complete: Path) -> None:
    (complete / "imm5645.pdf").unlink()
    result = invoke(complete, "-q", "--as-of", AS_OF)
    assert "Family Information" in result.stdout
    assert "Digital photo" not in result.stdout


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_process(tmp_path / "nope")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"permit-check: folder not found: {tmp_path / 'nope'}"
    assert "Traceback" not in result.stderr


def test_file_instead_of_folder_is_a_usage_error(complete: Path) -> None:
    result = invoke(complete / "passport.pdf")
    assert result.exit_code == 2
    assert "not a folder" in result.stderr


def test_unknown_type_lists_the_types(complete: Path) -> None:
    result = invoke(complete, "--type", "student-visa")
    assert result.exit_code == 2
    assert "work-permit-outside-canada" in result.stderr


def test_type_cannot_be_inferred(complete: Path) -> None:
    (complete / "permit-check.toml").unlink()
    (complete / "imm1295.pdf").unlink()
    result = invoke(complete)
    assert result.exit_code == 2
    assert "--type" in result.stderr and "work-permit-outside-canada" in result.stderr


def test_bad_option_is_a_usage_error(complete: Path) -> None:
    assert invoke(complete, "--channel", "fax").exit_code == 2
    assert invoke(complete, "--as-of", "28/11/2026").exit_code == 2


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("type = [", "not valid TOML"),
        (BASE_ANSWERS.replace('"single"', '"maried"'), "applicant.marital_status: must be one of: single, "),
        (BASE_ANSWERS.replace("[representative]", "[representatve]"), "'representatve' was unexpected"),
        (BASE_ANSWERS.replace("start = 2027-03-01", 'start = "next spring"'), "work.start: is not a valid date"),
        (BASE_ANSWERS.replace('type = "work-permit-outside-canada"', 'type = "tourist"'), "unknown checklist"),
    ],
)
def test_invalid_answers_file_exits_3_naming_the_key(complete: Path, toml: str, expected: str) -> None:
    (complete / "permit-check.toml").write_text(toml)
    result = invoke(complete)
    assert result.exit_code == 3
    assert expected in result.stderr
    assert "permit-check.toml" in result.stderr


def test_explicit_answers_file_must_exist(complete: Path, tmp_path: Path) -> None:
    """A file named on the command line that is not there is a usage error, as a missing folder is."""
    result = invoke(complete, "--application", tmp_path / "answers.toml")
    assert result.exit_code == 2
    assert result.stderr == f"permit-check: --application {tmp_path / 'answers.toml'}: file not found\n"


def test_answers_file_outside_the_folder(complete: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(BASE_ANSWERS.replace("used = false", "used = true"))
    result = scan_json(complete, "--application", answers)
    assert "representative.missing" in result.rules()


def test_invalid_checklist_exits_3_with_pointer(complete: Path, tmp_path: Path) -> None:
    checklist = tmp_path / "mine.json"
    checklist.write_text(json.dumps({"id": "mine", "version": "1", "title": "Mine", "extends": "base",
                                     "items": [{"id": "passport", "required": "yes"}]}))
    result = invoke(complete, "--checklist", checklist)
    assert result.exit_code == 3
    assert "/items/0/required" in result.stderr


def test_fail_on_levels(complete: Path) -> None:
    make.write(complete / "notes.pdf", make.scan_pdf(1, seed=2, width=300, height=400))
    assert scan_json(complete).exit_code == 0
    assert scan_json(complete, "--fail-on", "warning").exit_code == 1
    (complete / "imm5645.pdf").unlink()
    assert scan_json(complete, "--fail-on", "never").exit_code == 0


def test_output_file_is_written_whole_and_outside_the_folder(complete: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = invoke(complete, "--format", "json", "--output", target, "--as-of", AS_OF)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["ready"] is True
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".report")] == []
    inside = invoke(complete, "--output", complete / "report.txt")
    assert inside.exit_code == 2 and "inside the scanned folder" in inside.stderr
    assert not (complete / "report.txt").exists()


def test_scan_never_writes_to_the_folder(complete: Path) -> None:
    make.write(complete / "broken.pdf", b"%PDF-1.4\n1 0 obj <<")
    before = tree_state(complete)
    listing = sorted(os.listdir(complete))
    assert invoke(complete, "--format", "json").exit_code == 1
    assert invoke(complete).exit_code == 1
    assert tree_state(complete) == before
    assert sorted(os.listdir(complete)) == listing


def test_json_output_is_deterministic(complete: Path) -> None:
    make.write(complete / "extra.pdf", make.text_pdf(["Notes"]))
    first = scan_json(complete).stdout
    second = scan_json(complete, "--jobs", "2").stdout
    assert first == second


def test_parallel_scan_gives_the_same_report(complete: Path) -> None:
    for index in range(10):
        make.write(complete / f"scan-{index}.pdf", make.scan_pdf(1, seed=index, width=300, height=400))
    assert scan_json(complete, "--jobs", "1").stdout == scan_json(complete, "--jobs", "3").stdout


def test_unreadable_file_is_a_finding(complete: Path, tmp_path: Path) -> None:
    # The folder must be reachable once privileges are dropped: a world-readable copy in /tmp.
    (complete / "passport.pdf").chmod(0o000)
    os.chmod(tmp_path, 0o755)
    os.chmod(complete.parent, 0o755)
    result = run_process("scan", complete, "--format", "json", "--as-of", AS_OF, prefix=without_privileges())
    assert result.exit_code == 1, result.stderr
    findings = [finding for finding in json.loads(result.stdout)["findings"] if finding["path"] == "passport.pdf"]
    assert [finding["rule"] for finding in findings] == ["passport.unreadable"]
    assert "Permission denied" in findings[0]["message"]


def test_unreadable_subfolder_is_a_finding(complete: Path, tmp_path: Path) -> None:
    (complete / "private").mkdir()
    make.write(complete / "private" / "police-certificate.pdf", make.text_pdf(["Police certificate"]))
    (complete / "private").chmod(0o000)
    os.chmod(tmp_path, 0o755)
    os.chmod(complete.parent, 0o755)
    try:
        result = run_process("scan", complete, "--format", "json", "--as-of", AS_OF, prefix=without_privileges())
    finally:
        (complete / "private").chmod(0o755)
    report = json.loads(result.stdout)
    finding = next(finding for finding in report["findings"] if finding["rule"] == "file.unreadable-folder")
    assert finding["path"] == "private"


def test_missing_libmagic_is_one_line_exit_3(complete: Path, tmp_path: Path) -> None:
    """Simulated by a `magic` module that fails as python-magic does when libmagic is absent."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "magic.py").write_text("raise ImportError('failed to find libmagic.  Check your installation')\n")
    env = {**os.environ, "PYTHONPATH": f"{fake}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    result = run_process(complete, env=env)
    assert result.exit_code == 3
    assert "libmagic1" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_checklists_list_and_show() -> None:
    listing = invoke("checklists", "list")
    assert listing.exit_code == 0
    ids = [line.split()[0] for line in listing.stdout.splitlines()]
    assert ids == ["iec", "pgwp", "spousal-open-work-permit", "work-permit-inside-canada", "work-permit-outside-canada"]
    shown = invoke("checklists", "show", "work-permit-outside-canada")
    assert shown.exit_code == 0
    for text in ("application-form", "IRCC form: IMM 1295", "required when [representative] used = true",
                 "error    application-form.not-validated", "reviewed 2026-11-28",
                 "https://www.scribd.com/document/629623094/caninda", "secure-account   IRCC secure account: 4 MB",
                 "required for employer-specific work (a warning if missing)", "Rules for every file:",
                 "warning  file-name.characters", "Rules over your answers (permit-check.toml):",
                 "error    job-offer.offer-number-format (only in some cases)",
                 "cut short by … days"):
        assert text in shown.stdout, text
    assert invoke("checklists", "show", "nope").exit_code == 2


def test_checklists_validate(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"id": "agency", "version": "1", "title": "Agency",
                                "extends": "work-permit-outside-canada", "drop": ["fee-receipt"]}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "Bad Id", "version": "1", "title": "x",
                               "items": [{"id": "a", "title": "A", "required": True, "rules": [
                                   {"id": "a.r", "severity": "error", "message": "m", "hint": "h",
                                    "schema": {"type": "nonsense"}}]}]}))
    assert invoke("checklists", "validate", good).exit_code == 0
    result = invoke("checklists", "validate", good, bad)
    assert result.exit_code == 3
    assert f"{good}: ok" in result.stdout
    assert "/id" in result.stderr


def test_help_teaches() -> None:
    result = invoke("--help")
    assert "permit-check ./my-docs" in result.stdout
    scan_help = invoke("scan", "--help").stdout
    for option in ("--type", "--channel", "--as-of", "--format", "--fail-on", "--output"):
        assert option in scan_help


def test_internal_error_is_one_line_exit_4(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("permit_check.commands.scan.run", broken)
    monkeypatch.delenv("PERMIT_CHECK_DEBUG", raising=False)
    result = invoke(complete)
    assert result.exit_code == 4
    assert "internal error: RuntimeError: boom" in result.stderr and "Traceback" not in result.stderr


def test_interrupt_exits_130(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("permit_check.commands.scan.run", interrupted)
    result = invoke(complete)
    assert result.exit_code == 130 and "interrupted" in result.stderr


def test_progress_only_on_a_terminal(complete: Path) -> None:
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    completed = subprocess.run([sys.executable, "-m", "permit_check", complete, "--as-of", AS_OF],
                               stdout=subprocess.PIPE, stderr=follower, check=False, timeout=120)
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert completed.returncode == 0
    assert "Examining files: 4/4" in shown
    piped = run_process(complete, "--as-of", AS_OF)
    assert piped.stderr == ""


def test_french_on_an_ascii_stream_is_written_as_utf8() -> None:
    """A terminal or pipe set to ASCII (PYTHONIOENCODING, an old C locale) gets the accents as UTF-8: the help
    page, a usage error and a command's output alike, never a traceback."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    page = run_process("--lang", "fr", "--help", env=env)
    assert page.exit_code == 0 and "Vérifier le dossier" in page.stdout
    error = run_process("--lang", "fr", "scan", "x", "--as-of", "hier", env=env)
    assert error.exit_code == 2 and "« hier » n'est pas une date écrite AAAA-MM-JJ." in error.stderr
    assert "Traceback" not in error.stderr
    listed = run_process("--lang", "fr", "checklists", "list", env=env)
    assert listed.exit_code == 0 and "Expérience internationale Canada" in listed.stdout


def test_path_options_take_unusable_names_without_a_traceback(tmp_path: Path) -> None:
    """A path option's value is checked while parsing (a file option given a folder is a usage error); a name
    the system refuses (too long, a NUL) reaches the command, which says what is wrong, never a traceback."""
    long_name = "a" * 5000
    for args in (("scan", tmp_path / "nope", "--checklist", long_name), ("scan", tmp_path / "nope", "-o", long_name),
                 ("scan", tmp_path / "nope", "--checklist", "bad\0name")):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr.startswith("permit-check: ") and len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "no IMM 1295 or IMM 5710 was found. Give --type, or set type in permit-check.toml. Types: "),
    ("fr", "aucun IMM 1295 ni IMM 5710 n'a été trouvé. Indiquez --type, ou type dans permit-check.toml. Types : "),
])
def test_a_folder_that_cannot_be_scanned_among_several_is_said_in_sentences(complete: Path, tmp_path: Path,
                                                                            lang: str, said: str) -> None:
    """The error's two lines on the batch's one line: once "was found.; Give --type"."""
    (tmp_path / "empty").mkdir()
    result = invoke("scan", tmp_path / "empty", complete, "--as-of", AS_OF, "--lang", lang, "--no-cache")
    assert said in result.stdout
    assert ".;" not in result.stdout and ". ;" not in result.stdout

"""Configuration files turned against the user: checklists that reach the network or never finish matching,
files nested or sized to crash the parsers, a permit-check.toml that links out of the folder.

Each ends in one clear line and the right exit code; no request leaves the machine, no value is echoed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, BASE_ANSWERS, invoke, scan_json

SECRET = "Zebulon-Quartermaine-7731"  # a value no message may ever repeat
DEPTH = 100_000
LONG_NUMBER = "9" * 5000


class Server:
    """An HTTP server on 127.0.0.1 that serves a JSON Schema for any path and counts the requests."""

    def __init__(self) -> None:
        self.requests = 0
        counter = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                counter.requests += 1
                body = json.dumps({"type": "object"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/schema+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # quiet: no access log on stderr
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/evil.json"


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    thread = threading.Thread(target=running.httpd.serve_forever, daemon=True)
    thread.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()
    thread.join()


def _checklist(path: Path, schema: Any, *, text: list[str] | None = None) -> Path:
    """A consultancy's checklist over the built-in one, with one file rule made of `schema`."""
    data: dict[str, Any] = {
        "id": "agency", "version": "1", "title": "Agency", "extends": "work-permit-outside-canada",
        "file_rules": [{"id": "agency.name-rule", "severity": "error", "message": "{name} breaks the agency rule",
                        "hint": "Rename it.", "schema": schema}],
    }
    if text is not None:
        data["items"] = [{"id": "agency-letter", "title": "Agency letter", "required": False,
                          "match": {"text": text}}]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr[:2000]
    assert "Traceback" not in stderr and "internal error" not in stderr
    return lines[0]


# =========================================================================== $ref to the network


def test_validate_refuses_a_remote_reference_and_asks_nothing(tmp_path: Path, server: Server) -> None:
    checklist = _checklist(tmp_path / "agency.json", {"$ref": server.url})
    result = invoke("checklists", "validate", checklist)
    assert result.exit_code == 3
    assert "agency.name-rule" in result.stderr and "/file_rules/0/schema/$ref" in result.stderr
    assert "outside the checklist" in result.stderr
    assert server.requests == 0


def test_scan_with_a_remote_reference_asks_nothing(complete: Path, tmp_path: Path, server: Server) -> None:
    nested = {"properties": {"name": {"allOf": [{"$ref": server.url}]}}}
    checklist = _checklist(tmp_path / "agency.json", nested)
    result = scan_json(complete, "--checklist", checklist)
    assert result.exit_code == 3
    assert "agency.name-rule" in result.stderr
    assert server.requests == 0


def test_references_inside_the_rule_and_to_bundled_schemas_still_work(complete: Path, tmp_path: Path) -> None:
    schema = {"$defs": {"pdf": {"properties": {"kind": {"const": "pdf"}}}},
              "if": {"$ref": "#/$defs/pdf"}, "then": {"properties": {"name": {"pattern": "^imm"}}},
              "allOf": [{"$ref": "https://permit-check.example/schemas/facts.schema.json"}]}
    checklist = _checklist(tmp_path / "agency.json", schema)
    assert invoke("checklists", "validate", checklist).exit_code == 0
    result = scan_json(complete, "--checklist", checklist)
    flagged = sorted(finding["path"] for finding in result.json()["findings"] if finding["rule"] == "agency.name-rule")
    assert flagged == ["passport.pdf"]  # the PDF whose name does not start with "imm"


@pytest.mark.parametrize("schema", [
    {"$ref": "#"},
    {"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
    {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"},
    {"allOf": [{"$ref": "#"}]},
])
def test_a_reference_loop_is_refused_never_a_crash(complete: Path, tmp_path: Path, schema: Any) -> None:
    checklist = _checklist(tmp_path / "agency.json", schema)
    result = invoke("checklists", "validate", checklist)
    assert result.exit_code == 3 and "reference loop" in result.stderr and "agency.name-rule" in result.stderr
    scanned = scan_json(complete, "--checklist", checklist)
    assert scanned.exit_code == 3 and "reference loop" in scanned.stderr
    assert "Traceback" not in scanned.stderr and "internal error" not in scanned.stderr


# =========================================================================== patterns that never end


def test_a_catastrophic_pattern_finishes_on_a_long_name(complete: Path, tmp_path: Path) -> None:
    # Python's re takes about 1.8**n steps to fail "(x+x+)+y" on n x's: hours for 40, and the old scan
    # matched in the main process, where no timeout applies.
    (complete / ("x" * 40 + ".pdf")).write_bytes((complete / "passport.pdf").read_bytes())
    (complete / "xxy.pdf").write_bytes((complete / "passport.pdf").read_bytes())
    checklist = _checklist(tmp_path / "agency.json", {"properties": {"name": {"not": {"pattern": "^(x+x+)+y"}}}})
    assert invoke("checklists", "validate", checklist).exit_code == 0
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "permit_check", "scan", complete, "--checklist", checklist, "--format", "json",
             "--as-of", AS_OF, "--jobs", "1", "--no-cache"], capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("the scan did not finish: the pattern backtracks")
    assert completed.returncode == 1, completed.stderr
    findings = json.loads(completed.stdout)["findings"]
    assert [finding["path"] for finding in findings if finding["rule"] == "agency.name-rule"] == ["xxy.pdf"]


@pytest.mark.parametrize("pattern", [r"^(a)\1$", "^(?=a)a$", "^a(?<!b)$"])
def test_validate_refuses_patterns_that_cannot_run_in_linear_time(tmp_path: Path, pattern: str) -> None:
    checklist = _checklist(tmp_path / "agency.json", {"properties": {"name": {"pattern": pattern}}})
    result = invoke("checklists", "validate", checklist)
    assert result.exit_code == 3
    assert "/file_rules/0/schema/properties/name/pattern" in result.stderr and "agency.name-rule" in result.stderr
    assert "linear time" in result.stderr


def test_validate_refuses_a_text_pattern_that_cannot_run_in_linear_time(tmp_path: Path) -> None:
    checklist = _checklist(tmp_path / "agency.json", True, text=["agency (?=letter)"])
    result = invoke("checklists", "validate", checklist)
    assert result.exit_code == 3
    assert "/items/0/match/text/0" in result.stderr and "linear time" in result.stderr


# =========================================================================== nesting, size, long numbers


def _deep_json() -> str:
    return "[" * DEPTH + "]" * DEPTH


def _deep_toml() -> str:
    return "type = " + "[" * DEPTH + "]" * DEPTH + "\n"


def _scan_with(complete: Path, tmp_path: Path, option: str, content: str, suffix: str) -> tuple[Path, Any]:
    target = tmp_path / f"hostile{suffix}"
    target.write_text(content, encoding="utf-8")
    return target, scan_json(complete, option, target)


@pytest.mark.parametrize(("option", "content", "suffix", "code"), [
    ("--checklist", _deep_json(), ".json", 3),
    ("--editions", _deep_json(), ".json", 3),
    ("--baseline", _deep_json(), ".json", 2),
    ("--application", _deep_toml(), ".toml", 3),
    ("--checklist", '{"id": "agency", "version": ' + LONG_NUMBER + "}", ".json", 3),
    ("--editions", '{"forms": {"1295": {"latest": ' + LONG_NUMBER + "}}}", ".json", 3),
    ("--baseline", '{"findings": [' + LONG_NUMBER + "]}", ".json", 2),
    ("--application", f"type = {LONG_NUMBER}\n", ".toml", 3),
], ids=["checklist-deep", "editions-deep", "baseline-deep", "application-deep",
        "checklist-number", "editions-number", "baseline-number", "application-number"])
def test_hostile_config_files_are_one_line_naming_them(complete: Path, tmp_path: Path, option: str, content: str,
                                                       suffix: str, code: int) -> None:
    target, result = _scan_with(complete, tmp_path, option, content, suffix)
    assert result.exit_code == code
    line = _one_line(result.stderr)
    assert str(target) in line and ("levels deep" in line or "number too long" in line)
    assert "9999" not in line


def test_validate_refuses_deep_and_long_numbered_checklists(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(_deep_json(), encoding="utf-8")
    numbered = tmp_path / "numbered.json"
    numbered.write_text('{"id": "x", "version": "1", "title": "X", "n": ' + LONG_NUMBER + "}", encoding="utf-8")
    result = invoke("checklists", "validate", deep, numbered)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [f"permit-check: {deep}: nested more than 64 levels deep",
                                          f"permit-check: {numbered}: holds a number too long to read"]


@pytest.mark.parametrize("content", [_deep_toml(), "[answers]\nx = " + "{a = " * DEPTH + "1" + "}" * DEPTH + "\n",
                                     f"[applicant]\nfamily_name = {LONG_NUMBER}\n"],
                         ids=["arrays", "inline-tables", "number"])
def test_hostile_answers_in_the_folder(complete: Path, content: str) -> None:
    (complete / "permit-check.toml").write_text(content, encoding="utf-8")
    result = scan_json(complete)
    assert result.exit_code == 3
    assert "permit-check.toml" in _one_line(result.stderr)


def test_a_dotted_key_of_100000_parts_is_refused_before_parsing(complete: Path) -> None:
    # tomllib needs memory quadratic in the parts (about 40 GB here): a real process, capped at 4 GB.
    (complete / "permit-check.toml").write_text(".".join(["k"] * DEPTH) + " = 1\n", encoding="utf-8")
    completed = subprocess.run(
        ["prlimit", f"--as={4 * 2**30}", sys.executable, "-m", "permit_check", "scan", complete, "--as-of", AS_OF,
         "--jobs", "1"], capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 3
    assert "permit-check.toml: nested more than 64 levels deep" in _one_line(completed.stderr)


def test_an_oversized_checklist_is_refused_unread(tmp_path: Path) -> None:
    checklist = tmp_path / "big.json"
    checklist.write_text('{"id": "x", "version": "1", "title": "' + "A" * (5 * 2**20) + '"}', encoding="utf-8")
    result = invoke("checklists", "validate", checklist)
    assert result.exit_code == 3
    assert _one_line(result.stderr) == f"permit-check: {checklist}: larger than 4 MB, too large for a checklist file"


# =========================================================================== --baseline


def test_a_50_mb_baseline_is_a_short_usage_error(complete: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"findings": SECRET * (50 * 2**20 // len(SECRET))}), encoding="utf-8")
    result = scan_json(complete, "--baseline", baseline)
    assert result.exit_code == 2
    line = _one_line(result.stderr)
    assert str(baseline) in line and len(result.stderr) < 300 and SECRET not in result.stderr


@pytest.mark.parametrize("content", ["{ not json", json.dumps({"findings": [SECRET] * 1000}), json.dumps([SECRET])],
                         ids=["not-json", "not-a-report", "not-an-object"])
def test_a_bad_baseline_is_a_usage_error_naming_it(complete: Path, tmp_path: Path, content: str) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    result = scan_json(complete, "--baseline", baseline)
    assert result.exit_code == 2
    line = _one_line(result.stderr)
    assert line.startswith(f"permit-check: --baseline {baseline}: ")
    assert SECRET not in result.stderr and len(result.stderr) < 300


# =========================================================================== permit-check.toml in the folder


def test_a_linked_answers_file_is_refused_unread(complete: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text(BASE_ANSWERS.replace('"single"', f'"{SECRET}"').replace('"Noor"', f'"{SECRET}"'))
    (complete / "permit-check.toml").unlink()
    (complete / "permit-check.toml").symlink_to(outside)
    result = scan_json(complete)
    assert result.exit_code == 3
    line = _one_line(result.stderr)
    assert "permit-check.toml" in line and "symbolic link" in line
    assert SECRET not in result.stdout + result.stderr


def test_a_dangling_link_is_not_taken_for_no_answers(complete: Path, tmp_path: Path) -> None:
    (complete / "permit-check.toml").unlink()
    (complete / "permit-check.toml").symlink_to(tmp_path / "nowhere.toml")
    result = scan_json(complete)
    assert result.exit_code == 3 and "symbolic link" in _one_line(result.stderr)


def test_a_fifo_named_permit_check_toml_is_refused_without_waiting(complete: Path) -> None:
    (complete / "permit-check.toml").unlink()
    os.mkfifo(complete / "permit-check.toml")
    try:
        completed = subprocess.run([sys.executable, "-m", "permit_check", "scan", complete, "--as-of", AS_OF,
                                    "--jobs", "1"], capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("the scan waited for a writer on the FIFO")
    assert completed.returncode == 3
    assert "permit-check.toml: not a regular file" in _one_line(completed.stderr)


def test_an_answers_file_named_explicitly_may_be_a_link(complete: Path, tmp_path: Path) -> None:
    real = tmp_path / "answers.toml"
    real.write_text(BASE_ANSWERS)
    (tmp_path / "link.toml").symlink_to(real)
    assert scan_json(complete, "--application", tmp_path / "link.toml").exit_code == 0


@pytest.mark.parametrize(("toml", "key"), [
    (BASE_ANSWERS.replace('"single"', f'"{SECRET}"'), "applicant.marital_status: must be one of: "),
    (BASE_ANSWERS.replace("start = 2027-03-01", f'start = "{SECRET}"'), "work.start: is not a valid date"),
    (BASE_ANSWERS.replace("used = false", f'used = "{SECRET}"'), "representative.used: must be of type boolean"),
])
def test_answer_errors_name_the_key_never_the_value(complete: Path, toml: str, key: str) -> None:
    (complete / "permit-check.toml").write_text(toml, encoding="utf-8")
    result = scan_json(complete)
    assert result.exit_code == 3
    assert key in result.stderr
    assert SECRET not in result.stderr


def test_an_unknown_type_is_not_repeated(complete: Path) -> None:
    (complete / "permit-check.toml").write_text(
        BASE_ANSWERS.replace('type = "work-permit-outside-canada"', 'type = "zebulon-quartermaine-7731"'))
    result = scan_json(complete)
    assert result.exit_code == 3
    assert "permit-check.toml: type: unknown checklist; available: " in result.stderr
    assert "zebulon" not in result.stderr


def test_an_overlong_extends_is_cut_short(tmp_path: Path) -> None:
    checklist = tmp_path / "agency.json"
    checklist.write_text(json.dumps({"id": "agency", "version": "1", "title": "Agency", "extends": "z" * 100_000}))
    result = invoke("checklists", "validate", checklist)
    assert result.exit_code == 3
    assert "unknown checklist" in result.stderr and len(result.stderr) < 1000

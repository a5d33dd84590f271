"""Hostile and broken input: every file becomes a finding, the run goes on, nothing hangs, nothing leaks."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permit_check.application import validate_answers
from permit_check.checklist import load_checklist
from permit_check.errors import ConfigProblem, UsageProblem
from tests import docfactory as make
from tests.conftest import AS_OF, REPO, Result, run_process, scan_json

MB = 1_000_000


def _by_path(result: Result) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in result.json()["findings"]:
        if finding["path"]:
            found.setdefault(finding["path"], []).append(finding["rule"].split(".", 1)[1])
    return found


def test_hostile_pdfs_each_become_one_clear_finding(complete: Path) -> None:
    """Unplaced files, so that their text is read too (the costly, exposed part)."""
    files = {
        "slow-text.pdf": make.slow_text_pdf(300_000),  # ~3.5 s of pypdf per page
        "content-bomb.pdf": make.content_bomb_pdf(200 * MB),
        "xmp-bomb.pdf": make.xmp_bomb_pdf(200 * MB),
        "xfa-bomb.pdf": make.xfa_bomb_pdf(200 * MB),
        "page-tree-cycle.pdf": make.page_tree_cycle_pdf(),
        "huge-count.pdf": make.huge_count_pdf(),
        "nested-arrays.pdf": make.nested_arrays_pdf(100_000),
        "deep-page-tree.pdf": make.deep_page_tree_pdf(3000),
        "junk-before-header.pdf": b"\x00junk" * 100 + make.text_pdf(["Dear officer, a letter of explanation"]),
        "garbled-trailer.pdf": make.garbled_trailer(make.text_pdf(["a", "b"])),
    }
    for name, data in files.items():
        make.write(complete / "hostile" / name, data)
    result = scan_json(complete, "--timeout", "1.5")
    found = _by_path(result)
    assert found["hostile/slow-text.pdf"] == ["timeout", "unrecognised"]
    assert found["hostile/content-bomb.pdf"] == ["too-complex", "unrecognised"]
    assert found["hostile/xmp-bomb.pdf"] == ["unrecognised"]  # metadata is never inflated
    assert found["hostile/xfa-bomb.pdf"] == ["too-complex", "unrecognised"]
    assert found["hostile/page-tree-cycle.pdf"] == ["damaged", "unrecognised"]
    assert found["hostile/huge-count.pdf"] == ["unrecognised"]  # the real page is counted, not /Count
    assert found["hostile/nested-arrays.pdf"] == ["damaged", "unrecognised"]
    assert found["hostile/deep-page-tree.pdf"] == ["too-complex", "unrecognised"]
    assert "hostile/junk-before-header.pdf" not in found  # opens as a PDF and is placed by its words
    assert found["hostile/garbled-trailer.pdf"] == ["damaged-repairable", "unrecognised"]
    timeout = next(finding for finding in result.json()["findings"] if finding["rule"] == "file.timeout")
    assert "within 1.5 s" in timeout["message"]
    assert result.json()["files"][0]["path"] == "hostile/content-bomb.pdf"  # the run went on


def test_damaged_but_repairable_is_told_apart(complete: Path) -> None:
    make.write(complete / "passport.pdf", make.garbled_trailer(make.scan_pdf(2, seed=1, width=300, height=400)))
    finding = scan_json(complete).finding("passport.damaged-repairable")
    assert finding["severity"] == "error" and "save it again" in finding["hint"]


def test_certificate_encryption_is_unsupported(complete: Path) -> None:
    make.write(complete / "passport.pdf", make.certificate_encrypted_pdf())
    finding = scan_json(complete).finding("passport.unsupported")
    assert "Standard PDF encryption" in finding["message"] and "plain PDF" in finding["hint"]


def test_worker_that_dies_is_replaced(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash in a C library kills the worker; workers are forked, so this stand-in reaches them."""
    from permit_check import gather

    real = gather.examine

    def crashing(entry: Any) -> Any:
        if entry.name == "passport.pdf":
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(entry)

    monkeypatch.setattr(gather, "examine", crashing)
    result = scan_json(complete)
    finding = result.finding("passport.crashed")
    assert "SIGSEGV" in finding["message"]
    assert [file["item"] for file in result.json()["files"]] == [
        "application-form", "family-information", "passport", "photo"]


def test_memory_cap_turns_a_hungry_file_into_a_finding(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from permit_check import gather

    real = gather.examine

    def hungry(entry: Any) -> Any:
        if entry.name == "photo.jpg":
            bytearray(2 * 1024 * 1024 * 1024)  # 2 GiB, over the cap
        return real(entry)

    monkeypatch.setattr(gather, "examine", hungry)
    finding = scan_json(complete, "--memory-limit", "1024").finding("photo.too-complex")
    assert "more memory than allowed" in finding["message"]


def test_memory_cap_while_reading_text_is_a_finding(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text is read in a second round of workers; running out of memory there is named the same way."""
    from permit_check import gather

    real = gather.extract_text

    def hungry(path: Path, kind: str, pages: int) -> Any:
        if path.name == "notes.pdf":
            bytearray(2 * 1024 * 1024 * 1024)  # 2 GiB, over the cap
        return real(path, kind, pages)

    monkeypatch.setattr(gather, "extract_text", hungry)
    make.write(complete / "notes.pdf", make.text_pdf(["some words that name no checklist item"]))
    finding = scan_json(complete, "--memory-limit", "1024").finding("file.too-complex")
    assert finding["path"] == "notes.pdf" and "more memory than allowed" in finding["message"]


def test_strange_file_names(complete: Path) -> None:
    raw = os.fsencode(str(complete)) + b"/scan\xff\xfe.pdf"
    with open(raw, "wb") as handle:
        handle.write(make.text_pdf(["x"]))
    (complete / "two\nlines.pdf").write_bytes(make.text_pdf(["x"]))
    long_name = "l" * 246 + ".pdf"
    (complete / long_name).write_bytes(make.text_pdf(["x"]))
    result = scan_json(complete)
    paths = [file["path"] for file in result.json()["files"]]
    assert "scan\ufffd\ufffd.pdf" in paths and "two\nlines.pdf" in paths and long_name in paths
    assert result.finding("file-name.length")["path"] == long_name
    text = run_process(complete, "--as-of", AS_OF).stdout
    assert "two\\x0alines.pdf" in text


def test_ten_thousand_empty_files(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for index in range(10_000):
        (folder / f"e{index:05}.pdf").touch()
    result = scan_json(folder, "--type", "work-permit-outside-canada", "--jobs", "2")
    report = result.json()
    assert report["summary"]["files"] == 10_000
    # e01295.pdf and a few others are placed by their names ('*1295*'): their findings carry the item.
    assert sum(finding["rule"].endswith(".empty") for finding in report["findings"]) == 10_000


def test_interrupting_a_scan_stops_everything_and_writes_nothing(complete: Path, tmp_path: Path) -> None:
    for index in range(6):
        make.write(complete / f"slow-{index}.pdf", make.slow_text_pdf(300_000))
    output = tmp_path / "out" / "report.json"
    output.parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "permit_check", "scan", str(complete), "--format", "json", "--output", str(output),
         "--jobs", "2", "--as-of", AS_OF], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.5)  # examining is done; two workers are deep in the slow pages
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert list(output.parent.iterdir()) == []  # no report, no half-written temporary file
    time.sleep(0.5)
    survivors = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if str(complete).encode() in cmdline:
                survivors.append(proc.name)
    assert survivors == []


def _offline_prefix() -> tuple[str, ...]:
    for prefix in (("unshare", "-n"), ("unshare", "-rn")):
        if subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode == 0:
            return prefix
    pytest.fail("this test needs a network namespace (unshare -n as root, or unshare -rn)")


def test_a_scan_needs_no_network(tmp_path: Path) -> None:
    prefix = _offline_prefix()
    assert subprocess.run([*prefix, "python3", "-c", "import socket; socket.create_connection(('127.0.0.1', 9), 1)"],
                          capture_output=True, check=False).returncode != 0  # really offline
    result = run_process("scan", "examples/returned-application", "--format", "html", "--as-of", AS_OF,
                         "--output", tmp_path / "r.html", cwd=REPO, prefix=prefix)
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "r.html").stat().st_size > 5000


def test_no_socket_is_opened_during_a_scan(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a scan tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    make.write(complete / "notes.pdf", make.text_pdf(["Letter of explanation"]))
    assert scan_json(complete, "--no-cache").exit_code == 0


def test_redacted_report_names_no_file(complete: Path) -> None:
    make.write(complete / "Okafor Amara passport (old).pdf", make.text_pdf(["x"]))
    first = scan_json(complete, "--redact")
    text = first.stdout
    for secret in ("Okafor", "imm1295", "passport.pdf", "photo.jpg", complete.name, str(complete)):
        assert secret not in text, secret
    report = first.json()
    assert all(re.fullmatch(r"file-[0-9a-f]{10}\.(pdf|jpg)", file["path"]) for file in report["files"])
    assert report["folder"].startswith("folder-")
    assert scan_json(complete, "--redact").stdout == text  # stable hashes


# --------------------------------------------------------------------------- loaders never crash

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
CHECKLIST_KEYS = st.fixed_dictionaries(
    {"id": st.sampled_from(["x", "Bad Id", ""]), "version": st.sampled_from(["1", 1]), "title": JSON},
    optional={"extends": st.sampled_from(["base", "nope", "x.json", 3]), "items": JSON, "drop": JSON,
              "channels": JSON, "file_rules": JSON, "application_rules": JSON},
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.one_of(JSON, CHECKLIST_KEYS))
def test_random_checklists_load_or_fail_cleanly(tmp_path: Path, document: Any) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        load_checklist(str(path))
    except (ConfigProblem, UsageProblem) as error:
        assert str(error)


ANSWER_SECTIONS = st.dictionaries(
    st.sampled_from(["type", "channel", "applicant", "work", "representative", "documents", "study", "iec",
                     "language", "principal", "nonsense"]), JSON, max_size=5)


@settings(max_examples=120, deadline=None)
@given(answers=st.one_of(ANSWER_SECTIONS, st.dictionaries(st.text(max_size=6), JSON, max_size=4)))
def test_random_answers_validate_or_fail_cleanly(answers: dict[str, Any]) -> None:
    try:
        validate_answers(answers, "permit-check.toml")
    except ConfigProblem as error:
        assert str(error).startswith("permit-check.toml: ")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_answer_files_load_or_fail_cleanly(tmp_path: Path, raw: bytes) -> None:
    from permit_check.application import load_application

    path = tmp_path / "permit-check.toml"
    path.write_bytes(raw)
    try:
        load_application(path, required=True)
    except ConfigProblem as error:
        assert str(path) in str(error)


def test_cached_rescan_gives_the_same_report(complete: Path) -> None:
    """Facts are cached by content: the same bytes under another name must still be judged by that name."""
    photo = (complete / "photo.jpg").read_bytes()
    make.write(complete / "copy-of-photo.png", photo)  # a JPEG named .png
    make.write(complete / "damaged.pdf", b"%PDF-1.4\n" + b"\x00" * 50 + b"\n%%EOF\n")
    first = scan_json(complete).stdout
    again = scan_json(complete).stdout
    assert again == first == scan_json(complete, "--no-cache").stdout
    # The same bytes under another name in the photo slot: a copy, judged as such (not as photo.jpg).
    assert "copy-of-photo.png is an exact copy of photo.jpg" in again
    (complete / "photo.jpg").write_bytes(make.jpeg_bytes(make.photo_image(seed=9, width=300, height=400)))
    assert "photo.min-pixels" in scan_json(complete).rules()  # a changed file is examined again

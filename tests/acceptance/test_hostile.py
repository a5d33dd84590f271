"""Hostile and broken input: every file becomes a finding, the run goes on, nothing hangs, nothing leaks."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permit_check.errors import ConfigProblem, UsageProblem
from permit_check.files.walk import MAX_DEPTH
from permit_check.rules.answers import validate_answers
from permit_check.rules.checklist import load_checklist
from tests import docfactory as make
from tests.conftest import AS_OF, REPO, Result, invoke, run_process, scan_json

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
    from permit_check.files import gather

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
    from permit_check.files import gather

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
    from permit_check.files import gather

    real = gather.extract_text

    def hungry(path: Path, kind: str, pages: int) -> Any:
        if path.resolve().name == "notes.pdf":  # workers read through the open file (/proc/self/fd/N)
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
    assert "scan\\xff\\xfe.pdf" in paths and "two\nlines.pdf" in paths and long_name in paths
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


def _start_slow_scan(complete: Path, output: Path) -> subprocess.Popen[str]:
    """A scan busy with two workers on slow pages, writing its report to `output`."""
    for index in range(6):
        make.write(complete / f"slow-{index}.pdf", make.slow_text_pdf(300_000))
    process = subprocess.Popen(
        [sys.executable, "-m", "permit_check", "scan", str(complete), "--format", "json", "--output", str(output),
         "--jobs", "2", "--as-of", AS_OF], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(_processes_naming(complete)) < 3:  # the scan and its two workers, all busy
        assert time.monotonic() < deadline, "the scan never started its workers"
        time.sleep(0.1)
    return process


def _processes_naming(folder: Path) -> list[str]:
    """Processes whose command line names the folder: the scan and its forked workers."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
                state = next(line for line in (proc / "status").read_text().splitlines() if line.startswith("State"))
            except (OSError, StopIteration):
                continue
            if str(folder).encode() in cmdline and "zombie" not in state:
                found.append(proc.name)
    return found


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_stop_signal_ends_a_scan_as_ctrl_c_does(complete: Path, tmp_path: Path, stop: signal.Signals,
                                                  code: int) -> None:
    """SIGTERM is what CI runners and service managers send; SIGHUP, a closed terminal."""
    output = tmp_path / "out" / "report.json"
    output.parent.mkdir()
    process = _start_slow_scan(complete, output)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code
    assert stderr.strip() == f"permit-check: stopped by {stop.name}"
    assert list(output.parent.iterdir()) == []  # no report, no half-written temporary file
    time.sleep(0.5)
    assert _processes_naming(complete) == []


def test_workers_die_with_a_killed_scan(complete: Path, tmp_path: Path) -> None:
    """SIGKILL cannot be handled: the workers must notice on their own that the scan is gone."""
    output = tmp_path / "out" / "report.json"
    output.parent.mkdir()
    process = _start_slow_scan(complete, output)
    process.kill()
    process.communicate(timeout=30)
    deadline = time.monotonic() + 5
    while _processes_naming(complete) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_naming(complete) == []
    assert list(output.parent.iterdir()) == []


@contextlib.contextmanager
def _chain_of_folders(top: Path, depth: int) -> Iterator[None]:
    """`top`/d/d/.../d, `depth` folders deep, built and removed through relative descriptors (absolute
    paths that long are refused by the system) and without recursion."""
    flags = os.O_RDONLY | os.O_DIRECTORY
    top.mkdir()
    descriptor = os.open(top, flags)
    try:
        for _ in range(depth - 1):
            os.mkdir("d", dir_fd=descriptor)
            inner = os.open("d", flags, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        yield
    finally:
        os.close(descriptor)
        descriptor = os.open(top, flags)
        levels = 0
        while "d" in os.listdir(descriptor):
            inner = os.open("d", flags, dir_fd=descriptor)
            os.close(descriptor)
            descriptor, levels = inner, levels + 1
        for _ in range(levels):
            parent = os.open("..", flags, dir_fd=descriptor)
            os.close(descriptor)
            os.rmdir("d", dir_fd=parent)
            descriptor = parent
        os.close(descriptor)
        top.rmdir()


def test_a_folder_tree_too_deep_to_walk_is_one_finding(complete: Path) -> None:
    with _chain_of_folders(complete / "archive", 2_000):
        english = scan_json(complete)
        french = scan_json(complete, "--lang", "fr")
    assert english.exit_code == 1, english.stderr
    too_deep = [finding for finding in english.json()["findings"] if finding["rule"] == "file.too-deep"]
    assert [finding["path"] for finding in too_deep] == ["archive" + "/d" * MAX_DEPTH]
    assert f"more than {MAX_DEPTH} folders deep" in too_deep[0]["message"]
    assert "imbriqué à plus de 64 niveaux" in french.finding("file.too-deep")["message"]
    assert english.rules().count("file.too-deep") == 1


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
    from permit_check.rules.answers import load_application

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


# --------------------------------------------------------------------------- pack and letter read like the scan


def _timed(*args: str | Path) -> tuple[Result, float]:
    started = time.monotonic()
    result = run_process(*args)
    return result, time.monotonic() - started


def test_pack_bounds_every_hostile_slot_and_writes_the_others(complete: Path, tmp_path: Path) -> None:
    """Each slot gets one good file and one hostile file (merging makes pack parse them)."""
    good = make.text_pdf(["a page"])
    make.write(complete / "passport-pages.tif", make.tiff_bomb(40, width=12000, height=12000))  # slow to decode
    for stem, suffix, hostile in (
        ("police", "tif", make.tiff_bomb(100, width=12000, height=12000)),  # more pages than any scan
        ("medical", "png", make.blank_png(13500, 13500)),  # 182 million pixels, over the scan's cap
        ("marriage", "pdf", make.deep_page_tree_pdf(5000)),
        ("diploma", "pdf", make.nested_arrays_pdf(100_000)),
        ("receipt", "pdf", make.content_bomb_pdf(200 * MB)),
    ):
        make.write(complete / f"{stem}-1.pdf", good)
        make.write(complete / f"{stem}-2.{suffix}", hostile)
    make.sparse(complete / "contract.pdf", 4 * 1024**3)
    out = tmp_path / "upload"
    result, seconds = _timed("pack", complete, "--output", out, "--timeout", "1", "--as-of", AS_OF)
    assert seconds < 90
    # No traceback, no library warning or log line: only where the upload files went.
    assert result.exit_code == 1 and result.stderr == f"Upload files written to {out}\n"
    for line in ("NOT PACKED passport: building it took longer than 2 s",
                 "NOT PACKED police-certificate: police-2.tif: more than 50 pages in one image file",
                 "NOT PACKED medical-exam: medical-2.png: the image has more pixels than any scan or photo",
                 "NOT PACKED marriage-certificate: marriage-2.pdf goes past the PDF reader's safety limits",
                 "NOT PACKED education: diploma-2.pdf is damaged: it could not be read to pack it",
                 "NOT PACKED job-offer: contract.pdf is 4096 MB, more than pack reads (256 MB)"):
        assert line in result.stdout, result.stdout
    written = sorted(path.name for path in out.iterdir())
    assert written == ["application-form.pdf", "family-information.pdf", "fee-receipt.pdf",
                       "permit-check-manifest.json", "photo.jpg"]
    manifest = json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))
    assert {failure["item"] for failure in manifest["failed"]} == {
        "passport", "police-certificate", "medical-exam", "marriage-certificate", "education", "job-offer"}


def test_pack_has_the_scans_pixel_cap(complete: Path, tmp_path: Path) -> None:
    """An image of 90 million pixels passes the scan (cap: 180 million), so pack converts it, quietly."""
    (complete / "photo.jpg").unlink()
    make.write(complete / "photo.png", make.blank_png(9500, 9500))
    assert "photo.too-large" not in scan_json(complete).rules()
    out = tmp_path / "upload"
    result = run_process("pack", complete, "--output", out, "--channel", "paper", "--as-of", AS_OF)
    assert result.stderr == f"Upload files written to {out}\n"  # no DecompressionBombWarning
    assert "photo.jpg                        <- photo.png (converted to JPEG)" in result.stdout, result.stdout
    assert (out / "photo.jpg").read_bytes()[:2] == b"\xff\xd8"


def test_letter_that_cannot_be_read_is_one_clear_line(tmp_path: Path) -> None:
    # The time limit is 1.5 s only where it is what stops the reading: the others are stopped by the reader's
    # own limits long before, and a busy machine must not turn their answer into a time-out.
    letters = {
        "content-bomb.pdf": (make.content_bomb_pdf(200 * MB), "20", "the letter is too complex to read"),
        "deep-page-tree.pdf": (make.deep_page_tree_pdf(5000), "20", "the letter is too complex to read"),
        "slow-pages.pdf": (make.slow_text_pdf(300_000), "1.5",
                           "the letter could not be read within 1.5 s (too complex)"),
        "nested-arrays.pdf": (make.nested_arrays_pdf(100_000), "20",
                              "the letter cannot be read: its PDF structure cannot be read"),
        "scan.tif": (make.tiff_bomb(100, width=12000, height=12000), "20",
                     "the letter cannot be read: page 1 is a picture of more than 40 million pixels"),
    }
    for name, (data, timeout, expected) in letters.items():
        path = make.write(tmp_path / name, data)
        result, seconds = _timed("letter", path, "--timeout", timeout)
        assert seconds < 30, name
        assert result.exit_code == 2, (name, result.stderr)
        assert result.stderr.startswith(f"permit-check: {path}: {expected}"), (name, result.stderr)
        assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr, result.stderr
    sparse = make.sparse(tmp_path / "sparse.pdf", 4 * 1024**3)
    result, seconds = _timed("letter", sparse)
    assert seconds < 30 and result.exit_code == 2
    assert result.stderr == f"permit-check: {sparse}: too large to be a letter (over 20 MB)\n"


def test_a_file_swapped_for_a_link_during_pack_is_not_packed(complete: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the scan and the reading, passport.pdf becomes a link to a file outside the folder,
    and photo.jpg is replaced by another file: neither is packed, and pack says they changed."""
    from permit_check.commands import pack as packing

    secret = make.write(tmp_path / "outside" / "secret.pdf", make.scan_pdf(1, seed=7, width=300, height=400))
    other_photo = make.jpeg_bytes(make.photo_image(seed=5), quality=85)
    real = packing.prepare_output

    def swap_then_prepare(*args: Any, **kwargs: Any) -> Any:
        (complete / "passport.pdf").unlink()
        (complete / "passport.pdf").symlink_to(secret)
        make.write(tmp_path / "new-photo.jpg", other_photo).replace(complete / "photo.jpg")
        return real(*args, **kwargs)

    monkeypatch.setattr(packing, "prepare_output", swap_then_prepare)
    out = tmp_path / "upload"
    result = invoke("pack", complete, "--output", out, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "NOT PACKED passport: passport.pdf changed after it was checked" in result.stdout, result.stdout
    assert "NOT PACKED photo: photo.jpg changed after it was checked" in result.stdout
    hashes = {hashlib.sha256(data).hexdigest() for data in (secret.read_bytes(), other_photo)}
    manifest = (out / "permit-check-manifest.json").read_text(encoding="utf-8")
    assert not any(digest in manifest for digest in hashes)
    assert all(hashlib.sha256(path.read_bytes()).hexdigest() not in hashes for path in out.iterdir())
    assert not (out / "passport.pdf").exists() and not (out / "photo.jpg").exists()


def test_a_file_under_several_names_is_packed_once(complete: Path, tmp_path: Path) -> None:
    (complete / "passport-link.pdf").symlink_to("passport.pdf")
    os.link(complete / "passport.pdf", complete / "passport-copy.pdf")
    out = tmp_path / "upload"
    invoke("pack", complete, "--output", out, "--as-of", AS_OF)
    assert (out / "passport.pdf").read_bytes() == (complete / "passport.pdf").read_bytes()  # copied, not merged
    manifest = json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))
    passport = next(entry for entry in manifest["files"] if entry["item"] == "passport")
    # The scan sees the same content three times and keeps the plainest name; pack takes that one.
    assert [source["path"] for source in passport["inputs"]] == ["passport.pdf"]
    repeats = {left["path"]: left["reason"] for left in manifest["left_out"]}
    assert repeats == {"passport-link.pdf": "a copy or an older version: passport.pdf is packed instead",
                       "passport-copy.pdf": "a copy or an older version: passport.pdf is packed instead"}


def test_a_name_that_is_not_utf8_is_packed(complete: Path, tmp_path: Path) -> None:
    original = (complete / "passport.pdf").read_bytes()
    os.rename(complete / "passport.pdf", os.fsencode(complete) + b"/passport\xff.pdf")
    out = tmp_path / "upload"
    result = invoke("pack", complete, "--output", out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout
    assert (out / "passport.pdf").read_bytes() == original
    manifest = json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))
    passport = next(entry for entry in manifest["files"] if entry["item"] == "passport")
    assert passport["inputs"] == [{"path": "passport\\xff.pdf", "sha256": hashlib.sha256(original).hexdigest()}]


def test_pack_and_letter_keep_to_the_memory_cap(complete: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Building a slot and reading a letter run in workers under --memory-limit (forked: stand-ins reach them)."""
    from permit_check.files import assemble
    from permit_check.files.inspectors import pdf

    def hungry(*_: Any, **__: Any) -> Any:
        bytearray(2 * 1024 * 1024 * 1024)  # 2 GiB, over the cap
        raise AssertionError("the memory cap did not hold")

    monkeypatch.setattr(assemble, "merge_to_pdf", hungry)
    monkeypatch.setattr(pdf, "read_pdf_text", hungry)
    make.write(complete / "passport-2.pdf", make.text_pdf(["a second page"]))
    out = tmp_path / "upload"
    result = invoke("pack", complete, "--output", out, "--memory-limit", "1024", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "NOT PACKED passport: building it needed more memory than allowed" in result.stdout, result.stdout
    assert (out / "photo.jpg").exists() and not (out / "passport.pdf").exists()
    letter = make.write(tmp_path / "decision.pdf", make.text_pdf(["We are refusing your application."]))
    result = invoke("letter", letter, "--memory-limit", "1024")
    assert result.exit_code == 2
    expected = "reading the letter needed more memory than allowed (too complex)"
    assert result.stderr == f"permit-check: {letter}: {expected}\n"


def test_an_edit_with_the_old_mtime_put_back_is_examined_again(complete: Path) -> None:
    """`touch -r` (or a copy tool that keeps times) after an in-place edit: only the ctime tells."""
    photo = complete / "photo.jpg"
    before = photo.stat()
    assert "photo.min-pixels" not in scan_json(complete).rules()
    small = make.jpeg_bytes(make.photo_image(seed=9, width=300, height=400))
    assert len(small) < before.st_size
    with photo.open("r+b") as handle:  # same inode, same size: the old bytes past the JPEG's end stay
        handle.write(small)
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = photo.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert "photo.min-pixels" in scan_json(complete).rules()


def test_a_cache_row_that_does_not_parse_is_replaced(complete: Path, private_cache: Path) -> None:
    first = scan_json(complete)
    [database] = private_cache.glob("*.sqlite3")
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        assert connection.execute("UPDATE facts SET facts = '{\"kind\": \"pd'").rowcount > 0
    again = scan_json(complete)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    with contextlib.closing(sqlite3.connect(database)) as connection:
        rows = [facts for (facts,) in connection.execute("SELECT facts FROM facts")]
    assert all(json.loads(facts)["kind"] for facts in rows)  # every row written again


@pytest.mark.parametrize("damage", ["random bytes", "other columns"])
def test_a_broken_cache_file_only_turns_the_cache_off(complete: Path, private_cache: Path, damage: str) -> None:
    first = scan_json(complete, "--no-cache")
    scan_json(complete)
    [database] = private_cache.glob("*.sqlite3")
    database.unlink()
    if damage == "random bytes":
        database.write_bytes(bytes(range(256)) * 64)
    else:
        with contextlib.closing(sqlite3.connect(database)) as connection, connection:
            connection.execute("CREATE TABLE stat (path TEXT, digest TEXT)")
            connection.execute("CREATE TABLE facts (digest TEXT, facts BLOB)")
    for _ in range(2):
        result = scan_json(complete)
        assert (result.exit_code, result.stdout) == (first.exit_code, first.stdout), result.stderr


def test_a_huge_file_is_not_hashed_into_a_timeout(complete: Path) -> None:
    """A 4 GB sparse file: hashing it for the cache used to eat the file's whole time limit."""
    with (complete / "scan-notes.pdf").open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(4 * 1024**3)
    started = time.monotonic()
    result = scan_json(complete, "--timeout", "4")
    assert _by_path(result)["scan-notes.pdf"] == ["truncated", "max-size", "unrecognised"]
    assert time.monotonic() - started < 4


def test_a_folder_swapped_for_a_link_after_the_walk_is_never_read(complete: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Swapping a folder for a link between the walk and the workers must not let another file's facts in
    (nor into the cache, where they would pass for this file's on every later scan)."""
    from permit_check.files import gather

    good = (complete / "passport.pdf").read_bytes()
    (complete / "passport.pdf").unlink()
    (complete / "sub").mkdir()
    (complete / "sub" / "passport.pdf").write_bytes(good[: len(good) // 2])  # cut short
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "passport.pdf").write_bytes(good)
    real_walk = gather.walk

    def walk_then_swap(*args: Any, **kwargs: Any) -> Any:
        entries = real_walk(*args, **kwargs)
        (complete / "sub").rename(complete / "sub-real")
        (complete / "sub").symlink_to(elsewhere)
        return entries

    monkeypatch.setattr(gather, "walk", walk_then_swap)
    swapped = scan_json(complete)
    assert "replaced (or made a link) while being checked" in swapped.finding("passport.unreadable")["message"]
    monkeypatch.setattr(gather, "walk", real_walk)
    (complete / "sub").unlink()
    (complete / "sub-real").rename(complete / "sub")
    assert "passport.truncated" in scan_json(complete).rules()  # the cache holds nothing of the other file


def test_a_file_rewritten_in_place_after_the_walk_is_not_judged_or_cached(complete: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Same inode, other bytes: facts read from one content must never be kept under another's hash."""
    from permit_check.files import gather

    good = (complete / "passport.pdf").read_bytes()
    (complete / "passport.pdf").write_bytes(good[: len(good) // 2])  # cut short
    real_walk = gather.walk

    def walk_then_rewrite(*args: Any, **kwargs: Any) -> Any:
        entries = real_walk(*args, **kwargs)
        with open(complete / "passport.pdf", "r+b") as handle:  # in place: the inode stays
            handle.write(good)
        return entries

    monkeypatch.setattr(gather, "walk", walk_then_rewrite)
    assert "replaced (or made a link) while being checked" in scan_json(complete).finding(
        "passport.unreadable")["message"]
    monkeypatch.setattr(gather, "walk", real_walk)
    (complete / "passport.pdf").write_bytes(good[: len(good) // 2])
    assert "passport.truncated" in scan_json(complete).rules()  # nothing was cached for the other content


def test_a_link_swapped_in_for_the_file_is_named_as_replaced(complete: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from permit_check.files import gather

    (tmp_path / "outside.pdf").write_bytes((complete / "passport.pdf").read_bytes())
    real_walk = gather.walk

    def walk_then_link(*args: Any, **kwargs: Any) -> Any:
        entries = real_walk(*args, **kwargs)
        (complete / "passport.pdf").unlink()
        (complete / "passport.pdf").symlink_to(tmp_path / "outside.pdf")
        return entries

    monkeypatch.setattr(gather, "walk", walk_then_link)
    message = scan_json(complete).finding("passport.unreadable")["message"]
    assert "replaced (or made a link)" in message and "symbolic links" not in message

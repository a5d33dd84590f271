"""A folder from someone else cannot make permit-check write outside the outputs the user names.

Every writer (scan and letter -o, init, pack, the cache, GitHub's step summary) writes a new file
and renames it; links planted under any name it could use are never followed, and a link, FIFO,
device or folder where a file should go is a usage error (exit 2) naming the path.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from permit_check.commands import letter as letter_reading
from permit_check.commands import pack as packing
from permit_check.commands import scan as scanning
from permit_check.commands.init import _toml_value
from permit_check.files.cache import CACHE_FILE
from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke, run_process

Snapshot = dict[str, tuple[Any, ...]]


def snapshot(root: Path, *, skip: Path | None = None) -> Snapshot:
    """Every entry under `root` as lstat sees it (links are not followed): kind, target or content, mtime."""
    state: Snapshot = {}
    for current, folders, files in os.walk(root):
        for name in [*folders, *files]:
            path = Path(current) / name
            if skip is not None and (path == skip or skip in path.parents):
                continue
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                detail: Any = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                detail = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                detail = None
            # A folder's own mtime moves when a file is added and renamed away; its entries are compared instead.
            mtime = None if stat.S_ISDIR(info.st_mode) else info.st_mtime_ns
            state[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), detail, mtime)
    return state


def plant_links(folder: Path, names: list[str], victims: Path) -> None:
    """A link under each name, each to a file of its own outside (one dangling: a file it would create)."""
    victims.mkdir(exist_ok=True)
    for index, name in enumerate(names):
        victim = victims / f"victim-{index}"
        if index % 2 == 0:
            victim.write_text(f"precious {index}\n", encoding="utf-8")
        (folder / name).symlink_to(victim)


def temporary_names(target: str) -> list[str]:
    """Names a writer could pick for its temporary file beside `target` (a careful one picks a random name)."""
    return [f".{target}.tmp", f"{target}.tmp", f".{target}", f"{target}~", f".{target}.swp", f"{target}.new",
            f".{target}.new", f"{target}.partial"]


# --------------------------------------------------------------------------- scan and letter -o

@contextmanager
def no_scan(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A bad --output must be refused before any file is read: reading now is an internal error (exit 4)."""
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the folder was scanned before --output was checked")

    with monkeypatch.context() as patch:
        patch.setattr(scanning, "run", refuse)
        patch.setattr(letter_reading, "classify", refuse)
        yield


SPECIAL_OUTPUTS: dict[str, Callable[[Path], None]] = {
    "fifo": lambda path: os.mkfifo(path),
    "link-to-file": lambda path: path.symlink_to(path.parent / "victim.txt"),
    "dangling-link": lambda path: path.symlink_to(path.parent / "created-through-link.txt"),
    "socket": lambda path: _bind_socket(path),
}


def _bind_socket(path: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


@pytest.mark.parametrize("command", ["scan", "letter"])
@pytest.mark.parametrize("kind", list(SPECIAL_OUTPUTS))
def test_output_onto_a_special_file_is_refused_before_reading(kind: str, command: str, complete: Path,
                                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "out"
    outside.mkdir()
    (outside / "victim.txt").write_text("precious\n", encoding="utf-8")
    target = outside / "report.txt"
    SPECIAL_OUTPUTS[kind](target)
    letter = tmp_path / "letter.txt"
    letter.write_text("Your application is incomplete. Please submit: passport.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with no_scan(monkeypatch):
        args = (complete,) if command == "scan" else ("letter", letter)
        result = invoke(*args, "--output", target, "--as-of", AS_OF)
    assert result.exit_code == 2, result.stderr
    assert f"--output {target} is " in result.stderr and "not a regular file" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("(-o - prints the report)\n")
    assert snapshot(tmp_path) == before


def test_output_onto_a_folder_or_a_link_to_one_is_refused(complete: Path, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "reports")
    before = snapshot(tmp_path)
    for target in (tmp_path / "reports", tmp_path / "link"):
        result = invoke(complete, "--output", target)
        assert result.exit_code == 2 and str(target) in result.stderr
    assert snapshot(tmp_path) == before


def test_output_onto_a_device_is_refused(complete: Path, tmp_path: Path) -> None:
    """As root a rename over /dev/null would replace the device; as a user it used to end in exit 4."""
    if os.geteuid() == 0:
        # First the same device under another name, which a faulty version may replace harmlessly.
        clone = tmp_path / "null"
        os.mknod(clone, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        result = invoke(complete, "--output", clone, "--as-of", AS_OF)
        assert result.exit_code == 2 and f"--output {clone} is a device" in result.stderr
        assert stat.S_ISCHR(clone.lstat().st_mode)
    result = invoke(complete, "--output", "/dev/null", "--as-of", AS_OF)
    assert result.exit_code == 2 and "--output /dev/null is a device" in result.stderr
    assert stat.S_ISCHR(Path("/dev/null").lstat().st_mode)


def test_output_into_a_folder_the_user_cannot_write_is_a_usage_error(tmp_path: Path) -> None:
    """Used to end in exit 4 (internal error) with a PermissionError."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    os.chmod(tmp_path, 0o755)
    # Root writes anywhere; without the two DAC capabilities the folder's permissions bite, as for a user.
    as_a_user = ("setpriv", "--bounding-set=-dac_override,-dac_read_search") if os.geteuid() == 0 else ()
    result = run_process("scan", "examples/returned-application", "--as-of", AS_OF, "--output",
                         locked / "report.txt", cwd=REPO, prefix=as_a_user)
    assert result.exit_code == 2, result.stderr
    assert result.stderr == f"permit-check: --output {locked / 'report.txt'}: cannot be written: Permission denied\n"
    assert list(locked.iterdir()) == []


def test_dev_stdout_into_a_pipe_is_a_usage_error() -> None:
    """-o /dev/stdout is a link (to /proc/self/fd/1) and is refused like any link; -o - is how to print."""
    into_a_pipe = ("bash", "-c", 'set -o pipefail; "$@" | cat', "bash")
    result = run_process("scan", "examples/returned-application", "--as-of", AS_OF, "--output", "/dev/stdout",
                         cwd=REPO, prefix=into_a_pipe)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("permit-check: --output /dev/stdout is a link") and "Traceback" not in result.stderr
    assert result.stdout == ""
    printed = run_process("scan", "examples/returned-application", "--as-of", AS_OF, "--output", "-",
                          cwd=REPO, prefix=into_a_pipe)
    assert printed.exit_code == 1 and "NOT READY" in printed.stdout


def test_output_replaces_a_regular_file_whole_with_the_usual_permissions(complete: Path, tmp_path: Path) -> None:
    """Planted links beside the report are left alone; the report is a new file, 0666 less the umask."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.json"
    target.write_text("old report\n", encoding="utf-8")
    target.chmod(0o600)
    plant_links(out, temporary_names("report.json"), tmp_path / "victims")
    before = snapshot(tmp_path, skip=target)
    old = os.umask(0o027)
    try:
        result = invoke(complete, "--format", "json", "--output", target, "--as-of", AS_OF)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(target.lstat().st_mode) == 0o640 and stat.S_ISREG(target.lstat().st_mode)
    assert snapshot(tmp_path, skip=target) == before  # no temporary left behind, no link followed


def test_github_step_summary_is_never_written_through_a_link(complete: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    summary = tmp_path / "step_summary"
    summary.symlink_to(victim)
    before = snapshot(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    with no_scan(monkeypatch):
        result = invoke(complete, "--format", "github", "--as-of", AS_OF)
    assert result.exit_code == 2 and f"GITHUB_STEP_SUMMARY {summary} is a link" in result.stderr
    assert snapshot(tmp_path) == before
    summary.unlink()
    summary.write_text("earlier step\n", encoding="utf-8")
    assert invoke(complete, "--format", "github", "--as-of", AS_OF).exit_code == 0
    assert summary.read_text(encoding="utf-8").startswith("earlier step\n") and len(summary.read_text()) > 40


# --------------------------------------------------------------------------- init

def _folder_with_a_form(folder: Path, family_name: str = "Okafor") -> Path:
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(
        family_name=family_name, given_name="Amara", dob="1991-03-14")))
    return folder


def test_init_never_writes_through_links_planted_in_the_folder(tmp_path: Path) -> None:
    """`.permit-check.toml.tmp -> ~/.bashrc` once made init overwrite ~/.bashrc."""
    folder = _folder_with_a_form(tmp_path / "docs")
    target = folder / "permit-check.toml"
    plant_links(folder, temporary_names("permit-check.toml"), tmp_path / "home")
    before = snapshot(tmp_path, skip=target)
    old = os.umask(0o022)
    try:
        result = invoke("init", folder, "--type", "work-permit-outside-canada")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert snapshot(tmp_path, skip=target) == before
    assert stat.S_ISREG(target.lstat().st_mode) and stat.S_IMODE(target.lstat().st_mode) == 0o644
    assert tomllib.loads(target.read_text(encoding="utf-8"))["applicant"]["family_name"] == "Okafor"


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("existing", [True, False])
def test_init_refuses_a_linked_answers_file(force: bool, existing: bool, tmp_path: Path) -> None:
    """`permit-check.toml -> ELSEWHERE`: nothing is written there, or anywhere, with or without --force."""
    folder = _folder_with_a_form(tmp_path / "docs")
    elsewhere = tmp_path / "elsewhere.toml"
    if existing:
        elsewhere.write_text("# someone's file\n", encoding="utf-8")
    (folder / "permit-check.toml").symlink_to(elsewhere)
    before = snapshot(tmp_path)
    result = invoke("init", folder, "--type", "work-permit-outside-canada", *(["--force"] if force else []))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"permit-check: {folder / 'permit-check.toml'} is a link, not a regular file")
    assert snapshot(tmp_path) == before


def test_init_refuses_a_fifo_as_answers_file(tmp_path: Path) -> None:
    folder = _folder_with_a_form(tmp_path / "docs")
    os.mkfifo(folder / "permit-check.toml")
    result = invoke("init", folder, "--type", "pgwp", "--force")
    assert result.exit_code == 2 and "is a FIFO" in result.stderr
    assert stat.S_ISFIFO((folder / "permit-check.toml").lstat().st_mode)


HOSTILE_NAMES = [
    '$(id > ~/pwned)',
    'Okafor"\n[representative]\nused = true\n#',
    'Back\\slash\\',
    "O'Brien `id` ${HOME}",
    "Del\x7fete\u009b31m",
    "photo\u202egpj.exe",
]


@pytest.mark.parametrize("family_name", HOSTILE_NAMES)
def test_init_writes_a_form_value_as_one_toml_string(family_name: str, tmp_path: Path) -> None:
    folder = _folder_with_a_form(tmp_path / "docs", family_name)
    result = invoke("init", folder, "--type", "work-permit-outside-canada")
    assert result.exit_code == 0, result.stderr
    text = (folder / "permit-check.toml").read_text(encoding="utf-8")
    answers = tomllib.loads(text)
    assert answers["applicant"]["family_name"].strip() == family_name.strip()
    assert "used" not in answers.get("representative", {})  # nothing broke out of the string
    # What a terminal or editor would act on (controls, bidi overrides) is written escaped.
    assert not [char for char in text if (ord(char) < 32 and char != "\n") or 0x7F <= ord(char) <= 0x9F
                or char == "\u202e"]


@given(st.text())
def test_any_text_round_trips_through_a_toml_string(text: str) -> None:
    line = f"value = {_toml_value(text, {})}"
    assert "\n" not in line
    assert tomllib.loads(line)["value"] == text


# --------------------------------------------------------------------------- pack

def test_pack_refuses_an_output_folder_that_is_a_link(complete: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused before the folder is read; --force used to delete the folder the link points to."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "upload"
    out.symlink_to(elsewhere)
    before = snapshot(tmp_path)
    with no_scan(monkeypatch):
        result = invoke("pack", complete, "--output", out, "--as-of", AS_OF)
    assert result.exit_code == 2 and f"--output {out} is a link" in result.stderr
    assert snapshot(tmp_path) == before
    (elsewhere / "thesis.pdf").write_bytes(b"%PDF-1.7 years of work")
    before = snapshot(tmp_path)
    with no_scan(monkeypatch):
        forced = invoke("pack", complete, "--output", out, "--force", "--as-of", AS_OF)
    assert forced.exit_code == 2 and f"--output {out} is a link" in forced.stderr
    assert snapshot(tmp_path) == before


def test_pack_force_never_removes_what_pack_did_not_write(complete: Path, tmp_path: Path) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine\n", encoding="utf-8")
    out = tmp_path / "upload"
    out.mkdir()
    (out / "folder-link").symlink_to(keep)
    (out / "file-link").symlink_to(keep / "notes.txt")
    before = snapshot(keep)
    result = invoke("pack", complete, "--output", out, "--force", "--as-of", AS_OF)
    assert result.exit_code == 2 and "did not write" in result.stderr
    assert snapshot(keep) == before
    assert (out / "folder-link").is_symlink() and (out / "file-link").is_symlink()


def test_pack_never_writes_through_links_planted_in_the_output(complete: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Links appear in OUT after it was prepared (someone else can write there): each is replaced, not followed."""
    first = tmp_path / "first"
    assert invoke("pack", complete, "--output", first, "--as-of", AS_OF).exit_code == 0
    written = sorted(path.name for path in first.iterdir())
    assert "permit-check-manifest.json" in written and "passport.pdf" in written
    names = [*written, *(candidate for name in written for candidate in temporary_names(name))]
    out = tmp_path / "upload"
    victims = tmp_path / "victims"
    prepare = packing.prepare_output

    def prepare_then_plant(output: Path, folder: Path, **options: Any) -> None:
        prepare(output, folder, **options)
        plant_links(output, names, victims)

    monkeypatch.setattr(packing, "prepare_output", prepare_then_plant)
    result = invoke("pack", complete, "--output", out, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"permit-check: {out}/") and "is a link, not a regular file" in result.stderr
    victim_state = snapshot(victims)
    assert {name: state[1] for name, state in victim_state.items()} == {
        f"victim-{index}": hashlib.sha256(f"precious {index}\n".encode()).hexdigest()
        for index in range(0, len(names), 2)}  # unchanged, and the dangling links created nothing
    assert all((out / name).is_symlink() for name in names)


def test_packed_files_and_manifest_have_the_usual_permissions(complete: Path, tmp_path: Path) -> None:
    out = tmp_path / "upload"
    old = os.umask(0o027)
    try:
        result = invoke("pack", complete, "--output", out, "--as-of", AS_OF)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stdout + result.stderr
    modes = {path.name: stat.S_IMODE(path.lstat().st_mode) for path in out.iterdir()}
    assert "permit-check-manifest.json" in modes and set(modes.values()) == {0o640}


# --------------------------------------------------------------------------- cache

def test_a_linked_cache_folder_turns_the_cache_off(complete: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache = tmp_path / "cache"
    cache.symlink_to(elsewhere)
    monkeypatch.setenv("PERMIT_CHECK_CACHE_DIR", str(cache))
    before = snapshot(tmp_path)
    assert invoke("scan", complete, "--as-of", AS_OF).exit_code == 0
    assert snapshot(tmp_path) == before


def test_a_linked_cache_file_is_never_opened(complete: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    victim = tmp_path / "victim.db"
    victim.write_bytes(b"")
    (cache / CACHE_FILE).symlink_to(victim)
    (cache / f"{CACHE_FILE}-journal").symlink_to(tmp_path / "journal-victim")
    monkeypatch.setenv("PERMIT_CHECK_CACHE_DIR", str(cache))
    before = snapshot(tmp_path)
    assert invoke("scan", complete, "--as-of", AS_OF).exit_code == 0
    assert snapshot(tmp_path) == before


def test_a_new_cache_is_private(complete: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PERMIT_CHECK_CACHE_DIR", str(cache))
    assert invoke("scan", complete, "--as-of", AS_OF).exit_code == 0
    assert stat.S_IMODE(cache.lstat().st_mode) == 0o700
    assert stat.S_IMODE((cache / CACHE_FILE).lstat().st_mode) == 0o600


@pytest.mark.parametrize("whose", ["everyone's", "someone else's"])
def test_a_cache_folder_others_can_write_into_is_not_used(whose: str, complete: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone who can write into the folder could plant a link under the database's or journal's name."""
    cache = tmp_path / "cache"
    cache.mkdir()
    if whose == "everyone's":
        cache.chmod(0o777)
    elif os.geteuid() == 0:
        os.chown(cache, 65534, 65534)
    else:
        pytest.skip("only root can give a folder to another user")
    monkeypatch.setenv("PERMIT_CHECK_CACHE_DIR", str(cache))
    assert invoke("scan", complete, "--as-of", AS_OF).exit_code == 0
    assert list(cache.iterdir()) == []


def test_pack_force_with_a_deeply_nested_manifest_is_refused_not_a_crash(complete: Path, tmp_path: Path) -> None:
    out = tmp_path / "upload"
    out.mkdir()
    (out / "x").write_bytes(b"mine")
    (out / "permit-check-manifest.json").write_text('{"files":' + "[" * 100_000 + "]" * 100_000 + "}",
                                                    encoding="utf-8")
    result = invoke("pack", complete, "--output", out, "--force", "--as-of", AS_OF)
    assert result.exit_code == 2 and "did not write" in result.stderr
    assert (out / "x").read_bytes() == b"mine"

"""Every path a user gives, to every command and option, that cannot be used is one usage line (exit 2), in the
run's language: never a traceback, never "internal error".

The paths: a name over NAME_MAX (255 bytes), a path over PATH_MAX (4,096), a NUL byte, a file used as a folder
(ENOTDIR), a loop of links (ELOOP), a folder the user may not enter and a file or folder they may not read
(as root, without the two DAC capabilities, as a user would be), nothing there, a folder where a file is
wanted and the reverse, a name that is not UTF-8."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import AS_OF, REPO, Result, invoke, run_process

EXAMPLE = REPO / "examples" / "returned-application"
# Root reads and writes anywhere; without these capabilities the permissions bite, as for a user.
AS_A_USER = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def _setup(root: Path) -> None:
    (root / "folder").mkdir()
    (root / "file.txt").write_text("the letter's private words\n", encoding="utf-8")
    (root / "letter.txt").write_text("Dear applicant, your application is incomplete.\n", encoding="utf-8")
    (root / "loop").symlink_to(root / "loop")
    locked = root / "locked"
    locked.mkdir()
    (locked / "inside").mkdir()
    (root / "unreadable.json").write_text("{}", encoding="utf-8")
    (root / "unreadable.json").chmod(0)
    (root / "unlistable").mkdir()
    (root / "unlistable").chmod(0)
    locked.chmod(0)


# Each bad path: its name -> (the path under the test's folder, the kinds of slot it is a bad value for).
IN_FILE, IN_FOLDER, OUT_FILE, OUT_FOLDER = "in-file", "in-folder", "out-file", "out-folder"
EVERY = (IN_FILE, IN_FOLDER, OUT_FILE, OUT_FOLDER)
INPUTS = (IN_FILE, IN_FOLDER)
BAD_PATHS: dict[str, tuple[Callable[[Path], str], tuple[str, ...]]] = {
    "name-over-255-bytes": (lambda root: str(root / ("x" * 300)), EVERY),
    "path-over-4096-bytes": (lambda root: str(root) + "/" + "/".join(["y" * 200] * 25), EVERY),
    "nul-byte": (lambda root: str(root / "a\0b"), EVERY),
    "through-a-file": (lambda root: str(root / "file.txt" / "x"), EVERY),
    "link-loop": (lambda root: str(root / "loop" / "x"), EVERY),
    "the-link-loop-itself": (lambda root: str(root / "loop"), EVERY),
    "not-permitted": (lambda root: str(root / "locked" / "inside"), EVERY),
    "unreadable-file": (lambda root: str(root / "unreadable.json"), (IN_FILE,)),
    "unlistable-folder": (lambda root: str(root / "unlistable"), (IN_FOLDER, OUT_FOLDER)),
    # An output may be a new name; in a folder that does not exist, only a report (pack makes its folder).
    "missing": (lambda root: str(root / "missing" / "x"), (IN_FILE, IN_FOLDER, OUT_FILE)),
    "a-folder-for-a-file": (lambda root: str(root / "folder"), (IN_FILE, OUT_FILE)),
    "a-file-for-a-folder": (lambda root: str(root / "file.txt"), (IN_FOLDER, OUT_FOLDER)),
    "not-utf8": (lambda root: os.fsdecode(os.fsencode(root) + b"/\xff\xfe-missing"), INPUTS),
}
# Each command and option that takes a path: its arguments, P standing for the path, and the kind of slot.
SLOTS: dict[str, tuple[tuple[str, ...], str]] = {
    "scan FOLDER": (("scan", "P", "--as-of", AS_OF), IN_FOLDER),
    "scan --checklist": (("scan", str(EXAMPLE), "--checklist", "P", "--as-of", AS_OF), IN_FILE),
    "scan --application": (("scan", str(EXAMPLE), "--application", "P", "--as-of", AS_OF), IN_FILE),
    "scan --editions": (("scan", str(EXAMPLE), "--editions", "P", "--as-of", AS_OF), IN_FILE),
    "scan --baseline": (("scan", str(EXAMPLE), "--baseline", "P", "--as-of", AS_OF), IN_FILE),
    "scan --output": (("scan", str(EXAMPLE), "--output", "P", "--as-of", AS_OF), OUT_FILE),
    "letter LETTER": (("letter", "P", "--as-of", AS_OF), IN_FILE),
    "letter LETTER FOLDER": (("letter", "LETTER", "P", "--as-of", AS_OF), IN_FOLDER),
    "letter --output": (("letter", "LETTER", "--output", "P", "--as-of", AS_OF), OUT_FILE),
    "read FILE": (("read", "P"), IN_FILE),
    "read --output": (("read", "LETTER", "--output", "P"), OUT_FILE),
    "pack FOLDER": (("pack", "P", "--output", "OUT", "--as-of", AS_OF), IN_FOLDER),
    "pack --output": (("pack", str(EXAMPLE), "--output", "P", "--as-of", AS_OF), OUT_FOLDER),
    "init FOLDER": (("init", "P", "--type", "pgwp"), IN_FOLDER),
    "checklists validate FILE": (("checklists", "validate", "P"), IN_FILE),
}
CASES = [pytest.param(slot, bad, id=f"{slot}: {bad}") for slot, (_, kind) in SLOTS.items()
         for bad, (_, kinds) in BAD_PATHS.items() if kind in kinds]
PERMISSIONS = {"not-permitted", "unreadable-file", "unlistable-folder"}
# What an English line says, which a French one must not.
ENGLISH = ("cannot be used", "not found", "give a", "Permission denied", "File name too long", "Not a directory",
           "Too many levels", "cannot hold", "not a folder", "is a folder", "is a file")


@pytest.fixture
def root(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "paths"
    folder.mkdir()
    _setup(folder)
    yield folder
    for name in ("locked", "unreadable.json", "unlistable"):
        (folder / name).chmod(0o700)
    shutil.rmtree(folder)


def _run(args: list[str], as_a_user: bool) -> Result:
    if not as_a_user or os.geteuid() != 0:
        return invoke(*args)  # permissions apply to a user in this very process
    if shutil.which("setpriv") is None:
        pytest.skip("as root, permissions need setpriv to apply")
    return run_process(*args, cwd=REPO, prefix=AS_A_USER)


@pytest.mark.parametrize(("slot", "bad"), CASES)
def test_an_unusable_path_is_one_usage_line(slot: str, bad: str, root: Path) -> None:
    template, _ = SLOTS[slot]
    path = BAD_PATHS[bad][0](root)
    names = {"P": path, "LETTER": str(root / "letter.txt"), "OUT": str(root / "out")}
    for lang in ("en", "fr"):
        result = _run([names.get(arg, arg) for arg in template] + ["--lang", lang], bad in PERMISSIONS)
        lines = result.stderr.splitlines()
        assert result.exit_code == 2, (lang, result.stderr)
        assert len(lines) == 1, (lang, result.stderr)
        # validate says each file's own problems as a linter does, the file first.
        assert lines[0].startswith("permit-check: ") or (slot == "checklists validate FILE"
                                                          and lines[0].startswith(str(root))), lines
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert "erreur interne" not in result.stderr and "private words" not in result.stderr
        # Sanitized: no control character, no undecodable byte (a lone surrogate) reaches the terminal.
        assert not any(ord(c) < 0x20 or 0xD800 <= ord(c) <= 0xDFFF for c in lines[0]), lines[0]
        assert len(lines[0]) < 400  # a 5,000-character path is shown by its two ends
        if lang == "fr":
            assert not any(english in lines[0] for english in ENGLISH), lines[0]
    assert not (root / "out").exists()  # nothing written when a path cannot be used


def test_a_job_summary_file_named_too_long_is_one_short_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """GITHUB_STEP_SUMMARY is a path the user gives too (through the environment): a 5,000-character name is one
    line naming it by its two ends, not 5,000 characters."""
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "s" * 5000)
    result = invoke("scan", EXAMPLE, "--format", "github", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr.startswith("permit-check: GITHUB_STEP_SUMMARY sss")
    assert result.stderr.endswith("sss: cannot be written: File name too long\n") and len(result.stderr) < 300

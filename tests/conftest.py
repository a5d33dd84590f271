"""Shared fixtures: a complete application folder to break in one way per test, and CLI runners."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from permit_check.cli import main
from tests import docfactory as make
from tests import passports

if TYPE_CHECKING:
    from permit_check.model import Finding
    from permit_check.rules.checks.base import Check

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-28"
AS_OF_DAY = dt.date.fromisoformat(AS_OF)  # the same day, for code below the CLI (which is always given one)
# Every rule id found in a report the suite produced (in-process scans and JSON printed by the CLI):
# tests/test_every_check_provoked.py, run last, checks that each built-in check and checklist rule is here.
PROVOKED: set[str] = set()
# Each rule id a built-in check made a finding with in this process, and the check (the object itself: a
# checklist rule may have the same id). Real processes' reports only leave their rule ids in PROVOKED.
MADE_BY: dict[str, set[Check]] = {}
LAST_TEST = "test_every_check_provoked.py"

BASE_ANSWERS = """\
type = "work-permit-outside-canada"
channel = "secure-account"

[applicant]
family_name = "Tremblay"
given_names = "Noor"
date_of_birth = 1993-07-21
marital_status = "single"
lived_in_designated_country = false

[work]
basis = "open"
start = 2027-03-01
end = 2028-02-28
health_or_childcare = false

[representative]
used = false
"""


# The passport of the complete folder: the same person, number and expiry as its forms.
PASSPORT = passports.Holder(surname="Tremblay", given_names="Noor", number="X1234567", birth_date="930721",
                            expiry_date="310630", sex="F")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own facts cache, so that no test sees another's (or the user's)."""
    directory = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PERMIT_CHECK_CACHE_DIR", str(directory))
    return directory


def _record_rules(document: Any) -> None:
    """Adds the rule of every finding anywhere in a JSON report (one folder's, a batch's, a letter's) to PROVOKED."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "findings" and isinstance(value, list):
                PROVOKED.update(finding["rule"] for finding in value if isinstance(finding, dict) and "rule" in finding)
            else:
                _record_rules(value)
    elif isinstance(document, list):
        for value in document:
            _record_rules(value)


@pytest.fixture(scope="session", autouse=True)
def record_provoked_rules() -> Iterator[None]:
    """Every verdict the engine reaches in this process adds its findings' rules to PROVOKED."""
    from permit_check.commands import scan
    from permit_check.rules.checks.base import Check

    evaluate = scan.evaluate
    finding_of_check = Check.finding

    def recording(*args: Any, **kwargs: Any) -> Any:
        verdict = evaluate(*args, **kwargs)
        PROVOKED.update(finding.rule for finding in verdict.findings)
        return verdict

    def check_finding(check: Check, *args: Any, **kwargs: Any) -> Finding:
        finding = finding_of_check(check, *args, **kwargs)
        MADE_BY.setdefault(finding.rule, set()).add(check)
        return finding

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "evaluate", recording)
        patch.setattr(Check, "finding", check_finding)
        yield


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The check that every rule was provoked runs after every test that could provoke one."""
    items.sort(key=lambda item: item.path.name == LAST_TEST)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def __post_init__(self) -> None:
        with contextlib.suppress(ValueError):  # a JSON report, or something else
            _record_rules(json.loads(self.stdout))

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.stdout)
        return data

    def rules(self) -> list[str]:
        return [finding["rule"] for finding in self.json()["findings"]]

    def finding(self, rule: str) -> dict[str, Any]:
        matches = [finding for finding in self.json()["findings"] if finding["rule"] == rule]
        assert matches, f"no finding {rule}; found {self.rules()}"
        return matches[0]


def invoke(*args: str | Path, stdin: bytes = b"") -> Result:
    """Runs the CLI in-process (fast), reading `stdin`, and captures stdout and stderr separately."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with (contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr),
          pytest.MonkeyPatch.context() as patch):
        patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        try:
            main([str(arg) for arg in args])
        except SystemExit as exit_:
            code = exit_.code
        else:
            pytest.fail("the command line ended without an exit code")
    return Result(code if isinstance(code, int) else 0 if code is None else 1, stdout.getvalue(), stderr.getvalue())


def scan_json(folder: Path, *extra: str | Path) -> Result:
    return invoke("scan", folder, "--format", "json", "--as-of", AS_OF, "--jobs", "1", *extra)


def run_process(*args: str | Path, cwd: Path | None = None, prefix: tuple[str, ...] = (),
                env: dict[str, str] | None = None) -> Result:
    """Runs `python -m permit_check` as a real process (for exit codes, signals, privileges)."""
    command = [*prefix, sys.executable, "-m", "permit_check", *[str(arg) for arg in args]]
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=300)
    return Result(completed.returncode, completed.stdout, completed.stderr)


def without_privileges() -> tuple[str, ...]:
    """A prefix for run_process: root reads and writes anything, and dropping the two DAC capabilities makes
    file permissions bite, as for a user."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to test unreadable files as root")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def build_complete_folder(folder: Path) -> Path:
    """A small application that passes: open work permit, forms validated, files within limits."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "permit-check.toml").write_text(BASE_ANSWERS, encoding="utf-8")
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(
        family_name="Tremblay", given_name="Noor", dob="1993-07-21", validated=True)))
    make.write(folder / "imm5645.pdf", make.xfa_form_pdf("5645", edition="01-2021", dynamic=False, datasets=(
        make.static_form_datasets("5645", "01-2021", {"page1/SectionA/Applicant/AppName": "TREMBLAY, Noor",
                                                 "page1/SectionA/Applicant/AppDOB": "1993-07-21"}))))
    make.write(folder / "passport.pdf", passports.scanned_pdf([passports.passport_scan(PASSPORT, dpi=150)], dpi=150,
                                                              quality=60))
    make.write(folder / "photo.jpg", make.jpeg_bytes(make.photo_image(seed=2), quality=85, taken="2026-10-01"))
    return folder


@pytest.fixture(scope="session")
def complete_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_complete_folder(tmp_path_factory.mktemp("template") / "docs")


@pytest.fixture
def complete(tmp_path: Path, complete_template: Path) -> Path:
    """A fresh copy of the complete folder, to be broken in one way by the test."""
    target = tmp_path / "docs"
    target.mkdir()
    for source in complete_template.iterdir():
        (target / source.name).write_bytes(source.read_bytes())
    return target


@pytest.fixture
def answers(complete: Path) -> Callable[[str], None]:
    """Replaces the folder's permit-check.toml with the given TOML (the whole file, not a section)."""

    def set_answers(text: str) -> None:
        (complete / "permit-check.toml").write_text(text, encoding="utf-8")

    return set_answers


def tree_state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file's size, mtime and content: to prove a scan wrote nothing."""
    state = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue
            info = path.stat()
            state[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns, path.read_bytes())
    return state

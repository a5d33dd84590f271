"""The recipes the documentation gives work as written: pre-commit hooks, the CI workflow, a custom checklist."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import AS_OF, REPO, invoke


def _clients(tmp_path: Path) -> list[Path]:
    clients = []
    for case in ("returned-application", "ready-application"):
        target = tmp_path / "clients" / case
        shutil.copytree(REPO / "examples" / case, target)
        clients.append(target)
    return clients


def _permit_check(command: str, clients: list[Path]) -> list[str]:
    """A documented command line, with the clients/*/ glob expanded as a shell would."""
    words = shlex.split(command)
    assert words[0] == "permit-check", command
    expanded: list[str] = []
    for word in words[1:]:
        expanded += [str(client) for client in clients] if word == "clients/*/" else [word]
    return expanded


def test_pre_commit_hooks_run(tmp_path: Path) -> None:
    hooks: list[dict[str, Any]] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["permit-check", "permit-check-checklists"]
    clients = _clients(tmp_path)
    scan = _permit_check(hooks[0]["entry"], clients)
    assert invoke(*scan, "clients/*/", "--as-of", AS_OF).exit_code == 2  # an unexpanded glob is not a folder
    assert invoke(*scan, *map(str, clients), "--as-of", AS_OF).exit_code == 1
    validate = _permit_check(hooks[1]["entry"], clients)
    checklists = sorted(str(path) for path in (REPO / "checklists").glob("*.json"))
    assert all(re.search(hooks[1]["files"], str(Path(path).relative_to(REPO))) for path in checklists)
    assert invoke(*validate, *checklists).exit_code == 0


def test_github_workflow_commands_work(tmp_path: Path, monkeypatch: Any) -> None:
    workflow = yaml.safe_load((REPO / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    commands = [step["run"] for step in steps if str(step.get("run", "")).startswith("permit-check scan")]
    assert len(commands) == 3
    clients = _clients(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    codes = [invoke(*_permit_check(command, clients), "--as-of", AS_OF).exit_code for command in commands]
    assert codes == [0, 0, 1]  # reports never fail the job; the verdict step does
    assert (tmp_path / "permit-check.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads((tmp_path / "permit-check.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert "| Folder | Type | Ready |" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    uploads = [step["with"] for step in steps if "with" in step and "path" in step["with"]]
    assert uploads[0]["path"] == "permit-check.html"


def test_custom_checklist_in_the_docs_validates_and_scans(tmp_path: Path) -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert block is not None
    checklist = tmp_path / "acme-lmia.json"
    checklist.write_text(block.group(1), encoding="utf-8")
    assert invoke("checklists", "validate", checklist).exit_code == 0
    client = _clients(tmp_path)[1]
    result = invoke("scan", client, "--checklist", checklist, "--as-of", AS_OF, "--format", "json")
    report = json.loads(result.stdout)
    assert report["checklist"]["id"] == "acme-lmia"
    assert "bank-statement.missing" in [finding["rule"] for finding in report["findings"]]
    assert "fee-receipt" not in [item["id"] for item in report["items"]]


def test_readme_sample_report_is_real_output(monkeypatch: Any) -> None:
    monkeypatch.chdir(REPO)  # the report shows the folder as typed
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n\$ permit-check examples/returned-application\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    real = invoke("examples/returned-application", "--as-of", AS_OF).stdout.splitlines()
    shown = [line for line in block.group(1).splitlines() if line.strip() != "..."]
    assert shown and all(line in real for line in shown), [line for line in shown if line not in real]

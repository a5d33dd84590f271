"""The schemas describe what the tool really reads and writes: reports, facts, checklists, answers."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from permit_check.files.facts import examine
from permit_check.files.resources import load_schema
from permit_check.files.schema_validation import schema_problems
from permit_check.files.walk import walk
from permit_check.rules import checklist as checklist_module
from permit_check.rules.answers import plain_values
from permit_check.rules.checklist import available_types, builtin_ids, load_checklist, problems_in
from tests import docfactory as make
from tests.conftest import REPO, scan_json


def _errors(schema_name: str, instance: Any) -> list[str]:
    validator = Draft202012Validator(load_schema(schema_name), format_checker=FormatChecker())
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)]


@pytest.mark.parametrize("name", ["checklist", "application", "facts", "report"])
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(load_schema(name))


def test_report_of_a_folder_with_many_findings_validates(complete: Path) -> None:
    (complete / "imm5645.pdf").unlink()
    make.write(complete / "cv.pdf", make.docx_bytes(["Curriculum vitae"]))
    make.write(complete / "sponsor.pdf", make.xfa_form_pdf("1344", edition="06-2019"))
    make.write(complete / "empty.pdf", b"")
    make.write(complete / "notes.txt", b"to do")
    (complete / "outside.pdf").symlink_to("/etc/hostname")
    report = scan_json(complete).json()
    assert len(report["findings"]) >= 5
    assert _errors("report", report) == []


@pytest.mark.parametrize("case", ["returned-application", "ready-application"])
def test_expected_example_reports_validate(case: str) -> None:
    report = json.loads((REPO / "examples" / f"{case}.expected.json").read_text(encoding="utf-8"))
    assert _errors("report", report) == []


def test_facts_of_every_kind_of_file_validate(tmp_path: Path) -> None:
    files = {
        "form.pdf": make.xfa_form_pdf("1295", edition="09-2023"),
        "static.pdf": make.xfa_form_pdf("5645", edition="01-2021", dynamic=False),
        "locked.pdf": make.text_pdf(["x"], user_password="pw"),
        "scan.pdf": make.scan_pdf(1, seed=1, width=200, height=300),
        "cut.pdf": make.truncated(make.text_pdf(["x"] * 5)),
        "photo.jpg": make.jpeg_bytes(make.photo_image(seed=1, width=100, height=120)),
        "photo.png": make.image_bytes(make.photo_image(seed=1, width=100, height=120), "PNG"),
        "scan.tif": make.image_bytes(make.scan_image(100, 100, seed=1), "TIFF"),
        "cv.docx": make.docx_bytes(["Curriculum vitae"]),
        "cv.pdf": make.docx_bytes(["Curriculum vitae"]),
        "empty.pdf": b"",
        "notes.txt": b"plain words",
        "random.bin": bytes(range(256)) * 4,
    }
    for name, data in files.items():
        make.write(tmp_path / name, data)
    (tmp_path / "away.pdf").symlink_to("/etc/hostname")
    entries = walk(tmp_path)
    assert len(entries) == len(files) + 1
    for entry in entries:
        facts = examine(entry)
        assert _errors("facts", facts) == [], entry.path
        json.dumps(facts)  # JSON-safe


@pytest.mark.parametrize("checklist_id", builtin_ids())
def test_builtin_checklists_are_valid_and_cite_sources(checklist_id: str) -> None:
    raw = json.loads((REPO / "checklists" / f"{checklist_id}.json").read_text(encoding="utf-8"))
    assert problems_in(raw) == []
    loaded = load_checklist(checklist_id)
    for item in loaded.items:
        assert item.sources, f"{item.id} cites no source"
        for rule in item.rules:
            assert rule.sources, f"{rule.id} cites no source"


@pytest.mark.parametrize(("table", "schema"), [("forms.json", "forms"), ("editions.json", "editions")])
def test_bundled_form_tables_are_valid(table: str, schema: str) -> None:
    """The bundled tables are part of the tool: checked here, not at every run (a table of one's own is)."""
    assert schema_problems(_json_file(REPO / "checklists" / "ircc" / table), schema) == []


def _json_file(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_checklist_of_ones_own_is_validated_and_a_built_in_one_is_not_again(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A checklist given by path is checked at every load, down to what it extends by path; the built-in
    ones (checked by the test above) are not, so that a scan needs no JSON Schema machinery."""
    checked: list[str] = []
    monkeypatch.setattr(checklist_module, "problems_in", lambda data: checked.append(str(data.get("id"))) or [])
    (tmp_path / "middle.json").write_text(json.dumps({"id": "middle", "extends": "work-permit-outside-canada"}),
                                          encoding="utf-8")
    (tmp_path / "mine.json").write_text(json.dumps({"id": "mine", "extends": "middle.json"}), encoding="utf-8")
    load_checklist(str(tmp_path / "mine.json"))
    assert checked == ["mine", "middle"]
    checked.clear()
    load_checklist("work-permit-outside-canada")
    assert checked == []


def test_unconfirmed_sources_only_back_warnings() -> None:
    """Where a fact is marked unconfirmed, the rule is a warning, never an error."""
    loaded = load_checklist("work-permit-outside-canada")
    unconfirmed = {source["id"] for source in loaded.sources if source["reliability"] == "unconfirmed"}
    rules = [*loaded.file_rules, *loaded.application_rules, *(rule for item in loaded.items for rule in item.rules)]
    for rule in rules:
        if rule.sources and set(rule.sources) <= unconfirmed:
            assert rule.severity.label != "error", rule.id


@pytest.mark.parametrize("type_id", available_types())
def test_eligibility_rules_with_real_sources_are_errors(type_id: str) -> None:
    """A rule that decides eligibility, backed by an official or secondary source, must stop the application."""
    loaded = load_checklist(type_id)
    unconfirmed = {source["id"] for source in loaded.sources if source["reliability"] == "unconfirmed"}
    rules = [*loaded.file_rules, *loaded.application_rules, *(rule for item in loaded.items for rule in item.rules)]
    eligibility = [rule for rule in rules if rule.eligibility and not set(rule.sources) <= unconfirmed]
    assert [rule.id for rule in eligibility if rule.severity.label != "error"] == []


def test_the_known_eligibility_rules_are_marked() -> None:
    marked = {rule.id for type_id in available_types() for rule in (
        *load_checklist(type_id).application_rules,
        *(rule for item in load_checklist(type_id).items for rule in item.rules)) if rule.eligibility}
    assert {"principal-status.16-months", "principal-employment.teer-not-eligible",
            "enrolment-proof.program-not-eligible", "language-test.level-too-low", "language-test.not-approved-test",
            "status-document.restoration", "completion-proof.180-days"} <= marked


def test_readme_answers_example_validates() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    answers = plain_values(tomllib.loads(block.group(1)))
    assert _errors("application", answers) == []


@pytest.mark.parametrize("case", ["returned-application", "ready-application"])
def test_example_answers_validate(case: str) -> None:
    answers = plain_values(tomllib.loads((REPO / "examples" / case / "permit-check.toml").read_text(encoding="utf-8")))
    assert _errors("application", answers) == []

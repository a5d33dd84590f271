"""The limits on config files (configfile.py) and the safe JSON Schema validators (validation.py, patterns.py)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from referencing.exceptions import Unresolvable

from permit_check.errors import ConfigProblem
from permit_check.files.configfile import MAX_DEPTH, read_json, read_toml
from permit_check.files.schema_validation import schema_problems, unsafe_parts, validator

SECRET = "Zebulon-Quartermaine-7731"


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_nesting_up_to_the_limit_is_read_and_one_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(_nested(MAX_DEPTH))
    assert read_json(path, "test") == json.loads(_nested(MAX_DEPTH))
    path.write_text(_nested(MAX_DEPTH + 1))
    with pytest.raises(ConfigProblem, match="nested more than 64 levels deep"):
        read_json(path, "test")


def test_toml_dotted_keys_count_as_nesting(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(".".join(["k"] * MAX_DEPTH) + " = 1\n")
    assert read_toml(path, "test")
    for deeper in (".".join(["k"] * (MAX_DEPTH + 1)) + " = 1\n", "[" + " . ".join(['"k"'] * 200) + "]\n"):
        path.write_text(deeper)
        with pytest.raises(ConfigProblem, match="nested more than"):
            read_toml(path, "test")


def test_a_toml_error_quotes_at_most_a_short_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    key = "k" * 5000
    path.write_text(f"[{key}]\n[{key}]\n")
    with pytest.raises(ConfigProblem) as caught:
        read_toml(path, "test")
    assert len(str(caught.value)) < len(str(path)) + 150


def test_a_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"name = \"\xff\xfe\"\n")
    with pytest.raises(ConfigProblem, match="not UTF-8 text"):
        read_toml(path, "test")


def test_a_directory_is_not_a_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigProblem, match="not a regular file"):
        read_json(tmp_path, "test")


@pytest.mark.parametrize(("reference", "allowed"), [
    ("#/$defs/name", True),
    ("https://permit-check.example/schemas/facts.schema.json", True),
    ("https://permit-check.example/schemas/application.schema.json#/properties/applicant", True),
    ("#/$defs/missing", False),
    ("other.json", False),
    ("file:///etc/passwd", False),
    ("http://127.0.0.1:9/evil.json", False),
])
def test_references_resolve_only_inside_the_schema_and_the_bundled_ones(reference: str, allowed: bool) -> None:
    schema = {"$defs": {"name": {"type": "string"}}, "properties": {"name": {"$ref": reference}}}
    problems = unsafe_parts(schema, "/rule")
    assert (problems == []) is allowed, problems
    if not allowed:
        assert problems[0].startswith("/rule/properties/name/$ref: refers to something outside")


def test_a_reference_back_to_the_root_is_a_loop_refused() -> None:
    """Rule schemas have no use for recursion; jsonschema would recurse without end on a loop."""
    schema = {"$defs": {"name": {"type": "string"}}, "properties": {"name": {"$ref": "#"}}}
    assert [problem.split(":")[0] for problem in unsafe_parts(schema, "/rule")] == ["/rule/properties/name/$ref"]
    assert "reference loop" in unsafe_parts(schema, "/rule")[0]


def test_dynamic_references_and_ids_are_held_to_the_same_rule() -> None:
    assert unsafe_parts({"$dynamicRef": "http://127.0.0.1:9/x.json"}, "")
    assert unsafe_parts({"$id": "http://127.0.0.1:9/base/", "$ref": "evil.json"}, "")
    assert unsafe_parts({"const": {"$ref": "http://127.0.0.1:9/x.json", "pattern": "(?=x)"}}, "") == []


def test_a_reference_that_slips_through_never_opens_a_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    check = validator({"$ref": "http://127.0.0.1:9/evil.json"})
    with pytest.raises(Unresolvable):
        check.is_valid({})


def test_patterns_must_run_on_re2() -> None:
    assert unsafe_parts({"patternProperties": {"^(?!x)": True}}, "/s") == [
        "/s/patternProperties/0: this pattern cannot run in linear time "
        "(backreferences and lookarounds are not supported)"]
    assert unsafe_parts({"pattern": "^(a+)+$"}, "") == []  # RE2 runs it in linear time
    assert unsafe_parts({"patternProperties": {"a": True}, "unevaluatedProperties": False}, "/s")


@pytest.mark.parametrize("code", [
    "from permit_check.rules.fastschema import compile_schema\n"
    "check = compile_schema({'pattern': '^(x+x+)+y'})\n"
    "assert check is not None and check('x' * 40) is False",
    "from permit_check.files.schema_validation import validator\n"
    "check = validator({'patternProperties': {'^(x+x+)+y': False}, 'propertyNames': {'pattern': '^(x+x+)+y'}})\n"
    "assert check.is_valid({'x' * 40: 1}) is False",
])
def test_catastrophic_patterns_finish(code: str) -> None:
    """In a process of its own: Python's re would take hours on this, and nothing could stop it here."""
    try:
        completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                                   check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("the pattern backtracks")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""  # RE2 logs nothing either


@pytest.mark.parametrize("report", [
    {"findings": SECRET * 100},
    {"tool_version": SECRET, "findings": [{"rule": SECRET}]},
    [SECRET],
    {"reports": [{"folder": SECRET * 1000}]},
])
def test_schema_problems_never_quote_the_document(report: Any) -> None:
    problems = schema_problems(report, "report")
    assert problems
    assert all(SECRET not in problem and len(problem) < 400 for problem in problems), problems


@pytest.mark.parametrize(("schema", "value", "english", "french"), [
    ({"minLength": 1}, "", "must be at least 1 character", "doit compter au moins 1 caractère"),
    ({"minLength": 2}, "", "must be at least 2 characters", "doit compter au moins 2 caractères"),
    ({"maxItems": 1}, [1, 2], "must be at most 1 entry", "doit compter au plus 1 entrée"),
])
def test_a_bound_on_a_count_agrees_with_its_number(schema: dict[str, object], value: object, english: str,
                                                    french: str) -> None:
    from jsonschema import Draft202012Validator

    from permit_check.files.schema_validation import describe

    said = describe(next(Draft202012Validator(schema).iter_errors(value)))
    assert said == english and said.said_in("en") == english
    assert said.said_in("fr") == french

"""The compiled fast path means exactly what jsonschema means, for every schema it accepts."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from permit_check.rules.checklist import available_types, load_checklist
from permit_check.rules.fastschema import compile_schema

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-800, 800) | st.floats(-1e3, 1e3, allow_nan=False)
    | st.text(alphabet="abcAB .-_#é1\n", max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "stem", "size", "image", "width", "document", "age_days", "days_left", "work",
                         "basis", "language", "validated", "ircc_form", "text", "x"]), children, max_size=4),
    max_leaves=12,
)
LEAF = st.one_of(
    st.builds(lambda p: {"pattern": p},
              st.sampled_from(["^[A-Za-z0-9 ._-]*$", "\\.", "(?i)will complete", "^A[0-9]{7}$"])),
    st.builds(lambda n: {"maxLength": n}, st.integers(0, 12)),
    st.builds(lambda n: {"minLength": n}, st.integers(0, 12)),
    st.builds(lambda k, n: {k: n}, st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
              st.integers(-10, 800) | st.floats(-10, 800, allow_nan=False)),
    st.builds(lambda v: {"const": v},
              st.none() | st.booleans() | st.integers(-2, 2) | st.just(1.0) | st.text(max_size=2)),
    st.builds(lambda v: {"enum": v}, st.lists(st.integers(0, 5) | st.booleans() | st.text(max_size=2), max_size=3)),
    st.builds(lambda t: {"type": t}, st.sampled_from(["object", "array", "string", "boolean", "null", "number",
                                                      "integer", ["integer", "null"]])),
    st.builds(lambda r: {"required": r}, st.lists(st.sampled_from(["name", "image", "document", "x"]), max_size=2,
                                                  unique=True)),
    st.builds(lambda k, n: {k: n}, st.sampled_from(["minProperties", "maxProperties"]), st.integers(0, 3)),
    st.just(True), st.just(False), st.just({}),
)
SCHEMAS = st.recursive(
    LEAF,
    lambda children: st.builds(lambda s: {"not": s}, children) | st.builds(
        lambda props: {"properties": props},
        st.dictionaries(st.sampled_from(["name", "size", "image", "width", "document", "age_days", "x"]), children,
                        max_size=3)) | st.builds(lambda a, b: {**a, **b} if isinstance(a, dict) and isinstance(b, dict)
                                                 else a, children, children)
    | st.builds(lambda a, b, c: {"if": a, "then": b, "else": c}, children, children, children)
    | st.builds(lambda a, b: {"if": a, "then": b}, children, children)
    | st.builds(lambda k, branches: {k: branches}, st.sampled_from(["allOf", "anyOf", "oneOf"]),
                st.lists(children, min_size=1, max_size=3)),
    max_leaves=6,
)


@settings(max_examples=500, deadline=None)
@given(schema=SCHEMAS, value=VALUES)
def test_fast_path_agrees_with_jsonschema(schema: Any, value: Any) -> None:
    compiled = compile_schema(schema)
    if compiled is not None:
        assert compiled(value) == Draft202012Validator(schema).is_valid(value), (schema, value)


@cache
def _builtin_schemas() -> list[Any]:
    schemas = []
    for type_id in available_types():
        loaded = load_checklist(type_id)
        rules = [*loaded.file_rules, *loaded.application_rules, *(rule for item in loaded.items for rule in item.rules)]
        schemas += [rule.schema for rule in rules] + [rule.when for rule in rules if rule.when is not None]
        schemas += [item.condition for item in loaded.items if item.condition is not None]
    return schemas


@settings(max_examples=300, deadline=None)
@given(index=st.integers(min_value=0), value=VALUES)
def test_builtin_rules_mean_the_same_on_the_fast_path(index: int, value: Any) -> None:
    schemas = _builtin_schemas()
    schema = schemas[index % len(schemas)]
    compiled = compile_schema(schema)
    if compiled is not None:
        assert compiled(value) == Draft202012Validator(schema).is_valid(value), (schema, value)


def test_every_builtin_rule_takes_the_fast_path() -> None:
    """A scan with the built-in checklists never needs jsonschema (about 50 ms to import) to judge a file."""
    schemas = _builtin_schemas()
    assert [schema for schema in schemas if compile_schema(schema) is None] == []
    assert compile_schema({"format": "date"}) is None  # anything unusual stays with jsonschema
    assert compile_schema({"anyOf": []}) is None  # not a valid schema: jsonschema says what is wrong

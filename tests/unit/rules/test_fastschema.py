"""The compiled fast path means exactly what the product's own validator (files/schema_validation.py: RE2
patterns, NaN within no bound and equal to nothing) means, for every schema it accepts and every value,
hostile ones included."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from permit_check.files.schema_validation import validator
from permit_check.rules.checklist import available_types, load_checklist
from permit_check.rules.fastschema import compile_schema

NAN = float("nan")
# Characters that trouble matchers and comparisons: line ends ($ before a final newline in Python's re, not in
# RE2's), controls, lone surrogates (a file name that was not UTF-8), non-ASCII letters and U+FFFD itself.
HOSTILE_CHARACTERS = st.sampled_from(["\n", "\r", "\x00", "\x7f", "\x85", "\u2028", "\ud800", "\udcff", "\ufffd",
                                      "é", "ß", "İ", "\u0301", "😀"])
TEXT = st.text(alphabet=st.sampled_from("abcAB .-_#é1\n") | HOSTILE_CHARACTERS
               | st.characters(exclude_categories=()), max_size=12)
NUMBERS = st.integers() | st.integers(-800, 800) | st.floats() | st.floats(-1e3, 1e3) | st.sampled_from(
    [NAN, float("inf"), -float("inf"), -0.0, 0.0, 10**400, -(10**400), 2**53 + 1, 1e308])
VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda children: st.lists(children, max_size=3) | st.lists(children, max_size=3).map(tuple)
    | st.dictionaries(
        st.sampled_from(["name", "stem", "size", "image", "width", "document", "age_days", "days_left", "work",
                         "basis", "language", "validated", "ircc_form", "text", "x"]), children, max_size=4),
    max_leaves=12,
)
CONSTANTS = st.recursive(st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([1.0, -0.0, NAN])
                         | st.text(max_size=2),
                         lambda children: st.lists(children, max_size=2) | st.lists(children, max_size=2).map(tuple),
                         max_leaves=4)
LEAF = st.one_of(
    st.builds(lambda p: {"pattern": p},
              st.sampled_from(["^[A-Za-z0-9 ._-]*$", "\\.", "(?i)will complete", "^A[0-9]{7}$", "^.$", "(?s)^.*$",
                               "^\\w+$", "[^a-z]", "\\x{FFFD}", "^\\S*$"])),
    st.builds(lambda n: {"maxLength": n}, st.integers(0, 12)),
    st.builds(lambda n: {"minLength": n}, st.integers(0, 12)),
    st.builds(lambda k, n: {k: n}, st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
              st.integers(-10, 800) | st.floats(-10, 800) | NUMBERS),
    st.builds(lambda v: {"const": v}, CONSTANTS),
    st.builds(lambda v: {"enum": v}, st.lists(st.integers(0, 5) | st.booleans() | st.text(max_size=2) | CONSTANTS,
                                              max_size=3)),
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


def _agree(schema: Any, value: Any) -> None:
    compiled = compile_schema(schema)
    if compiled is not None:
        assert compiled(value) == validator(schema).is_valid(value), (schema, value)


@settings(max_examples=500, deadline=None)
@given(schema=SCHEMAS, value=VALUES)
@example(schema={"pattern": "^[A-Za-z0-9 ._-]*$"}, value="a\n")
@example(schema={"minimum": 0}, value=NAN)
@example(schema={"const": NAN}, value=NAN)
@example(schema={"enum": [1, NAN]}, value=NAN)
@example(schema={"const": [1, "a"]}, value=(1, "a"))
@example(schema={"pattern": "^a"}, value="a\udcff")
def test_fast_path_agrees_with_the_product_validator(schema: Any, value: Any) -> None:
    _agree(schema, value)


@pytest.mark.parametrize(("schema", "value", "valid"), [
    ({"minimum": 0}, NAN, False), ({"maximum": 0}, NAN, False), ({"exclusiveMinimum": 0}, NAN, False),
    ({"exclusiveMaximum": 0}, NAN, False), ({"minimum": 0}, float("inf"), True),
    ({"const": NAN}, NAN, False), ({"enum": [NAN]}, NAN, False), ({"const": 0}, -0.0, True),
    ({"const": [1, [2]]}, (1, (2,)), True), ({"enum": [[True]]}, (1,), False),
    ({"pattern": "^[A-Za-z0-9 ._-]*$"}, "a\n", False),
    ({"pattern": "^photo"}, "photo\udce9.jpg", True), ({"pattern": "^photo.jpg$"}, "photo\udce9jpg", True),
    ({"pattern": "^[a-z]+$"}, "ab\udce9", False),
])
def test_hostile_values_have_one_defined_answer(schema: Any, value: Any, valid: bool) -> None:
    """NaN is within no bound and equal to nothing; an array is a list or a tuple; a lone surrogate is matched
    as U+FFFD and never raises: the same answer on both paths."""
    compiled = compile_schema(schema)
    assert compiled is not None
    assert (compiled(value), validator(schema).is_valid(value)) == (valid, valid)


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
    _agree(schema, value)


def test_every_builtin_rule_takes_the_fast_path() -> None:
    """A scan with the built-in checklists never needs jsonschema (about 50 ms to import) to judge a file."""
    schemas = _builtin_schemas()
    assert [schema for schema in schemas if compile_schema(schema) is None] == []
    assert compile_schema({"format": "date"}) is None  # anything unusual stays with jsonschema
    assert compile_schema({"anyOf": []}) is None  # not a valid schema: jsonschema says what is wrong

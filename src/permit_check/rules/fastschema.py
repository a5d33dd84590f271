"""A fast path for the plain JSON Schemas that most rules are: compiled into Python predicates.

A scan runs every file rule on every file; jsonschema's general machinery costs ~30 µs a call,
which thousands of files turn into the largest share of a cached re-scan. Schemas made only of
the keywords below compile to closures with the same meaning (as Draft 2020-12 defines it, and as
files/schema_validation.py's validator decides what it leaves open: NaN, tuples, lone surrogates);
anything else returns None and the caller keeps using jsonschema. A test checks the two agree.
Patterns run on RE2 (patterns.py), as they do in the jsonschema path: linear time whatever the pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from permit_check.files.json_values import BOUNDS, is_number, json_equal
from permit_check.files.patterns import compile_pattern, found

Predicate = Callable[[Any], bool]
SUPPORTED = frozenset({"properties", "required", "pattern", "maxLength", "minLength", "minimum", "maximum",
                       "exclusiveMinimum", "exclusiveMaximum", "const", "enum", "not", "type", "if", "then", "else",
                       "allOf", "anyOf", "oneOf", "minProperties", "maxProperties"})
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "integer": lambda value: (isinstance(value, int) and not isinstance(value, bool))
    or (isinstance(value, float) and value.is_integer()),
}


def _keyword(name: str, argument: Any) -> Predicate | None:
    if name == "properties":
        compiled = {key: compile_schema(sub) for key, sub in argument.items()}
        if any(check is None for check in compiled.values()):
            return None
        checks = [(key, check) for key, check in compiled.items() if check is not None]

        def fits_properties(value: Any) -> bool:
            # A loop, not all() over a generator: rules run on every file, and this is their innermost step.
            if isinstance(value, dict):
                for key, check in checks:
                    if key in value and not check(value[key]):
                        return False
            return True

        return fits_properties
    if name == "required":
        return lambda value: not isinstance(value, dict) or all(key in value for key in argument)
    if name == "pattern":
        regex = compile_pattern(argument)
        return lambda value: not isinstance(value, str) or found(regex, value)
    if name in ("maxLength", "minLength"):
        limit = argument
        if name == "maxLength":
            return lambda value: not isinstance(value, str) or len(value) <= limit
        return lambda value: not isinstance(value, str) or len(value) >= limit
    if name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound, within = argument, BOUNDS[name]
        return lambda value: not is_number(value) or within(value, bound)
    if name == "const":
        return lambda value: json_equal(value, argument)
    if name == "enum":
        return lambda value: any(json_equal(value, choice) for choice in argument)
    if name in ("allOf", "anyOf", "oneOf"):
        branches = [compile_schema(sub) for sub in argument] if isinstance(argument, list) and argument else [None]
        if any(branch is None for branch in branches):
            return None
        fitting = [branch for branch in branches if branch is not None]
        if name == "allOf":
            return lambda value: all(branch(value) for branch in fitting)
        if name == "anyOf":
            return lambda value: any(branch(value) for branch in fitting)
        return lambda value: sum(1 for branch in fitting if branch(value)) == 1
    if name in ("minProperties", "maxProperties"):
        count = argument
        if name == "minProperties":
            return lambda value: not isinstance(value, dict) or len(value) >= count
        return lambda value: not isinstance(value, dict) or len(value) <= count
    if name == "not":
        inner = compile_schema(argument)
        return None if inner is None else (lambda value: not inner(value))
    if name == "type":
        names = [argument] if isinstance(argument, str) else list(argument)
        if not all(type_name in TYPES for type_name in names):
            return None
        return lambda value: any(TYPES[type_name](value) for type_name in names)
    return None


def _conditional(condition: Any, then: Any, otherwise: Any) -> Predicate | None:
    """if/then/else: the instance must fit 'then' when it fits 'if', else 'else'."""
    test, yes, no = compile_schema(condition), compile_schema(then), compile_schema(otherwise)
    if test is None or yes is None or no is None:
        return None
    return lambda value: yes(value) if test(value) else no(value)


def compile_schema(schema: Any) -> Predicate | None:
    """A predicate equivalent to validating against `schema`, or None when the schema is not plain enough."""
    if schema is True or schema == {}:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict) or not set(schema) <= SUPPORTED:
        return None
    checks = [_keyword(name, argument) for name, argument in schema.items() if name not in ("if", "then", "else")]
    if "if" in schema:
        checks.append(_conditional(schema["if"], schema.get("then", True), schema.get("else", True)))
    if any(check is None for check in checks):
        return None
    ready = [check for check in checks if check is not None]
    if len(ready) == 1:
        return ready[0]  # most schemas hold one keyword: no wrapper around it
    return lambda value: all(check(value) for check in ready)

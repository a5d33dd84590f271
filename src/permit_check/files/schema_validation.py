"""Every JSON Schema validator the tool builds, made safe for schemas and documents from outside.

- `$ref` resolves only inside the schema itself and to the bundled schemas: the registry's `retrieve`
  refuses every other URI, so no schema can make the tool open a file or a socket.
- `pattern`, `patternProperties` and `additionalProperties` match with RE2 (see patterns.py), in linear time.
- Error descriptions name the key path and what was expected, never the value found: the document may
  be a hostile folder's permit-check.toml, and a value may be megabytes long.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, cast

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import SchemaError, best_match
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT202012

from permit_check.files.configfile import excerpt, read_json
from permit_check.files.json_values import BOUNDS, json_equal
from permit_check.files.patterns import PatternError, compile_pattern, search
from permit_check.files.resources import data_root, load_schema
from permit_check.i18n import N_, Phrase

# Keywords whose values are data, not schemas: a "$ref" or "pattern" key inside them means nothing.
_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples", "description", "title", "$comment"})


def _refuse(uri: str) -> Resource[Any]:
    """The registry's retrieval: nothing outside the bundled schemas exists."""
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@cache
def registry() -> Registry[Any]:
    """The bundled schemas (schemas/**.json) by their $id, and no way to fetch any other."""
    resources = []
    for path in sorted((data_root() / "schemas").rglob("*.json")):
        contents = read_json(path, "bundled schema")
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        if resource.id():
            resources.append((str(resource.id()), resource))
    return Registry(retrieve=_refuse).with_resources(resources)  # type: ignore[call-arg]


def _additional(instance: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    return [key for key in instance if key not in properties and not any(search(pattern, key) for pattern in patterns)]


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError("does not have the expected form")


def _pattern_properties(validator: Any, patterns: dict[str, Any], instance: Any,
                        schema: dict[str, Any]) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator: Any, allowed: Any, instance: Any,
                           schema: dict[str, Any]) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    extras = _additional(instance, schema)
    if validator.is_type(allowed, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], allowed, path=extra)
    elif not allowed and extras:
        yield ValidationError(f"{_keys(extras)} {'was' if len(extras) == 1 else 'were'} unexpected")


def _const(validator: Any, const: Any, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    # json_values.json_equal, not jsonschema's: NaN equals nothing there, whichever object holds it.
    if not json_equal(instance, const):
        yield ValidationError("is not the expected value")


def _enum(validator: Any, choices: Any, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if not any(json_equal(instance, choice) for choice in choices):
        yield ValidationError("is not one of the expected values")


def _bound(keyword: str) -> Any:
    """The keyword's check, where NaN lies within no bound (jsonschema lets it through every one)."""
    within = BOUNDS[keyword]

    def check(validator: Any, bound: Any, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
        if validator.is_type(instance, "number") and not within(instance, bound):
            yield ValidationError(f"is outside the {keyword} of {bound!r}")

    return check


SafeValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {"pattern": _pattern, "patternProperties": _pattern_properties, "additionalProperties": _additional_properties,
     "const": _const, "enum": _enum, **{keyword: _bound(keyword) for keyword in BOUNDS}},
)


def validator(schema: Any) -> Validator:
    """A Draft 2020-12 validator for `schema` with bundled-only $ref, RE2 patterns and format checks."""
    built: Validator = SafeValidator(schema, registry=registry(), format_checker=FormatChecker())
    return built


# --------------------------------------------------------------------------- checking a schema from outside


def _subschemas(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in a schema that may be a subschema, with its JSON pointer (iterative: no recursion)."""
    stack = [(pointer, schema)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            yield where, node
            stack.extend((f"{where}/{key}", value) for key, value in node.items() if key not in _DATA_KEYWORDS)
        elif isinstance(node, list):
            stack.extend((f"{where}/{index}", value) for index, value in enumerate(node))


def unsafe_parts(schema: Any, pointer: str) -> list[Phrase]:
    """Each place where a schema from a checklist reaches outside itself or uses a pattern RE2 cannot run,
    as '/json/pointer: why' (a Phrase, said in the run's language where it is printed; the reference or
    pattern itself is never quoted). Such a schema is refused before anything is validated against it."""
    if not isinstance(schema, dict):
        return []
    problems: list[Phrase] = []
    root = Resource.from_contents(schema, default_specification=DRAFT202012)
    resolver = registry().resolver_with_root(root)
    has_unevaluated = has_pattern_properties = False
    for where, node in _subschemas(schema, pointer):
        for keyword in ("$ref", "$dynamicRef"):
            reference = node.get(keyword)
            if isinstance(reference, str):
                try:
                    resolver.lookup(reference)
                except Unresolvable:
                    problems.append(Phrase(N_("{where}: refers to something outside the checklist and the "
                                              "bundled schemas; only references inside the rule's own schema are "
                                              "allowed"), where=f"{where}/{keyword}"))
        patterns = [("pattern", node["pattern"])] if isinstance(node.get("pattern"), str) else []
        if isinstance(node.get("patternProperties"), dict):
            has_pattern_properties = True
            patterns += [(f"patternProperties/{index}", key) for index, key in enumerate(node["patternProperties"])]
        for keyword, pattern in patterns:
            try:
                compile_pattern(pattern)
            except PatternError as error:
                problems.append(Phrase(N_("{where}: this pattern {problem}"), where=f"{where}/{keyword}",
                                       problem=Phrase(str(error))))  # PatternError says a catalogue message
        has_unevaluated = has_unevaluated or "unevaluatedProperties" in node
    problems += _reference_loops(schema, pointer, resolver)
    if has_unevaluated and has_pattern_properties:
        # jsonschema matches patternProperties with Python's backtracking re when it works out
        # unevaluatedProperties; that pair is refused rather than run slowly.
        problems.append(Phrase(N_("{where}: unevaluatedProperties together with patternProperties is not "
                                  "supported"), where=pointer))
    return problems


def _reference_loops(schema: dict[str, Any], pointer: str, resolver: Any) -> list[Phrase]:
    """Each local $ref from which following references leads back to it. jsonschema would recurse until
    Python's stack runs out on such a schema; rule schemas have no use for recursion, so any loop is refused."""
    places = {id(node): where for where, node in _subschemas(schema, pointer)}
    inside: dict[int, list[dict[str, Any]]] = {}  # a subschema -> the references within it (itself included)
    for where, node in _subschemas(schema, pointer):
        inside[id(node)] = [ref for _, ref in _subschemas(node, where)
                            if isinstance(ref.get("$ref"), str) and ref["$ref"].startswith("#")]
    follows: dict[int, list[int]] = {}  # a reference -> the references its target holds
    for refs in inside.values():
        for ref in refs:
            if id(ref) in follows:
                continue
            try:
                target = resolver.lookup(ref["$ref"]).contents
            except Unresolvable:
                follows[id(ref)] = []
                continue
            follows[id(ref)] = [id(other) for other in inside.get(id(target), [])]
    problems: list[Phrase] = []
    for start in follows:
        seen, stack = set(), list(follows[start])
        while stack:
            current = stack.pop()
            if current == start:
                problems.append(Phrase(N_("{where}: leads back to itself (a reference loop); a rule schema cannot "
                                          "refer to itself"), where=f"{places.get(start, pointer)}/$ref"))
                break
            if current not in seen:
                seen.add(current)
                stack.extend(follows.get(current, []))
    return problems


# --------------------------------------------------------------------------- describing errors


def _keys(keys: list[str]) -> Phrase:
    shown = ", ".join(repr(excerpt(key, 40)) for key in keys[:3])
    return Phrase(N_("{keys} and {count} more"), keys=shown, count=len(keys) - 3) if len(keys) > 3 else Phrase(shown)


def _choices(values: list[Any]) -> str:
    shown = ", ".join(str(value) for value in values[:12])
    return shown + (", ..." if len(values) > 12 else "")


def key_path(parts: Any) -> str:
    """The path of keys and indices to a value, as 'applicant.marital_status', short and printable."""
    text = ".".join(str(part) for part in parts)
    return excerpt(text, 120) if text else Phrase(N_("(top level)"))


# Each bound keyword -> what it says, {expected} the schema's number.
_BOUNDS = {"minimum": N_("must be at least {expected}"), "maximum": N_("must be at most {expected}"),
           "exclusiveMinimum": N_("must be more than {expected}"),
           "exclusiveMaximum": N_("must be less than {expected}"),
           }
# The bounds on a count, whose words follow the number ("at least 1 character").
_COUNTED_BOUNDS: dict[str, Callable[[int], Phrase]] = {
    "minLength": lambda count: Phrase.ngettext("must be at least {expected} character",
                                               "must be at least {expected} characters", count, expected=count),
    "maxLength": lambda count: Phrase.ngettext("must be at most {expected} character",
                                               "must be at most {expected} characters", count, expected=count),
    "minItems": lambda count: Phrase.ngettext("must be at least {expected} entry",
                                              "must be at least {expected} entries", count, expected=count),
    "maxItems": lambda count: Phrase.ngettext("must be at most {expected} entry",
                                              "must be at most {expected} entries", count, expected=count),
}


# JSON Schema's type names, as a person reading a TOML or JSON file knows them.
_TYPE_WORDS = {"string": N_("text"), "integer": N_("integer"), "number": N_("decimal number"), "boolean": N_("boolean"),
               "object": N_("table"), "array": N_("list"), "null": N_("null")}


def _type_word(name: Any) -> Phrase:
    return Phrase(_TYPE_WORDS.get(str(name), str(name)))


def _missing(error: ValidationError | SchemaError) -> list[str]:
    """The required keys an object lacks (jsonschema's own message would be English)."""
    required, instance = cast(Any, error.validator_value), error.instance
    if not isinstance(required, list) or not isinstance(instance, dict):
        return []
    return [str(key) for key in required if key not in instance]


def describe(error: ValidationError | SchemaError) -> Phrase:
    """What a validation error expected, in words that quote the schema and never the value found; a Phrase,
    said in the run's language where it is printed. jsonschema's own messages (English, and quoting the
    value) are never used: each error is worded here by its keyword."""
    keyword, expected = error.validator, cast(Any, error.validator_value)
    if keyword == "enum":
        return Phrase(N_("must be one of: {choices}"), choices=_choices(list(expected)))
    if keyword == "const":
        return Phrase(N_("must be {expected}"), expected=repr(expected))
    if keyword == "type":
        if isinstance(expected, str):
            return Phrase(N_("must be of type {type}"), type=_type_word(expected))
        others = [_type_word(name) for name in expected[:-1]]
        return Phrase(N_("must be of type {type} or {last}"), last=_type_word(expected[-1]),
                      type=Phrase(", ".join(f"{{type{index}}}" for index in range(len(others))),
                                  **{f"type{index}": word for index, word in enumerate(others)}))
    if keyword == "format":
        return Phrase(N_("is not a valid {format}"), format=expected)
    if keyword == "required" and _missing(error):
        missing = _missing(error)
        return Phrase(N_("{keys} is required") if len(missing) == 1 else N_("{keys} are required"),
                      keys=_keys(missing))
    if keyword == "additionalProperties" and isinstance(error.instance, dict) and not expected:
        extras = _additional(error.instance, cast(dict[str, Any], error.schema))
        if extras:
            return Phrase(N_("{keys} was unexpected") if len(extras) == 1 else N_("{keys} were unexpected"),
                          keys=_keys(extras))
    if keyword == "pattern":
        return Phrase(N_("does not have the expected form"))
    if keyword in _BOUNDS:
        return Phrase(_BOUNDS[str(keyword)], expected=expected)
    if keyword in _COUNTED_BOUNDS and isinstance(expected, int):
        return _COUNTED_BOUNDS[str(keyword)](expected)
    if keyword == "uniqueItems":
        return Phrase(N_("has repeated entries"))
    if keyword in ("oneOf", "anyOf") and error.context:
        return describe(best_match(error.context))  # the branch that came closest (best_match stops at ties)
    return Phrase(N_("does not fit the schema ({keyword})"), keyword=keyword)


def schema_problems(instance: Any, schema: str) -> list[Phrase]:
    """Each way `instance` breaks a bundled schema, as '/json/pointer: what was expected', in document order."""
    # best_match goes inside oneOf/anyOf to the branch that came closest: the place a person must fix.
    errors = sorted((best_match([error]) for error in validator(load_schema(schema)).iter_errors(instance)),
                    key=lambda error: [str(part) for part in error.absolute_path])
    said = [Phrase(N_("{where}: {problem}"), where="/" + excerpt("/".join(str(part) for part in error.absolute_path),
                                                                  120), problem=describe(error))
            for error in errors]
    return list(dict.fromkeys(said))  # an object missing three keys is one error per key, each naming all three

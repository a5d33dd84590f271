"""Three-valued conditions: a condition that reads an unanswered question is unknown, not false.

Item conditions and rule `when`s are JSON Schemas over the case. Read plainly, a question the
applicant left unanswered is simply absent, and `{"required": ["basis"]}` fails: the LMIA would be
"not needed" only because nobody said it was. Instead, each unanswered question with a closed set
of answers (an enum or a yes/no in schemas/application.schema.json) is tried with every answer it
could get. When every answer gives the same result, the condition is decided; when they differ,
it is unknown and the report names the questions it depends on.

A question whose schema gives a `default` is answered by silence (e.g. "no representative unless
you say so"); a question with open answers (a date, a number) keeps reading as absent, since its
answers cannot be enumerated.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from permit_check.files.resources import question_schema

Path = tuple[str, ...]
# More combinations than this means a condition over many open questions: judge it unknown rather
# than spend the scan trying them all (no built-in condition reads more than three questions).
MAX_COMBINATIONS = 256


@dataclass(frozen=True)
class Outcome:
    """A condition's result: True, False, or None (unknown) with the questions it waits for."""

    value: bool | None
    depends_on: tuple[str, ...] = ()

    @property
    def unknown(self) -> bool:
        return self.value is None


def schema_paths(schema: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every property path a JSON Schema looks at ('properties' nesting and 'required' names)."""
    if isinstance(schema, list):
        for part in schema:
            yield from schema_paths(part, prefix)
        return
    if not isinstance(schema, dict):
        return
    for name, sub in schema.get("properties", {}).items():
        yield (*prefix, name)
        yield from schema_paths(sub, (*prefix, name))
    for name in schema.get("required", []):
        yield (*prefix, name)
    for key in ("allOf", "anyOf", "oneOf", "not", "if", "then", "else"):
        if key in schema:
            yield from schema_paths(schema[key], prefix)


@cache
def choices(path: Path) -> tuple[Any, ...]:
    """The answers a question can get, when they can be listed and silence does not already answer it."""
    schema = question_schema(path)
    if schema is None or "default" in schema:
        return ()
    if "enum" in schema:
        return tuple(schema["enum"])
    if schema.get("type") == "boolean":
        return (True, False)
    return ()


def _absent(facts: Any, path: Path) -> bool:
    for step in path:
        if not isinstance(facts, dict) or step not in facts:
            return True
        facts = facts[step]
    return False


def _with(facts: dict[str, Any], answers: dict[Path, Any]) -> dict[str, Any]:
    trial = copy.deepcopy(facts)
    for path, value in answers.items():
        node = trial
        for step in path[:-1]:
            if not isinstance(node.get(step), dict):
                node[step] = {}
            node = node[step]
        node[path[-1]] = value
    return trial


def open_questions(schema: Any, facts: dict[str, Any]) -> tuple[Path, ...]:
    """The questions this schema reads that the facts leave unanswered, in the order it reads them."""
    seen: dict[Path, None] = {}
    for path in schema_paths(schema):
        if path not in seen and _absent(facts, path) and choices(path):
            seen[path] = None
    return tuple(seen)


def answered_by_silence(schema: Any, facts: dict[str, Any]) -> bool:
    """True when the schema reads an unanswered question whose default (its meaning in silence) stands in."""
    return any(_absent(facts, path) and "default" in (question_schema(path) or {}) for path in schema_paths(schema))


def decide(schema: Any, check: Callable[[Any], bool], facts: dict[str, Any]) -> Outcome:
    """`check` (the compiled `schema`) on the facts, three-valued: unknown when the answer to an
    open question would change the result."""
    questions = open_questions(schema, facts)
    if not questions:
        return Outcome(check(facts))
    options = [choices(path) for path in questions]
    combinations = 1
    for option in options:
        combinations *= len(option)
    if combinations > MAX_COMBINATIONS:
        return Outcome(None, tuple(".".join(path) for path in questions))
    results: dict[tuple[Any, ...], bool] = {
        values: check(_with(facts, dict(zip(questions, values, strict=True))))
        for values in itertools.product(*options)
    }
    if len(set(results.values())) == 1:
        return Outcome(next(iter(results.values())))
    # A question decides when changing only its answer changes the result.
    deciding = [
        path for index, path in enumerate(questions)
        if any(results[values] != results[(*values[:index], other, *values[index + 1:])]
               for values in results for other in options[index])
    ]
    return Outcome(None, tuple(".".join(path) for path in deciding))

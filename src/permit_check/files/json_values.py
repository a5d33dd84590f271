"""What JSON Schema's value keywords (const, enum, minimum, maximum, exclusive*) mean, said once for both
validators: the jsonschema one (schema_validation.py) and the compiled fast path (rules/fastschema.py).

JSON has no NaN, but a value read from a file or a cache may be one: it equals nothing (not even itself) and
lies within no bound, so no rule is satisfied by a number that says nothing.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

# Each bound keyword: whether a number is within it. NaN compares false with everything, so it is within none.
BOUNDS: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": operator.ge, "maximum": operator.le, "exclusiveMinimum": operator.gt, "exclusiveMaximum": operator.lt,
}


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def json_equal(left: Any, right: Any) -> bool:
    """Equality as JSON Schema means it: true is not 1, 1 is 1.0, an array is a list or a tuple, containers
    compare deeply, and NaN equals nothing (even the very same NaN object)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if is_number(left) and is_number(right):
        return bool(left == right)
    if isinstance(left, list | tuple) and isinstance(right, list | tuple):
        return len(left) == len(right) and all(map(json_equal, left, right))
    if isinstance(left, Mapping) and isinstance(right, Mapping):
        return left.keys() == right.keys() and all(json_equal(left[key], right[key]) for key in left)
    return type(left) is type(right) and bool(left == right)

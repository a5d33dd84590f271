"""The JSON report's writer says exactly what json.dumps(indent=2, ensure_ascii=False) says, faster."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from permit_check.reports.pretty_json import dumps_indented

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=8))
KEYS = st.text(max_size=6) | st.integers(-5, 5) | st.floats(allow_nan=False) | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.lists(children, max_size=3).map(tuple)
    | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=500, deadline=None)
@given(value=VALUES)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_file_name_with_an_undecodable_byte_is_written_as_json_dumps_writes_it() -> None:
    record = {"path": "caf\udce9.pdf", "name": "photo\u202egpj.exe", "size": 3.5, "pages": [], "form": {}}
    assert dumps_indented(record) == json.dumps(record, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("value", [{"when": object()}, {(1, 2): "a tuple key"}])
def test_what_json_cannot_hold_is_refused_as_json_dumps_refuses_it(value: Any) -> None:
    with pytest.raises(TypeError):
        json.dumps(value, indent=2, ensure_ascii=False)
    with pytest.raises(TypeError):
        dumps_indented(value)

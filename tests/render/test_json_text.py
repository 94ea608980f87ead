"""The build's JSON writer prints exactly what ``json.dumps(value, ensure_ascii=False, indent=n)`` prints."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompiler.render.jsontext import write_indented

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"))
)
KEYS = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


def _text(value: Any, indent: int) -> str:
    out = io.StringIO()
    write_indented(value, indent, out.write)
    return out.getvalue()


@given(VALUES, st.integers(min_value=0, max_value=4))
def test_any_value_prints_as_the_standard_library_prints_it(value: Any, indent: int) -> None:
    assert _text(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_keys_that_python_counts_equal_keep_their_own_text() -> None:
    value = [{1: "a"}, {True: "b"}, {1.0: "c"}, {"1": "d"}, {None: math.inf}]
    assert _text(value, 2) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError):
        _text({"a": {1, 2}}, 2)
    with pytest.raises(TypeError):
        _text({(1, 2): "a"}, 2)

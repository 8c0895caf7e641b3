"""indented_json writes what json.dumps(indent=2, ensure_ascii=False) writes, byte for byte."""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from enum import IntEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.output.json_text import indented_json

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30)


def standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@given(VALUES)
def test_the_text_is_the_standard_librarys(value: Any) -> None:
    assert indented_json(value) == standard(value)


class Level(IntEnum):
    HIGH = 3


@pytest.mark.parametrize("value", [
    {}, [], {"a": {}, "b": [], "c": [{}]}, "é\u2028\"\\\n\x00", math.inf, -math.inf, math.nan,
    [Level.HIGH], OrderedDict([("z", 1), ("a", 2)]), {1.5: "x", None: "y", True: "z"},
])
def test_edge_values_match_too(value: Any) -> None:
    assert indented_json(value) == standard(value)


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [b"bytes"], {(1, 2): "tuple key"}])
def test_what_json_refuses_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        standard(value)
    with pytest.raises(TypeError):
        indented_json(value)

"""specrepo's JSON text is `json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte,
whatever the value (its own writer is only faster)."""

from __future__ import annotations

import json
import math
from enum import Enum, IntEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.output.json_text import indented_json
from tests.support import fuzz

SCALARS = (st.none() | st.booleans() | st.integers() | st.text()
           | st.floats(allow_nan=True, allow_infinity=True))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(), inner), max_leaves=40)
KEYS = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats())


class Color(str, Enum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


@fuzz(200)
@given(VALUES)
def test_the_text_is_json_dumps_text(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


@fuzz(50)
@given(st.dictionaries(KEYS, VALUES, max_size=4))
def test_keys_that_are_not_text_are_written_as_json_dumps_writes_them(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("value", [
    {"color": Color.RED, "level": Level.HIGH, "flag": True, "ratio": 0.1},
    ["é ü \u2028 \x00 \"quoted\" \\"], [math.inf], {}, [], [[], {}], "text", 3,
])
def test_subclasses_and_special_values(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_other_types_and_cycles_raise_what_json_dumps_raises() -> None:
    with pytest.raises(TypeError):
        indented_json({"a": {1, 2}})
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        indented_json(cycle)

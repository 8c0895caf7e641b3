"""Every JSON output's text is exactly what `json.dumps(indent=2, ensure_ascii=False)`
writes (a lone surrogate as text output writes it, `\\xe9`), whatever the values."""

from __future__ import annotations

import enum
import json
import re
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.output.json_text import indented_json
from tests.support import fuzz


def reference(value: Any) -> str:
    """What JSON outputs wrote with the standard library's encoder, a lone surrogate as the
    text `\\xe9` (a file name's byte that is not UTF-8, PEP 383) or `\\ud800` (any other)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)

    def spelt(code: int) -> str:
        return f"\\\\x{code - 0xDC00:02x}" if 0xDC80 <= code < 0xDD00 else f"\\\\u{code:04x}"

    return re.sub("[\ud800-\udfff]", lambda match: spelt(ord(match.group())), text)


scalars = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.text(st.characters(codec=None)))
keys = st.text(st.characters(codec=None)) | st.integers() | st.floats() | st.booleans() \
    | st.none()
values = st.recursive(scalars, lambda inner: (
    st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
    | st.dictionaries(keys, inner, max_size=4)), max_leaves=30)


@fuzz(300)
@given(values)
def test_the_text_is_the_standard_encoders(value: Any) -> None:
    assert indented_json(value) == reference(value)


class Level(enum.IntEnum):
    HIGH = 3


class Name(str):
    pass


@pytest.mark.parametrize("value", [
    {"nested": [[], {}, [[]], {"a": {}}], "empty": ""},
    [float("nan"), float("inf"), -float("inf"), 1e300, -0.0, 10**40, True, False, None],
    {1: "one", 2.5: "two and a half", False: "no", None: "nothing", "1": "text one"},
    OrderedDict([("b", 1), ("a", (2, 3))]),
    {"level": Level.HIGH, Name("name"): Name("text"), "tuple": (Level.HIGH,)},
    {"control": "\x00\x1f\t\n\"\\", "surrogate": "caf\udce9", "astral": "\U0001f600é"},
])
def test_edge_values_are_written_as_the_standard_encoder_writes_them(value: Any) -> None:
    assert indented_json(value) == reference(value)


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {(1, 2): "tuple key"}, b"x"])
def test_what_json_cannot_hold_raises_type_error(value: Any) -> None:
    with pytest.raises(TypeError):
        indented_json(value)

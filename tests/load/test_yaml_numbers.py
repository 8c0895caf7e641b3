"""Numbers too large to hold: YAML 1.2's integers (decimal, `0o`, `0x`) of more decimal
digits than Python writes, and floats past a double's range, are kept as the text written
and named where they stand (`yaml-limit`), plain or tagged: no command meets a Python int
that `str()` refuses, and no schema's `maximum` passes a number it could not hold (trial51b)."""

from __future__ import annotations

import math
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.document import Position
from specrepo.load.yaml_loader import YamlError, load_yaml
from tests.support import fuzz

LIMIT = sys.get_int_max_str_digits()
BASES = {"": (10, "0123456789"), "0o": (8, "01234567"), "0x": (16, "0123456789abcdefABCDEF")}
"""Each prefix's base and digits."""


def _loaded(text: str) -> object:
    data: Any = load_yaml(text.encode()).data
    return data["n"]


def _problems(text: str) -> tuple[YamlError, ...]:
    with pytest.raises(YamlError) as caught:
        load_yaml(text.encode())
    return caught.value.every


@st.composite
def _integers(draw: st.DrawFn) -> tuple[str, str]:
    """A tag (or none), and an integer written in some base, near the digits Python writes."""
    prefix = draw(st.sampled_from(sorted(BASES)))
    base, digits = BASES[prefix]
    length = round(LIMIT / math.log10(base)) + draw(st.integers(-6, 6))
    pattern = draw(st.text(st.sampled_from(digits), min_size=1, max_size=12))
    body = (draw(st.sampled_from(digits[1:])) + pattern * length)[:length]
    sign = draw(st.sampled_from(["", "-", "+"])) if not prefix else ""
    return draw(st.sampled_from(["", "!!int ", "!!float "])), sign + prefix + body


@fuzz(30)
@given(_integers())
def test_an_integer_in_any_base_is_read_or_kept_as_text_and_named(case: tuple[str, str]
                                                                   ) -> None:
    tag, written = case
    digits = written.lstrip("+-")
    base = BASES[digits[:2] if digits[:2] in BASES else ""][0]
    body = digits[2:] if base != 10 else digits
    too_large = len(body) > LIMIT if base == 10 else int(body, base) >= 10 ** LIMIT
    text = f"n: {tag}{written}\n"
    if not too_large:
        value = _loaded(text)
        assert type(value) is int
        assert str(value) == str(int(written, 0) if base != 10 else int(written))
        return
    (problem,) = _problems(text)
    assert problem.rule == "yaml-limit"
    assert problem.position == Position(1, 4)
    assert problem.message.startswith(f"the number {written[:20]}... (")
    assert "too large to read" in problem.message
    if not tag:  # a plain one leaves the file readable: kept as the text written
        assert problem.read == ({"n": written},)


@pytest.mark.parametrize("written", ["1e400", "-1e400", "1.8e308", "+.1E+999",
                                     "9" * 400 + ".5", "!!float 1e400"])
def test_a_float_past_a_double_is_named_at_its_value(written: str) -> None:
    (problem,) = _problems(f"id: A-1\nbudget: {written}\n")
    assert (problem.rule, problem.position) == ("yaml-limit", Position(2, 9))
    assert "too large to hold (a double, as JSON tools read numbers, ends near 1.8e308); " \
        "write a smaller one, or quote it for text" in problem.message


@pytest.mark.parametrize(("written", "value"), [
    ("1.7976931348623157e308", 1.7976931348623157e308), ("1e-400", 0.0), ("9" * 400, 10**400 - 1),
    ("'1e400'", "1e400"), ("!!str 1e400", "1e400"), (".inf", ".inf"), ("-.nan", "-.nan"),
    (f'"0x{"f" * 4000}"', f"0x{'f' * 4000}"), ("2024-01-02", "2024-01-02"), ("1.2.3", "1.2.3")])
def test_what_can_be_held_or_is_text_loads(written: str, value: object) -> None:
    assert _loaded(f"n: {written}\n") == value


def test_every_such_number_is_named_keys_too() -> None:
    hexadecimal = "0x" + "f" * 4000
    problems = _problems(f"a: 1e400\nb: [1, {hexadecimal}]\n-1e999: 2\n")
    assert [(problem.rule, problem.position) for problem in problems] == [
        ("yaml-limit", Position(1, 4)), ("yaml-limit", Position(2, 8)),
        ("yaml-limit", Position(3, 1))]
    assert problems[1].message == (
        "the number 0xffffffffffffffffff... (4,002 characters) is too large to read (more "
        f"than {LIMIT:,} decimal digits); write a smaller one, or quote it for text")

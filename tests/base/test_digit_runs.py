"""Runs of digits by value at any length: the same order and sums as `int`, where `int`
reads them, and no `ValueError` past the 4,300 digits it reads."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.digit_runs import incremented, number_key
from tests.support import fuzz

_RUNS = st.text(st.sampled_from("0123456789"), min_size=1, max_size=30)


@fuzz(200)
@given(_RUNS, _RUNS)
def test_runs_order_and_equal_as_their_values(left: str, right: str) -> None:
    assert (number_key(left) < number_key(right)) is (int(left) < int(right))
    assert (number_key(left) == number_key(right)) is (int(left) == int(right))


@fuzz(200)
@given(_RUNS)
def test_a_run_plus_one_is_its_value_plus_one(digits: str) -> None:
    assert incremented(digits) == str(int(digits) + 1)


def test_any_length_and_any_script() -> None:
    nines = "9" * 5000
    assert number_key("0" + nines) == number_key(nines) < number_key("1" + "0" * 5000)
    assert incremented(nines) == "1" + "0" * 5000
    assert number_key("\u0664\u0662") == number_key("42")  # Arabic-Indic digits, as int reads

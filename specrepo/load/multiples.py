"""Whether a number is a multiple of another (`multipleOf`) for numbers of any size: an
integer past a float's range, or a quotient that overflows one, is judged exactly."""

from __future__ import annotations


def is_multiple(instance: int | float, divisor: int | float) -> bool:
    """Whether `instance` divided by `divisor` is an integer, as jsonschema judges it where
    floats suffice (`10.1` is not a multiple of `0.1` in floats); where a float overflows
    (an integer of 400 digits, `1e308` over `0.5`), exactly, each float read as the decimal
    it is written as (`0.1` as a tenth, not the binary float nearest to it). Infinity and
    NaN are no multiple of anything."""
    try:
        if isinstance(divisor, float):
            quotient = instance / divisor
            return int(quotient) == quotient
        return not instance % divisor
    except OverflowError:  # a float past its range: infinity, or an integer that huge
        from fractions import Fraction  # noqa: PLC0415 (rarely: decimal with it)

        try:
            return (Fraction(repr(instance)) / Fraction(repr(divisor))).denominator == 1
        except (OverflowError, ValueError):  # the instance itself is infinite or NaN
            return False
    except ValueError:  # NaN, which int() refuses
        return False

"""Each kind of warning is said a few times, then how many more (`capped`)."""

from __future__ import annotations

from specrepo.base.repeated_warnings import SHOWN, capped


def _more(kind: str, count: int) -> str:
    return f"{count} more {kind}"


def test_each_kind_is_capped_on_its_own_in_order() -> None:
    warnings = [("a", f"a{n}") for n in range(SHOWN + 2)] + [("b", "b0")]
    assert capped(warnings, _more) == (*(f"a{n}" for n in range(SHOWN)), "b0", "2 more a")


def test_every_says_each() -> None:
    warnings = [("a", f"a{n}") for n in range(SHOWN + 2)]
    assert capped(warnings, _more, every=True) == tuple(text for _, text in warnings)

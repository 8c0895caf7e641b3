"""A match without a verdict crosses a worker's pipe whole: its kind, its words and what it
was built from (`NoVerdict.__reduce__`)."""

from __future__ import annotations

import pickle

import pytest

from specrepo.load.no_verdict import EngineEnded, EngineUnstarted, NoVerdict, SlowMatch


@pytest.mark.parametrize(("error", "detail"), [
    (SlowMatch("^(a+)+$", "aaaa!", 10.0), ("seconds", 10.0)),
    (EngineEnded("^(a+)+$", "aaaa!", -9), ("status", -9)),
    (EngineUnstarted("^(a+)+$", "aaaa!", "Resource temporarily unavailable"),
     ("reason", "Resource temporarily unavailable")),
])
def test_each_kind_comes_back_from_pickle_as_it_went(
        error: NoVerdict, detail: tuple[str, object]) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert (back.pattern, back.text) == ("^(a+)+$", "aaaa!")
    assert getattr(back, detail[0]) == detail[1]

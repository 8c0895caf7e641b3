"""The record of what the commit being made renamed (`history.made_record`), kept with the
history cache: read back as written, anything else refused with `ValueError` (which the
cache's reader takes for a damaged cache), and the step to a work tree's workflow taken
as `rename_line.advanced` takes a commit's."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from specrepo.history.made_record import Made, made_changed, made_from_json, made_to_json, settled
from specrepo.history.rename_line import NOTHING_KNOWN, Known, advanced, renamed_later

NAMES = st.sampled_from(["Draft", "Review", "OK", "Accepted", "Done", "Retired"])
PAIRS = st.lists(st.tuples(NAMES, NAMES), max_size=3).map(lambda pairs: tuple(sorted(pairs)))
KNOWN = st.tuples(PAIRS, st.none() | st.lists(NAMES, max_size=4).map(tuple),
                  st.frozensets(st.tuples(st.integers(0, 5), st.text(max_size=4), NAMES, NAMES),
                                max_size=3))
MADE = st.tuples(KNOWN, KNOWN, st.lists(st.text(max_size=4), max_size=2).map(tuple),
                 st.lists(st.tuples(st.text(max_size=4), st.none() | PAIRS), max_size=2)
                 .map(tuple))


@given(MADE)
def test_a_record_reads_back_as_written(made: Made) -> None:
    assert made_from_json(json.loads(json.dumps(made_to_json(made)))) == made


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=3),
                    lambda inner: st.lists(inner, max_size=5), max_leaves=30))
def test_anything_else_is_refused_as_a_value_error(value: Any) -> None:
    with contextlib.suppress(ValueError):  # nothing but a ValueError escapes
        made_from_json(value)


def test_the_work_trees_step_is_a_commits() -> None:
    """HEAD's `[Draft, OK]`, the work tree's `[Draft, Accepted]`: `OK` is `Accepted`, as
    `advanced` renames it; a commit whose history already made that rename reads as is."""
    head: Known = advanced(NOTHING_KNOWN, ("Draft", "OK"), "c1")
    assert renamed_later(head, head, ("Draft", "Accepted")) == (("OK", "Accepted"),)
    made = advanced(head, ("Draft", "Accepted"), "c2")
    assert renamed_later(made, head, ("Draft", "Accepted")) == ()
    assert renamed_later(head, made, ("Draft", "Accepted")) == (("OK", "Accepted"),)


def test_a_record_is_settled_only_where_nothing_else_is_followed() -> None:
    head: Known = advanced(NOTHING_KNOWN, ("Draft", "OK"), "c1")
    plain: Made = (head, head, (), ())
    assert settled(plain, (), ("Draft", "OK"))
    assert not settled(plain, ("a" * 40,), ("Draft", "OK"))  # a merge begun since
    assert not settled(plain, (), ("Draft", "Accepted"))  # the work tree's workflow
    assert settled(None, (), ("Draft",)) and not settled(None, ("a" * 40,), ("Draft",))
    renamed: Made = (head, advanced(head, ("Draft", "Accepted"), "(made)"), (), ())
    assert made_changed(plain, renamed) and made_changed(renamed, None)
    assert not made_changed(plain, None)

"""`history.event_times.raisings`: the event that first added each question, in one pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from specrepo.history.event_times import raisings
from specrepo.model.event import Event
from specrepo.model.events import CREATED, QUESTION_ADDED, QUESTION_RESOLVED, EventKind

_KINDS: tuple[EventKind, ...] = (CREATED, QUESTION_ADDED, QUESTION_RESOLVED)
_ITEMS = (None, "", "Q-1", "Q-2")


def _event(index: int, kind: EventKind, item: str | None) -> Event:
    return Event(spec_id="SPEC-1", commit=f"{index:040x}", author="A", email="a@x",
                 authored=index, committed=index, kind=kind, field="questions",
                 before=None, after=None, path="s.yaml", mainline=True, item=item)


_EVENTS = st.lists(st.tuples(st.sampled_from(_KINDS), st.sampled_from(_ITEMS)), max_size=12)


@given(_EVENTS, st.sampled_from(_ITEMS[1:]))
def test_raising_is_the_first_addition_else_the_creation(drawn: list[tuple[EventKind, str | None]],
                                                         question_id: str) -> None:
    events = [_event(index, kind, item) for index, (kind, item) in enumerate(drawn)]
    added = [event for event in events
             if event.kind == QUESTION_ADDED and event.item == question_id]
    created = [event for event in events if event.kind == CREATED]
    expected = added[0] if added else (created[0] if created else None)
    assert raisings(events)(question_id) is expected

"""`judged_specs` keeps its last answer for the very same inputs: a run asks it for the
mined history (unused-acceptance) and for today's specs (the other rules), mostly the same
objects; any other input is judged anew."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from specrepo.model.event import Event
from specrepo.model.history import History, MovedFile, SpecHistory
from specrepo.model.judged_specs import judged_specs


class CountedDepartures:
    """Departures that took nothing out, counting how often their events are asked."""

    def __init__(self) -> None:
        self.asked = 0

    def events(self) -> tuple[Event, ...]:
        self.asked += 1
        return ()

    def removals(self, deleted: Sequence[Event]) -> tuple[Event | None, ...]:
        return tuple(None for _ in deleted)

    def changed_locations(self) -> tuple[str, ...]:
        return ()

    def moved_unread(self, moves: Sequence[MovedFile]) -> tuple[bool, ...]:
        return tuple(False for _ in moves)

    def moved_out(self, moves: Sequence[Event]) -> tuple[Event | None, ...]:
        return tuple(None for _ in moves)


def _spec(spec_id: str) -> SpecHistory:
    return SpecHistory(f"c1:{spec_id}.yaml", spec_id, (), (), (f"{spec_id}.yaml",), None,
                       f"{spec_id}.yaml", 0)


def test_the_same_inputs_are_judged_once() -> None:
    departures = CountedDepartures()
    history = History("c1", 0, (_spec("SPEC-0001"), _spec("SPEC-0002")), Path("/repo"),
                      departures=departures)
    first = judged_specs(history, frozenset({"Approved"}))
    again = replace(history, specs=tuple(history.specs))  # the same specs, another tuple
    assert judged_specs(again, frozenset({"Approved"})) is first
    assert departures.asked == 1


def test_other_inputs_are_judged_anew() -> None:
    departures = CountedDepartures()
    history = History("c1", 0, (_spec("SPEC-0001"),), Path("/repo"), departures=departures)
    first = judged_specs(history, frozenset({"Approved"}))
    assert judged_specs(history, frozenset({"Implemented"})) == first
    assert departures.asked == 2  # another `approved`
    fewer = replace(history, specs=())
    assert judged_specs(fewer, frozenset({"Implemented"})) == ()
    assert departures.asked == 3  # other specs
    other = CountedDepartures()
    assert judged_specs(replace(history, departures=other), frozenset({"Implemented"})) \
        == first
    assert other.asked == 1  # other departures

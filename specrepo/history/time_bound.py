"""The latest a time can be, as the commit graph orders commits (README "Order comes from
the commit graph"): a time and the offset it is shown in, taken as no later than others.
`graph_times` bounds status periods and last changes with it, `event_times` the events
ages count from."""

from __future__ import annotations

from typing import NamedTuple

from specrepo.model.ancestry import LineTimes


class Bound(NamedTuple):
    """The latest a time can be (Unix time) and the offset from UTC (minutes east) of the
    commit it is the time of: a time taken as it is shown in that offset."""

    time: int
    offset: int

    def taken(self, time: int, offset: int) -> Bound:
        """`time` (shown in `offset`), or this bound when `time` is later."""
        return self if time > self.time else Bound(time, offset)

    def on_line(self, line: LineTimes | None, commit: str | None, time: int,
                offset: int) -> Bound:
        """The time of `commit` of HEAD's first-parent line, dated `time` (shown in
        `offset`), no later than this bound: the time `line` takes it as, instead of its
        date (`LineTimes.taken_as`: earlier for a clock ahead, later for one behind), or
        its date when the line takes it at its date (or with no line or commit)."""
        taken = line.taken_as(commit) if line is not None and commit is not None else None
        return self.taken(*(taken or (time, offset)))

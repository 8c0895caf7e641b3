"""The walk's state of one spec (`Lineage`), on its own: a warm run restores it from the
history cache without importing the walk (`lineage`, which decides which spec each
changed file is)."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.ancestry import LastChange
from specrepo.model.event import Event, StatusPeriod

if TYPE_CHECKING:  # the cache's events, read only when a walk on from the cache needs them
    from specrepo.history.cached_events import CachedEvents


@dataclass
class Lineage:
    """The walk's state of one spec."""

    key: str
    """`<commit>:<path>` where the spec began."""
    spec_id: str
    path: str
    """Its file now, in the walk's order (or its last file, once deleted)."""
    blob: str | None = None
    """The blob of its version at `path` (its last version, once deleted): what a file
    that brings it back is compared with."""
    exists: bool = True
    paths: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    inherited: int = 0
    """How many of the first events were copied from the spec this one is a copy of."""
    periods: list[StatusPeriod] = field(default_factory=list)
    on_mainline: bool = False
    """Whether HEAD's first-parent line holds the spec at the commit walked last."""
    mainline_status: str | None = None
    replay_status: str | None = None
    """Where the spec's events so far leave its status."""
    head_blob: str | None = None
    head_path: str | None = None
    touched: int = 0
    """The commit time of its last commit that changed its content (`touch`)."""
    touched_offset: int = 0
    """The offset from UTC of the author of the commit of `touched` (its day is shown in it)."""
    touches: list[LastChange] = field(default_factory=list)
    """The commits that may be its last change (`SpecHistory.last_changes`; `touched` is
    `latest_known`'s)."""
    brought: list[LastChange] = field(default_factory=list)
    """The commits off HEAD's line that recorded an event ages count from for it
    (`model.events.AGE_EVENTS`), each with the line's commit that brought it there, in
    the walk's order (`SpecHistory.brought`)."""
    cached: CachedEvents | None = None
    """Its events as the history cache kept them, while no new commit changed it (`events`
    is empty meanwhile): a walk on from the cache decodes only the specs it changes."""

    def walked_events(self) -> list[Event]:
        """Its events, to be added to: decoded from the cache's line first if still there."""
        if self.cached is not None:
            self.events, self.cached = list(self.cached), None
        return self.events

    def touch(self, change: LastChange, *, brought: bool = False) -> None:
        """Take a commit that recorded an event that `changes_content` for the spec (a
        commit that only moved or copied the file, or changed its mode, changed nothing)
        as its last change so far (`touches`), and with `brought` (one off HEAD's line
        that recorded an event ages count from) among `brought`. A change counts from
        when HEAD's first-parent line took it (`walk_time`: the line's commit that brought
        it there, as a status period starts; README "History"), and the walk comes along
        the line in its order, which the line's times follow (`LineTimes`: a commit dated
        behind is taken later, never before one before it), so the last walked is the
        latest; `touched` is its line commit's date and offset."""
        if brought:
            self.brought.append(change)
        self.touches[:] = [change]
        self.touched, self.touched_offset = change.line_committed, change.line_offset

    def touched_time(self) -> int:
        """When its last change happened as the walk knows (`walk_time` of `latest_known`;
        `touched` when none): Unix time."""
        return walk_time(latest_known(self.touches)) if self.touches else self.touched


def walk_time(change: LastChange) -> int:
    """`change`'s time as the walk knows it: the date of the line's commit that brought it
    there (its own, made on the line), as a status period starts when HEAD's first-parent
    line takes the move (README "History": a spec's idle time never exceeds its time in
    its status). Unix time."""
    return change.line_committed


def latest_known(touches: list[LastChange]) -> LastChange:
    """The latest of `touches` (not empty) by `walk_time`; the last walked on a tie."""
    return max(reversed(touches), key=walk_time)

"""The walk's state of one spec (`Lineage`), on its own: a warm run restores it from the
history cache without importing the walk (`lineage`, which decides which spec each
changed file is)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import TYPE_CHECKING

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.event import Event, StatusPeriod
from specrepo.model.events import changes_content

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
    touched_via: tuple[str, int, int] | None = None
    """For a `touched` made off HEAD's first-parent line: the commit of that line that
    brought it there (full id, committer time, its author's offset from UTC in minutes):
    the change happened no later than it (the graph's order, never dates)."""
    cached: CachedEvents | None = None
    """Its events as the history cache kept them, while no new commit changed it (`events`
    is empty meanwhile): a walk on from the cache decodes only the specs it changes."""

    def walked_events(self) -> list[Event]:
        """Its events, to be added to: decoded from the cache's line first if still there."""
        if self.cached is not None:
            self.events, self.cached = list(self.cached), None
        return self.events

    def touch(self, committed: int, offset: int, kinds: Iterable[str],
              via: tuple[str, int, int] | None = None) -> None:
        """Take a commit (its time, its author's offset from UTC in minutes; off HEAD's
        line, the line's commit that brought it there: `touched_via`) that recorded events
        of `kinds` for the spec as its last change (`touched`), when one of them
        `changes_content` and it is no earlier than the last, both taken as no later than
        the commit that brought them (`touched_time`): a commit that only moved or copied
        the file, or changed its mode, changed nothing."""
        if any(map(changes_content, kinds)) and \
                min(committed, committed if via is None else via[1]) >= self.touched_time():
            self.touched, self.touched_offset, self.touched_via = committed, offset, via

    def touched_time(self) -> int:
        """`touched` taken as no later than the commit of HEAD's line that brought it
        there (`touched_via`): Unix time."""
        return self.touched if self.touched_via is None else \
            min(self.touched, self.touched_via[1])

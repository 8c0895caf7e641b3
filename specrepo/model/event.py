"""One event of a spec's history, the status periods and facts built on events."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.timestamps import elapsed_days, local_date
from specrepo.model.events import CREATED, DELETED, MOVED, SETS_STATUS, EventKind

if TYPE_CHECKING:
    from specrepo.model.review_times import ReviewTimes


@dataclass(frozen=True)
class Event:
    """Something that happened to one spec in one commit."""

    spec_id: str
    """The spec's id at the time (for an `id-changed` event, the new one)."""
    commit: str
    author: str
    email: str
    authored: int
    committed: int
    kind: EventKind
    field: str
    before: str | None
    after: str | None
    path: str
    mainline: bool
    """Whether the commit is on HEAD's first-parent line (else on a merged branch)."""
    after_unreadable: bool = False
    """The field could not be read in the versions just before this commit: `before` is
    its last readable value, and this commit made it readable again."""
    item: str | None = None
    """The entry of a list field the event is about: a question's id, an approver, an
    item's id (`field` then names its list: `requirements.functional`)."""
    protected: bool = False
    """A content event that touches what an approval covers (`approval: protected:`)."""
    author_offset: int = 0
    """The author's offset from UTC when the commit was authored, in minutes east (as
    git recorded it): the day of the change, as `git log` shows it, is in that offset."""
    from_line: bool = False
    """`merge-resolved`: `before` is the line's status a branch's was kept over, no branch's."""
    coauthors: tuple[str, ...] = ()
    """The commit's `Co-authored-by:` people (`Name <email>`, through .mailmap): authors of
    its change as much as `author` (`review_times.is_author`)."""

    @property
    def day(self) -> str:
        """The day of the change, `2026-01-10`, in its author's offset (`local_date`)."""
        return local_date(self.authored, self.author_offset)

    @property
    def field_label(self) -> str:
        """The field as outputs name it: `status`, or `open_questions[Q-1]` for an item."""
        return self.field if self.item is None else f"{self.field}[{self.item}]"


@dataclass(frozen=True)
class BoundaryMove(Event):
    """A status move a shallow clone shows at its boundary (`history.boundary_moves`):
    `before` is the status of the commit `seen_from`, which the clone holds; the commits
    between it and this one are not in the clone, so this is one move. Never cached: made
    from the mined history in each run."""

    seen_from: str = ""


@dataclass(frozen=True)
class StatusPeriod:
    """A status the spec held on HEAD's line of history, from when to when."""

    status: str
    since: int
    until: int | None
    commit: str
    """The commit that brought the status onto HEAD's line."""
    offset: int = 0
    """The offset from UTC (minutes east) its day is shown in: that of the author of
    `commit` (`Event.author_offset`)."""
    until_offset: int = 0
    """The same for `until`: that of the author of the commit that ended it."""

    @property
    def since_day(self) -> str:
        """The day it began, `2026-01-10`, in `offset` (`local_date`)."""
        return local_date(self.since, self.offset)

    @property
    def until_day(self) -> str:
        """The day it ended in `until_offset`; empty for the current period."""
        return local_date(self.until, self.until_offset)

    def days(self, now: int) -> float:
        """How long the period lasted (until `now` for the current one), in days."""
        end = self.until if self.until is not None else now
        return elapsed_days(self.since, end)


class FileMove(NamedTuple):
    """A `moved` event as the spec set's readers know it (`model.move_lives`), the history
    cache keeping it beside the events (a NamedTuple: hundreds a warm run)."""

    commit: str
    spec_id: str
    """The spec's id at the time."""
    before: str | None
    """The file it moved from."""
    after: str | None
    """The file it moved to."""


def file_moves(events: Sequence[Event]) -> tuple[FileMove, ...]:
    """The `moved` events of `events`, in their order, as `FileMove`s."""
    return tuple(FileMove(event.commit, event.spec_id, event.before, event.after)
                 for event in events if event.kind == MOVED)


class FactualEvents(Sequence[Event]):
    """Events that know facts about themselves without being read through (the history
    cache's, which are decoded when first read)."""

    __slots__ = ()

    @property
    @abstractmethod
    def protected(self) -> bool:
        """Whether any of the events touches protected content (`Event.protected`)."""

    @property
    @abstractmethod
    def kinds(self) -> frozenset[str]:
        """The kinds of event there are."""

    @property
    @abstractmethod
    def moves(self) -> frozenset[tuple[str | None, str | None]]:
        """The (before, after) of each status move (`status_moves.move_pairs`)."""

    @property
    @abstractmethod
    def reviews(self) -> ReviewTimes:
        """What they say of the spec's reviews (`review_times.review_times`)."""

    @property
    @abstractmethod
    def born_as(self) -> str | None:
        """The status the first event creates the spec in (`born_as`)."""

    @property
    @abstractmethod
    def file_moves(self) -> tuple[FileMove, ...]:
        """The `moved` events, in their order (`file_moves`)."""

    @property
    @abstractmethod
    def spec_ids(self) -> frozenset[str]:
        """The spec ids the events name (`Event.spec_id`)."""


def born_as(events: Sequence[Event]) -> str | None:
    """The status the first of `events` creates a spec in; None if not `created` or none."""
    return events[0].after if events and events[0].kind == CREATED else None


def birth_event(events: Sequence[Event]) -> Event | None:
    """The event that gave a spec (`events`, oldest first, the first its `created` event)
    its first readable status: that `created` event, or, for a spec created with none (a
    version that could not be read, no `status:`), the first later event that set one;
    None when the first event creates nothing or no event gave it a status."""
    if not events or events[0].kind != CREATED:
        return None
    return next((event for event in events
                 if event.kind in SETS_STATUS and event.kind != DELETED and event.after),
                None)

"""Each spec's events as the history cache keeps them: one line of JSON per spec, decoded
and checked only when the spec's events are first read.

A warm `timeline` reads one spec's events, not the 5,000 of a large history; every reader
of a spec's events gets them whole and checked, as if they had been restored at once.
Decoding checks what restoring all of them at load time checked: the types of every
value, the kinds, the commits' ids, that the events replay to the status the walk
recorded, and the facts the cache keeps beside them (how many there are, whether any
touches protected content, which kinds there are, the status the spec was born in: what a
reader asks to know whether to read them at all). A line that fails is never read as
what it says: its events are asked of `recover` (which mines the history again, with a warning).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final, NamedTuple, TypeVar, overload

from specrepo.base.restore import restored_each
from specrepo.model.event import Event, FactualEvents, FileMove, born_as, file_moves
from specrepo.model.events import CREATED, EVENT_KINDS, REPLAYS_STATUS
from specrepo.model.review_times import ReviewTimes, review_times
from specrepo.model.status_moves import MovePair, move_pairs

_Fact = TypeVar("_Fact")
OBJECT_ID: Final = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


class InconsistentCache(ValueError):
    """Cached data that is not what a walk could have written."""


def spec_named(key: str) -> str:
    """The spec (by its `Lineage.key`) a message about its cached data names."""
    return f"spec {key[:60]!r}"


def event_to_json(event: Event) -> list[Any]:
    """An event as the cache keeps it: its fields in a list, in `Event`'s order."""
    return [event.spec_id, event.commit, event.author, event.email, event.authored,
            event.committed, event.kind, event.field, event.before, event.after, event.path,
            event.mainline, event.after_unreadable, event.item, event.protected,
            event.author_offset, event.from_line, list(event.coauthors)]


_EVENT_TYPES: Final[tuple[type | tuple[type, ...], ...]] = (
    str, str, str, str, int, int, str, str, (str, type(None)),
    (str, type(None)), str, bool, bool, (str, type(None)), bool, int, bool, list)


class EventFacts(NamedTuple):
    """What the cache keeps of a spec's events beside them, known without decoding them,
    and checked against them when they are. (A NamedTuple: a warm run makes one per spec,
    and defining a frozen dataclass costs about 0.5 ms on every run.)"""

    event_count: int
    replay_status: str | None
    """Where the events leave the spec's status (the walk's `Lineage.replay_status`)."""
    protected: bool
    """Whether any event touches content an approval covers (`Event.protected`)."""
    kinds: frozenset[str]
    """The kinds of event there are."""
    moves: Any
    """The (before, after) of each status move (`move_pairs`) as the cache keeps them
    (`moves_to_json`), read when asked for (`moves_from_json`): the illegal-transition
    check of a spec whose moves the workflow all allows reads no event."""
    reviews: Any
    """What they say of the spec's reviews (`review_times`) as the cache keeps it
    (`reviews_to_json`), read when asked for (`reviews_from_json`): the report's
    reviewers read no event."""
    born_as: str | None
    """The status the first event creates the spec in (`model.event.born_as`)."""
    file_moves: Any
    """Its `moved` events (`model.event.file_moves`) as the cache keeps them
    (`file_moves_to_json`), read when asked for (`file_moves_from_json`): where a move
    took a file out of the spec set is asked of the moves alone."""
    spec_ids: Any
    """The spec ids the events name, sorted, read when asked for (`texts_from_json`)."""

    @classmethod
    def of(cls, events: Sequence[Event], replay_status: str | None) -> EventFacts:
        """The facts of `events` as a walk left them."""
        return cls(len(events), replay_status, any(event.protected for event in events),
                   frozenset(event.kind for event in events),
                   moves_to_json(move_pairs(events)), reviews_to_json(review_times(events)),
                   born_as(events), [list(move) for move in file_moves(events)],
                   sorted({event.spec_id for event in events}))


def moves_to_json(moves: frozenset[MovePair]) -> list[list[str | None]]:
    """Status moves as the cache keeps them: [before, after] pairs, in a set order."""
    return sorted(map(list, moves), key=repr)


def moves_from_json(value: Any) -> frozenset[MovePair]:
    """The inverse of `moves_to_json`; raises `InconsistentCache` on anything else."""
    if type(value) is not list:
        raise InconsistentCache("status moves are pairs of statuses")
    pairs = []
    for pair in value:  # a loop, not generators: a few pairs a spec, hundreds of specs a run
        if type(pair) is not list or len(pair) != 2:
            raise InconsistentCache("status moves are pairs of statuses")
        before, after = pair
        if (before is not None and type(before) is not str) \
                or (after is not None and type(after) is not str):
            raise InconsistentCache("status moves are pairs of statuses")
        pairs.append((before, after))
    return frozenset(pairs)


def reviews_to_json(reviews: ReviewTimes) -> list[list[list[Any]]]:
    """Review times as the cache keeps them: [[reviewer, time]...] approvals and
    [[name, time, offset]...] reviewers added, each sorted."""
    return [sorted(map(list, reviews.approvals.items())),
            sorted([name, *when] for name, when in reviews.added.items())]


def reviews_from_json(value: Any) -> ReviewTimes:
    """The inverse of `reviews_to_json`; raises `InconsistentCache` on anything else."""
    if not (type(value) is list and len(value) == 2 and type(value[0]) is list
            and type(value[1]) is list
            and all(type(item) is list and len(item) == 2 and type(item[0]) is str
                    and type(item[1]) is int for item in value[0])
            and all(type(item) is list and len(item) == 3 and type(item[0]) is str
                    and type(item[1]) is int and type(item[2]) is int for item in value[1])):
        raise InconsistentCache("review times are names and times")
    return ReviewTimes(dict(value[0]),
                       {name: (time, offset) for name, time, offset in value[1]})


def file_moves_from_json(value: Any) -> tuple[FileMove, ...]:
    """The inverse of `EventFacts.file_moves`' [commit, spec id, from, to] lists; raises
    `InconsistentCache` on anything else."""
    if type(value) is not list or not all(
            type(move) is list and len(move) == 4 and type(move[0]) is str
            and type(move[1]) is str and (move[2] is None or type(move[2]) is str)
            and (move[3] is None or type(move[3]) is str) for move in value):
        raise InconsistentCache("moves are a commit, an id and two files")
    return tuple(FileMove(*move) for move in value)


def ids_from_json(value: Any) -> frozenset[str]:
    """The inverse of `EventFacts.spec_ids`' list; raises `InconsistentCache` on anything
    else."""
    if type(value) is not list or not all(type(item) is str for item in value):
        raise InconsistentCache("spec ids are text")
    return frozenset(value)


def decoded_events(line: bytes, facts: EventFacts, where: str,
                   commits: set[str]) -> list[Event]:
    """A spec's line of events, decoded and checked in one loop; raises
    `InconsistentCache` (or `ValueError`, for text that is no JSON) when it is not what a
    walk wrote or contradicts `facts`. `commits`: the commit ids already found well-formed
    (added to; a commit has many events, of many specs)."""
    items = json.loads(line)
    if type(items) is not list or len(items) != facts.event_count:
        raise InconsistentCache(f"{where}: events other than the cache says")
    replayed: str | None = None
    protected = False
    kinds = set()
    for item in items:
        if not (type(item) is list and len(item) == 18
                and all(map(isinstance, item, _EVENT_TYPES))
                and type(item[4]) is int and type(item[5]) is int and type(item[15]) is int
                and all(type(name) is str for name in item[17])):
            raise InconsistentCache("an event is 18 values of the right types")
        item[17] = tuple(item[17])
        kind = item[6]
        if kind not in EVENT_KINDS:
            raise InconsistentCache(f"unknown event kind {kind!r}")
        if item[1] not in commits:
            if not OBJECT_ID.fullmatch(item[1]):
                raise InconsistentCache("an event's commit is not an object id")
            commits.add(item[1])
        kinds.add(kind)
        protected = protected or item[14]
        if kind in REPLAYS_STATUS:
            replayed = item[9]
    if replayed != facts.replay_status:
        raise InconsistentCache(f"{where}: events do not replay to its status")
    born = items[0][9] if items and items[0][6] == CREATED else None
    if protected != facts.protected or kinds != facts.kinds or born != facts.born_as:
        raise InconsistentCache(f"{where}: events other than the cache says")
    events = restored_each(Event, items)
    if move_pairs(events) != moves_from_json(facts.moves) \
            or review_times(events) != reviews_from_json(facts.reviews) \
            or file_moves(events) != file_moves_from_json(facts.file_moves) \
            or {event.spec_id for event in events} != ids_from_json(facts.spec_ids):
        raise InconsistentCache(f"{where}: status moves or reviews other than the cache says")
    return events


class CachedEvents(FactualEvents):
    """A spec's events, decoded from the cache's line of them when first read (the line
    is then let go). Equal to the tuple of the same events, and pickled as that tuple."""

    __slots__ = ("_commits", "_events", "_facts", "_key", "_line", "_read", "_recover")

    def __init__(self, line: bytes | memoryview, facts: EventFacts, key: str,
                 commits: set[str], recover: Callable[[str, str], Sequence[Event]]) -> None:
        """`line`: the cache's line (a view of the file read: copied when decoded);
        `key`: the spec's (`Lineage.key`); `commits`: as `decoded_events` takes it,
        shared by a cache's specs; `recover(key, reason)`: the spec's events found again
        when the line is damaged. (What a message names is made only then: a warm run
        makes hundreds of these and decodes a few.)"""
        self._line, self._facts, self._key, self._recover = line, facts, key, recover
        self._commits = commits
        self._events: tuple[Event, ...] | None = None
        self._read: dict[str, Any] | None = None  # the facts read from their JSON, by name

    @property
    def line(self) -> bytes | memoryview | None:
        """The cache's line of these events while they are not decoded (a walk on from the
        cache that left them unchanged writes it back as it was); None once they are."""
        return self._line if self._events is None else None

    @property
    def facts(self) -> EventFacts:
        """The facts the cache keeps beside the line (`line`)."""
        return self._facts

    @property
    def protected(self) -> bool:
        """Whether any event touches protected content, known without decoding."""
        return self._facts.protected if self._events is None \
            else any(event.protected for event in self._events)

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of event there are, known without decoding."""
        return self._facts.kinds if self._events is None \
            else frozenset(event.kind for event in self._events)

    @property
    def moves(self) -> frozenset[MovePair]:
        """The (before, after) of each status move, known without decoding (unless the
        cache's are damaged: the events then are, which finds them so)."""
        return self._fact("moves", moves_from_json, move_pairs)

    @property
    def reviews(self) -> ReviewTimes:
        """What they say of the spec's reviews, known as the moves are (`moves`)."""
        return self._fact("reviews", reviews_from_json, review_times)

    @property
    def file_moves(self) -> tuple[FileMove, ...]:
        """The `moved` events, known as the moves are (`moves`)."""
        return self._fact("file_moves", file_moves_from_json, file_moves)

    @property
    def spec_ids(self) -> frozenset[str]:
        """The spec ids the events name, known as the moves are (`moves`)."""
        return self._fact("spec_ids", ids_from_json,
                          lambda events: frozenset(event.spec_id for event in events))

    def _fact(self, name: str, read: Callable[[Any], _Fact],
              of: Callable[[Sequence[Event]], _Fact]) -> _Fact:
        """The fact `name` of `EventFacts`, `read` from the cache's JSON once (a reader
        asks again and again), or `of` the events once decoded (or when it cannot be
        read: decoding then finds the line damaged, or tells the events)."""
        if self._events is None:
            if self._read is None:
                self._read = {}  # (made when first asked: most specs never are)
            elif name in self._read:
                return self._read[name]  # type: ignore[no-any-return]
            with contextlib.suppress(InconsistentCache):
                found = self._read[name] = read(getattr(self._facts, name))
                return found
        return of(self._decoded())

    @property
    def born_as(self) -> str | None:
        """The status the first event creates the spec in, known without decoding."""
        return self._facts.born_as if self._events is None else born_as(self._events)

    def _decoded(self) -> tuple[Event, ...]:
        if self._events is None:
            try:
                self._events = tuple(decoded_events(bytes(self._line), self._facts,
                                                    spec_named(self._key), self._commits))
            except (ValueError, TypeError) as error:  # InconsistentCache among them
                self._events = tuple(self._recover(self._key,
                                                   " ".join(str(error).split())[:120]))
            self._line = b""
        return self._events

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...

    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        return self._decoded()[index]

    def __len__(self) -> int:
        return len(self._decoded())

    def __iter__(self) -> Iterator[Event]:
        return iter(self._decoded())

    def __reversed__(self) -> Iterator[Event]:
        return reversed(self._decoded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CachedEvents):
            return self._decoded() == other._decoded()
        if isinstance(other, tuple):
            return self._decoded() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())

    def __reduce__(self) -> tuple[type[tuple[Event, ...]], tuple[tuple[Event, ...]]]:
        return tuple, (self._decoded(),)


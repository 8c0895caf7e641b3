"""The times the ages of a spec's questions and of its reviewers' waits count from, in
the commit graph's order (README "Order comes from the commit graph"): an event's author
date, no later than its commit's committer date, than the time HEAD's line takes the
commit as (one made off that line: the line's commit that brought it there, as
`SpecHistory.brought` records it) and than the time measured to. `graph_times` warns
of each time so taken; `report.build` measures from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from specrepo.history.time_bound import Bound
from specrepo.model.ancestry import GIT_BEGAN, LineTimes, clock_floor, out_of_order
from specrepo.model.event import Event
from specrepo.model.events import CREATED, QUESTION_ADDED, QUESTION_RESOLVED, REVIEWER_ADDED
from specrepo.model.history import SpecHistory
from specrepo.model.review_times import spec_review_times
from specrepo.model.spec_record import is_open_state


def event_taken(event: Event, spec: SpecHistory, bound: tuple[int, int],
                line: LineTimes | None) -> tuple[int, int]:
    """When `event` (of `spec`) happened as ages count from it: Unix time and the offset
    from UTC (minutes east) it is shown in; `bound` is the latest time anything can have
    happened at and its offset (`graph_times.latest_start`). The event's author date, or
    an earlier commit's time the graph puts after it (shown in that commit's offset): its
    commit's committer date or the time HEAD's line takes its commit as instead and, for an event
    made off HEAD's line, the line's commit that brought it there (`SpecHistory.brought`,
    or `last_changes`). One off the line neither records (a history built by hand) is
    taken as no later than the line's commit that brought the latest of `last_changes`
    (walked after it): a bound the graph gives, an age maybe shorter, never longer. An
    event of a line commit the line takes as later than its date (a clock behind:
    `LineTimes.taken_as`, which takes its author date when it can) is at that time. A
    date before the line's floor (`model.ancestry.clock_floor`: a bot's clock at 1970) is
    no time: a branch's commit committed so is at its author date (`clock_time`), one
    authored so at its committer date, one dated so both ways at the line's commit that
    brought it (trial41b merge-1970-resolution-taken-1970: the report took 1970 where
    the merge's time and the author date said 2026)."""
    floor = clock_floor(line)
    taken, dated = Bound(*bound), Bound(event.committed, event.author_offset)
    commit: str | None = event.commit  # of HEAD's line
    if not event.mainline:
        taken = taken.taken(*dated) if event.committed >= floor else taken
        brought = next((change for change in (*spec.brought, *spec.last_changes)
                        if change.commit == event.commit),
                       spec.last_changes[-1] if spec.last_changes else None)
        commit = None if brought is None else brought.line
        dated = taken if brought is None else Bound(brought.line_committed, brought.line_offset)
    taken = taken.on_line(line, commit, *dated)
    if (event.mainline and taken.time > event.committed) or event.authored < floor:
        return taken  # the line's commit raised, or a wrong author's clock
    return taken.taken(event.authored, event.author_offset)


def may_be_moved(spec: SpecHistory, bound: int, line: LineTimes | None) -> bool:
    """Whether a question's or a reviewer's time of `spec` may be taken earlier than its
    author date (`event_taken`), known without decoding its events: HEAD's line has a
    commit dated ahead (`line` not None), a reviewer was added after `bound` or before
    git began, or a commit off the line is dated after the line's commit that brought it
    or before git began (`line` None: its floor is `GIT_BEGAN`, `clock_floor`)."""
    return line is not None or any(
        change.committed > change.line_committed or change.committed < GIT_BEGAN
        for change in (*spec.last_changes, *spec.brought)) or any(
        time > bound or time < GIT_BEGAN for time, _ in spec_review_times(spec).added.values())


def raisings(events: Iterable[Event]) -> Callable[[str], Event | None]:
    """The event that first added each question of a spec whose events are `events`
    (oldest first): a function of a question's id giving its first `QUESTION_ADDED` event
    or, for one never added on its own, the spec's creation (None: neither). One pass
    over the events, however many questions are asked after."""
    first: dict[str, Event] = {}
    created: Event | None = None
    for event in events:
        if event.kind == QUESTION_ADDED and event.item is not None:
            first.setdefault(event.item, event)
        elif created is None and event.kind == CREATED:
            created = event
    return lambda question_id: first.get(question_id, created)


def age_events(spec: SpecHistory, *, reviewers: bool) -> Iterator[tuple[Event, str]]:
    """The events ages count from or to, with what each is for the warnings: the raising
    of each question open at HEAD (`raisings`), each resolution of a question and that
    question's raising (the report's days to resolve it) and, with `reviewers` (when
    `may_be_moved`, as `reviewer_added` reads them), each addition of a reviewer HEAD
    names."""
    questions = spec.current.questions if spec.current is not None else ()
    open_ones = [question.id for question in questions if is_open_state(question.state)]
    resolving = QUESTION_RESOLVED in spec.event_kinds  # else its events left unread
    if open_ones or resolving:
        raising = raisings(spec.events)
        for question_id in open_ones:
            if (raised := raising(question_id)) is not None:
                yield raised, f"question {question_id}'s raising"
        for event in spec.events if resolving else ():
            if event.kind == QUESTION_RESOLVED:
                if (raised := raising(event.item or "")) is not None:
                    yield raised, f"question {event.item}'s raising"
                yield event, f"question {event.item}'s resolution"
    named = {name for name, _ in spec.current.reviewers} \
        if spec.current is not None and reviewers else ()
    for event in spec.events if named and REVIEWER_ADDED in spec.event_kinds else ():
        if event.kind == REVIEWER_ADDED and event.after in named:
            yield event, f"reviewer {event.after}'s addition"


def reviewer_added(spec: SpecHistory, name: str, added: tuple[int, int] | None,
                   bound: tuple[int, int], line: LineTimes | None) -> tuple[int, int] | None:
    """When reviewer `name` was last added to `spec` as ages count from it, and its
    offset: the latest `event_taken` of the additions (`added`: the latest author date,
    `ReviewTimes.added`, kept when no time may be taken earlier: `may_be_moved`, the
    spec's events then left unread); None when never added."""
    line = out_of_order(line)
    if added is None or not may_be_moved(spec, bound[0], line):
        return added
    return max((event_taken(event, spec, bound, line) for event in spec.events
                if event.kind == REVIEWER_ADDED and event.after == name), default=added)

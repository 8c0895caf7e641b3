"""Which approvals belong to the round of review a spec is in: those whose commit contains
the round's start on the commit graph (never compared by dates, which branches and clocks
make unreliable: `model.ancestry`), as the report's reviewers section and its
`waiting-reviews` gate count them (README "report", reviewers)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import date
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.ancestry import Ancestry
from specrepo.model.approval import DateRecorders
from specrepo.model.event import Event
from specrepo.model.events import (
    APPROVED,
    DELETED,
    REPLAYS_STATUS,
    REVIEWER_REMOVED,
    STATUS_CHANGED,
    STATUS_TAKEN,
)
from specrepo.model.history import PENDING_COMMIT
from specrepo.model.review_times import is_git_author, is_review_trailer
from specrepo.model.spec_record import person_key, person_name

_DATE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:(?:[Tt]|[ \t]+)(?:[01]?[0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]*)?"
    r"(?:[ \t]*Z|[ \t]*[-+](?:[01]?[0-9]|2[0-3])(?::?[0-5][0-9])?)?)?")
"""A day as `YYYY-MM-DD`, and a time after it as a YAML timestamp has one (YAML 1.1's
`timestamp` type, with two-digit months and days)."""


def approved_day(value: str | None) -> date | None:
    """The day a reviewer's `approved:` value names (`YYYY-MM-DD`, a YAML timestamp's time
    after it ignored); None for no value, or one that is no real day (`2026-02-30`, `yes`,
    `2026-01-02 soon`). validate's `spec-field` check refuses a value that names none
    (`mapped_fields`), so a value that counts as an approval names its day."""
    if not value or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def moves_into(events: Sequence[Event], states: Collection[str],
               boundary: Collection[str] = ()) -> frozenset[int]:
    """The indexes of the `events` (a spec's, oldest first) that moved it into one of
    `states` from a status outside them, its creation in one included (a spec brought
    back moves from the status it was deleted in, as `illegal-transition` has it). At a
    commit of `boundary` (40 hex digits: where a shallow clone's history starts) the
    clone holds no status before: a status change there moves from its `before` (the
    move the clone's comparison shows: `BoundaryMove`), and the spec's first version
    there (`history-starts`) is no creation, so no move (the clone cannot tell how it
    came to hold that status: nu60 finding 5)."""
    status: str | None = None
    entries = set()
    for index, event in enumerate(events):
        if event.kind not in REPLAYS_STATUS or event.kind == DELETED:
            continue
        if event.commit in boundary:
            status = event.before if event.kind == STATUS_CHANGED else event.after
        if event.after in states and status not in states \
                and event.kind != STATUS_TAKEN:  # a merge taking a status moves nothing
            entries.add(index)
        status = event.after
    return frozenset(entries)


def entries_since_left(events: Sequence[Event], states: Collection[str]) -> tuple[int, ...]:
    """The indexes of the `moves_into` `states` since an event last moved the spec to a
    status outside them (a deletion does not: a spec brought back is the one it was),
    oldest first: the moves that began the stay in `states` it is in; empty when it is in
    none (or no event moved it in: a spec with no history). A merge that takes a status in
    `states` back (`status-taken`: a branch that had left them, updated from main) returns
    to the stay the branch's move ended, and its moves."""
    entries = moves_into(events, states)
    stay: tuple[int, ...] = ()
    ended: tuple[int, ...] = ()
    for index, event in enumerate(events):
        if event.kind not in REPLAYS_STATUS or event.kind == DELETED:
            continue
        if index in entries:
            stay = (*stay, index)
        elif event.after not in states:
            ended, stay = stay or ended, ()
        elif event.kind == STATUS_TAKEN and not stay:
            stay = ended
    return stay


@dataclass(frozen=True)
class ReviewerApproval:
    """What a spec's history says of one reviewer's approval (`reviewer_approvals`), as
    the report's reviewers section and its `waiting-reviews` gate judge it, for every
    place that shows it (report, site; README "report", reviewers)."""

    name: str
    """The reviewer, as the spec names them."""
    written: str | None
    """Their `approved:` value as the spec has it (None: none)."""
    counts: bool
    """Whether an approval of theirs counts: for a spec in a review state, one of the
    round of review it is in (`approved_in_round`; False: the spec waits on them); in
    any other state, any they gave (`written`, or a review trailer ever)."""
    earlier_round: bool
    """Whether `written` was written in an earlier round of review than the one the spec
    is in (a date left in the file: it stands for that round, not this one)."""
    recorder: Event | None
    """The event whose commit last wrote `written` (the spec's first, for a value it was
    born with); None without a value or a history."""
    trailer: Event | None
    """Their latest review trailer (`is_review_trailer`) that counts, if any."""
    refused: bool = False
    """Whether `written`, recorded by another (`recorded_by`), does not count because
    `approval: dates_recorded_by: reviewer` counts only the reviewer's own."""

    @property
    def recorded_by(self) -> str | None:
        """Who recorded `written` when it was not the reviewer: the git author (through
        .mailmap) of `recorder`'s commit, matched by name (`person_key`, the `<email>`
        left out as history keeps reviewers, so the report and the site, which reads the
        file's, agree; as `names_author` matches a date); None when the reviewer did, or
        nothing says."""
        if self.recorder is None or is_git_author(person_name(self.name), "", self.recorder):
            return None
        return self.recorder.author


def reviewer_approvals(events: Sequence[Event], reviewers: Sequence[tuple[str, str | None]],
                       status: str, review_states: Collection[str],
                       ancestry: Ancestry | None,
                       recorders: DateRecorders = "anyone") -> tuple[ReviewerApproval, ...]:
    """Each of `reviewers` (name and `approved:` value, as the spec has them) of a spec
    with `events` (oldest first) in `status`, and whether their approval counts: in one
    of `review_states` (`statuses.in_review`), as `approved_in_round` judges it, the
    `waiting-reviews` gate's one definition; elsewhere any approval ever counts. With
    `recorders` `reviewer` (`approval: dates_recorded_by:`), a date another recorded
    counts nowhere."""
    in_round = _round(events, status, ancestry) if status in review_states else None
    written = _written(events)
    trailers = {person_key(event.after or ""): index for index, event in enumerate(events)
                if is_review_trailer(event) and (in_round is None or in_round(index))}
    approvals = []
    for name, value in reviewers:
        index = written.get((person_key(name), value), 0) if value else None
        recorder = events[index] if index is not None and events else None
        earlier = index is not None and in_round is not None and not in_round(index)
        trailer = trailers.get(person_key(name))
        approval = ReviewerApproval(name, value, False, earlier, recorder,
                                    None if trailer is None else events[trailer])
        refused = recorders == "reviewer" and approval.recorded_by is not None
        approvals.append(replace(
            approval, counts=(bool(value) and not earlier and not refused)
            or trailer is not None, refused=refused))
    return tuple(approvals)


def approved_in_round(events: Sequence[Event], reviewers: Sequence[tuple[str, str | None]],
                      status: str, ancestry: Ancestry | None) -> frozenset[str] | None:
    """The people (`person_key`) whose approval belongs to the round of review a spec
    (its `events`, oldest first) is in at HEAD, in `status`, naming `reviewers` (name and
    `approved:` value, as HEAD has them). The round began with the moves into `status`
    since it last left it (`entries_since_left`). An approval belongs to it when its
    commit contains one of them (`_contains`): a `Reviewed-by:` / `Approved-by:` trailer
    (`is_review_trailer`), or a reviewer's `approved:` value as HEAD has it, whose commit is
    the last that wrote it (the spec's first, for a value it was born with: so a date left
    from an earlier round belongs to that round), whatever day it names: commit dates and
    the days people write are no order (a committer's clock ahead dates the move after the
    approval that followed it), the graph is. None when no event began the round (a spec
    with no history): every approval counts."""
    if _round(events, status, ancestry) is None:
        return None
    return frozenset(person_key(approval.name) for approval
                     in reviewer_approvals(events, reviewers, status, (status,), ancestry)
                     if approval.counts)


def _round(events: Sequence[Event], status: str,
           ancestry: Ancestry | None) -> Callable[[int], bool] | None:
    """Whether the event at an index belongs to the round of review that began with the
    moves into `status` since the spec last left it (its commit contains one of them);
    None when no event began it."""
    entries = entries_since_left(events, (status,))
    if not entries:
        return None

    def in_round(index: int) -> bool:
        return any(_contains(events, index, entry, ancestry) for entry in entries)
    return in_round


def _written(events: Sequence[Event]) -> dict[tuple[str, str | None], int]:
    """(reviewer as `person_key` names them, so as the reviewers table counts them;
    `approved:` value) -> the index of the event that wrote that value for that person,
    of the last that did (`date_origins`)."""
    return {(person_key(events[index].item or ""), events[index].after): origin
            for index, origin in date_origins(events).items()}


def date_origins(events: Sequence[Event]) -> dict[int, int]:
    """The index of each reviewer's `approved` date event (`approved` on `reviewers`) ->
    the index of the event that wrote its value: itself, unless its commit only re-spells
    the reviewer's name (another case or spacing, one person as `person_key` knows them:
    the new spelling's event has no value before it, and the commit removes a spelling of
    the same person that had that value). Such a commit writes nothing: the value stays
    of the event that wrote it, so a date from an earlier round stays of that round
    however the name is spelt later (trial36b), and approves no change the first did not
    (changed-after-approval)."""
    spelt: dict[str, int] = {}  # a spelling (`item`) -> the index its value came from
    removed: dict[str, list[str]] = {}  # of the current commit: person_key -> spellings
    origins: dict[int, int] = {}
    commit = None
    for index, event in enumerate(events):
        if event.commit != commit:
            commit, removed = event.commit, {}
        if event.kind == REVIEWER_REMOVED and event.field == "reviewers" and event.before:
            removed.setdefault(person_key(event.before), []).append(event.before)
        if event.kind != APPROVED or event.field != "reviewers":
            continue
        key, origin = person_key(event.item or ""), index
        if event.before is None:
            origin = next((spelt[old] for old in removed.get(key, ()) if old in spelt
                           and events[spelt[old]].after == event.after), index)
        spelt[event.item or ""] = origins[index] = origin
    return origins


def _contains(events: Sequence[Event], index: int, entry: int,
              ancestry: Ancestry | None) -> bool:
    """Whether the commit of the event at `index` contains that of the event at `entry`:
    the same commit (or the one being made, which contains all HEAD does), a later one on
    HEAD's first-parent line (whose order is the events' order there), else as the graph
    answers (without `ancestry`, never)."""
    approval, start = events[index], events[entry]
    if approval.commit in (start.commit, PENDING_COMMIT):
        return True
    if approval.mainline and start.mainline:
        return index > entry
    return ancestry is not None and ancestry.is_ancestor(start.commit, approval.commit)

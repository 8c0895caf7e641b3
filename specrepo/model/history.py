"""The mined history of specs: each spec's life and the whole repository's result (its
events: `model.event`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import Final, Protocol

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.ancestry import Adoption, Ancestry, LastChange, LineTimes
from specrepo.model.event import (
    Event,
    FactualEvents,
    FileMove,
    StatusPeriod,
    birth_event,
    born_as,
    file_moves,
)
from specrepo.model.events import DELETED, HISTORY_STARTS, MERGE_RESOLVED, STATUS_CHANGED
from specrepo.model.history_warning import HistoryWarning
from specrepo.model.version import FieldProblem, Version, said_at

PENDING_COMMIT: Final = "(the commit being made)"
"""The commit of the events of a commit not made yet (`history.pending_changes`)."""


_GIVES_LATER_STATUS: Final = frozenset({STATUS_CHANGED, MERGE_RESOLVED, DELETED})
"""The kinds of event a spec created with no status needs to have had one since (a
deletion: brought back with one)."""


RenamedSince = Mapping[tuple[str, ...], tuple[tuple[str, str], ...]]
"""A workflow's states (a version of the configuration's) -> those of them today's
workflow calls otherwise, each with today's name (`History.renamed_since`)."""


@dataclass(frozen=True)
class SpecHistory:
    """One spec's life: its events, oldest first, and the statuses it went through.

    A spec is a lineage of files: it follows its file back through moves, copies,
    renumbering and renamed folders (see the README's history section).
    """

    key: str
    """What tells this spec from every other: `<commit>:<path>` where its life began."""
    spec_id: str
    """Its id: HEAD's for a spec at HEAD, else the last one it had."""
    events: Sequence[Event]
    """Oldest first: a tuple, or the history cache's sequence, decoded when first read
    (equal to the tuple of the same events)."""
    statuses: tuple[StatusPeriod, ...]
    paths: tuple[str, ...]
    """Every path the spec has had, in the order it had them."""
    current: Version | None
    """The version HEAD holds, unreadable fields filled with their last readable value;
    None if the spec is not at HEAD (deleted, or never on HEAD's line)."""
    current_path: str | None
    """Its file at HEAD, relative to the repository's top folder."""
    last_touched: int
    """The commit time of the last commit that changed the spec's content (an event
    `model.events.changes_content` counts: no mode change, exact rename nor reformat)."""
    inherited: int = 0
    """How many of the first events happened to the spec this one was copied from."""
    changed_since_approval: frozenset[str] | None = None
    """For a spec HEAD holds in an approved state with protected changes no approval
    covers: the protected content (`Event.field_label`s) in which HEAD's version differs
    from the version at its latest approval, the net change (a change undone, a revert,
    is none); None when not compared."""
    last_touched_offset: int = 0
    """The offset from UTC (minutes east) of the author of the commit of `last_touched`:
    its day is shown in it."""
    approved_then: frozenset[str] = frozenset()
    """HEAD's status when only the configuration of the commit that last moved the spec
    into it counts it approved (`approval_of`; `history.approved_changes` sets it)."""
    last_changes: tuple[LastChange, ...] = ()
    """The commits that may be its last content change once times are taken in the
    graph's order (`graph_times`: the latest as HEAD's line takes them), in the walk's
    order (`history.lineage_state.Lineage.touch`); empty when unknown (built by hand)."""
    brought: tuple[LastChange, ...] = ()
    """The commits off HEAD's line that recorded an event ages count from
    (`model.events.AGE_EVENTS`: a question raised or resolved, a reviewer added, the spec
    created), each with the line's commit that brought it there (`LastChange.line`), in
    the walk's order; empty when unknown (built by hand)."""
    starts_at_boundary: bool = False
    """Whether its first event is its version where a shallow clone's history starts
    (`History.begins_at_boundary`), not its creation: what happened to it before (an
    approval, a change) the clone does not hold (`history.boundary_moves` sets it;
    `model.boundary_approval.unseen_own_moves` reads it)."""
    authors_since_start: tuple[str, ...] = ()
    """For a spec whose history `starts_at_boundary` moved into an approved state after
    that commit: the `authors` each of its versions named from there through its last
    such move, as written (`history.boundary_authors` reads them): who an own move's
    mover may be besides HEAD's authors (`model.boundary_approval.own_mover`); empty
    otherwise."""

    @property
    def protected_changes(self) -> bool:
        """Whether any of its events touches protected content (for the history cache's
        events, known without decoding them)."""
        if isinstance(self.events, FactualEvents):
            return self.events.protected
        return any(event.protected for event in self.events)

    @cached_property
    def event_kinds(self) -> frozenset[str]:
        """The kinds of its events (for the history cache's events, known without decoding
        them): a reader of some kinds passes over a spec that has none. Kept once asked
        (a cold report asks each spec eight times)."""
        if isinstance(self.events, FactualEvents):
            return self.events.kinds
        return frozenset(event.kind for event in self.events)

    @property
    def birth(self) -> tuple[str, str] | None:
        """The commit the spec was born in and the status it was born in, its first
        readable one (`birth_event`; known without decoding the history cache's events
        for a spec created with a status); None for a copy (it continues the spec it was
        copied from) or a spec that never had a status."""
        if self.inherited:
            return None
        status = self.events.born_as if isinstance(self.events, FactualEvents) \
            else born_as(self.events)
        if status is not None:
            return self.key.partition(":")[0], status
        if not self.event_kinds & _GIVES_LATER_STATUS:
            return None  # the usual case for a spec created with no status: none since
        event = birth_event(self.events)
        return None if event is None or event.after is None else (event.commit, event.after)

    @property
    def ids(self) -> frozenset[str]:
        """Every id the spec has had (known without decoding the history cache's events)."""
        if isinstance(self.events, FactualEvents):
            return frozenset({self.spec_id, *self.events.spec_ids})
        return frozenset({self.spec_id, *(event.spec_id for event in self.events)})

    @property
    def file_moves(self) -> tuple[FileMove, ...]:
        """Its `moved` events, in order (known without decoding the history cache's
        events): the spec set's readers ask where each put its file (`move_lives`)."""
        if isinstance(self.events, FactualEvents):
            return self.events.file_moves
        return file_moves(self.events)


@dataclass(frozen=True, order=True)
class SkippedVersion:
    """A committed version of a spec file with fields that could not be read: the fields
    were skipped (each kept its last readable value)."""

    path: str
    """The file, relative to the repository's top folder."""
    commit: str
    """The commit that wrote this version there."""
    problems: tuple[FieldProblem, ...] = field(compare=False)
    """Why it could not be read, and where (`Version.problems`: at least one)."""
    spec: str | None = None
    """The key of the spec whose file it was (`SpecHistory.key`); None: no spec then."""

    @property
    def why(self) -> str:
        """Why it could not be read at its first reason's place (`problems[0].where`), and
        each further reason at its own."""
        return FieldProblem.joined(self.problems, self.path, self.commit).why

    @property
    def said(self) -> str:
        """Why, each reason led by its place at the commit, as every message on a version of
        a commit names it (`specs/a.yaml:6:3 (commit 1a2b3c4d5e): why`)."""
        return said_at(self.problems, self.path, self.commit)


class MovedFile(Protocol):
    """What `Departures.moved_unread` reads of a move: a `moved` event, or its
    `FileMove`."""

    @property
    def commit(self) -> str:
        """The move's commit."""

    @property
    def after(self) -> str | None:
        """The file it moved to."""


class Departures(Protocol):
    """The changes of the spec set that changes of the configuration made, no spec file
    changing: the specs taken out (`specs:` narrowed, `exclude:` widened), and the files
    brought in (a folder added to `specs:`, an `exclude:` removed). The walk follows every
    location any configuration named, so it sees neither."""

    def events(self) -> tuple[Event, ...]:
        """A `deleted` event for each spec taken out (`before`: its status then), a
        `created` one for each file brought in (`after`: its status then), oldest first."""

    def removals(self, deleted: Sequence[Event]) -> tuple[Event | None, ...]:
        """For each `deleted` event of the walk (which reads the whole history with
        today's `exclude:`), where its spec left the spec set as each commit's own
        configuration reads it: the event itself, the `deleted` event of the later commit
        that took it out, or None when HEAD's configuration still reads it."""

    def changed_locations(self) -> tuple[str, ...]:
        """HEAD's first-parent commits that changed the spec locations (none: no move left)."""

    def moved_unread(self, moves: Sequence[MovedFile]) -> tuple[bool, ...]:
        """Whether each `moved` event's own commit's configuration reads no spec at `after`."""

    def moved_out(self, moves: Sequence[Event]) -> tuple[Event | None, ...]:
        """For each `moved` event of the walk (a spec's last), the `deleted` event
        (`before` None) of the first commit from it on whose own configuration reads no
        spec where it moved the file (`after`); None: none, HEAD's included."""


@dataclass(frozen=True)
class History:
    """Everything mined from a repository's history."""

    head: str | None
    head_time: int | None
    """HEAD's commit time (Unix time), the time ages are measured to: its committer date,
    or, dated before git began (a wrong clock), the time its line takes it as
    (`LineTimes.taken_as`); None without a commit."""
    specs: tuple[SpecHistory, ...]
    """Every spec in history, sorted by id and path."""
    work_tree: Path
    """The repository's top folder; history paths are relative to it."""
    skipped_versions: int = 0
    """Historical versions with fields that could not be read (each field was judged alone,
    and the unreadable ones kept their last readable value)."""
    skipped: tuple[SkippedVersion, ...] = ()
    """Those versions, sorted by file and commit."""
    shallow: bool = False
    shallow_boundary: frozenset[str] = frozenset()
    """A shallow clone's boundary commits, whose parents it does not hold
    (`gitio.repository.shallow_boundary`): its history starts there."""
    boundary_parents: Mapping[str, tuple[str, ...]] = field(default_factory=dict,
                                                            compare=False, repr=False)
    """Each of `shallow_boundary` with the parents its object names, which the clone does
    not hold but may hold beside it (`gitio.repository.shallow_boundary`, read once a run:
    `history.boundary_moves` compares with them)."""
    compared_boundary: frozenset[str] = frozenset()
    """The boundary commits whose specs' statuses were compared with a commit the clone
    holds (`history.boundary_moves`): the moves that led there were checked, as one."""
    warnings: tuple[HistoryWarning, ...] = field(default=())
    """Each with the specs it concerns (`history_warning.said` words them)."""
    head_offset: int = 0
    """The offset from UTC (minutes east) of HEAD's author date: the day of `head_time`
    is shown in it."""
    head_files: Mapping[str, str] = field(default_factory=dict)
    """The spec paths HEAD's tree holds (readable specs or not), each with its blob's
    object id."""
    head_problems: dict[str, tuple[FieldProblem, ...]] = field(default_factory=dict)
    """Spec path -> why HEAD's version of it cannot be read, and where (`Version.problems`)."""
    git_dir: Path | None = None
    """The repository's (common) git folder, where specrepo keeps its caches."""
    work_tree_git_dir: Path | None = None
    """The work tree's own git folder (a linked worktree's), where specrepo keeps its
    caches of what is in the work tree; None when unknown."""
    renamed_states: tuple[tuple[str, str], ...] = ()
    """Old status names that HEAD's history renamed (a configuration's `statuses:`), each
    with today's name of the state it became: the versions that still use one read as
    that state, and so does a spec file of the work tree, for its move from HEAD's."""
    wider_protection: bool = True
    """Whether some commit of the history may have held a configuration file (at today's
    path) that protected what today's does not, which an approval given there covers
    (`history.approval_protection`); False only when mining read every version of it and
    none did (True: unknown, as in a history built by hand)."""
    approved_once: frozenset[str] | None = None
    """The states some version of the configuration file in a commit of the history (at
    today's path, or one it was moved from) counted as approved (`statuses: approved:`),
    each by today's name of it (a state renamed since: the name its versions read as),
    which a move into one there approved (`SpecHistory.approved_then`); None: unknown (a
    history built by hand)."""
    renamed_since: RenamedSince = field(default_factory=dict)
    """The workflow's states of each version of the configuration mining read -> those
    of its states today's workflow calls otherwise, each with today's name (followed
    along the versions after it, `history.rename_line.renamed_later`): a state a spec
    entered under that version is today's state of that name. A workflow not there:
    unknown (its states set beside today's alone, `model.state_renames.renamed_states`)."""
    merged_renames: Mapping[str, tuple[tuple[str, str], ...] | None] = field(
        default_factory=dict)
    """Each commit a merge being concluded merges (MERGE_HEAD) -> the states of its
    workflow today's calls otherwise, each with today's name (as the merge once made
    will read them: `history.made_record`; None: unknown)."""
    ancestry: Ancestry | None = field(default=None, compare=False, repr=False)
    """Which of its commits contains which (None: unknown, as in a history built by hand)."""
    line_times: LineTimes | None = field(default=None, compare=False, repr=False)
    """The times HEAD's line takes its commits dated ahead as (None: their own dates)."""
    elsewhere: frozenset[str] = frozenset()
    """The spec paths (from the top) inside a submodule or a nested repository: their
    history is that repository's, not this one's."""
    adoption: Adoption | None = field(default=None, compare=False, repr=False)
    """Which commits came after specrepo was adopted, for the check of the status new specs
    start in (None: unknown, as in a history built by hand: no check)."""
    departures: Departures | None = field(default=None, compare=False, repr=False)
    """The specs a configuration change took out of the spec set (None: unknown, none)."""
    staged_away: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """HEAD's spec files (paths from the top) whose removal the index stages while the work
    tree still holds them, untracked (`git rm --cached`; `history.staged_away`), and in a
    hook's run the spec files the index never held or holds with the intent-to-add flag
    (`history.staged_away.untracked`): no files of the commit being made, which `validate
    --history` judges (never cached: the run's)."""
    intended: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """Those of `staged_away` the index holds with the intent-to-add flag (`git add -N`),
    which `git commit` does not commit (the notes name them so)."""

    def in_work_tree(self, path: str) -> bool:
        """Whether the commit being made holds a file at `path` (from the top) as the work
        tree has it: the work tree has one there (or a link), and not one whose removal
        the index stages (`staged_away`)."""
        return path not in self.staged_away and inputs.reader.lexists(self.work_tree / path)

    def begins_at_boundary(self, event: Event) -> bool:
        """Whether `event` is a spec's first appearance at the shallow boundary, where every
        file the clone's oldest commits hold appears at once: its state there, not its
        creation (which happened before, out of the clone's reach)."""
        return event.kind == "created" and event.commit in self.shallow_boundary

    def shown_kind(self, event: Event) -> str:
        """The kind `event` is shown as: `history-starts` (`HISTORY_STARTS`) for a spec's
        first appearance at the shallow boundary (`begins_at_boundary`), else its own."""
        return HISTORY_STARTS if self.begins_at_boundary(event) else event.kind

    def seen_at_boundary(self, spec: SpecHistory) -> list[Event]:
        """The events by which `spec` appears at the shallow boundary (it was there before
        the clone's history starts), the first at each boundary commit, in its events'
        order: a clone of a merge starts at each of its parents (`git clone --depth 2`),
        and a spec there at two of them starts twice. Empty for a complete history."""
        if not self.shallow_boundary:
            return []
        return list({event.commit: event for event in reversed(spec.events)
                     if self.begins_at_boundary(event)}.values())[::-1]

    def at_head(self) -> list[SpecHistory]:
        """The specs HEAD holds."""
        return [spec for spec in self.specs if spec.current is not None]

    def named(self, spec_id: str) -> list[SpecHistory]:
        """The specs with this id: those at HEAD if any, else those that ever had it."""
        found = [spec for spec in self.specs if spec.spec_id == spec_id]
        at_head = [spec for spec in found if spec.current is not None]
        if at_head:
            return at_head
        return found or [spec for spec in self.specs if spec_id in spec.ids]

    def at_path(self, path: str) -> SpecHistory | None:
        """The spec whose file at HEAD is `path` (relative to the top folder)."""
        return next((spec for spec in self.specs if spec.current_path == path), None)

    def spec(self, spec_id: str) -> SpecHistory:
        """The one spec with this id; raises KeyError when there is none or several."""
        found = self.named(spec_id)
        if len(found) != 1:
            raise KeyError(f"{len(found)} specs named {spec_id}")
        return found[0]


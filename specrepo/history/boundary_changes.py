"""What a shallow clone's boundary commit shows against the commit the clone holds that it
follows (`history.boundary_moves`): its status moves, its changes of content, so a change of
approved content (`changed-after-approval`) is judged against the line's version as one
change, and the approved specs whose approved content the clone cannot know (their warning:
`history.unknown_approvals`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

from specrepo.compare.content_events import content_events, content_settings
from specrepo.history.side_reader import SpecSide
from specrepo.history.spec_pairs import ChangedSpecs, SpecPair, changed_specs
from specrepo.model.boundary_change import BoundaryChange
from specrepo.model.config import Config
from specrepo.model.diff import ContentEvent
from specrepo.model.event import Event
from specrepo.model.events import CONTENT_EVENTS, DELETED, REPLAYS_STATUS, STATUS_CHANGED
from specrepo.model.history import History, SpecHistory

Place = tuple[str, str]
"""A boundary commit and a spec's path there."""


class Compared:
    """The comparisons of a shallow clone's boundary commits (`compare`), gathered: the
    status moves (`moves`: place -> the status of the commit it follows and that commit),
    the changes of content (`changes`: place -> that commit and the content events), the
    places whose approved content is not known (`unknown`) and the boundary commits
    compared (`boundaries`)."""

    def __init__(self, config: Config, history: History) -> None:
        self._config, self._history = config, history
        self.moves: dict[Place, tuple[str, str]] = {}
        self.changes: dict[Place, tuple[str, tuple[ContentEvent, ...]]] = {}
        self.unknown: set[Place] = set()
        self.boundaries: frozenset[str] = frozenset()
        self.moved: dict[Place, tuple[str, str, str | None]] = {}
        """Place -> the commit compared with, the spec's path there (another: moved, or
        renamed, as `spec_pairs` pairs them: id, then git's rename detection) and its
        status there."""
        self.sources: dict[Place, SpecHistory] = {}
        """Place -> the lineage whose life up to the commit compared with `joined` put
        before the spec's appearance there (`model.joined_life` joins their lives)."""
        self.merges: dict[str, str] = {}
        """Boundary commit -> the merge that merges it (compared with its first parent)."""
        self.carried: dict[str, tuple[str, list[Event]]] = {}
        """Lineage key -> a merge and the status moves compared at a branch's boundary
        commit that the line's lineage takes before it (`_taken_by_line`, `carry`)."""
        self.consumed: set[str] = set()
        """The keys of the lineages `joined` took whole into another: their life on HEAD's
        line ends at the merge that takes the branch's move (no deletion), as one spec."""
        self.compared_with: dict[str, str] = {}
        """Boundary commit -> the commit `compare` compared it with."""
        self.based: dict[Place, tuple[str, SpecSide]] = {}
        """Place -> the `--since` commit compared with, outside HEAD's history in the
        clone (its versions are no events), and the spec there, which it holds approved
        while its protected content differs at the boundary: the approved content is
        that commit's (`boundary_moves.based_on` begins the spec's life there)."""
        self.parents: Mapping[str, tuple[str, ...]] = {}
        """Boundary commit -> the parents its object names (`gitio.stored_parents`), which
        the clone does not hold but may hold beside (the base of a pull request fetched
        one deep, the commit it follows)."""

    def compare(self, earlier: str, boundary: str, merge: str | None) -> None:
        """Compare `boundary` with `earlier`, the commit it follows: the first parent of
        `merge`, the merge that merges it (only what the merge takes from the branch
        reached that line: what it leaves may be the line's own change since the branch
        forked, which the clone cannot tell), or the checked range's base (`merge` None).
        Raises `HistoryError` when git cannot read the commits."""
        self.boundaries |= {boundary}
        self.compared_with.setdefault(boundary, earlier)
        if merge is not None:
            self.merges[boundary] = merge
        landed = None if merge is None else changed_specs(self._config, f"{earlier}..{merge}")
        branch = changed_specs(self._config, f"{earlier}..{boundary}")
        through = None if landed is None or not _unpaired(branch) else changed_specs(
            self._config, f"{boundary}..{merge}")
        if landed is not None and through is not None:
            branch = _through_merge(branch, landed, through)
        statuses = None if landed is None else {
            old_path: moved for (_, old_path), moved in _statuses(landed.pairs).items()}
        for (path, old_path), (before, after) in _statuses(branch.pairs).items():
            if before != after and (statuses is None
                                    or statuses.get(old_path, (None, None))[1] == after):
                self.moves.setdefault((boundary, path), (before, earlier))
        self.moved.update(((boundary, pair.new.path), (
            earlier, pair.old.path, pair.old.version.status)) for pair in branch.pairs
            if pair.old is not None and pair.new is not None
            and pair.old.path != pair.new.path)
        content = _content(self._config, branch.pairs)
        left = {} if merge is None or not content else {  # what the merge settles otherwise
            path: {_label(event) for event in events} for path, events in _content(
                self._config, (through or changed_specs(
                    self._config, f"{boundary}..{merge}")).pairs, new_side=False).items()}
        for path, events in content.items():
            taken = tuple(event for event in events if _label(event) not in left.get(path, ()))
            if taken:
                self.changes.setdefault((boundary, path), (earlier, taken))
        approved = self._config.workflow.approved
        if merge is None and not self._holds(earlier):  # its versions are no events
            changed = {path for (commit, path), (_, events) in self.changes.items()
                       if commit == boundary and any(event.protected for event in events)}
            self.based.update(((boundary, pair.new.path), (earlier, pair.old))
                              for pair in branch.pairs if pair.old is not None
                              and pair.new is not None and pair.new.path in changed
                              and pair.old.version.status in approved
                              and pair.new.version.status in approved)
        self.unknown.update((boundary, path) for path in _unknown(
            branch, approved, _kept(branch, landed)))

    def shows(self, boundary: str, path: str) -> bool:
        """Whether the comparison of `boundary` (a commit it compared) shows the spec at
        `path` there changed by that commit itself: compared with its first parent
        (`parents`), its status moved, its content changed, or its file moved."""
        return self._shown(boundary, path) and self._with_parent(boundary)

    def guessed(self, boundary: str, path: str) -> bool:
        """Whether the comparison of `boundary` shows the spec at `path` there changed, but
        compared with a commit other than its parent: changed by that commit or by one
        before it that the clone does not hold, which the clone cannot tell (a pull
        request's tip merged two deep after its base moved on, or after other commits of
        the branch)."""
        return self._shown(boundary, path) and not self._with_parent(boundary)

    def _shown(self, boundary: str, path: str) -> bool:
        """Whether the comparison of `boundary` shows the spec at `path` there changed."""
        place = (boundary, path)
        return boundary in self.boundaries and (
            place in self.moves or place in self.changes or place in self.moved)

    def _with_parent(self, boundary: str) -> bool:
        """Whether `boundary` was compared with its first parent."""
        return self.parents.get(boundary, ())[:1] == (self.compared_with.get(boundary),)

    def pair(self, earlier: str, boundary: str, merge: str) -> None:
        """Pair the specs of `boundary`, a boundary commit on the line of a branch `merge`
        merges but not its parent (`boundary_moves.branch_boundaries`), with those of
        `earlier`, the merge's first parent, to follow a spec the branch moved before it
        (`moved`, read by `joined`); no move nor change is judged there (the branch's
        commits after it are in the clone, and what reached the line is theirs to show),
        so it is not among the `boundaries` compared. Raises `HistoryError` when git cannot
        read the commits."""
        self.merges[boundary] = merge
        self.moved.update(((boundary, new.path), (earlier, old.path, old.version.status))
                          for old, new in ((pair.old, pair.new) for pair in changed_specs(
                              self._config, f"{earlier}..{boundary}").pairs)
                          if old is not None and new is not None and old.path != new.path)

    def _holds(self, commit: str) -> bool:
        """Whether HEAD's history holds `commit` (its versions are the specs' events)."""
        ancestry, head = self._history.ancestry, self._history.head
        return ancestry is not None and head is not None and ancestry.is_ancestor(commit, head)

    def joined(self, events: Sequence[Event], boundary: Event,
               specs: Sequence[SpecHistory]) -> tuple[Event, ...]:
        """A spec's `events` with, just before `boundary` (its appearance at a boundary
        commit), the life up to the commit that commit is compared with of the lineage at
        another path there (`moved`; `_source`) when its lineage does not hold that commit:
        the walk, which cannot see the two are one spec (their common past, or the branch's
        move, is beyond the clone), began another lineage there (`specs`), while the
        comparison pairs them. Its status and approval there then count as they do for a
        spec not moved (the lineage is kept in `sources`: `model.joined_life` makes the
        spec's paths and status periods agree with these events); a lineage whose life
        ends at the merge that takes the move, taken whole, is `consumed`: one spec, as a
        full clone shows it; so is the spec's own when its life ends at the merge that
        keeps the line's path over the branch's (the line renumbered or moved it while the
        branch was open: trial39), the line's lineage going on. When no lineage shows it
        there and it was in an `approved` state, the place is `unknown` (its approval
        cannot be judged)."""
        found = self.moved.get((boundary.commit, boundary.path))
        if found is None or any(event.commit == found[0] for event in events):
            return tuple(events)
        earlier, path, status = found
        source = self._source(earlier, path, boundary, specs)
        if source is None:
            if status in self._config.workflow.approved:
                self.unknown.add((boundary.commit, boundary.path))
            return tuple(events)
        spec, past = source
        self.sources[(boundary.commit, boundary.path)] = spec
        merge = self.merges.get(boundary.commit)
        if spec.current is None and len(past) < len(spec.events) and all(
                event.commit == merge for event in spec.events[len(past):]):
            self.consumed.add(spec.key)
        elif _ends_at(events, boundary, merge) and not _ends_at(spec.events, past[-1], merge):
            self._taken_by_line(events, boundary, spec)
        at = list(events).index(boundary)
        return (*events[:at], *past[:-1], replace(past[-1], spec_id=boundary.spec_id),
                *events[at:])

    def _taken_by_line(self, events: Sequence[Event], boundary: Event,
                       line: SpecHistory) -> None:
        """The branch's lineage whose `events` end at the merge that keeps the line's path
        (`line`) is `consumed`: one spec. What the branch did to it as compared at
        `boundary` (its status move, the approvals and changes of content of that commit,
        at the path it had there, where the approved version is read) is `carried` to the
        line's lineage, in which the walk saw it only as the merge's own change, if at all;
        `carry` drops the merge's events the tip explains, as a full clone's walk gives a
        merge no event for what a parent holds (trial40: an edit of approved content went
        unseen when the merge took the branch's file as it was, and was judged as the
        merge's, its approval by the branch's trailer not seen, when not)."""
        merge = self.merges.get(boundary.commit)
        if merge is None:
            return
        self.consumed.add(f"{boundary.commit}:{boundary.path}")
        at = list(events).index(boundary)
        self.carried.setdefault(line.key, (merge, []))[1].extend(
            replace(event, spec_id=line.spec_id)
            for event in events[at + 1:] if event.commit == boundary.commit)

    def carry(self, spec: SpecHistory) -> SpecHistory:
        """`spec` with the events `carried` to it before its first event of the merge that
        took them (at its end if none), less the merge's status moves and changes of
        content one of them makes (same kind, field, item and status: the branch's tip
        holds them, so the merge made none)."""
        if spec.key not in self.carried:
            return spec
        merge, carried = self.carried[spec.key]
        made = {_made(event) for event in carried} - {None}
        kept = [event for event in spec.events if event.commit != merge
                or _made(event) not in made]
        at = next((index for index, event in enumerate(kept) if event.commit == merge),
                  len(kept))
        return replace(spec, events=(*kept[:at], *carried, *kept[at:]))

    def _source(self, earlier: str, path: str, boundary: Event,
                specs: Sequence[SpecHistory]) -> tuple[SpecHistory, tuple[Event, ...]] | None:
        """The lineage (of `specs`, not the one `boundary` begins) at `path` in the commit
        `earlier`, with its events up to that commit (those of it or of its ancestors,
        oldest first: its life on that line; the last at `path`, not its deletion); None
        when no lineage is there."""
        ancestry = self._history.ancestry
        for spec in specs:
            if spec.key == f"{boundary.commit}:{boundary.path}" or path not in spec.paths:
                continue
            past = tuple(event for event in spec.events if event.commit == earlier or (
                ancestry is not None and ancestry.is_ancestor(event.commit, earlier)))
            if past and past[-1].path == path and past[-1].kind != DELETED:
                return spec, past
        return None

    def changed(self, events: Sequence[Event], boundary: Event) -> tuple[Event, ...]:
        """A spec's `events` with, after those of the commit of `boundary` (its appearance
        at a boundary commit, and the move there), a `BoundaryChange` for each change of
        content `changes` holds there (none if it has content events of that commit
        already: made once, whichever run asks)."""
        found = self.changes.get((boundary.commit, boundary.path))
        if found is None or any(event.commit == boundary.commit
                                and event.kind in CONTENT_EVENTS for event in events):
            return tuple(events)
        seen_from, changes = found
        at = max(index for index, event in enumerate(events)
                 if event.commit == boundary.commit) + 1
        made = tuple(BoundaryChange(**{
            **vars(boundary), "kind": change.kind, "field": change.field, "before": None,
            "after": None, "item": change.item, "protected": change.protected,
            "after_unreadable": False}, seen_from=seen_from) for change in changes)
        return (*events[:at], *made, *events[at:])


def _ends_at(events: Sequence[Event], start: Event, merge: str | None) -> bool:
    """Whether a lineage's `events` after `start` (but those of its commit: the move
    compared there) are all of `merge` and end with it leaving there (deleted, or settled
    to no status: `merge_settling`): its file the merge did not keep (the line's path
    taken instead)."""
    after = [event for event in events[list(events).index(start) + 1:]
             if event.commit != start.commit]
    return merge is not None and bool(after) and (after[-1].kind == DELETED or (
        after[-1].kind in REPLAYS_STATUS and after[-1].after is None)) and all(
        event.commit == merge for event in after)


def _unpaired(changed: ChangedSpecs) -> bool:
    """Whether `changed` holds a spec on its earlier side only and one on its later side
    only."""
    return any(pair.new is None for pair in changed.pairs) and any(
        pair.old is None for pair in changed.pairs)


def _through_merge(branch: ChangedSpecs, landed: ChangedSpecs, through: ChangedSpecs
                   ) -> ChangedSpecs:
    """`branch` (the line's commit against a branch's tip that a merge merges) with a spec
    of its later side only and one of its earlier side only paired where the merge holds
    one spec that each is by the walk's rules: the tip's file paired with the merge's in
    `through` (tip..merge), the line's in `landed` (line..merge) or left as it was (a
    spec changed on both sides since they forked, renumbered on one and retitled on the
    other, is one spec to each parent of the merge, not across the two: trial40)."""
    removed = {pair.old.path: pair.old for pair in branch.pairs
               if pair.old is not None and pair.new is None}
    onto = {pair.old.path: pair.new.path for pair in through.pairs
            if pair.old is not None and pair.new is not None}
    line = {pair.new.path: pair.old.path for pair in landed.pairs
            if pair.old is not None and pair.new is not None}
    touched = {side.path for pair in landed.pairs for side in (pair.old, pair.new)
               if side is not None}
    pairs: list[SpecPair] = []
    for pair in branch.pairs:
        merged = onto.get(pair.new.path) if pair.old is None and pair.new is not None \
            else None
        source = None if merged is None else line.get(
            merged, None if merged in touched else merged)
        if pair.new is not None and source is not None and source in removed:
            pairs.append(SpecPair(removed.pop(source), pair.new))
        else:
            pairs.append(pair)
    return replace(branch, pairs=tuple(
        pair for pair in pairs if pair.new is not None or pair.old is None
        or pair.old.path in removed))


def _made(event: Event) -> tuple[str, str, str | None, str | None] | None:
    """What a status move or change of content makes (kind, field, item, status after),
    to tell the same change made in two commits; None for any other event."""
    if event.kind != STATUS_CHANGED and event.kind not in CONTENT_EVENTS:
        return None
    return event.kind, event.field, event.item, event.after


def _statuses(pairs: Sequence[SpecPair]) -> dict[tuple[str, str], tuple[str, str]]:
    """The paths (on the later side, then the earlier: a spec the line moved or renumbered
    since the branch forked is at another path on the branch's tip than in the merge, the
    same in the commit both are compared with) and the two statuses of each spec paired in
    `pairs` that has a status on both sides."""
    return {(pair.new.path, pair.old.path): (pair.old.version.status, pair.new.version.status)
            for pair in pairs if pair.old is not None and pair.new is not None
            and pair.old.version.status is not None and pair.new.version.status is not None}


def _kept(branch: ChangedSpecs, landed: ChangedSpecs | None) -> Callable[[str], bool]:
    """Whether the merge (`landed`: the line's commit against it; None: no merge, every
    spec kept) keeps the spec at a path of the branch's tip (`branch`'s later side) in
    its status there: the merge holds that status at that path, or for the spec the line
    holds where the branch's is paired (the line moved or renumbered it: trial40)."""
    if landed is None:
        return lambda path: True
    held = {pair.new.path: pair.new.version.status for pair in landed.pairs
            if pair.new is not None}
    line = {pair.old.path: pair.new.version.status for pair in landed.pairs
            if pair.old is not None and pair.new is not None}
    tips = {pair.new.path: (pair.new.version.status, None if pair.old is None else pair.old.path)
            for pair in branch.pairs if pair.new is not None}

    def kept(path: str) -> bool:
        status, old = tips.get(path, (None, None))
        return held.get(path) == status or (old is not None and line.get(old) == status)
    return kept


def _content(config: Config, pairs: Sequence[SpecPair], *, new_side: bool = True
             ) -> dict[str, tuple[ContentEvent, ...]]:
    """The content events of each spec paired in `pairs` whose content differs, by its
    path on the later side (`new_side`) or the earlier; compared as history compares
    versions (`compare.content_events`, with today's `approval: protected:`)."""
    settings = content_settings(config)
    found = {}
    for pair in pairs:
        if pair.old is None or pair.new is None or pair.old.content is None \
                or pair.new.content is None:
            continue
        events = content_events(pair.old.content, pair.new.content, settings)
        if events:
            found[(pair.new if new_side else pair.old).path] = events
    return found


def _label(event: ContentEvent) -> str:
    """The field a content event names, as `Event.field_label` names it."""
    return event.field if event.item is None else f"{event.field}[{event.item}]"


def _unknown(branch: ChangedSpecs, approved: Collection[str],
             kept: Callable[[str], bool]) -> list[str]:
    """The paths at the boundary commit of the specs it holds in an `approved` state whose
    approved content the clone cannot know: the commit it is compared with holds them in
    none (or not at all: a branch approved them before the clone's history starts). Only
    those the merge keeps in that state (`kept`)."""
    return sorted(pair.new.path for pair in branch.pairs if pair.new is not None
                  and pair.new.version.status in approved and kept(pair.new.path)
                  and (pair.old is None or pair.old.version.status not in approved))

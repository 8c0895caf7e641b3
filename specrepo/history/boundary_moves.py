"""The status moves a shallow clone still shows at its boundary: a boundary commit (whose
parents the clone does not hold) compared with a commit the clone holds that it follows (the
first parent of the merge that merges it, or the checked range's base, `--since`), so a move
between two commits present in the clone is checked, as one move (and a change of content,
`history.boundary_changes`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import CommitGraph, CommitMeta, commit_meta
from specrepo.gitio.revisions import resolve_commit
from specrepo.history.boundary_trailers import guessed_note, without_unseen_trailers
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.config import Config
from specrepo.model.event import BoundaryMove, Event
from specrepo.model.events import CREATED, STATUS_CHANGED
from specrepo.model.history import History, SpecHistory
from specrepo.model.history_warning import HistoryWarning
from specrepo.model.joined_life import joined_life

if TYPE_CHECKING:
    from specrepo.history.boundary_changes import Compared


def with_boundary_moves(config: Config, history: History, since: str | None = None
                        ) -> History:
    """`history` with, for each spec whose status at a boundary commit differs from the
    one the commit it follows shows (`boundary_comparisons`), a `status-changed` event at
    the boundary commit from that status (a `BoundaryMove`, naming the commit), and those
    boundary commits in `History.compared_boundary`; with a `BoundaryChange` for each
    change of content the same comparison shows (`boundary_changes.Compared`), and
    a warning naming the specs whose approved content the clone cannot know
    (`unknown_approvals.unknown_note`, and `own_move_note`: the specs whose history starts
    there, `SpecHistory.starts_at_boundary`, moved into an approved state by their own
    authors after it, as they named them since: `boundary_authors`) and those whose
    boundary commit's trailers it cannot judge (`boundary_trailers.guessed_note`). The
    same history when it is complete. Raises `HistoryError` when git cannot read the commits."""
    if not history.shallow_boundary or history.head is None:
        return history
    # Only in a shallow clone: a complete history loads none of the diff's modules.
    from specrepo.history.boundary_authors import with_authors_since_start  # noqa: PLC0415
    from specrepo.history.boundary_changes import Compared  # noqa: PLC0415
    from specrepo.history.unknown_approvals import (  # noqa: PLC0415
        own_move_note,
        starting_at_boundary,
        unknown_note,
    )

    compared, git = Compared(config, history), Git(history.work_tree)
    graph = _graph(git, history.head)
    for earlier, boundary, merge in boundary_comparisons(git, history, since, graph):
        compared.compare(earlier, boundary, merge)
    compared.parents = history.boundary_parents
    metas = {commit: commit_meta(git, commit)
             for commit in sorted({commit for commit, _ in compared.based.values()})}
    for earlier, boundary, merge in branch_boundaries(history, graph, compared.boundaries):
        compared.pair(earlier, boundary, merge)
    specs = tuple(_with_moves(spec, history, compared, metas) for spec in history.specs)
    shown = replace(history, specs=with_authors_since_start(
        config, git, history, starting_at_boundary(history, tuple(
            compared.carry(spec) for spec in specs if spec.key not in compared.consumed))))
    notes: list[HistoryWarning] = [
        *unknown_note(shown, compared.unknown, config.workflow.approved),
        *guessed_note(history.at_head(), compared.guessed, compared.compared_with),
        *own_move_note(shown, config.workflow)]
    warnings = [note for note in notes if note not in history.warnings]
    return replace(shown, warnings=(*history.warnings, *warnings),
                   compared_boundary=history.compared_boundary | compared.boundaries)


def _graph(git: Git, head: str) -> CommitGraph:
    """The commits HEAD's history in the clone holds, with their parents."""
    graph = CommitGraph(git, head)
    try:
        graph.load()
    finally:
        graph.close()
    return graph


def branch_boundaries(history: History, graph: CommitGraph, compared: frozenset[str]
                      ) -> Iterator[tuple[str, str, str]]:
    """Each boundary commit of a merged branch's line in the clone that the merge does not
    merge itself (a branch forked before the clone's history starts, `--shallow-since`, or
    cloned deeper than its tip, `--depth 3`), found along the first parents of the merge's
    other parent, with the merge's first parent and the merge, as `(earlier, boundary,
    merge)`: a spec the branch moved before it is at another path there than on the line
    the merge joins (`boundary_changes.Compared.pair`). None on HEAD's first-parent line,
    in `compared`, or that line contains (the fork point is in the clone: the walk followed
    the move). Each commit is passed once (a line walked from a later merge is not walked
    again); none at all, and no question asked, when every boundary is on HEAD's
    first-parent line or compared (a clone of a merge at any depth up to 2). Sorted."""
    assert history.head is not None
    line = set(_first_parents(graph, history.head))
    wanted = history.shallow_boundary - compared - line
    found: dict[str, tuple[str, str]] = {}
    seen: set[str] = set()
    for merge, parents in graph.parents.items() if wanted else ():
        for parent in parents[1:]:
            commit: str | None = parent
            while commit is not None and commit not in seen and commit not in line \
                    and commit not in wanted:
                seen.add(commit)
                commit = next(iter(graph.parents.get(commit, ())), None)
            if commit is not None and commit in wanted and commit not in found and (
                    history.ancestry is None
                    or not history.ancestry.is_ancestor(commit, parents[0])):
                found[commit] = (parents[0], merge)
    return iter(sorted((earlier, boundary, merge)
                       for boundary, (earlier, merge) in found.items()))


def _first_parents(graph: CommitGraph, head: str) -> Iterator[str]:
    """`head` and its first parents, as far as the clone holds them."""
    commit: str | None = head
    while commit is not None:
        yield commit
        commit = next(iter(graph.parents.get(commit, ())), None)


def boundary_comparisons(git: Git, history: History, since: str | None,
                         graph: CommitGraph | None = None
                         ) -> Iterator[tuple[str, str, str | None]]:
    """Each boundary commit with the commit the clone holds that it is compared with, as
    `(earlier, boundary, merge)`: a boundary commit that a merge merges (not its first
    parent) is compared with the merge's first parent, the line it joins (`merge`: only
    a status the merge takes from it reached that line; one the merge leaves may be the
    line's own move since the branch forked, which the clone cannot tell, GitHub's test
    merge of a pull request fetched two deep); another, when `since` names a commit of the
    clone that does not contain it, with that commit (the checked range's base: the
    range's moves since it; `merge` None). Sorted; none for a boundary commit with
    neither."""
    assert history.head is not None
    graph = graph or _graph(git, history.head)
    found: dict[str, tuple[str, str | None]] = {}
    for merge, parents in graph.parents.items():
        for parent in parents[1:]:
            if parent in history.shallow_boundary:
                found.setdefault(parent, (parents[0], merge))
    base = resolve_commit(git, since) if since is not None else None
    if base is not None:
        ancestry = history.ancestry
        for boundary in history.shallow_boundary - found.keys():
            if boundary != base and boundary in graph.parents and (
                    ancestry is None or not ancestry.is_ancestor(boundary, base)):
                found[boundary] = (base, None)
    return iter(sorted((earlier, boundary, merge)
                       for boundary, (earlier, merge) in found.items()))


def _with_moves(spec: SpecHistory, history: History, compared: Compared,
                metas: Mapping[str, CommitMeta]) -> SpecHistory:
    """The spec with a move after each of its boundary appearances that `compared` holds,
    and the changes of content there after them (`boundary_changes.Compared.changed`),
    its appearance at the commit compared with before them when the walk began it there
    at another path (moved or renamed: `boundary_changes.Compared.joined`), its paths and
    status periods then joined to that lineage's (`joined_life`); without the trailers
    of boundary commits where the comparison shows no change of it
    (`boundary_trailers.without_unseen_trailers`)."""
    events: list[Event] = []
    for event in spec.events:
        events.append(event)
        move = compared.moves.get((event.commit, event.path))
        if move is not None and event.kind == CREATED and history.begins_at_boundary(event) \
                and not any(other.commit == event.commit and other.kind == STATUS_CHANGED
                            for other in spec.events):
            before, earlier = move
            events.append(BoundaryMove(**{**vars(event), "kind": STATUS_CHANGED,
                                          "before": before}, seen_from=earlier))
    joins = []
    for event in spec.events:
        if event.kind == CREATED and history.begins_at_boundary(event):
            events = list(based_on(events, event, compared, metas))
            events = list(compared.changed(events, event))
            events = list(compared.joined(events, event, history.specs))
            if (source := compared.sources.get((event.commit, event.path))) is not None:
                joins.append((source, compared.moved[(event.commit, event.path)][1]))
    events = without_unseen_trailers(events, history.shallow_boundary, compared.shows)
    if tuple(events) == tuple(spec.events):
        return spec
    made = replace(spec, events=tuple(events))
    for source, path in joins:
        made = joined_life(made, source, path)
    return made


def based_on(events: Sequence[Event], boundary: Event, compared: Compared,
             metas: Mapping[str, CommitMeta]) -> tuple[Event, ...]:
    """A spec's `events` with, just before `boundary` (its appearance at a boundary commit,
    a place of `Compared.based`), its appearance at the `--since` commit compared with, by
    that commit's author and times (`metas`), in the approved state, path and id it has
    there: the approved version the changes of content the comparison shows at the
    boundary are judged against, as the merge's first parent is at `fetch-depth: 2`. The
    clone holds no commit between the two, so an approval given between them is not
    seen: changed-after-approval fails, saying so, where a full clone may pass, and never
    passes where it fails (shallow63)."""
    found = compared.based.get((boundary.commit, boundary.path))
    if found is None or any(event.commit == found[0] for event in events):
        return tuple(events)
    commit, side = found
    meta = metas[commit]
    began = replace(boundary, spec_id=side.version.spec_id or boundary.spec_id, commit=commit,
                    author=meta.author, email=meta.email, authored=meta.authored,
                    committed=meta.committed, author_offset=meta.author_offset, before=None,
                    after=side.version.status, path=side.path, mainline=False, coauthors=())
    at = list(events).index(boundary)
    return (*events[:at], began, *events[at:])


def unchecked_at_boundary(history: History, commits: frozenset[str] | None) -> list[str]:
    """The ids of the specs HEAD holds whose status at a boundary commit (in `commits`, if
    given) nothing in the clone was compared with: the moves that led to it are not
    checked. Sorted; empty for a complete history."""
    if not history.shallow_boundary:
        return []
    return sorted({spec.spec_id for spec in history.at_head() for event in spec.events
                   if history.begins_at_boundary(event)
                   and event.commit not in history.compared_boundary
                   and (commits is None or event.commit in commits)})


UNCHECKED_SHOWN = 10
"""How many of the specs whose moves went unchecked a warning names."""


def unchecked_note(spec_ids: list[str]) -> list[str]:
    """The warning that names the specs whose moves went unchecked (`unchecked_at_boundary`;
    at most `UNCHECKED_SHOWN`, with how many more); none when there are none."""
    if not spec_ids:
        return []
    named = ", ".join(spec_ids[:UNCHECKED_SHOWN])
    more = len(spec_ids) - UNCHECKED_SHOWN
    return [f"the status moves made before this shallow clone's history starts were not "
            f"checked for {named}{f' and {more} more' if more > 0 else ''} (no earlier "
            f"commit in the clone to compare with): {SHALLOW_FETCH} to check them"]

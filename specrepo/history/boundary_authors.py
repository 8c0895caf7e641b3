"""The authors a spec named from a shallow clone's start through its moves into an approved
state (`SpecHistory.authors_since_start`): the people whose own move the clone cannot take
for a review besides HEAD's authors, as the spec named them at the move (newuser66b: an
author who rewrites `authors:` in the move itself is still its author)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.history.side_reader import SideReader
from specrepo.model.boundary_approval import own_mover
from specrepo.model.config import Config
from specrepo.model.history import History, SpecHistory
from specrepo.model.review_round import moves_into


def with_authors_since_start(config: Config, git: Git, history: History,
                             specs: Sequence[SpecHistory]) -> tuple[SpecHistory, ...]:
    """`specs` with `SpecHistory.authors_since_start` set on each that `starts_at_boundary`
    and that HEAD holds in an approved state it moved into after that commit, by someone
    neither HEAD's authors nor the boundary commit's author name (`_versions`): the
    authors of its version at each of its events' commits (at the event's path) up to its
    last such move, the version before it and the move's own included. Each blob is read
    once, through one `git cat-file` of `git` (the repository's), and only when such a
    spec exists (a complete history, or a shallow one with none, asks git nothing).
    Raises `HistoryError` when git cannot read the repository."""
    wanted = {spec.key: _versions(spec, config.workflow.approved) for spec in specs}
    if not any(wanted.values()):
        return tuple(specs)
    assert history.git_dir is not None  # a mined history's
    reader = SideReader(config, ObjectReader(git, config.max_file_size), history.work_tree,
                        history.git_dir)
    reader.locate(history.work_tree, history.git_dir)  # git's folder known: not asked again
    try:
        found = {key: tuple(dict.fromkeys(
            author for commit, path in versions
            if (blob := reader.objects.blob_at(commit, path)) is not None
            for author in reader.version(blob, path).authors))
            for key, versions in wanted.items() if versions}
    finally:
        reader.close()
    return tuple(replace(spec, authors_since_start=found[spec.key])
                 if found.get(spec.key) else spec for spec in specs)


def _versions(spec: SpecHistory, approved: frozenset[str]) -> list[tuple[str, str]]:
    """The (commit, path) of each of `spec`'s events up to its last move into one of
    `approved` (or its `approved_then`) after its history's start at a boundary commit;
    none for a spec whose history does not start there, that HEAD does not hold in one of
    them, or whose every such move `own_mover` already finds an own one without them (no
    move, or each by one of HEAD's authors or the boundary commit's: reading versions
    compiles their field checks, 70 ms a warm run does not spend otherwise)."""
    approved = approved | spec.approved_then
    if not spec.starts_at_boundary or spec.current is None \
            or spec.current.status not in approved:
        return []
    start = spec.events[0].commit
    moves = [index for index in moves_into(spec.events, approved)
             if spec.events[index].commit != start]
    if all(own_mover(spec, spec.events[index]) is not None for index in moves):
        return []  # HEAD's authors or the boundary commit's say it: nothing to read
    return list(dict.fromkeys((event.commit, event.path)
                              for event in spec.events[:max(moves) + 1]))

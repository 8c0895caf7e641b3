"""What the commits that confirmed links hold of the requirements they name: the text each
link saw (`RequirementChange.held`). A link whose commit contains every change of its
requirement may still not have seen what the requirement says now: a merge takes one
side's text whole (`-s ours`, a conflict resolved for either side), so a commit can
contain a branch's change and hold another text, and HEAD can hold a text that commit
threw away."""

from __future__ import annotations

from collections.abc import Mapping

from specrepo.history.item_versions import items_at
from specrepo.load.document import JsonValue
from specrepo.model.config import Config
from specrepo.model.references import ItemReference
from specrepo.model.trace import CommitStamp, LinkHistory, TraceMatrix
from specrepo.trace.link_history import TraceHistory


def confirmations(matrix: TraceMatrix, links: LinkHistory, head: str | None
                  ) -> dict[ItemReference, set[str]]:
    """For each requirement of `matrix` that `links` knows a change of, the commits that
    confirmed a link to it (full ids): its tags' files' last touches, its linking specs'
    approvals. Not a reviewer's day (`CommitStamp.day_end`: it saw less than its commit
    holds), the work tree's change, nor `head` (HEAD's commit id: it holds what the
    requirement says now, unless the work tree changed it, a change every commit is
    judged by)."""
    found: dict[ItemReference, set[str]] = {}
    for row in matrix.requirements:
        reference = row.requirement.reference
        if reference not in links.changes:
            continue
        stamps: list[CommitStamp | None] = [
            touch for link in (*row.implemented_by, *row.verified_by)
            for touch in links.file_touches.get(link.tag.file, ())]
        stamps.extend(links.approvals.get(link.link.source_spec) for link in row.linked_from)
        commits = {stamp.commit for stamp in stamps if stamp is not None
                   and not stamp.day_end and not stamp.uncommitted and stamp.commit != head}
        if commits:
            found[reference] = commits
    return found


def held_items(config: Config, found: TraceHistory,
               wanted: Mapping[ItemReference, set[str]]
               ) -> dict[ItemReference, dict[str, JsonValue]]:
    """For each requirement of `wanted`, the item each of its commits holds (commit id ->
    item), read from git in `config`'s repository (one `git cat-file`, each blob parsed
    once), in the spec's file where that commit had it (`TraceHistory.item_held`: moves
    followed); a commit that holds no such item, or contains no change of it, is left
    out. Raises
    `HistoryError` when git cannot read the repository."""
    places = [(reference, at) for reference, commits in wanted.items()
              for commit in sorted(commits)
              if (at := found.item_held(reference, commit)) is not None]
    held: dict[ItemReference, dict[str, JsonValue]] = {}
    read = items_at(config, config.root, [at for _, at in places])
    for (reference, at), item in zip(places, read, strict=True):
        if item is not None:
            held.setdefault(reference, {})[at.commit] = item
    return held

"""The specs a merge being concluded (MERGE_HEAD) leaves out of the spec set in an approved
state, judged against every parent's spec set as `validate --history` judges the merge
once committed (`model.merging.removed_from`, one rule for both): each parent's side read
with its own configuration (`specs:`, `exclude:`), the commit's with the one the index
stages, so that a hook stops a merge that deletes (`git rm` in a modify/delete conflict),
excludes, no longer reads or moves out of the spec set a spec a merged branch approved
(mergeleave45), or one HEAD's line approved that a merged branch took out as a Draft."""

from __future__ import annotations

from collections.abc import Sequence

from specrepo.gitio.git_command import Git
from specrepo.gitio.merging import merge_base
from specrepo.history.commit_pairing import CommitPairing
from specrepo.model.config import Config
from specrepo.model.history import History
from specrepo.model.merging import AmendedCommit, MergedBranch, MergeRemoval, removed_from

_Held = dict[str, tuple[str, str]]
"""The specs of a side the commit being made no longer holds: id -> (its file on that side,
from the top; its status there by today's name)."""


def merge_removals(config: Config, mined: History, merging: Sequence[MergedBranch],
                   pairing: CommitPairing, amended: AmendedCommit | None = None
                   ) -> tuple[MergeRemoval, ...]:
    """The removals of the merge being concluded (`merging`: the branches it merges into
    HEAD, or, `amended`, into the first parent of the merge it amends) from a status the
    commit's workflow approves (the staged configuration's `approved:`, else `config`'s):
    for each spec (by id) some parent's spec set holds that the commit's does not, going
    on in none of its files (`CommitPairing.pairs`, each side with its own configuration),
    the statuses `removed_from` names, from the first parent's side and each merged
    branch's with the one it started from at its merge base with the first parent. None
    while no merge is concluded. Raises `HistoryError` when git cannot compare."""
    ours = mined.head if amended is None else next(iter(amended.parents), None)
    if not merging or ours is None or config.file is None:
        return ()
    staged = pairing.staged_config()
    approved = (staged.config if staged is not None else config).workflow.approved
    renamed = dict(mined.renamed_states)
    line = _taken_out(pairing, ours, renamed)
    git = Git(config.root)
    taken = [(branch.commit, _taken_out(pairing, branch.commit, renamed))
             for branch in merging]
    if not line and not any(held for _, held in taken):
        return ()  # the merge keeps every spec each parent's spec set holds
    branches = []
    for commit, held in taken:  # where each branch started: asked only now
        fork = merge_base(git, ours, commit)
        branches.append((commit, held, _taken_out(pairing, fork, renamed)
                         if fork is not None else {}))
    found = []
    for spec_id in sorted({*line, *(spec_id for _, held, _ in branches for spec_id in held)}):
        left = [(held[spec_id][1] if spec_id in held else None,
                 forked[spec_id][1] if spec_id in forked else None)
                for _, held, forked in branches]
        ours_status = line[spec_id][1] if spec_id in line else None
        for status in removed_from(ours_status, left):
            if status not in approved:
                continue
            if status == ours_status:
                found.append(MergeRemoval(line[spec_id][0], spec_id, status, "HEAD's"))
                continue
            commit, held = next((commit, held) for commit, held, _ in branches
                                if spec_id in held and held[spec_id][1] == status)
            found.append(MergeRemoval(held[spec_id][0], spec_id, status,
                                      f"the merged branch {commit[:10]}'s"))
    return tuple(found)


def _taken_out(pairing: CommitPairing, side: str, renamed: dict[str, str]) -> _Held:
    """The specs of commit `side`'s spec set (read with its own configuration) that the
    commit being made no longer holds, going on in none of its files."""
    return {spec_id: (pair.old.path, renamed.get(status, status))
            for pair in pairing.pairs(side, as_history=False)
            if pair.old is not None and pair.new is None
            and (spec_id := pair.old.version.spec_id)
            and (status := pair.old.version.status)}

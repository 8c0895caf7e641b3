"""Where the work tree moved the specs HEAD holds (`git mv`, a renumbering, a folder moved
with `specs:` changed, not committed yet): the spec files a pre-commit or commit-msg hook
judges as the spec they continue, paired by the same rule as the history walk once the
commit is made (README, "Which spec a file is": the id, then git's rename detection),
across a change of the configuration's `specs:` or `exclude:` not committed yet."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path

from specrepo.base import inputs
from specrepo.history.commit_pairing import CommitPairing
from specrepo.model.config import Config
from specrepo.model.history import History


def moved_in_work_tree(config: Config, history: History, listed: Collection[Path] = (),
                       pairing: CommitPairing | None = None) -> dict[str, str]:
    """HEAD's spec files (paths from the repository's top) that the work tree moved -> the
    file that continues each there (path from the top), as the walk will pair them once
    the index is committed (`spec_pairs.changed_specs`, read as history reads them, a file
    moved and renumbered that the index stages paired by git's rename detection over the
    index, `staged`: the walk's rule, `work_tree_moves.staged_moves`). Empty when every
    file HEAD holds a spec in is still there (a move deletes its old path, as git's rename
    detection needs): then no git is asked; a file among `listed` (the run's listing of
    spec files, absolute) is there without asking the file system. Raises `HistoryError`
    when git cannot compare HEAD with the work tree. `pairing`: the run's pairing of
    HEAD's specs with the commit being made's (`CommitPairing`, which `taken_out` asks
    too; its index side's configuration, where the index stages one of its own, reads
    the commit's side); None: one of its own, with the work tree's configuration."""
    present = frozenset(listed)
    if history.head is None or all(
            spec.current_path not in history.staged_away
            and ((path := history.work_tree / spec.current_path) in present
                 or inputs.reader.lexists(path))
            for spec in history.specs if spec.current_path is not None):
        return {}
    asked = pairing if pairing is not None else CommitPairing(config, None, history.work_tree)
    try:
        pairs = asked.pairs(history.head, as_history=True)
    finally:
        if pairing is None:
            asked.close()
    return {pair.old.path: pair.new.path for pair in pairs
            if pair.old is not None and pair.new is not None
            and pair.old.path != pair.new.path}


def with_moved(history: History, lineage: History, moved: Mapping[str, str]) -> History:
    """`history` (today's specs: `mine.current_specs_only`) with the specs of `lineage` (the
    history before that) whose file the work tree `moved` from a place only an earlier
    configuration's locations hold (a folder moved with `specs:` changed, not committed
    yet): the commit that makes the move continues them."""
    kept = {spec.key for spec in history.specs}
    extra = tuple(spec for spec in lineage.specs if spec.key not in kept
                  and spec.current_path is not None and spec.current_path in moved)
    return replace(history, specs=(*history.specs, *extra)) if extra else history

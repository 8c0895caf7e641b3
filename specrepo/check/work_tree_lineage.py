"""Which committed spec a spec file of the work tree continues when its path is new: the
lineage rules of committed history (README, "Which spec a file is") applied to changes
not committed yet."""

from __future__ import annotations

import os

from specrepo.model.history import History, SpecHistory


def moved_away(history: History, spec_id: str) -> list[SpecHistory]:
    """HEAD's specs with the id `spec_id` whose file is gone from the work tree: a file
    with that id at a path HEAD does not hold is one of them moved (`git mv`, or a delete
    and an add, not committed yet), as the same change committed would be."""
    return [mined for mined in history.specs
            if mined.spec_id == spec_id and mined.current_path is not None
            and not os.path.lexists(history.work_tree / mined.current_path)]


def moved_here(history: History, path: str, spec_id: str | None) -> SpecHistory | None:
    """The spec of HEAD's that a work-tree file at `path` (relative to the top folder)
    with the id `spec_id` continues when HEAD holds no file at `path`: the one spec of
    `moved_away`, if there is exactly one."""
    if spec_id is None or path in history.head_files:
        return None
    moved = moved_away(history, spec_id)
    return moved[0] if len(moved) == 1 else None

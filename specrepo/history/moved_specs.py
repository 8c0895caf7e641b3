"""Where the work tree moved the specs HEAD holds (`git mv`, a renumbering, a folder moved
with `specs:` changed, not committed yet): the spec files a pre-commit or commit-msg hook
judges as the spec they continue, paired by the same rule as the history walk once the
commit is made (README, "Which spec a file is": the id, then git's rename detection),
across a change of the configuration's `specs:` or `exclude:` not committed yet."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from pathlib import Path

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.history.commit_pairing import CommitPairing
from specrepo.history.index_side import index_side
from specrepo.load.locations import pathspecs
from specrepo.model.config import Config
from specrepo.model.history import History


def moved_in_work_tree(config: Config, history: History, listed: Collection[Path] = (),
                       pairing: CommitPairing | None = None) -> dict[str, str]:
    """HEAD's spec files (paths from the repository's top) that the work tree moved -> the
    file that continues each there (path from the top), as the walk will pair them once
    the index is committed (`spec_pairs.changed_specs`, read as history reads them, a file
    moved and renumbered that the index stages paired by git's rename detection over the
    index, `staged`: the walk's rule, `work_tree_moves.staged_moves`; two files that swap
    ids, by `git mv` or in place, each the other's spec moved: `taken_ids`). The one
    pairing of a version not committed yet with the spec it continues: the hooks' status
    moves, removals and approvals, and `diff --since-approval`, ask it. A file of
    `History.staged_away` (in a hook's run, one never added or added with intent to add
    only, `git add -N`) continues no spec: the commit does not hold it. Empty, the pairing
    not asked, when every file HEAD holds a spec in is still there and at most one of them
    changed (`may_have_moved`: a move deletes its old path, or a file takes the id
    another changed file lost); a file among `listed` (the run's listing of spec files,
    absolute) is there without asking the file system. Raises `HistoryError` when git
    cannot compare HEAD with the work tree. `pairing`: the run's pairing of
    HEAD's specs with the commit being made's (`CommitPairing`, which `taken_out` asks
    too; its index side's configuration, where the index stages one of its own, reads
    the commit's side); None: one of its own, with the work tree's configuration."""
    index = pairing.index if pairing is not None else None
    if history.head is None or not may_have_moved(
            config, history, frozenset(listed), lambda: index if index is not None
            else index_side(config, history, staged_config=False).entries):
        return {}
    asked = pairing if pairing is not None else CommitPairing(config, None, history.work_tree)
    try:
        pairs = asked.pairs(history.head, as_history=True)
    finally:
        if pairing is None:
            asked.close()
    return {pair.old.path: pair.new.path for pair in pairs
            if pair.old is not None and pair.new is not None
            and pair.old.path != pair.new.path
            and pair.new.path not in history.staged_away}  # no file of the commit


def may_have_moved(config: Config, history: History, present: frozenset[Path],
                   index: Callable[[], Mapping[str, str] | None]) -> bool:
    """Whether the commit being made may move a spec of HEAD's: a file HEAD holds a spec
    in is gone from it (not in the work tree, or its removal staged), or two or more of
    them changed (a file changed in place is another spec only where it takes the id
    another file lost, deleted or changed too: lineage rule 1's exception). Changed: the
    object id `index` gives (the index's entries, asked only when none is gone) other
    than HEAD's: the commit a hook's run judges, and, for a plain `validate --history`,
    what the whole-result cache covers (`git ls-files --stage`; a `git diff-index` of the
    work tree keeps a run out of it): ids swapped in the work tree and not staged are
    judged there by the checked files' ids (`continued_statuses`). Where `index` gives
    None, as `git diff-index HEAD` over the spec locations names them (the work tree:
    `diff --since-approval`)."""
    paths = [spec.current_path for spec in history.specs if spec.current_path is not None]
    if any(path in history.staged_away or not (
            (file := history.work_tree / path) in present or inputs.reader.lexists(file))
           for path in paths):
        return True
    if len(paths) < 2:
        return False
    entries = index()
    if entries is not None:
        changed = [path for path in paths if entries.get(path) != history.head_files.get(path)]
    else:
        named = Git(config.root).run("diff-index", "--name-only", "-z", "--no-renames",
                                     "HEAD", "--", *pathspecs(config.locations, from_top=False))
        differ = {name.decode("utf-8", "surrogateescape") for name in named.split(b"\0")}
        changed = [path for path in paths if path in differ]
    return len(changed) > 1


def with_moved(history: History, lineage: History, moved: Mapping[str, str]) -> History:
    """`history` (today's specs: `mine.current_specs_only`) with the specs of `lineage` (the
    history before that) whose file the work tree `moved` from a place only an earlier
    configuration's locations hold (a folder moved with `specs:` changed, not committed
    yet): the commit that makes the move continues them."""
    kept = {spec.key for spec in history.specs}
    extra = tuple(spec for spec in lineage.specs if spec.key not in kept
                  and spec.current_path is not None and spec.current_path in moved)
    return replace(history, specs=(*history.specs, *extra)) if extra else history

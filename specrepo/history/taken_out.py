"""The specs of HEAD's that the commit being made takes out of the spec set while their
files stay (an `exclude:` added, `specs:` narrowed, not committed yet; the configuration
renamed, moved or deleted and added beside it, `git mv specrepo.yaml cfg.yaml`): HEAD's
side read with HEAD's configuration at its own path, the commit's with the configuration
the index stages (`index_side`: the work tree's where it stages the same), as the commit
will be judged once made, whatever the work tree holds beside it, so that a hook stops an
approved spec's removal as `validate --history` will stop its commit."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import relative_below
from specrepo.check.work_tree_removals import TakenOut
from specrepo.history.commit_pairing import CommitPairing
from specrepo.model.config import Config
from specrepo.model.history import History
from specrepo.model.merging import AmendedCommit


def taken_out_in_work_tree(config: Config, mined: History, listed: Collection[Path],
                           pairing: CommitPairing,
                           amended: AmendedCommit | None = None) -> tuple[TakenOut, ...]:
    """HEAD's specs (file from the top, id, status there by today's name,
    `History.renamed_states`) in a state the commit's configuration approves (the staged
    one's `approved:`, `pairing.staged_config`, else `config`'s) that the commit's spec
    set no longer holds, their files still there (in a hook's run, an index `side`: the
    index holds them, whatever the work tree deleted; `_kept`), and that no file of it continues
    (`spec_pairs.changed_specs` with each side's own `specs:` and `exclude:`, the work
    tree's moves paired as the walk will pair the index once committed, `staged`: the
    run's `pairing`, which `moved_specs` asks too). `mined`: the history before
    `mine.current_specs_only`; `listed`: the run's spec files (absolute). Where the
    index stages the work tree's configuration, asked of git only when the work tree
    may take one out: a spec of HEAD's in an approved state whose file is there but not
    listed (a configuration change; one an earlier commit took out asks again each
    run), or a configuration the walk found in no commit at today's path
    (`History.approved_once` unknown: moved in the work tree, HEAD's spec set not read);
    else none, at no cost. With `amended` (`git commit --amend`: the commit being made
    replaces HEAD, `merging.amended_commit`), the spec set of HEAD's first parent in
    place of HEAD's, as its moves are judged (none for an amended root commit). Raises
    `HistoryError` when git cannot compare HEAD with the work tree."""
    base = mined.head if amended is None else next(iter(amended.parents), None)
    if base is None or config.file is None:
        return ()
    side = pairing.side
    if side is not None and side.stages_config_of(base, mined.work_tree):
        return ()  # the commit keeps its parent's configuration, and so its spec set
    staged = pairing.staged_config()
    found = set(filter(None, map(relative_below(mined.work_tree), listed)))
    renamed = dict(mined.renamed_states)
    commits = staged.config if staged is not None else config
    approved = commits.workflow.approved
    hook = side is not None
    if staged is None and amended is None and mined.approved_once is not None and not \
            _kept(mined.work_tree, [
                spec.current_path for spec in mined.at_head()
                if spec.current_path is not None and spec.current_path not in found
                and spec.current is not None and (status := spec.current.status)
                and renamed.get(status, status) in approved], hook=hook):
        return ()
    out = [(pair.old.path, spec_id, today) for pair in pairing.pairs(base, as_history=False)
           if pair.old is not None and pair.new is None
           and (spec_id := pair.old.version.spec_id) and (status := pair.old.version.status)
           and (today := renamed.get(status, status)) in approved]
    kept = _kept(mined.work_tree, [path for path, _, _ in out], hook=hook)
    return tuple(TakenOut(path, spec_id, today, None if path.lower().endswith(
        commits.spec_suffixes) else commits.front_matter)
        for path, spec_id, today in out if path in kept)


def _kept(top: Path, paths: Sequence[str], *, hook: bool) -> frozenset[str]:
    """Those of `paths` (from the repository's top, `top`) whose file the commit being
    made keeps: in a `hook`'s run, those the index holds (`held_by_index`: a file the work
    tree alone deleted is kept, as git commits it), else those the work tree has. Raises
    `HistoryError` when git cannot list the index."""
    if not paths:
        return frozenset()
    if not hook:
        return frozenset(path for path in paths if inputs.reader.lexists(top / path))
    from specrepo.gitio.git_command import Git  # noqa: PLC0415 (a hook's run only)
    from specrepo.gitio.pending import held_by_index  # noqa: PLC0415

    held = held_by_index(Git(top), [top / path for path in paths])
    return frozenset(path for path in paths if top / path in held)

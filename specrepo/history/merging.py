"""A merge in progress (MERGE_HEAD, one commit or several): what each merged branch did
to the specs since its merge base with HEAD, for checking the merge commit-to-be in the
work tree against every parent, as history will check the committed merge."""

from __future__ import annotations

from specrepo.gitio.git_command import Git
from specrepo.gitio.merging import commit_parents, merge_base, merge_heads
from specrepo.model.config import Config
from specrepo.model.history import History
from specrepo.model.merging import AmendedCommit, BranchSpec, MergedBranch


def amended_commit(config: Config, history: History, amends: bool | None
                   ) -> AmendedCommit | None:
    """HEAD as the commit being made replaces it when it `amends` (`gitio.amending`; None:
    it may, judged as an amend), with its parents; for a merge, the status of each spec
    at its first parent where it differs from HEAD's (`diff HEAD..FIRST-PARENT`), which no
    event of the merge records when it took a merged branch's. None when it does not
    amend or there is no HEAD. Its statuses are named as today's workflow names the
    states of its first parent's (`_walked_renames`). Raises `HistoryError` when git
    cannot say."""
    if amends is False or history.head is None:
        return None
    parents = commit_parents(Git(history.work_tree), history.head)
    if len(parents) < 2:
        return AmendedCommit(history.head, parents, amends is True)
    from specrepo.history.spec_pairs import changed_specs  # noqa: PLC0415 (a merge only)

    changed = changed_specs(config, f"{history.head}..{parents[0]}")
    today = dict(_walked_renames(config, history, parents[0]))  # its names, today's
    return AmendedCommit(history.head, parents, amends is True, {
        pair.old.path: _named(pair.new.version.status, today) for pair in changed.pairs
        if pair.old is not None and pair.new is not None}, frozenset(
        pair.old.path for pair in changed.pairs if pair.old is not None and pair.new is None))


def merged_branches(config: Config, history: History, amended: AmendedCommit | None = None
                    ) -> tuple[MergedBranch, ...]:
    """Each commit being merged into HEAD with the specs its branch changed since the merge
    base (`diff BASE..COMMIT`, the lineage rules pairing them), each with HEAD's file of
    it (`diff BASE..HEAD`, `_line_files`: a spec main renamed or renumbered since the
    fork is the one the branch changed at its old file); none when no merge is in
    progress. With `amended` (HEAD, which the commit being made replaces: `git commit
    --amend`), the parents but the first of that commit, merged into its first parent: an
    amended merge is the same merge made again. A commit that shares no history with HEAD
    (`git merge --allow-unrelated-histories`: a subtree import, a project rebuilt by `git
    filter-repo` merged with its old self) made every spec it has: those that differ from
    HEAD's (`diff HEAD..COMMIT`) are its branch's, from no status (history compares the
    merge with that parent's file alike). The statuses are named as today's workflow
    names the states of the branch's (`History.merged_renames`: a state main renamed
    since the fork is the branch's under its new name, as the merge once made reads
    it; for an amended merge, as the walk read the branch, `_walked_renames`). HEAD's
    file of each spec is HEAD's own, for an amended merge too (not its first parent's:
    a file the merge took a branch's rename of is at the branch's path). Raises
    `HistoryError` when git cannot diff."""
    if history.work_tree_git_dir is None or history.head is None:
        return ()
    git = Git(history.work_tree)
    ours, heads = history.head, merge_heads(history.work_tree_git_dir, git)
    # HEAD's files of the specs (`BranchSpec.head_path`) are those the checks hold HEAD's
    # statuses at: an amended merge's own, where it took a branch's move of a file.
    tip = history.head
    if amended is not None:
        ours, heads = (amended.parents or ("",))[0], amended.parents[1:]
    if not heads:
        return ()
    # Only during a merge: a warm validate --history loads none of the walk's modules.
    from specrepo.history.spec_pairs import changed_specs  # noqa: PLC0415

    branches = []
    lines: dict[str, dict[str, str | None]] = {}  # a merge base -> HEAD's line's files
    for head in heads:
        base = merge_base(git, ours, head)
        changed = changed_specs(config, f"{base or ours}..{head}")
        today = dict(history.merged_renames.get(head) or () if amended is None
                     else _walked_renames(config, history, head))  # the branch's, today's
        if base is not None and base not in lines and changed.pairs:
            lines[base] = _line_files(config, base, tip)
        line = lines.get(base or "", {})
        branches.append(MergedBranch(head, tuple(
            BranchSpec(pair.new.path, pair.new.version.spec_id,
                       _named(pair.new.version.status, today),
                       *((_named(pair.old.version.status, today), pair.old.path,
                          line.get(pair.old.path, pair.old.path))
                         if pair.old is not None and base is not None else (None, None, None)))
            for pair in changed.pairs if pair.new is not None), frozenset(
            pair.old.path for pair in changed.pairs if base is not None
            and pair.old is not None and (pair.new is None or pair.new.path != pair.old.path))))
    return tuple(branches)


def _line_files(config: Config, base: str, ours: str) -> dict[str, str | None]:
    """The spec files of the merge base `base` that HEAD's line (`ours`) changed -> the
    file of the same spec at `ours` (None: the line removed it), paired by the lineage
    rules as `diff BASE..HEAD` pairs them (a rename, a renumbering, a move to another
    folder, a file that took another's id); a file it did not change is where it was.
    Raises `HistoryError` when git cannot diff."""
    from specrepo.history.spec_pairs import changed_specs  # noqa: PLC0415 (a merge only)

    return {pair.old.path: pair.new.path if pair.new is not None else None
            for pair in changed_specs(config, f"{base}..{ours}").pairs
            if pair.old is not None}


def _walked_renames(config: Config, history: History, commit: str
                    ) -> tuple[tuple[str, str], ...]:
    """The states of the workflow of `commit`, a commit of HEAD's history (a parent of an
    amended merge), that today's calls otherwise, each with today's name: as the walk read
    the versions it wrote (`History.renamed_since`, by the states of its configuration
    file); none where the walk renamed nothing, or `commit` has no configuration there
    that loads."""
    if not history.renamed_since or config.file is None:
        return ()
    # Loaded only where states were renamed: a warm run reads no object.
    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415
    from specrepo.history.config_file_bytes import config_file_path  # noqa: PLC0415
    from specrepo.history.configured_sides import config_at  # noqa: PLC0415
    from specrepo.history.mine import config_prefix  # noqa: PLC0415

    objects = ObjectReader(Git(history.work_tree), config.max_file_size)
    try:
        found = config_at(objects, config_file_path(
            config, config_prefix(config, history.work_tree)), commit)
    finally:
        objects.close()
    return () if found is None else history.renamed_since.get(found[1].workflow.states, ())


def _named(status: str | None, today: dict[str, str]) -> str | None:
    """A status of a merged branch's workflow by today's name of its state (`today`: the
    branch's names today's workflow calls otherwise)."""
    return today.get(status, status) if status is not None else None

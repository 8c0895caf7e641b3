"""What a change adds since a revision (`--since`, `--changed-since`): its commits, the
files it changed, and the ids and items the specs it changed had at the merge base."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from specrepo.base.errors import ConfigError
from specrepo.base.paths import real_path
from specrepo.configuration.config_file import config_version
from specrepo.gitio.merging import commit_parents
from specrepo.gitio.repository import RepositoryState, open_repository
from specrepo.gitio.revisions import (
    changed_paths,
    commits_after,
    modified_since_merge_base,
    resolve_commit,
)
from specrepo.history.configured_sides import carrying, file_in_force
from specrepo.history.mine import config_prefix, spec_locations_in_repository
from specrepo.load.spec_files import load_spec_content
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.changed_files import ChangedFiles
from specrepo.model.config import Config
from specrepo.model.references import KnownItems
from specrepo.model.spec_record import record_from_content

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader


def commits_since(config: Config, since: str | None, head: str | None = None,
                  held: tuple[str, ...] = ()) -> frozenset[str]:
    """The commits after `since` (None: from the first commit on) up to `head` (default:
    HEAD) that no commit of `held` reaches: what a change adds."""
    git, state = open_repository(config.root)
    if state.head is None:
        return frozenset()
    return commits_after(git, since, head or state.head, held)


class ChangedRange(NamedTuple):
    """Where `--changed-since REF` starts (`changed_range`)."""

    start: str | None
    """The revision the changes are read from: REF, or HEAD's first parent for a commit
    that replaces HEAD; None: from nothing, every spec is new (no commit yet, or the
    commit being made replaces a root commit)."""
    shown: str
    """`start` in words, for messages."""


def changed_range(config: Config, since: str, amends: bool | None) -> ChangedRange:
    """Where the changes `--changed-since since` checks start. When the commit being made
    replaces HEAD (`amends`: `git commit --amend`; None: it may, judged as one) and
    `since` is HEAD or a commit after it, from HEAD's first parent (none for a root
    commit): HEAD's changes (its moves, its removals, a configuration it changed) are the
    new commit's own, which `validate --history` judges against that parent once it is
    made. Else `since` itself, git not asked (where it names no commit, the caller says
    so, unless there is no commit yet: `unborn`)."""
    if amends is False:
        return ChangedRange(since, since)
    git, state = open_repository(config.root)
    if state.head is None:
        return ChangedRange(None, "nothing (no commit yet)")
    if (start := resolve_commit(git, since)) is None \
            or git.attempt("merge-base", "--is-ancestor", state.head, start).returncode != 0:
        return ChangedRange(since, since)
    parents = commit_parents(git, state.head)
    if not parents:
        return ChangedRange(None, "nothing (the commit being made amends the first commit)")
    return ChangedRange(parents[0], f"HEAD's parent ({parents[0][:10]}: the commit being "
                        "made amends HEAD)")


def unborn(config: Config) -> bool:
    """Whether the repository has no commit yet: every spec of the first commit is new,
    none changed since any revision, which cannot name a commit."""
    return open_repository(config.root)[1].head is None


def paths_changed_since(config: Config, since: str, *, index: bool = False
                        ) -> ChangedFiles | None:
    """The files changed since `since` (committed after the merge base, uncommitted, or
    untracked, deleted ones too; with `index`, a hook's run, staged ones too whose work
    tree copy is HEAD's again: `changed_paths`), by their real paths in the work tree, with
    the changed submodules and untracked nested repositories as folders; None when `since`
    is unknown to the repository, or there is no commit yet."""
    git, state = open_repository(config.root)
    if state.head is None:
        return None
    paths = changed_paths(git, since, state.head, index=index)
    if paths is None:
        return None
    return ChangedFiles(
        frozenset(real_path(state.work_tree / path) for path in paths if path[-1:] != "/"),
        frozenset(real_path(state.work_tree / path) for path in paths if path[-1:] == "/"))


def items_before(config: Config, since: str, *, index: bool = False,
                 also: frozenset[Path] = frozenset()) -> KnownItems:
    """The ids, and the ids of their items (`SpecRecord.list_items`), that the spec files
    modified or deleted since `since` had at its merge base with HEAD, read through the
    field map: a spec deleted or re-identified since then, or an item removed or
    renumbered, is among them; with `index` (a hook's run: the commit being made is the
    index), one the index re-identifies or removes too, whatever the work tree's copy
    says (`modified_since_merge_base`); and those of `also` (real paths in the work tree:
    specs edited behind their assume-unchanged or skip-worktree bit, which git's
    comparisons do not read). Empty when `since` is unknown."""
    git, state = open_repository(config.root)
    if state.head is None:
        return KnownItems.of({})
    top = real_path(state.work_tree)
    changed = modified_since_merge_base(git, since, state.head,
                                        spec_locations_in_repository(config, state),
                                        index=index, also=sorted(
                                            path.relative_to(top).as_posix() for path in also))
    if changed is None:
        return KnownItems.of({})

    from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415 (see the imports)
    from specrepo.gitio.partial_clone import fetch_missing_files  # noqa: PLC0415

    base, paths = changed
    # a partial clone's versions at the merge base, in one batch rather than one by one
    fetch_missing_files(git, state.git_dir, [base], [*paths, *_config_path(config, state)],
                        settings=state.settings)
    found: list[tuple[str, Iterable[str]]] = []
    objects = ObjectReader(git, config.max_file_size)
    limits = LoadLimits(max_bytes=config.max_file_size)
    try:
        then = _config_at(config, state, objects, base, git)
        readings = [then, config] if then is not config else [config]
        for path in paths:
            blob = objects.blob_at(base, path)  # one whose blob is lost raises
            if blob is None:
                continue
            content = objects.read(blob, path).content
            if content is None:
                continue  # over the size limit
            for reading in readings:  # its commit's, else today's
                try:
                    record = record_from_content(Path(path), load_spec_content(
                        content, reading.fields.read_as_text, limits,
                        front_matter=reading.front_matter), reading.fields)
                except YamlError:
                    continue  # an old version that cannot be read names no id
                if record is not None:
                    found.append((record.id, tuple(item.id for item in record.list_items)))
                    break
    finally:
        objects.close()
    return KnownItems.pooled(found)


def _config_at(config: Config, state: RepositoryState, objects: ObjectReader,
               commit: str, git: Git) -> Config:
    """`config` with the field map and `front_matter:` of its version in force in
    `commit` (`configured_sides.file_in_force`: a commit between a deletion and the
    file's return has the deleted one; as it is where that version does not load or
    there is none), to read specs there."""
    if config.file is None:
        return config
    _, found = file_in_force(objects, _config_path(config, state)[0], commit,
                             carrying(git, config))
    if found is None or found.content is None:
        return config
    try:
        version = config_version(found.content, config.file)
    except ConfigError:
        return config
    return replace(config, fields=version.fields, front_matter=version.front_matter)


def _config_path(config: Config, state: RepositoryState) -> list[str]:
    """The configuration file's path from the top of the work tree (none without one)."""
    if config.file is None:
        return []
    path = config.file.relative_to(config.root).as_posix()
    prefix = config_prefix(config, state.work_tree)
    return [f"{prefix}/{path}" if prefix else path]

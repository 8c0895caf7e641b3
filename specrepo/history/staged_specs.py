"""The staged versions of the spec files a hook's run judges (`validate --history
--changed-since`, the pre-commit and commit-msg hooks): the commit being made is the index,
so a spec file whose work-tree copy differs from the index's (a partial staging, `git add`
then an edit not staged) is judged by what the index stages, its status, id and the rest,
as `validate --history` will judge the commit once made (trial42b hook-status-from-
worktree-not-index: a staged illegal move passed beside a legal status left unstaged)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.gitio.intent_to_add import intent_to_add
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.pending import UNMERGED_BLOB, unstaged_changes
from specrepo.history.mine import config_prefix, spec_locations_below
from specrepo.load.locations import (
    MARKDOWN_SUFFIXES,
    SPEC_SUFFIXES,
    SpecLocation,
    location_matcher,
    pathspecs,
)
from specrepo.load.staged_versions import UNMERGED, StagedProblem, StagedVersion
from specrepo.load.unlisted_folders import CANNOT_READ, unexaminable, unlisted_folder
from specrepo.model.config import Config
from specrepo.model.history import History

StagedTexts = dict[str, StagedVersion | None]
"""Spec file (path from the repository's top) -> the bytes the index stages for it, or why
there are none to read (`load.staged_versions`: over `max_file_size`, unmerged); None: the
index holds no file there (a symbolic link, a submodule)."""


def staged_texts(config: Config, mined: History, spec_files: Callable[[], Iterable[Path]],
                 index: Mapping[str, str] | None = None, unwatched: Iterable[str] = ()
                 ) -> StagedTexts:
    """The spec files of today's locations whose work-tree copy differs from the index's
    (`git diff-files`: the index git reads, `GIT_INDEX_FILE` in a hook), each with the
    bytes the index holds, as git stores them and `git checkout` writes them (through the
    path's clean/smudge filter, as the history reads every version). Empty when the work
    tree holds what the index does; before the first commit too, the index's versions are
    the commit being made's. A file the index holds added with intent to add only (`git
    add -N`) has none: git commits no version of it. `mined`: the run's history,
    which says where the repository is and HEAD (the walk asked git once: no git asked
    again); `spec_files`: the run's listing of spec files (where links among them lead is
    read from it, as the walk read it). `index`: the index's entries (`IndexSide`), and
    those of them git does not compare with the work tree (`unwatched`: assume-unchanged,
    skip-worktree), which `git diff-files` never names: each one the work tree holds is
    compared here, its staged version judged where the work tree's copy differs, as `git
    commit` commits the index's. Raises `HistoryError` when git cannot diff or read a
    blob."""
    unread = _below_unread_folders(mined.work_tree, spec_files(), index or {})
    unread.update({path: index[path] for path in unwatched if index and path in index
                   and inputs.reader.lexists(mined.work_tree / path)})
    return _staged_in(config, mined, spec_locations_below(config, mined.work_tree, spec_files),
                      unread)


def staged_texts_in(config: Config, mined: History, locations: Iterable[SpecLocation]
                    ) -> StagedTexts:
    """`staged_texts` of the files of other `locations` than the configured ones (relative
    to the configuration's folder, as `Config.locations`; no link among them followed):
    the YAML files of the Markdown locations, which a hook's run searches for specs left
    unread (`check.unread_yaml_specs`). Raises `HistoryError` as that does."""
    prefix = config_prefix(config, mined.work_tree)
    return _staged_in(config, mined, [location.below(prefix) for location in locations], {})


def _staged_in(config: Config, mined: History, located: Sequence[SpecLocation],
               unread: Mapping[str, str]) -> StagedTexts:
    """`staged_texts` of the files of `located` (relative to the repository's top) and of
    those `unread` (`_below_unread_folders`: path -> the index's object id)."""
    git = Git(mined.work_tree)  # as `open_repository` gives it: paths from the top
    git.common_dir = mined.git_dir
    covered = location_matcher(located)  # git's pathspecs name a superset of the specs
    differing = {path: blob for path, blob in unstaged_changes(git, pathspecs(located)).items()
                 if covered(path)}
    differing.update(unread)
    for path in intent_to_add(git, differing):  # git commits none: no version to judge
        del differing[path]
    if not differing:
        return {}
    objects = ObjectReader(git, config.max_file_size)
    try:
        staged = {path: _version(objects, blob, path) for path, blob in sorted(differing.items())}
    finally:
        objects.close()
    return {path: raw for path, raw in staged.items()
            if (here := _work_tree_bytes(mined.work_tree / path)) is not _UNREADABLE
            and (not isinstance(raw, bytes) or raw != here)}


def _version(objects: ObjectReader, blob: str | None, path: str) -> StagedVersion | None:
    """The staged version of the index's `blob` at `path` (`unstaged_changes`' answer):
    its bytes, through the path's filter, or why there are none (over the size limit: its
    size; unmerged); None where the index holds no file."""
    if blob is None:
        return None
    if blob == UNMERGED_BLOB:
        return UNMERGED
    read = objects.read(blob, path)
    return read.content if read.content is not None else StagedProblem(read.size)


def _below_unread_folders(top: Path, listed: Iterable[Path], index: Mapping[str, str]
                          ) -> dict[str, str]:
    """The `index` entries (path from `top` -> object id) below a folder of the `listed`
    spec files that cannot be read (`unlisted_folder`) whose work-tree file cannot be
    examined (`unexaminable`: `chmod 000 specs/sub`), which `git diff-files` passes over
    ("Permission denied"): the index holds the commit being made's version of each, which
    git reads whatever the folder's mode, so its move is judged (trial44b changed-since-
    unreadable-folder-passes-silently); the folder is named unreadable where it is read."""
    folders = [folder.relative_to(top).as_posix() + "/" for folder in listed
               if not folder.name.lower().endswith(SPEC_SUFFIXES + MARKDOWN_SUFFIXES)
               and folder.is_relative_to(top)  # (no system call for a spec file's name)
               and (why := unlisted_folder(folder, top)) is not None
               and why.startswith(CANNOT_READ[0])]
    return {path: blob for path, blob in index.items() if path.startswith(tuple(folders))
            and unexaminable(top / path, top) is not None} if folders else {}


_UNREADABLE = b"\0unreadable"
"""`_work_tree_bytes` of a file that is there and cannot be read (`chmod 000`): not known
to differ from the index's (git cannot read it either), so not said to (trial44b
hook-unreadable-file-said-staged-differs); the file is named unreadable where it is read."""


def _work_tree_bytes(file: Path) -> bytes | None:
    """The bytes of the work tree's `file`; None when there is none (`git diff-files`
    names a file whose stat alone changed, its content the index's: not a version of its
    own); `_UNREADABLE` when a file is there that cannot be opened."""
    try:
        return inputs.reader.read_bytes(file)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except OSError:
        return _UNREADABLE if inputs.reader.isfile(file) else None

"""Where a commit that added the configuration file took it from: the configuration renamed
(`git mv spec-config.yaml cfg.yaml`, to any name), moved with its specs (`git mv
specrepo.yaml specs design/`), both, or brought in by a subtree import (`git read-tree
--prefix=design/`), whose earlier versions name the spec locations of the commits before,
relative to the folder it was in then. The one rule every reader of the configuration's
earlier versions follows (trial36c): only one configuration is in force at a time, so the
file a commit adds at the path the run uses continues the one its parent had, where git's
rename detection says, else where the commit's deletions say."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Final

from specrepo.gitio.git_command import Git
from specrepo.gitio.intent_to_add import ITA_INVISIBLE
from specrepo.gitio.renames import detect_renames

DEFAULT_NAME: Final = "specrepo.yaml"
"""The name a run without `--config` looks for (`model.config.CONFIG_FILE_NAME`)."""
_CHUNK: Final = 1000
"""Deleted files asked about in one rename detection at most (the command line's length)."""


def configuration_sources(git: Git, commit: str | None, parents: Sequence[str],
                          path: str, *, any_name: bool = True) -> list[tuple[str, str, str]]:
    """(parent, path, blob) of each file that `commit` (None: the commit being made, as the
    index stages it, `git diff-index --cached`: what the walk will read once it is made, not
    the work tree's unstaged edits or deletions; hook41) took the configuration file at
    `path` from (paths from the repository's top), in each parent
    that lacks `path`, best first:

    1. the file git's rename detection pairs it with, among the files the commit deleted
       (any name, any folder; an identical one first, one of the same name before others,
       else git's `-M` among the deleted files and `path` alone, its 50% similarity);
    2. a file the commit kept but changed whose earlier content the file at `path` has (a
       copy brought in beside one the commit keeps: a subtree import);
    3. when neither, the configuration deleted and added in one go (a rename with an edit
       too big for git's similarity): a deleted file of the same name, else `specrepo.yaml`
       of `path`'s folder (deleted or kept: what a run without `--config` read), else a
       deleted `specrepo.yaml` elsewhere.

    A file added from nowhere has none (specrepo adopted). Without `any_name`, only files
    of `path`'s name count (a later commit that renamed the file away: `diff` reads such a
    side with the defaults). Raises `HistoryError` when git cannot diff."""
    found: list[tuple[str, str, str]] = []
    for parent in parents:
        entries = _entries(git.run(
            *(("diff-tree", "-r") if commit is not None
              else ("diff-index", "--cached", ITA_INVISIBLE)),
            "--raw", "-z", "--no-renames", "--no-abbrev", "--no-ext-diff", parent,
            *((commit,) if commit else ())))
        added = entries.get(path)
        if added is None or added[0] is not None or added[1] is None:
            continue  # this parent has the file at `path` already (or the commit lacks it)
        name = posixpath.basename(path)
        entries = {other: change for other, change in entries.items()
                   if any_name or posixpath.basename(other) == name}
        deleted = {other: old for other, (old, new) in entries.items()
                   if old is not None and new is None}
        sources = [(parent, other, deleted[other]) for other in _renamed_from(
            git, parent, commit, path, added[1], deleted)]
        sources.extend((parent, other, old) for other, (old, new) in sorted(entries.items())
                       if other != path and new is not None and old == added[1])
        found.extend(sources or _deleted_and_added(git, parent, path, entries, any_name))
    return found


def _renamed_from(git: Git, parent: str, commit: str | None, path: str, blob: str,
                  deleted: dict[str, str]) -> list[str]:
    """The deleted file (of `deleted`: path -> blob in `parent`) git's rename detection
    takes the file at `path` (`blob`) for: an identical one (one of the same name first),
    else the most similar one, 50% at least (git's `-M` among those files and `path` only;
    over `_CHUNK` deleted files, the first thousand in path order that hold one); none
    when no file was deleted."""
    name = posixpath.basename(path)
    identical = sorted((other for other, old in deleted.items() if old == blob),
                       key=lambda other: (posixpath.basename(other) != name, other))
    if identical:
        return identical[:1]
    candidates = sorted(deleted)
    for start in range(0, len(candidates), _CHUNK):
        pairs = detect_renames(git, parent, commit, candidates[start:start + _CHUNK], [path])
        if pairs:
            return [pairs[0][0]]
    return []


def _deleted_and_added(git: Git, parent: str, path: str,
                       entries: dict[str, tuple[str | None, str | None]], any_name: bool
                       ) -> list[tuple[str, str, str]]:
    """Rule 3 of `configuration_sources`: (parent, path, blob) of the configuration that
    the commit deleted as it added the one at `path` with no pair git sees."""
    name, folder = posixpath.basename(path), posixpath.dirname(path)
    default = posixpath.join(folder, DEFAULT_NAME)
    gone = sorted((other, old) for other, (old, new) in entries.items()
                  if old is not None and new is None)
    same = [(parent, other, old) for other, old in gone if posixpath.basename(other) == name]
    if same or not any_name:
        return same
    if default != path:
        kept = entries[default][0] if default in entries else _blob_at(git, parent, default)
        if kept is not None:
            return [(parent, default, kept)]
    return [(parent, other, old) for other, old in gone
            if posixpath.basename(other) == DEFAULT_NAME]


def _blob_at(git: Git, commit: str, path: str) -> str | None:
    """The blob of the file at `path` (from the top) in `commit` (None: no file there)."""
    listed = git.run("ls-tree", "-z", "--full-tree", commit, "--", path).split(b"\0")[0]
    meta, _, named = listed.partition(b"\t")
    mode, kind, blob = [*meta.decode().split(" "), "", "", ""][:3]
    return blob if kind == "blob" and mode.startswith("100") and \
        named.decode("utf-8", "surrogateescape") == path else None


def _entries(raw: bytes) -> dict[str, tuple[str | None, str | None]]:
    """path -> (old blob, new blob; None: no file there) of a `--raw -z` diff's files."""
    tokens = raw.split(b"\0")
    entries = {}
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        if not meta.startswith(b":"):
            continue
        old_mode, new_mode, old_sha, new_sha, _ = meta[1:].decode().split(" ", 4)
        entries[path.decode("utf-8", "surrogateescape")] = (
            old_sha if old_mode.startswith("100") else None,
            new_sha if new_mode.startswith("100") else None)
    return entries

"""Whether files of the work tree hold what a commit holds, by content: each file's blob as
git would store it at its path (through its end-of-line conversion and clean filters)
against the commit's blob, whatever git's status makes of the file (ignored, marked
assume-unchanged or skip-worktree), and the index's entries against the commit's."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.gitio.index_files import FILE_MODES, LINK_MODE, index_entries
from specrepo.gitio.object_hash import hash_like
from specrepo.gitio.worktree_diff import hashed_paths, work_tree_paths


class CommittedFile(NamedTuple):
    """A file's entry in a commit's tree: its mode (git's octal text) and its blob."""

    mode: bytes
    blob: str


def committed_files(git: Git, commit: str, places: Iterable[str]) -> dict[str, CommittedFile]:
    """The files of `commit` at or below `places` (paths from the top of the work tree, a
    folder's standing for every file below it), by path from the top: one `git ls-tree`.
    Raises `HistoryError` when git fails."""
    named = sorted({f":(literal){place.rstrip('/')}" for place in places if place.strip("/")})
    if not named:
        return {}
    output = git.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", *named)
    found: dict[str, CommittedFile] = {}
    for record in output.split(b"\0"):
        meta, tab, path = record.partition(b"\t")
        if tab:
            mode, _, blob = meta.split(b" ")
            found[path.decode("utf-8", "surrogateescape")] = CommittedFile(mode, blob.decode())
    return found


def differing_files(git: Git, top: Path, commit: str | None,
                    committed: Mapping[str, CommittedFile],
                    work_files: Iterable[str]) -> list[str]:
    """Those of the paths of `committed` (`committed_files`) and `work_files` (files of the
    work tree, from its top folder `top`) whose file in the work tree does not hold the
    commit's blob (`commit` None: `committed` are the index's entries), sorted: one
    missing on either side (a folder or a submodule where the commit has a file counts
    as missing), or whose content git would store as another blob. A file whose bytes
    are the blob (`file_object_id`) is the commit's at no cost;
    git hashes the others as it would store them at their paths (`git hash-object
    --stdin-paths`, one process for them all: `core.autocrlf`, `eol`, `text` and clean
    filters applied, so a checkout's CRLF endings are no difference). A link's change is
    asked of `git diff` against the commit, or the index (it holds its target's path,
    which git hashes and this does not).
    Raises `HistoryError` when git fails."""
    differing: set[str] = set()
    hashed: list[str] = []
    links: list[str] = []
    base = f"{top}{os.sep}"  # text, not a Path: 2,000 specs' paths are 20 ms of pathlib
    for path in sorted({*committed, *work_files}):
        entry, name = committed.get(path), base + path
        try:
            status = inputs.reader.lstat(name)
        except OSError:  # missing (or unreadable: git could not read it either)
            differing.add(path)
            continue
        if entry is None or not (stat.S_ISREG(status.st_mode) or stat.S_ISLNK(status.st_mode)):
            differing.add(path)
        elif stat.S_ISLNK(status.st_mode) or entry.mode == LINK_MODE:
            links.append(path)
        elif entry.mode not in FILE_MODES:
            differing.add(path)
        elif _read_object_id(name, status, entry.blob) != entry.blob:
            hashed.append(path)
    differing.update(_hashed_apart(git, top, committed, hashed))
    if links:
        differing.update(_changed_links(git, top, commit, links))
    return sorted(differing)


def differing_from_index(git: Git, top: Path, paths: Iterable[str]
                         ) -> tuple[dict[str, CommittedFile], list[str]]:
    """The index's entries for `paths` (files from the top folder `top` of the work tree;
    unmerged and intent-to-add ones left out: the commit being made holds none of them),
    and those of `paths` whose work-tree file does not hold the index's version
    (`differing_files` against the index: by content, so a file marked assume-unchanged or
    skip-worktree is compared too; one the index does not hold differs where the work tree
    has it). Raises `HistoryError` when git fails."""
    asked = list(paths)
    entries = {path: CommittedFile(entry.mode, entry.blob) for path, entry in index_entries(
        git, [f":(top,literal){path}" for path in asked]).items() if not entry.unmerged}
    present = [path for path in asked if inputs.reader.lexists(top / path)]
    return entries, differing_files(git, top, None, entries, present)


def staged_changes(git: Git, commit: str) -> frozenset[str]:
    """The paths (from the top of the work tree) whose index entry differs from `commit`'s
    (`git diff --cached`: staged, added, removed). Raises `HistoryError` when git fails."""
    output = git.run("diff", "--cached", "--name-only", "--no-renames", "-z",
                     "--ignore-submodules=none", commit, "--")
    return frozenset(path.decode("utf-8", "surrogateescape")
                     for path in output.split(b"\0") if path)


def ignored_files(git: Git, paths: Iterable[str]) -> frozenset[str]:
    """Those of `paths` (from the top of the work tree, not in the index) that git ignores
    (`.gitignore`, `.git/info/exclude`, `core.excludesFile`: `git check-ignore`)."""
    asked = [f":(top){path}" for path in paths]  # check-ignore takes no `literal`
    if not asked:
        return frozenset()
    answer = git.attempt("check-ignore", "-z", "--stdin",
                         stdin=b"\0".join(path.encode("utf-8", "surrogateescape")
                                          for path in asked) + b"\0")
    return frozenset(path.decode("utf-8", "surrogateescape").removeprefix(":(top)")
                     for path in answer.stdout.split(b"\0") if path)


def status_blind_files(git: Git, paths: Iterable[str]) -> frozenset[str]:
    """Those of `paths` (from the top of the work tree) whose index entry is marked
    assume-unchanged or skip-worktree (`git ls-files -v`: a lower-case tag, or `S`), whose
    changes `git status` and `git diff` do not show."""
    asked = [f":(top,literal){path}" for path in paths]
    if not asked:
        return frozenset()
    output = git.run("ls-files", "-v", "-z", "--", *asked).decode("utf-8", "surrogateescape")
    return frozenset(record[2:] for record in output.split("\0") if hides_changes(record[:1]))


def hides_changes(tag: str) -> bool:
    """Whether a `git ls-files -v` tag marks an entry whose work-tree changes `git status`
    and `git diff` do not show: a lower-case tag (assume-unchanged; `s` has both bits) or
    `S` (skip-worktree)."""
    return tag.islower() or tag == "S"


def _hashed_apart(git: Git, top: Path, committed: Mapping[str, CommittedFile],
                  paths: list[str]) -> list[str]:
    """Those of `paths` whose content git would store as another blob than `committed`'s
    (git reads the paths from the top of the work tree, whatever folder it runs in)."""
    blobs = hashed_paths(git, str(top), [path.encode("utf-8", "surrogateescape")
                                         for path in paths])
    return [path for path, blob in zip(paths, blobs, strict=True)
            if blob != committed[path].blob]


def _changed_links(git: Git, top: Path, commit: str | None, paths: list[str]) -> list[str]:
    against = () if commit is None else (commit,)  # none: the index against the work tree
    return work_tree_paths(git, against, top=top,
                           pathspecs=[f":(top,literal){path}" for path in paths])


def file_object_id(path: Path, like: str) -> str | None:
    """The object id git gives the bytes of the file `path` as a blob, in the object format
    of the object id `like` (SHA-1: 40 hex digits, SHA-256: 64), read in parts (a file may
    be large); None when it is not a file (missing, a folder, a symbolic link: git keeps a
    link's target) or cannot be read."""
    try:
        status = inputs.reader.lstat(path)
    except OSError:
        return None
    return _read_object_id(path, status, like)


def _read_object_id(path: Path | str, status: os.stat_result, like: str) -> str | None:
    """`file_object_id` of the file `path` whose status (`lstat`) is `status`."""
    if not stat.S_ISREG(status.st_mode):  # nor opened: a named pipe would wait
        return None
    digest = hash_like(like)
    digest.update(b"blob %d\0" % status.st_size)
    try:
        with inputs.reader.open_binary(path) as stream:
            while part := stream.read(1 << 20):
                digest.update(part)
    except OSError:
        return None
    return digest.hexdigest()  # a file that grew while read gets another id: git is asked

"""Comparisons with the work tree that leave the repository's files alone.

`git diff` (porcelain) refreshes the index's stat data when a file's stat changed but not
its content, taking `index.lock` and rewriting the index, whatever `GIT_OPTIONAL_LOCKS`
says: a user's concurrent `git add` could fail, and the index specrepo did not write would
change. Its plumbing, `git diff-index` and `git diff-files`, only reads the index, and
names such a file with the null object id on the work tree's side; its content is hashed
here as git would store it (`git hash-object --stdin-paths` through the path's filters,
without `-w`), and the file left out when it is the old side's blob, as `git diff` does."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.gitio.git_command import Git
from specrepo.gitio.intent_to_add import ITA_INVISIBLE
from specrepo.gitio.object_hash import hash_like

_FILE_MODES = (b"100644", b"100755")
_LINK_MODE = b"120000"


def work_tree_arguments(revisions: Sequence[str]) -> tuple[str, ...]:
    """The read-only git command for `git diff [REVISION]` against the work tree: `git
    diff-index REVISION`, or, without one, `git diff-files` (the index against the work
    tree); new files added with `--intent-to-add` are new, as `git diff` shows them."""
    if revisions:
        return ("diff-index", ITA_INVISIBLE, *revisions)
    return ("diff-files", ITA_INVISIBLE)


def work_tree_raw(git: Git, revisions: Sequence[str], *options: str,
                  pathspecs: Sequence[str] = (), top: Path | None = None) -> bytes:
    """`git diff --raw -z --no-abbrev --no-renames [REVISION]` against the work tree with
    `options`, as git's porcelain gives it, without writing the index (`settled`; `top`,
    the work tree's top folder, when the caller knows it)."""
    raw = git.run(*work_tree_arguments(revisions), "--raw", "-z", "--no-abbrev",
                  "--no-renames", *options, "--", *pathspecs)
    return settled(git, raw, top)


def work_tree_paths(git: Git, revisions: Sequence[str], *options: str,
                    pathspecs: Sequence[str] = (), top: Path | None = None) -> list[str]:
    """The paths (from the top of the work tree) `git diff --name-only [REVISION]` names
    against the work tree with `options`, without writing the index."""
    raw = work_tree_raw(git, revisions, *options, pathspecs=pathspecs, top=top)
    tokens = raw.split(b"\0")
    return [path.decode("utf-8", "surrogateescape") for path in tokens[1::2] if path]


def settled(git: Git, raw: bytes, known_top: Path | None = None) -> bytes:
    """`raw` (`--raw -z --no-abbrev --no-renames` records of a comparison with the work
    tree) without the files git named only for their changed stat: modified, the mode
    unchanged, the null id on the work tree's side, and the content the old side's blob."""
    tokens = raw.split(b"\0")
    records = list(zip(tokens[0::2], tokens[1::2], strict=False))
    suspects = [index for index, (meta, _) in enumerate(records) if _stat_only(meta)]
    if not suspects:
        return raw
    top = str(known_top) if known_top else git.text("rev-parse", "--show-toplevel").strip()
    links = {index for index in suspects if records[index][0][1:7] == _LINK_MODE}
    # A file this user cannot read stays a change, as `git diff` names one it cannot read
    # (its reader says why: `cannot read the file`), never a failed hashing of them all.
    files = [index for index in suspects if index not in links and inputs.reader.access(
        os.path.join(top, os.fsdecode(records[index][1])), os.R_OK)]
    ids: dict[int, str | None] = dict(zip(
        files, hashed_paths(git, top, [records[index][1] for index in files]), strict=True))
    for index in links:
        ids[index] = link_id(os.path.join(top, os.fsdecode(records[index][1])),
                              _old_id(records[index][0]))
    unchanged = {index for index, blob in ids.items() if blob == _old_id(records[index][0])}
    return b"".join(meta + b"\0" + path + b"\0"
                    for index, (meta, path) in enumerate(records) if index not in unchanged)


def _stat_only(meta: bytes) -> bool:
    """Whether a raw record may name a file whose stat alone changed."""
    fields = meta[1:].split(b" ")
    return (len(fields) == 5 and fields[4] == b"M" and fields[0] == fields[1]
            and fields[0] in (*_FILE_MODES, _LINK_MODE) and not fields[3].strip(b"0"))


def _old_id(meta: bytes) -> str:
    return meta[1:].split(b" ")[2].decode()


def hashed_paths(git: Git, top: str, paths: list[bytes]) -> list[str]:
    """The blobs git would store for `paths` (from `top`), through their filters, unwritten."""
    if not paths:
        return []
    lines = b"".join(quoted_path(path.decode("utf-8", "surrogateescape")) + b"\n"
                     for path in paths)
    return git.run("-C", top, "hash-object", "--stdin-paths", stdin=lines).decode().split()


def link_id(path: str | Path, like: str) -> str | None:
    """The blob id of the symbolic link `path`'s target, in `like`'s object format; None
    when `path` is no link."""
    try:
        target = os.fsencode(inputs.reader.readlink(path))
    except OSError:
        return None
    digest = hash_like(like)
    digest.update(b"blob %d\0" % len(target) + target)
    return digest.hexdigest()


def quoted_path(path: str) -> bytes:
    """`path` as `git hash-object --stdin-paths` reads a line: C-quoted when it holds a
    line break, a backslash or a double quote or starts with one (git unquotes a line
    that starts with `"`), else as it is."""
    raw = path.encode("utf-8", "surrogateescape")
    if not any(character in raw for character in (b"\n", b"\\", b'"')):
        return raw
    escaped = raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n")
    return b'"' + escaped + b'"'

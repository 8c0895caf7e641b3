"""Each commit's tracked files read from its tree objects through the shared `cat-file`
(`tracked_files_of`): no git of its own, and a folder two commits share (a commit that
changed only the configuration and its parent, a merge and the branch's commit it
brings) read once a run."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeAlias
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader

Entries: TypeAlias = "tuple[tuple[str, str, bool], ...]"
"""A tree's files and folders, in git's order: (name, object id, whether a folder)."""

_TREES: WeakKeyDictionary[Git, dict[str, Entries]] = WeakKeyDictionary()
"""Each tree read, by the run's `Git`, by its id."""
_ENTRIES: WeakKeyDictionary[Git, dict[tuple[str, str], bool]] = WeakKeyDictionary()
"""`holds_entry`'s answers, by the run's `Git`, by commit and path: the adoption, a staged
configuration's check and the configuration's line ask the same of HEAD."""
_ASKED: WeakKeyDictionary[Git, dict[tuple[str, str], threading.Lock]] = WeakKeyDictionary()
"""Held while `holds_entry` asks, by the run's `Git`, by commit and path: the adoption
asks in a thread of its own (`find_ahead`), and a caller that asks the same meanwhile
waits for its answer; one that asks of another commit or path does not."""
_KEYING = threading.Lock()
"""Held while a key's lock is taken from `_ASKED` (never while git runs)."""
_KIND = 0o170000
_FOLDER = 0o040000
_FILE = 0o100000
_LINK = 0o120000


def tracked_files_of(objects: ObjectReader, commits: Sequence[str]
                     ) -> list[dict[str, str]]:
    """Every file of each of `commits` (full commit ids; a path from the repository's
    top -> its blob id, in `git ls-tree -r`'s order; no link, no submodule): their tree
    objects asked of `objects`' `cat-file`, each folder's all at once, one depth after
    another, a tree read before not asked again. Raises `HistoryError` for a commit or
    tree git cannot read."""
    if not commits:
        return []
    unique = list(dict.fromkeys(commits))
    roots = dict(zip(unique, objects.trees_of(unique), strict=True))
    trees = _TREES.setdefault(objects.git, {})
    width = len(next(iter(roots.values()))) // 2  # bytes of an id: SHA-1's or SHA-256's
    wanted = [tree for tree in dict.fromkeys(roots.values()) if tree not in trees]
    while wanted:
        trees.update(zip(wanted, (_entries(content, width)
                                  for content in objects.tree_contents(wanted)), strict=True))
        wanted = list(dict.fromkeys(sha for tree in wanted for _, sha, folder in trees[tree]
                                    if folder and sha not in trees))
    listed = {commit: _files(trees, root) for commit, root in roots.items()}
    return [listed[commit] for commit in commits]


def holds_file(git: Git, revision: str, path: str) -> bool:
    """Whether `revision` has a file at `path` (from the top; not a link, a folder nor a
    submodule: as `git diff --raw` tells a file by its mode), read from its folder's tree
    (`_entry_at`); False when git cannot tell."""
    entry = _entry_at(git, revision, path)
    return entry is not None and entry[0] == _FILE


def refuse_lost_file(git: Git, commit: str, path: str) -> None:
    """Raise `HistoryError` (git's object missing, naming `path`) when the tree of `commit`
    names a file or a link at `path` whose blob git does not hold: `cat-file --batch`
    answers `missing` for `commit:path` then as for a path the tree lacks, so a reader that
    asked so would take the file for absent (newuser72: `validate --changed-since REF`
    checked none of the specs naming its items, or read REF's configuration as none, exit
    0). Read from its folder's tree (`_entry_at`: one round trip, for a reader's "no file"
    only); nothing when git cannot read that tree (what reads it says so)."""
    from specrepo.gitio.git_command import HistoryError  # noqa: PLC0415 (on "no file" only)
    from specrepo.gitio.object_damage import MISSING, unreadable_words  # noqa: PLC0415

    entry = _entry_at(git, commit, path)
    if entry is not None and entry[0] in (_FILE, _LINK):
        raise HistoryError(unreadable_words(entry[1], path, MISSING))


def _entry_at(git: Git, revision: str, path: str) -> tuple[int, str] | None:
    """The kind (its mode's type bits: `_FILE`, `_LINK`, `_FOLDER`...) and object id of
    the entry at `path` (from the top) in `revision`'s tree, read from its folder's tree
    object through `git`'s shared `cat-file` (`shared_answer`); None when that tree names
    nothing so, or git cannot read it."""
    from specrepo.gitio.shared_batch import shared_answer  # noqa: PLC0415

    folder, _, name = path.rpartition("/")
    tree = shared_answer(git, f"{revision}:{folder}" if folder else f"{revision}^{{tree}}",
                         1 << 62)
    if tree is None or tree[1] != "tree" or tree[3] is None:
        return None
    content, width = tree[3], len(tree[0]) // 2
    wanted = name.encode("utf-8", "surrogateescape")
    at, end = 0, len(content)
    while at < end:
        space = content.index(b" ", at)
        name_end = content.index(b"\0", space)
        kind, at = int(content[at:space], 8) & _KIND, name_end + 1 + width
        if content[space + 1:name_end] == wanted:
            return kind, content[name_end + 1:at].hex()
    return None


def holds_entry(git: Git, commit: str, path: str) -> bool:
    """Whether `commit`'s tree (a full commit id: its answer is kept for the run) has an
    entry (a file, a folder, a link, a submodule) at `path` (from the top), read from its
    trees alone (`git rev-parse --verify`): the entry's own object is not looked for, so a
    partial clone's missing blob is not fetched on its own, one round trip each (`git
    cat-file -e` would fetch it: git's lazy fetch, see `partial_clone`). False when git
    cannot tell (a tree it cannot read)."""
    with _KEYING:
        known = _ENTRIES.setdefault(git, {})
        asking = _ASKED.setdefault(git, {}).setdefault((commit, path), threading.Lock())
    with asking:
        if (commit, path) not in known:
            known[commit, path] = git.attempt("rev-parse", "--quiet", "--verify",
                                              f"{commit}:{path}").returncode == 0
        return known[commit, path]


def _entries(content: bytes, width: int) -> Entries:
    """The files and folders a tree object's `content` holds (`<mode> <name>\\0<id>` each,
    the id `width` bytes), as git reads their modes: a link or anything but a file or a
    folder (a submodule) left out."""
    found = []
    at, end = 0, len(content)
    while at < end:
        space = content.index(b" ", at)
        name_end = content.index(b"\0", space)
        kind = int(content[at:space], 8) & _KIND
        at = name_end + 1 + width
        if kind in (_FILE, _FOLDER):
            found.append((content[space + 1:name_end].decode("utf-8", "surrogateescape"),
                          content[name_end + 1:at].hex(), kind == _FOLDER))
    return tuple(found)


def _files(trees: dict[str, Entries], root: str) -> dict[str, str]:
    """The files below the tree `root` (all read into `trees`), depth first in git's
    order (a folder's files where its name sorts)."""
    files: dict[str, str] = {}
    stack: list[tuple[str, Iterator[tuple[str, str, bool]]]] = [("", iter(trees[root]))]
    while stack:
        prefix, entries = stack[-1]
        for name, sha, folder in entries:
            if folder:
                stack.append((f"{prefix}{name}/", iter(trees[sha])))
                break
            files[prefix + name] = sha
        else:
            stack.pop()
    return files

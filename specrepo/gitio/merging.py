"""A merge in progress: the commits `git merge` is merging (MERGE_HEAD), and merge bases."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.gitio.git_command import Git, HistoryError

_COMMIT_ID: Final = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def merge_heads(work_tree_git_dir: Path, git: Git | None = None) -> tuple[str, ...]:
    """The commits a merge not concluded yet merges into HEAD, as git lists them in the work
    tree's own git folder (`MERGE_HEAD`: one line per commit, several for an octopus
    merge); none when no merge is in progress (or the file cannot be read). With `git`
    (the repository's), in a `pre-merge-commit` hook too, where git has written no
    MERGE_HEAD yet (a merge that needs no resolving: `_hook_merge_heads`)."""
    try:
        text = inputs.reader.read_text(work_tree_git_dir / "MERGE_HEAD", encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return _hook_merge_heads(git, work_tree_git_dir) if git is not None else ()
    return tuple(line.strip() for line in text.splitlines()
                 if _COMMIT_ID.fullmatch(line.strip()))


def _hook_merge_heads(git: Git, work_tree_git_dir: Path) -> tuple[str, ...]:
    """The commits `git merge` (or `git pull`) is merging while it runs a hook before
    writing MERGE_HEAD (`pre-merge-commit`, for a merge that needs no resolving: the index
    is the merge's), as its environment tells: `GIT_REFLOG_ACTION` is `merge` and the
    commits named on its command line (each asked of git), or, for `git pull`, `pull ...`
    and the fetched heads FETCH_HEAD marks for merging. None outside such a hook, or when
    a name does not lead to a commit (then the commit is judged as any commit is)."""
    action = inputs.reader.environment().get("GIT_REFLOG_ACTION", "").split()
    if action[:1] == ["pull"]:
        try:
            fetched = inputs.reader.read_text(work_tree_git_dir / "FETCH_HEAD",
                                              encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ()
        return tuple(line.split("\t")[0] for line in fetched.splitlines()
                     if line.split("\t")[1:2] == [""]
                     and _COMMIT_ID.fullmatch(line.split("\t")[0]))
    names = action[1:]
    if action[:1] != ["merge"] or not names or any(name.startswith("-") for name in names):
        return ()
    found = git.attempt("rev-parse", *(f"{name}^{{commit}}" for name in names), "--")
    heads = [head for head in found.stdout.decode("ascii", "replace").split()
             if _COMMIT_ID.fullmatch(head)]
    return tuple(heads) if found.returncode == 0 and len(heads) == len(names) else ()


def commit_parents(git: Git, commit: str) -> tuple[str, ...]:
    """The parents of `commit`, first parent first (none for a root commit). Raises
    `HistoryError` when git cannot name them."""
    return tuple(git.text("rev-parse", f"{commit}^@").split())


def merge_base(git: Git, one: str, other: str) -> str | None:
    """The best common ancestor of two commits (`git merge-base`); None when they share
    no history."""
    found = git.attempt("merge-base", one, other)
    base = found.stdout.decode("ascii", "replace").strip()
    return base if found.returncode == 0 and _COMMIT_ID.fullmatch(base) else None


def files_differing(git: Git, pairs: Sequence[tuple[str, str]]) -> list[dict[str, str | None]]:
    """For each pair of commits (one, other), the files that differ between them (paths
    from the top) with the blob `other` holds (None: no file there), from one `git
    diff-tree --stdin` for all. Raises `HistoryError` when git fails."""
    if not pairs:
        return []
    listed = git.run("diff-tree", "--stdin", "--always", "-r", "-z", "--raw", "--no-renames",
                     "--no-abbrev", stdin="".join(f"{one} {other}\n"
                                                  for one, other in pairs).encode())
    found: list[dict[str, str | None]] = []
    tokens = iter(listed.split(b"\0"))
    for token in tokens:
        if not token.startswith(b":"):
            if token.strip():  # a pair's head line: its changes follow
                found.append({})
            continue
        path = next(tokens, b"").decode("utf-8", "surrogateescape")
        mode, blob = token.split(b" ")[1], token.split(b" ")[3].decode("ascii")
        if found:
            found[-1][path] = blob if mode.startswith(b"100") else None
    if len(found) != len(pairs):
        raise HistoryError(f"git diff-tree listed {len(found)} pairs of {len(pairs)}")
    return found

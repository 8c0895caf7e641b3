"""What a repository's remotes and branches say about it: the name of the repository a
remote points to, the branch it works on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, Literal, NamedTuple

from specrepo.gitio.git_command import Git, HistoryError

_TRAILER: Final = re.compile(r"(?:\.git)?/*$")
BranchSource = Literal["remote-head", "remote-branch", "local-branch", "checked-out"]


def repository_name(url: str) -> str | None:
    """The repository's name in a remote's URL, as git accepts them (RFC 3986 URLs,
    scp-like `host:path`, local paths): `https://github.com/acme/specs.git` -> `specs`,
    `git@github.com:acme/specs` -> `specs`. None when the URL names no path."""
    path = _TRAILER.sub("", url.strip())
    name = re.split(r"[/:\\]", path)[-1] if path else ""
    return name or None


def origin_repository_name(folder: Path) -> str | None:
    """The name of the repository the `origin` remote of the repository around `folder`
    points to; None without git, outside a repository, or without that remote."""
    try:
        completed = Git(folder).attempt("config", "--get", "remote.origin.url")
    except HistoryError:
        return None
    if completed.returncode != 0:
        return None
    return repository_name(completed.stdout.decode("utf-8", "replace"))


class ChosenBranch(NamedTuple):
    """The branch a repository works on, as `default_branch` chose it, and from what."""

    name: str
    source: BranchSource
    remote: str
    """The remote it was read from (`origin`, or the branch checked out's upstream's)."""


def default_branch(folder: Path) -> ChosenBranch | None:
    """The branch the repository around `folder` works on, never a feature branch when the
    repository says which its main line is: the remote's default branch when the clone
    knows it (`refs/remotes/REMOTE/HEAD`; REMOTE is the branch checked out's upstream's,
    else `origin`), else the one of `init.defaultBranch`, `main` and `master` that the
    remote has (`git push -u origin main` makes no `origin/HEAD`), else that a local branch
    is, else the branch checked out (even one with no commit yet: `git init` on `master`).
    None without git, outside a repository, or on a detached HEAD that no other rule
    settles."""
    git = Git(folder)
    try:
        checked_out = _symbolic(git, "HEAD", "refs/heads/")
        upstream = _config(git, f"branch.{checked_out}.remote") if checked_out else ""
        remote = upstream if upstream not in ("", ".") else "origin"
        if head := _symbolic(git, f"refs/remotes/{remote}/HEAD", f"refs/remotes/{remote}/"):
            return ChosenBranch(head, "remote-head", remote)
        names = list(dict.fromkeys(
            name for name in (_config(git, "init.defaultBranch"), "main", "master") if name))
        wanted: dict[str, tuple[str, BranchSource]] = {
            f"refs/remotes/{remote}/{name}": (name, "remote-branch") for name in names}
        wanted.update({f"refs/heads/{name}": (name, "local-branch") for name in names})
        listed = git.attempt("for-each-ref", "--format=%(refname)", *wanted)
    except HistoryError:
        return None
    found = set(listed.stdout.decode("utf-8", "surrogateescape").splitlines()) \
        if listed.returncode == 0 else set()
    for reference, (name, source) in wanted.items():  # the remote's first, in that order
        if reference in found:
            return ChosenBranch(name, source, remote)
    return ChosenBranch(checked_out, "checked-out", remote) if checked_out else None


def _symbolic(git: Git, reference: str, prefix: str) -> str:
    """The name below `prefix` that the symbolic `reference` points to; '' when it points
    elsewhere or is no symbolic reference."""
    completed = git.attempt("symbolic-ref", "--quiet", reference)
    name = completed.stdout.decode("utf-8", "surrogateescape").strip()
    return name[len(prefix):] if completed.returncode == 0 and name.startswith(prefix) \
        and name != prefix else ""


def _config(git: Git, key: str) -> str:
    """The value of the git setting `key`; '' when it is not set."""
    completed = git.attempt("config", "--get", key)
    return completed.stdout.decode("utf-8", "surrogateescape").strip() \
        if completed.returncode == 0 else ""

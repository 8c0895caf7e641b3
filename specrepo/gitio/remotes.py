"""What a repository's remotes say about it: the name of the repository a remote points to."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from specrepo.gitio.git_command import Git, HistoryError

_TRAILER: Final = re.compile(r"(?:\.git)?/*$")


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


def default_branch(folder: Path) -> str | None:
    """The branch the repository around `folder` works on: the `origin` remote's default
    branch when the clone knows it (`refs/remotes/origin/HEAD`), else the branch checked
    out (even one with no commit yet: `git init` on `master`); None without git, outside a
    repository, or on a detached HEAD."""
    for reference, prefix in (("refs/remotes/origin/HEAD", "origin/"), ("HEAD", "")):
        try:
            completed = Git(folder).attempt("symbolic-ref", "--quiet", "--short", reference)
        except HistoryError:
            return None
        name = completed.stdout.decode("utf-8", "replace").strip()
        if completed.returncode == 0 and name.startswith(prefix) and name != prefix:
            return name[len(prefix):]
    return None

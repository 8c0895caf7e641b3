"""Who the user is, according to git's configuration."""

from __future__ import annotations

from pathlib import Path

from specrepo.gitio.git_command import Git, failure


def git_user_name(folder: Path) -> str | None:
    """git's `user.name` for `folder` (its repository's config, else the global one); None
    when it is not set. Raises `HistoryError` when git is not installed or cannot read its
    configuration."""
    found = Git(folder).attempt("config", "--get", "user.name")
    if found.returncode == 1:  # not set
        return None
    if found.returncode != 0:
        raise failure(("config",), found.stderr)
    return found.stdout.decode("utf-8", "surrogateescape").strip() or None

"""Who the user is, according to git's configuration."""

from __future__ import annotations

from pathlib import Path

import git


def git_user_name(folder: Path) -> str | None:
    """git's `user.name` for `folder` (repository, then global config), if set."""
    try:
        with git.Repo(folder, search_parent_directories=True) as repository:
            reader = repository.config_reader()
            name = reader.get_value("user", "name", default="")
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        name = _global_user_name()
    except git.GitError:
        return None
    return str(name).strip() or None


def _global_user_name() -> str | None:
    try:
        value = git.Git().config("--get", "user.name")
    except git.GitError:
        return None
    return str(value).strip() or None

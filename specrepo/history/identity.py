"""Who the user is, according to git's configuration."""

from __future__ import annotations

from pathlib import Path

import git


def git_user_name(folder: Path) -> str | None:
    """git's `user.name` for `folder` (its repository's config, else the global one)."""
    try:
        with git.Repo(folder, search_parent_directories=True) as repository:
            name = repository.config_reader().get_value("user", "name", default="")
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        try:
            name = git.Git().config("--get", "user.name")
        except git.GitError:  # not set (git exits 1), or git is not installed
            return None
    except git.GitError:
        return None
    return str(name).strip() or None

"""Where a command works from: the current folder, or the top of the work tree that git's
environment names when the current folder is outside it, as git works there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.work_tree import repository_top
from specrepo.configuration.config_file import load_config
from specrepo.gitio.repository import named_work_tree, visible_git_dir
from specrepo.model.config import Config


def command_config(config_path: Path | None,
                   keep: Callable[[Callable[[], None]], None] | None = None) -> Config:
    """The configuration `config_path` names (`--config`), else the nearest one: from the
    current folder, or from the top of the work tree `GIT_WORK_TREE` (or `core.worktree`)
    names when the current folder is outside it; its document kept in the git folder around
    that folder (`configuration.kept_config`) by the call given to `keep` (see
    `load_config`). Raises `ConfigError` (see `load_config`)."""
    here = inputs.reader.cwd()
    start = named_work_tree(here) or here
    return load_config(config_path, start, kept_in=visible_git_dir(start), keep=keep)


def work_tree_top() -> Path | None:
    """The top of the work tree specrepo works in, which GitHub annotations and SARIF name
    files from; None outside one."""
    here = inputs.reader.cwd()
    return named_work_tree(here) or repository_top(here)

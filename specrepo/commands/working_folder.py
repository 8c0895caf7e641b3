"""Where a command works from: the current folder, or the top of the work tree that git's
environment names when the current folder is outside it, as git works there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.errors import UsageError
from specrepo.base.paths import real_path
from specrepo.base.work_tree import no_work_tree, repository_top
from specrepo.configuration.config_file import load_config
from specrepo.configuration.config_location import find_config
from specrepo.gitio.configured_work_tree import named_work_tree
from specrepo.gitio.repository import visible_git_dir
from specrepo.gitio.sparse import refuse_config_missing_from_work_tree
from specrepo.model.config import Config


def command_config(config_path: Path | None,
                   keep: Callable[[Callable[[], None]], None] | None = None) -> Config:
    """The configuration `config_path` names (`--config`), else the nearest one: from the
    current folder, or from the top of the work tree `GIT_WORK_TREE` (or `core.worktree`)
    names when the current folder is outside it; its document kept in the git folder around
    that folder (`configuration.kept_config`) by the call given to `keep` (see
    `load_config`). Raises `ConfigError` (see `load_config`), `SparseCheckoutError` when a
    nearer one git tracks is missing from the work tree
    (`refuse_config_missing_from_work_tree`)."""
    start = _start()
    if config_path is None:
        config_path = find_config(real_path(start))
        refuse_config_missing_from_work_tree(start, config_path)
    return load_config(config_path, start, kept_in=visible_git_dir(start), keep=keep)


def format_notes(config: Config, keep: Callable[[Callable[[], None]], None]) -> tuple[str, ...]:
    """The notes on the formats of `config`'s own schema that specrepo does not assert
    (`format_notes.kept_format_notes`, kept in the git folder around the folder the
    command works from, by the call given to `keep`); none for the bundled schema."""
    if config.schema_path is None:
        return ()
    from specrepo.load.format_notes import kept_format_notes  # noqa: PLC0415 (own schema)

    return kept_format_notes(config.schema_path, config.repository,
                             visible_git_dir(_start()), keep)


def _start() -> Path:
    """The current folder, or the top of the work tree git's environment names when the
    current folder is outside it (`start_folder`)."""
    return start_folder(inputs.reader.cwd())


def start_folder(here: Path) -> Path:
    """The folder a command started in `here` works from: `here`, or the top of git's work
    tree when `here` is outside it (`GIT_WORK_TREE`, `core.worktree`: as git works on that
    tree from there). Raises `UsageError` (exit 2) where git finds no work tree at all (a
    bare repository: `no_work_tree`), before anything is read or written."""
    if (refusal := no_work_tree(here)) is not None:
        raise UsageError(refusal)
    return named_work_tree(here) or here


def work_tree_top() -> Path | None:
    """The top of the work tree specrepo works in, which GitHub annotations and SARIF name
    files from; None outside one."""
    here = inputs.reader.cwd()
    return named_work_tree(here) or repository_top(here)

"""A configuration file moved in the work tree and not committed yet (`git mv specrepo.yaml
design/`, staged with its specs): where HEAD has it, so that a pre-commit check follows
the move as history will once it is committed."""

from __future__ import annotations

from specrepo.gitio.config_log import first_parent_changes, line_paths
from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.git_command import Git
from specrepo.model.history import History


def staged_config_sources(git: Git, config_path: str | None,
                          history: History) -> tuple[str, ...]:
    """The paths (from the top) HEAD has the work tree's configuration file `config_path`
    at when HEAD has none there and the work tree moved it (the file of that name the
    index or the work tree deletes, or a copy of it: `configuration_sources`); none
    otherwise. Asked only when HEAD holds no spec in today's locations (as after such a
    move, whose specs HEAD has elsewhere), so a history with specs costs no git call.
    Raises `HistoryError` when git cannot diff."""
    if config_path is None or history.head is None or history.head_files:
        return ()
    found = configuration_sources(git, None, [history.head], config_path)
    return tuple(dict.fromkeys(path for _, path, _ in found))


def head_config_paths(git: Git, head: str, path: str, *, moved: bool) -> list[str]:
    """The paths (from the top, newest first, `path` left out) HEAD's first-parent line
    had the work tree's configuration file at, `path` today: those it was moved from
    (`line_paths`); when `moved` (HEAD has no file at `path`: the work tree renamed it,
    moved it or deleted and added it, `git mv specrepo.yaml cfg.yaml` staged), those of
    the file HEAD has that the work tree took it from (`configuration_sources`, as the
    commit that makes the move will be followed once made), else of the configuration
    the line deleted last (`first_parent_changes`, `deleted_before`). Raises
    `HistoryError` when git fails."""
    sources = [source for _, source, _ in configuration_sources(git, None, [head], path)] \
        if moved else []
    paths = [earlier for source in sources or [path] for earlier in line_paths(
        source, first_parent_changes(git, head, source) or [])]
    return [earlier for earlier in dict.fromkeys(paths) if earlier != path]

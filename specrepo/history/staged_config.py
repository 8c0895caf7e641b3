"""A configuration file the work tree has where HEAD has none (`git mv specrepo.yaml
c.yaml` or `design/`, staged with its specs or alone; or one deleted by an earlier commit
and added back under another name): where HEAD's line has it, so that a pre-commit check
follows it as history will once the commit is made (trial40b hook-config-renamed-with-
state-rename: the workflow's states it renames are then followed from HEAD's version)."""

from __future__ import annotations

from specrepo.gitio.config_log import first_parent_changes, line_paths
from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.git_command import Git
from specrepo.gitio.tree_files import holds_entry


def staged_config_line(git: Git, head: str, config_path: str | None
                       ) -> tuple[str | None, tuple[str, ...]] | None:
    """Where HEAD `head` has the work tree's configuration file `config_path` (from the
    top) when it has none there: (the path of the file HEAD has that the work tree took
    it from, `configuration_sources`, None when it took it from none, the paths HEAD's
    line had it at, newest first, `head_config_paths`). None when HEAD has a file at
    `config_path`, or there is no configuration file. The caller asks only before a walk
    (a warm run's cache was written by a run that asked). Raises `HistoryError` when git
    cannot diff."""
    if config_path is None or holds_entry(git, head, config_path):  # the adoption's answer
        return None
    sources = [source for _, source, _ in configuration_sources(git, None, [head], config_path)]
    return (sources[0] if sources else None,
            tuple(_line_of(git, head, config_path, sources)))


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
    return _line_of(git, head, path, sources)


def _line_of(git: Git, head: str, path: str, sources: list[str]) -> list[str]:
    """`head_config_paths` of the file at `path` the work tree took from `sources` (the
    paths HEAD has them at; none: HEAD's line of `path`)."""
    paths = [earlier for source in sources or [path] for earlier in line_paths(
        source, first_parent_changes(git, head, source) or [])]
    return [earlier for earlier in dict.fromkeys(paths) if earlier != path]

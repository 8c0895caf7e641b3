"""The files whose changes decide how a commit's spec versions read (the configuration
file, today's spec schema and the files its references reach), in the one order the
reading plan keeps them in, and their log started as a cold walk starts: git lists the
commits that changed them beside `git rev-list`, instead of after it while the walk's
stream waits (cold44: about 0.2 s of a cold `mine` of the benchmark's 11,000 commits)."""

from __future__ import annotations

from collections.abc import Sequence

from specrepo.gitio.git_command import Git, Started
from specrepo.gitio.repository import RepositoryState
from specrepo.gitio.watched_log import start_log
from specrepo.history.config_history import config_line_path, config_path_in
from specrepo.history.readings import reference_paths, schema_path_from_top
from specrepo.load.schema_source import SchemaSource
from specrepo.model.config import Config


def watched_order(config_paths: Sequence[str], schema_path: str | None,
                  references: Sequence[str]) -> tuple[str | None, ...]:
    """The watched files (`ReadingPlan.paths`): today's configuration file (None: none),
    the schema's (None: the bundled one, or outside the repository), the files its
    references reach, then the configuration's earlier paths."""
    return (config_paths[0] if config_paths else None, schema_path, *references,
            *config_paths[1:])


def start_watched_log(git: Git, config: Config, state: RepositoryState,
                      source: SchemaSource) -> Started | None:
    """The log of the whole history's changes to the files a cold walk of HEAD watches
    (`watched_log.start_log`), as the walk will ask it when the configuration has no
    earlier path to follow yet (any other ask leaves it unused: `stop_log`)."""
    assert state.head is not None
    path = config_line_path(config, state, config_path_in(config, state))
    watched = watched_order([path] if path is not None else [],
                            schema_path_from_top(config, state.work_tree),
                            reference_paths(source, state.work_tree))
    return start_log(git, state.head, [one for one in watched if one])

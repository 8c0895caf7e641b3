"""Whether the commit being made renames among the workflow's states as a cache's walk
followed it (`made_record.Made`), followed again the way that walk followed it
(`WorkflowSteps.being_made`, the commits a merge being concluded merges by their
configuration's first-parent versions, as `ReadingPlan` reads a commit outside its
graph): asked by a run the cache answers, only where it may differ."""

from __future__ import annotations

from collections.abc import Callable

from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.repository import RepositoryState
from specrepo.gitio.watched_log import first_parent_versions
from specrepo.history.config_history import config_path_in
from specrepo.history.made_record import Made, made_by, settled
from specrepo.history.readings import ConfigVersions, current_reading
from specrepo.history.workflow_steps import WorkflowSteps
from specrepo.load.schema_source import SchemaSource
from specrepo.model.config import Config


def made_holds(made: Made | None, merging: tuple[str, ...], git: Git, state: RepositoryState,
               config: Config, schema: Callable[[], SchemaSource], prefix: str) -> bool:
    """Whether the commit being made (the index of `state`'s work tree; `merging`: the
    commits a merge being concluded merges, MERGE_HEAD's) renames today as `made` says
    (a cache's walk of HEAD; None: it did not look ahead, none followed). Asks git only
    where it may differ (`made_record.settled`): a merge being concluded or one there
    was, or a work tree whose workflow is not HEAD's (`config`'s, whose spec schema
    `schema` reads, in folder `prefix` from the top). Raises `HistoryError` when git
    fails."""
    today = config.workflow.states
    if settled(made, merging, today):
        return True
    if made is None:
        return False
    config_path = config_path_in(config, state)
    if state.head is None or (merging and config_path is None):
        return False
    objects = ObjectReader(git, config.max_file_size)
    try:
        steps = WorkflowSteps(objects, ConfigVersions(
            config, current_reading(config, schema()), today, state.work_tree))
        known = {commit: steps.line_known(first_parent_versions(git, commit, config_path),
                                          config_path)
                 for commit in merging if config_path is not None}
        again = steps.being_made(state.head, made[0], [known[commit] for commit in merging],
                                 prefix)
        return made_by(made[0], again, merging, known.__getitem__, today) == made
    finally:
        objects.close()

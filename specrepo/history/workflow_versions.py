"""The workflows of the configuration file's versions, from git, in today's names of the
states (`model.workflow_line.WorkflowSource`): the changes along HEAD's first-parent line
(read with the departures, `GitDepartures.workflow_changes`, and kept in their cache), and
the workflow one revision holds (a range's base, HEAD for the commit being made)."""

from __future__ import annotations

from pathlib import Path

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import config_version
from specrepo.gitio.git_command import Git
from specrepo.history.departures import GitDepartures
from specrepo.model.workflow import Workflow
from specrepo.model.workflow_line import WorkflowChange, renamed_workflow


class GitWorkflows:
    """`model.workflow_line.WorkflowSource` for the configuration file at `config_path`
    (from the repository's top; None: there is none, so no version has a workflow), the
    states renamed along the history named as `renamed` says (old name -> today's);
    `departures` reads the first-parent line's changes. Raises `HistoryError` (where a
    change is asked for) when git cannot read the line."""

    def __init__(self, git: Git, config_path: str | None, departures: GitDepartures,
                 renamed: dict[str, str]) -> None:
        self._git, self._path = git, config_path
        self._departures, self._renamed = departures, renamed
        self._held: dict[str, Workflow | None] = {}  # one git per revision asked about

    def changes(self) -> tuple[WorkflowChange, ...]:
        """See `WorkflowSource.changes`."""
        return tuple(WorkflowChange(change.commit, change.parent, *(
            renamed_workflow(workflow, self._renamed) if workflow is not None else None
            for workflow in (change.before, change.after)))
            for change in self._departures.workflow_changes())

    def at(self, revision: str) -> Workflow | None:
        """See `WorkflowSource.at`."""
        if revision not in self._held:
            self._held[revision] = self._read(revision)
        return self._held[revision]

    def _read(self, revision: str) -> Workflow | None:
        if self._path is None:
            return None
        found = self._git.attempt("cat-file", "blob", f"{revision}:{self._path}")
        if found.returncode != 0:
            return None
        try:
            workflow = config_version(found.stdout, Path(self._path)).workflow
        except ConfigError:
            return None
        return renamed_workflow(workflow, self._renamed)

"""The workflows of the configuration file's versions, from git, in today's names of the
states (`model.workflow_line.WorkflowSource`): the changes along HEAD's first-parent line,
from the file's first-parent log (asked beside a cold walk, `AskedAhead`) and kept in a
cache beside the departures' (continued from its HEAD's, as theirs), and the workflow one
revision holds (a range's base, HEAD for the commit being made)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from specrepo.base.errors import ConfigError
from specrepo.base.headed_cache import write_headed
from specrepo.configuration.config_file import config_version
from specrepo.gitio.config_log import line_paths
from specrepo.gitio.config_moves import configuration_sources
from specrepo.gitio.tree_files import refuse_lost_file
from specrepo.history.departures_cache import CACHE_FORMAT, load_rows
from specrepo.model.config import Config
from specrepo.model.history import RenamedSince
from specrepo.model.workflow import AcceptedTransition, Workflow
from specrepo.model.workflow_line import WorkflowChange, acceptances, renamed_workflow, same_rules

if TYPE_CHECKING:
    from specrepo.gitio.config_log import LineChange, StartedChanges
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader

WORKFLOWS_FILE: Final = "workflows-cache.json"
"""Beside the departures cache, with its format and key (and `_VERSION`): the first-parent
line's workflow changes of one HEAD."""
_VERSION: Final = 5
"""2: each change names the file's path in its commit and its parent (followed where a
commit moved it: `gitio.config_log.followed`); 3: followed where it was renamed to any
name, or deleted and added in one commit (trial36c): a line that ended at such a commit
goes on before it; 4: never continued from a commit HEAD came before (trial37: a file of
3 may hold another line's changes); 5: a line whose file was added where an earlier
commit deleted the configuration goes on through the deletion (trial37b)."""


class GitWorkflows:
    """`model.workflow_line.WorkflowSource` for the history from `head`, whose configuration
    file is `config_path` (from the repository's top; None: there is none, so no version
    has a workflow), its cache beside `departures` (the departures cache's file, whose
    `key` it shares; `ahead`: git's log of the file, asked beside a cold walk); the states
    renamed along the history named as `since` says of a workflow it holds (its states ->
    their names today, `History.renamed_since`), else as `renamed` (old name -> today's). Raises
    `HistoryError` (where a change is asked for) when git cannot read the line."""

    def __init__(self, git: Git, config: Config, head: str | None, config_path: str | None,
                 departures: Path, key: Callable[[], str | None],
                 ahead: StartedChanges | None, renamed: dict[str, str],
                 since: RenamedSince = MappingProxyType({})) -> None:
        self._git, self._config, self._head, self._path = git, config, head, config_path
        self._file, self._key, self._ahead = departures.with_name(WORKFLOWS_FILE), key, ahead
        self._renamed, self._since = renamed, since
        self._changes: tuple[WorkflowChange, ...] | None = None
        self._held: dict[str, tuple[Workflow | None, str]] = {}

    def changes(self) -> tuple[WorkflowChange, ...]:
        """See `WorkflowSource.changes`."""
        if self._changes is None:
            self._changes = tuple(replace(change, before=self._renamed_one(change.before),
                                          after=self._renamed_one(change.after))
                                  for change in self._cached())
        return self._changes

    def _renamed_one(self, workflow: Workflow | None) -> Workflow | None:
        return renamed_workflow(workflow, self._renamed, self._since) \
            if workflow is not None else None

    def at(self, revision: str) -> tuple[Workflow | None, str]:
        """See `WorkflowSource.at`: one `git cat-file` per path tried."""
        if revision not in self._held:
            self._held[revision] = None, self._path or ""
            for path in self._paths_in(revision):
                found = self._git.attempt("cat-file", "blob", f"{revision}:{path}")
                if found.returncode == 0:
                    held = _workflow(found.stdout, path)
                    self._held[revision] = self._renamed_one(held), path
                    break
                refuse_lost_file(self._git, revision, path)  # lost is no "none there"
        return self._held[revision]

    def _paths_in(self, revision: str) -> Iterator[str]:
        """Where `revision` may hold the configuration file: the line's paths, then where
        the work tree took it from (a rename not committed yet: `configuration_sources`,
        the work tree against `revision`)."""
        if self._path is None:
            return
        yield from line_paths(self._path, self.changes())
        yield from (path for _, path, _ in configuration_sources(
            self._git, None, [revision], self._path))

    def commit(self, revision: str) -> str | None:
        """See `WorkflowSource.commit`."""
        from specrepo.gitio.revisions import resolve_commit  # noqa: PLC0415 (--since only)

        return resolve_commit(self._git, revision)

    def _cached(self) -> list[WorkflowChange]:
        """The changes in their own names: from the cache where it holds HEAD's, or
        continued from its HEAD's when that is on HEAD's first-parent line, else read
        from the whole line; the cache written for HEAD."""
        from specrepo.gitio.config_log import first_parent_changes  # noqa: PLC0415

        if self._head is None or self._path is None:
            return []
        key = self._key()
        key = json.dumps([key, _VERSION, self._path]) if key is not None else None
        header, rows = load_rows(self._file, key) if key is not None else (None, [])
        try:
            known = [_change(row) for row in rows]
        except (ValueError, TypeError):  # a damaged cache: only a shortcut
            header, known = None, []
        if header == self._head:
            return known
        commits = first_parent_changes(self._git, self._head, self._path, header) \
            if header is not None else None
        if commits is None:
            known, commits = [], self._ahead.changes() if self._ahead is not None \
                else first_parent_changes(self._git, self._head, self._path)
        found = [*known, *self._read(commits or [])]
        if key is not None:
            write_headed(self._file, {"format": CACHE_FORMAT, "key": key,
                                          "head": self._head},
                             json.dumps([_row(change) for change in found]).encode())
        return found

    def _read(self, commits: Sequence[LineChange]) -> list[WorkflowChange]:
        """Of `commits` (each with its first parent and the file's paths in both), those
        that changed the workflow, or moved the file (so that `at` knows its paths)."""
        from specrepo.gitio.objects import ObjectReader  # noqa: PLC0415 (a warm run: none)

        objects = ObjectReader(self._git, self._config.max_file_size)
        found = []
        try:
            for change in commits:
                commit, parent, path, parent_path = (change.commit, change.parent, change.path,
                                                     change.parent_path)
                before, after = (_workflow_in(objects, sha, at)
                                 for sha, at in ((parent, parent_path), (commit, path)))
                if path != parent_path or (before is None) != (after is None) or (
                        before is not None and after is not None
                        and (not same_rules(before, after)
                             or acceptances(before) != acceptances(after))):
                    found.append(WorkflowChange(commit, parent, before, after, path,
                                                parent_path))
        finally:
            objects.close()
        return found


def _workflow_in(objects: ObjectReader, commit: str, path: str) -> Workflow | None:
    """The workflow of the configuration file at `path` in `commit` (None: none there, or
    one that does not load)."""
    found = objects.file_at(commit, path)
    return _workflow(found.content, path) \
        if found is not None and found.content is not None else None


def _workflow(raw: bytes, path: str) -> Workflow | None:
    """The workflow of a version of the configuration file (None: it does not load)."""
    try:
        return config_version(raw, Path(path)).workflow
    except ConfigError:
        return None


def _row(change: WorkflowChange) -> list[Any]:
    return [change.commit, change.parent, change.path, change.parent_path, *(
        None if workflow is None else [list(workflow.states), sorted(workflow.transitions),
                                       sorted(workflow.initial), sorted(acceptances(workflow))]
        for workflow in (change.before, change.after))]


def _change(row: list[Any]) -> WorkflowChange:
    """The change `_row` wrote."""
    commit, parent, path, parent_path, *workflows = row
    before, after = (None if found is None else Workflow(
        tuple(map(str, found[0])), frozenset((str(one), str(other)) for one, other in found[1]),
        frozenset(), frozenset(), frozenset(), tuple(AcceptedTransition(
            str(entry), str(spec), "") for entry, spec in found[3]),
        initial=frozenset(map(str, found[2]))) for found in workflows)
    return WorkflowChange(str(commit), str(parent), before, after, str(path), str(parent_path))

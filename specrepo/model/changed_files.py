"""The files changed since a revision (`validate --changed-since`), whole folders included."""

from __future__ import annotations

from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass


@dataclass(frozen=True)
class ChangedFiles:
    """Files changed since a revision, by their real paths, and the folders every file
    below which counts as changed: a submodule whose commit or work tree changed, or a
    repository nested in the work tree that the outer one does not track (its history is
    its own, so which of its files changed cannot be told from the outer repository)."""

    files: frozenset[Path]
    folders: frozenset[Path] = frozenset()

    def __contains__(self, path: object) -> bool:
        """Whether the file `path` (a real path) changed, itself or as part of a folder."""
        if not isinstance(path, Path):
            return False
        return path in self.files or any(folder in self.folders for folder in path.parents)

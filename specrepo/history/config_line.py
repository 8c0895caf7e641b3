"""The paths a configuration file had along HEAD's first-parent line, for the readers of
history that look for the file a commit had in force (set membership, `diff`'s sides, the
held specs, approval protection): the one rule the walk follows its configuration's
earlier places by (`staged_config.head_config_paths`: moved, renamed, deleted and added
back under any name, renamed twice), so that a commit between a deletion and the file's
return has the deleted one in force wherever the line had it (`config_deletions.in_force`),
not only at today's path or at `specrepo.yaml`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specrepo.gitio.git_command import Git


class ConfigLine:
    """A configuration's line through `git`'s HEAD: the paths (from the top) its file had,
    asked of git once for each path today's file is at (only when a reader needs them: a
    commit without the file at today's path)."""

    def __init__(self, git: Git, head: str | None = None) -> None:
        """`head`: HEAD's commit id, when the caller knows it (else asked of git)."""
        self.git = git
        self._head = head
        self._paths: dict[str, list[str]] = {}

    def paths(self, path: str) -> list[str]:
        """The paths the file at `path` today had along HEAD's first-parent line, `path`
        first, then each earlier one, newest first (`head_config_paths`; HEAD without a
        file at `path`: from where the work tree took it, as the commit that makes the
        move will be followed). Raises `HistoryError` when git fails."""
        if path not in self._paths:
            from specrepo.gitio.revisions import resolve_commit  # noqa: PLC0415 (rarely)
            from specrepo.gitio.tree_files import holds_entry  # noqa: PLC0415
            from specrepo.history.staged_config import head_config_paths  # noqa: PLC0415

            head = self._head if self._head is not None else resolve_commit(self.git, "HEAD")
            moved = head is not None and not holds_entry(self.git, head, path)
            self._paths[path] = [path, *(head_config_paths(self.git, head, path, moved=moved)
                                         if head is not None else ())]
        return self._paths[path]

    def held(self, commit: str, path: str) -> tuple[str, str] | None:
        """The configuration file in force in `commit` (path from the top, blob) when it
        has none at `path`, today's: the one its line deleted last, looked for at every
        path the line had it (`config_deletions.in_force` of `paths`); None when there is
        none, or when `commit` holds the file at an earlier path (a move, which the
        readers follow as they did: `deleted_only`). Raises `HistoryError` when git
        fails."""
        from specrepo.gitio.config_deletions import in_force  # noqa: PLC0415 (rarely)

        return in_force(self.git, commit, self.paths(path), deleted_only=True)

    def ever_deleted(self, head: str, path: str) -> bool:
        """Whether a commit `head` reaches deleted the file at one of the paths the line
        had it (`paths`), or where `in_force` looks besides. Raises `HistoryError` when
        git fails."""
        from specrepo.gitio.config_deletions import ever_deleted  # noqa: PLC0415

        return ever_deleted(self.git, head, self.paths(path))

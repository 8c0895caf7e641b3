"""The commits of HEAD's first-parent line that changed the configuration file: where the
spec set can change with no spec file changing (`specs:` narrowed, `exclude:` widened)."""

from __future__ import annotations

from specrepo.gitio.git_command import Git


def first_parent_changes(git: Git, head: str, path: str) -> list[tuple[str, str]]:
    """Each commit of `head`'s first-parent line whose configuration file at `path` (from
    the repository's top) differs from its first parent's, oldest first, with that parent
    (a root commit, which has none, is left out). Raises `HistoryError` when git fails."""
    found = git.text("log", "--first-parent", "--format=%H %P", head, "--",
                     f":(literal){path}").split("\n")
    pairs = [line.split(" ")[:2] for line in reversed(found) if line.count(" ") >= 1]
    return [(commit, parent) for commit, parent in pairs if parent]

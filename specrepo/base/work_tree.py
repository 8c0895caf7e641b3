"""Find the top folder of the git work tree a folder is in, without running git."""

from __future__ import annotations

from pathlib import Path

from specrepo.base import inputs
from specrepo.base.paths import real_path


def repository_top(start: Path) -> Path | None:
    """The top folder of the git repository `start` is in (links followed): the first of
    it and its parents holding `.git` (a folder or, in a linked worktree or submodule, a
    file), or `GIT_WORK_TREE` when set, as git does; None outside one. Found without
    running git. GitHub's annotations and SARIF name files from there."""
    top, start = named_work_tree(), real_path(start)
    return next((folder for folder in (start, *start.parents) if is_top(folder, top)), None)


def named_work_tree() -> Path | None:
    """The work tree `GIT_WORK_TREE` names (links followed), if it is set."""
    named_top = inputs.reader.environment().get("GIT_WORK_TREE")
    return real_path(Path(inputs.reader.abspath(named_top))) if named_top else None


def is_top(folder: Path, named_top: Path | None) -> bool:
    """Whether `folder` is the top of a work tree: `named_top` (`named_work_tree`), or a
    folder holding `.git`."""
    return folder == named_top or inputs.reader.exists(folder / ".git")

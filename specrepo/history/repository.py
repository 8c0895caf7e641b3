"""Open the git repository around a folder and read what the miner needs from it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import git

from specrepo.errors import SpecrepoError


class HistoryError(SpecrepoError):
    """The repository cannot give the history asked for."""


@dataclass(frozen=True)
class RepositoryState:
    """Facts about the repository that decide how (and whether) to mine it."""

    work_tree: Path
    git_dir: Path
    head: str | None
    """HEAD's commit id; None on an unborn branch (a repository with no commits yet)."""
    shallow: bool


@contextmanager
def open_repository(folder: Path) -> Iterator[git.Repo]:
    """The repository holding `folder`; its git processes are closed on exit."""
    try:
        repository = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryError(
            f"{folder} is not inside a git repository; history needs one (run `git init`, "
            "or run specrepo inside a clone)"
        ) from None
    except git.GitCommandNotFound:
        raise HistoryError("git is not installed or not on PATH; history needs it") from None
    try:
        yield repository
    except git.GitCommandNotFound:
        raise HistoryError("git is not installed or not on PATH; history needs it") from None
    finally:
        repository.close()


def repository_state(repository: git.Repo) -> RepositoryState:
    """HEAD, shallowness and folders of `repository`."""
    try:
        head = repository.head.commit.hexsha if repository.head.is_valid() else None
    except (ValueError, git.GitCommandError):  # a broken HEAD reference
        head = None
    git_dir = Path(repository.common_dir)
    if repository.working_tree_dir is None:
        raise HistoryError(f"{git_dir} is a bare repository; run specrepo in a work tree")
    return RepositoryState(
        work_tree=Path(repository.working_tree_dir),
        git_dir=git_dir,
        head=head,
        shallow=(git_dir / "shallow").exists() or (Path(repository.git_dir) / "shallow").exists(),
    )

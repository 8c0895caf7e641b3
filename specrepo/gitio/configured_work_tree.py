"""Where git's work tree is when the repository's own `config` puts it elsewhere than the
folder specrepo starts in (`core.worktree`: a dotfiles repository) or nowhere (`core.bare`
true), or `GIT_WORK_TREE` names it without `GIT_DIR`: asked of git once at the start, and
pinned in git's environment, so that every git specrepo runs, from the top of the work
tree or any other folder, works on the repository git found from the start folder."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import NamedTuple

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.base.work_tree import (
    NO_WORK_TREE,
    git_folder_around,
    own_git_dir,
    places_work_tree,
)
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.git_overrides import git_environment


class WorkTreeAnswer(NamedTuple):
    """What git, started in a folder, says of the repository and its work tree there."""

    bare: bool
    inside: bool
    """Whether the folder is inside the work tree."""
    git_dir: str
    """The repository's own git folder (a linked worktree's, not the common one)."""
    top: str | None
    """The top of the work tree; None when there is none (a bare repository)."""


def work_tree_answer(environ: MutableMapping[str, str], folder: str) -> WorkTreeAnswer | None:
    """What git started in `folder` with `environ` says of its work tree (one `git
    rev-parse`); None outside a repository (git says so where it matters) or without git."""
    git = Git(Path(folder))
    git.environment = git_environment(dict(environ))
    try:
        found = git.attempt("rev-parse", "--is-bare-repository", "--is-inside-work-tree",
                            "--absolute-git-dir", "--show-toplevel")
    except HistoryError:  # no git: nothing reads them
        return None
    # (in a bare repository, git answers the first three, then fails on the top)
    answers = found.stdout.decode("utf-8", "surrogateescape").split("\n")
    if len(answers) < 4 or not answers[2]:
        return None
    top = answers[3] if found.returncode == 0 else ""
    return WorkTreeAnswer(answers[0] == "true", answers[1] == "true", answers[2], top or None)


def settle_configured_work_tree(environ: MutableMapping[str, str], folder: str) -> None:
    """With `GIT_DIR` unset: where git started in `folder` works on a tree whose top does
    not lead git back to the repository (`core.worktree` naming another folder), or
    `folder` is outside it, `GIT_DIR` and `GIT_WORK_TREE` pinned to git's answers, as if
    the user had set them (then every command works on that tree, from its top:
    `named_work_tree`); where git finds a repository with no work tree
    (`core.bare` true), `NO_WORK_TREE` set to its git folder, which every command refuses
    (`base.work_tree.no_work_tree`). With `GIT_WORK_TREE` set, `GIT_DIR` pinned beside it.
    Runs git only then, or where the repository's `config` may say so
    (`_may_move_work_tree`)."""
    named_top = environ.get("GIT_WORK_TREE")
    if environ.get("GIT_DIR") or not (named_top or _may_move_work_tree(Path(folder))):
        return
    answer = work_tree_answer(environ, folder)
    if answer is None:
        return
    if answer.bare and not named_top:
        environ[NO_WORK_TREE] = answer.git_dir
    elif answer.top is not None and (named_top or not answer.inside
                                     or not _leads_back(Path(answer.top), Path(answer.git_dir))):
        environ["GIT_DIR"] = answer.git_dir
        environ.setdefault("GIT_WORK_TREE", answer.top)


def _may_move_work_tree(folder: Path) -> bool:
    """Whether the repository git finds from `folder` may have its work tree elsewhere, or
    none: the `config` (or `config.worktree`) of the git folder the first `.git` going up
    leads to sets `core.worktree` or `core.bare` true (git reads them from there only:
    `check_repository_format` in git's setup.c). Never in a git folder (there every
    command refuses, or works on the work tree around: `base.work_tree`). A guess, read
    without git, for what only costs one git run when it is wrong."""
    if git_folder_around(folder) is not None:
        return False
    for candidate in (real_path(folder), *real_path(folder).parents):
        own = own_git_dir(candidate / ".git")
        if own is not None:
            configs = {own / "config", own / "config.worktree", _common_dir(own) / "config"}
            return any(places_work_tree(_read(config)) for config in configs)
    return False


def _leads_back(top: Path, git_dir: Path) -> bool:
    """Whether git started at `top` finds the git folder `git_dir` (its `.git`, a folder
    or a file naming it)."""
    own = own_git_dir(top / ".git")
    return own is not None and real_path(own) == real_path(git_dir)


def _common_dir(own: Path) -> Path:
    """The common git folder of the git folder `own` (its `commondir`, else itself)."""
    shared = _read(own / "commondir").decode("utf-8", "surrogateescape").strip()
    return own / shared if shared else own


def _read(path: Path) -> bytes:
    """The bytes of the file at `path`; none when it cannot be read."""
    try:
        return inputs.reader.read_bytes(path)
    except OSError:
        return b""


def named_work_tree(folder: Path) -> Path | None:
    """The top of the work tree the environment names (`GIT_WORK_TREE`, or `core.worktree`
    of the repository `GIT_DIR` names, both pinned at the start where the repository's own
    `core.worktree` moves it: `settle_configured_work_tree`) when `folder` is outside it:
    git then works on that whole tree, as from its top. None when neither variable is set
    (no git runs then), `folder` is inside the work tree, or git cannot say."""
    if not (inputs.reader.environment().get("GIT_DIR")
            or inputs.reader.environment().get("GIT_WORK_TREE")):
        return None
    try:
        found = Git(folder).attempt("rev-parse", "--is-inside-work-tree", "--show-toplevel")
    except HistoryError:  # no git at all
        return None
    inside, _, top = found.stdout.decode("utf-8", "surrogateescape").partition("\n")
    top = top.rstrip("\n")
    if found.returncode != 0 or inside != "false" or not top:
        return None
    return Path(top)

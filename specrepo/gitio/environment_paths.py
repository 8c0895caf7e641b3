"""git's path environment variables, made absolute once, as git reads them from the
caller's folder: specrepo runs git in other folders (the top of the work tree, temporary
ones), where a relative `GIT_DIR=../.git` would name another folder or none.

git reads `GIT_DIR` and `GIT_WORK_TREE` from the folder it was started in; the others
(`GIT_INDEX_FILE`, `GIT_OBJECT_DIRECTORY`, `GIT_COMMON_DIR`,
`GIT_ALTERNATE_OBJECT_DIRECTORIES`) once it has found the repository, from the folder it
then works in: the top of the work tree when started inside it, else where it was started
(git's setup.c; git(1), ENVIRONMENT).
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.base.work_tree import TAKEN_WORK_TREE
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.git_overrides import git_environment

_FROM_START: Final = ("GIT_DIR", "GIT_WORK_TREE")
_FROM_WORKING_FOLDER: Final = ("GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")
_LISTS: Final = ("GIT_ALTERNATE_OBJECT_DIRECTORIES",)
"""Variables that hold several paths, separated by `os.pathsep`."""


def settle_git_paths(environ: MutableMapping[str, str] | None = None,
                     folder: str | None = None) -> None:
    """Make git's path variables of `environ` (the process's) absolute, each as git would
    read it when started in `folder` (the current one). Runs git (`rev-parse`) only when
    one read from git's working folder is relative; leaves a variable git cannot read
    from there as it is."""
    environ = os.environ if environ is None else environ  # rewritten: see test_inputs_door
    folder = inputs.reader.getcwd() if folder is None else folder
    for name in _FROM_START:
        value = environ.get(name)
        if value and not os.path.isabs(value):
            environ[name] = _tidied(os.path.join(folder, value))
    if environ.get("GIT_DIR") and not environ.get("GIT_WORK_TREE"):
        _pin_work_tree(environ, folder)
    relative = [name for name in (*_FROM_WORKING_FOLDER, *_LISTS)
                if any(part and not os.path.isabs(part)
                       for part in environ.get(name, "").split(os.pathsep))]
    if not relative:
        return
    base = _working_folder(environ, folder)
    for name in relative:
        environ[name] = os.pathsep.join(
            _tidied(os.path.join(base, part)) if part else part
            for part in environ[name].split(os.pathsep))


def _tidied(path: str) -> str:
    """`path` (absolute) without `.` and `..` parts (`os.path.normpath`), as messages then
    show it (`GIT_DIR=../r/.git` from /w/out is /w/r/.git, not /w/out/../r/.git; small63),
    where that names the same place; as it is where a link stands before a `..` (the
    system follows the link first, as git does)."""
    tidy = os.path.normpath(path)
    if tidy == path or inputs.reader.realpath(tidy) == inputs.reader.realpath(path):
        return tidy
    return path


def _pin_work_tree(environ: MutableMapping[str, str], folder: str) -> None:
    """With `GIT_DIR` and no `GIT_WORK_TREE`, git takes the folder it starts in as the top
    of the work tree (unless `core.worktree` names one): `GIT_WORK_TREE` set to the top git
    answers from `folder`, so that the git specrepo runs elsewhere (the configuration's
    folder, a parent) works on the same tree, and specrepo looks for the configuration and
    the specs where git does, never in a parent it would guess."""
    top = _work_tree_top(environ, folder)
    if top is not None:
        environ["GIT_WORK_TREE"] = top
        if real_path(Path(top)) == real_path(Path(folder)):  # no `core.worktree`
            environ[TAKEN_WORK_TREE] = top  # said where nothing is found there


def _working_folder(environ: MutableMapping[str, str], folder: str) -> str:
    """The folder git works in once started in `folder`: the top of the work tree when
    `folder` is inside it, else `folder` itself."""
    return _work_tree_top(environ, folder) or folder


def _work_tree_top(environ: MutableMapping[str, str], folder: str) -> str | None:
    """The top of the work tree git started in `folder` with `environ` is inside (`git
    rev-parse --show-toplevel`); None outside one, or without git."""
    git = Git(Path(folder))
    git.environment = git_environment(dict(environ))
    try:
        found = git.attempt("rev-parse", "--is-inside-work-tree", "--show-toplevel")
    except HistoryError:  # no git: nothing reads them
        return None
    inside, _, top = found.stdout.decode("utf-8", "surrogateescape").partition("\n")
    top = top.rstrip("\n")
    return top if found.returncode == 0 and inside == "true" and top else None

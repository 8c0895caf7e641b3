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
from specrepo.base.work_tree import NO_WORK_TREE, TAKEN_WORK_TREE
from specrepo.gitio.configured_work_tree import settle_configured_work_tree, work_tree_answer

_FROM_START: Final = ("GIT_DIR", "GIT_WORK_TREE")
_FROM_WORKING_FOLDER: Final = ("GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")
_LISTS: Final = ("GIT_ALTERNATE_OBJECT_DIRECTORIES",)
"""Variables that hold several paths, separated by `os.pathsep`."""


def settle_git_paths(environ: MutableMapping[str, str] | None = None,
                     folder: str | None = None) -> None:
    """Make git's path variables of `environ` (the process's) absolute, each as git would
    read it when started in `folder` (the current one), and those git's work tree needs
    pinned (`_pin_work_tree`, `configured_work_tree`). Runs git (`rev-parse`) only when
    `GIT_DIR` or `GIT_WORK_TREE` is set, the repository's `config` may move its work tree,
    or one read from git's working folder is relative; leaves a variable git cannot read
    from there as it is."""
    environ = os.environ if environ is None else environ  # rewritten: see test_inputs_door
    folder = inputs.reader.getcwd() if folder is None else folder
    for name in _FROM_START:
        value = environ.get(name)
        if value and not os.path.isabs(value):
            environ[name] = _tidied(os.path.join(folder, value))
    if environ.get("GIT_DIR") and not environ.get("GIT_WORK_TREE"):
        _pin_work_tree(environ, folder)
    else:
        settle_configured_work_tree(environ, folder)
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
    the specs where git does, never in a parent it would guess. A bare repository
    (`core.bare` true) has none: `NO_WORK_TREE` set to its git folder, refused by every
    command (`base.work_tree.no_work_tree`)."""
    answer = work_tree_answer(environ, folder)
    if answer is not None and answer.bare:
        environ[NO_WORK_TREE] = answer.git_dir
    top = answer.top if answer is not None and answer.inside else None
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
    answer = work_tree_answer(environ, folder)
    return answer.top if answer is not None and answer.inside else None

"""Find the top folder of the git work tree a folder is in, without running git."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.paths import real_path

TAKEN_WORK_TREE: Final = "_SPECREPO_TAKEN_WORK_TREE"
"""Set (to the folder) where `GIT_DIR` came without `GIT_WORK_TREE` or `core.worktree`, so
that git took the folder specrepo started in as the top of the work tree, and specrepo
pinned `GIT_WORK_TREE` to it (`gitio.environment_paths`): what `taken_work_tree_hint`
tells."""

NO_WORK_TREE: Final = "_SPECREPO_NO_WORK_TREE"
"""Set (to the git folder) where git, started in the folder specrepo started in, finds a
repository with no work tree: `GIT_DIR` naming a bare one, or `core.bare` true in the
repository around (`gitio.environment_paths`): every command refuses (`no_work_tree`)."""

_BARE_SET: Final = re.compile(rb"^[ \t]*bare[ \t]*(=[ \t]*(true|yes|on|1)[ \t]*)?(;.*|#.*)?\r?$",
                              re.IGNORECASE | re.MULTILINE)
"""A `bare = true` line (or a bare `bare`, true too) in a git `config` file."""

_WORK_TREE_SET: Final = re.compile(rb'^[ \t]*worktree[ \t]*=[ \t]*"?([^"\r\n;#]*)"?',
                                   re.IGNORECASE | re.MULTILINE)
"""A `worktree = PATH` line in a git `config` file (PATH absolute, or from the git folder)."""


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


def own_git_dir(dot_git: Path) -> Path | None:
    """The git folder a `.git` is (a folder) or names (a file `gitdir: PATH`, a linked
    worktree's or a submodule's: PATH absolute or from the file's folder), found without
    running git; None when there is none, or the file cannot be read or names none."""
    if inputs.reader.isdir(dot_git):
        return dot_git
    try:
        named = inputs.reader.read_bytes(dot_git).decode("utf-8", "surrogateescape").strip()
    except OSError:
        return None
    if not named.startswith("gitdir:"):
        return None
    return dot_git.parent / named[len("gitdir:"):].strip()


def git_folder_around(start: Path) -> Path | None:
    """The git folder the folder `start` is, or is inside, with no work tree around it: the
    first of `start` and its parents that is one (`is_git_folder`), before the top of any
    work tree; None when there is none. Found without running git."""
    return _git_folder_or_top(start)[0]


def is_git_folder(folder: Path) -> bool:
    """Whether `folder` is a git folder, as git tells one (`is_git_directory`, git's
    setup.c): a `HEAD` file, with `objects/` and `refs/`, or a `commondir` file naming the
    folder that holds them (a linked worktree's `.git/worktrees/W`)."""
    return inputs.reader.isfile(folder / "HEAD") and (
        inputs.reader.isfile(folder / "commondir")
        or (inputs.reader.isdir(folder / "objects") and inputs.reader.isdir(folder / "refs")))


def _git_folder_or_top(start: Path) -> tuple[Path | None, Path | None]:
    """The git folder `start` is in (`git_folder_around`), or else the top of the work tree
    it is in (`repository_top`): one walk up, for both."""
    named_top = named_work_tree()
    for folder in (real_path(start), *real_path(start).parents):
        if is_top(folder, named_top):
            return None, folder
        if is_git_folder(folder):
            return folder, None
    return None, None


def places_work_tree(config: bytes) -> bool:
    """Whether a git `config` file's text `config` sets where the work tree is, or that
    there is none: a `worktree = PATH` line or a `bare` true one (`_WORK_TREE_SET`,
    `_BARE_SET`)."""
    return _WORK_TREE_SET.search(config) is not None or _BARE_SET.search(config) is not None


def is_bare_git_folder(git_folder: Path) -> bool:
    """Whether the git folder `git_folder` is a bare repository's: its `config` sets
    `core.bare` true (as `git init --bare` writes it), or, with no readable `config`, its
    name is not `.git`. A submodule's git folder (`.git/modules/sub`) says false there: it
    is a git folder, not a bare repository; a linked worktree's (`.git/worktrees/W`, with a
    `commondir`) too. Read without running git."""
    if inputs.reader.isfile(git_folder / "commondir"):
        return False
    try:
        return _BARE_SET.search(inputs.reader.read_bytes(git_folder / "config")) is not None
    except OSError:
        return git_folder.name != ".git"


def no_work_tree(start: Path) -> str | None:
    """Why specrepo cannot work from the folder `start` when git finds no work tree for it
    (`outside_work_tree`, bare): `start` is in a bare repository's git folder
    (`git_folder_around`, `is_bare_git_folder`), or git, started there, found a repository
    with no work tree (`NO_WORK_TREE`: `GIT_DIR` naming a bare repository, `core.bare`
    true); or `start` is in a git folder whose work tree is not the folder around it (a
    submodule's `.git/modules/sub`, a linked worktree's `.git/worktrees/W`, a separate git
    folder: `in_git_folder`), or in a work tree whose `.git` file names no git folder
    (`broken_git_file`). None otherwise: in a work tree's own `.git`, a command works on
    the work tree around when it finds a configuration there (`missing_folder_message`).
    Read without running git: a few `stat`s going up."""
    environment = inputs.reader.environment()
    if environment.get(NO_WORK_TREE):
        return outside_work_tree(start, bare=True)
    git_folder, top = _git_folder_or_top(start)
    if git_folder is not None and is_bare_git_folder(git_folder):
        return outside_work_tree(start, bare=True)
    if environment.get("GIT_DIR") or environment.get("GIT_WORK_TREE"):
        return None  # git works where they say, not where the current folder is
    if git_folder is not None:
        return None if _is_own_dot_git(git_folder) else in_git_folder(start, git_folder)
    return broken_git_file(top / ".git") if top is not None else None


def _is_own_dot_git(git_folder: Path) -> bool:
    """Whether the git folder `git_folder` is the `.git` of the folder holding it, its
    work tree (no `core.worktree` naming another)."""
    if git_folder.name != ".git":
        return False
    work_tree = _configured_work_tree(git_folder)
    return work_tree is None or real_path(work_tree) == real_path(git_folder.parent)


def broken_git_file(dot_git: Path) -> str | None:
    """Why git finds no repository from the work tree whose `.git` is the file `dot_git`:
    it names no git folder (no `gitdir: PATH` line), or one that does not exist or is not
    one (`is_git_folder`), as git then refuses every command there ("not a git
    repository"); None where it names one, or `dot_git` is no file. One wording for every
    command."""
    if not inputs.reader.isfile(dot_git):
        return None
    named = own_git_dir(dot_git)
    fix = "fix its `gitdir:` line (`git worktree repair` mends a moved worktree's)"
    if named is None:
        return (f"{dot_git} is a file that names no git folder (no `gitdir: PATH` line), so "
                f"git finds no repository there; {fix}")
    if is_git_folder(named):
        return None
    shown = Path(os.path.normpath(named))
    why = "is not a git folder" if inputs.reader.exists(named) else "does not exist"
    return (f"{dot_git} names the git folder {shown}, which {why}, so git finds no "
            f"repository there; {fix}")


def in_git_folder(folder: Path, git_folder: Path) -> str:
    """Why specrepo cannot work in `folder`, inside the git folder `git_folder`
    (`git_folder_around`): `outside_work_tree`, bare or not (`is_bare_git_folder`), naming
    the git folder, what it is (a submodule's, a linked worktree's) and its work tree where
    git knows it (`_work_tree_of`), to `cd` to; where that holds no `.git` leading git back
    (a dotfiles repository's), with the `GIT_DIR` git needs there."""
    if is_bare_git_folder(git_folder):
        return outside_work_tree(folder, bare=True)
    kind = " (a linked worktree's)" if inputs.reader.isfile(git_folder / "commondir") \
        else " (a submodule's)" if git_folder.parent.name == "modules" else ""
    where = f"{folder} is a git folder{kind}" if folder == git_folder \
        else f"{folder} is inside the git folder {git_folder}{kind}"
    work_tree = _work_tree_of(git_folder)
    if work_tree is None:
        return f"{where}, not a work tree; run specrepo in the work tree"
    if inputs.reader.exists(work_tree / ".git"):
        return f"{where}, not a work tree: its work tree is {work_tree}; cd there to run specrepo"
    return (f"{where}, not a work tree: its work tree is {work_tree}, where git finds the "
            f"repository only with GIT_DIR; cd there to run specrepo with GIT_DIR={git_folder}")


def _work_tree_of(git_folder: Path) -> Path | None:
    """The work tree of the git folder `git_folder`, as git knows it: a linked worktree's
    names its `.git` file in `gitdir`; a `core.worktree` line names it (a submodule's, a
    dotfiles repository's); else a `.git`'s is the folder holding it. None otherwise."""
    if inputs.reader.isfile(git_folder / "commondir"):
        try:
            named = inputs.reader.read_bytes(git_folder / "gitdir")
        except OSError:
            return None
        dot_git = Path(os.path.normpath(git_folder / os.fsdecode(named.strip())))
        return dot_git.parent if inputs.reader.isfile(dot_git) else None  # (else pruned)
    configured = _configured_work_tree(git_folder)
    if configured is not None:
        return configured
    return git_folder.parent if git_folder.name == ".git" else None


def _configured_work_tree(git_folder: Path) -> Path | None:
    """The work tree a `worktree = PATH` line of `git_folder`'s `config` names (PATH
    absolute, or from the git folder); None without one."""
    try:
        named = _WORK_TREE_SET.search(inputs.reader.read_bytes(git_folder / "config"))
    except OSError:
        return None
    if named is None:
        return None
    return Path(os.path.normpath(git_folder / os.fsdecode(named.group(1).strip())))


def outside_work_tree(folder: Path, bare: bool) -> str:
    """Why specrepo cannot work in `folder`, which is in a git folder (`bare`: a bare
    repository's, else a work tree's `.git`), and what to do: one wording for every
    command."""
    if bare:
        return f"{folder} is in a bare repository; run specrepo in a work tree"
    return f"{folder} is inside a git folder, not a work tree; run specrepo in the work tree"


def taken_work_tree_hint() -> str:
    """Where git took the folder specrepo started in as the top of the work tree (`GIT_DIR`
    set, `GIT_WORK_TREE` not: `TAKEN_WORK_TREE`), why, and what to set: `; GIT_DIR is set
    (/r/.git) but GIT_WORK_TREE is not, so git takes this folder (/out) as the work tree:
    set GIT_WORK_TREE=/r to work on that repository's` (the parent of a `.git` GIT_DIR, the
    folder git would take from inside it; of another, its work tree unnamed). Else
    nothing, as where that parent is the folder taken (a hook's `GIT_DIR=.git`). Told of a
    run that finds no configuration and no specs there (small62)."""
    environment = inputs.reader.environment()
    taken, git_dir = environment.get(TAKEN_WORK_TREE), environment.get("GIT_DIR")
    if not taken or not git_dir:
        return ""
    folder = Path(git_dir)
    if folder.name == ".git" and real_path(folder.parent) == real_path(Path(taken)):
        return ""  # git's own choice (a hook's `GIT_DIR=.git`): nothing else to name
    target = f"GIT_WORK_TREE={folder.parent}" if folder.name == ".git" \
        else "GIT_WORK_TREE to its work tree"
    return (f"; GIT_DIR is set ({git_dir}) but GIT_WORK_TREE is not, so git takes this "
            f"folder ({taken}) as the work tree: set {target} to work on that repository's")

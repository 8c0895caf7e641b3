"""Ask, through the run's reader, about every file git's answers to the covered commands
depend on (`git_doubt` names the commands), so that a recording reader
records them as questions a whole-result cache's hit asks again (`base.result_cache`).

git's answers about objects by id never change; what can change the answers of
`rev-parse`, `config`, `for-each-ref`, `log`, `rev-list`, `diff-index --cached` and
`ls-files --stage` is named by files (git-rev-parse(1), gitrepository-layout(5),
git-config(1) FILES, git-replace(1), gitmailmap(5), gitmodules(5)), asked here:
- which repository: `.git` (a folder, or a file naming one) in the folder git ran in and
  each folder above it up to the first that holds one, and a linked worktree's
  `commondir`;
- in the git folder and the common one: every regular file at the top (`HEAD`,
  `packed-refs`, `config`, `config.worktree`, `index`, `shallow`, `commondir`,
  `FETCH_HEAD`...), all of `refs/` (replace refs too), `info/` (`grafts`,
  `sparse-checkout`, `exclude`, `attributes`) and `objects/info/` (`alternates`,
  commit-graphs), read whole;
- git's configuration files: `$GIT_CONFIG_GLOBAL`, or `~/.gitconfig` and
  `$XDG_CONFIG_HOME/git/config` (`~/.config/git/config`); `$GIT_CONFIG_SYSTEM`, or
  `/etc/gitconfig` and `etc/gitconfig` under the prefix of the git found on `PATH`
  (unless `GIT_CONFIG_NOSYSTEM`); a configuration holding `include` (a file named
  elsewhere) or `mailmap` (a mailmap file named elsewhere) is a doubt;
- which git runs: the executable `PATH` finds, its real path and status (another
  version is another file);
- in the work tree's top: `.mailmap` (authors' names through `log.mailmap`),
  `.gitmodules`, `.gitattributes`.
The environment git reads (`GIT_*`, `HOME`, `XDG_CONFIG_HOME`, `PATH`...) is in the
cache's key whole. Returns the doubts found (a `.git` that is neither folder nor file, a
configuration naming other files).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from specrepo.base import inputs

_WHOLE_FOLDERS: Final = ("refs", "info", os.path.join("objects", "info"))
_WORK_TREE_FILES: Final = (".mailmap", ".gitmodules", ".gitattributes")
_DOUBTFUL_CONFIG: Final = (b"include", b"mailmap")


def asked_git_state(folders: Iterable[str]) -> list[str]:
    """Ask about the state of the repositories git ran in (`folders`) and of git itself;
    return the doubts (see the module)."""
    doubts: list[str] = []
    asked: set[Path] = set()
    for folder in dict.fromkeys(folders):
        found = repository(Path(folder))
        if found is None:
            doubts.append(f"no repository found above {folder}")
            continue
        top, git_folder = found
        for place in _git_folders(git_folder):
            if place not in asked:
                asked.add(place)
                doubts += _ask_folder(place)
        for name in _WORK_TREE_FILES:
            _read(top / name)
    doubts += _ask_git_itself()
    return doubts


def repository(folder: Path) -> tuple[Path, Path] | None:
    """The work tree's top and the git folder git finds from `folder`, as git looks for
    them (a `.git` folder, or a `.git` file saying `gitdir: path`)."""
    for place in (folder, *folder.parents):
        try:
            status = inputs.reader.lstat(place / ".git")
        except OSError:
            continue
        if stat.S_ISDIR(status.st_mode):
            return place, place / ".git"
        if stat.S_ISREG(status.st_mode):
            named = _read(place / ".git") or b""
            if not named.startswith(b"gitdir: "):
                return None
            return place, place / os.fsdecode(named[len(b"gitdir: "):].strip())
        return None
    return None


def _git_folders(git_folder: Path) -> list[Path]:
    """The git folder and, for a linked worktree, its common folder (`commondir`)."""
    common = _read(git_folder / "commondir")
    if common is None:
        return [git_folder]
    return [git_folder, git_folder / os.fsdecode(common.strip())]


def _ask_folder(git_folder: Path) -> list[str]:
    doubts: list[str] = []
    try:
        names = inputs.reader.listdir(git_folder)
    except OSError:
        return [f"cannot list {git_folder}"]
    for name in names:
        if inputs.reader.isfile(git_folder / name):
            content = _read(git_folder / name)
            if name.startswith("config") and content is not None \
                    and any(word in content.lower() for word in _DOUBTFUL_CONFIG):
                doubts.append(f"{git_folder / name} names other files")
    for relative in _WHOLE_FOLDERS:
        for folder, _, files in inputs.reader.walk(git_folder / relative):
            for name in files:
                _read(Path(folder, name))
    return doubts


def _ask_git_itself() -> list[str]:
    environment = inputs.reader.environment()
    home = inputs.reader.expanduser(Path("~"))
    configs = [Path(environment["GIT_CONFIG_GLOBAL"])] if "GIT_CONFIG_GLOBAL" in environment \
        else [home / ".gitconfig",
              Path(environment.get("XDG_CONFIG_HOME") or home / ".config") / "git" / "config"]
    found = inputs.reader.which("git", path=environment.get("PATH", os.defpath))
    if found is None:
        return ["no git on PATH"]
    real = Path(inputs.reader.realpath(found))
    inputs.reader.stat(real)
    if "GIT_CONFIG_SYSTEM" in environment:
        configs.append(Path(environment["GIT_CONFIG_SYSTEM"]))
    elif "GIT_CONFIG_NOSYSTEM" not in environment:
        configs += [Path("/etc/gitconfig"), real.parent.parent / "etc" / "gitconfig"]
    return [f"{path} names other files" for path in configs
            if any(word in (_read(path) or b"").lower() for word in _DOUBTFUL_CONFIG)]


def _read(path: Path) -> bytes | None:
    """The bytes of `path`, None when it cannot be read (asked all the same)."""
    try:
        return inputs.reader.read_bytes(path)
    except OSError:
        return None


PRESENCE_CHECK: Final = ("cat-file", "--batch-check=%(objectsize)", "--buffer")
"""The git run that asks whether objects a cached answer rests on are still there (the
object names on its input, `gitio.object_presence`): git's objects are never changed,
but they can be lost (a damaged or pruned repository), so a run that asked it is stored
with the names asked, and a hit asks git again (`result_cache.CachedRun.replayed`). Its
format is the object's size, which git reads from the object itself (an empty format only
looks the name up: an object file emptied by a crash, "object file ... is empty", would
answer as there); `NAME missing` for one it cannot read; about 5 bytes a name rather than
the default's 50. Not the type: for an object stored as a delta git walks the chain to its
base for that, where the size is the delta's own header (48,000 names of an
11,000-commit KEP repository: 0.08 s of git's processor time against 0.05, incr66)."""
BATCH_READ: Final = ("cat-file", "--batch")
"""The git run that reads objects by name, each answer told to the run's reader
(`gitio.batch_names.read_answer`, `Reader.read_object`): covered, for what an object's
id names never changes while git holds it (`presence_name`)."""
BATCH_IDS: Final = ("cat-file", "--batch-check=%(objectname)")
"""The git run that names objects' ids, each answer told to the run's reader too
(`history.side_locations.config_blobs_at`): covered likewise."""
_BY_ID: Final = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?(?P<within>:.*|\^\{tree\})?",
                           re.DOTALL)
"""A name whose answer is fixed by an object id: a whole id (SHA-1 or SHA-256), a path
in a commit's (or tree's) tree, a commit's tree."""
_GIT_COMMANDS: Final = frozenset({"rev-parse", "config", "for-each-ref", "log", "rev-list",
                                  "diff-index", "ls-files"})
"""git commands whose answers depend on the git folder's files, git's configuration files
and the environment only (this module asks about those), never on the work tree's
files: `diff-index` only with `--cached`, `ls-files` only with `--stage` and none of the
options that compare with the work tree (`_WORK_TREE_LISTINGS`)."""
_WORK_TREE_LISTINGS: Final = ("-o", "--others", "-m", "--modified", "-d", "--deleted", "-k",
                              "--killed", "-i", "--ignored", "--exclude", "-x", "-X",
                              "--directory", "-f", "--fsmonitor-valid", "--error-unmatch",
                              "--with-tree", "--recurse-submodules", "--eol", "--debug")
"""`git ls-files` options whose answers read the work tree, ignore files, submodules or
another tree (git-ls-files(1))."""
_DIFF_OUTPUT: Final = ("-p", "-u", "--patch", "--stat", "--numstat", "--shortstat",
                       "--dirstat", "--summary", "--word-diff", "--textconv", "--ext-diff",
                       "-G", "-S", "--pickaxe", "--cc", "-c", "--check", "--color",
                       "-M", "-C", "--find-", "--follow", "--show-signature", "--filter")
"""Options that make git read contents through attributes (textconv, diff drivers:
the work tree's `.gitattributes`), or a signature's keys, or a promisor remote."""


def presence_name(name: str, answered: str | None) -> str | None:
    """What a stored run's hit must find with `PRESENCE_CHECK` for `git cat-file --batch`
    to answer `name` as it answered (`answered`: the object id, None for no object), None
    when no such check vouches for it (a ref's name, a short id, an object missing).
    Objects are named by their content (gitglossary(7), "object name"): an id's object,
    and the object a path names in a commit's trees, are the same while git holds the
    commit, the trees on the path and the object, which asking the name itself checks
    (git resolves the path); a path a commit's trees do not hold stays missing while
    git holds the commit (losing a tree keeps it missing). Replace refs and grafts, which
    change answers, are asked as the git folder's files (`asked_git_state`)."""
    found = _BY_ID.fullmatch(name)
    if found is None or answered == "":
        return None
    if answered is not None:
        return name
    return name.partition(":")[0] if (found["within"] or "").startswith(":") else None


def named_by_id(text: str) -> bool:
    """Whether each line of `text` (each ending with a line feed) names an object whose
    answer an object id fixes (`_BY_ID`: an id, `id:path`, `id^{tree}`; never a ref's)."""
    return text.endswith("\n") and all(_BY_ID.fullmatch(line)
                                       for line in text[:-1].split("\n"))


def git_doubt(arguments: Sequence[str]) -> str | None:
    """Why a git run with `arguments` keeps its run out of the cache, None when its answer
    depends only on what this module asks about, or on objects by id (`BATCH_READ`)."""
    if tuple(arguments) in (BATCH_READ, BATCH_IDS):
        return None
    if not arguments or arguments[0] not in _GIT_COMMANDS:
        return f"git {' '.join(arguments[:1])} is not covered"
    if arguments[0] == "diff-index" and "--cached" not in arguments:
        return "git diff-index reads the work tree"
    if arguments[0] == "ls-files" and ("--stage" not in arguments or any(
            argument.startswith(_WORK_TREE_LISTINGS) for argument in arguments[1:])):
        return "git ls-files reads the work tree"
    for argument in arguments[1:]:
        if "@{" in argument or argument.startswith(_DIFF_OUTPUT):
            return f"git {arguments[0]} {argument} is not covered"
    return None

"""Find the repository around a folder, and the facts about it that decide how to mine it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.timestamps import git_time, utc_offset
from specrepo.base.work_tree import (
    git_folder_around,
    in_git_folder,
    outside_work_tree,
    own_git_dir,
)
from specrepo.gitio.attribute_sources import (
    unversioned_attribute_files,
    user_attributes_file,
)
from specrepo.gitio.git_command import (
    Git,
    HistoryError,
    NotARepositoryError,
)
from specrepo.gitio.git_overrides import git_rules
from specrepo.gitio.git_version import refuse_git_too_old
from specrepo.gitio.object_damage import damaged_repository, lost_words
from specrepo.gitio.stored_parents import stored_parents

_SETTINGS: Final = (r"^(mailmap\.(file|blob)|core\.usereplacerefs|remote\..*\.promisor"
                    r"|remote\..*\.partialclonefilter|extensions\.partialclone|lfs\.storage"
                    r"|core\.attributesfile|filter\..*\.(smudge|process)|trailer\..*\.key)$")
_SETTINGS_LISTED: Final = ("config", "--null", "--get-regexp", _SETTINGS)
_PROBE: Final = ("rev-parse", "--path-format=absolute", "--git-common-dir",
                  "--is-shallow-repository", "--show-object-format", "--show-toplevel",
                  "--absolute-git-dir")
_HEAD_SHOWN: Final = ("log", "-1", "--format=%H%n%ct%n%ai", "HEAD", "--")
"""HEAD, its commit time and its author date (for the offset its days are shown in):
`git log -1` says what `git show -s` does, with about half of
its processor time (1.3 ms against 2.4 ms: show prepares its diff machinery)."""


@dataclass(frozen=True)
class RepositoryState:
    """Facts about the repository that decide how (and whether) to mine it."""

    work_tree: Path
    git_dir: Path
    """The common git folder (shared by linked worktrees): where the cache lives."""
    work_tree_git_dir: Path
    """The work tree's own git folder (a linked worktree's, else the common one): where
    caches of what is in the work tree live (see `work_tree_git_dir`)."""
    head: str | None
    """HEAD's commit id; None on an unborn branch (a repository with no commits yet)."""
    head_time: int | None
    """HEAD's commit time, read once: every age is measured to the commit measured."""
    head_offset: int
    """The offset from UTC (minutes east) of HEAD's author date: HEAD's day is shown in it."""
    shallow: bool
    object_format: str
    settings: dict[str, str]
    """The git settings that change what is mined (mailmap, replace refs, partial clone,
    LFS storage, attributes and filter drivers, trailer aliases: `trailer.ok.key =
    Approved-by` makes an `ok:` trailer an approval), lower-case names as git reports
    them."""
    replace_refs: str | None = None
    """The replace refs and what each names, as `fingerprint` lists them, when they were
    listed with the rest (`open_repository(replace_refs=True)`); None: not listed."""

    @property
    def promisor_remote(self) -> str | None:
        """The remote that lazily serves missing objects in a partial clone, if any."""
        return promisor_remote(self.settings)

    @property
    def partial_clone_filter(self) -> str | None:
        """The filter a partial clone was made with (`blob:none`, `tree:0`...), if any."""
        remote = self.promisor_remote
        if remote is None:
            return None
        return self.settings.get(f"remote.{remote}.partialclonefilter", "unknown filter")

    @property
    def lfs_objects(self) -> Path:
        """Where Git LFS keeps the content of files it tracks."""
        storage = self.settings.get("lfs.storage")
        base = Path(storage) if storage else Path("lfs")
        return (base if base.is_absolute() else self.git_dir / base) / "objects"


def open_repository(folder: Path, *, replace_refs: bool = False
                    ) -> tuple[Git, RepositoryState]:
    """The git of the repository holding `folder` (as git finds it, `GIT_DIR` and
    `GIT_WORK_TREE` included) and its state; raises `HistoryError` with git's reason when
    git cannot read it. With `replace_refs`, the replace refs are listed too (for the
    history cache's key: `fingerprint`). Every git runs at once, from `folder`: none of
    their answers depends on the folder within the repository."""
    git = Git(folder)
    refs = [_replace_refs_listed(git.environment)] if replace_refs else []
    probe, shown, listed, *replaced = git.attempt_together(
        _PROBE, _HEAD_SHOWN, _SETTINGS_LISTED, *refs)
    if probe.returncode != 0:
        raise _refusal(git, folder, probe.stderr)
    refuse_git_too_old(git, probe.stdout)
    common, shallow, object_format, top, own = \
        probe.stdout.decode("utf-8", "surrogateescape").split("\n")[:5]
    work_tree = Path(top)
    git = Git(work_tree)  # paths in and out are relative to the top, as in the log
    git.common_dir = Path(common)
    head, head_time, head_offset = _head(git, shown)
    return git, RepositoryState(
        work_tree=work_tree,
        git_dir=Path(common),
        work_tree_git_dir=Path(own),
        head=head,
        head_time=head_time,
        head_offset=head_offset,
        shallow=shallow == "true",
        object_format=object_format,
        settings=git_settings(git, listed),
        replace_refs=replaced[0].stdout.decode("utf-8", "surrogateescape").rstrip("\n")
        if replaced and replaced[0].returncode == 0 else None,
    )


_LOCATING: Final = ("GIT_DIR", "GIT_COMMON_DIR", "GIT_WORK_TREE")
"""Environment variables that tell git where the repository is: with one set, its folders
do not show it (`visible_git_dir`)."""


def visible_git_dir(folder: Path) -> Path | None:
    """The common git folder of the repository around `folder` as its folders show it,
    without running git: the first `.git` found going up, a folder, or a file naming one
    (`gitdir:`, a linked worktree's or a submodule's, with its `commondir`); see
    gitrepository-layout(5). With `GIT_DIR` set (as git sets it for a hook), the one it
    names (`_named_git_dir`), whatever `folder`. None when nothing plain is found, or when
    another environment variable tells git elsewhere. A guess, for what only costs time
    when it is wrong."""
    if named := inputs.reader.environment().get("GIT_DIR"):
        return _named_git_dir(named)
    if any(name in inputs.reader.environment() for name in _LOCATING):
        return None
    for candidate in (inputs.reader.absolute(folder), *inputs.reader.absolute(folder).parents):
        dot_git = candidate / ".git"
        if inputs.reader.isdir(dot_git):
            return dot_git
        if inputs.reader.isfile(dot_git):
            return _linked_git_dir(dot_git)
    return None


def _named_git_dir(named: str) -> Path | None:
    """The common git folder of the git folder `GIT_DIR` names, made absolute
    (`environment_paths.settle_git_paths`): `GIT_COMMON_DIR` when set, else its
    `commondir`, else itself (a `.git` file: the folder it names); None for a relative
    path (not settled: git would read it from another folder) or one that is no git
    folder (git(1), ENVIRONMENT)."""
    git_dir = Path(named)
    if not git_dir.is_absolute():
        return None
    if inputs.reader.isfile(git_dir):
        return _linked_git_dir(git_dir)
    common = inputs.reader.environment().get("GIT_COMMON_DIR")
    if common:
        return Path(common) if os.path.isabs(common) and inputs.reader.isdir(common) else None
    if not inputs.reader.isdir(git_dir):
        return None
    try:
        shared = inputs.reader.read_text(git_dir / "commondir", "utf-8").strip()
    except FileNotFoundError:
        return git_dir
    except (OSError, UnicodeDecodeError):
        return None
    return git_dir / shared


def _linked_git_dir(dot_git: Path) -> Path | None:
    """The common git folder a `.git` file names (`own_git_dir`, then `PATH/commondir`)."""
    git_dir = own_git_dir(dot_git)
    if git_dir is None:
        return None
    common = git_dir / "commondir"
    try:
        return git_dir / inputs.reader.read_text(common, "utf-8").strip() \
            if inputs.reader.isfile(common) else git_dir
    except (OSError, UnicodeDecodeError):
        return None


def work_tree_git_dir(folder: Path) -> Path | None:
    """The git folder of the work tree holding `folder` (a linked worktree's own, not the
    common one), for caches of what is in the work tree; None outside a work tree, or
    when git cannot say."""
    try:
        found = Git(folder).attempt("rev-parse", "--is-inside-work-tree", "--absolute-git-dir")
    except HistoryError:  # no git at all
        return None
    inside, _, git_dir = found.stdout.decode("utf-8", "surrogateescape").partition("\n")
    if found.returncode != 0:
        refuse_broken_repository(folder, found.stderr)
    if found.returncode != 0 or inside != "true":
        return None
    return Path(git_dir.rstrip("\n"))


def refuse_broken_repository(folder: Path, stderr: bytes) -> None:
    """Raise `HistoryError` when git answered from `folder` that it is in no repository
    (`stderr`) though a `.git` around it shows one that git made (`visible_git_dir`, holding
    `objects/` or `refs/`): a git folder git does not take for one (its `HEAD` deleted,
    say) is a broken repository, never none. An empty `.git` folder is no repository."""
    message = stderr.decode("utf-8", "replace").strip()
    if "not a git repository" not in message or (shown := visible_git_dir(folder)) is None \
            or not any(inputs.reader.isdir(shown / part) for part in ("objects", "refs")):
        return
    raise HistoryError(
        f"the repository at {shown} is broken: git does not take it for one ({message}); "
        "restore what is missing there (`git status` fails too: a `HEAD` naming a branch, "
        "`objects/`, `refs/`) or clone it anew")


def refuse_unread_repository(folder: Path) -> None:
    """Raise `RefusedRepositoryError` (exit 2) when git will not read the repository
    holding `folder` (`safe.directory` in git-config(1)), for a command that would ask git
    nothing else: none passes on a checkout git refuses. Costs one `git rev-parse`;
    nothing outside a repository or without git."""
    work_tree_git_dir(folder)


def not_a_repository(folder: Path, stderr: bytes, needs: str) -> NotARepositoryError:
    """The error for a command that needs a repository (`needs`: why, as "history needs
    one") when git answered from `folder` that it is in none (`stderr`: git's "not a git
    repository"); raises `HistoryError` (exit 2) instead when a `.git` around `folder`
    shows a broken repository (`refuse_broken_repository`): every command that asks git
    gives that one diagnosis."""
    refuse_broken_repository(folder, stderr)
    return NotARepositoryError(f"{folder} is not inside a git repository; {needs} (run "
                               "`git init`, or run specrepo inside a clone)")


def _refusal(git: Git, folder: Path, stderr: bytes) -> HistoryError:
    """Why git will not show the repository around `folder`."""
    message = stderr.decode("utf-8", "replace").strip()
    if "not a git repository" in message:
        return not_a_repository(folder, stderr, "history needs one")
    bare = git.attempt("rev-parse", "--is-bare-repository")
    if bare.returncode != 0:
        return HistoryError(f"git cannot read the repository at {folder}: {message}")
    if bare.stdout.strip() != b"true" and (git_folder := git_folder_around(folder)) is not None:
        return HistoryError(in_git_folder(folder, git_folder))  # as every command words it
    return HistoryError(outside_work_tree(folder, bare.stdout.strip() == b"true"))


def _head(git: Git, shown: subprocess.CompletedProcess[bytes]
          ) -> tuple[str | None, int | None, int]:
    """HEAD's commit, its time and its author's offset from UTC (minutes east), from what
    `_HEAD_SHOWN` answered; (None, None, 0) on an unborn branch; an error when HEAD, or a
    parent `git log` reads for it (worded by `lost_words`), is missing or damaged."""
    if shown.returncode == 0:
        head, time, authored = shown.stdout.decode("utf-8", "replace").split("\n")[:3]
        return head, git_time(time), utc_offset(authored)
    resolved = git.attempt("rev-parse", "--verify", "--quiet", "HEAD")
    if resolved.returncode != 0:
        branch = git.attempt("symbolic-ref", "--quiet", "HEAD")
        if b"not a git repository" in branch.stderr:  # not from there: nothing damaged
            raise HistoryError(f"git finds no repository from {git.folder}: "
                               + branch.stderr.decode("utf-8", "replace").strip())
        if branch.returncode == 0:
            name = branch.stdout.decode("utf-8", "surrogateescape").strip()
            if not git.attempt("for-each-ref", name).stdout.strip():
                return None, None, 0  # a branch with no commits yet
        raise HistoryError("HEAD does not name a commit git can read; the repository is "
                           "damaged (see `git status` and `git fsck`)")
    head = resolved.stdout.decode().strip()
    words = lost_words(git, shown.stderr)
    if words is not None and head not in words:  # a parent git needs for HEAD's time
        raise HistoryError(words)
    reason = shown.stderr.decode("utf-8", "replace").strip()
    raise HistoryError(
        f"HEAD's commit {head} cannot be read ({reason or 'not a commit'}): "
        f"{damaged_repository()}")


def promisor_remote(settings: dict[str, str]) -> str | None:
    """The remote that lazily serves missing objects in a partial clone with these
    `settings` (see `git_settings`), if any."""
    for key, value in sorted(settings.items()):
        if key.startswith("remote.") and key.endswith(".promisor") \
                and value.lower() in ("true", "yes", "on", "1"):
            return key[len("remote."):-len(".promisor")]
    return settings.get("extensions.partialclone")


def git_settings(git: Git,
                 listed: subprocess.CompletedProcess[bytes] | None = None) -> dict[str, str]:
    """The git settings that change what is mined (`RepositoryState.settings`): what
    `_SETTINGS_LISTED` answered (`listed`), else asked here."""
    listed = git.attempt(*_SETTINGS_LISTED) if listed is None else listed
    if listed.returncode not in (0, 1):  # 1: none of them is set
        raise HistoryError("git config failed: "
                           + listed.stderr.decode("utf-8", "replace").strip())
    settings = {}
    for entry in listed.stdout.decode("utf-8", "surrogateescape").split("\0"):
        key, _, value = entry.partition("\n")
        if key and not key.lower().startswith("filter.lfs."):  # not run: see gitio.filters
            settings[key.lower()] = value
    return settings


def fingerprint(git: Git, state: RepositoryState) -> list[str]:
    """Everything outside the configuration that changes what git shows of the history:
    the object format, shallow boundary, grafts, replace refs, mailmap, attributes
    (clean/smudge filters: every file git reads them from besides the commits' own,
    `attribute_sources`), the rules specrepo runs git under and the git it runs
    (`git_rules`), so that no cache holds a history read another way."""
    environment = git.environment
    parts = [state.object_format, repr(sorted(state.settings.items())),
             *git_rules(environment), _mailmap_blob(git, state)]
    for path in (_named_by(environment, "GIT_SHALLOW_FILE", state, "shallow"),
                 _named_by(environment, "GIT_GRAFT_FILE", state, "info/grafts"),
                 state.work_tree / ".gitattributes", state.work_tree / ".mailmap",
                 *([state.work_tree
                    / inputs.reader.expanduser(Path(state.settings["mailmap.file"]))]
                   if "mailmap.file" in state.settings else []),
                 # the user's (as git finds it from the top) and the system's attributes
                 # files too: filters
                 *(unversioned_attribute_files(state.git_dir, state.settings, environment,
                                               state.work_tree)
                   or [state.git_dir / "info" / "attributes",
                       *filter(None, [user_attributes_file(state.settings, environment,
                                                           state.work_tree)])])):
        try:
            parts.append(inputs.reader.read_bytes(path).decode("utf-8", "surrogateescape"))
        except OSError:
            parts.append("")
    parts.append(environment.get("GIT_NO_REPLACE_OBJECTS", ""))
    parts.append(state.replace_refs if state.replace_refs is not None
                 else git.text(*_replace_refs_listed(environment)))
    return parts


def _mailmap_blob(git: Git, state: RepositoryState) -> str:
    """The object `mailmap.blob` names (`meta:.mailmap`: a branch's file, whose content
    changes while the setting does not), as git finds it now; "" when it is not set or
    names nothing. (git's default for bare repositories, `HEAD:.mailmap`, never applies:
    specrepo reads a work tree.)"""
    named = state.settings.get("mailmap.blob")
    if not named:
        return ""
    found = git.attempt("rev-parse", "--verify", "--quiet", "--end-of-options", named)
    return found.stdout.decode("ascii", "replace").strip() if found.returncode == 0 else ""


def _replace_refs_listed(environment: dict[str, str]) -> tuple[str, ...]:
    """The git command that lists the replace refs and the objects they name."""
    return ("for-each-ref", "--format=%(refname) %(objectname)",
            environment.get("GIT_REPLACE_REF_BASE", "refs/replace/"))


def _named_by(environment: dict[str, str], variable: str, state: RepositoryState,
              default: str) -> Path:
    """The file an environment variable names for git (relative to the top folder, where
    specrepo runs git), else `default` in the git folder."""
    value = environment.get(variable)
    return state.work_tree / value if value else state.git_dir / default


def shallow_boundary(git: Git, state: RepositoryState) -> dict[str, tuple[str, ...]]:
    """The commits of a shallow clone whose parents the clone does not hold (git's
    `shallow` file, or the one `GIT_SHALLOW_FILE` names): where its history starts, each
    with the parents its object names (`stored_parents`, which the clone may hold beside
    it: a pull request's base fetched one deep; () for a commit git does not hold). Every
    spec HEAD's history reaches back to there first appears in one of them, so that first
    version is no creation. Without the true roots the file lists (no parents in the full
    repository either: a `--depth` that reaches the root), whose changes are all their
    files in a full clone and a shallow one alike: a clone whose file lists only those is
    complete. Empty when not shallow. Raises `HistoryError` when git cannot read them."""
    if not state.shallow:
        return {}
    try:
        text = inputs.reader.read_text(
            _named_by(git.environment, "GIT_SHALLOW_FILE", state, "shallow"), "ascii", "replace")
    except OSError:
        return {}
    listed = sorted({line.strip() for line in text.splitlines() if line.strip()})
    found = stored_parents(git, listed)
    return {commit: found.get(commit, ()) for commit in listed
            if commit not in found or found[commit]}

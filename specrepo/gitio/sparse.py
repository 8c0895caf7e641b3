"""Spec files and traced files a sparse checkout (or a file's own skip-worktree bit) left
out of the work tree, and submodules in spec folders that are not checked out: git tracks
them, so they are files of the repository, but no command that reads the work tree can see
them."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, NoReturn

from specrepo.base import inputs
from specrepo.base.paths import real_path
from specrepo.base.wording import counted
from specrepo.base.work_tree import own_git_dir, repository_top
from specrepo.gitio.commit_match import hides_changes
from specrepo.gitio.flagged_files import (
    FlaggedFile,
    flagged_entry,
    index_version,
    listed_inputs,
)
from specrepo.gitio.git_command import Git, HistoryError, failure
from specrepo.load.locations import location_matcher, pathspecs
from specrepo.model.config import CONFIG_FILE_NAME, Config


class SparseCheckoutError(HistoryError):
    """Spec files are outside the sparse checkout: rules across specs, pages and reports
    would be wrong in silence without them (exit 2)."""


class Checkout(NamedTuple):
    """Where the work tree holding a configuration is: its top folder and its git folder
    (None outside one), found once a command (`checkout_of`), without running git."""

    top: Path | None
    git_dir: Path | None
    flagged: tuple[FlaggedFile, ...] = ()
    """The spec files in the work tree whose index entry carries an assume-unchanged or
    skip-worktree bit, whose edits `git status` and `git diff` do not show
    (`hidden_edits.edited_behind_flags` tells them), and so flagged of the files
    `listed_inputs` names: known from the listing `refuse_specs_outside_sparse_checkout`
    makes, none from `checkout_of`."""


def checkout_of(config: Config) -> Checkout:
    """The work tree holding `config.root`: its top (`repository_top`) and its git folder,
    the `.git` folder there or the one a `.git` file names (a linked worktree)."""
    top = repository_top(config.root)
    return Checkout(top, _git_dir(top))


def refuse_specs_outside_sparse_checkout(config: Config) -> Checkout:
    """Raise `SparseCheckoutError` when configured spec files of the repository at
    `config.root` are left out of the work tree by a sparse checkout or by their own
    skip-worktree bit (`git update-index --skip-worktree`), or deleted from it while their
    assume-unchanged bit (`--assume-unchanged`) hides that from `git status`: each would be
    read as no spec, in silence (newuser72). Costs a look at the index's version, and one
    `git ls-files` when there is an index (assume-unchanged bits live in every version;
    see `_refuse_outside`). Returns the checkout, for the command's other checks, with the
    spec files that listing found flagged (`Checkout.flagged`), and those of the files
    every spec is judged against that the configuration names (`listed_inputs`), which
    the same listing reads: no second one."""
    checkout = checkout_of(config)
    watched = listed_inputs(config, checkout.top)
    # `ls-files` may keep a file an exclusion names (it matches exclusions against paths
    # shortened by the other pathspecs' common folder): the matcher decides.
    flagged = _refuse_outside(config.root, checkout, [
        *pathspecs(config.locations, from_top=False),
        *(f":(literal){path}" for path in watched)], location_matcher(config.locations),
        "spec file", _EVERY_SPEC, assumed=True, watched=watched)
    _refuse_submodules_not_checked_out(config, checkout.top)
    _refuse_links_checked_out_as_files(config, checkout.git_dir)
    return checkout._replace(flagged=flagged)


_EVERY_SPEC = "rules across specs, pages and reports need every spec"  # why specs are refused


def flagged_specs(config: Config) -> tuple[FlaggedFile, ...]:
    """The spec files in the work tree that carry either bit (`Checkout.flagged`), for
    plain `diff`: refuses as `validate` does those deleted behind either bit, which git's
    diff calls unchanged (diffdel), not those a sparse checkout leaves out (git's sides
    hold them). One `git ls-files`, none without an index (`_refuse_outside`)."""
    return _refuse_outside(config.root, checkout_of(config), pathspecs(
        config.locations, from_top=False), location_matcher(config.locations), "spec file",
        _EVERY_SPEC, assumed=True, sparse_ok=True)


def _refuse_links_checked_out_as_files(config: Config, git_dir: Path | None) -> None:
    """Raise `SparseCheckoutError` when spec files git keeps as symbolic links are plain
    files in the work tree (`core.symlinks` false: a Windows checkout, or a clone told so),
    each holding its target's path instead of the spec. Costs a look at the git folder's
    `config` for the word, and git only when it is there: `git config` and one
    `git ls-files --stage` of the spec locations."""
    try:
        settings = inputs.reader.read_bytes(git_dir / "config") if git_dir is not None else b""
    except OSError:
        return
    if b"symlinks" not in settings.lower():
        return
    git = Git(config.root)
    if git.attempt("config", "--type=bool", "core.symlinks").stdout.strip() != b"false":
        return
    keep = location_matcher(config.locations)
    listed = git.run("ls-files", "--stage", "-z", "--",
                     *pathspecs(config.locations, from_top=False))
    plain = sorted(path for entry in listed.decode("utf-8", "surrogateescape").split("\0")
                   if entry.startswith("120000 ") and keep(path := entry.partition("\t")[2])
                   and not inputs.reader.islink(config.root / path))
    if plain:
        raise SparseCheckoutError(
            f"{counted(len(plain), 'spec file')} that git keeps as a symbolic link "
            f"{'is' if len(plain) == 1 else 'are'} a plain file in the work tree "
            f"{_shown(plain)}: core.symlinks is false (a Windows "
            "checkout), so it holds the link's target path, not the spec; turn symbolic "
            "links on (`git config core.symlinks true`, then `git checkout -- FILE`), or "
            "keep the spec as a file")


def _refuse_submodules_not_checked_out(config: Config, top: Path | None) -> None:
    """Raise `SparseCheckoutError` when a submodule below a spec location (or holding
    one) is not checked out (its folder holds no `.git`: a clone without `--recurse-submodules`, as
    `actions/checkout` makes by default), so its specs would be missing in silence. Costs a
    look for `.gitmodules` at the top, and git only when it names a submodule there: one
    `git config` reading it and one `git ls-files` telling which of those git tracks.
    A gitlink that `.gitmodules` does not name cannot be checked out at all; it is not
    looked for (that would cost reading the whole index on every run). `top`: the work
    tree's top folder."""
    if top is None:
        return
    below = _location_folders(config, top)
    globs = _location_globs(config, top)
    candidates = [path for path in declared_submodules(top)
                  if (any(not folder or path == folder or path.startswith(folder + "/")
                          or folder.startswith(path + "/") for folder in below)
                      or any(glob_reaches(glob, path.split("/")) for glob in globs))
                  and not inputs.reader.exists(top / path / ".git")]
    missing = gitlinks(top, candidates)
    if missing:
        raise SparseCheckoutError(
            f"{counted(len(missing), 'submodule')} in the spec folders "
            f"{'is' if len(missing) == 1 else 'are'} not checked out {_shown(missing)}: its "
            "specs cannot be read, and rules across specs, pages and reports need every "
            "spec; run `git submodule update --init --recursive` (in GitHub Actions, "
            "`submodules: recursive` in actions/checkout)")


def declared_submodules(top: Path) -> list[str]:
    """The paths (from the top folder `top` of the work tree) `.gitmodules` names: none
    without that file, and then no git process."""
    if not inputs.reader.isfile(top / ".gitmodules"):
        return []
    declared = Git(top).attempt("config", "--file", ".gitmodules", "-z", "--get-regexp",
                                r"^submodule\..*\.path$").stdout
    return [entry.partition("\n")[2].strip("/") for entry
            in declared.decode("utf-8", "surrogateescape").split("\0") if "\n" in entry]


def gitlinks(top: Path, candidates: Sequence[str]) -> list[str]:
    """Those of `candidates` (paths from the top folder `top`) the index holds as a
    submodule (a gitlink), sorted; one `git ls-files`, none for no candidate."""
    if not candidates:
        return []
    listed = Git(top).run("ls-files", "--stage", "-z", "--",
                          *(f":(literal){path}" for path in candidates))
    return sorted(entry.partition("\t")[2] for entry
                  in listed.decode("utf-8", "surrogateescape").split("\0")
                  if entry.startswith("160000 "))


def _location_folders(config: Config, top: Path) -> list[str]:
    """The folders (from the repository's top, "" for the top itself) that hold every spec
    file of each folder or file location: a folder location's own, a file's folder."""
    base = _base(config, top)
    folders = []
    for place in config.locations:
        if place.kind == "glob":
            continue
        parts = place.path.strip("/").split("/")
        if place.kind == "file":
            parts = parts[:-1]
        folder = os.path.normpath("/".join([*base, *parts])).replace(os.sep, "/")
        folders.append("" if folder == "." else folder)
    return folders


def _base(config: Config, top: Path) -> list[str]:
    """The configuration's folder from the repository's top, as folder names."""
    base = real_path(config.root).relative_to(real_path(top)).as_posix()
    return [] if base == "." else base.split("/")


def _location_globs(config: Config, top: Path) -> list[list[tuple[bool, str]]]:
    """Each glob location as its segments from the repository's top, each (whether it is
    a pattern, the text): the configuration's folder is literal."""
    return [[(False, part) for part in _base(config, top)]
            + [(True, part) for part in place.path.strip("/").split("/") if part != "."]
            for place in config.locations if place.kind == "glob"]


def glob_reaches(glob: list[tuple[bool, str]], folder: list[str]) -> bool:
    """Whether the glob (`_location_globs`: segments) may match a file below `folder` (its names):
    each of the folder's names matched by the glob's segment at its depth, and a segment
    left for the file; `**`, or a segment with wildcards other than `*` and `?` (read as
    may-match: the safe side), reaches anything there."""
    for depth, name in enumerate(folder):
        if depth >= len(glob):
            return False
        is_pattern, segment = glob[depth]
        if not is_pattern:
            if segment != name:
                return False
        elif segment == "**" or set(segment) & set("[]{}\\!"):
            return True
        elif not fnmatch.fnmatchcase(name, segment):
            return False
    return len(glob) > len(folder)


def refuse_traced_files_outside_sparse_checkout(config: Config, checkout: Checkout) -> None:
    """Raise `SparseCheckoutError` when files the `trace:` globs name are left out of the
    work tree (as `refuse_specs_outside_sparse_checkout` judges it): `git grep` searches
    only the work tree, so their tags would be lost in silence (a requirement uncovered,
    a suspect link gone). `checkout`: `checkout_of(config)`."""
    globs = (*config.trace.implementation, *config.trace.tests)
    if globs:
        _refuse_outside(config.root, checkout, [f":(glob){glob}" for glob in globs],
                        lambda _: True, "traced file", "trace needs every file it scans for tags")


def refuse_output_outside_sparse_checkout(config: Config, checkout: Checkout, folder: Path,
                                          command: str, *, check: bool) -> None:
    """Raise `SparseCheckoutError` when files git tracks in the output `folder` (a real
    path inside `config.root`) are left out of the work tree (as
    `refuse_specs_outside_sparse_checkout` judges it): `command --check` would call each
    committed one missing, and `command` would write files git does not track as the
    user thinks (git clears the skip-worktree bits of some, keeps others').
    `checkout`: `checkout_of(config)`."""
    relative = folder.relative_to(real_path(config.root)).as_posix()
    why = (f"`{command} --check` compares the files in its output folder {relative}/"
           if check else f"`{command}` writes into its output folder {relative}/")
    _refuse_outside(config.root, checkout, [f":(literal){relative}"], lambda _: True,
                    "output file", f"{why}, which the checkout leaves out")


def refuse_config_missing_from_work_tree(start: Path, found: Path | None) -> None:
    """Raise `SparseCheckoutError` when a `specrepo.yaml` git tracks in the folder `start`
    or one above it, nearer than the configuration file `found` (None: none was found, up
    to the top of the work tree), is missing from the work tree: left out by a sparse
    checkout or its skip-worktree bit, deleted with its assume-unchanged bit hiding that
    from `git status`, or deleted and not committed. Its settings, the gates among them,
    would be another file's or the defaults, in silence (newuser69, newuser71). One `git
    ls-files` when there is such a folder (none when `start` is the folder of `found`)."""
    top = repository_top(start)
    if top is None:
        return
    looked_in = []
    for folder in (real_path(start), *real_path(start).parents):
        if found is not None and folder == real_path(found).parent:
            break
        looked_in.append(folder.relative_to(top) / CONFIG_FILE_NAME)
        if folder == top:
            break
    if not looked_in or index_version(_git_dir(top)) == 0:
        return  # nothing is tracked without an index
    _refuse_hidden(Git(top), top, [f":(literal){path.as_posix()}" for path in looked_in],
                   lambda _: True, "configuration file",
                   "specrepo would read another configuration or its defaults instead, and "
                   "every setting left out (gates among them) would be off in silence",
                   assumed=True)


def _refuse_outside(root: Path, checkout: Checkout, named: Sequence[str],
                    keep: Callable[[str], bool], what: str, why: str, *,
                    assumed: bool = False, watched: frozenset[str] = frozenset(),
                    sparse_ok: bool = False) -> tuple[FlaggedFile, ...]:
    """Raise `SparseCheckoutError` (saying `why`) when tracked files of the pathspecs
    `named` (relative to the folder `root`) that `keep` keeps are missing from the work
    tree with their skip-worktree bit set, or, with `assumed`, their assume-unchanged bit
    (`_refuse_hidden`). git is asked only when the index may hold such a bit: a
    skip-worktree one needs index version 3 or later (or a sparse checkout), an
    assume-unchanged one any version. (Finding those bits without git means walking every
    index entry in Python, versions 2 to 4, object ids of either length, split indexes: at
    3,000 entries about 1 ms against this `ls-files`' 3 to 4 ms, at 100,000 20 to 35 ms
    against about 15: not worth its code.) Returns the kept files in the work tree that
    carry such a bit, and the `watched` ones (`_refuse_hidden`): none where git is not
    asked. `sparse_ok`: as `_refuse_hidden`'s."""
    git_dir, top = checkout.git_dir, checkout.top
    if git_dir is None or top is None:
        return ()
    version = index_version(git_dir)
    if (assumed and version) or version >= 3 \
            or inputs.reader.isfile(git_dir / "info" / "sparse-checkout"):
        return _refuse_hidden(Git(root), top, named, keep, what, why, assumed=assumed,
                              watched=watched, sparse_ok=sparse_ok)
    return ()


def _refuse_hidden(git: Git, top: Path, named: Sequence[str], keep: Callable[[str], bool],
                   what: str, why: str, *, assumed: bool, watched: frozenset[str] = frozenset(),
                   sparse_ok: bool = False) -> tuple[FlaggedFile, ...]:
    """Raise `SparseCheckoutError` (each a `what`, saying `why`) when tracked files of the
    pathspecs `named` (relative to the folder git runs in) that `keep` keeps are missing
    from the work tree where `git status` does not show it: left out by a sparse checkout
    or their skip-worktree bit (`git ls-files -v` tags them `S`), or, with `assumed`,
    deleted while their assume-unchanged bit is set (a lowercase tag; `s` has both). A
    deletion `git status` shows is the change being made, and is read as one. One
    `git ls-files`; `top`: the work tree's top folder. Returns the kept files of the work
    tree that carry either bit (`Checkout.flagged`; a conflicted path's stages aside), and
    the flagged ones of `watched` (paths as git names them), which are not refused; with
    `sparse_ok`, files a sparse checkout leaves out are not refused either."""
    # `--stage`: an answer of the index alone, which a whole-result cache can ask again
    # (`base.git_state`); without it, `ls-files` reads the work tree, and no run is kept.
    arguments = ("ls-files", "--stage", "-v", "-z", "--", *named)
    done = git.attempt(*arguments)
    if done.returncode != 0:  # a `.git` git does not take (its HEAD deleted) is named broken
        from specrepo.gitio.repository import refuse_broken_repository  # noqa: PLC0415

        refuse_broken_repository(git.folder, done.stderr)
        raise failure(arguments, done.stderr, git.folder)
    listed = done.stdout
    left_out: list[str] = []
    deleted: list[str] = []
    flagged: list[FlaggedFile] = []
    for entry in listed.decode("utf-8", "surrogateescape").split("\0"):
        tag, (meta, _, path) = entry[:1], entry.partition("\t")
        if not hides_changes(tag) or not path or not keep(path):
            if hides_changes(tag) and path in watched \
                    and (watched_one := flagged_entry(meta, path)) is not None:
                flagged.append(watched_one)
            continue
        if assumed and tag.islower():
            if not inputs.reader.lexists(git.folder / path):
                deleted.append(path)  # (a link to nothing is there, and read as such)
                continue
        elif tag in ("S", "s") and not inputs.reader.exists(git.folder / path):
            left_out.append(path)
            continue
        if (flagged_one := flagged_entry(meta, path)) is not None:
            flagged.append(flagged_one)
    if left_out:
        _refuse_left_out(git, left_out, what, why, sparse_ok=sparse_ok)
    if deleted:
        _refuse_deleted_behind_assume_unchanged(git, top, deleted, what, why)
    return tuple(flagged)


def _refuse_deleted_behind_assume_unchanged(git: Git, top: Path, deleted: Sequence[str],
                                            what: str, why: str) -> NoReturn:
    """Raise `SparseCheckoutError` for the tracked files `deleted` (relative to the folder
    git runs in), each a `what`, deleted from the work tree while their assume-unchanged
    bit hides that from `git status`, saying `why` they are needed and how to bring them
    back. `top`: the work tree's top folder."""
    if len(deleted) == 1:
        path = deleted[0]
        from_top = (real_path(git.folder) / path).relative_to(real_path(top)).as_posix()
        raise SparseCheckoutError(
            f"the {what} {path}, tracked by git, is marked assume-unchanged and missing from "
            f"the work tree, which `git status` does not show: {why}; restore it (`git "
            f"update-index --no-assume-unchanged :/{from_top}` then `git checkout -- "
            f":/{from_top}`), or commit its deletion")
    raise SparseCheckoutError(
        f"{counted(len(deleted), what)} tracked by git are marked assume-unchanged and "
        f"missing from the work tree, which `git status` does not show {_shown(deleted)}: "
        f"{why}; restore each (`git update-index --no-assume-unchanged FILE` then `git "
        "checkout -- FILE`), or commit their deletion")


def _refuse_left_out(git: Git, outside: Sequence[str], what: str, why: str, *,
                     sparse_ok: bool = False) -> None:
    """Raise `SparseCheckoutError` for the tracked files `outside`, each a `what`, that a
    sparse checkout (not with `sparse_ok`) or their skip-worktree bit left out of the work
    tree, saying `why` they are needed and how to bring them back."""
    shown, are = _shown(outside), "is" if len(outside) == 1 else "are"
    sparse = git.attempt("config", "--type=bool", "core.sparseCheckout").stdout.strip()
    if sparse != b"true":
        raise SparseCheckoutError(
            f"{counted(len(outside), what)} tracked by git {are} marked skip-worktree and "
            f"missing from the work tree {shown}: {why}; bring each back (`git update-index "
            "--no-skip-worktree FILE` then `git checkout -- FILE`)")
    if not sparse_ok:
        raise SparseCheckoutError(
            f"{counted(len(outside), what)} tracked by git {are} outside the sparse "
            f"checkout {shown}: {why}; add their folders (`git sparse-checkout add "
            "FOLDER`) or check out the whole repository")


def _shown(paths: Sequence[str]) -> str:
    """`paths` as a message names them, in brackets: the first three, then how many more."""
    return f"({', '.join(paths[:3])}{f' and {len(paths) - 3} more' if len(paths) > 3 else ''})"


def _git_dir(top: Path | None) -> Path | None:
    """The git folder of the work tree whose top is `top` (`own_git_dir` of its `.git`)."""
    return None if top is None else own_git_dir(top / ".git")

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
from specrepo.gitio.git_command import Git, HistoryError
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


def checkout_of(config: Config) -> Checkout:
    """The work tree holding `config.root`: its top (`repository_top`) and its git folder,
    the `.git` folder there or the one a `.git` file names (a linked worktree)."""
    top = repository_top(config.root)
    return Checkout(top, _git_dir(top))


def refuse_specs_outside_sparse_checkout(config: Config) -> Checkout:
    """Raise `SparseCheckoutError` when configured spec files of the repository at
    `config.root` are left out of the work tree by a sparse checkout or by their own
    skip-worktree bit (`git update-index --skip-worktree`). Costs a look for
    `info/sparse-checkout` in the git folder and at the index's version (skip-worktree
    bits need version 3 or later), and one `git ls-files` only when one says there may be
    such files. Returns the checkout, for the command's other checks."""
    checkout = checkout_of(config)
    # `ls-files` may keep a file an exclusion names (it matches exclusions against paths
    # shortened by the other pathspecs' common folder): the matcher decides.
    _refuse_outside(config.root, checkout, pathspecs(config.locations, from_top=False),
                    location_matcher(config.locations), "spec file",
                    "rules across specs, pages and reports need every spec")
    _refuse_submodules_not_checked_out(config, checkout.top)
    _refuse_links_checked_out_as_files(config, checkout.git_dir)
    return checkout


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
    if not looked_in or _index_version(_git_dir(top)) == 0:
        return  # nothing is tracked without an index
    git = Git(top)
    listed = git.run("ls-files", "-v", "-z", "--",
                     *(f":(literal){path.as_posix()}" for path in looked_in))
    missing = [(entry[0], entry[2:]) for entry
               in listed.decode("utf-8", "surrogateescape").split("\0")
               if entry[2:] and (entry[0] == "S" or entry[0].islower())
               and not inputs.reader.lexists(top / entry[2:])]
    left_out = [path for tag, path in missing if tag == "S"]
    why = ("specrepo would read another configuration or its defaults instead, and every "
           "setting left out (gates among them) would be off in silence")
    if left_out:
        _refuse_left_out(git, left_out, "configuration file", why)
    if missing:
        path = missing[0][1]
        raise SparseCheckoutError(
            f"the configuration file {path}, tracked by git, is marked assume-unchanged and "
            f"missing from the work tree, which `git status` does not show: {why}; restore "
            f"it (`git update-index --no-assume-unchanged :/{path}` then `git checkout -- "
            f":/{path}`), or commit its deletion")


def _refuse_outside(root: Path, checkout: Checkout, named: Sequence[str],
                    keep: Callable[[str], bool], what: str, why: str) -> None:
    """Raise `SparseCheckoutError` (saying `why`) when tracked files of the pathspecs
    `named` (relative to the folder `root`) that `keep` keeps are missing from the work
    tree with their skip-worktree bit set."""
    git_dir = checkout.git_dir
    if git_dir is None or not (inputs.reader.isfile(git_dir / "info" / "sparse-checkout")
                               or _index_version(git_dir) >= 3):
        return
    git = Git(root)
    listed = git.run("ls-files", "-t", "-z", "--", *named)
    outside = [entry[2:] for entry in listed.decode("utf-8", "surrogateescape").split("\0")
               if entry.startswith("S ") and not inputs.reader.exists(root / entry[2:])
               and keep(entry[2:])]
    if outside:
        _refuse_left_out(git, outside, what, why)


def _refuse_left_out(git: Git, outside: Sequence[str], what: str, why: str) -> NoReturn:
    """Raise `SparseCheckoutError` for the tracked files `outside`, each a `what`, that a
    sparse checkout or their skip-worktree bit left out of the work tree, saying `why`
    they are needed and how to bring them back."""
    shown, are = _shown(outside), "is" if len(outside) == 1 else "are"
    sparse = git.attempt("config", "--type=bool", "core.sparseCheckout").stdout.strip()
    if sparse == b"true":
        raise SparseCheckoutError(
            f"{counted(len(outside), what)} tracked by git {are} outside the sparse "
            f"checkout {shown}: {why}; add their folders (`git sparse-checkout add "
            "FOLDER`) or check out the whole repository")
    raise SparseCheckoutError(
        f"{counted(len(outside), what)} tracked by git {are} marked skip-worktree and "
        f"missing from the work tree {shown}: {why}; bring each back (`git update-index "
        "--no-skip-worktree FILE` then `git checkout -- FILE`)")


def _shown(paths: Sequence[str]) -> str:
    """`paths` as a message names them, in brackets: the first three, then `...`."""
    return f"({', '.join(paths[:3])}{', ...' if len(paths) > 3 else ''})"


def _index_version(git_dir: Path | None) -> int:
    """The version of the index git reads (`GIT_INDEX_FILE`, else the git folder's `git_dir`);
    0 when there is none."""
    named = inputs.reader.environment().get("GIT_INDEX_FILE")
    index_file = Path(named) if named else git_dir / "index" if git_dir is not None else None
    if index_file is None:
        return 0
    try:
        with inputs.reader.open_binary(index_file) as index:
            header = index.read(8)
    except OSError:
        return 0
    return int.from_bytes(header[4:8], "big") if header[:4] == b"DIRC" else 0


def _git_dir(top: Path | None) -> Path | None:
    """The git folder of the work tree whose top is `top` (`own_git_dir` of its `.git`)."""
    return None if top is None else own_git_dir(top / ".git")

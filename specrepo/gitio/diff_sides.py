"""The two sides of a diff: which commits (or the work tree) `specrepo diff` compares, and
which spec files differ between them, in as few git processes as git allows.

`REV` compares a revision with the work tree (HEAD when none is given), `A..B` two
revisions, `A...B` the merge base of A and B with B (what a pull request shows), as
`git diff` reads them; an empty side is HEAD.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from specrepo.base.errors import UsageError
from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.log import WORK_TREE_BLOB, FileChange, raw_changes
from specrepo.gitio.repository import open_repository
from specrepo.gitio.revisions import resolve_commit
from specrepo.load.locations import SpecLocation, hidden_below, pathspecs


@dataclass(frozen=True)
class DiffSides:
    """What a diff compares: the repository's top folder, the old commit, and the new one
    (None: the work tree), with the revisions as the user named them."""

    top: Path
    git_dir: Path
    old: str
    new: str | None
    old_name: str
    new_name: str | None


def revision_range(expression: str | None) -> tuple[str, str | None, bool]:
    """(old, new, from the merge base) as named by `REV`, `A..B` or `A...B` (None: HEAD
    and the work tree); an empty side of a range is HEAD. Raises `UsageError` for a
    revision that would read as an option."""
    if expression is None:
        return "HEAD", None, False
    separator = "..." if "..." in expression else ".." if ".." in expression else None
    old: str = expression
    new: str | None = None
    if separator is not None:
        before, after = expression.split(separator, 1)
        old, new = before or "HEAD", after or "HEAD"
    for name in (old, new):
        if name is not None and (name.startswith("-") or not name.strip()):
            raise UsageError(f"'{expression}' is not a revision or a range of revisions")
    return old, new, separator == "..."


def resolve_sides(folder: Path, expression: str | None) -> DiffSides:
    """The repository around `folder` and the commits `expression` names, in one
    `git rev-parse`. Raises `HistoryError` naming the revision git does not know, or
    when the two sides of `A...B` share no history."""
    old, new, merge_base = revision_range(expression)
    wanted = [f"{old}^{{commit}}...{new}^{{commit}}"] if merge_base else \
        [f"{name}^{{commit}}" for name in (old, new) if name is not None]
    git = Git(folder)
    found = git.attempt("rev-parse", "--path-format=absolute", "--git-common-dir",
                        "--show-toplevel", *wanted)
    if found.returncode != 0:
        raise _why_not(folder, [name for name in (old, new) if name is not None])
    git_dir, top, *commits = found.stdout.decode("utf-8", "surrogateescape").splitlines()
    if merge_base:
        bases = [line[1:] for line in commits if line.startswith("^")]
        if not bases:
            raise HistoryError(f"{old} and {new} share no history: there is no merge base "
                               f"to compare {new} with (try {old}..{new})")
        return DiffSides(Path(top), Path(git_dir), bases[0], commits[0], old, new)
    return DiffSides(Path(top), Path(git_dir), commits[0], commits[1] if new else None, old,
                     new)


def _why_not(folder: Path, names: list[str]) -> HistoryError:
    """Why git could not resolve the sides: the repository, or which revision."""
    git, state = open_repository(folder)  # raises when the repository is the reason
    if state.head is None:
        return HistoryError("the repository has no commits yet, so there is nothing to "
                            "compare with")
    for name in names:
        if resolve_commit(git, name) is None:
            return HistoryError(f"unknown revision '{name}' (a branch, tag or commit id)")
    return HistoryError(f"git cannot resolve {' and '.join(names)}")


def changed_spec_files(git: Git, sides: DiffSides,
                       locations: list[SpecLocation]) -> tuple[FileChange, ...]:
    """The spec files that differ between the sides, against the old one; a file of the
    work tree (changed, or new and not ignored) has `WORK_TREE_BLOB` and its path as its
    new blob."""
    specs = pathspecs(locations)
    folders = [location.path for location in locations if location.kind == "folder"]
    if sides.new is not None:
        raw = git.run("diff", "--raw", "--no-renames", "-z", "--no-abbrev", "--no-ext-diff",
                      sides.old, sides.new, "--", *specs)
        return raw_changes(raw, folders)[0]
    raw = git.run("diff", "--raw", "--no-renames", "-z", "--no-abbrev", "--no-ext-diff",
                  sides.old, "--", *specs)
    changes = list(raw_changes(raw, folders, work_tree=True)[0])
    known = {change.path for change in changes}
    untracked = git.run("ls-files", "--others", "--exclude-standard", "-z", "--", *specs)
    for name in untracked.split(b"\0"):
        path = name.decode("utf-8", "surrogateescape")
        if path and path not in known and not hidden_below(path, folders):
            changes.append(FileChange(path, None, WORK_TREE_BLOB + path))
    return tuple(sorted(changes, key=lambda change: change.path))

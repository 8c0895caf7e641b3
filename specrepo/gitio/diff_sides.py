"""The two sides of a diff: which commits (or the work tree) `specrepo diff` compares, and
which spec files differ between them, in as few git processes as git allows.

`REV` compares a revision with the work tree (HEAD when none is given), `A..B` two
revisions, `A...B` the merge base of A and B with B (what a pull request shows), as
`git diff` reads them; an empty side is HEAD.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import UsageError
from specrepo.base.paths import real_path
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.git_command import (
    Git,
    HistoryError,
    error_output,
    failure,
    stop,
)
from specrepo.gitio.git_version import refuse_git_too_old
from specrepo.gitio.log import WORK_TREE_BLOB, FileChange, raw_changes
from specrepo.gitio.repository import open_repository
from specrepo.gitio.revisions import GITLINK, resolve_commit, shallow_note, unknown_revision
from specrepo.gitio.worktree_diff import settled, work_tree_arguments
from specrepo.load.locations import (
    SpecLocation,
    folders_only,
    literal_folder,
    location_matcher,
    pathspecs,
)


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
    index: bool = False
    """With no `new` commit: the new side is the index (the commit being made, which a
    hook's run judges: `git diff --cached`), not the work tree."""


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


class SidesQuery:
    """The sides of a diff and the spec files that differ between them, asked of git at
    once: `git rev-parse` (the commit ids, the merge base, the repository's folders) and
    `git diff --raw` (against the work tree, with `git ls-files --others` for its new files)
    run side by side, and beside what the caller does until `finish`."""

    def __init__(self, folder: Path, expression: str | None,
                 locations: Sequence[SpecLocation], files: Sequence[str] = (), *,
                 staged: bool = False, nested_left_out: bool = False,
                 index: bool = False, flagged: Sequence[FlaggedFile] = ()) -> None:
        """Start git in `folder` for `locations` and the `files` (both relative to
        `folder`). `finish` raises when a submodule or a repository nested in this one
        differs between the sides, unless `staged` (against the work tree: the commit
        being made, as the index stages it, the hooks'): then their files are left out
        (none is a file of this repository's commits), and a file whose removal the index
        stages is removed though the work tree keeps it, untracked (`git rm --cached`: no
        file of the commit). `nested_left_out`: their files are left out whatever the
        sides (trace's view of the work tree: they hold no file of this repository).
        `index` (with `staged`, against no new commit): the new side is the index itself
        (`git diff --cached`: each file as the commit being made holds it, its staged
        version, whatever the work tree's copy is, and no file the index does not hold),
        as a hook's run judges the commit (README, "What a hook's run reads").
        `flagged`: the spec files marked assume-unchanged or skip-worktree
        (`Checkout.flagged`), whose edits a diff against the work tree compares as git
        does not (`hidden_edits.with_edits_behind_flags`).
        Raises `UsageError` for a malformed range."""
        old, new, merge_base = revision_range(expression)
        self.folder, self.names = folder, (old, new, merge_base)
        self.staged, self.nested_left_out = staged or index, nested_left_out
        self.index = index and new is None
        self.locations, self.flagged = tuple(locations), tuple(flagged)
        wanted = [f"{old}^{{commit}}...{new}^{{commit}}"] if merge_base else \
            [f"{name}^{{commit}}" for name in (old, new) if name is not None]
        git = self.git = Git(folder)
        self.files, self.whole_folders = tuple(files), folders_only(locations)
        specs = [*pathspecs(locations, from_top=False, whole_folders=self.whole_folders),
                 *(f":(literal){name}" for name in (*files, *nested_above(folder, locations)))]
        listing = _listing(git, [f"{old}...{new}"] if merge_base else
                           [name for name in (old, new) if name is not None],
                           specs, work_tree=new is None, index=self.index)
        try:  # its standard error is read with its output (`communicate`), as the diff's
            self.processes = [git.start("rev-parse", "--path-format=absolute",
                                        "--git-common-dir", "--show-toplevel", *wanted,
                                        read_errors=False),
                              *listing]
        except HistoryError:
            for process in listing:
                stop(process)
            raise

    def finish(self) -> tuple[DiffSides, tuple[FileChange, ...]]:
        """The sides, and the files that differ between them (from the repository's top,
        against the old side: see `changed_spec_files`). Raises `HistoryError` naming the
        revision git does not know, or when the two sides of `A...B` share no history."""
        try:
            sides = self._sides()
            try:
                prefix = real_path(self.folder).relative_to(real_path(sides.top)).as_posix()
            except ValueError:
                raise HistoryError(f"{self.folder} is not inside the repository at "
                                   f"{sides.top}") from None
            prefix = "" if prefix == "." else prefix
            # git named every file of the folders (`whole_folders`), or those of each
            # location's pathspecs with only the exclusions all share: the specs are
            # those the locations take, and the files asked about.
            is_spec = location_matcher(location.below(prefix) for location in self.locations)
            named = {f"{prefix}/{name}" if prefix else name for name in self.files}
            changes = _collect(self.git, self.processes[1:],
                               lambda path: path in named or is_spec(path),
                               staged=self.staged, nested_left_out=self.nested_left_out)
            if self.flagged and self.names[1] is None and not self.staged:  # the work tree
                from specrepo.gitio.hidden_edits import with_edits_behind_flags  # noqa: PLC0415

                changes = with_edits_behind_flags(self.git, sides.top, prefix, changes,
                                                  self.flagged, is_spec)
            return sides, changes
        finally:
            self.close()

    def _sides(self) -> DiffSides:
        old, new, merge_base = self.names
        output, _ = self.processes[0].communicate()
        if self.processes[0].returncode != 0:
            raise _why_not(self.folder, [name for name in (old, new) if name is not None])
        refuse_git_too_old(Git(self.folder), output)
        git_dir, top, *commits = output.decode("utf-8", "surrogateescape").splitlines()
        if merge_base:
            assert new is not None
            bases = [line[1:] for line in commits if line.startswith("^")]
            if not bases:
                note = shallow_note(Git(self.folder))
                raise HistoryError(f"{old} and {new} share no history: there is no merge "
                                   f"base to compare {new} with"
                                   + (note if note else f" (try {old}..{new})"))
            return DiffSides(Path(top), Path(git_dir), bases[0], commits[0], old, new)
        return DiffSides(Path(top), Path(git_dir), commits[0], commits[1] if new else None,
                         old, new, self.index)

    def close(self) -> None:
        """Stop what git has not finished."""
        for process in self.processes:
            stop(process)


def _why_not(folder: Path, names: list[str]) -> HistoryError:
    """Why git could not resolve the sides: the repository, or which revision."""
    git, state = open_repository(folder)  # raises when the repository is the reason
    if state.head is None:
        return HistoryError("the repository has no commits yet, so there is nothing to "
                            "compare with")
    for name in names:
        if resolve_commit(git, name) is None:
            return HistoryError(unknown_revision(git, name))
    return HistoryError(f"git cannot resolve {' and '.join(names)}")


def _listing(git: Git, revisions: list[str], specs: list[str], *,
             work_tree: bool, index: bool = False) -> list[subprocess.Popen[bytes]]:
    """Start `git diff --raw` of `revisions` (one: against the work tree, or, `index`,
    against the index: `--cached`, the blobs it stages, an unmerged path left out, which
    the commit holds no version of and does not remove: git commits no such path, and
    its `merge-conflict` finding says so) and, against the work tree, `git ls-files
    --others` for its new files. The diff's standard error is read with its output
    (`_collect`), so no thread is started to read it."""
    cached = ["--cached", "--diff-filter=u"] if index else []
    # Against the work tree, git's plumbing, which leaves the index alone (`settled`).
    command = work_tree_arguments(revisions) if work_tree and not index \
        and len(revisions) == 1 else ("diff", *cached, *revisions)
    started = [git.start(*command, "--raw", "--no-renames", "-z", "--no-abbrev",
                         "--no-ext-diff", "--ignore-submodules=none", "--", *specs,
                         read_errors=False)]
    if work_tree and not index:
        try:
            started.append(git.start("ls-files", "--others", "--exclude-standard", "-z",
                                     "--full-name", "--", *specs))
        except HistoryError:
            stop(started[0])
            raise
    return started


def _collect(git: Git, processes: Sequence[subprocess.Popen[bytes]],
             is_spec: Callable[[str], bool],
             *, staged: bool = False, nested_left_out: bool = False
             ) -> tuple[FileChange, ...]:
    """The files `_listing`'s processes name that `is_spec` takes; raises `HistoryError`
    when they name a submodule or a nested repository (which holds no such file of this
    repository: git names the folder, not its files), unless `staged` (`SidesQuery`):
    then those are left out, and a file whose removal the index stages stays removed;
    `nested_left_out`: those are left out."""
    diff, *others = processes
    raw, errors = diff.communicate()
    if diff.returncode != 0:
        raise failure(("diff",), errors, git.folder)
    raw = settled(git, raw)
    changes = list(raw_changes(raw, is_spec, work_tree=bool(others))[0])
    nested = _submodules_changed(raw)
    for process in others:
        untracked, _ = process.communicate()
        if process.returncode != 0:
            raise failure(("ls-files",), error_output(process), git.folder)
        nested += [name.decode("utf-8", "surrogateescape").rstrip("/")
                   for name in untracked.split(b"\0") if name.endswith(b"/")]
        known = {change.path: index for index, change in enumerate(changes)}
        for name in untracked.split(b"\0"):
            path = name.decode("utf-8", "surrogateescape")
            if not path or not is_spec(path):
                continue
            if path not in known:
                changes.append(FileChange(path, None, WORK_TREE_BLOB + path))
            elif changes[known[path]].new_blob is None and not staged:  # `git rm --cached`
                changes[known[path]] = FileChange(path, changes[known[path]].old_blob,
                                                  WORK_TREE_BLOB + path)
    if nested and not (staged or nested_left_out):
        raise _cannot_compare_inside(nested)
    return tuple(sorted(changes, key=lambda change: change.path))


def nested_above(folder: Path, locations: Sequence[SpecLocation]) -> list[str]:
    """The folders (from `folder`) above the files of `locations` that may be submodules
    or nested repositories, whose files the diff of this repository cannot read: those
    that hold a `.git`, and the empty ones (a submodule not checked out). git names them
    (`--raw`) only if they are."""
    found = set()
    for location in locations:
        parts = literal_folder(location).split("/")
        for end in range(1, len(parts)):
            above = "/".join(parts[:end])
            if not {"", ".", ".."} & set(parts[:end]) and _may_be_a_repository(folder / above):
                found.add(above)
    return sorted(found)


def _may_be_a_repository(folder: Path) -> bool:
    try:
        return inputs.reader.exists(folder / ".git") \
            or next(inputs.reader.iterdir(folder), None) is None
    except OSError:  # no such folder, or not one
        return False


def _submodules_changed(raw: bytes) -> list[str]:
    """The submodules a `--raw -z` diff names (a gitlink on either side), each with the
    commits it was at (as `git diff` of it would take them)."""
    tokens = raw.split(b"\0")
    found = []
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        old_mode, new_mode, old, new = (meta[1:].split(b" ") + [b""] * 4)[:4]
        if meta.startswith(b":") and GITLINK in (old_mode, new_mode):
            sides = [side.decode()[:12] for side, mode in ((old, old_mode), (new, new_mode))
                     if mode == GITLINK and side.strip(b"0")]
            found.append(f"{path.decode('utf-8', 'surrogateescape')} "
                         f"(`specrepo diff {'..'.join(sides)}` there)")
    return found


def _cannot_compare_inside(nested: list[str]) -> HistoryError:
    return HistoryError(
        f"{', '.join(sorted(set(nested)))}: a submodule, or a repository nested in this "
        "one, differs between the sides, with spec files in it or below its spec folders; "
        "specrepo diff compares the files of one repository and cannot compare the files "
        "of another: run it in that repository")


def changed_spec_files(git: Git, sides: DiffSides,
                       locations: Sequence[SpecLocation]) -> tuple[FileChange, ...]:
    """The spec files of `locations` (from the repository's top) that differ between the
    sides, against the old one; a file of the work tree (changed, or new and not ignored)
    has `WORK_TREE_BLOB` and its path as its new blob (where the new side is the index,
    `DiffSides.index`, the blob the index stages)."""
    revisions = [sides.old] if sides.new is None else [sides.old, sides.new]
    processes = _listing(git, revisions, pathspecs(locations), work_tree=sides.new is None,
                         index=sides.index)
    try:
        return _collect(git, processes, location_matcher(locations))
    finally:
        for process in processes:
            stop(process)


def tracked_files(git: Git, commit: str) -> dict[str, str]:
    """Every file of `commit` (from the repository's top) and its blob id."""
    found = {}
    for entry in git.run("ls-tree", "-r", "-z", "--full-tree", commit).split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split(" ") if meta else ("", "", "")
        if kind == "blob" and mode.startswith("100"):
            found[name.decode("utf-8", "surrogateescape")] = blob
    return found

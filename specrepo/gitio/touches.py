"""Which commits last changed the content of each of a set of files (its blob): those no
other commit that changed it descends from, following each file through the renames and
copies that did not change it: one `git log --raw` pass, and one `git diff-tree` of the
merges it met for the files they edited themselves (`gitio.merge_edits`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import field
from pathlib import Path

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.timestamps import git_time, utc_offset
from specrepo.gitio.git_command import Git, Started
from specrepo.gitio.grep import scan_pathspecs
from specrepo.gitio.merge_edits import MergeEdit, own_edits
from specrepo.gitio.repository import git_settings, promisor_remote
from specrepo.load.locations import SpecLocation


@dataclass(frozen=True)
class Touch:
    """A commit that changed a file's content."""

    commit: str
    committed: int
    """Its committer time, in seconds since the Unix epoch."""
    author_offset: int = 0
    """Its author's offset from UTC, in minutes east (`CommitRecord.author_offset`)."""


class LastTouches:
    """A `git log` walk, started now and read later (`result`): git walks the history while
    this process does other work; `stop` ends a walk whose result is not wanted.

    For each file that matches a glob of `include` and none of `exclude` (git's glob
    pathspecs, relative to `folder`), nor a place of `never`, and whose content a commit
    reachable from HEAD changed: its last touches, the commits that changed it that no
    other such commit descends from (the heads of the file's history: one, or several
    after a merge of parallel edits), in git's order (`--topo-order`, newest first). Never
    committer times: clocks skew, rebases keep dates, branches interleave. A merge changed
    a file when its text has lines no parent has (`merge_edits.own_edits`: a conflict
    resolved by writing something new); a clean merge of parallel edits did not, and each
    side's last edit stays a last touch. Content changed means the file's blob changed: a
    commit that only changes its mode (`chmod +x`) changes nothing, and a file a commit
    adds with content an older commit wrote (a rename, `git mv`, a folder moved; a copy; a
    file brought back) was written by the latest older commit that changed a file to that
    content (in git's order, children before parents), or else by the oldest that added
    it. Paths are from the top of the work tree, `/`-separated, as `git grep --full-name`
    names them. One `git log` walk, whatever the number of files, and one `git diff-tree`
    of the merges it met (none in a partial clone, whose old blobs git would fetch one by
    one); empty when `include` is, or the repository has no commit yet.

    Raises `NotARepositoryError` when `folder` is not in a work tree, `HistoryError` when
    git fails.
    Outside a work tree it raises at once."""

    def __init__(self, folder: Path, include: Sequence[str], exclude: Sequence[str] = (),
                 never: Sequence[SpecLocation] = ()) -> None:
        self._started: Started | None = None
        if not include:
            return
        self._git = Git(folder)
        self._pathspecs = scan_pathspecs(self._git, include, exclude, never)
        if self._git.attempt("rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode == 0:
            # `--parents`: each commit's parents as git rewrote them to the commits it shows,
            # which keeps what descends from what among them; `-c`: the files a merge has
            # that differ from every parent, where the merge's own edits may be.
            self._started = Started(self._git, "log", "--topo-order", "--parents", "-c",
                                    "--no-renames", "--raw", "--no-abbrev", "-z",
                                    "--format=%x01%H %P%x02%ct %ai", "HEAD", "--",
                                    *self._pathspecs)

    def result(self) -> dict[str, tuple[Touch, ...]]:
        """Each file's last touches, once git has ended."""
        if self._started is None:
            return {}
        completed = self._started.answer()
        if completed.returncode != 0:
            raise self._started.failure(completed.stderr)
        commits = list(_commits(completed.stdout.split(b"\0")))
        merges = [commit.touch.commit for commit in commits if commit.merged]
        # A partial clone lacks old blobs, which the merges' diffs would fetch one by one
        # (or fail to, offline): there no merge is a touch, which may leave a link suspect
        # that a merge's own edit confirmed, never the other way.
        if merges and promisor_remote(git_settings(self._git)) is None:
            return _last_touches(commits, own_edits(self._git, merges, self._pathspecs))
        return _last_touches(commits, {})

    def stop(self) -> None:
        """End git if it still runs."""
        if self._started is not None:
            self._started.stop()


def _last_touches(commits: Sequence[_Commit], edits: dict[str, tuple[MergeEdit, ...]]
                  ) -> dict[str, tuple[Touch, ...]]:
    """`LastTouches.result` of the commits git listed and the merges' own edits."""
    heads = _Heads()
    # The files added with content whose writer is sought (the files touched after each
    # adding commit beside it), and each such blob's files.
    added: dict[str, tuple[Touch, int]] = {}
    awaited: dict[str, list[str]] = {}
    for commit in commits:
        touch = commit.touch
        heads.enter(touch.commit)
        changes: tuple[_Change | MergeEdit, ...] = (*commit.changes,
                                                    *edits.get(touch.commit, ()))
        for change in changes:
            if change.after == change.before:
                continue  # its mode alone changed
            if change.after in awaited:  # older content some files were added with
                if not change.before.strip("0"):  # added with it here too: written earlier
                    added.update(dict.fromkeys(awaited[change.after], (touch, heads.after)))
                else:  # written here
                    for path in awaited.pop(change.after):
                        heads.touched(path, touch)
                        del added[path]
            path = change.path
            if path in added:
                continue  # a later commit added it: what was here before is gone
            if not change.before.strip("0") and not heads.known(path):
                added[path] = touch, heads.after
                awaited.setdefault(change.after, []).append(path)
            else:
                heads.touched(path, touch)
        heads.leave(commit.parents)
    for path, (touch, after) in added.items():  # its content's first addition wrote it
        heads.touched(path, touch, after)
    return {path: tuple(found) for path, found in heads.found.items()}


class _Heads:
    """Each file's touches that no other touch of it descends from, met in git's
    `--topo-order` (a commit after all its children): the files the descendants of a
    commit touched travel down to it through the parents git showed, a bit per file."""

    def __init__(self) -> None:
        self.found: dict[str, list[Touch]] = {}
        self._bits: dict[str, int] = {}
        self._below: dict[str, int] = {}  # a commit -> the files its children's lines touched
        self.after = 0
        """The files the descendants of the commit entered touched."""
        self._touched = 0

    def enter(self, commit: str) -> None:
        """Go to `commit`, met after every commit git showed that descends from it."""
        self.after, self._touched = self._below.pop(commit, 0), 0

    def known(self, path: str) -> bool:
        """Whether a touch of `path` was met."""
        return path in self.found

    def touched(self, path: str, touch: Touch, after: int | None = None) -> None:
        """`touch` (the commit entered, or one met earlier with `after`, `after` then)
        changed `path`."""
        bit = self._bits.setdefault(path, 1 << len(self._bits))
        if not bit & (self.after if after is None else after):
            found = self.found.setdefault(path, [])
            if touch not in found:
                found.append(touch)
        self._touched |= bit

    def leave(self, parents: Sequence[str]) -> None:
        """Leave the commit entered, whose parents (as git showed them) are `parents`."""
        passed = self.after | self._touched
        if passed:
            for parent in parents:
                self._below[parent] = self._below.get(parent, 0) | passed


@dataclass(frozen=True)
class _Change:
    """A file's entry in a commit's `--raw` list: its blob ids before and after."""

    path: str
    before: str
    after: str


@dataclass
class _Commit:
    """A commit `git log` listed, its parents as git showed them, its `--raw` entries."""

    touch: Touch
    parents: tuple[str, ...]
    changes: list[_Change] = field(default_factory=list)
    merged: bool = False
    """Whether it is a merge with a file that differs from every parent (`-c`)."""


def _commits(tokens: list[bytes]) -> Iterator[_Commit]:
    """The commits of `--raw -z` lists, each after its commit's `\x01id parents\x02time
    date` header: `:modes blobs status`, then one path (two for a rename or a copy: old,
    new; the new one is the entry's); a merge's `::modes blobs statuses` (a colon per
    parent), then one path. Read in order, a path is never taken for a header, whatever
    bytes it holds."""
    index, commit = 0, None
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        index += 1
        if token.startswith(b"\x01"):
            if commit is not None:
                yield commit
            ids, _, dates = token[1:].decode("ascii").partition("\x02")
            name, *parents = ids.split()
            committed, shown = dates.split(" ", 1)
            commit = _Commit(Touch(name, git_time(committed), utc_offset(shown)),
                             tuple(parents))
            continue
        if not token.startswith(b":") or commit is None:
            continue
        if token.startswith(b"::"):
            commit.merged = True
            index += 1
            continue
        fields = token[1:].decode("ascii", "replace").split(" ")
        if len(fields) != 5:
            continue
        _, _, before, after, status = fields
        count = 2 if status.startswith(("R", "C")) else 1
        paths = tokens[index:index + count]
        index += count
        if len(paths) == count:
            path = paths[-1].decode("utf-8", "surrogateescape")  # as git grep's paths
            commit.changes.append(_Change(path, before, after))
    if commit is not None:
        yield commit

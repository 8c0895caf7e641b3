"""The times HEAD's first-parent line takes its commits as (`model.ancestry.LineTimes`),
kept for the next run at the same HEAD.

A commit of HEAD's line outside its longest run in date order (a committer's clock ahead,
or behind; one dated before git began is outside it whatever the others are) is taken as
happening between its neighbours as taken, at its author date when the graph allows it
(`taken_times`; README: "Order comes from the commit graph"), even when none of them
touches a spec, so the mined history alone cannot say it:
one `git log --first-parent` of HEAD does (`gitio.graph.line_metas`: about 50 ms of
processor time for 4,400 commits on the line), on the first question of a run at a new
HEAD, unless a walk of the whole history listed the line already (to learn who made the
merges that changed no spec file: `StreamedWalk.whole_line`). The answers (only the
commits so dated, none in most repositories, those dated behind: `LineTimes.raised`,
HEAD's parent when HEAD is dated before it and not before git began:
`LineTimes.head_behind`, and the line's floor: `LineTimes.floor`) are kept in
`line-times-cache.json` in the common git folder under the history cache's key
(`history.cache.cache_key`, which covers replace refs, grafts and the shallow boundary)
and HEAD: a file of another HEAD, key or format, or that fails its checksum, holds none.
JSON, written atomically (`base.headed_cache`); failing to write it only costs time.
Format 7: HEAD dated before the floor is raised as the line's other commits are, and the
floor is kept (trial41b)."""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Final, NamedTuple, overload

from specrepo.base.headed_cache import head_key, keyed_json, write_keyed_json
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import META_FORMAT, CommitMeta, line_metas, listed_metas
from specrepo.model.ancestry import GIT_BEGAN, clock_time

CACHE_FILE: Final = Path("specrepo") / "line-times-cache.json"
CACHE_FORMAT: Final = 7


class KeptLineTimes:
    """`model.ancestry.LineTimes` of HEAD `head`'s first-parent line, kept in the common
    git folder `git_dir` under the history cache's key `key`; `line`: that line as a walk
    listed it (`StreamedWalk.whole_line`, HEAD first), which git is then not asked for.
    Raises `HistoryError` when git cannot list the line."""

    def __init__(self, git: Git, git_dir: Path, head: str, key: str,
                 line: Sequence[CommitMeta] | None = None) -> None:
        self._git, self._head, self._path = git, head, git_dir / CACHE_FILE
        self._key = head_key(CACHE_FORMAT, key, head)
        self._known: _Answers | None = None
        self._line = line
        self._listing: Sequence[CommitMeta] = ()

    def in_order(self) -> bool:
        """See `model.ancestry.LineTimes.in_order`."""
        answers = self._answers()
        return not answers.taken and answers.floor == GIT_BEGAN

    def floor(self) -> int:
        """See `model.ancestry.LineTimes.floor`."""
        return self._answers().floor

    def taken_as(self, commit: str) -> tuple[int, int] | None:
        """See `model.ancestry.LineTimes.taken_as`."""
        return self._answers().taken.get(commit)

    def head_behind(self) -> tuple[str, int] | None:
        """See `model.ancestry.LineTimes.head_behind`."""
        return self._answers().behind

    def raised(self) -> tuple[tuple[str, int], ...]:
        """See `model.ancestry.LineTimes.raised`."""
        return self._answers().raised

    def _answers(self) -> _Answers:
        """The commits dated wrong, the times they are taken as, HEAD's parent dated after
        it and the commits dated behind: the file's, else git's (then kept)."""
        if self._known is None:
            self._known = self._kept()
            if self._known is None:
                listed = self._listed()
                taken = taken_times(listed, self._merged)
                behind = listed[1][:2] if len(listed) > 1 and listed[1][1] > listed[0][1] \
                    and listed[0][0] not in taken else None  # HEAD raised: not behind
                raised = tuple((commit, time) for commit, time, _, _ in listed
                               if commit in taken and taken[commit][0] > time)
                floor = plausible_floor(listed[-1:])
                self._known = _Answers(taken, behind, raised, floor)
                write_keyed_json(self._path, CACHE_FORMAT, self._key, {
                    "taken": taken, "behind": behind, "raised": raised, "floor": floor})
        return self._known

    def _listed(self) -> _Listed:
        """The line's commits, HEAD first (`_Listed`); kept for `_merged`."""
        self._listing = self._line if self._line is not None \
            else line_metas(self._git, self._head)
        return _Listed(self._listing)

    def _merged(self, commits: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
        """For each merge among `commits` (of the line), the committer and author times
        of the parents it merged (Unix times): one `git log --no-walk` for them all, none
        when no commit asked is a merge."""
        asked = set(commits)  # (few: those dated wrong)
        merged = {parent: meta.sha for meta in self._listing if meta.sha in asked
                  for parent in meta.parents[1:]}
        if not merged:
            return {}
        dates: dict[str, list[tuple[int, int]]] = {}
        for meta in listed_metas(self._git.text("log", "--no-walk=unsorted", META_FORMAT,
                                                *merged, "--")):
            dates.setdefault(merged[meta.sha], []).append((meta.committed, meta.authored))
        return dates

    def _kept(self) -> _Answers | None:
        """The answers the file holds for this HEAD and key, None when it holds none."""
        kept = keyed_json(self._path, CACHE_FORMAT, self._key)
        if kept is None or not isinstance(taken := kept.get("taken"), dict):
            return None
        behind, raised, floor = kept.get("behind"), kept.get("raised"), kept.get("floor")
        if not all(_pair(pair, int) for pair in taken.values()) \
                or not (behind is None or _pair(behind, str)) or not isinstance(raised, list) \
                or not all(_pair(pair, str) for pair in raised) or type(floor) is not int:
            return None
        return _Answers({commit: (pair[0], pair[1]) for commit, pair in taken.items()},
                        None if behind is None else (behind[0], behind[1]),
                        tuple((pair[0], pair[1]) for pair in raised), floor)


def _pair(value: object, first: type) -> bool:
    """Whether `value` is a list of a `first` and a number, as the file keeps pairs."""
    return isinstance(value, list) and len(value) == 2 and type(value[0]) is first \
        and type(value[1]) is int


class _Answers(NamedTuple):
    """What `KeptLineTimes` answers from (a NamedTuple: defined on every run's start)."""

    taken: dict[str, tuple[int, int]]
    """`LineTimes.taken_as` of each commit dated wrong."""
    behind: tuple[str, int] | None
    """`LineTimes.head_behind`."""
    raised: tuple[tuple[str, int], ...]
    """`LineTimes.raised`."""
    floor: int
    """`LineTimes.floor`."""


Listed = tuple[str, int, int, int]
"""A commit of a line: its id, committer time, author time (Unix times) and author's
offset (minutes east of UTC)."""


class _Listed(Sequence[Listed]):
    """The commits of `line` (`CommitMeta`s) as `Listed`, each made when it is asked for:
    a list of them held 9 MB more at 100,000 commits, at a cold report's peak of memory
    (mem66b), where `taken_times` most often reads only their committer times."""

    def __init__(self, line: Sequence[CommitMeta]) -> None:
        self._line = line

    def __len__(self) -> int:
        return len(self._line)

    @overload
    def __getitem__(self, at: int) -> Listed: ...

    @overload
    def __getitem__(self, at: slice) -> list[Listed]: ...

    def __getitem__(self, at: int | slice) -> Listed | list[Listed]:
        if isinstance(at, slice):
            return list(map(_as_listed, self._line[at]))
        return _as_listed(self._line[at])

    def __iter__(self) -> Iterator[Listed]:
        return map(_as_listed, self._line)

    def __reversed__(self) -> Iterator[Listed]:
        return map(_as_listed, reversed(self._line))


def _as_listed(meta: CommitMeta) -> Listed:
    return meta.sha, meta.committed, meta.authored, meta.author_offset


Dates = Sequence[tuple[int, int]]
"""Commits' committer and author times (Unix times)."""


def taken_times(line: Sequence[Listed],
                merged: Callable[[Sequence[str]], Mapping[str, Dates]] = lambda commits: {}
                ) -> dict[str, tuple[int, int]]:
    """For each commit of `line` (HEAD first: id, committer time, author time, author's
    offset; Unix times) whose date its committer's clock got wrong: the time it is taken as
    and the offset it is shown in (`LineTimes.taken_as`). A date before the line's floor
    (`plausible_floor`: the day git began) is wrong whatever the others are (a bot's
    clock at 1970; trial40b), HEAD's too (trial41b head-dated-1970-hides-stale: every
    age read 0); of the rest, the dates that are right are the longest run of the line in
    date order that ends at HEAD (`_kept_run`: HEAD's time is what ages are measured to;
    at the newest commit no earlier than the floor when HEAD is earlier), on a tie the
    run with the later dates: one commit dated behind both its neighbours is wrong, not
    every commit before it (trial39), and k commits dated behind each of the k right ones
    before them are wrong, not those (trial40b: dates alone cannot tell which are, and a
    clock behind, at a date that was once right, is the usual fault: a machine without a
    clock battery or network, a restored snapshot).
    A commit outside the run happened no earlier than the commit before it as taken
    (`low`) and no later than the next commit of the run (`high`; none after the run's
    last, for HEAD dated before the floor), so it is dated ahead of the one or behind the
    other; its author date, when it lies between the two (and not before the floor), is
    the time (an amend, rebase or cherry-pick on a machine whose clock was wrong keeps the
    author's), else the nearer of the two: a commit dated ahead as late as the graph and
    its author allow, so no age reads shorter than they say, and one dated behind raised
    to the commit before it, or, a merge, to the latest of the parents it merged (`merged`:
    asked once, of the commits outside the run; each parent at `model.ancestry.clock_time`,
    its author date for a committer's clock before the floor: trial41b
    merge-1970-resolution-taken-1970), when later and no later than `high`: a merge is no
    older than the branch it brought (trial41 merge-1970-raised-below-its-branch-parent).
    The line as taken is then in order."""
    times = [time for _, time, _, _ in reversed(line)]  # the oldest first
    floor = plausible_floor(line[-1:])
    if all(map(operator.le, times, islice(times, 1, None))) and (not times or times[0] >= floor):
        return {}  # in date order (most lines): every date is right, none listed whole
    commits = line[::-1]
    kept = _kept_run(times, floor)
    taken: dict[str, tuple[int, int]] = {}
    low: tuple[int, int] | None = None  # the commit before, as taken
    branches = merged([commit for (commit, *_), right in zip(commits, kept, strict=True)
                       if not right])
    for (commit, time, authored, offset), high, right in zip(
            commits, _next_kept(commits, kept), kept, strict=True):
        if right:
            low = (time, offset)
            continue
        branch = max((parent for dates in branches.get(commit, ())
                      if (parent := clock_time(*dates, floor)) is not None), default=None)
        if branch is not None and (low is None or branch > low[0]):
            low = (branch if high is None else min(branch, high[0]), offset)
        when = (authored, offset) if authored >= floor else low or high or (authored, offset)
        when = low if low is not None and when[0] < low[0] else when
        taken[commit] = low = when if high is None or when[0] <= high[0] else high
    return taken


def _next_kept(commits: Sequence[tuple[str, int, int, int]], kept: Sequence[bool]
               ) -> list[tuple[int, int] | None]:
    """For each of `commits` (the oldest first: id, committer time, author time, offset),
    the committer time and offset of the first of the kept ones (`kept`) from it on; None
    after the last kept one."""
    highs: list[tuple[int, int] | None] = []
    for index in reversed(range(len(commits))):
        highs.append((commits[index][1], commits[index][3]) if kept[index]
                     else highs[-1] if highs else None)
    highs.reverse()
    return highs


def plausible_floor(commits: Sequence[tuple[str, int, int, int]]) -> int:
    """The earliest date a right clock gives a commit of `commits` (the line, the oldest
    first: id, committer time, author time, offset): `GIT_BEGAN`, or the line's
    first commit's date when earlier (history imported from an older version control
    system keeps its dates: its first commit's, the later of its committer's and
    author's, so one committed behind its own author date is no floor); Unix time,
    `GIT_BEGAN` for no commit."""
    if not commits:
        return GIT_BEGAN
    _, committed, authored, _ = commits[0]
    return min(GIT_BEGAN, max(committed, authored))


def _kept_run(times: Sequence[int], floor: int) -> list[bool]:
    """Which of `times` (Unix times, the oldest first) make the longest non-decreasing run
    that ends with the last of those no earlier than `floor`, of those; on a tie, the
    one with the later times, the newest first (at the first place two runs differ, the
    later time). Each time's run length (patience sorting, O(n log n)); the times ending
    runs of one length fall as they come (else the later would end a longer run), so from
    the last back, of the length one shorter, the latest time no later than the one kept
    is the oldest of those before it that is no later: from the newest such (`newest`),
    back along its length (`older`), each length's times walked once (O(n))."""
    tails: list[int] = []  # the least time ending a run of each length
    last: list[int] = []  # the newest position ending a run of each length
    newest = [-1] * len(times)  # the newest position before, ending a run one shorter
    older = [-1] * len(times)  # the position before, ending a run as long
    for index, time in enumerate(times):
        if time < floor:
            continue
        length = bisect_right(tails, time)
        tails[length:length + 1] = [time]
        newest[index] = last[length - 1] if length else -1
        if length == len(last):
            last.append(index)
        else:
            older[index], last[length] = last[length], index
    kept = [False] * len(times)
    index = max((index for index, time in enumerate(times) if time >= floor), default=-1)
    while index >= 0:
        kept[index], bound, index = True, times[index], newest[index]
        while index >= 0 and older[index] >= 0 and times[older[index]] <= bound:
            index = older[index]
    return kept

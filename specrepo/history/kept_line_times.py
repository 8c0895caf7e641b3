"""The times HEAD's first-parent line takes its commits as (`model.ancestry.LineTimes`),
kept for the next run at the same HEAD.

A commit dated later than a commit after it on HEAD's line (a committer's clock ahead) is
taken as happening no later than the earliest of those did, at its author date when the
graph allows it (`taken_times`; README: "Order comes from the commit graph"), even when
none of them touches a spec, so the mined history alone cannot say it:
one `git log --first-parent` of HEAD does (about 30 ms of processor time for 4,400
commits on the line), on the first question of a run at a new HEAD. The answers (only the
commits so dated: none in most repositories) are kept in `line-times-cache.json` in the
common git folder under the history cache's key (`history.cache.cache_key`, which covers
replace refs, grafts and the shallow boundary) and HEAD: a file of another HEAD, key or
format, or that fails its checksum, holds none. JSON, written atomically
(`base.headed_cache`); failing to write it only costs time."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

from specrepo.base.headed_cache import head_key, keyed_json, write_keyed_json
from specrepo.base.timestamps import git_time, utc_offset
from specrepo.gitio.git_command import Git

CACHE_FILE: Final = Path("specrepo") / "line-times-cache.json"
CACHE_FORMAT: Final = 2


class KeptLineTimes:
    """`model.ancestry.LineTimes` of HEAD `head`'s first-parent line, kept in the common
    git folder `git_dir` under the history cache's key `key`. Raises `HistoryError` when
    git cannot list the line."""

    def __init__(self, git: Git, git_dir: Path, head: str, key: str) -> None:
        self._git, self._head, self._path = git, head, git_dir / CACHE_FILE
        self._key = head_key(CACHE_FORMAT, key, head)
        self._taken: dict[str, tuple[int, int]] | None = None

    def in_order(self) -> bool:
        """See `model.ancestry.LineTimes.in_order`."""
        return not self._answers()

    def taken_as(self, commit: str) -> tuple[int, int] | None:
        """See `model.ancestry.LineTimes.taken_as`."""
        return self._answers().get(commit)

    def _answers(self) -> dict[str, tuple[int, int]]:
        """The commits dated ahead and the times they are taken as: the file's, else git's
        (then kept)."""
        if self._taken is None:
            self._taken = self._kept()
            if self._taken is None:
                self._taken = taken_times(self._listed())
                write_keyed_json(self._path, CACHE_FORMAT, self._key, {"taken": self._taken})
        return self._taken

    def _listed(self) -> Iterable[tuple[str, int, int, int]]:
        """The line's commits, HEAD first: (id, committer time, author time, author's
        offset)."""
        shown = self._git.text("log", "--first-parent", "--format=%H%x00%ct%x00%at%x00%ai",
                               self._head, "--")
        for line in shown.splitlines():
            commit, time, authored, author_date = line.split("\0")
            yield commit, git_time(time), git_time(authored), utc_offset(author_date)

    def _kept(self) -> dict[str, tuple[int, int]] | None:
        """The answers the file holds for this HEAD and key, None when it holds none."""
        kept = keyed_json(self._path, CACHE_FORMAT, self._key)
        if kept is None or not isinstance(taken := kept.get("taken"), dict):
            return None
        found: dict[str, tuple[int, int]] = {}
        for commit, pair in taken.items():
            if not (isinstance(pair, list) and len(pair) == 2
                    and all(type(number) is int for number in pair)):
                return None
            found[commit] = (pair[0], pair[1])
        return found


def taken_times(line: Iterable[tuple[str, int, int, int]]) -> dict[str, tuple[int, int]]:
    """For each commit of `line` (HEAD first: id, committer time, author time, author's
    offset) dated later than a commit after it: the time it is taken as and the offset it
    is shown in (`LineTimes.taken_as`). It happened no later than the earliest commit after
    it (`high`) and no earlier than the commit before it as taken (`low`); its committer's
    clock was ahead, so its author date, when it lies between the two, is the time (an
    amend, rebase or cherry-pick on a machine whose clock was ahead keeps the author's),
    else the nearer of the two: the latest the graph and its author allow, so no age reads
    shorter than they say (trial39)."""
    commits = list(line)
    highs: list[tuple[int, int] | None] = []  # of the commits after each one (HEAD first)
    earliest: tuple[int, int] | None = None
    for _, time, _, offset in commits:
        highs.append(earliest)
        if earliest is None or time <= earliest[0]:
            earliest = (time, offset)
    taken: dict[str, tuple[int, int]] = {}
    low: tuple[int, int] | None = None  # the commit before, as taken
    for (commit, time, authored, offset), high in zip(reversed(commits), reversed(highs),
                                                      strict=True):
        if high is None or time <= high[0]:
            low = (time, offset)
            continue
        when = (authored, offset) if low is None or authored >= low[0] else low
        taken[commit] = low = when if when[0] <= high[0] else high
    return taken

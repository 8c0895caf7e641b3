"""Which commit contains which: the commit graph's order, which the rules built on history
follow (never dates, which branches and clocks make unreliable)."""

from __future__ import annotations

from typing import Final, NamedTuple, Protocol


class Ancestry(Protocol):
    """Answers ancestry questions about the commits of a mined history."""

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """Whether `ancestor` (a full commit id) is `commit` or one of its ancestors, as
        `git merge-base --is-ancestor` answers; False for commits the graph does not hold."""
        ...  # pragma: no cover

    def first_parent(self, commit: str) -> str | None:
        """The first parent of `commit` (a full commit id); None for a root commit or one
        the graph does not hold."""
        ...  # pragma: no cover

    def keep_answers(self) -> None:
        """Keep the answers given so far for later runs on the same history, where the
        ancestry keeps any (`history.kept_ancestry`: a cache); asked after a batch of
        questions (the spec set's lives). Failing to keep them only costs time."""
        ...  # pragma: no cover


class Adoption(Protocol):
    """Which commits came after specrepo was adopted: a spec born in one of them must
    start in one of the workflow's entry states (`Workflow.initial`); the documents a
    repository held when it adopted specrepo are taken as they were."""

    def checks_births_in(self, commit: str) -> bool:
        """Whether a spec born in `commit` (a full commit id) is checked: False for the
        commit that adopted specrepo (the first on HEAD's first-parent line to add the
        configuration file, followed through its moves and into the history a merge took
        it from) and its ancestors; True for any other, the root commit of a history
        merged in later included."""
        ...  # pragma: no cover

    def checks_work_tree_births(self) -> bool:
        """Whether a spec the work tree adds is checked: HEAD exists and holds the
        configuration file (or there is none), so the commit-to-be comes after adoption."""
        ...  # pragma: no cover


class AdoptionPastBoundary:
    """`adoption` in a clone whose shallow boundary commits are `boundary` (full ids; none
    in a complete history: `adoption` itself): a spec a boundary commit holds was there
    before the clone's history starts (a pull request's merge commit fetched two deep
    holds the branch's tip as one; `History.begins_at_boundary`), so no spec is born
    there; other commits as `adoption` says."""

    def __init__(self, boundary: frozenset[str], adoption: Adoption) -> None:
        self._boundary, self._adoption = boundary, adoption

    def checks_births_in(self, commit: str) -> bool:
        """See `Adoption.checks_births_in`: False for a boundary commit."""
        return commit not in self._boundary and self._adoption.checks_births_in(commit)

    def checks_work_tree_births(self) -> bool:
        """See `Adoption.checks_work_tree_births`."""
        return self._adoption.checks_work_tree_births()


GIT_BEGAN: Final = 1_112_832_000
"""2005-04-07T00:00:00Z, the day git began (its first commit, e83c5163316f, is dated
2005-04-07T22:13:13Z; git hosted itself from then on): no commit made with git is dated
earlier by a right clock: `LineTimes` takes a commit so dated as a wrong clock's (unless
HEAD's line begins earlier: history imported from an older version control system)."""


class LastChange(NamedTuple):
    """A commit that changed a spec's content, as the graph orders it: made on HEAD's
    first-parent line (`line` is `commit`) or off it (`line`: the line's commit that
    brought it there, a merge), it happened no later than `line`. Times are committer
    times (Unix time), offsets the authors' from UTC (minutes east)."""

    commit: str
    committed: int
    offset: int
    line: str
    line_committed: int
    line_offset: int
    authored: int
    """Its author date (Unix time)."""

    def on_line(self) -> bool:
        """Whether it was made on HEAD's first-parent line (`line` is `commit`)."""
        return self.commit == self.line


def clock_time(committed: int, authored: int, floor: int = GIT_BEGAN) -> int | None:
    """The time a commit's own dates give it (Unix times): its committer date `committed`,
    or its author date `authored` when the committer's clock was wrong (dated before
    `floor`, `clock_floor`: a bot's clock at 1970; an amend, rebase or cherry-pick keeps
    the author's) and the author's was not; None when both are before `floor` (the commit
    graph alone then dates it). The one rule every reader of a commit's time follows for
    a date before `floor`: HEAD's line (`history.kept_line_times`), the merges it raises
    to the parents they merged, and the commits of merged branches (`history.event_times`;
    README "Order comes from the commit graph")."""
    if committed >= floor:
        return committed
    return authored if authored >= floor else None


class LineTimes(Protocol):
    """The times HEAD's first-parent line takes its commits as: a commit's date comes from
    its committer's clock, which may be ahead or behind, and on the line a commit happened
    no earlier than every commit before it and no later than every commit after it (the
    order of the graph, never of dates). A date before `GIT_BEGAN` is wrong (unless the
    line begins earlier), HEAD's too; of the others, the dates of the line's longest run
    in date order that ends at HEAD (at the newest commit not so dated, when HEAD is)
    are right (on a tie, the run with the later dates); every other
    commit is taken as another time, later or earlier than its date, so a line commit's
    time is `taken_as` instead of its date."""

    def in_order(self) -> bool:
        """Whether no commit of the line is dated later than a commit after it, nor before
        `GIT_BEGAN`, and the line begins no earlier (the usual case: `taken_as` then
        answers None for every commit, and `floor` is `GIT_BEGAN`)."""
        ...  # pragma: no cover

    def taken_as(self, commit: str) -> tuple[int, int] | None:
        """For `commit` (a full id) on HEAD's first-parent line outside the line's longest
        run in date order that ends at HEAD (of the dates no earlier than `floor`, HEAD
        not dated earlier; on a tie, the run with the later dates), HEAD dated before
        `floor` included (raised to the commit before it: ages are measured to its time),
        dated ahead of the next commit of that run or behind the commit before it as
        taken: the time it is taken as (Unix time) and the offset from UTC it is shown in
        (minutes east): its author date and offset when that lies between those two, else
        the nearer of their committer times and author offsets
        (`history.kept_line_times.taken_times`); None for any other commit."""
        ...  # pragma: no cover

    def head_behind(self) -> tuple[str, int] | None:
        """HEAD's first parent (a full id) and its committer time (Unix time) when HEAD
        is dated before it but not before `floor` (a committer's clock behind, or the
        parent's ahead: the parent is then taken as HEAD's time, and so is every time
        after HEAD's); None otherwise."""
        ...  # pragma: no cover

    def floor(self) -> int:
        """The earliest date a right clock gives a commit (Unix time): `GIT_BEGAN`, or the
        line's first commit's date when earlier (history imported from an older version
        control system: `history.kept_line_times.plausible_floor`)."""
        ...  # pragma: no cover

    def raised(self) -> tuple[tuple[str, int], ...]:
        """The commits of the line `taken_as` later than their dates (a committer's clock
        behind: dated before a commit before it, or before `GIT_BEGAN`), HEAD's newest
        first: each one's full id and committer time (Unix time)."""
        ...  # pragma: no cover


def out_of_order(line: LineTimes | None) -> LineTimes | None:
    """`line`, or None when there is none or it is in date order (`LineTimes.in_order`): a
    line in date order takes no commit as earlier, so its readers pass over it (and read
    no spec's events for it)."""
    return None if line is None or line.in_order() else line


def clock_floor(line: LineTimes | None) -> int:
    """`line`'s floor (`LineTimes.floor`), `GIT_BEGAN` without one: a line whose floor is
    earlier is never in order (`LineTimes.in_order`), so `out_of_order` keeps it."""
    return GIT_BEGAN if line is None else line.floor()

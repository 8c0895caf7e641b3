"""The data of the trace matrix: requirements, the tags, test results and item links that
point at them, the links history makes suspect (`LinkHistory`), their states, the coverage
summary and the `--fail-on` conditions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Final, Literal, get_args

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.timestamps import local_date
from specrepo.load.document import JsonValue
from specrepo.load.junit import JunitResult, JunitTestcase
from specrepo.model.ancestry import Ancestry
from specrepo.model.references import ItemReference, UnknownReference, not_a_reference
from specrepo.model.unsearched_files import UnsearchedFile

if TYPE_CHECKING:  # it names this module's tags
    from specrepo.model.unlinked_tags import UnlinkedTags

RequirementState = Literal["failing", "uncovered", "unverified", "suspect", "covered"]
"""A requirement's state, the first that holds: `failing` (a test result linked to it
failed or errored), `uncovered` (nothing verifies it, or, where implementation files are
scanned, nothing implements it), `unverified` (test results were given, and none linked to
it passed), `suspect` (a link to it is suspect), `covered`."""
STATES: Final[tuple[RequirementState, ...]] = get_args(RequirementState)

FailOn = Literal["uncovered", "uncovered-p0", "failing", "unverified", "dangling", "suspect"]
"""`--fail-on` conditions: a requirement is not covered (`uncovered`; `uncovered-p0` for
priority P0 only), a test result failed (one linked to a requirement, or one whose
reference names no item), test results were given and none vouches for a requirement
(`unverified`), a reference names no item, a link is suspect. They look at the facts, not
the states: a failing requirement that nothing implements is uncovered too."""
FAIL_ON: Final[tuple[FailOn, ...]] = get_args(FailOn)

Relation = Literal["depends_on", "refines", "related"]
"""How an item link came to be: a requirement's `depends_on` or `refines`, or a spec's
related-work entry naming an item."""

Spelling = Literal["canonical", "name"]
"""How a reference is written: `SPEC-0042/FR-3`, or as a name, `spec_0042_fr_3`."""
FoundIn = Literal["implementation", "test", "junit"]
"""Where a reference was found: an implementation file, a test file, a JUnit report."""


@dataclass(frozen=True)
class ItemLink:
    """A link from a spec, or one of its items, to an item of a spec."""

    source_spec: str
    source_item: str | None
    """The linking item's id; None for a link of the whole spec (related work)."""
    relation: Relation
    target: ItemReference


@dataclass(frozen=True)
class Requirement:
    """One item of a spec's item lists: a row of the trace matrix."""

    reference: ItemReference
    priority: str | None
    """As the spec writes it (`P0` to `P3` in the bundled format); None without one."""
    spec_status: str

    def has_priority(self, priority: str) -> bool:
        """Whether its priority is `priority`, in any letter case (`p0` is `P0`)."""
        return self.priority is not None and self.priority.casefold() == priority.casefold()


@dataclass(frozen=True)
class Tag:
    """A reference found in a tracked file (git grep) by the tag finder."""

    reference: ItemReference
    """What it names, as written, in the canonical spelling."""
    written: str
    spelling: Spelling
    file: str
    """Its path from the top of the work tree, `/`-separated."""
    line: int
    column: int
    """1-based, in characters."""


@dataclass(frozen=True)
class CommitStamp:
    """A commit and its committer time."""

    commit: str
    time: int
    """Seconds since the Unix epoch, UTC."""
    offset: int = 0
    """The offset from UTC (minutes east) of the commit's author: the day shown for it
    (`day`) is in that offset."""
    day_end: bool = False
    """Whether `time` is the end of a reviewer's `approved:` day, before the commit: no
    change after it was seen. Else the commit graph, where known, overrules it (clocks)."""

    @property
    def day(self) -> str:
        """The day of `time` in `offset` (`base.timestamps.local_date`)."""
        return local_date(self.time, self.offset)

    @property
    def uncommitted(self) -> bool:
        """Whether it stands for the work tree's uncommitted change (`UNCOMMITTED`)."""
        return self.commit == _WORK_TREE


@dataclass(frozen=True)
class RequirementChange:
    """The last commit that changed a requirement's text, and the item before and after."""

    stamp: CommitStamp
    before: JsonValue
    """The item as it was (None when the commit added it)."""
    after: JsonValue
    earlier: tuple[RequirementChange, ...] = ()
    """The requirement's earlier changes since its item came into the spec, oldest first."""
    now: JsonValue = None
    """What the requirement says now (HEAD's item, or the work tree's), on the last change
    once items are read: a merge that kept one side holds no change. None: `after`."""
    held: dict[str, JsonValue] = field(default_factory=dict, compare=False, repr=False)
    """On the last change once items are read: the item as the commits that confirmed its
    links hold it (commit id -> item; `trace.held_items`), what a link saw, which a merge
    taking one side may have made another text than its changes' last."""

    @property
    def description(self) -> str:
        """What changed in the item, field by field: `description: "a" -> "b"`; `added`
        for an item the commit added; values as JSON."""
        before, after = self.before, self.after
        if not isinstance(before, dict) or not isinstance(after, dict):
            return "added" if before is None and after is not None else \
                f"{_shown(before)} -> {_shown(after)}"
        keys = [*after, *(key for key in before if key not in after)]
        return "; ".join(f"{key}: {_shown(before.get(key))} -> {_shown(after.get(key))}"
                         for key in keys if before.get(key) != after.get(key))


def _shown(value: JsonValue) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class LinkHistory:
    """What history knows that makes links suspect; a key that is missing is not known."""

    changes: dict[ItemReference, RequirementChange]
    """For each requirement, the last change of its text (its item, not the whole spec)."""
    file_touches: dict[str, tuple[CommitStamp, ...]]
    """For each tagging file (path as in `Tag.file`), its last touches, in git's order (no
    other commit that changed it descends from one: `gitio.touches.LastTouches`)."""
    approvals: dict[str, CommitStamp]
    """For each spec id, its latest approval; for a spec not in an approved state, its last change
    (a draft's links are confirmed as a file's tags are)."""
    ancestry: Ancestry | None = field(default=None, compare=False, repr=False)
    """Which commit contains which; without it, "after" compares committer times."""
    items_read: bool = False
    """Whether each change carries its item before and after (`trace.link_history.with_items`)."""


_WORK_TREE: Final = "work tree"
UNCOMMITTED: Final = CommitStamp(_WORK_TREE, 2**62)
"""The work tree, as a commit to come: its uncommitted change to a requirement is newer than
every commit, and its uncommitted edit of a tagging file saw every change, its own too."""
NO_HISTORY: Final = LinkHistory({}, {}, {})
"""Without history no link is suspect."""


@dataclass(frozen=True)
class Suspicion:
    """Why a link is suspect: the requirement changed after the link was last confirmed."""

    change: RequirementChange
    """The commit that changed the requirement, with the item-level change."""
    confirmed: CommitStamp
    """The tagging file's last touch that saw the most of the changes (`trace.suspect`), or
    the linking spec's approval (its last change, if not approved)."""


@dataclass(frozen=True)
class TagLink:
    """A tag naming a requirement, and whether it is suspect."""

    tag: Tag
    suspect: Suspicion | None


@dataclass(frozen=True)
class IncomingLink:
    """An item link to a requirement, and whether it is suspect."""

    link: ItemLink
    suspect: Suspicion | None


def is_tested(test_tags: Sequence[TagLink], results: Iterable[JunitTestcase]) -> bool:
    """Whether a test tag, or a testcase that ran (not skipped), verifies a requirement."""
    return bool(test_tags) or any(case.result != "skipped" for case in results)


@dataclass(frozen=True)
class RequirementTrace:
    """A requirement, everything that links to it, and its state."""

    requirement: Requirement
    implemented_by: tuple[TagLink, ...]
    verified_by: tuple[TagLink, ...]
    """Tags in test files."""
    results: tuple[JunitTestcase, ...]
    """JUnit testcases linked to it (naming it, or holding a tag of it), with their
    results."""
    linked_from: tuple[IncomingLink, ...]
    covered: bool
    """Something verifies it (a test tag, or a test that ran: passed, failed or errored),
    and, where implementation files are scanned, something implements it."""
    failing: bool
    """A testcase linked to it failed or errored."""
    unverified: bool = False
    """Test results were given (`--junit`), it is covered, and no testcase linked to it
    passed: its tags claim a test that was skipped, did not run, or cannot be told."""

    @property
    def tested(self) -> bool:
        """Whether a test tag or a test that ran verifies it (see `is_tested`)."""
        return is_tested(self.verified_by, self.results)

    @cached_property
    def suspect(self) -> bool:
        """Whether any tag or item link to it is suspect (worked out once: the summary,
        the `--fail-on` conditions and every format ask)."""
        return any(link.suspect for link in (*self.implemented_by, *self.verified_by)) \
            or any(link.suspect for link in self.linked_from)

    @property
    def state(self) -> RequirementState:
        """The first state that holds (see `RequirementState`)."""
        if self.failing:
            return "failing"
        if not self.covered:
            return "uncovered"
        if self.unverified:
            return "unverified"
        return "suspect" if self.suspect else "covered"


@dataclass(frozen=True)
class DanglingReference:
    """A reference naming no existing item, or text given as one that is not a reference
    (a JUnit `requirement` property without `/`)."""

    written: str
    found_in: FoundIn
    file: str
    """The tagging file from the top of the work tree, or the JUnit file as given."""
    line: int
    column: int | None
    """None for a JUnit testcase (its line is the `<testcase` tag's)."""
    unknown: UnknownReference | None
    """What is unknown, and the likeliest item meant; None when not a reference."""
    result: JunitResult | None = None
    """The result of the testcase that makes it (found in a JUnit report); else None."""

    @property
    def failed(self) -> bool:
        """Whether a testcase that failed or errored makes it (a failure not to lose)."""
        return self.result in ("failed", "error")

    @property
    def message(self) -> str:
        """What is wrong, with a did-you-mean where one comes close."""
        return self.unknown.message if self.unknown else not_a_reference(self.written)


@dataclass(frozen=True)
class PrioritySummary:
    """How many requirements of one priority are in each state."""

    priority: str | None
    total: int
    states: dict[RequirementState, int]
    """A count for each of `STATES`, zeros included."""
    covered: int
    """How many are covered, whatever their state (failing and suspect ones too)."""
    with_suspect_link: int = 0
    """How many have a suspect link, whatever their state (an uncovered or failing one too):
    the fact `--fail-on suspect` judges, and the `suspect` count every summary shows."""


@dataclass(frozen=True)
class TraceMatrix:
    """Every requirement's trace, the dangling references and the summary by priority."""

    requirements: tuple[RequirementTrace, ...]
    dangling: tuple[DanglingReference, ...]
    summary: tuple[PrioritySummary, ...]
    """By priority, in sorted order (`P0` first), requirements without one last."""
    suspect_not_judged: str | None = None
    """Why links there were could not be judged suspect (`shallow clone`, `not a git
    repository`): then "0 suspect" is no fact. None when they were judged."""
    results_given: bool = False
    """Whether test results were given (`--junit`): then being covered (by a tag) is not
    being verified, and the summary says how many a passing result backs."""
    unlinked: tuple[UnlinkedTags, ...] = ()
    """Test files whose tags no result could be linked to, and why (a report without
    lines): said as warnings, never a silent `unverified`."""
    implementation_scanned: bool = False
    """Whether implementation files were scanned: then being covered needs an implementing
    tag as well as a test, and the summary says so."""
    unclaimed: tuple[str, ...] = ()
    """A warning for each failed or errored testcase that mentions a spec (`SPEC-0042 FR-3`)
    but reaches no requirement: its failure is never dropped in silence."""
    unsearched: tuple[UnsearchedFile, ...] = ()
    """Tracked files of the globs whose tags were not read (said as warnings)."""
    top_priority: str = "P0"
    """The priority `--fail-on uncovered-p0` gates on (`trace.top_priority`)."""

    @property
    def covered_by(self) -> str | None:
        """With test results, what covers the covered requirements (`tags`, or `tags or
        tests` once a result is linked): a tag alone verifies nothing. None without."""
        if not self.results_given:
            return None
        return "tags or tests" if any(row.results for row in self.requirements) else "tags"

    @property
    def covered_as(self) -> str:
        """What the summary calls the covered requirements: `covered`, `covered by tags or
        tests` (with test results, `covered_by`), and `implemented and …` where
        implementation files are scanned (a test alone covers nothing there)."""
        words = "covered" if self.covered_by is None else f"covered by {self.covered_by}"
        return f"implemented and {words}" if self.implementation_scanned else words

    @property
    def verified(self) -> int:
        """How many requirements a passing test result backs: a linked testcase passed and
        none failed or errored (with `--junit`), whether or not anything implements them."""
        return sum(not row.failing and any(case.result == "passed" for case in row.results)
                   for row in self.requirements)

    @property
    def uncovered_because(self) -> tuple[tuple[int, str], ...]:
        """Why the requirements in state `uncovered` are, where implementation files are
        scanned (else `()`: then only a test is missing): how many nothing implements and
        how many nothing tests, the counts that are not zero (a requirement may count in
        both): `((1, "not implemented"),)`."""
        if not self.implementation_scanned:
            return ()
        uncovered = [row for row in self.requirements if row.state == "uncovered"]
        counts = ((sum(not row.implemented_by for row in uncovered), "not implemented"),
                  (sum(not row.tested for row in uncovered), "not tested"))
        return tuple((count, reason) for count, reason in counts if count)

    def failed_conditions(self, fail_on: tuple[FailOn, ...]) -> tuple[FailOn, ...]:
        """The conditions of `fail_on` that hold, in the order of `FAIL_ON`: one holds for
        a requirement (`holding`), or `failing` for a dangling reference of a failed test,
        or `dangling` for any dangling reference."""
        return tuple(condition for condition in FAIL_ON if condition in fail_on and (
            self.holding(condition)
            or (condition == "failing" and any(entry.failed for entry in self.dangling))
            or (condition == "dangling" and bool(self.dangling))))

    def holding(self, condition: FailOn) -> tuple[RequirementTrace, ...]:
        """The requirements `condition` holds for, whatever their state (it looks at
        facts: a failing requirement no passing test verifies is unverified too);
        `uncovered-p0` looks at those of `top_priority`, in any case; `dangling` at none."""
        facts: dict[FailOn, Callable[[RequirementTrace], bool]] = {
            "uncovered": lambda row: not row.covered,
            "uncovered-p0": lambda row: not row.covered
            and row.requirement.has_priority(self.top_priority),
            "failing": attrgetter("failing"),
            "unverified": attrgetter("unverified"),
            "dangling": lambda row: False,
            "suspect": attrgetter("suspect"),
        }
        return tuple(filter(facts[condition], self.requirements))


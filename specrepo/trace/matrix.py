"""Build the trace matrix: for every requirement, what implements it (tags in implementation
files), what verifies it (tags in test files, JUnit results), which item links point at it,
which of those are suspect, and its state; the dangling references; coverage by priority."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import field, replace
from operator import attrgetter
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.junit import JunitTestcase
from specrepo.model.references import ItemReference, KnownItems, UnknownReference
from specrepo.model.trace import (
    NO_HISTORY,
    STATES,
    DanglingReference,
    FoundIn,
    IncomingLink,
    ItemLink,
    LinkHistory,
    PrioritySummary,
    Requirement,
    RequirementChange,
    RequirementTrace,
    Tag,
    TagLink,
    TraceMatrix,
    is_tested,
)
from specrepo.model.unlinked_tags import UnlinkedTags
from specrepo.trace.python_tests import ExtentFinder
from specrepo.trace.results import testcase_references
from specrepo.trace.suspect import link_suspicion, tag_suspicion
from specrepo.trace.tag_places import TagPlaces
from specrepo.trace.tags import ReferenceFinder

_FAILED: Final = ("failed", "error")


@dataclass(frozen=True)
class TraceInputs:
    """Everything the matrix is built from."""

    known: KnownItems
    """Every spec id and its items: what a reference may name (all specs, not only the
    rows', so that a tag naming a spec left out of the rows is not dangling)."""
    requirements: tuple[Requirement, ...]
    """The rows, in the order they are shown."""
    links: tuple[ItemLink, ...] = ()
    implementation_tags: tuple[Tag, ...] = ()
    test_tags: tuple[Tag, ...] = ()
    testcases: tuple[JunitTestcase, ...] = ()
    history: LinkHistory = NO_HISTORY
    implementation_scanned: bool = False
    """Whether implementation files were scanned: then a requirement needs an
    implementing tag to be covered."""
    test_extent: ExtentFinder | None = None
    """Where a testcase's test begins and ends, where that can be told (Python tests)."""
    results_given: bool = False
    """Whether test results were given (`--junit`): then a covered requirement that no
    passed testcase vouches for is unverified."""
    renumbered: Mapping[str, str] = field(default_factory=dict)
    """Spec ids no spec has now -> the id of the spec history shows renumbered from it:
    a reference naming the old id says so and suggests the new."""
    top_priority: str = "P0"
    """The priority `--fail-on uncovered-p0` gates on (`trace.top_priority`)."""


@dataclass
class _Row:
    requirement: Requirement
    change: RequirementChange | None = None
    """The last change of the requirement's text that history knows (`LinkHistory`)."""
    implemented_by: list[TagLink] = field(default_factory=list)
    verified_by: list[TagLink] = field(default_factory=list)
    results: list[JunitTestcase] = field(default_factory=list)
    linked: set[int] = field(default_factory=set)
    """The identities of `results`: a testcase is added once, in constant time (a
    parametrised test makes thousands of testcases naming one requirement)."""
    linked_from: list[IncomingLink] = field(default_factory=list)

    def trace(self, inputs: TraceInputs) -> RequirementTrace:
        implemented = bool(self.implemented_by) or not inputs.implementation_scanned
        covered = is_tested(self.verified_by, self.results) and implemented
        return RequirementTrace(
            requirement=self.requirement,
            implemented_by=tuple(self.implemented_by),
            verified_by=tuple(self.verified_by),
            results=tuple(self.results),
            linked_from=tuple(self.linked_from),
            covered=covered,
            failing=any(case.result in _FAILED for case in self.results),
            unverified=covered and inputs.results_given
            and not any(case.result == "passed" for case in self.results))


_TAG_ORDER: Final = attrgetter("file", "line", "column")
"""Tags by file, line and column: how each requirement lists them."""


class _Resolver:
    """`KnownItems.resolve`, once per distinct reference (did-you-mean is the costly part).

    An item id that names no item but starts with one's, up to a `_`, names that one:
    `SPEC-0042/FR-3_rejects_empty` is `FR-3`, because Go writes a subtest
    `t.Run("SPEC-0042/FR-3 rejects empty", …)` into its test name (and so into JUnit)
    with `_` for each space. The longest such item wins.
    """

    def __init__(self, known: KnownItems, rows: dict[ItemReference, _Row],
                 renumbered: Mapping[str, str]) -> None:
        self.known, self.renumbered = known, renumbered
        self.resolved: dict[tuple[ItemReference, bool], ItemReference | UnknownReference] = {}
        self.by_text: dict[tuple[str, str], _Row] = {
            (reference.spec_id, reference.item_id): row for reference, row in rows.items()}
        """The rows by their spec and item ids: hashed and compared without a Python call
        (a tag that names a row exactly, as most do, resolves to it)."""
        self.tagged: dict[tuple[str, str], _Row | UnknownReference | None] = {}
        """What each distinct tag that names no row exactly names."""

    def __call__(self, reference: ItemReference,
                 ignore_case: bool) -> ItemReference | UnknownReference:
        key = (reference, ignore_case)
        resolved = self.resolved.get(key)
        if resolved is None:
            resolved = self._resolve(reference, ignore_case)
            row = None if isinstance(resolved, UnknownReference) else \
                self.by_text.get((resolved.spec_id, resolved.item_id))
            if row is not None:  # the row's own key: the rows' dict finds it by identity
                resolved = row.requirement.reference
            self.resolved[key] = resolved
        return resolved

    def row_of(self, tag: Tag) -> _Row | UnknownReference | None:
        """The row `tag` names; what is unknown, when it names no item (dangling); None when
        it names an item that is not a row."""
        reference = tag.reference
        spec_id, item_id = reference.spec_id, reference.item_id
        row = self.by_text.get((spec_id, item_id))
        if row is not None:
            return row
        key = (spec_id, item_id)
        try:
            return self.tagged[key]
        except KeyError:
            resolved = self._resolve(reference, True)
            found = resolved if isinstance(resolved, UnknownReference) else \
                self.by_text.get((resolved.spec_id, resolved.item_id))
            self.tagged[key] = found
            return found

    def _resolve(self, reference: ItemReference,
                 ignore_case: bool) -> ItemReference | UnknownReference:
        resolved = self.known.resolve(reference, ignore_case=ignore_case)
        if isinstance(resolved, ItemReference):
            return resolved
        if resolved.unknown == "spec":
            return self._renumbered(resolved)
        item_id = reference.item_id
        while "_" in item_id:
            item_id = item_id.rpartition("_")[0]
            shorter = self.known.resolve(ItemReference(reference.spec_id, item_id),
                                         ignore_case=ignore_case)
            if isinstance(shorter, ItemReference):
                return shorter
        return resolved

    def _renumbered(self, unknown: UnknownReference) -> UnknownReference:
        """`unknown` (naming no spec) saying the spec's id now, and suggesting the
        reference to its item (or the spec), where history shows its spec renumbered."""
        now = _in_any_case(self.renumbered, unknown.reference.spec_id)
        if now is None:
            return unknown
        moved = self.known.resolve(ItemReference(now, unknown.reference.item_id),
                                   ignore_case=True)
        suggestion = str(moved) if isinstance(moved, ItemReference) else moved.suggestion
        return replace(unknown, suggestion=suggestion or now, renumbered=now)


def _in_any_case(by_id: Mapping[str, str], spec_id: str) -> str | None:
    """`by_id`'s value for `spec_id`, or for the one key spelled so in another case."""
    if spec_id in by_id:
        return by_id[spec_id]
    folded = [value for key, value in by_id.items() if key.casefold() == spec_id.casefold()]
    return folded[0] if len(folded) == 1 else None


def build_trace_matrix(inputs: TraceInputs, finder: ReferenceFinder) -> TraceMatrix:
    """The trace matrix of `inputs`; `finder` reads references in JUnit names.

    A reference that names no known item is dangling (with a did-you-mean), whether or
    not its spec is among the rows; one naming a known item that is not a row is left
    out (a tag naming nothing: see `_dangles`). Tags and testcases' references are
    resolved whatever the case (ids that differ only in case match when just one does).

    A testcase is linked to the requirements it names, and to those tagged inside its
    test (`TagPlaces.locate`: by its line, or its name); one that failed or errored, names
    nothing and is not placed (a test file that failed to import, a package that did not
    build, a line in a file whose path fits several) to every requirement tagged in the
    file or files it may name (`TagPlaces.in_file`): whatever ran there verified none;
    the tags no result reached in a file whose tests were not all placed are `unlinked`.
    """
    history = inputs.history
    changes = history.changes
    rows = {requirement.reference: _Row(requirement, changes.get(requirement.reference)
                                        if changes else None)
            for requirement in inputs.requirements}
    resolve = _Resolver(inputs.known, rows, inputs.renumbered)
    dangling: list[DanglingReference] = []
    tag_sets: tuple[tuple[FoundIn, tuple[Tag, ...]], ...] = (
        ("implementation", inputs.implementation_tags), ("test", inputs.test_tags))
    tested: list[tuple[str, int, _Row]] = []  # each test tag naming a row, where it is
    by_file: defaultdict[str, list[tuple[Tag, _Row]]] = defaultdict(list)
    for found_in, tags in tag_sets:
        for tag in sorted(tags, key=_TAG_ORDER):  # each row's tags come in their order
            target = resolve.row_of(tag)
            if isinstance(target, UnknownReference):
                if _dangles(tag, target, finder):
                    dangling.append(DanglingReference(tag.written, found_in, tag.file,
                                                      tag.line, tag.column, target))
            elif target is not None:
                tagged = target.implemented_by if found_in == "implementation" \
                    else target.verified_by
                tagged.append(TagLink(tag, tag_suspicion(target.change, tag.file, history)))
                if found_in == "test" and inputs.testcases:
                    tested.append((tag.file, tag.line, target))
                    by_file[tag.file].append((tag, target))
    unlinked: tuple[UnlinkedTags, ...] = ()
    unclaimed: list[str] = []
    if inputs.testcases:  # where the tags are matters only to test results
        places = TagPlaces(tested, inputs.testcases, inputs.test_extent)
        for case in inputs.testcases:
            if not _add_results(case, finder, resolve, rows, places, dangling):
                unclaimed.extend(_unclaimed(case, finder))
        unlinked = _unlinked(places, by_file)
    for link in inputs.links:
        linked = resolve(link.target, False)
        if isinstance(linked, ItemReference) and linked in rows:
            rows[linked].linked_from.append(
                IncomingLink(link, link_suspicion(linked, link, history)))
    traces = tuple(row.trace(inputs) for row in rows.values())
    dangling.sort(key=lambda entry: (entry.file, entry.line, entry.column or 0, entry.written))
    return TraceMatrix(traces, tuple(dangling), summarize(traces),
                       results_given=inputs.results_given, unlinked=unlinked,
                       unclaimed=tuple(unclaimed),
                       implementation_scanned=inputs.implementation_scanned,
                       top_priority=inputs.top_priority)


def _unlinked(places: TagPlaces[_Row], by_file: dict[str, list[tuple[Tag, _Row]]]
              ) -> tuple[UnlinkedTags, ...]:
    """The tags no result reached in each file whose tests could not all be placed in it:
    what made their requirements unverified, and why (the first test's reason)."""
    found = []
    for file, cases in sorted(places.unplaced.items()):
        tags = tuple(tag for tag, row in by_file[file] if not row.results)
        if tags:
            found.append(UnlinkedTags(file, tags, tuple(
                f"{case.classname}.{case.name}" if case.classname else case.name
                for case, _ in cases), cases[0][1], places.fits_several(cases[0][0])))
    return tuple(found)


def _dangles(tag: Tag, unknown: UnknownReference, finder: ReferenceFinder) -> bool:
    """Whether `tag`, naming nothing (`unknown`), is a dangling reference: in the letter case
    ids have (`ReferenceFinder.in_id_case`), as a name (`test_spec_0042_fr_3`), or naming a
    spec renumbered since. One in another case (`spec-0001/valid.json`, a fixture's path)
    is mostly no reference (newuser72: such paths failed `--fail-on dangling`)."""
    return tag.spelling == "name" or finder.in_id_case(tag.reference.spec_id) \
        or unknown.renumbered is not None


def _add_results(case: JunitTestcase, finder: ReferenceFinder, resolve: _Resolver,
                 rows: dict[ItemReference, _Row], places: TagPlaces[_Row],
                 dangling: list[DanglingReference]) -> bool:
    """Add `case` to the rows it is linked to (see `build_trace_matrix`), and the dangling
    references it makes, with its result, to `dangling`; whether it made a reference or
    reached a row."""
    found_in: FoundIn = "junit"
    linked, placed = places.locate(case)
    references = testcase_references(case, finder)
    for made in references:
        target = None if made.reference is None else \
            resolve(made.reference, True)
        if not isinstance(target, ItemReference):
            dangling.append(DanglingReference(made.written, found_in, case.file.as_posix(),
                                              case.line, None, target, case.result))
        elif target in rows:
            linked.append(rows[target])
    if not references and not placed and case.result in _FAILED:
        linked = places.in_file(case)
    for row in linked:
        if id(case) not in row.linked:
            row.linked.add(id(case))
            row.results.append(case)
    return bool(references or linked)


def _unclaimed(case: JunitTestcase, finder: ReferenceFinder) -> list[str]:
    """A warning for `case`, which reached no requirement, when it failed or errored and
    its name, classname or display name mentions a spec (`SPEC-0042 FR-3 rejects`): a
    reference it meant but misspelt, whose failure must not pass unseen."""
    if case.result not in _FAILED:
        return []
    for text in (case.name, case.classname, case.display_name or ""):
        spec = finder.mentioned_spec(text)
        if spec is not None:
            shown = f"{case.classname}.{case.name}" if case.classname else case.name
            return [f"{case.file.as_posix()}:{case.line}: the testcase '{shown}' "
                    f"{'failed' if case.result == 'failed' else 'errored'} and mentions "
                    f"{spec}, but names no requirement (write spec id/item id, as "
                    "SPEC-0042/FR-3, in its name or a `requirement` property), nor is one "
                    "tagged in its test: its failure counts for no requirement"]
    return []


def summarize(traces: tuple[RequirementTrace, ...]) -> tuple[PrioritySummary, ...]:
    """Counts by priority (sorted, none last) and state; a priority appears when a
    requirement has it."""
    by_priority: dict[str | None, list[RequirementTrace]] = defaultdict(list)
    for trace in traces:
        by_priority[trace.requirement.priority].append(trace)
    summaries = []
    for priority, group in sorted(by_priority.items(),
                                  key=lambda entry: (entry[0] is None, entry[0] or "")):
        counted = Counter(trace.state for trace in group)  # each state worked out once
        summaries.append(PrioritySummary(priority, len(group),
                                         {state: counted[state] for state in STATES},
                                         sum(trace.covered for trace in group),
                                         sum(trace.suspect for trace in group)))
    return tuple(summaries)

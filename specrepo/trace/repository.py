"""Trace a repository: check the `trace:` globs, scan the configured files for tags, and build
the matrix with its links judged against history. What `specrepo trace` and `specrepo site`
both run, each with the history it has (trace mines it only when links may need it: files
are tagged, or specs link items; the site hands over the history it mined anyway)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from specrepo.base.collection import cycle_collection_paused
from specrepo.base.errors import ConfigError
from specrepo.base.work_tree import repository_top
from specrepo.gitio.grep import globs_matching_nothing
from specrepo.gitio.submodule_globs import submodules_reached
from specrepo.history.item_versions import items_around, items_at
from specrepo.load.document import JsonValue
from specrepo.load.junit import JunitTestcase
from specrepo.model.config import Config
from specrepo.model.history import History
from specrepo.model.references import ItemReference, KnownItems
from specrepo.model.spec_record import SpecRecord
from specrepo.model.trace import (
    LinkHistory,
    RequirementTrace,
    TraceMatrix,
)
from specrepo.model.trace_rows import item_links_of, requirements_of
from specrepo.trace.held_items import confirmations, held_items
from specrepo.trace.link_history import SpecLinksHistory, TraceHistory, with_items
from specrepo.trace.matrix import TraceInputs, build_trace_matrix
from specrepo.trace.scans import Attempt, TagScans
from specrepo.trace.suspect import first_read
from specrepo.trace.tags import ReferenceFinder, reference_grammar
from specrepo.trace.uncommitted_links import with_uncommitted
from specrepo.trace.work_tree_tests import WorkTreeTests

HistorySource = Callable[[], History | None]
"""Gives the mined history when a link needs judging; None: no link can be judged (no git
repository, a shallow clone), so none is suspect."""


def check_trace_globs(config: Config) -> tuple[str, ...]:
    """Raises `ConfigError` for a `trace:` glob that matches no tracked file: a typo would
    otherwise leave every requirement uncovered, or covered, in silence. Returns a warning
    for each other glob that reaches into a submodule, whose files are never scanned (git
    tracks them in the submodule's repository): none is passed over in silence."""
    globs = [(setting, glob) for setting in ("implementation", "tests")
             for glob in getattr(config.trace, setting)]
    submodules = submodules_reached(config.root, [glob for _, glob in globs])
    nothing = set(globs_matching_nothing(config.root, [glob for _, glob in globs]))
    unmatched = [(setting, f"trace.{setting} '{glob}'" + (
        f" (inside {_submodules(submodules[glob])})" if glob in submodules else ""))
        for setting, glob in globs if glob in nothing]
    if unmatched:
        shown = config.placed(("trace", unmatched[0][0]))  # the first one's line
        advice = ("; correct the glob (git's glob pathspecs, relative to the folder of "
                  "specrepo.yaml), or `git add` the files")
        if any(glob in submodules for glob in nothing):  # `git add` cannot help there
            advice = (f" here; {_NOT_SCANNED}: keep the tagged files in this repository, "
                      "or leave the glob out")
        raise ConfigError(f"{shown}: {', '.join(named for _, named in unmatched)} "
                          f"match{'es' if len(unmatched) == 1 else ''} no file git "
                          f"tracks{advice}")
    return tuple(f"trace.{setting} '{glob}' reaches into {_submodules(submodules[glob])}: "
                 f"{_NOT_SCANNED}, so no tag there is found (a glob that leaves the "
                 "submodule out says nothing)"
                 for setting, glob in globs if glob in submodules)


_NOT_SCANNED = ("trace scans only this repository's files, never a submodule's (git tracks "
                "those in the submodule's own repository, with their own history)")


def _submodules(paths: Sequence[str]) -> str:
    return f"the submodule{'s' if len(paths) > 1 else ''} {', '.join(paths)}"


def trace_repository(config: Config, known: KnownItems, records: Sequence[SpecRecord],
                     rows: Sequence[SpecRecord], testcases: tuple[JunitTestcase, ...] | None,
                     history: HistorySource, scans: TagScans,
                     links_read: SpecLinksHistory | None = None) -> TraceMatrix:
    """The trace matrix of the requirements of `rows` (by spec id, then file; each spec's
    in its items' order): tags found in the configured files by `scans` (`TagScans` of
    `config`, started by the caller, as early as it can), `testcases`' results (None: no
    test results were given; an empty tuple: reports without a test case), the item
    links `records` (every spec, whose items `known` holds) make; `history` is used only
    when there is a link to judge. `links_read`: what the history `history` gives says of
    the links of the specs read so far (`SpecLinksHistory.read`), if the caller has it.

    The scans and the tagging files' last commits are git's work, done by git processes
    while this one reads what history says of the links: the two overlap on two cores.
    So history is read before the scans tell whether a tag needs it, and a failure to read
    it is raised only if one does (after the scans' own, as when run in turn).

    Raises `HistoryError` (from git) when a repository's history cannot be read.
    """
    records, rows = sorted(records, key=_spec_order), sorted(rows, key=_spec_order)
    with cycle_collection_paused():
        finder = ReferenceFinder(reference_grammar(
            config.id_prefix, known.items, (item for ids in known.items.values() for item in ids)))
        links = tuple(link for record in records for link in item_links_of(record))
        found = None
        if config.trace.implementation or config.trace.tests or links:
            found = Attempt.now(lambda: _links_history(config, history(), records, scans,
                                                       links_read))
        implementation_tags, test_tags, unsearched = scans.found(finder)
        inputs = TraceInputs(
            known=known,
            requirements=tuple(row for record in rows for row in requirements_of(record)),
            links=links, implementation_tags=implementation_tags, test_tags=test_tags,
            testcases=testcases or (), results_given=testcases is not None,
            test_extent=_work_tree_tests(config),
            implementation_scanned=bool(config.trace.implementation),
            top_priority=config.trace.top_priority)
        judged = found.result() if found is not None and (
            inputs.implementation_tags or inputs.test_tags or inputs.links) else None
        if judged is None:  # no link to judge, or no history to judge it by
            return replace(build_trace_matrix(inputs, finder), unsearched=unsearched)
        return replace(_judged(config, inputs, finder, judged), unsearched=unsearched)


def _work_tree_tests(config: Config) -> WorkTreeTests | None:
    """Where the tests of `config`'s work tree begin and end (None outside one)."""
    top = repository_top(config.root)
    return None if top is None else WorkTreeTests(top)


def _spec_order(record: SpecRecord) -> tuple[str, Path]:
    return record.id, record.file


def _links_history(config: Config, history: History | None, records: Sequence[SpecRecord],
                   scans: TagScans, read: SpecLinksHistory | None) -> TraceHistory | None:
    """What `history` (None: none to judge by) and the tagging files' last commits say about
    the links (with what `read` has read of `history` already)."""
    if history is None:
        return None
    if read is None or read.history is not history:
        read = SpecLinksHistory(history, config.workflow)
    change, followed = scans.uncommitted(), scans.followed()
    if followed and change.files:  # a link's file changed: the link's tags with it
        change = replace(change, files=change.files | {
            link for link, target in followed.items() if target in change.files})
    return with_uncommitted(read.trace_history(records, scans.touches()), records,
                            change, history.work_tree, config.workflow)


def _judged(config: Config, inputs: TraceInputs, finder: ReferenceFinder,
            found: TraceHistory) -> TraceMatrix:
    """The matrix, its links judged against history: built once to find the links that
    may be suspect (a change their commit does not contain), and again with the
    item-level changes of each requirement a link did not see (a link to an item that is
    again what it confirmed is not suspect; one whose commit holds another text than the
    requirement's now is, whatever changes it contains: `held_items`)."""
    inputs = replace(inputs, renumbered=found.renumbered)
    matrix = build_trace_matrix(replace(inputs, history=found.links), finder)
    held = held_items(config, found, confirmations(matrix, found.links, found.head))
    unseen = dict(sorted((row.requirement.reference, _earliest_unseen(row, found.links))
                         for row in matrix.requirements if row.suspect))
    now = _items_now(config, found, {*unseen, *held})
    unseen.update((target, 0) for target, items in held.items() if target not in unseen
                  and any(item != now.get(target) for item in items.values()))
    if not unseen:
        return matrix
    # Only the changes from the earliest one a suspect link did not see are read (2 blobs
    # each): a link judges by the item before its first unseen change and after the last.
    # An uncommitted change (`found.uncommitted`) is the last, its items known.
    wanted = {target: found.changed_items(target)[start:] for target, start in unseen.items()}
    items = iter(items_around(config, config.root, [at for ats in wanted.values() for at in ats]))
    links = with_items(found.links, {
        target: [*(next(items) for _ in ats),
                 *((found.uncommitted[target],) if target in found.uncommitted else ())]
        for target, ats in wanted.items()}, now, held)
    return build_trace_matrix(replace(inputs, history=links), finder)


def _items_now(config: Config, found: TraceHistory, targets: Iterable[ItemReference]
               ) -> dict[ItemReference, JsonValue]:
    """What each of `targets` says now: its item in the work tree where the work tree
    changed it, else HEAD's (a merge that kept one side holds no change of it, so the
    last change in history's order need not be what HEAD says)."""
    now = {target: found.uncommitted[target][1] for target in targets
           if target in found.uncommitted}
    at_head = [(target, at) for target in targets if target not in now
               and (at := found.item_now(target)) is not None]
    now.update(zip((target for target, _ in at_head),
                   items_at(config, config.root, [at for _, at in at_head]), strict=True))
    return now


def _earliest_unseen(row: RequirementTrace, links: LinkHistory) -> int:
    """The index (oldest first) of the earliest change of `row`'s requirement whose items
    judge one of its suspect links (`suspect.first_read`): a tag's by each of its file's
    last touches (any of them may have confirmed what the requirement says now)."""
    change = links.changes[row.requirement.reference]
    confirmations = [touch for link in (*row.implemented_by, *row.verified_by) if link.suspect
                     for touch in links.file_touches.get(link.tag.file, ())]
    confirmations.extend(link.suspect.confirmed for link in row.linked_from if link.suspect)
    found = [first_read(change, confirmed, links) for confirmed in confirmations]
    return min((index for index in found if index is not None), default=0)

"""Trace a repository: check the `trace:` globs, scan the configured files for tags, and build
the matrix with its links judged against history. What `specrepo trace` and `specrepo site`
both run, each with the history it has (trace mines it only when a link needs it; the site
hands over the history it mined anyway)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from specrepo.base.collection import cycle_collection_paused
from specrepo.base.errors import ConfigError, SpecrepoError
from specrepo.base.paths import display_path
from specrepo.gitio.grep import globs_matching_nothing, grep_tracked_files
from specrepo.gitio.touches import Touch, last_touches
from specrepo.history.item_versions import items_around
from specrepo.load.junit import JunitTestcase
from specrepo.load.locations import SpecLocation, escape_glob
from specrepo.model.config import Config
from specrepo.model.history import History
from specrepo.model.references import KnownItems
from specrepo.model.spec_record import SpecRecord
from specrepo.model.trace import Tag, TraceMatrix, item_links_of, requirements_of
from specrepo.trace.git_grep import tags_of_lines
from specrepo.trace.link_history import TraceHistory, trace_history, with_items
from specrepo.trace.matrix import TraceInputs, build_trace_matrix
from specrepo.trace.tags import ReferenceFinder, reference_grammar

HistorySource = Callable[[], History | None]
"""Gives the mined history when a link needs judging; None: no link can be judged (no git
repository, a shallow clone), so none is suspect."""


def check_trace_globs(config: Config) -> None:
    """Raises `ConfigError` for a `trace:` glob that matches no tracked file: a typo would
    otherwise leave every requirement uncovered, or covered, in silence."""
    unmatched = [f"trace.{setting} '{glob}'" for setting in ("implementation", "tests")
                 for glob in globs_matching_nothing(config.root,
                                                    getattr(config.trace, setting))]
    if unmatched:
        shown = display_path(config.file) if config.file else "specrepo.yaml"
        raise ConfigError(f"{shown}: {', '.join(unmatched)} "
                          f"match{'es' if len(unmatched) == 1 else ''} no file git tracks; "
                          "correct the glob (git's glob pathspecs, relative to the folder of "
                          "specrepo.yaml), or `git add` the files")


def trace_repository(config: Config, known: KnownItems, records: Sequence[SpecRecord],
                     rows: Sequence[SpecRecord], testcases: tuple[JunitTestcase, ...],
                     history: HistorySource) -> TraceMatrix:
    """The trace matrix of the requirements of `rows` (by spec id, then file; each spec's
    in its items' order): tags found in the configured files, `testcases`' results, the
    item links `records` (every spec, whose items `known` holds) make; `history` is used
    only when there is a link to judge.

    The scans and the tagging files' last commits are git's work, done in threads while
    this one reads what history says of the links (Python's): the two overlap on two
    cores. So history is read before the scans tell whether a tag needs it, and a failure
    to read it is raised only if one does (after the scans' own, as when run in turn).

    Raises `HistoryError` (from git) when a repository's history cannot be read.
    """
    records, rows = sorted(records, key=_spec_order), sorted(rows, key=_spec_order)
    with cycle_collection_paused(), ThreadPoolExecutor(max_workers=3) as git:
        finder = ReferenceFinder(reference_grammar(config.id_prefix, known.items))
        implementation = git.submit(_scan, config, finder, config.trace.implementation,
                                    exclude=config.trace.tests)
        tests = git.submit(_scan, config, finder, config.trace.tests)
        links = tuple(link for record in records for link in item_links_of(record))
        found = None
        if config.trace.implementation or config.trace.tests or links:
            touches = git.submit(_touches, config)
            found = _attempt(lambda: _links_history(config, history(), records, touches))
        inputs = TraceInputs(
            known=known,
            requirements=tuple(row for record in rows for row in requirements_of(record)),
            links=links, implementation_tags=implementation.result(),
            test_tags=tests.result(), testcases=testcases,
            implementation_scanned=bool(config.trace.implementation))
        judged = found() if found is not None and (
            inputs.implementation_tags or inputs.test_tags or inputs.links) else None
        if judged is None:  # no link to judge, or no history to judge it by
            return build_trace_matrix(inputs, finder)
        return _judged(config, inputs, finder, judged)


_Found = TypeVar("_Found")


def _attempt(work: Callable[[], _Found]) -> Callable[[], _Found]:
    """Do `work` now; what it gives, or raises, comes out when the returned function is
    called."""
    try:
        done = work()
    except SpecrepoError as error:
        failure = error

        def fail() -> _Found:
            raise failure

        return fail
    return lambda: done


def _spec_order(record: SpecRecord) -> tuple[str, Path]:
    return record.id, record.file


def _never_scanned(config: Config) -> tuple[SpecLocation, ...]:
    """Spec files, rendered pages and the site: their references are links, not tags."""
    out = config.render_out.strip("/")
    pages = SpecLocation("glob", "*.md" if out in ("", ".") else f"{escape_glob(out)}/*.md")
    site = config.site_out.strip("/")
    built = () if site in ("", ".") else (SpecLocation("glob", f"{escape_glob(site)}/**"),)
    return (*config.locations, pages, *built)


def _scan(config: Config, finder: ReferenceFinder, include: Sequence[str],
          exclude: Sequence[str] = ()) -> tuple[Tag, ...]:
    """The tags in the tracked files of `include` but not `exclude` (never spec files and
    rendered pages)."""
    lines = grep_tracked_files(config.root, finder.git_pattern(), include, exclude,
                               never=_never_scanned(config))
    return tags_of_lines(lines, finder)


def _touches(config: Config) -> dict[str, Touch]:
    """The tagging files' last commits (`last_touches`)."""
    return last_touches(config.root, (*config.trace.implementation, *config.trace.tests),
                        never=_never_scanned(config))


def _links_history(config: Config, history: History | None, records: Sequence[SpecRecord],
                   touches: Future[dict[str, Touch]]) -> TraceHistory | None:
    """What `history` (None: none to judge by) and the tagging files' last commits say about
    the links."""
    if history is None:
        return None
    return trace_history(history, records, touches.result(), config.workflow)


def _judged(config: Config, inputs: TraceInputs, finder: ReferenceFinder,
            found: TraceHistory) -> TraceMatrix:
    """The matrix, its links judged against history: built once to find the suspect links,
    and again with the item-level change of each requirement they point at."""
    matrix = build_trace_matrix(replace(inputs, history=found.links), finder)
    suspect = sorted(row.requirement.reference for row in matrix.requirements if row.suspect)
    if not suspect:
        return matrix
    items = items_around(config, config.root, [found.changed_items[target]
                                                for target in suspect])
    links = with_items(found.links, dict(zip(suspect, items, strict=True)))
    return build_trace_matrix(replace(inputs, history=links), finder)

"""What the site shows of trace's matrix: links to requirements, the suspect links of a set
of rows, each spec's rows and its coverage (the site's pages and `specs.json` read these)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from specrepo.base.anchors import item_anchor
from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.trace import STATES, RequirementTrace, Suspicion, TraceMatrix
from specrepo.site.text import natural_key


@dataclass(frozen=True)
class SuspectLink:
    """A link that became suspect: the requirement, what links to it (a tag's `file:line`,
    or the linking spec or item with `href` to it), and why."""

    row: RequirementTrace
    source: str
    spec_id: str | None
    """The linking spec of an item link (None: a tag)."""
    item_id: str | None
    suspicion: Suspicion


def item_links(page_href: Callable[[str], str | None],
               anchors: Mapping[str, frozenset[str]]) -> Callable[[str, str | None], str | None]:
    """(spec id, item id or None) -> the link to the item's row on its spec's page, when
    `anchors` (spec id -> the item anchors its page has) has it, else to the page; None
    for a spec without a page."""
    def link(spec_id: str, item_id: str | None) -> str | None:
        page = page_href(spec_id)
        anchor = item_anchor(item_id) if item_id is not None else None
        if page is None or anchor is None or anchor not in anchors.get(spec_id, ()):
            return page
        return f"{page}#{anchor}"
    return link


def matrix_rows(matrix: TraceMatrix) -> list[RequirementTrace]:
    """The matrix's rows by spec (numbers in ids by value), each spec's in its items' order."""
    return sorted(matrix.requirements,
                  key=lambda row: natural_key(row.requirement.reference.spec_id))


def rows_by_spec(matrix: TraceMatrix) -> dict[str, list[RequirementTrace]]:
    """spec id -> its rows, in its items' order."""
    found: defaultdict[str, list[RequirementTrace]] = defaultdict(list)
    for row in matrix.requirements:
        found[row.requirement.reference.spec_id].append(row)
    return dict(found)


def suspect_links(rows: Iterable[RequirementTrace]) -> list[SuspectLink]:
    """Every suspect link to `rows`, in their order: tags first (by file and line), then
    item links."""
    found: list[SuspectLink] = []
    for row in rows:
        found.extend(SuspectLink(row, f"{link.tag.file}:{link.tag.line}", None, None,
                                 link.suspect)
                     for link in (*row.implemented_by, *row.verified_by) if link.suspect)
        found.extend(SuspectLink(row, incoming.link.relation, incoming.link.source_spec,
                                 incoming.link.source_item, incoming.suspect)
                     for incoming in row.linked_from if incoming.suspect)
    return found


def state_counts(rows: Iterable[RequirementTrace]) -> dict[str, int]:
    """How many of `rows` are in each state, in the order of `STATES`, zeros included."""
    states = [row.state for row in rows]
    return {state: states.count(state) for state in STATES}


def summary_counts(rows: Iterable[RequirementTrace]) -> dict[str, int]:
    """The trace page's counts: how many of `rows` are in each state (`state_counts`),
    except `suspect`, how many have a suspect link whatever their state (an uncovered or
    failing one too), as `specrepo trace`'s summary and the coverage table count them
    (`PrioritySummary.with_suspect_link`, what `--fail-on suspect` judges)."""
    listed = list(rows)
    return {**state_counts(listed), "suspect": sum(row.suspect for row in listed)}


def coverage_entry(rows: Iterable[RequirementTrace] | None,
                   judged: bool = True) -> dict[str, Any] | None:
    """A spec's coverage in `specs.json`: how many requirements, how many covered, how many
    in each state, and how many have a suspect link whatever their state (what `--fail-on
    suspect` judges, `summary_counts`, as `trace --format json`'s `with_suspect_link`);
    both suspect counts None where links were not `judged` (a shallow clone); None when
    trace is not configured."""
    if rows is None:
        return None
    listed = list(rows)
    states: dict[str, int | None] = dict(state_counts(listed))
    if not judged:
        states["suspect"] = None
    return {"requirements": len(listed), "covered": sum(row.covered for row in listed),
            "states": states,
            "with_suspect_link": summary_counts(listed)["suspect"] if judged else None}


def spec_rows(by_spec: Mapping[str, list[RequirementTrace]] | None,
              spec_id: str) -> list[RequirementTrace] | None:
    """A spec's rows (none: an empty list), or None when trace is not configured."""
    return None if by_spec is None else by_spec.get(spec_id, [])

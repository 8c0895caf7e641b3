"""The site's HTML pages, each rendered from its template with what it shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, Final

from markupsafe import Markup

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.spec_record import names_somebody, person_name, shown_spellings
from specrepo.model.trace import RequirementTrace, TraceMatrix
from specrepo.site.data import SiteData, SiteSpec
from specrepo.site.event_order import commit_ranks
from specrepo.site.events import describe_change, describe_event
from specrepo.site.index_json import script_json
from specrepo.site.markdown import site_links
from specrepo.site.templates import environment
from specrepo.site.text import days_between, natural_key
from specrepo.site.timeline import describe_life, event_anchor, lay_out
from specrepo.site.timeline_svg import timeline_svg
from specrepo.site.trace_view import item_links, matrix_rows, summary_counts, suspect_links

CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
"""Only the site's own script and style sheet run or apply; nothing is fetched from
elsewhere; no `<base>` or form can send the reader away."""


@dataclass(frozen=True)
class Frame:
    """What every page shows around its content: the site's name, navigation and HEAD."""

    repository: str
    head: str | None
    head_time: int | None
    nav: tuple[tuple[str, str, str, int | None], ...]
    """(key, label, path, count or None) of each page the navigation links to."""
    repository_url: str | None = None
    """Where links to repository files lead (`SiteData.repository_url`)."""
    columns: frozenset[str] = frozenset({"authors", "reviewers", "questions"})
    """The optional fields the format has (`SiteData.columns`)."""
    shallow_boundary: tuple[str, ...] = ()
    """Where the history of a shallow clone starts (`SiteData.shallow_boundary`): every
    page says so."""


@dataclass(frozen=True)
class PeriodRow:
    """A status period in the table under the chart; `days` up to HEAD for the current one."""

    status: str
    since: int
    until: int | None
    days: float | None
    deleted: bool = False
    """A time the spec's file was deleted, between two periods (until it was restored)."""
    offset: int = 0
    """The offsets from UTC `since` and `until` are shown in (`data.StatusPeriod`)."""
    until_offset: int = 0


def frame_of(data: SiteData, open_questions: int) -> Frame:
    """The frame of every page of `data`'s site."""
    nav: list[tuple[str, str, str, int | None]] = [
        ("index", "Specs", "index.html", len(data.specs)),
        ("reviewers", "Reviewers", "reviewers.html", len(data.waiting)),
        *([("questions", "Questions", "questions.html", open_questions)]
          if "questions" in data.columns else []),
        ("stale", "Stale", "stale.html", len(data.stale)),
    ]
    if data.trace is not None:
        nav.append(("trace", "Trace", "trace.html", None))
    if data.integrity is not None:
        nav.append(("integrity", "Integrity", "integrity.html", problem_count(data)))
    return Frame(data.repository.strip() or "specs", data.head, data.head_time, tuple(nav),
                 data.repository_url, data.columns, data.shallow_boundary)


def problem_count(data: SiteData) -> int:
    """How many problems the integrity section lists: illegal status moves, changes after
    approval, unreadable versions, specs unreadable at HEAD and in the work tree, and a
    shallow clone's incomplete history."""
    integrity = data.integrity
    if integrity is None:
        return 0
    return (len(integrity.illegal_transitions) + len(integrity.changed_after_approval)
            + integrity.skipped_versions + len(integrity.unreadable_specs)
            + sum(note.unreadable for note in integrity.spec_notes) + bool(integrity.shallow))


def render(template: str, frame: Frame, current: str, title: str, root: str = "",
           **context: Any) -> bytes:
    """A page as UTF-8 bytes; `root` leads from the page's folder to the site's top."""
    text = environment().get_template(template).render(
        site=frame, current=current, title=title, root=root, csp=CONTENT_SECURITY_POLICY,
        **context)
    return text.encode("utf-8")


def page_links(pages: Mapping[str, str], root: str) -> Callable[[str], str | None]:
    """spec id -> the link to its page from a page `root` below the top (None: no page)."""
    def link(spec_id: str) -> str | None:
        page = pages.get(spec_id)
        if page is None:
            return None
        return page.removeprefix("specs/") if root else page
    return link


def index_page(frame: Frame, specs: tuple[SiteSpec, ...], entries: list[dict[str, Any]],
               pages: Mapping[str, str]) -> bytes:
    """`index.html`: every spec in a table, and the filters' data."""
    counts = Counter(spec.status for spec in specs)
    return render(
        "index.html", frame, "index", "Specs", specs=specs, page_href=page_links(pages, ""),
        counts=sorted(counts.items(), key=lambda pair: natural_key(pair[0])),
        authors=_names(name for spec in specs for name in spec.authors),
        reviewers=_names(reviewer.name for spec in specs for reviewer in spec.reviewers),
        index_json=script_json(entries))


def _names(people: Iterable[str]) -> list[str]:
    """The people of a filter's list, one entry per person (`person_key`: letter case and
    Unicode form aside), each in the spelling `shown_spellings` picks."""
    names = shown_spellings(person_name(person).strip() for person in people
                            if names_somebody(person))
    return sorted(names.values(), key=natural_key)


def spec_page(frame: Frame, spec: SiteSpec, pages: Mapping[str, str],
              trace: list[RequirementTrace] | None,
              spec_files: Mapping[str, str] | None = None,
              anchors: Mapping[str, frozenset[str]] | None = None) -> bytes:
    """`specs/<id>.html`: the spec, its life, changelog, history, and its rows of the trace
    matrix with their suspect links (None: trace is not configured), linked to the items
    of each spec's page in `anchors` (see `trace_page`); links of its content to other
    specs' pages, and to spec files (`spec_files`: path from the top of the work tree ->
    page, as `LinkBase.spec_pages`), to their pages."""
    now = frame.head_time
    numbered = list(enumerate(spec.events, start=1))
    changed = commit_ranks([[(change.commit, change.date) for change in spec.changelog]])
    content = site_links(spec.content_html, pages,
                         replace(spec.links, spec_pages=spec_files or {}))
    chart = lay_out(spec.periods, spec.events, now)
    life = describe_life(spec.periods, spec.events, now)
    page_href = page_links(pages, "../")
    return render(
        "spec.html", frame, "index", f"{spec.id}: {spec.title}", root="../", spec=spec,
        page_href=page_href, item_href=item_links(page_href, anchors or {}),
        content=Markup(content),
        timeline=None if chart is None else timeline_svg(chart, f"Life of {spec.id}", life),
        life=life,
        periods=period_rows(spec, now),
        questions=[(question, days_between(question.raised_at, now)
                    if question.raised_at is not None else None)
                   for question in spec.open_questions],
        # Newest first by the commit graph (history's order), not by date: a commit dated
        # before its parent (a skewed clock) still comes after it.
        changelog=[(change, describe_change(change)) for change in sorted(
            spec.changelog, key=lambda change: (-changed[change.commit],
                                                natural_key(change.item), change.kind))],
        events=[(event_anchor(index), event, describe_event(event))
                for index, event in reversed(numbered)],
        trace=trace,
        suspects=suspect_links(trace or ()),
        trace_with_spec=False)


def period_rows(spec: SiteSpec, now: int | None) -> list[PeriodRow]:
    """The rows of a spec's status periods table, oldest first, with a `deleted` row
    wherever its file was gone between two periods."""
    rows: list[PeriodRow] = []
    for index, period in enumerate(spec.periods):
        previous = spec.periods[index - 1] if index else None
        if previous is not None and previous.until is not None \
                and previous.until < period.since:
            rows.append(PeriodRow("deleted", previous.until, period.since,
                                  days_between(previous.until, period.since), True,
                                  previous.until_offset, period.offset))
        rows.append(PeriodRow(period.status, period.since, period.until,
                              days_between(period.since, now if period.until is None
                                           else period.until),
                              offset=period.offset, until_offset=period.until_offset))
    return rows


def integrity_page(frame: Frame, data: SiteData, specs: tuple[SiteSpec, ...],
                   pages: Mapping[str, str]) -> bytes:
    """`integrity.html`: what the report's integrity section says, each problem linked to
    its spec's page: illegal status moves (with the moves the workflow allows), changes
    after approval, versions that could not be read, specs unreadable at HEAD and in the
    work tree."""
    integrity = data.integrity
    assert integrity is not None
    by_id = _spec_lookup(specs)
    illegal = list(zip(integrity.illegal_transitions, data.illegal_problems, strict=True))
    return render("integrity.html", frame, "integrity", "Integrity",
                  page_href=page_links(pages, ""), integrity=integrity, illegal=illegal,
                  skipped=data.skipped, known=by_id,
                  unread=[note for note in integrity.spec_notes if note.unreadable])


def _spec_lookup(specs: tuple[SiteSpec, ...]) -> dict[str, SiteSpec]:
    return {spec.id: spec for spec in specs}


def reviewers_page(frame: Frame, data: SiteData, specs: tuple[SiteSpec, ...],
                   pages: Mapping[str, str]) -> bytes:
    """`reviewers.html`: who is waited on, and every wait, longest first."""
    by_id = _spec_lookup(specs)
    now = frame.head_time
    waits = sorted(((wait, by_id.get(wait.spec_id),
                     None if wait.since is None else days_between(wait.since, now))
                    for wait in data.waiting),  # undated waits last
                   key=lambda row: (row[0].since is None, row[0].since or 0,
                                    natural_key(row[0].reviewer),
                                    natural_key(row[0].spec_id)))
    loads: dict[str, list[float | None]] = {}
    for wait, _, days in waits:
        loads.setdefault(person_name(wait.reviewer), []).append(days)
    rows = sorted(((name, len(days), max((d for d in days if d is not None), default=None))
                   for name, days in loads.items()),
                  key=lambda row: (-(row[2] or 0.0), natural_key(row[0])))
    return render("reviewers.html", frame, "reviewers", "Reviewers",
                  page_href=page_links(pages, ""), loads=rows, waits=waits)


def questions_page(frame: Frame, specs: tuple[SiteSpec, ...],
                   pages: Mapping[str, str]) -> bytes:
    """`questions.html`: every open question, oldest first (unknown ages last)."""
    now = frame.head_time
    rows = sorted(
        ((spec, question, days_between(question.raised_at, now)
          if question.raised_at is not None else None)
         for spec in specs for question in spec.open_questions),
        key=lambda row: (row[1].raised_at is None, row[1].raised_at or 0,
                         natural_key(row[0].id), natural_key(row[1].id)))
    return render("questions.html", frame, "questions", "Open questions",
                  page_href=page_links(pages, ""), questions=rows)


def stale_page(frame: Frame, data: SiteData, specs: tuple[SiteSpec, ...],
               pages: Mapping[str, str]) -> bytes:
    """`stale.html`: specs idle for longer than their status allows, longest idle first."""
    by_id = _spec_lookup(specs)
    now = frame.head_time
    rows = []
    for entry in data.stale:
        spec = by_id.get(entry.spec_id)
        idle = days_between(spec.last_change, now) \
            if spec is not None and spec.last_change is not None else None
        rows.append((entry, spec, idle))
    rows.sort(key=lambda row: (-(row[2] or 0.0), natural_key(row[0].spec_id)))
    return render("stale.html", frame, "stale", "Stale specs",
                  page_href=page_links(pages, ""), stale=rows)


def trace_page(frame: Frame, matrix: TraceMatrix, pages: Mapping[str, str],
               anchors: Mapping[str, frozenset[str]]) -> bytes:
    """`trace.html`: the trace matrix, by spec and requirement: counts by state and by
    priority, every requirement, the suspect links and the dangling references. A
    requirement links to its row on its spec's page where `anchors` (spec id -> the item
    anchors of its page, `SiteSpec.anchors`) has it. The suspect count is of the
    requirements with a suspect link, as `specrepo trace`'s (`summary_counts`). Where
    links were not judged (a shallow clone), every suspect count says so, as `specrepo
    trace` does."""
    rows = matrix_rows(matrix)
    page_href = page_links(pages, "")
    return render("trace.html", frame, "trace", "Trace matrix",
                  page_href=page_href, item_href=item_links(page_href, anchors), trace=rows,
                  trace_with_spec=True, states=summary_counts(rows),
                  covered=sum(row.covered for row in rows), summary=matrix.summary,
                  suspects=suspect_links(rows), dangling=matrix.dangling,
                  not_judged=matrix.suspect_not_judged, covered_by=matrix.covered_by,
                  covered_as=matrix.covered_as, uncovered_because=matrix.uncovered_because,
                  verified=matrix.verified)

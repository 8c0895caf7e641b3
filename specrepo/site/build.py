"""Build the whole site from its data: every file's path and bytes, the same for the same data.

The site is a folder of static files with relative links only, so it works from `file://`
and on any static host:

    index.html            every spec in a table, filters and search (assets/site.js)
    specs/<id>.html       one page per spec: its text, its life as a chart, its changelog
                          (none drawn of a spec whose file cannot be read: an earlier
                          build's page of it is kept)
    reviewers.html        who is waited on
    questions.html        open questions (a format with questions: `fields: questions:`)
    stale.html            specs idle too long
    trace.html            the trace matrix (when traceability is configured)
    specs.json            the machine index (schemas/site-index.schema.json)
    feed.atom             the Atom feed of events
    assets/site.css       the style sheet (light and dark)
    assets/site.js        the filters, the only script

Every file starts with the site's marker (`marker.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from functools import partial
from pathlib import PurePosixPath
from typing import Final

from specrepo.base import inputs
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.errors import OutputError
from specrepo.base.file_names import names_a_file
from specrepo.base.parallel import map_in_order
from specrepo.site.data import SiteData, SiteSpec
from specrepo.site.feed import feed_file
from specrepo.site.index_json import index_document, index_file
from specrepo.site.marker import ASSET_FOLDER, SPEC_FOLDER, placed
from specrepo.site.pages import (
    frame_of,
    index_page,
    integrity_page,
    questions_page,
    reviewers_page,
    spec_page,
    stale_page,
    trace_page,
)
from specrepo.site.text import natural_key
from specrepo.site.trace_view import rows_by_spec, spec_rows

ASSETS: Final = ("site.css", "site.js")
PARALLEL_MIN_PAGES: Final = 200
"""From this many pages on (spec pages and the pages listing them), they are drawn in worker
processes too (one per other core): a spec page costs about a millisecond (its template
filled, its timeline drawn), so below it starting the workers costs more than they save."""


def page_path(spec_id: str) -> str | None:
    """The path of the page of the spec `spec_id` in the site, `specs/<id>.html`; None for
    an id that could name a file outside the folder (`../x`, `a/b`, a NUL): that spec is
    listed, unlinked. The one place pages are named (a build draws them there, `site` keeps
    an unreadable spec's page there)."""
    return f"{SPEC_FOLDER}/{spec_id}.html" if names_a_file(spec_id) else None


def page_paths(specs: tuple[SiteSpec, ...], kept: Collection[str] = ()) -> dict[str, str]:
    """spec id -> the path of its page (`page_path`), for every id that can name a file; for
    a spec whose file cannot be read (`SiteSpec.unreadable`: no page is drawn of it), only
    where an earlier build's page is `kept` (`SiteData.kept_pages`).

    Raises OutputError for the same id twice, or for two ids whose pages' names differ
    only in case (one would overwrite the other on most file systems).
    """
    paths: dict[str, str] = {}
    taken: dict[str, str] = {}
    for spec in specs:
        path = page_path(spec.id)
        if path is None or (spec.unreadable and path not in kept):
            continue
        other = taken.get(spec.id.casefold())
        if other is not None:
            same = "the same id twice" if other == spec.id else f"ids {other} and {spec.id}"
            raise OutputError(f"cannot build the site: {same} would need the same page "
                              f"{path}")
        taken[spec.id.casefold()] = spec.id
        paths[spec.id] = path
    return paths


def page_lookup(specs: tuple[SiteSpec, ...], pages: Mapping[str, str]) -> dict[str, str]:
    """Any id a spec with a page has had -> its page (`pages`: `page_paths`), for the
    pages that name specs by ids from history or the report, which may be older than the
    work tree's (a move before a renumbering, HEAD's id where the work tree renumbers):
    every spec's id now, then each of its `other_ids` that no spec has now and no other
    spec had (an id two specs had is ambiguous, and links nowhere)."""
    found = dict(pages)
    owners: dict[str, set[str]] = {}
    for spec in specs:
        if spec.id in pages:
            for other in spec.other_ids:
                owners.setdefault(other, set()).add(spec.id)
    found.update((other, pages[owner]) for other, (owner, *more) in owners.items()
                 if not more and other not in found)
    return found


def asset(name: str) -> bytes:
    """One of the site's static files, as the package ships it."""
    return inputs.reader.package_bytes("specrepo.site", "assets", name)


def build_site(data: SiteData) -> dict[str, bytes]:
    """Every file of the site: relative path (`/`-separated) -> content, sorted by path.

    Deterministic: the same data gives byte-identical files (nothing depends on the time
    of the build or on the order of the data's specs). Raises OutputError when two specs
    would need the same page.
    """
    return dict(sorted(site_files(data)))


def site_files(data: SiteData) -> Iterator[tuple[str, bytes]]:
    """Every file of the site as `build_site` gives them, each as soon as it is drawn: the
    assets, the pages listing every spec, then the spec pages by id (the caller can write
    each while the next are drawn). Raises OutputError, before giving any file, when two
    specs would need the same page."""
    specs = tuple(sorted(data.specs, key=lambda spec: (natural_key(spec.id), spec.id)))
    pages = page_paths(specs, data.kept_pages)
    linked = page_lookup(specs, pages)
    frame = frame_of(data, sum(len(spec.open_questions) for spec in specs))
    trace_by_spec = None if data.trace is None else rows_by_spec(data.trace)
    document = index_document(data, specs, pages, trace_by_spec)
    anchors = {spec.id: spec.anchors for spec in specs} if data.trace is not None else {}
    # Every spec page is in one folder: a link between two leads to the other's name.
    spec_files = {spec.source: PurePosixPath(pages[spec.id]).name for spec in specs
                  if spec.id in pages}
    # The pages listing every spec first: the index takes as long as a few hundred spec
    # pages, and is drawn while the other processes draw those.
    drawers: list[tuple[str, Callable[[], bytes]]] = [
        ("index.html", lambda: index_page(frame, specs, document["specs"], linked)),
        ("specs.json", lambda: index_file(document)),
        ("feed.atom", lambda: feed_file(data, specs, linked)),
        ("reviewers.html", lambda: reviewers_page(frame, data, specs, linked)),
        ("stale.html", lambda: stale_page(frame, data, specs, linked)),
    ]
    if "questions" in data.columns:  # a format with no questions has no page of them
        drawers.append(("questions.html", lambda: questions_page(frame, specs, linked)))
    if data.trace is not None:
        drawers.append(("trace.html", partial(trace_page, frame, data.trace, linked, anchors)))
    if data.integrity is not None:
        drawers.append(("integrity.html", partial(integrity_page, frame, data, specs, linked)))
    drawers.extend(
        (pages[spec.id], partial(spec_page, frame, spec, pages,
                                 spec_rows(trace_by_spec, spec.id), spec_files, anchors))
        for spec in specs if spec.id in pages and not spec.unreadable)
    yield from ((path, placed(path, asset(name)))
                for name in ASSETS for path in (f"{ASSET_FOLDER}/{name}",))
    # Drawing a page makes hundreds of small objects, none in a cycle.
    with cycle_collection_paused(promote=True):
        yield from ((name, placed(name, content)) for (name, _), content in zip(
            drawers, map_in_order(_draw, drawers, min_items=PARALLEL_MIN_PAGES,
                                  keeps_all=True), strict=True))


def _draw(drawer: tuple[str, Callable[[], bytes]]) -> bytes:
    """A file of the site, drawn by its drawer."""
    return drawer[1]()

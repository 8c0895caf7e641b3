"""Hostile text in every field of the data never becomes markup, script or reordered text."""

from __future__ import annotations

import json
from dataclasses import replace
from xml.etree import ElementTree

from specrepo.model.references import ItemReference
from specrepo.model.trace import Requirement, TraceMatrix
from specrepo.site.build import build_site
from specrepo.site.data import (
    ItemChange,
    SiteData,
    SpecEvent,
    SpecQuestion,
    SpecReviewer,
    StaleSpec,
    StatusPeriod,
    WaitingReview,
)
from specrepo.site.data import Requirement as SiteRequirement
from tests.site.html_support import elements, html_pages, parse_page, text_of
from tests.site.samples import HEAD_TIME, START, cache_spec, commit, page_content
from tests.site.trace_samples import Change, TraceSample, build_matrix

HOSTILE = ("\"'><script>alert(1)</script><img src=x onerror=alert(2)>"
           "</script><!-- -->\u202egnp.exe\u2066 & &amp; `x` [a](javascript:alert(3)) \x01\x7f")
UNSHOWABLE = "\u202e\u2066\x01\x7f"


def hostile_site() -> SiteData:
    event = SpecEvent(HOSTILE, commit(1), HOSTILE, START, HOSTILE, HOSTILE, HOSTILE)
    spec = replace(
        cache_spec(), title=HOSTILE, status=HOSTILE, authors=(HOSTILE,),
        reviewers=(SpecReviewer(HOSTILE, HOSTILE),), summary=HOSTILE,
        **page_content(f"# {HOSTILE}\n\n{HOSTILE}\n\n| {HOSTILE} |\n|---|\n| x |\n"),
        source=HOSTILE, open_questions=(SpecQuestion(HOSTILE, HOSTILE, HOSTILE, HOSTILE,
                                                     START),),
        requirements=(SiteRequirement(HOSTILE, HOSTILE),),
        periods=(StatusPeriod(HOSTILE, START),),
        events=(event, replace(event, kind="status-changed"), replace(event, kind="approved")),
        changelog=(ItemChange(HOSTILE, HOSTILE, commit(2), HOSTILE, START, HOSTILE),),
    )
    unsafe_id = replace(spec, id=HOSTILE)
    return SiteData(
        repository=HOSTILE, head=commit(3), head_time=HEAD_TIME, specs=(spec, unsafe_id),
        waiting=(WaitingReview(HOSTILE, spec.id, START), WaitingReview(HOSTILE, HOSTILE,
                                                                       START)),
        stale=(StaleSpec(spec.id, 1), StaleSpec(HOSTILE, 1)),
        trace=hostile_trace(spec.id),
    )


def hostile_trace(spec_id: str) -> TraceMatrix:
    """Hostile text wherever trace's matrix holds text: files, test names, priorities,
    statuses, the item before and after a change, ids of rows and links."""
    target = f"{spec_id}/FR-1"
    matrix = build_matrix(TraceSample(
        rows=[(spec_id, "FR-1", HOSTILE)], spec_status=HOSTILE,
        implementation=[(HOSTILE, 1, target), (HOSTILE, 2, f"{spec_id}/FR-9")],
        tests=[(HOSTILE, 3, target)],
        results=[(HOSTILE, "failed", target)],
        links=[(spec_id, "FR-2", target)],
        changes={target: Change(commit(4), START + 2, {"text": HOSTILE}, {HOSTILE: HOSTILE})},
        touched={HOSTILE: (commit(5), START + 1)},
        approved={spec_id: (commit(6), START + 1)}))
    [row] = matrix.requirements
    unsafe = replace(row, requirement=Requirement(ItemReference(HOSTILE, HOSTILE), HOSTILE,
                                                  HOSTILE))
    return replace(matrix, requirements=(row, unsafe))


def test_hostile_text_is_text_on_every_page() -> None:
    files = build_site(hostile_site())
    for path, content in html_pages(files).items():
        page = parse_page(content)  # strict: a broken attribute or tag would raise
        scripts = list(elements(page, "script"))
        assert (scripts[0].get("src") or "").endswith("assets/site.js"), path
        assert len(scripts) == (2 if path == "index.html" else 1), path
        assert not list(elements(page, "img")), path
        for element in page.iter():
            assert not [name for name in element.attrib if name.startswith("on")], path
            for value in element.attrib.values():
                assert not value.lower().startswith("javascript:"), path
        assert "<script>alert(1)</script>" in text_of(page), path
        assert not any(character in content.decode() for character in UNSHOWABLE), path


def test_the_index_data_survives_its_script_element_unchanged() -> None:
    files = build_site(hostile_site())
    page = parse_page(files["index.html"])
    [data] = [script for script in elements(page, "script")
              if script.get("type") == "application/json"]
    assert "</script" not in (data.text or "") and "<!--" not in (data.text or "")
    index = json.loads(files["specs.json"])
    assert json.loads(data.text or "") == index["specs"]
    assert index["specs"][0]["title"] == HOSTILE  # the machine index is faithful


def test_hostile_text_in_the_feed_is_text() -> None:
    feed = build_site(hostile_site())["feed.atom"]
    root = ElementTree.fromstring(feed)  # a well-formed XML document
    titles = [element.text or "" for element in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("<script>alert(1)</script>" in title for title in titles)
    assert not any(character in feed.decode() for character in UNSHOWABLE)

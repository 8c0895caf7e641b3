"""The whole site: every page, strict HTML, links that resolve, determinism, the marker."""

from __future__ import annotations

import posixpath
import random
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import pytest

from specrepo.base import parallel
from specrepo.base.errors import OutputError
from specrepo.site import build
from specrepo.site.build import build_site, page_paths
from specrepo.site.data import SiteData, SiteSpec, SpecReviewer, StatusPeriod
from specrepo.site.marker import is_site_file
from specrepo.site.pages import CONTENT_SECURITY_POLICY
from tests.site.html_support import elements, html_pages, parse_page, text_of
from tests.site.samples import HEAD_TIME, START, cache_spec, sample_site, spec, validate_spec

EXPECTED_FILES = [
    "assets/site.css", "assets/site.js", "feed.atom", "index.html", "integrity.html",
    "questions.html", "reviewers.html", "specs.json", "specs/SPEC-0001.html",
    "specs/SPEC-0002.html", "specs/SPEC-0010.html", "stale.html", "trace.html",
]


def test_the_site_has_every_page_and_nothing_else() -> None:
    assert list(build_site(sample_site())) == EXPECTED_FILES


def test_without_trace_there_is_no_trace_page_nor_trace_sections() -> None:
    files = build_site(sample_site(trace=None))
    assert "trace.html" not in files
    page = parse_page(files["specs/SPEC-0001.html"])
    assert not [section for section in elements(page, "section")
                if section.get("id") == "trace"]
    assert b"trace.html" not in files["index.html"]


@pytest.mark.parametrize("data", [sample_site(), sample_site(trace=None),
                                  SiteData("empty", None, None, ())],
                         ids=["sample", "no-trace", "empty"])
def test_every_page_parses_without_a_single_html_error(data: SiteData) -> None:
    for path, content in html_pages(build_site(data)).items():
        try:
            parse_page(content)
        except Exception as error:  # the page's path makes the failure readable
            raise AssertionError(f"{path}: {error}") from error


def test_same_data_gives_byte_identical_files_whatever_the_order_of_specs() -> None:
    data = sample_site()
    shuffled = list(data.specs)
    random.Random(3).shuffle(shuffled)
    assert build_site(data) == build_site(data)
    assert build_site(data) == build_site(replace(data, specs=tuple(reversed(shuffled))))


def test_nothing_depends_on_the_time_of_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    before = build_site(sample_site())
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    assert build_site(sample_site()) == before


def test_every_file_starts_with_the_sites_marker() -> None:
    for path, content in build_site(sample_site()).items():
        assert is_site_file(path, content[:200]), path


def _links(content: bytes) -> list[str]:
    """The page's links, but for those the spec's own text has (kept as written)."""
    page = parse_page(content)
    for section in elements(page, "section"):
        if section.get("id") == "spec":
            section.clear()
    found = [element.get("href") or "" for element in elements(page, "a")]
    found += [element.get("href") or "" for element in elements(page, "link")]
    found += [element.get("src") or "" for element in elements(page, "script")
              if element.get("src")]
    return [link for link in found if link]


def test_every_link_is_relative_and_leads_to_a_file_of_the_site_or_an_id_of_the_page() -> None:
    files = build_site(sample_site())
    ids = {path: {element.get("id") for element in parse_page(content).iter()}
           for path, content in html_pages(files).items()}
    for path, content in html_pages(files).items():
        for link in _links(content):
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), link
            target = (posixpath.normpath(posixpath.join(posixpath.dirname(path), parts.path))
                      if parts.path else path)
            assert target in files, f"{path}: {link} leads nowhere"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in ids[target], f"{path}: {link} has no target"


def test_every_page_forbids_inline_script_and_anything_from_elsewhere() -> None:
    for path, content in html_pages(build_site(sample_site())).items():
        page = parse_page(content)
        policies = [meta.get("content") for meta in elements(page, "meta")
                    if meta.get("http-equiv") == "Content-Security-Policy"]
        assert policies == [CONTENT_SECURITY_POLICY], path
        for script in elements(page, "script"):
            assert script.get("src", "").endswith("assets/site.js") \
                or script.get("type") == "application/json", path
        assert not list(elements(page, "style")), path
        for element in page.iter():
            assert not [name for name in element.attrib
                        if name.lower().startswith("on") or name.lower() == "style"], path
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY


def test_every_page_has_a_skip_link_landmarks_and_labelled_inputs() -> None:
    for path, content in html_pages(build_site(sample_site())).items():
        page = parse_page(content)
        assert page.get("lang") == "en"
        skip = next(elements(page, "a"))
        assert skip.get("href") == "#main", path
        assert [main.get("id") for main in elements(page, "main")] == ["main"], path
        assert list(elements(page, "header")) and list(elements(page, "nav")), path
        labelled = {label.get("for") for label in elements(page, "label")}
        for field in [*elements(page, "input"), *elements(page, "select")]:
            inside_label = field.get("type") == "checkbox"  # task lists: wrapped in a label
            assert inside_label or field.get("id") in labelled, f"{path}: {field.attrib}"
        for header in elements(page, "th"):
            assert header.get("scope") in ("col", "row"), f"{path}: {text_of(header)}"


def test_the_index_lists_every_spec_with_its_facts() -> None:
    page = parse_page(build_site(sample_site())["index.html"])
    rows = [row for row in elements(page, "tr") if row.get("data-id")]
    assert [row.get("data-id") for row in rows] == ["SPEC-0001", "SPEC-0002", "SPEC-0010"]
    first = [text_of(cell).strip() for cell in rows[0]]
    assert first == ["SPEC-0001", "Validate specs with errors that point at the line",
                     "Approved", "Ada Lovelace",
                     "Grace Hopper ✓ approved 2026-02-14, Linus Pauling", "2026-03-02", "1"]


def test_the_filters_are_hidden_until_the_script_shows_them() -> None:
    page = parse_page(build_site(sample_site())["index.html"])
    form = next(element for element in elements(page, "form"))
    assert form.get("id") == "filters" and form.get("hidden") is not None
    options = {select.get("id"): [option.get("value") for option in elements(select, "option")]
               for select in elements(page, "select")}
    assert options == {
        "filter-status": ["", "Approved", "In Review", "Parked"],
        "filter-author": ["", "Ada Lovelace", "Grace Hopper", "Linus Pauling"],
        "filter-reviewer": ["", "Ada Lovelace", "Grace Hopper", "Linus Pauling"],
    }


def test_the_filters_list_each_person_once_whatever_the_spelling() -> None:
    """NFC and NFD (macOS) spellings of one name, or its letter case, are one person, as
    the report counts them (`person_key`): listed once, as most specs write them."""
    nfc, nfd = "Jos\u00e9 Mart\u00ednez", "Jose\u0301 Marti\u0301nez"
    people = [(nfd,), (nfc, "JOS\u00c9 MART\u00cdNEZ <jm@example.com>"), (nfc,)]
    data = sample_site()
    data = replace(data, specs=tuple(
        replace(each, authors=names, reviewers=tuple(SpecReviewer(name) for name in names))
        for each, names in zip(data.specs, people, strict=True)))
    for order in (data.specs, data.specs[::-1]):
        page = parse_page(build_site(replace(data, specs=order))["index.html"])
        for select in elements(page, "select"):
            if select.get("id") in ("filter-author", "filter-reviewer"):
                assert [option.get("value") for option in elements(select, "option")] == \
                    ["", nfc]


def test_a_spec_page_draws_one_bar_per_period_and_tells_its_life_in_a_table() -> None:
    page = parse_page(build_site(sample_site())["specs/SPEC-0001.html"])
    svg = next(elements(page, "svg"))
    assert svg.get("role") == "img"
    assert [element.get("id") for element in svg if element.get("id")] == [
        "timeline-title", "timeline-desc"]
    bars = [rect for rect in elements(svg, "rect") if "bar" in (rect.get("class") or "")]
    assert len(bars) == len(validate_spec().periods)
    marks = list(elements(svg, "a"))
    assert len(marks) == len(validate_spec().events)
    assert all(mark.get("aria-label") for mark in marks)
    periods = next(element for element in elements(page, "details"))
    assert [text_of(row).split("2026")[0].strip() for row in elements(periods, "tr")][1:] == [
        "Draft", "In Review", "Draft", "In Review", "Approved"]


def test_a_spec_page_shows_its_text_changelog_trace_and_history() -> None:
    page = parse_page(build_site(sample_site())["specs/SPEC-0001.html"])
    sections = {section.get("id"): text_of(section) for section in elements(page, "section")}
    assert list(sections) == ["life", "spec", "questions", "changelog", "trace", "history"]
    assert "Executive Summary" in sections["spec"]
    assert "Technical Specification" not in sections["spec"]  # the title is the page's own
    assert sections["changelog"].index("FR-1] changed") < sections["changelog"].index(
        "FR-2] added")  # newest first
    assert "FR-2" in sections["trace"] and "SPEC-0002/FR-1 (depends_on)" in sections["trace"]
    assert "Status In Review → Approved" in sections["history"]
    assert "Should warnings fail CI?" in sections["questions"]


def test_links_between_specs_lead_to_their_pages() -> None:
    page = parse_page(build_site(sample_site())["specs/SPEC-0001.html"])
    hrefs = {text_of(link): link.get("href") for link in elements(page, "a")}
    assert hrefs["SPEC-0002"] == "SPEC-0002.html"
    assert hrefs["Unknown"] == "SPEC-9999.md"  # not a spec of the site: left as written


def test_the_overview_pages_list_waits_questions_and_stale_specs() -> None:
    files = build_site(sample_site())
    reviewers = text_of(parse_page(files["reviewers.html"]))
    assert "Ada Lovelace" in reviewers and "50 days" in reviewers
    questions = text_of(parse_page(files["questions.html"]))
    assert "Should warnings fail CI?" in questions and "70 days" in questions
    stale = text_of(parse_page(files["stale.html"]))
    assert "SPEC-0010" in stale and "30 days" in stale and "117 days" in stale


def test_ages_are_measured_to_heads_time() -> None:
    later = build_site(sample_site(head_time=HEAD_TIME + 10 * 86400))
    assert "80 days" in text_of(parse_page(later["questions.html"]))


def test_a_spec_without_history_has_no_chart_but_says_so() -> None:
    quiet = replace(cache_spec(), periods=(), events=())
    page = parse_page(build_site(sample_site(specs=(quiet,)))["specs/SPEC-0002.html"])
    assert not list(elements(page, "svg"))
    assert "No history yet" in text_of(page)


def test_an_id_that_cannot_name_a_file_is_listed_without_a_page() -> None:
    odd = replace(cache_spec(), id="../escape")
    files = build_site(sample_site(specs=(validate_spec(), odd), stale=(), waiting=()))
    assert not [path for path in files if "escape" in path]
    page = parse_page(files["index.html"])
    row = next(row for row in elements(page, "tr") if row.get("data-id") == "../escape")
    assert not list(elements(row, "a"))


@pytest.mark.parametrize("ids", [("SPEC-1", "spec-1"), ("SPEC-1", "SPEC-1")])
def test_two_specs_that_would_share_a_page_are_refused(ids: tuple[str, str]) -> None:
    specs = tuple(replace(cache_spec(), id=spec_id) for spec_id in ids)
    with pytest.raises(OutputError, match="same page specs/"):
        page_paths(specs)


def test_a_spec_that_cannot_be_read_is_listed_marked_and_its_kept_page_not_drawn() -> None:
    """No page is drawn of a spec whose file cannot be read (nothing to draw it from): the
    index links it to the page an earlier build drew where that is kept, named as every
    page is (`page_path`), else lists it unlinked."""
    unread = replace(cache_spec(), unreadable="cannot read the file: Permission denied")
    data = sample_site(specs=(validate_spec(), unread), stale=(), waiting=())
    page = build.page_path(unread.id)
    assert page is not None
    for kept in (frozenset(), frozenset({page})):
        files = build_site(replace(data, kept_pages=kept))
        assert page not in files
        row = next(row for row in elements(parse_page(files["index.html"]), "tr")
                   if row.get("data-id") == unread.id)
        assert [link.get("href") for link in elements(row, "a")] == ([page] if kept else [])
        assert "unreadable" in text_of(row)
    assert build.page_path("../escape") is None


def test_a_repository_without_commits_builds_a_site_that_says_so() -> None:
    unborn = spec("SPEC-0001", "New", "Draft", periods=(StatusPeriod("Draft", START),),
                  events=())
    data = SiteData("fresh", None, None, (unborn,))
    files = build_site(data)
    assert "a repository without commits" in text_of(parse_page(files["index.html"]))
    assert isinstance(files["feed.atom"], bytes)


def test_specs_are_ordered_with_numbers_by_value() -> None:
    specs = tuple(replace(cache_spec(), id=spec_id) for spec_id in ("SPEC-10", "SPEC-9",
                                                                    "SPEC-100", "SPEC-09"))
    data = SiteData("repo", None, HEAD_TIME, specs)
    page = parse_page(build_site(data)["index.html"])
    assert [row.get("data-id") for row in elements(page, "tr") if row.get("data-id")] == [
        "SPEC-09", "SPEC-9", "SPEC-10", "SPEC-100"]


def test_site_specs_are_plain_frozen_data() -> None:
    made = validate_spec()
    with pytest.raises(AttributeError):
        made.title = "changed"  # type: ignore[misc]
    assert isinstance(made, SiteSpec) and hash(made)


def _many_specs() -> SiteData:
    """The sample site with thirty more specs, each of its own text."""
    data = sample_site()
    more = tuple(replace(spec, id=f"SPEC-{number:04}", summary=f"Summary {number}.",
                         content_html=spec.content_html.replace(
                             spec.id, f"SPEC-{number:04}"))
                 for number, spec in zip(range(100, 130), data.specs * 10, strict=True))
    return replace(data, specs=data.specs + more)


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_pages_drawn_in_workers_are_those_drawn_here(monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[int] = []
    in_workers = parallel._in_workers

    def counted(*arguments: Any) -> Any:
        forked.append(1)
        return in_workers(*arguments)

    monkeypatch.setattr(build, "PARALLEL_MIN_PAGES", 2)
    monkeypatch.setattr(parallel, "_in_workers", counted)
    data = _many_specs()
    runs = {}
    for cores in (2, 1):
        monkeypatch.setattr(parallel, "usable_cores", lambda cores=cores: cores)
        runs[cores] = build_site(data)
    assert len(forked) == 1  # the build with two cores, not the one with one
    assert runs[2] == runs[1]

"""The trace matrix on the site: `trace.html` (every requirement, its state, what implements
and verifies it, what links to it, suspect links, dangling references, coverage) and each
spec page's own rows; links lead to spec pages and their items, code is text."""

from __future__ import annotations

import json
from xml.etree.ElementTree import Element

from specrepo.site.build import build_site
from tests.site.html_support import elements, parse_page, text_of
from tests.site.samples import sample_site


def section(page: Element, section_id: str) -> Element:
    [found] = [element for element in elements(page, "section")
               if element.get("id") == section_id]
    return found


def table_rows(container: Element, table_class: str) -> list[list[str]]:
    """The body rows of the table of that class, each cell's text."""
    [table] = [table for table in elements(container, "table")
               if table_class in (table.get("class") or "").split()]
    [body] = elements(table, "tbody")
    return [[" ".join(" ".join(cell.itertext()).split()) for cell in row
             if cell.tag in ("td", "th")] for row in elements(body, "tr")]


def test_the_trace_page_lists_every_requirement_with_its_state_and_links() -> None:
    page = parse_page(build_site(sample_site())["trace.html"])
    assert table_rows(page, "trace") == [
        ["SPEC-0001", "FR-1", "P0", "covered", "specrepo/yaml_loader.py:12",
         "tests/test_yaml_loader.py:8 test_lines passed", "none"],
        ["SPEC-0001", "FR-2", "P1", "suspect", "specrepo/yaml_loader.py:80 suspect",
         "tests/test_yaml_loader.py:20", "SPEC-0002/FR-1 (depends_on) suspect"],
        ["SPEC-0002", "FR-1", "P0", "failing", "specrepo/cache.py:3",
         "test_cache_hits failed", "none"],
        ["SPEC-0003", "FR-1", "", "uncovered", "none", "none", "none"],
    ]
    [states] = [element for element in elements(page, "ul")
                if element.get("class") == "status-counts"]
    counts = [" ".join(text_of(item).split()) for item in elements(states, "li")]
    assert counts == ["failing 1", "uncovered 1", "unverified 0", "suspect 1",
                      "covered 1"]
    assert ("4 requirements: 3 implemented and covered (75%); uncovered: 1 not implemented,"
            " 1 not tested; 1 dangling reference.") in text_of(page)


def test_the_trace_page_links_to_spec_pages_and_item_anchors_never_to_code() -> None:
    files = build_site(sample_site())
    page = parse_page(files["trace.html"])
    [requirements] = [table for table in elements(page, "table")
                      if table.get("class") == "trace"]
    targets = [link.get("href") for link in elements(requirements, "a")]
    assert targets == [
        "specs/SPEC-0001.html", "specs/SPEC-0001.html#fr-1",
        "specs/SPEC-0001.html", "specs/SPEC-0001.html#fr-2", "specs/SPEC-0002.html#fr-1",
        "specs/SPEC-0002.html", "specs/SPEC-0002.html#fr-1",
    ]  # SPEC-0003 has no page: its row names it without a link; code is never a link
    for target in targets:
        path, _, anchor = (target or "").partition("#")
        ids = {element.get("id") for element in parse_page(files[path]).iter()}
        assert not anchor or anchor in ids, target


def test_the_trace_page_explains_suspect_links_and_lists_dangling_references() -> None:
    page = parse_page(build_site(sample_site())["trace.html"])
    suspects = table_rows(section(page, "suspect"), "suspects")
    assert [row[:2] for row in suspects] == [
        ["SPEC-0001/FR-2", "specrepo/yaml_loader.py:80"],
        ["SPEC-0001/FR-2", "SPEC-0002/FR-1 (depends_on)"]]
    assert suspects[0][2].startswith("af3e133") and suspects[0][2].endswith("2026-02-10")
    assert suspects[0][4] == 'description: "Report keys." -> "Report duplicate keys."'
    assert table_rows(section(page, "dangling"), "dangling") == [
        ["src/hash.rs:1:3", "implementation", "SPEC-0001/FR-9 names no item FR-9 of SPEC-0001"]]
    coverage = table_rows(page, "coverage")
    assert coverage == [["P0", "2", "2", "100%", "1", "0", "0", "0"],
                        ["P1", "1", "1", "100%", "0", "0", "0", "1"],
                        ["none", "1", "0", "0%", "0", "1", "0", "0"]]


def test_a_spec_page_shows_its_own_rows_and_their_suspect_links() -> None:
    files = build_site(sample_site())
    page = parse_page(files["specs/SPEC-0001.html"])
    trace = section(page, "trace")
    assert table_rows(trace, "trace") == [
        ["FR-1", "P0", "covered", "specrepo/yaml_loader.py:12",
         "tests/test_yaml_loader.py:8 test_lines passed", "none"],
        ["FR-2", "P1", "suspect", "specrepo/yaml_loader.py:80 suspect",
         "tests/test_yaml_loader.py:20", "SPEC-0002/FR-1 (depends_on) suspect"],
    ]
    assert [link.get("href") for link in elements(trace, "a")] == [
        "SPEC-0001.html#fr-1", "SPEC-0001.html#fr-2", "SPEC-0002.html#fr-1",
        "SPEC-0001.html#fr-2", "SPEC-0001.html#fr-2", "SPEC-0002.html#fr-1"]
    assert len(table_rows(trace, "suspects")) == 2
    other = section(parse_page(files["specs/SPEC-0010.html"]), "trace")
    assert "This spec has no requirement to trace." in text_of(other)


def test_specs_json_gives_each_spec_its_coverage_or_null_without_trace() -> None:
    index = json.loads(build_site(sample_site())["specs.json"])
    assert {spec["id"]: spec["trace"] for spec in index["specs"]} == {
        "SPEC-0001": {"requirements": 2, "covered": 2,
                      "states": {"failing": 0, "uncovered": 0, "unverified": 0,
                                 "suspect": 1, "covered": 1}, "with_suspect_link": 1},
        "SPEC-0002": {"requirements": 1, "covered": 1,
                      "states": {"failing": 1, "uncovered": 0, "unverified": 0,
                                 "suspect": 0, "covered": 0}, "with_suspect_link": 0},
        "SPEC-0010": {"requirements": 0, "covered": 0,
                      "states": {"failing": 0, "uncovered": 0, "unverified": 0,
                                 "suspect": 0, "covered": 0}, "with_suspect_link": 0},
    }
    untraced = json.loads(build_site(sample_site(trace=None))["specs.json"])
    assert [spec["trace"] for spec in untraced["specs"]] == [None, None, None]

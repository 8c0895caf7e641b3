"""Markdown bodies: the outline's headings and sections, read by CommonMark, at file lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.front_matter import load_front_matter
from specrepo.load.markdown_body import (
    Heading,
    MarkdownBody,
    _headings,
    _parser,
    _shown_text,
    body_sections,
    heading_key,
    parse_body,
    parse_heading,
    shown_heading,
)
from tests.support import fuzz

DATA = Path(__file__).parent / "data"


def outline(text: str, first_line: int = 1) -> list[tuple[int, str, int]]:
    return [(heading.level, heading.text, heading.line)
            for heading in parse_body(text, first_line).headings]


def sample_body(name: str) -> MarkdownBody:
    spec = load_front_matter((DATA / name).read_bytes())
    return parse_body(spec.body, spec.body_line)


# -- headings -----------------------------------------------------------------------------

def test_atx_and_setext_headings_count_at_their_file_lines() -> None:
    text = "# Title\n\nSetext one\n==========\n\nSetext\ntwo lines\n---\n\n###### Six ###\n"
    assert outline(text, 10) == [(1, "Title", 10), (1, "Setext one", 12),
                                 (2, "Setext two lines", 15), (6, "Six", 19)]


@pytest.mark.parametrize(
    "text",
    [
        "```\n## Fenced\n```\n",
        "~~~markdown\n## Fenced\n~~~\n",
        "````\n```\n## Still fenced\n```\n````\n",
        "    ## Indented code\n",
        "<details>\n## In an HTML block\n</details>\n",
        "> ## In a block quote\n",
        "- item\n\n  ## In a list item\n",
        "1. one\n   - nested\n\n     ## In a nested list\n",
        "| a |\n| --- |\n| ## in a cell |\n",
        "<!--\n## In a comment\n-->\n",
        "#Not a heading (no space)\n",
        "\\## Escaped\n",
    ],
)
def test_headings_in_code_html_lists_quotes_and_tables_do_not_count(text: str) -> None:
    assert outline(text) == []


def test_a_dashes_line_under_a_paragraph_is_a_setext_heading_after_a_blank_line_a_break() -> None:
    assert outline("key: value\n---\n\nkey: value\n\n---\n") == [(2, "key: value", 1)]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("## **Summary**", "Summary"),
        ("## *Open* `Questions`", "Open Questions"),
        ("## [Summary](#summary)", "Summary"),
        ("## Summary <a name='s'></a>", "Summary"),
        ("## Summary <!-- keep -->", "Summary"),
        ("##   Lots    of   space  ##", "Lots of space"),
        ("## Q&amp;A \\*", "Q&A *"),
        ("## ![logo](x.png) Summary", "logo Summary"),
        ("## Open Questions [optional]", "Open Questions [optional]"),
        ("## Dev Preview -> Tech Preview", "Dev Preview -> Tech Preview"),
    ],
)
def test_a_heading_shows_its_text_without_inline_markup(written: str, shown: str) -> None:
    [(_, text, _)] = outline(written + "\n")
    assert text == shown


def test_line_breaks_crlf_and_cr_place_headings_like_lf() -> None:
    text = "Intro\n\n## A\n\ntext\n\nB\n---\n"
    for ending in ("\r\n", "\r"):
        body = parse_body(text.replace("\n", ending), 5)
        assert body.headings == parse_body(text, 5).headings
        assert body.lines == parse_body(text, 5).lines


def test_heading_keys_ignore_case_and_whitespace() -> None:
    assert heading_key("Non-Goals") == heading_key("  non-goals ") == heading_key("NON-GOALS")
    assert heading_key("Test  Plan") == heading_key("test plan")
    assert heading_key("S\u00e9curit\u00e9") == heading_key("Se\u0301curite\u0301") \
        == heading_key("S\u00e9cu\u200brit\u00e9 [optional]")  # trial43 nfd-heading-*
    # OpenShift's mark of an optional section is a note, not part of the name.
    assert heading_key("Open Questions [optional]") == heading_key("Open Questions")
    assert heading_key("[optional]") == "[optional]"
    assert heading_key("See [RFC 1] [draft]") == "see [rfc 1]"
    assert Heading(2, "Summary", 1).shown == "## Summary"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("## Summary", Heading(2, "Summary", 1)),
        ("# Title", Heading(1, "Title", 1)),
        ("### **Goals**", Heading(3, "Goals", 1)),
        ("###### Six", Heading(6, "Six", 1)),
        ("Summary", None),
        ("####### Seven", None),
        ("##", None),
        ("## \u200b\u2060", None),  # a heading that shows nothing has no text (`is_blank`)
        ("## \u200bGoals", Heading(2, "\u200bGoals", 1)),
        ("##Summary", None),
        ("## A\n\ntext", None),
        ("Title\n=====", None),
        ("- ## In a list", None),
        ("", None),
    ],
)
def test_parse_heading_reads_one_atx_heading_line(text: str, expected: Heading | None) -> None:
    assert parse_heading(text) == expected


def test_the_samples_outlines_are_their_headings_outside_code() -> None:
    body = sample_body("openshift-dns-over-tls.md")
    assert body.first_line == 22
    # Its code blocks hold no `#` line: every line starting with `#` is a heading.
    lines = (DATA / "openshift-dns-over-tls.md").read_text().splitlines()
    assert [(heading.level, heading.text, heading.line) for heading in body.headings] == [
        (len(line) - len(line.lstrip("#")), line.lstrip("# "), number)
        for number, line in enumerate(lines, 1) if line.startswith("#")]
    assert Heading(4, "Hypershift / Hosted Control Planes", 94) in body.headings
    pinned = sample_body("openshift-pinned-images.md")
    assert pinned.headings[0] == Heading(1, "Pinned Images for Disconnected Upgrades", 22)
    madr = sample_body("madr-front-matter-for-metadata.md")
    # The fenced example's `## Context and Problem Statement` is code, not a heading.
    assert [heading.text for heading in madr.headings].count(
        "Context and Problem Statement") == 1


# -- sections -----------------------------------------------------------------------------

def sections(text: str, first_line: int = 1) -> list[tuple[str, int, str]]:
    return [(section.label, section.line, section.text)
            for section in body_sections(parse_body(text, first_line))]


def test_sections_are_named_by_their_heading_path_and_hold_their_own_text() -> None:
    text = ("# Title\n\nIntro.\n\n## Proposal\n\nWhat.\n\n### Design Details\n\nHow.\n\n\n"
            "#### Deep\n\nDeeper.\n\n## Test Plan\n\nTests.\n")
    assert sections(text, 4) == [
        ("(introduction)", 4, "# Title\n\nIntro."),
        ("Proposal", 8, "## Proposal\n\nWhat."),
        ("Proposal > Design Details", 12, "### Design Details\n\nHow."),
        ("Proposal > Design Details > Deep", 17, "#### Deep\n\nDeeper."),
        ("Test Plan", 21, "## Test Plan\n\nTests."),
    ]


def test_several_level_one_headings_are_all_sections() -> None:
    assert [label for label, _, _ in sections("# A\n\n## B\n\n# C\n")] == [
        "(introduction)", "A", "A > B", "C"]


def test_a_heading_that_skips_levels_still_nests_under_the_one_above() -> None:
    assert [label for label, _, _ in sections("## A\n\n#### B\n\n### C\n\n## D\n")] == [
        "(introduction)", "A", "A > B", "A > C", "D"]


def test_repeated_paths_are_numbered_so_that_each_is_unique() -> None:
    text = "## Option\n\na\n\n### Pros\n\n## Option\n\nb\n\n### Pros\n\n## Option (2)\n"
    assert [label for label, _, _ in sections(text)] == [
        "(introduction)", "Option", "Option > Pros", "Option (2)", "Option (2) > Pros",
        "Option (2) (2)"]


def test_paths_that_read_the_same_are_numbered_too() -> None:
    """Paths are told apart as headings are compared (`heading_key`): `## NOTES` after
    `## Notes`, or `## Sécurité` typed composed then decomposed, are numbered, so no two
    sections show one label and one section's key finds both (trial43)."""
    text = "## Notes\n\n## NOTES\n\n## S\u00e9curit\u00e9\n\n## Se\u0301curite\u0301\n"
    assert [label for label, _, _ in sections(text)] == [
        "(introduction)", "Notes", "NOTES (2)", "S\u00e9curit\u00e9",
        "Se\u0301curite\u0301 (2)"]


def test_headings_in_code_lists_and_quotes_stay_in_the_text_of_their_section() -> None:
    text = "## A\n\n```\n## not a section\n```\n\n- item\n\n  ## nor this\n\n> ## nor this\n"
    [_, (label, _, section_text)] = sections(text)
    assert label == "A"
    assert section_text == text.rstrip("\n")


def test_crlf_and_lf_bodies_have_the_same_sections() -> None:
    text = "# T\n\nIntro\n\n## A  \n\nText\n\n"
    assert sections(text.replace("\n", "\r\n")) == sections(text)


def test_an_empty_body_has_an_empty_introduction() -> None:
    assert sections("", 7) == [("(introduction)", 7, "")]
    assert parse_body("", 7).last_line == 6
    assert parse_body("", 1).last_line == 1


def test_the_samples_sections_cover_their_bodies() -> None:
    body = sample_body("openshift-pinned-images.md")
    labels = [section.label for section in body_sections(body)]
    assert labels[:3] == ["(introduction)", "Release Signoff Checklist", "Summary"]
    assert "Design Details > Graduation Criteria > Tech Preview -> GA" in labels
    assert "Proposal > User Stories" in labels


# -- properties ---------------------------------------------------------------------------

markdown = st.lists(st.sampled_from(
    ["", "# A", "## B", "### C", "#### D", "## B", "text", "===", "---", "```", "~~~",
     "    code", "- item", "  ## nested", "> ## quoted", "| a |", "| --- |", "<div>",
     "\t## tab", "## *em*", "\\", "é", "\x00"]), max_size=25)


@fuzz(300)
@given(markdown, st.sampled_from(["\n", "\r\n", "\r"]), st.integers(1, 50))
def test_sections_partition_the_body_and_headings_stay_inside_it(
        lines: list[str], ending: str, first_line: int) -> None:
    body = parse_body(ending.join(lines), first_line)
    assert all(first_line <= heading.line <= body.last_line for heading in body.headings)
    assert [heading.line for heading in body.headings] == sorted(
        heading.line for heading in body.headings)
    found = body_sections(body)
    assert len({section.path for section in found}) == len(found)
    assert [section.line for section in found][1:] == [
        heading.line for heading in body.headings][len(body.headings) - len(found) + 1:]
    rebuilt = "\n".join(section.text for section in found if section.text)
    assert rebuilt.split() == "\n".join(body.lines).split()


@fuzz(300)
@given(st.text(max_size=300))
def test_any_text_parses(text: str) -> None:
    body = parse_body(text, 3)
    body_sections(body)
    parse_heading(text)


# U+0000 never reaches a heading: the block parser has made it U+FFFD already.
@given(st.text(alphabet=st.characters(blacklist_characters="\\`*_[]!<&\r\n\x00"),
               max_size=60))
@fuzz(300)
def test_a_heading_without_inline_markup_shows_what_the_inline_parser_shows(
        content: str) -> None:
    parsed = " ".join(_shown_text(_parser("inline").parseInline(content, {})).split())
    assert shown_heading(content) == parsed


@fuzz(300)
@given(markdown)
def test_without_a_pipe_the_table_rule_changes_no_heading(lines: list[str]) -> None:
    text = "\n".join(line for line in lines if "|" not in line)
    with_tables = _parser("blocks").parse(text, {})
    assert parse_body(text).headings == tuple(_headings(with_tables, {}, 1))

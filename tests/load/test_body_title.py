"""A Markdown body's title: the level-1 heading that opens its outline, read by CommonMark."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.document import Position
from specrepo.load.front_matter import load_front_matter
from specrepo.load.markdown_body import BodyTitle, body_title, parse_body
from specrepo.load.spec_files import load_spec_content
from tests.support import fuzz

DATA = Path(__file__).parent / "data"


def title(text: str, first_line: int = 1) -> BodyTitle | None:
    return body_title(parse_body(text, first_line))


@pytest.mark.parametrize(("name", "expected"), [
    ("madr-postgres-job-queue.md", BodyTitle("Use PostgreSQL as the job queue",
                                            Position(8, 1))),
    ("madr-front-matter-for-metadata.md",
     BodyTitle("Keep decision metadata in YAML front matter", Position(8, 1))),
    ("openshift-dns-over-tls.md", BodyTitle("DNS over TLS for Upstream Resolvers",
                                           Position(23, 1))),
])
def test_real_records_give_the_title_of_their_heading_at_its_file_line(
        name: str, expected: BodyTitle) -> None:
    spec = load_front_matter((DATA / name).read_bytes())
    assert title(spec.body, spec.body_line) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("# Use *Postgres*\n\n## Context\n", "Use Postgres"),
    ("# Use `jsonb` for [events](https://example.com)\n", "Use jsonb for events"),
    ("# KEP-1234: Sidecar containers\n", "KEP-1234: Sidecar containers"),
    ("# Title with a trailing hash ##\n", "Title with a trailing hash"),
    ("Setext title\n============\n\n## Summary\n", "Setext title"),
    ("Setext over\ntwo lines\n===\n", "Setext over two lines"),
    ("<!-- toc -->\n- [Summary](#summary)\n<!-- /toc -->\n\n# After a table of contents\n",
     "After a table of contents"),
    ("- Feature Name: `x`\n\n# Only heading\n\ntext\n", "Only heading"),
    ("# Escapes \\*kept\\* &amp; entities\n", "Escapes *kept* & entities"),
    ("#   Runs   of   spaces\n", "Runs of spaces"),
])
def test_the_title_is_the_text_the_heading_shows(text: str, expected: str) -> None:
    found = title(text)
    assert found is not None
    assert found.text == expected


@pytest.mark.parametrize("text", [
    "",
    "Just a paragraph.\n",
    "## Context and Problem Statement\n\n# Late title\n",  # the title opens the outline
    "# Summary\n\ntext\n\n# Motivation\n\ntext\n",  # Rust RFCs: level-1 sections, no title
    "#\n\n## Context\n",  # a heading with no text
    "```markdown\n# In a fence\n```\n",
    "~~~\n# In a tilde fence\n~~~\n",
    "    # Indented code\n",
    "<details>\n# In an HTML block\n</details>\n",
    "<!--\n# In a comment\n-->\n",
    "> # In a block quote\n",
    "- # In a list item\n",
    "#NoSpace is a paragraph\n",
])
def test_no_title_where_no_lone_level_one_heading_opens_the_outline(text: str) -> None:
    assert title(text) is None


def test_a_fenced_heading_before_the_real_one_does_not_count() -> None:
    text = "```\n# Example\n```\n\n# The real title\n"
    assert title(text, 9) == BodyTitle("The real title", Position(13, 1))


def test_an_indented_heading_stands_at_its_hash_and_crlf_counts_lines_as_lf() -> None:
    assert title("\r\n  # Indented\r\n", 4) == BodyTitle("Indented", Position(5, 3))


def test_spec_content_gives_the_title_of_a_markdown_spec_only() -> None:
    markdown = load_spec_content(b"---\nid: A-1\n---\n# Hello *world*\n", front_matter=True)
    assert markdown.body_title == BodyTitle("Hello world", Position(4, 1))
    assert load_spec_content(b"id: A-1\n# comment\n").body_title is None


lines = st.lists(st.sampled_from(
    ["", "# A", "# B *c*", "## B", "text", "===", "---", "```", "~~~", "    # code",
     "- item", "> # quoted", "<div>", "</div>", "<!--", "-->", "\t# tab", "#", "\\", "\x00"]),
    max_size=20)


@fuzz(300)
@given(st.text(max_size=300), st.integers(1, 40))
def test_any_text_gives_a_title_or_none_without_raising(text: str, first_line: int) -> None:
    found = title(text, first_line)
    if found is not None:
        assert found.text == found.text.strip() != ""
        assert first_line <= found.position.line


@fuzz(300)
@given(lines, st.sampled_from(["```", "~~~", "<!--", "<details>"]))
def test_a_heading_inside_a_fence_or_html_block_is_never_the_title(
        before: list[str], opening: str) -> None:
    closing = {"```": "```", "~~~": "~~~", "<!--": "-->", "<details>": "</details>"}[opening]
    text = "\n".join(["", opening, "# Hidden", closing, "", *before])
    found = title(text)
    assert found is None or found.text != "Hidden"

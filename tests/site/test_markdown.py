"""Markdown to HTML: GFM tables and task lists, and nothing of the spec's own becomes markup."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_core import inline as markdown_it_inline

from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.load.spec_markdown import TERMINATOR, SpecMarkdown
from specrepo.site.markdown import _parser, convert_markdown, site_links, summary_text
from tests.site.html_support import elements, parse_fragment, text_of
from tests.support import fuzz

ALLOWED_TAGS = {
    "DOCUMENT_FRAGMENT", "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code",
    "pre", "ul", "ol", "li", "blockquote", "hr", "br", "div", "table", "thead", "tbody", "tr",
    "th", "td", "s", "label", "input", "sup", "section",
}


def markdown_to_html(markdown: str, pages: Collection[str] = (),
                     links: LinkBase = NO_REBASE) -> str:
    """A Markdown page as the site shows it: converted, its links pointed at their targets."""
    return site_links(convert_markdown(markdown), pages, links)


def page_of(markdown: str, **options: object) -> str:
    return markdown_to_html(markdown, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
    "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=",
    "data:image/png;base64,AAAA", "file:///etc/passwd", "jav&#x61;script:alert(1)",
    "&#106;avascript:alert(1)",
])
def test_links_to_script_data_and_other_schemes_are_refused(url: str) -> None:
    html = page_of(f"[click]({url}) and ![picture]({url}) and <{url}> and [ref]\n\n"
                   f"[ref]: {url}\n")
    assert "<a" not in html and "href" not in html
    assert "[click](" in html  # the Markdown stays, as text


@pytest.mark.parametrize("url", ["https://example.com/a?b=1", "http://example.com",
                                 "mailto:ada@example.com", "#goals", "SPEC-0002.md",
                                 "../docs/guide.md", "folder/page.html"])
def test_web_mail_fragment_and_relative_links_are_kept(url: str) -> None:
    document = parse_fragment(page_of(f"[there]({url})"))
    assert [link.get("href") for link in elements(document, "a")] == [url]


def test_validate_link_is_an_allowlist_of_schemes() -> None:
    parser = SpecMarkdown()
    assert parser.validateLink("https://example.com")
    assert parser.validateLink("relative/path.md")
    assert parser.validateLink("#fragment")
    assert not parser.validateLink("javascript:alert(1)")
    assert not parser.validateLink("DATA:image/png;base64,AAAA")
    assert not parser.validateLink("vbscript:x")
    assert not parser.validateLink("ftp://example.com")


def test_raw_html_is_shown_as_text() -> None:
    html = page_of("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and "
                   "<a href='javascript:x'>a</a> <!-- comment -->")
    document = parse_fragment(html)
    assert {element.tag for element in document.iter()} <= {"DOCUMENT_FRAGMENT", "p"}
    assert "<script>alert(1)</script>" in text_of(document)
    assert "onerror=alert(1)" in text_of(document)


@pytest.mark.parametrize(("markdown", "html"), [
    # MADR's template (trial27b B6), KEP's table of contents, instructions over lines
    ("## Context\n\n<!-- This is an optional element. Feel free to remove. -->\n\nWhy.\n",
     '<h2 id="context">Context</h2>\n<p>Why.</p>\n'),
    ("<!-- toc -->\n- [Goals](#goals)\n<!-- /toc -->\n",
     '<ul>\n<li><a href="#goals">Goals</a></li>\n</ul>\n'),
    ("Text\n<!--\nWhat to write here.\n\nAnd here.\n-->\nMore.\n",
     "<p>Text</p>\n<p>More.</p>\n"),
    ("- one\n  <!-- a note -->\n- two\n", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"),
    ("> <!-- q -->\n> quoted\n", "<blockquote>\n<p>quoted</p>\n</blockquote>\n"),
    # inside a paragraph, in a link's text; the shortest forms (CommonMark 0.31)
    ("A <!-- hidden --> b [c <!-- d --> e](https://x.org)\n",
     '<p>A  b <a href="https://x.org">c  e</a></p>\n'),
    ("<!---->x<!-->y<!--->z\n", "<p>xyz</p>\n"),
    # a comment line with other text: the text stays
    ("<!-- a --> b **c**\n", "<p> b <strong>c</strong></p>\n"),
    # code keeps it; an unclosed `<!--` is text
    ("`<!-- x -->`\n\n    <!-- y -->\n", "<p><code>&lt;!-- x --&gt;</code></p>\n"
     "<pre><code>&lt;!-- y --&gt;\n</code></pre>\n"),
    ("<!-- never closed\n\nText\n", "<p>&lt;!-- never closed</p>\n<p>Text</p>\n"),
])
def test_html_comments_are_left_out(markdown: str, html: str) -> None:
    assert page_of(markdown) == html


def test_a_run_of_unclosed_comments_stays_text() -> None:
    assert page_of("<!-- " * 3 + "a -- > b") == \
        "<p>" + "&lt;!-- " * 3 + "a -- &gt; b</p>\n"


def test_images_are_never_loaded_but_linked() -> None:
    document = parse_fragment(page_of("![A *diagram*](https://example.com/d.png)"))
    assert not list(elements(document, "img"))
    [link] = elements(document, "a")
    assert link.get("href") == "https://example.com/d.png"
    assert text_of(link) == "Image: A diagram"


def test_gfm_footnotes_are_shown_at_the_end_as_github_shows_them() -> None:
    """trial29a L1: `[^scope]: …` was shown as a paragraph of plain text."""
    html = page_of("# T\n\nRead it[^scope].\n\n[^scope]: Only for [new](new.md) records.\n\n"
                   "## More\n\nText.\n")
    document = parse_fragment(html)
    [reference] = [link for link in elements(document, "a") if link.get("id") == "fnref1"]
    assert reference.get("href") == "#fn1"
    [section] = elements(document, "section")
    assert "Only for new records." in text_of(section)
    assert html.index("<h2") < html.index('<section class="footnotes">')
    assert "[^scope]" not in html
    assert summary_text(html) == "Read it[1]."


def test_gfm_tables_scroll_and_have_header_scopes() -> None:
    document = parse_fragment(page_of("| a | b |\n|---|---|\n| 1 | 2 |\n"))
    [wrapper] = elements(document, "div")
    assert wrapper.get("class") == "table-scroll" and wrapper.get("tabindex") == "0"
    assert [th.get("scope") for th in elements(document, "th")] == ["col", "col"]
    assert [text_of(td) for td in elements(document, "td")] == ["1", "2"]


def test_task_lists_are_disabled_checkboxes_inside_their_labels() -> None:
    document = parse_fragment(page_of("- [x] done\n- [ ] to do\n"))
    labels = list(elements(document, "label"))
    assert [text_of(label).strip() for label in labels] == ["done", "to do"]
    boxes = [next(elements(label, "input")) for label in labels]
    assert [box.get("checked") is not None for box in boxes] == [True, False]
    assert all(box.get("disabled") is not None for box in boxes)


def test_links_to_pages_of_other_specs_lead_to_their_site_pages() -> None:
    html = page_of("[a](SPEC-0002.md) [b](./SPEC-0002.md#goals) [c](SPEC-0003.md) "
                   "[d](../SPEC-0002.md)", pages={"SPEC-0002"})
    document = parse_fragment(html)
    assert [link.get("href") for link in elements(document, "a")] == [
        "SPEC-0002.html", "SPEC-0002.html#goals", "SPEC-0003.md", "../SPEC-0002.md"]


def test_the_leading_title_is_dropped_and_headings_get_ids_the_page_does_not_use() -> None:
    html = page_of("# Technical Specification: X\n\n## Life\n\n## Goals\n\n## Goals\n\n"
                   "## `code` & more!\n\n## ???\n\n# Later title\n\n## Event 3\n")
    document = parse_fragment(html)
    headings = [(element.tag, element.get("id"), text_of(element))
                for element in document.iter() if element.get("id")]
    assert headings == [("h2", "life-1", "Life"), ("h2", "goals", "Goals"),
                        ("h2", "goals-1", "Goals"), ("h2", "code--more", "code & more!"),
                        ("h2", "section", "???"), ("h1", "later-title", "Later title"),
                        ("h2", "event-3-1", "Event 3")]  # `event-3`: an event's row


@pytest.mark.parametrize("text", ["a\u202eb", "a&#x202e;b", "a&#8238;b", "a\u2066b\u2069",
                                  "a\x01b", "a&#1;b", "a\x7fb", "a\ufdd0b",
                                  "`a\u202eb`", "```\na\u202eb\n```"])
def test_characters_that_reorder_or_break_text_are_shown_as_escapes(text: str) -> None:
    html = page_of(text)
    assert not any(character in html for character in "\u202e\u2066\u2069\x01\x7f\ufdd0")
    parse_fragment(html)


def test_marks_that_writing_needs_are_kept() -> None:
    assert "\u200f" in page_of("שלום\u200f!") and "\u00a0" in page_of("a\u00a0b")


def test_nul_is_shown_as_an_escape_and_a_nul_entity_as_the_replacement_character() -> None:
    assert page_of("a\x00b") == "<p>a\\x00b</p>\n"
    assert page_of("a&#0;b") == "<p>a\ufffdb</p>\n"


MARKDOWN_PIECES = st.sampled_from([
    "<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", "[x](",
    "javascript:alert(1)", ")", "](", "![", "<", ">", "&#x6a;avascript:", "\u202e", "\x00",
    "`", "```\n", "\n", "\n\n", "| a | b |\n|---|---|\n", "- [ ] ", "# ", "<!--", "-->",
    "\"", "'", "&", "&#0;", "<https://example.com>", "<javascript:alert(1)>", "\\", "*",
    "data:text/html,x", "\r", "\t", "  ", "[a]: javascript:x\n", "[a]", "[^a]",
    "[^a]: ", "[^a]: javascript:x\n",
])


@fuzz(200)
@given(st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=8)), max_size=30))
def test_no_markdown_becomes_script_or_markup_of_its_own(pieces: list[str]) -> None:
    document = parse_fragment(page_of("".join(pieces)))
    for element in document.iter():
        assert element.tag in ALLOWED_TAGS, element.tag
        assert not [name for name in element.attrib if name.startswith("on")]
        href = element.get("href")
        if href is not None:
            scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
            assert scheme in ("", "http", "https", "mailto"), href
        if element.tag == "input":
            assert element.get("type") == "checkbox" and element.get("disabled") is not None


def test_renders_item_anchors_become_targets_and_other_raw_html_stays_text() -> None:
    from specrepo.render.anchors import anchor_tag

    page = (f"| id | requirement |\n|---|---|\n| {anchor_tag('FR-3')}FR-3 | Count. |\n\n"
            '<a name="fr-4" onclick="x()"></a> `<a name="fr-5"></a>` '
            "[FR-3 of another](SPEC-2.md#fr-3)\n")
    html = markdown_to_html(page, pages=["SPEC-2"])
    assert '<td><a id="fr-3"></a>FR-3</td>' in html
    assert 'onclick="x()"' not in html and 'id="fr-4"' not in html
    assert "<code>&lt;a name=&quot;fr-5&quot;&gt;&lt;/a&gt;</code>" in html
    assert '<a href="SPEC-2.html#fr-3">' in html


def test_links_to_markdown_spec_files_by_name_point_at_their_pages() -> None:
    links = LinkBase("rfcs", "_site/specs", root=".",
                     spec_pages={"rfcs/RFC-0002-other.md": "RFC-0002.html"})
    html = markdown_to_html("See [the other](RFC-0002-other.md#design) and [a note](notes.md).",
                            pages=["RFC-0002"], links=links)
    assert '<a href="RFC-0002.html#design">the other</a>' in html
    assert '<a href="../../rfcs/notes.md">a note</a>' in html  # not a spec: rebased


@pytest.mark.parametrize(("written", "expected"), [
    ("../machine-config/pinned-images.md", "pinned-images.html"),
    ("../machine-config/pinned-images.md#proposal", "pinned-images.html#proposal"),
    ("./../machine-config//pinned-images.md", "pinned-images.html"),
    ("/enhancements/monitoring/namespace-alert-routing.md#goals",
     "namespace-alert-routing.html#goals"),
    ("/enhancements/monitoring/namespace-alert-routing.md", "namespace-alert-routing.html"),
    ("../../enhancements/dns/dns-over-tls.md", "dns-over-tls.html"),
    ("dns-over-tls.md?plain=1", "dns-over-tls.html?plain=1"),
    ("d%6Es-over-tls.md", "dns-over-tls.html"),
    ("../machine-config/README.md", "../../enhancements/machine-config/README.md"),
    ("/enhancements/monitoring/", "../../enhancements/monitoring/"),
    ("../../../outside/pinned-images.md", "../../../outside/pinned-images.md"),
])
def test_links_to_spec_files_in_other_folders_point_at_their_pages(
        written: str, expected: str) -> None:
    """An enhancement in enhancements/dns/ links to others by relative path or from the top
    of the work tree; links to other files are rebased as before."""
    links = LinkBase("enhancements/dns", "_site/specs", root=".", spec_pages={
        "enhancements/machine-config/pinned-images.md": "pinned-images.html",
        "enhancements/monitoring/namespace-alert-routing.md": "namespace-alert-routing.html",
        "enhancements/dns/dns-over-tls.md": "dns-over-tls.html"})
    html = markdown_to_html(f"[there]({written}) and ![picture]({written})", links=links)
    hrefs = [link.get("href") for link in elements(parse_fragment(html), "a")]
    assert hrefs[0] == expected
    assert ".html" not in str(hrefs[1])  # an image leads to the file itself, never to a page


def test_relative_links_of_a_markdown_spec_point_from_its_own_folder() -> None:
    """A body in docs/decisions/ shown on a page in _site/specs/: `../guide.md` is
    docs/guide.md; links to spec files, fragments and URLs are not rebased."""
    links = LinkBase("docs/decisions", "_site/specs",
                     spec_pages={"docs/decisions/RFC-0002-other.md": "RFC-0002.html"})
    html = markdown_to_html(
        "[guide](../guide.md#setup), [other](RFC-0002-other.md), [here](#part), "
        "[web](https://example.com/x.md), [folder](img/)",
        pages=["RFC-0002"], links=links)
    assert [(link.get("href"), text_of(link)) for link in elements(parse_fragment(html), "a")] \
        == [("../../docs/guide.md#setup", "guide"), ("RFC-0002.html", "other"),
            ("#part", "here"), ("https://example.com/x.md", "web"),
            ("../../docs/decisions/img/", "folder")]


def _without_shortcuts() -> MarkdownIt:
    """The site's parser as markdown-it runs it: raw HTML rules on, its own core rule
    `inline` (parsing every inline content)."""
    parser = _parser.__wrapped__()
    parser.enable(["html_block", "html_inline"])
    parser.core.ruler.at("inline", markdown_it_inline)
    return parser


@fuzz(300)
@given(st.lists(st.one_of(MARKDOWN_PIECES, st.sampled_from(
    ["plain words", "A-1: b", "**bold**", "_x_", "~~gone~~", " | ", "|---|", "&amp;",
     "<a name=\"fr-1\"></a>", "1. ", "> ", "    ", "\n## Heading\n", "[ ] ", "[x] "]),
    st.text(max_size=8)), max_size=30))
def test_the_shortcuts_give_the_tokens_and_html_markdown_it_gives(pieces: list[str]) -> None:
    text = "".join(pieces)
    reference = _without_shortcuts()
    shortcut, full = (parser.parse(text) for parser in (_parser(), reference))
    assert [token.as_dict() for token in shortcut] == [token.as_dict() for token in full]
    assert _parser().render(text) == reference.render(text)


def test_plain_inline_text_skips_the_inline_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    parse = _parser().inline.parse

    def counted(source: str, *arguments: Any) -> Any:
        parsed.append(source)
        return parse(source, *arguments)

    monkeypatch.setattr(_parser().inline, "parse", counted)
    html = page_of("Plain words. Even these (too).\n\n| a | b |\n|---|---|\n| x | **y** |\n")
    assert parsed == ["**y**"]
    assert "<p>Plain words. Even these (too).</p>" in html and "<strong>y</strong>" in html


def test_the_terminators_of_older_markdown_it_are_those_of_this_one() -> None:
    own = getattr(_parser().inline, "terminator_re", None)
    if own is None:
        pytest.skip("this markdown-it-py has no terminator_re of its own")
    characters = [chr(code) for code in range(0x3000)]
    assert [c for c in characters if TERMINATOR.match(c)] == \
        [c for c in characters if own.match(c)]


@pytest.mark.parametrize(("body", "summary"), [
    ("# Title\n\nIntro.\n\n## Summary [optional]\n\nIt *does* &amp; `this`.\n\n"
     "More  text.\n\n### Detail\n\nNot this.\n", "It does & this. More text."),
    ("Intro **here**.\n\n## Motivation\n\nWhy.\n", "Intro here."),
    ("## Context\n\n```\n## Summary\n```\n\nFirst.\n", "First."),
    ("- a list only\n", ""),
])
def test_a_markdown_pages_summary_is_its_summary_section_or_first_paragraph(
        body: str, summary: str) -> None:
    assert summary_text(convert_markdown(body)) == summary

"""Markdown as the site shows it (a Markdown spec's body, and the parser of spec texts,
`fragments.py`), as HTML that can hold no markup or script of the spec's own.

CommonMark with GFM tables, strikethrough and task lists, parsed by markdown-it-py with raw
HTML off (`<script>` in a spec is text), links only to web and mail addresses, fragments and
relative paths (`load.spec_markdown`, the parser render's pages are read with too). On top
of that:

- HTML comments (`<!-- ... -->`, CommonMark's HTML block of type 2 and inline raw HTML;
  MADR's and KEP's templates are full of them) are left out, as every Markdown viewer
  hides them: a comment carries no markup to escape. A block of comments goes whole; a
  comment line that holds other text too (`<!-- a --> b`) is a paragraph with the comment
  left out (`b`); a `<!--` that no `-->` closes is text;
- images are never loaded (a site must not reach the network when viewed): each becomes a
  link to its source, labelled with its alternative text, rebased as links are (to the
  file itself on the code host, `LinkBase.rebase(image=True)`);
- every character a page may not carry, or that would reorder the text around it, is shown
  as an escape (`text.showable`), whether written as itself or as an entity (`&#x202e;`);
  the text is parsed as written, so a destination holding a control character makes no
  link, as in the text and in render's pages (`base.links.holds_control`);
- links to `<id>.md` (render's page of another spec), and to another spec's file (by any
  relative path, or a path from the top of the work tree), point to that spec's site page;
- render's item anchors (`<a name="fr-3"></a>`, the one raw HTML shape its pages hold, see
  `render.anchors`) become elements with that id, so `SPEC-0042.html#fr-3` finds its row;
- headings get ids (GitHub's slugs) that never repeat an id the page itself uses; a leading
  level-1 heading (the page title, which the site shows itself) is dropped;
- tables scroll on their own on a narrow screen, and their header cells have `scope`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache
from html import unescape
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.load.markdown_body import heading_key
from specrepo.load.markdown_comments import comment_block, comment_end
from specrepo.load.spec_markdown import markdown_parser
from specrepo.site.html_cache import HtmlCache, conversion_key
from specrepo.site.text import showable

# A link's start as the renderer writes it (an image's, `_image_as_link`, with its class;
# raw HTML is text), and a destination that is render's page of a spec, in the same folder.
_IMAGE_LINK: Final = '<a class="image-link" '
_HREF: Final = re.compile(r'<a (class="image-link" )?href="([^"]*)"')
_SPEC_PAGE: Final = re.compile(r"(?:\./)?([A-Za-z0-9][A-Za-z0-9._-]*)\.md((?:#.*)?)")
_SLUG_DROPPED: Final = re.compile(r"[^\w\- ]")
_EVENT_ANCHOR: Final = re.compile(r"event-[0-9]+")
SPEC_PAGE_IDS: Final = frozenset({
    "main", "life", "life-title", "spec", "questions", "questions-title", "changelog",
    "changelog-title", "trace", "trace-title", "history", "history-title", "timeline-title",
    "timeline-desc",
})
"""Element ids of a spec page's own; the spec's headings never take them."""
_LINE_ENDING: Final = re.compile(r"\r\n?")
_ITEM_ANCHOR: Final = re.compile(r'<a name="([a-z0-9][a-z0-9._-]{0,199})"></a>')


def item_anchors(markdown: str) -> frozenset[str]:
    """The item anchors render's page gives (`fr-3` for `<a name="fr-3"></a>`): the ids a
    link to an item of the page may name."""
    return frozenset(_ITEM_ANCHOR.findall(markdown))


def summary_text(html: str) -> str:
    """Plain text summing up a Markdown page from its HTML (`convert_markdown`'s): the
    text of its first section headed "Summary" (any level, compared as headings are, see
    `load.markdown_body.heading_key`), else of its first paragraph; whitespace runs as one
    space, at most `SUMMARY_LENGTH` characters. What the site's search reads of a Markdown
    spec with no `summary` of its own (KEP, MADR, RFC bodies)."""
    headings = list(_HEADING.finditer(html))
    start = next((heading.end() for heading in headings
                  if heading_key(_text(heading.group(2))) == "summary"), None)
    if start is not None:
        end = next((heading.start() for heading in headings if heading.start() > start),
                   len(html))
        text = _text(html[start:end])
    else:
        paragraph = _PARAGRAPH.search(html)
        text = _text(paragraph.group(1)) if paragraph else ""
    return text[:SUMMARY_LENGTH]


SUMMARY_LENGTH: Final = 2000
_HEADING: Final = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.DOTALL)
_PARAGRAPH: Final = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG: Final = re.compile(r"<(/?)([a-z0-9]+)[^>]*>")
_BLOCK_TAGS: Final = frozenset({"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                "pre", "blockquote", "table", "tr", "td", "th", "br", "hr"})


def _text(html: str) -> str:
    """The text of an HTML fragment markdown-it wrote: tags dropped (a block's as a space),
    character references read, whitespace runs as one space."""
    return " ".join(unescape(_TAG.sub(
        lambda tag: " " if tag.group(2) in _BLOCK_TAGS else "", html)).split())


def convert_markdown(text: str, cache: HtmlCache | None = None) -> str:
    """The HTML of a Markdown page (a Markdown spec's body), its links as written (see
    `site_links`); its headings' ids never an id the spec page uses for itself
    (`reserved_id`). With a `cache`, a conversion made before (of the same text) is taken
    from it."""
    def convert() -> str:
        # Parsed as written, shown as `showable` says (`showable_tokens`): an escape
        # written before parsing would make a link of a destination the text never
        # linked (a control character ends one).
        html: str = _parser().render(text)
        return html

    return convert() if cache is None else cache.convert(conversion_key("page", text),
                                                         convert)


def site_links(html: str, pages: Collection[str] = (), links: LinkBase = NO_REBASE) -> str:
    """`html` with its links and images' links pointed at their targets on the site:
    `pages` are the spec ids that have a site page in the same folder (render's links to
    other specs, `SPEC-2.md`); any other relative link is rebased by `links`, which leads
    a link to a spec file of its `spec_pages` to that spec's page (a Markdown spec's body
    links from its own folder)."""
    if '<a href="' not in html and _IMAGE_LINK not in html:
        return html
    return _HREF.sub(lambda found: _link_start(
        found, _site_href(found.group(2), pages, links, bool(found.group(1)))), html)


def rebased_links(html: str, links: LinkBase) -> str:
    """`html` with its relative links and images' links rebased by `links`
    (`LinkBase.rebase` leaves URLs and fragments)."""
    if links.changes_nothing or ('<a href="' not in html and _IMAGE_LINK not in html):
        return html
    return _HREF.sub(lambda found: _link_start(
        found, links.rebase(found.group(2), image=bool(found.group(1)))), html)


def _link_start(found: re.Match[str], href: str) -> str:
    """The start of the link `found` (`_HREF`), leading to `href` instead."""
    return f'<a {found.group(1) or ""}href="{href}"'


def _site_href(href: str, pages: Collection[str], links: LinkBase,
               image: bool = False) -> str:
    """A link to render's page of a spec (`SPEC-2.md#x`) as a link to its site page; any
    other destination, and any `image`'s, rebased by `links` (`LinkBase.rebase` leads spec
    files to their pages, and leaves URLs and fragments)."""
    if image:
        return links.rebase(href, image=True)
    page = _SPEC_PAGE.fullmatch(href)
    if page is not None and page.group(1) in pages:
        return f"{page.group(1)}.html{page.group(2)}"
    return links.rebase(href)


def reserved_id(element_id: str) -> bool:
    """Whether a spec page uses `element_id` for itself (`SPEC_PAGE_IDS`, and the anchors
    of its events' rows, `event-1`...), so that a heading must not take it."""
    return element_id in SPEC_PAGE_IDS or _EVENT_ANCHOR.fullmatch(element_id) is not None


def site_parser(*, headings: bool = True) -> MarkdownIt:
    """A new parser of the site's Markdown (`load.spec_markdown.markdown_parser`, with or
    without `headings`) that leaves HTML comments out, writes images as links and tables
    that scroll."""
    parser = markdown_parser(headings=headings)
    parser.core.ruler.at("normalize", _line_endings)
    parser.block.ruler.before("html_block", "html_comment", comment_block,
                              {"alt": ["paragraph", "reference", "blockquote"]})
    parser.inline.ruler.before("html_inline", "html_comment", _comment_inline)
    parser.add_render_rule("image", _image_as_link)
    parser.add_render_rule("table_open", _table_open)
    parser.add_render_rule("table_close", _table_close)
    parser.add_render_rule("th_open", _header_cell)
    return parser


@cache
def _parser() -> MarkdownIt:
    """The parser of a whole page (made once): render's item anchors become targets, the
    leading title is dropped, headings get ids."""
    parser = site_parser()
    parser.inline.ruler.before("html_inline", "item_anchor", _item_anchor)
    parser.core.ruler.push("site_page", _site_page)
    return parser


def _line_endings(state: StateCore) -> None:
    """markdown-it's core rule `normalize`, but NUL kept (it writes U+FFFD): the tokens
    show it as the escape `\\x00` (`showable_tokens`), as every other control character."""
    state.src = _LINE_ENDING.sub("\n", state.src)


def _comment_inline(state: StateInline, silent: bool) -> bool:
    """An HTML comment inside a paragraph (`load.markdown_comments`): left out (no token)."""
    end = comment_end(state)
    if end is None:
        return False
    state.pos = end
    return True


def _item_anchor(state: StateInline, silent: bool) -> bool:
    """render's empty `<a name="fr-3"></a>` as `<a id="fr-3"></a>`; any other raw HTML stays
    text. Safe: the element is written here, from an id of letters, digits, `.`, `_`, `-`."""
    found = _ITEM_ANCHOR.match(state.src, state.pos)
    if found is None:
        return False
    if not silent:
        state.push("html_inline", "", 0).content = f'<a id="{found.group(1)}"></a>'
    state.pos = found.end()
    return True


def _site_page(state: StateCore) -> None:
    tokens = state.tokens
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        del tokens[:3]
    taken: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", unique_id(slug(_heading_text(tokens[index + 1])), taken))
    showable_tokens(state)


def showable_tokens(state: StateCore) -> None:
    """Every text, code and attribute of the parsed tokens as `text.showable` shows it (a
    character reference may have written what the text itself could not)."""
    for token in state.tokens:
        if token.type in ("code_block", "fence"):
            token.content = showable(token.content)
            token.info = showable(token.info)
        if token.children:
            for child in token.children:
                _clean_inline(child)


def _clean_inline(token: Token) -> None:
    token.content = showable(token.content)
    for name, value in token.attrs.items():
        if isinstance(value, str):
            token.attrs[name] = showable(value)
    for child in token.children or ():
        _clean_inline(child)


def _heading_text(inline: Token) -> str:
    return "".join(child.content for child in inline.children or ()
                   if child.type in ("text", "code_inline"))


def slug(title: str) -> str:
    """GitHub's heading slug: lower case, spaces as hyphens, punctuation dropped."""
    return _SLUG_DROPPED.sub("", title.strip().lower().replace(" ", "-")) or "section"


def unique_id(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-1`, `slug-2`... the first neither in `taken` nor `reserved_id`;
    then taken."""
    found, number = slug, 0
    while found in taken or reserved_id(found):
        number += 1
        found = f"{slug}-{number}"
    taken.add(found)
    return found


def _image_as_link(renderer: RendererHTML, tokens: Sequence[Token], index: int,
                   options: OptionsDict, env: EnvType) -> str:
    token = tokens[index]
    alt = renderer.renderInlineAsText(token.children, options, env) or "image"
    source = str(token.attrs.get("src", ""))
    return (f'<a class="image-link" href="{escapeHtml(source)}">'
            f"Image: {escapeHtml(alt)}</a>")


def _table_open(renderer: RendererHTML, tokens: Sequence[Token], index: int,
                options: OptionsDict, env: EnvType) -> str:
    return ('<div class="table-scroll" role="region" aria-label="Table" tabindex="0">\n'
            + renderer.renderToken(tokens, index, options, env))


def _table_close(renderer: RendererHTML, tokens: Sequence[Token], index: int,
                 options: OptionsDict, env: EnvType) -> str:
    return renderer.renderToken(tokens, index, options, env) + "</div>\n"


def _header_cell(renderer: RendererHTML, tokens: Sequence[Token], index: int,
                 options: OptionsDict, env: EnvType) -> str:
    tokens[index].attrSet("scope", "col")
    return renderer.renderToken(tokens, index, options, env)

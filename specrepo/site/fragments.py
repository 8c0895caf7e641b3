"""A spec's own text as HTML: each text that may hold Markdown (a summary, a description, a
cell) converted alone, with the site's parser (`markdown.site_parser`) minus headings.

A text converted alone cannot change the page around it: a fence it opens ends with it, a
link reference it defines holds only in it, and it can open no heading (a `#` line is a
paragraph), so the page's outline and ids are the page's own. The site's other guarantees
hold as for a whole page (each text parsed as written, its tokens made `showable`):
raw HTML is text, links go only to web and mail addresses and
relative paths, images are links, and no character a page may not carry is written.

Most spec text is prose with no Markdown syntax at all: such a text becomes its
paragraphs, escaped, without the parser (`_plain_blocks`, `_plain_inline`); tests compare
both with the parser's own output.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from specrepo.load.markdown_comments import CODE_INDENT
from specrepo.site.html_cache import HtmlCache, conversion_key
from specrepo.site.markdown import showable_tokens, site_parser
from specrepo.site.text import showable

# Characters some inline rule of the site's parser reacts to (backslash escapes, code
# spans, strikethrough, emphasis, links, images, autolinks, entities), and the tab, which
# the block rules measure as indentation.
_INLINE_SYNTAX: Final = re.compile(r"[\\`~*_\[!<&\t]")
# What may start a block (a list, quote, heading, setext underline, fence, thematic break)
# or make a line part of a table.
_BLOCK_START: Final = re.compile(r"[-+*>#=~`|:]|[0-9]{1,9}[.)]")


@cache
def _fragment_parser() -> MarkdownIt:
    """The parser of a spec text (made once): the site's, with no headings."""
    parser = site_parser(headings=False)
    parser.core.ruler.push("site_fragment", showable_tokens)
    return parser


def block_html(text: str, cache: HtmlCache | None = None) -> str:
    """Spec text as HTML blocks (paragraphs, lists, tables, code...), each line ended."""
    plain = _plain_blocks(showable(text))
    if plain is not None:
        return plain

    def convert() -> str:
        # Footnotes' ids (`fn-<doc>-1`) told apart from another text's on the same page.
        doc = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        html: str = _fragment_parser().render(text, {"docId": doc})
        return html

    return convert() if cache is None else cache.convert(conversion_key("blocks", text),
                                                         convert)


def inline_html(text: str, cache: HtmlCache | None = None) -> str:
    """One line of spec text as inline HTML (what a table cell holds)."""
    shown = showable(text)
    if _INLINE_SYNTAX.search(shown) is None and "\n" not in shown:
        return escapeHtml(shown)

    def convert() -> str:
        html: str = _fragment_parser().renderInline(text)
        return html

    return convert() if cache is None else cache.convert(conversion_key("inline", text),
                                                         convert)


def _plain_blocks(text: str) -> str | None:
    """The paragraphs of a text with no Markdown syntax, as markdown-it writes them
    (lines of a paragraph kept, each without its indentation); None for any other text."""
    if _INLINE_SYNTAX.search(text) is not None:
        return None
    paragraphs: list[list[str]] = []
    lines: list[str] = []
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if not content:
            if lines:
                paragraphs.append(lines)
                lines = []
            continue
        if (not lines and len(line) - len(content) >= CODE_INDENT) \
                or _BLOCK_START.match(content) is not None or line.endswith(" "):
            return None
        lines.append(content)
    if lines:
        paragraphs.append(lines)
    contents = ["\n".join(lines).strip() for lines in paragraphs]
    if not all(contents):
        return None
    return "".join(f"<p>{escapeHtml(content)}</p>\n" for content in contents)

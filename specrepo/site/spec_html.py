"""A spec's page as HTML, drawn from the layout render's pages have (`render.writer`'s
`PageWriter`, which this writer is): plain text escaped, spec text converted on its own
(`fragments.py`), every shape written as the site's Markdown conversion writes it (tables
that scroll, task lists, headings with GitHub's ids).

What spec text may hold is as safe as in a converted page: raw HTML is text, only web and
mail addresses and relative paths are linked (relative ones rebased as render rebases
them), and the only elements with ids are the headings (ids no spec page uses for itself,
`markdown.reserved_id`) and the items' anchors, from ids of letters, digits, `.`, `_` and
`-` only. Links to render's pages of specs (`SPEC-0042.md#fr-3`) stay as render writes them,
for `markdown.site_links` to point at the site's pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Final

from markdown_it.common.utils import escapeHtml

from specrepo.base.anchors import item_anchor, reference_destination
from specrepo.base.block_starts import one_line_paragraph
from specrepo.base.line_end_backslashes import cell_lines
from specrepo.base.links import LinkBase, url_destination
from specrepo.site.fragments import block_html, inline_html
from specrepo.site.html_cache import HtmlCache
from specrepo.site.markdown import rebased_links, slug, unique_id
from specrepo.site.text import showable

_LANGUAGE: Final = re.compile(r"[A-Za-z0-9_+.#-]+")
_BLOCK_TAGS: Final = ("<p>", "<pre>", "<ul", "<ol", "<div", "<blockquote>", "<hr")
_CHECKBOX: Final = '<input class="task-list-item-checkbox" '
_TASK_ITEM: Final = f"<p>{_CHECKBOX}"


class HtmlWriter:
    """Writes one spec page's HTML (a writer per page: it keeps the ids its headings and
    items took, each id once, and the anchors its items have, `anchors`); spec text that
    needs markdown-it-py is converted through `cache`. Its metadata names people without
    their `approved:` values: the page's facts show each approval as history judges it
    (`site.gather`), not as a date the file may have kept from an earlier round."""

    approval_dates = False

    def __init__(self, cache: HtmlCache | None = None) -> None:
        self.cache = cache
        self.anchors: set[str] = set()
        self._taken: set[str] = set()

    def page(self, source: str, title: str, blocks: Sequence[str]) -> str:
        """The page's content: its blocks (the site shows the title and source itself)."""
        return "".join(blocks)

    def plain(self, text: str) -> str:
        return escapeHtml(showable(text).replace("\n", " ").strip())

    def plain_cell(self, text: str) -> str:
        return self.plain(text)

    def markdown_cell(self, text: str, links: LinkBase) -> str:
        cells = [inline_html(line, self.cache) for line in cell_lines(showable(text))]
        return rebased_links("<br>".join(cells), links)

    def text_lines(self, text: str, links: LinkBase) -> list[str]:
        return [self.paragraph(text, links)]

    def paragraph(self, text: str, links: LinkBase) -> str:
        return rebased_links(block_html(one_line_paragraph(text), self.cache), links)

    def labelled(self, label: str, text: str, links: LinkBase) -> list[str]:
        blocks = self.paragraph(text, links)
        if blocks.startswith("<p>"):
            return [f"<p>{label}{blocks[3:]}"]
        return [f"<p>{label.rstrip()}</p>\n{blocks}"]

    def line(self, inline: str) -> str:
        return f"<p>{inline}</p>\n" if inline else ""

    def heading(self, level: int, inline: str) -> str:
        element_id = unique_id(slug(html.unescape(inline)), self._taken)  # nor an anchor
        return f'<h{level} id="{element_id}">{inline}</h{level}>\n'

    def bullet_list(self, items: Iterable[Sequence[str]]) -> str:
        return _list("ul", items)

    def numbered_list(self, items: Iterable[Sequence[str]]) -> str:
        return _list("ol", items)

    def checkbox(self, done: bool) -> str:
        checked = 'checked="checked" ' if done else ""
        return f'{_CHECKBOX}{checked}disabled="disabled" type="checkbox"> '

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        head = "".join(f'<th scope="col">{header}</th>\n' for header in headers)
        body = "".join("<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in row) + "</tr>\n"
                       for row in rows)
        return ('<div class="table-scroll" role="region" aria-label="Table" tabindex="0">\n'
                f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n"
                "</table>\n</div>\n")

    def code_block(self, code: str, language: str | None) -> str:
        code = showable(code).removesuffix("\n")
        info = f' class="language-{escapeHtml(showable(language))}"' \
            if language is not None and _LANGUAGE.fullmatch(language) else ""
        return f"<pre><code{info}>{escapeHtml(code)}\n</code></pre>\n"

    def code_span(self, text: str) -> str:
        return f"<code>{escapeHtml(showable(text).replace(chr(10), ' '))}</code>"

    def strong(self, inline: str) -> str:
        return f"<strong>{inline}</strong>" if inline else ""

    def plain_link(self, text: str, url: str, links: LinkBase) -> str:
        destination = url_destination(showable(url), links)
        if destination is not None:
            return f'<a href="{escapeHtml(destination)}">{self.plain(text)}</a>'
        shown = self.plain(text)
        return shown if text.strip() == url.strip() else f"{shown} ({self.plain(url)})"

    def reference_link(self, written: str, inline: str) -> str:
        destination = reference_destination(written)
        return inline if destination is None else \
            f'<a href="{escapeHtml(destination)}">{inline}</a>'

    def anchor(self, item_id: str) -> str:
        anchor = item_anchor(item_id)
        if anchor is None or anchor in self._taken:  # a heading's, or an item's before
            return ""
        self._taken.add(anchor)
        self.anchors.add(anchor)
        return f'<a id="{anchor}"></a>'

    def line_break(self) -> str:
        return "<br>"


def _list(tag: str, items: Iterable[Sequence[str]]) -> str:
    """A list as markdown-it writes one: tight (each item's paragraph bare) when every item
    is one paragraph, else loose; a task list's items (a paragraph starting with a
    checkbox) labelled."""
    contents = ["".join(part if part.startswith(_BLOCK_TAGS) else f"<p>{part}</p>\n"
                        for part in item if part) for item in items]
    tight = all(not content or _one_paragraph(content) for content in contents)
    tasks = any(content.startswith(_TASK_ITEM) for content in contents)
    lines = [f'<{tag} class="contains-task-list">\n' if tasks else f"<{tag}>\n"]
    for written in contents:
        task = written.startswith(_TASK_ITEM)
        # A paragraph's text holds no `</p>`: the first one ends the first paragraph.
        end = written.find("</p>")
        content = f"<p><label>{written[3:end]}</label>{written[end:]}" if task else written
        lines.append('<li class="task-list-item">' if task else "<li>")
        if tight:
            lines.append(content[3:-5])
        elif content:
            lines.append("\n" + content)
        lines.append("</li>\n")
    lines.append(f"</{tag}>\n")
    return "".join(lines)


def _one_paragraph(blocks: str) -> bool:
    """Whether HTML blocks are one paragraph (whose text holds no `</p>`)."""
    return blocks.startswith("<p>") and blocks.find("</p>") == len(blocks) - 5 \
        and blocks.endswith("</p>\n")

"""How a spec's page is written: the few shapes the page's layout (`page.py`, `generic.py`)
is made of, as Markdown here, as HTML by the site (`site.spec_html.HtmlWriter`).

The layout decides once what a page holds, for both: the writer decides only how each
shape is spelled. Every method takes plain text or spec text (Markdown, not yet escaped) as
its docstring says, or what the same writer returned (`inline`: text inside a block;
`block`: a block; `lines`: a list item's or a labelled text's parts), and returns the same
kind of thing for that writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, Protocol

from specrepo.base.anchors import reference_destination
from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.render import blocks
from specrepo.render.anchors import anchor_tag
from specrepo.render.markdown import code_span, markdown_cell, markdown_lines, plain, plain_cell
from specrepo.render.page_files import marker_comment


class PageWriter(Protocol):
    """What the page's layout needs of a format."""

    approval_dates: bool
    """Whether the metadata's people show their `approved:` values as the file writes
    them: render's pages, drawn from the file alone; the site's spec pages show them
    judged by history instead, above the page (`site.gather`)."""

    def page(self, source: str, title: str, blocks: Sequence[str]) -> str:
        """The whole page of the spec file `source`, titled `title` (inline)."""

    def plain(self, text: str) -> str:
        """Plain text as inline text that shows exactly the text, on one line."""

    def plain_cell(self, text: str) -> str:
        """Plain text as a table cell's content."""

    def markdown_cell(self, text: str, links: LinkBase) -> str:
        """Spec text as a table cell's content."""

    def text_lines(self, text: str, links: LinkBase) -> list[str]:
        """Spec text as a list item's lines."""

    def paragraph(self, text: str, links: LinkBase) -> str:
        """Spec text as blocks."""

    def labelled(self, label: str, text: str, links: LinkBase) -> list[str]:
        """`label` (inline) followed by spec text, as lines."""

    def line(self, inline: str) -> str:
        """Inline text as a block of its own."""

    def heading(self, level: int, inline: str) -> str:
        """A heading of `level` (1 to 6)."""

    def bullet_list(self, items: Iterable[Sequence[str]]) -> str:
        """A bullet list of items given as lines."""

    def numbered_list(self, items: Iterable[Sequence[str]]) -> str:
        """A numbered list of items given as lines."""

    def checkbox(self, done: bool) -> str:
        """The start of a task list item's label."""

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        """A table: plain header texts, cells as `*_cell` and inline methods give them."""

    def code_block(self, code: str, language: str | None) -> str:
        """Code as a block, with its language when it names one."""

    def code_span(self, text: str) -> str:
        """Text as inline code."""

    def strong(self, inline: str) -> str:
        """Bold text; nothing when the text is empty."""

    def plain_link(self, text: str, url: str, links: LinkBase) -> str:
        """Plain text linked to a URL (rebased with `links`); when the URL may not be
        linked, the text and the URL as text."""

    def reference_link(self, written: str, inline: str) -> str:
        """`inline` linked to the spec or item `written` names (`SPEC-0042/FR-3`,
        `base.anchors.reference_destination`); the text alone where it names no page."""

    def anchor(self, item_id: str) -> str:
        """The anchor that an item's row starts with (nothing for an id that cannot be
        one)."""

    def line_break(self) -> str:
        """A line break inside a table cell."""


class MarkdownWriter:
    """render's pages: Markdown that reads well as text and renders the same everywhere
    (`markdown.py` says how spec text is kept from changing the page)."""

    approval_dates = True

    def page(self, source: str, title: str, blocks: Sequence[str]) -> str:
        return "\n\n".join([marker_comment(source), self.heading(1, title), *blocks]) + "\n"

    def plain(self, text: str) -> str:
        return plain(text)

    def plain_cell(self, text: str) -> str:
        return plain_cell(text)

    def markdown_cell(self, text: str, links: LinkBase) -> str:
        return markdown_cell(text, links)

    def text_lines(self, text: str, links: LinkBase) -> list[str]:
        return markdown_lines(text, links=links)

    def paragraph(self, text: str, links: LinkBase) -> str:
        return blocks.paragraph(text, links)

    def labelled(self, label: str, text: str, links: LinkBase) -> list[str]:
        return blocks.labelled(label, text, links)

    def line(self, inline: str) -> str:
        return inline

    def heading(self, level: int, inline: str) -> str:
        return blocks.heading(level, inline)

    def bullet_list(self, items: Iterable[Sequence[str]]) -> str:
        return blocks.bullet_list(items)

    def numbered_list(self, items: Iterable[Sequence[str]]) -> str:
        return blocks.numbered_list(items)

    def checkbox(self, done: bool) -> str:
        return blocks.checkbox(done)

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
        return blocks.table(headers, rows)

    def code_block(self, code: str, language: str | None) -> str:
        return blocks.code_block(code, language)

    def code_span(self, text: str) -> str:
        return code_span(text)

    def strong(self, inline: str) -> str:
        return blocks.strong(inline)

    def plain_link(self, text: str, url: str, links: LinkBase = NO_REBASE) -> str:
        return blocks.plain_link(text, url, links)

    def reference_link(self, written: str, inline: str) -> str:
        destination = reference_destination(written)
        return inline if destination is None else blocks.link(inline, destination)

    def anchor(self, item_id: str) -> str:
        return anchor_tag(item_id)

    def line_break(self) -> str:
        return "<br>"


MARKDOWN: Final = MarkdownWriter()
"""render's writer."""

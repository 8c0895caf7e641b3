"""Markdown building blocks: headings, paragraphs, lists, tables, code blocks and links.

Every function takes text that is already safe Markdown (see `markdown.py`) unless its
docstring says otherwise, and returns a block without a trailing newline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final
from urllib.parse import quote

from specrepo.render.markdown import clean, longest_backtick_run, markdown_lines, plain

_LANGUAGE: Final = re.compile(r"[A-Za-z0-9_+.#-]+")
_SCHEME: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_LINK_SCHEMES: Final = frozenset({"http", "https", "mailto"})
# Everything else in a URL is percent-encoded, so it cannot end the link or leave it.
_URL_SAFE: Final = "!#$%&'*+,/:;=?@[]~"


def heading(level: int, text: str) -> str:
    """An ATX heading."""
    return f"{'#' * level} {text}".rstrip()


def section(level: int, title: str, blocks: Sequence[str]) -> list[str]:
    """A heading and its blocks; nothing at all when there are no blocks.

    A block that renders empty (a text of blanks) keeps its heading, so which headings a page
    has depends only on which parts of the spec are present.
    """
    if not blocks:
        return []
    return [heading(level, title), *(block for block in blocks if block)]


def paragraph(text: str) -> str:
    """Markdown text (not yet escaped) as top-level blocks."""
    return "\n".join(markdown_lines(text))


def labelled(label: str, text: str) -> list[str]:
    """`label` followed by Markdown text (not yet escaped), as lines."""
    first, *rest = markdown_lines(text, after_label=True)
    return [f"{label}{first}".rstrip(), *rest]


def list_item(marker: str, lines: Sequence[str]) -> str:
    """One list item: the marker, then every further line indented to stay in the item."""
    indent = " " * len(marker)
    first, *rest = lines
    return "\n".join([f"{marker}{first}".rstrip(),
                      *(f"{indent}{line}" if line else "" for line in rest)])


def bullet_list(items: Iterable[Sequence[str]]) -> str:
    """A bullet list of items given as lines."""
    return "\n".join(list_item("- ", lines) for lines in items)


def numbered_list(items: Iterable[Sequence[str]]) -> str:
    """A numbered list of items given as lines."""
    return "\n".join(list_item(f"{number}. ", lines)
                     for number, lines in enumerate(items, start=1))


def checkbox(done: bool) -> str:
    """The start of a GitHub task list item's text."""
    return "[x] " if done else "[ ] "


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; every cell must already be escaped for a table."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("-" * (len(header) + 2) for header in headers) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def code_block(code: str, language: str | None) -> str:
    """Code (not escaped) as a fenced block longer than any backtick run inside it."""
    code = clean(code)
    fence = "`" * max(3, longest_backtick_run(code) + 1)
    info = language if language is not None and _LANGUAGE.fullmatch(language) else ""
    return f"{fence}{info}\n{code.removesuffix(chr(10))}\n{fence}"


def strong(text: str) -> str:
    """Bold text; nothing when the text is empty."""
    return f"**{text}**" if text else ""


def link(text: str, destination: str) -> str:
    """An inline link; `destination` must come from `page_link` or `url_destination`."""
    return f"[{text}]({destination})"


def url_destination(url: str) -> str | None:
    """A URL (not escaped) as a link destination; None for schemes other than web and mail.

    `javascript:` and the like are shown as text, never made into links.
    """
    url = clean(url).strip()
    scheme = _SCHEME.match(url)
    if scheme is not None and scheme.group(1).lower() not in _LINK_SCHEMES:
        return None
    return quote(url, safe=_URL_SAFE)


def plain_link(text: str, url: str) -> str:
    """Plain text linked to a URL, or the text alone when the URL may not be linked."""
    destination = url_destination(url)
    return plain(text) if destination is None else link(plain(text), destination)

"""Markdown building blocks: headings, paragraphs, lists, tables, code blocks and links.

Every function takes text that is already safe Markdown (see `markdown.py`) unless its
docstring says otherwise, and returns a block without a trailing newline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from specrepo.base.links import NO_REBASE, LinkBase, url_destination
from specrepo.render.markdown import clean, longest_backtick_run, markdown_lines, plain

_LANGUAGE: Final = re.compile(r"[A-Za-z0-9_+.#-]+")
_INDENTATION: Final = re.compile(r"[ \t]+")
_SHIFTED: Final = re.compile(r" {1,3}\S")
_DASHES: Final = re.compile(r"(?:[ \t]*-){2,}[ \t]*$")


def heading(level: int, text: str) -> str:
    """An ATX heading."""
    return f"{'#' * level} {text}".rstrip()


def paragraph(text: str, links: LinkBase = NO_REBASE) -> str:
    """Markdown text (not yet escaped) as top-level blocks."""
    return "\n".join(markdown_lines(text, links=links))


def labelled(label: str, text: str, links: LinkBase = NO_REBASE) -> list[str]:
    """`label` followed by Markdown text (not yet escaped), as lines."""
    first, *rest = markdown_lines(text, after_label=True, links=links)
    return [f"{label}{first}".rstrip(), *rest]


def list_item(marker: str, lines: Sequence[str]) -> str:
    """One list item: the marker, then every further line indented to stay in the item.

    Tabs in a line's indentation are written as the spaces they stand for (tab stops of 4
    from the line's start): after the marker's columns a tab would stand for fewer, and a
    code block the text starts (`\tcode`) would be none. A first line indented by one to
    three spaces, or of dashes only (`--`, `- -`), starts on the line after the marker."""
    indent = " " * len(marker)
    first, *rest = (_tabs_as_spaces(line) for line in lines)
    if _SHIFTED.match(first) or (marker.startswith("-") and _DASHES.match(first)):
        # After the marker, the spaces would move the item's content column (`-   x`):
        # lines less indented would leave the item; and dashes would make a rule of it
        # (`- --`). From the next line, every line stands where it stands in the text.
        first, rest = "", [first, *rest]
    return "\n".join([f"{marker}{first}".rstrip(),
                      *(f"{indent}{line}" if line else "" for line in rest)])


def _tabs_as_spaces(line: str) -> str:
    indentation = _INDENTATION.match(line)
    if indentation is None or "\t" not in indentation.group():
        return line
    return indentation.group().expandtabs(4) + line[indentation.end():]


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
    """An inline link; `destination` must come from `page_link` or `base.links`'s
    `url_destination`."""
    return f"[{text}]({destination})"


def plain_link(text: str, url: str, links: LinkBase = NO_REBASE) -> str:
    """Plain text linked to a URL; when the URL may not be linked, the text and the URL as
    text, so the reader still sees where it pointed."""
    destination = url_destination(clean(url), links)
    if destination is not None:
        return link(plain(text), destination)
    return plain(text) if text.strip() == url.strip() else f"{plain(text)} ({plain(url)})"

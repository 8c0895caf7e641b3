"""Parse rendered Markdown the way the tests judge it: CommonMark with GFM tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from specrepo.load.markdown_comments import COMMENT

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
TRUSTING_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# markdown-it refuses `javascript:` links itself; this one makes a link of any destination,
# so the tests see what a laxer renderer would.
TRUSTING_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]
# Spec text as the escaping means it: Markdown whose raw HTML is shown as text.
TEXT_HTML_PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
ANCHOR = re.compile(r'<a name="[a-z0-9][a-z0-9._-]*">')
ANCHOR_ID = re.compile(r'name="([^"]*)"')
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _surrogate(match: re.Match[str]) -> str:
    """A lone surrogate as text outputs write it: a file name's byte that is not UTF-8
    (U+DC80-U+DCFF, `surrogateescape`) as the byte (`\\xe9`), any other as its code."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def shown_characters(text: str) -> str:
    """`text` with control characters as U+FFFD, a lone surrogate (a file name's byte that
    is not UTF-8) and a bidirectional override as their escapes (`\\xe9`, `\\u202e`)."""
    return _BIDI.sub(lambda match: f"\\u{ord(match.group()):04x}",
                     _CONTROL.sub("\ufffd", _SURROGATE.sub(_surrogate, text)))


def shown(text: str) -> str:
    """How plain text must display: one line, trimmed, its characters as
    `shown_characters` gives them."""
    one_line = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return shown_characters(one_line).strip()


def parse(text: str) -> list[Token]:
    return PARSER.parse(text)


def anchors(children: list[Token]) -> set[int]:
    """The positions of the item anchors among inline tokens: an `<a name="fr-3">` of the
    one shape the renderer writes, and the `</a>` right after it."""
    found: set[int] = set()
    for index, child in enumerate(children[:-1]):
        if child.type == "html_inline" and ANCHOR.fullmatch(child.content) \
                and children[index + 1].type == "html_inline" \
                and children[index + 1].content == "</a>":
            found.update((index, index + 1))
    return found


def inline_text(token: Token) -> str:
    """The text an inline token shows (escapes and entities resolved, markup and item
    anchors dropped)."""
    parts = []
    children = token.children or []
    skipped = anchors(children)
    for index, child in enumerate(children):
        if index in skipped:
            continue
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def headings(text: str) -> list[tuple[int, str]]:
    tokens = parse(text)
    return [(int(token.tag[1]), inline_text(tokens[index + 1]))
            for index, token in enumerate(tokens) if token.type == "heading_open"]


def raw_html(text: str) -> list[str]:
    """Every piece of raw HTML, except the marker comment, the `<br>` of table cells, the
    item anchors and HTML comments (a block of comments only, or one inline: a reader hides
    them, and they can hold no markup)."""
    found = []
    for token in parse(text):
        if token.type == "html_block" and COMMENT.sub("", token.content).strip():
            found.append(token.content)
        children = token.children or []
        skipped = anchors(children)
        found.extend(child.content for index, child in enumerate(children)
                     if child.type == "html_inline" and child.content != "<br>"
                     and index not in skipped and not COMMENT.fullmatch(child.content))
    return found


def item_anchors(text: str) -> list[str]:
    """The ids of the item anchors of a page, in order."""
    found: list[str] = []
    for token in parse(text):
        children = token.children or []
        found.extend(ANCHOR_ID.findall(children[index].content)[0]
                     for index in sorted(anchors(children))
                     if children[index].content != "</a>")
    return found


@dataclass(frozen=True)
class Table:
    """A parsed table: header texts, body cell texts, and the source lines of its rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source_rows: tuple[str, ...]


def tables(text: str) -> list[Table]:
    lines = text.split("\n")
    found = []
    current: list[list[str]] = []
    source: list[str] = []
    tokens = parse(text)
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            current, source = [], []
            assert token.map is not None
            source = lines[token.map[0]:token.map[1]]
        elif token.type == "tr_open":
            current.append([])
        elif token.type in ("th_open", "td_open"):
            current[-1].append(inline_text(tokens[index + 1]))
        elif token.type == "table_close":
            found.append(Table(tuple(current[0]), tuple(tuple(row) for row in current[1:]),
                               tuple(line for number, line in enumerate(source) if number != 1)))
            current = []
    return found


def split_row(line: str) -> list[str]:
    """A table row's cells as GFM splits them: a pipe right after a backslash never splits
    (markdown-it's rule, and cmark-gfm's, whose cell scanner takes the longest match of
    `(escaped_char|[^|\\r\\n])+`), and each `\\|` becomes `|` before inlines are read."""
    cells = re.split(r"(?<!\\)\|", line)
    return [cell.replace("\\|", "|") for cell in cells[1:-1]]  # rows start and end with `|`


def links(text: str, *, trusting: bool = False, html_as_text: bool = False) -> list[str]:
    """The destination of every link and image, in order (with `trusting`, of any scheme;
    with `html_as_text`, reading raw HTML as text)."""
    parser = TRUSTING_PARSER if trusting else TEXT_HTML_PARSER if html_as_text else PARSER
    found = []
    for token in parser.parse(text):
        for child in token.children or []:
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
            elif child.type == "image":
                found.append(str(child.attrs["src"]))
    return found


def inline_kinds(text: str) -> set[str]:
    """The kinds of every inline token, but for text."""
    return {child.type for token in parse(text) for child in token.children or []
            if child.type != "text"}

"""Make any text safe inside a Markdown page: plain text, Markdown text, table cells, code.

Pages are read twice, rendered and as raw text in pull requests, so only what would change
the rendering is escaped: `2.4`, `99.95%` and `< 200 ms` stay as written.

Spec text comes in two kinds. Plain values (titles, names, targets) are escaped so they show
exactly as written, wherever a page puts them (a heading, a table cell, a list item, bold).
Markdown values (summaries, descriptions) stay Markdown, but nothing in them may change the
page around them:

- no raw HTML: a `<` that could open a tag, comment or declaration is escaped, so
  `<script>` is text; autolinks to web and mail addresses (`<https://…>`) stay links;
- no links but to web and mail addresses and relative paths: a `javascript:` (or other)
  destination keeps its text but loses its link, and relative destinations are rebased
  from the spec's folder to the page's (see `links.py`);
- no headings: a `#` or a setext underline (`---`, `===`) at the start of a line, after any
  list or quote markers, is escaped (and so is a rule of dashes, which would swallow the
  page's list item it starts);
- no runaway code block: a fence opened in the text is closed at its end; a fence-like line
  the parser might read differently (indented, after a label) is escaped instead;
- code spans are kept only where every CommonMark parser must see them: each line is paired
  on its own and every other backtick is escaped, so a span cannot reach across lines or
  blocks; and when a link's destination or title might hold a backtick (which would then
  open no span), spans holding `]` or `)` are not trusted either.

In a table cell, lines are joined with `<br>` and every `|` is escaped, inside code spans
and autolinks too (GFM splits cells before it reads code spans, and removes one backslash
before each `|`).
"""

from __future__ import annotations

import re
from typing import Final

from specrepo.base.links import NO_REBASE, LinkBase, is_linkable

_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ASCII_PUNCTUATION: Final = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPACES: Final = frozenset(" \t")
_SPAN_LINK_SYNTAX: Final = re.compile(r"(\\[!-/:-@\[-`{-~])|[\[\]<]")
# Characters of plain text that are Markdown wherever they stand.
_ALWAYS: Final = frozenset("`[]|$")
_PLAIN_SPECIAL: Final = re.compile(r"[`\[\]|$\\<&]")
_DELIMITER_RUN: Final = re.compile(r"\*+|_+|~+")
_PLAIN_ATTENTION: Final = re.compile(r"[`\[\]|$\\<&*_~#]")
_BLOCK_FIRST_CHARACTERS: Final = frozenset("-+*>#=0123456789")
# A `<` that may open raw HTML (tag, closing tag, comment, declaration, processing
# instruction) or an autolink, including a mail autolink such as `<1@example.com>`.
_OPENS_TAG: Final = re.compile(r"<(?:[A-Za-z/!?]|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@)")
_AUTOLINK: Final = re.compile(
    r"<(?:([A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>\x00-\x1f]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_{}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>")
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);")
# Any whitespace counts, as some parsers trim a line of Unicode spaces too.
_PLAIN_BLOCK_START: Final = re.compile(r">|(?:[-+*]|#{1,6}|[0-9]{1,9}[.)])(?=\s|$)")
_PLAIN_CLOSING_HASHES: Final = re.compile(r"(?:^|[ \t])(#+)$")
# Block quote, bullet and ordered-list markers that may open a line before its content.
_CONTAINERS: Final = re.compile(
    r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*")
# A setext underline, or a rule of dashes, which would turn the list item it starts (`- ---`)
# into a thematic break.
_UNDERLINE: Final = re.compile(r"(?:=+[ \t]*|-[- \t]*)$")
_ATX_HEADING: Final = re.compile(r"#{1,6}(?=\s|$)")
_FENCE_OPENING: Final = re.compile(r"(`{3,})[^`]*$|(~{3,})")
_INLINE_ATTENTION: Final = re.compile(r"[\\`<|\]]")
_INLINE_TOKEN: Final = re.compile(r"\\[!-/:-@\[-`{-~]|`+|<|\||\][(:]")
_DESTINATION: Final = re.compile(r"[ \t]*(\S*)")
_BACKTICK_RUN: Final = re.compile(r"`+")
_LINK_CLOSERS: Final = frozenset("])")
_LINK_TAIL: Final = re.compile(r"\]([(\[])")
# A destination (or reference label) whose end is certain and which holds no backtick.
_PLAIN_TAILS: Final = {"(": re.compile(r"[^`\"'()\n]*\)"), "[": re.compile(r"[^`\[\]\n]*\]")}
# The part of a destination that holds nothing else to escape.
_PLAIN_DESTINATION: Final = re.compile(r"[^\s<>()\\`&|]*")
_DEFINITION: Final = re.compile(r"\[(?:[^\[\]\\]|\\.)+\]:")
# A destination in `<…>` (perhaps with spaces) that ends a link or comes before its title.
_POINTY_DESTINATION: Final = re.compile(r"<([^<>\n\\]*)>(?=[ \t)]|$)")


def clean(text: str) -> str:
    """Line endings as `\\n`; control characters and lone surrogates as U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("\ufffd", text)


def plain(text: str) -> str:
    """Plain text as inline Markdown that shows exactly the text, on one line.

    A character is escaped only where it would be Markdown: `*`, `_` and `~` only where
    they could open or close emphasis or strikethrough, `<` only before what could be a
    tag or an autolink, `&` only where it starts a character reference, `#`, `>`, `-`, `+`
    and `1.` only where they could start a block. Brackets, backticks, `|` and `$` (GitHub
    math) are always escaped. Whatever text comes before or after it (but a `;` right after
    it, which could end a reference such as `&amp`), the result shows as written, and it
    opens no block in a heading, table cell or list item.
    """
    return _escaped(text, starts_line=True)


def plain_cell(text: str) -> str:
    """Plain text as the content of one GFM table cell: like `plain`, but what could only
    start a block (`> 5%`, `- 20%`, `1. x`, `# x`) is left as written, since no block
    starts in a cell."""
    return _escaped(text, starts_line=False)


def _escaped(text: str, *, starts_line: bool) -> str:
    text = clean(text).replace("\n", " ").strip()
    if _PLAIN_ATTENTION.search(text) is None and not (starts_line
                                                      and text[:1] in _BLOCK_FIRST_CHARACTERS):
        return text  # most values: nothing to look at
    marks = _plain_marks(text, starts_line)
    if not marks:
        return text
    parts = []
    start = 0
    for index in sorted(marks):
        parts.append(f"{text[start:index]}\\")
        start = index
    return "".join(parts) + text[start:]


def _plain_marks(text: str, starts_line: bool) -> set[int]:
    """The positions in one line of plain text to escape."""
    marks = {found.start() for found in _PLAIN_SPECIAL.finditer(text)
             if found.group() in _ALWAYS
             or (found.group() == "\\" and _escapes_next(text, found.start()))
             or (found.group() == "<" and (_OPENS_TAG.match(text, found.start())
                                           or found.end() == len(text)))
             or (found.group() == "&" and _ENTITY.match(text, found.start()))}
    marks.update(_delimiter_marks(text))
    if not starts_line:
        return marks
    block = _PLAIN_BLOCK_START.match(text)
    if block is not None:
        # `1.` is escaped at its `.`: `1\.` is text, `\1.` would still be a list.
        marks.add(block.end() - 1 if text[0].isdigit() else 0)
    elif _UNDERLINE.fullmatch(text):
        marks.add(0)
    if "#" in text:
        closing = _PLAIN_CLOSING_HASHES.search(text)
        if closing is not None:
            marks.add(closing.start(1))  # in a heading, a closing `#` run would be dropped
    return marks


def _escapes_next(text: str, index: int) -> bool:
    """Whether a backslash would escape what follows it (or what a caller puts after it)."""
    return index == len(text) - 1 or text[index + 1] in _ASCII_PUNCTUATION


def _delimiter_marks(text: str) -> set[int]:
    """Every character of the `*`, `_` and `~` runs that could open or close emphasis or
    strikethrough (CommonMark's flanking rules; an edge of the text may meet anything)."""
    marks: set[int] = set()
    for run in _DELIMITER_RUN.finditer(text):
        before = text[run.start() - 1] if run.start() > 0 else None
        after = text[run.end()] if run.end() < len(text) else None
        spaced = before in _SPACES and after in _SPACES
        inside_word = run.group()[0] == "_" and before is not None and after is not None \
            and before.isalnum() and after.isalnum()
        if not (spaced or inside_word):
            marks.update(range(run.start(), run.end()))
    return marks


def markdown_lines(text: str, *, after_label: bool = False,
                   links: LinkBase = NO_REBASE) -> list[str]:
    """Markdown text as lines that keep their meaning but cannot break the page.

    `after_label` says the first line follows other text on its line (`**Purpose**: …`),
    so it cannot open a code block. Relative link destinations are rebased with `links`.
    The caller indents the lines it places in a list item.
    """
    text = clean(text)
    trust_spans = _trusts_spans(text)
    escaped: list[str] = []
    fence = ""
    for number, line in enumerate(text.strip().split("\n")):
        if fence:
            escaped.append(line)
            if _closes(line, fence):
                fence = ""
            continue
        opening = None if after_label and number == 0 else _FENCE_OPENING.match(line)
        if opening is not None:
            fence = opening.group(1) or opening.group(2)
            escaped.append(line)
            continue
        escaped.append(_escape_line(line, trust_spans, links))
    if fence:
        escaped.append(fence)
    return escaped


def markdown_cell(text: str, links: LinkBase = NO_REBASE) -> str:
    """Markdown text as the content of one GFM table cell."""
    text = clean(text)
    trust_spans = _trusts_spans(text)
    lines = []
    for line in text.strip().split("\n"):
        escaped = _escape_inline(line, trust_spans, links, in_cell=True)
        # A trailing backslash would escape the `<` of the `<br>` that follows.
        lines.append(escaped + " " if escaped.endswith("\\") else escaped)
    return "<br>".join(lines).rstrip()


def longest_backtick_run(text: str) -> int:
    """The length of the longest run of backticks in `text` (0 if none)."""
    return max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)


def code_span(text: str) -> str:
    """Text as an inline code span, whatever backticks it holds."""
    text = clean(text).replace("\n", " ")
    ticks = "`" * (longest_backtick_run(text) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _trusts_spans(text: str) -> bool:
    """Whether no link can swallow the opening backtick of a code span."""
    return all(_PLAIN_TAILS[tail.group(1)].match(text, tail.end())
               for tail in _LINK_TAIL.finditer(text))


def _closes(line: str, fence: str) -> bool:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return False
    run = len(stripped) - len(stripped.lstrip(fence[0]))
    return run >= len(fence) and not stripped[run:].strip(" \t")


def _escape_line(line: str, trust_spans: bool, links: LinkBase) -> str:
    if not line.strip():
        return ""
    quoted = len(line) - len(line.lstrip(" \t>"))  # past any block quote markers
    if _UNDERLINE.match(line, quoted):
        return f"{line[:quoted]}\\{line[quoted:]}"
    containers = _CONTAINERS.match(line)
    start = containers.end() if containers else 0
    prefix, rest = line[:start], line[start:]
    if _ATX_HEADING.match(rest) or rest.startswith("~~~"):
        rest = "\\" + rest
    return prefix + _escape_inline(rest, trust_spans, links, in_cell=False)


def _escape_inline(text: str, trust_spans: bool, links: LinkBase, *, in_cell: bool) -> str:
    if not _INLINE_ATTENTION.search(text):
        return text
    parts = []
    position = 0
    while (token := _INLINE_TOKEN.search(text, position)) is not None:
        start, end = token.span()
        parts.append(text[position:start])
        position = end
        kind = text[start]
        if kind == "\\":
            parts.append(token.group())
        elif kind == "`":
            ticks = end - start
            closing = _closing_run(text, end, ticks)
            if closing is None:
                parts.append("\\`" * ticks)
            elif trust_spans or not _LINK_CLOSERS & set(text[end:closing]):
                span = text[start:closing + ticks]
                parts.append(span.replace("|", "\\|") if in_cell else span)
                position = closing + ticks
            else:
                # Not surely a span: its backticks, brackets and `<` become text, so what it
                # holds can neither open nor close a link nor be an autolink.
                inner = _escape_inline(_SPAN_LINK_SYNTAX.sub(_escape_link_syntax,
                                                             text[end:closing]),
                                       trust_spans, links, in_cell=in_cell)
                parts.append("\\`" * ticks + inner + "\\`" * ticks)
                position = closing + ticks
        elif kind == "<":
            autolink = _AUTOLINK.match(text, start)
            if autolink is not None and (autolink.group(1) is None or is_linkable(autolink[0])):
                parts.append(autolink[0].replace("|", "\\|") if in_cell else autolink[0])
                position = autolink.end()
            else:
                parts.append("\\<" if _OPENS_TAG.match(text, start) else "<")
        elif kind == "]":
            # A reference definition (`[label]: url`) stands at the start of a line.
            rebase = text[start + 1] == "(" or bool(_DEFINITION.fullmatch(text, 0, end))
            destination = _linked_destination(text, end, links if rebase else NO_REBASE)
            if destination is None:
                parts.append(f"]\\{text[start + 1]}")  # looks like a link, shows as text
            else:
                parts.append(text[start:end] + destination[0])
                position = destination[1]
        else:
            parts.append("\\|" if in_cell else "|")
    parts.append(text[position:])
    return "".join(parts)


def _linked_destination(text: str, start: int, links: LinkBase) -> tuple[str, int] | None:
    """What follows `](` or `]:` at `start`, up to the end of the destination's plain part,
    rebased, and where that part ends; None when this may not become a link (an unsafe
    scheme, or a destination on the next line, where this line cannot judge it)."""
    written = _DESTINATION.match(text, start)
    assert written is not None  # the pattern matches the empty string
    if not written.group(1) or not is_linkable(written.group(1)):
        return None
    pointy = _POINTY_DESTINATION.match(text, written.start(1))
    plain = None if pointy is None else pointy.group(1).replace(" ", "%20")
    if pointy is not None and plain is not None and _PLAIN_DESTINATION.fullmatch(plain) \
            and is_linkable(plain):
        # `<../a b.md>` means `../a%20b.md`: written so, it is rebased as any other, and
        # its `<` can never be read as the start of an HTML tag.
        return text[start:written.start(1)] + links.rebase(plain), pointy.end()
    path = _PLAIN_DESTINATION.match(text, written.start(1))
    assert path is not None
    return text[start:written.start(1)] + links.rebase(path.group()), path.end()


def _escape_link_syntax(found: re.Match[str]) -> str:
    """A bracket or `<` escaped; a backslash escape left as it is."""
    return found.group() if found.group(1) else f"\\{found.group()}"


def _closing_run(text: str, start: int, length: int) -> int | None:
    """Where the next run of exactly `length` backticks starts, if there is one."""
    for run in _BACKTICK_RUN.finditer(text, start):
        if run.end() - run.start() == length:
            return run.start()
    return None

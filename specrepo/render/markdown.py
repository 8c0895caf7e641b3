"""Make any text safe inside a Markdown page: plain text, Markdown text, table cells, code.

Pages are read twice, rendered and as raw text in pull requests, so only what would change
the rendering is escaped: `2.4`, `99.95%` and `< 200 ms` stay as written.

Spec text comes in two kinds. Plain values (titles, names, targets) are escaped so they show
exactly as written, wherever a page puts them (a heading, a table cell, a list item, bold).
Markdown values (summaries, descriptions) stay Markdown, byte for byte, and mean what the
site's parser reads in them (`markdown_source.py`: code spans, code blocks and escapes are
the parser's, so they are never touched), but nothing in them may change the page around
them:

- no raw HTML: a `<` that could open a tag, comment or declaration is escaped, so
  `<script>` is text; autolinks to web and mail addresses (`<https://…>`) stay links;
- no links but to web and mail addresses and relative paths: a `javascript:` (or other)
  destination keeps its text but loses its link (its `(`, or a definition's `:`, is
  escaped), and the destinations of real links are rebased from the spec's folder to the
  page's (`base.links.LinkBase`);
- a text of one line is the paragraph it reads as, in a list item as in a section: what
  would open another block at its start (`*`, `- x`, `1. x`, `> x`, `---`, a fence, an
  HTML comment, indentation) is escaped or dropped (`base.block_starts`), as the site
  does; the blocks of a text of more lines are its own;
- no headings: a `#` at the start of a line, after any list or quote markers, is escaped,
  and so is a setext underline (`---`, `===`) under a paragraph (a rule of dashes on the
  first line of a text of more lines stays one: a list item puts it on the line after its
  marker, `blocks`);
- nothing that a list marker or a label before the first line would make a table of: a
  table's header row starts with its own `|`, a paragraph's leading `|` is escaped (and a
  delimiter row under it);
- no runaway code block: a fence the text leaves open is closed at its end;
- a text that needs none of the parser (no `[`, `<`, fence, code indentation or
  underline) is not parsed.

In a table cell, lines are joined with `<br>` (a line's hard break, a backslash at its end,
dropped; any other backslash that ends a line doubled, `base.line_end_backslashes`) and
every `|` is escaped, inside code spans and autolinks too (GFM splits cells before it
reads code spans, and removes one backslash before each `|`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final

from specrepo.base.block_starts import UNDERLINE, block_start, one_line_paragraph
from specrepo.base.line_end_backslashes import cell_lines, literal_end
from specrepo.base.links import CONTROL_CHARACTERS, NO_REBASE, LinkBase, linkable
from specrepo.base.name_forms import shown_name
from specrepo.base.one_line import bidi_escaped
from specrepo.render.markdown_source import OPENS_TAG, read_source
from specrepo.render.markdown_spans import MarkdownSource

_ASCII_PUNCTUATION: Final = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPACES: Final = frozenset(" \t")
# Characters of plain text that are Markdown wherever they stand.
_ALWAYS: Final = frozenset("`[]|$")
_PLAIN_SPECIAL: Final = re.compile(r"[`\[\]|$\\<&]")
_DELIMITER_RUN: Final = re.compile(r"\*+|_+|~+")
_PLAIN_ATTENTION: Final = re.compile(r"[`\[\]|$\\<&*_~#]")
_BLOCK_FIRST_CHARACTERS: Final = frozenset("-+*>#=0123456789")
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);")
_PLAIN_CLOSING_HASHES: Final = re.compile(r"(?:^|[ \t])(#+)$")
# Block quote, bullet and ordered-list markers that may open a line before its content.
_CONTAINERS: Final = re.compile(
    r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*")
# A line that may be a table's delimiter row (`-|`, `:-:`, `|---|`): under a first line
# that a list marker or a label starts, it would make a table of the two.
_DELIMITER_ROW: Final = re.compile(r"(?=[^\n]*-) {0,3}([|:-])[-|: \t]*$")
_LEADING_PIPE: Final = re.compile(r" {0,3}(\|)")
_LIST_ITEM: Final = re.compile(r" {0,3}-[ \t]")
_ATX_HEADING: Final = re.compile(r"#{1,6}(?=\s|$)")
_BACKTICK_RUN: Final = re.compile(r"`+")
# What only the parser can place: a link, raw HTML or an autolink, a fence, and indentation
# that may make a code block (`_needs_parser`); and lines that may underline a paragraph,
# be a rule or a table's delimiter row, which need a `-` or `=`.
_NEEDS_PARSER_LINE: Final = re.compile(
    r"^[ >]*(?:=+|-[- ]*) *$|^(?=[^\n]*-) {0,3}[|:-][-|: ]*$", re.MULTILINE)
# A first line that may start another block than a paragraph (or a table's header row).
_BLOCK_OPENING: Final = re.compile(r" {0,3}[-+*>_|0-9]|[^\n]*\|")
_CELL_NEEDS_PARSER: Final = re.compile(rf"[\[\]`]|{OPENS_TAG.pattern}")
# In a destination written again: what could end it, or be read as an escape or entity.
_WRITTEN_IN_DESTINATION: Final = re.compile(r"[()\\<>&]")
# `](` and the start of what may be a link's destination.
_LINK_OPENING: Final = re.compile(r"\]\([ \t]*(\S*)")
_PIPE: Final = re.compile(r"(\\*)\|")
_BACKTICK: Final = re.compile(r"(\\*)`")


def clean(text: str) -> str:
    """Line endings as `\\n`; control characters as U+FFFD; a file name's bytes that are
    not UTF-8 (lone surrogates) and the bidirectional overrides as the escapes text output
    writes (`caf\\xe9`: `base.name_forms.shown_name`; `\\u202e`: `bidi_escaped`), which
    show as written in Markdown, since only ASCII punctuation takes a `\\`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and text.isprintable():  # most values: nothing to look for
        return text
    text = CONTROL_CHARACTERS.sub(_shown_control, text)
    # The bidirectional controls are not ASCII (`isascii` reads a flag).
    return text if text.isascii() else bidi_escaped(text)


def _shown_control(found: re.Match[str]) -> str:
    """A control character as U+FFFD; a lone surrogate (a file name's byte that is not
    UTF-8) as text shows it (`\\xe9`)."""
    char = found.group()
    return shown_name(char) if "\ud800" <= char <= "\udfff" else "\ufffd"


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
             or (found.group() == "<" and (OPENS_TAG.match(text, found.start())
                                           or found.end() == len(text)))
             or (found.group() == "&" and _ENTITY.match(text, found.start()))}
    marks.update(_delimiter_marks(text))
    if not starts_line:
        return marks
    block = block_start(text)
    if block is not None:
        marks.add(block)
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

    `after_label` says the first line follows other text on its line (`**Purpose**: …`):
    a text that does not start with a paragraph then starts on a line of its own, after a
    blank line (`["", "", …]`), as the site shows it. Relative link destinations are
    rebased with `links`. The caller indents the lines it places in a list item.
    """
    lines = _trimmed_lines(one_line_paragraph(clean(text)))
    if lines == [""]:
        return lines
    if len(lines) == 1 and _plain_paragraph(lines[0], after_label):
        # Most texts: what follows would find nothing to escape, rebase or close.
        return [lines[0].strip() if after_label else lines[0].rstrip()]
    return _escaped_lines(lines, after_label, links)


def _escaped_lines(lines: list[str], after_label: bool, links: LinkBase) -> list[str]:
    """`markdown_lines` of the text of `lines` (trimmed, not blank), read by the parser
    where it needs to be (`_source`)."""
    text = "\n".join(lines)
    source = _source(text, after_label)
    escapes = source.escapes | _block_escapes(lines, source)
    edited = _edited(text, _destination_edits(text, source, links), escapes).split("\n")
    for number, line in enumerate(edited):
        if number not in source.code_lines and not line.strip(" \t"):
            edited[number] = ""
    if len(edited) - 1 not in source.code_lines:
        edited[-1] = edited[-1].rstrip()
    if source.starts_with_table and not edited[0].lstrip(" ").startswith("|"):
        # The header row's own `|` first: a list marker before it would be a cell of a
        # table that holds the list item.
        indentation = len(edited[0]) - len(edited[0].lstrip(" "))
        edited[0] = f"{edited[0][:indentation]}|{edited[0][indentation:]}"
    if source.unclosed_fence is not None:
        edited.append(source.unclosed_fence)
    if not after_label:
        return edited
    if source.starts_with_paragraph:
        return [edited[0].lstrip(), *edited[1:]]
    return ["", "", *edited]


def markdown_cell(text: str, links: LinkBase = NO_REBASE) -> str:
    """Markdown text as the content of one GFM table cell: each line read on its own (as
    the site reads it, `base.line_end_backslashes.cell_lines`: a hard break's backslash
    dropped), the lines joined with `<br>`. A backslash that ends a line is doubled, so
    that it shows as itself before the `<br>` or whatever markup the cell goes on with
    (GFM reads `\\<br>` as the text `<br>`)."""
    return "<br>".join(literal_end(_cell_line(line, links)) for line in cell_lines(clean(text)))


def longest_backtick_run(text: str) -> int:
    """The length of the longest run of backticks in `text` (0 if none)."""
    return max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)


def code_span(text: str) -> str:
    """Text as an inline code span, whatever backticks it holds."""
    text = clean(text).replace("\n", " ")
    ticks = "`" * (longest_backtick_run(text) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _trimmed_lines(text: str) -> list[str]:
    """The lines of `text` without the blank lines around them (the first line's
    indentation kept: it may start a code block)."""
    if "\n" not in text:  # most texts: one line
        return [text] if text.strip(" \t") else [""]
    lines = text.split("\n")
    first = next((number for number, line in enumerate(lines) if line.strip(" \t")), None)
    if first is None:
        return [""]
    last = max(number for number, line in enumerate(lines) if line.strip(" \t"))
    return lines[first:last + 1]


def _source(text: str, after_label: bool) -> MarkdownSource:
    """What the parser finds in `text`; nothing, without running it, in a text that can hold
    no link, raw HTML, code block or (after a label) other block than a paragraph."""
    if not _needs_parser(text) \
            and not (after_label and _BLOCK_OPENING.match(text) is not None):
        return MarkdownSource()
    return read_source(text)


def _plain_paragraph(line: str, after_label: bool) -> bool:
    """Whether one line of Markdown text is a paragraph with nothing to escape: nothing the
    parser would place (`_source`), no `#` that could open a heading and no `|` that could
    start a table (`_block_escapes`)."""
    return "#" not in line and "|" not in line and not _needs_parser(line) \
        and not (after_label and _BLOCK_OPENING.match(line) is not None)


def _needs_parser(text: str) -> bool:
    """Whether `text` holds what only the parser can place (see `_NEEDS_PARSER_LINE`):
    a link's `[`, a fence, a tab or four spaces (code indentation), raw HTML, or a line
    that may underline. Looked for with `in` (each written out: a generator over them
    cost more than the look), and with a regular expression only where its character is
    (one expression over every position of every text was a tenth of drawing a page)."""
    return "[" in text or "\t" in text or "```" in text or "~~~" in text or "    " in text \
        or ("<" in text and OPENS_TAG.search(text) is not None) \
        or (("-" in text or "=" in text) and _NEEDS_PARSER_LINE.search(text) is not None)


def _block_escapes(lines: list[str], source: MarkdownSource) -> set[int]:
    """The positions of what would start a heading in a reader with headings (a `#` run
    after any container markers, a setext underline where it underlines a paragraph), and
    of what would make a table of the first line and the next once a list marker or a
    label precedes the first (its leading `|`, which would leave the marker a cell of its
    own, and a delimiter row right under it), in the lines that are not code."""
    escapes: set[int] = set()
    offset = 0
    piped = False  # whether the first line's leading `|` is escaped
    for number, line in enumerate(lines):
        if number not in source.code_lines and line.strip():
            quoted = len(line) - len(line.lstrip(" \t>"))  # past any block quote markers
            containers = _CONTAINERS.match(line)
            start = containers.end() if containers else 0
            table = None
            if number == 0 and not source.starts_with_table:
                table = _LEADING_PIPE.match(line)
            elif number == 1 and piped and not _LIST_ITEM.match(line):
                # Escaped, a delimiter row that continues the paragraph stays text, and
                # one that is a table's header row stays one.
                table = _DELIMITER_ROW.match(line)
            if number in source.underlined and UNDERLINE.match(line, quoted):
                escapes.add(offset + quoted)
            elif table and not _in_code_span(offset + table.start(1), source):
                escapes.add(offset + table.start(1))  # (a table's cells hold code whole)
                piped = number == 0
            elif _ATX_HEADING.match(line, start):
                escapes.add(offset + start)
        offset += len(line) + 1
    return escapes


def _in_code_span(position: int, source: MarkdownSource) -> bool:
    return any(start <= position < end for start, end in source.code)


def _destination_edits(text: str, source: MarkdownSource,
                       links: LinkBase) -> list[tuple[int, int, str]]:
    """The destinations that `links` rebases, as `start`, `end` and what to write there:
    the path that leads from the page to the destination's as written (in `<…>` if it
    was), or, where the rebased URL is no path before it, that URL."""
    edits = []
    for destination in source.destinations:
        rebased = links.rebase(destination.href, image=destination.image)
        if rebased == destination.href:
            continue
        written = text[destination.start:destination.end]
        pointy = written.startswith("<")
        if destination.href and rebased.endswith(destination.href):
            before = rebased[:len(rebased) - len(destination.href)]
            new = _WRITTEN_IN_DESTINATION.sub(r"\\\g<0>", before) \
                + (written[1:-1] if pointy else written)
        else:
            new = _WRITTEN_IN_DESTINATION.sub(r"\\\g<0>", rebased)
        edits.append((destination.start, destination.end, f"<{new}>" if pointy else new))
    return edits


def _edited(text: str, replaced: list[tuple[int, int, str]], escapes: Collection[int]) -> str:
    """`text` with the spans of `replaced` replaced, and a backslash before each position
    of `escapes` outside them."""
    edits = sorted([*replaced, *((position, position, "\\") for position in escapes
                                 if not any(start <= position < end
                                            for start, end, _ in replaced))])
    parts, position = [], 0
    for start, end, written in edits:
        parts.append(text[position:start] + written)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _cell_line(line: str, links: LinkBase) -> str:
    """One line of a cell's Markdown text: its links rebased, what would be raw HTML or an
    unsafe link escaped, and every `|` escaped, in code spans and autolinks too (GFM splits
    cells before it reads code spans, and removes one backslash before each `|`). A
    backtick or `](` that opens nothing on this line is escaped, so that no code span or
    link reaches across the `<br>` to the next line."""
    if _CELL_NEEDS_PARSER.search(line) is None:
        return _edited(line, [], _unescaped(_PIPE, line)) if "|" in line else line
    source = read_source(line, inline=True)

    def in_code(position: int) -> bool:
        return any(start <= position < end for start, end in source.code)

    escapes = set(source.escapes)
    escapes.update(found.start() + 1 for found in _LINK_OPENING.finditer(line)
                   if not in_code(found.start()) and not linkable(found.group(1)))
    escapes.update(position for position in _unescaped(_BACKTICK, line)
                   if not in_code(position))
    escapes.update(position for position in _unescaped(_PIPE, line) if not in_code(position))
    escapes.update(found.start() for found in re.finditer(r"\|", line)
                   if in_code(found.start()))
    return _edited(line, _destination_edits(line, source, links), escapes)


def _unescaped(pattern: re.Pattern[str], line: str) -> set[int]:
    """The positions of the characters `pattern` ends with (after its group of backslashes)
    that no backslash escapes already (those after an even run of backslashes)."""
    return {found.end() - 1 for found in pattern.finditer(line) if len(found.group(1)) % 2 == 0}

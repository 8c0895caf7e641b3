"""Where a spec text's links, raw HTML and code stand, as the parser of spec Markdown reads
it (`load.spec_markdown`, the site's parser, without headings): the positions render changes
and those it must leave alone.

markdown-it-py gives no positions inside a block. Here its link, image, autolink and code
span rules, and its block rules of link reference definitions and tables, are wrapped so
that each notes where it matched (the tokens stay those of the site's parser), and each
inline token's content is aligned with the lines it was cut from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import field
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.links import linkable
from specrepo.load.markdown_comments import comment_block, comment_end
from specrepo.render.destinations import destination_opening
from specrepo.render.markdown_spans import (
    Aligned,
    Destination,
    MarkdownSource,
    label_end,
    table_cells,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

OPENS_TAG: Final = re.compile(r"<(?:[A-Za-z/!?]|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@)")
"""A `<` that may open raw HTML (a tag, closing tag, comment, declaration, processing
instruction) or an autolink, a mail autolink such as `<1@example.com>` included."""
_NOTES: Final = "specrepo_notes"
_IN_A_CELL: Final = "specrepo_in_a_cell"
_LINE_END: Final = re.compile("\n")
_SPACES: Final = " \t\n"
_CELL_OPENINGS: Final = frozenset({"th_open", "td_open"})

InlineRule = Callable[["StateInline", bool], bool]
BlockRule = Callable[["StateBlock", int, int, bool], bool]


@dataclass
class _Marks:
    """What the inline rules noted in one inline content, at its offsets."""

    destinations: list[Destination] = field(default_factory=list)
    escapes: list[int] = field(default_factory=list)
    code: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Notes:
    """What the wrapped rules noted while one text was parsed.

    `owners`: the index of the inline token each children list (by id) was made for;
    `alts`: for an image's alternative text, parsed on its own, the list it stands in and
    its offset there; `inline`: the marks by children list (the lists themselves are kept
    in `lists`, so that no id is reused); `source`: marks of block rules, by position in
    the text; `definitions`: the `[` and the `:` of a definition of an unsafe destination;
    `rows`: each table row's text, `start:end`, by line."""

    owners: dict[int, int] = field(default_factory=dict)
    alts: dict[int, tuple[int, int]] = field(default_factory=dict)
    inline: dict[int, _Marks] = field(default_factory=dict)
    lists: list[list[Token]] = field(default_factory=list)
    source: MarkdownSource = field(default_factory=MarkdownSource)
    definitions: list[tuple[int, int]] = field(default_factory=list)
    rows: dict[int, tuple[int, int]] = field(default_factory=dict)

    def marks(self, tokens: list[Token]) -> _Marks:
        found = self.inline.get(id(tokens))
        if found is None:
            found = self.inline[id(tokens)] = _Marks()
            self.lists.append(tokens)
        return found


def read_source(text: str, *, inline: bool = False) -> MarkdownSource:
    """What `text` (clean: `\\n` line ends, no NUL) holds, where the parser finds it; read
    as one line of inline content (a table cell's) with `inline`."""
    notes = _Notes()
    parser = _parser()
    tokens = parser.parseInline(text, {_NOTES: notes, _IN_A_CELL: True}) if inline \
        else parser.parse(text, {_NOTES: notes})
    source = notes.source
    line_starts = [0, *(found.end() for found in _LINE_END.finditer(text))]
    opening = tokens[0] if tokens and tokens[0].map is not None \
        and tokens[0].map[0] == 0 else None
    source.starts_with_paragraph = opening is not None and opening.type == "paragraph_open"
    source.starts_with_table = opening is not None and opening.type == "table_open"
    _read_blocks(text, tokens, line_starts, source)
    _place_inline_marks(text, tokens, line_starts, notes)
    for bracket, colon in notes.definitions:
        inside_code = any(start <= colon < end for start, end in source.code)
        source.escapes.add(bracket if inside_code else colon)
    return source


def _read_blocks(text: str, tokens: list[Token], line_starts: list[int],
                 source: MarkdownSource) -> None:
    """Code lines, lines that may be underlines, and a fence left open at the top level."""
    paragraph_ends: set[tuple[int, int]] = set()  # (line, level)
    for token in tokens:
        if token.map is None:
            continue
        first, end = token.map
        if token.type == "paragraph_open":
            source.underlined.update(range(first + 1, end))
            paragraph_ends.add((end, token.level))
        elif token.type == "hr" and (first, token.level) in paragraph_ends:
            source.underlined.add(first)
        if token.type not in ("code_block", "fence"):
            continue
        source.code_lines.update(range(first, end))
        if token.type == "fence" and token.level == 0 and (
                end - 1 == first or not _closes(_line(text, line_starts, end - 1),
                                                token.markup)):
            source.unclosed_fence = token.markup


def _line(text: str, line_starts: list[int], line: int) -> str:
    end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(text)
    return text[line_starts[line]:end]


def _closes(line: str, fence: str) -> bool:
    """Whether `line` is a closing fence of the fence opened with `fence`."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return False
    run = len(stripped) - len(stripped.lstrip(fence[0]))
    return run >= len(fence) and not stripped[run:].strip(" \t")


def _place_inline_marks(text: str, tokens: list[Token], line_starts: list[int],
                        notes: _Notes) -> None:
    """The inline rules' marks, from offsets in each inline content to offsets in `text`."""
    by_token: dict[int, list[tuple[_Marks, int]]] = {}
    for listed, marks in notes.inline.items():
        key, offset = listed, 0
        while key in notes.alts:
            key, shift = notes.alts[key]
            offset += shift
        if key in notes.owners:
            by_token.setdefault(notes.owners[key], []).append((marks, offset))
    cells: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if token.type == "tr_open" and token.map is not None:
            row = notes.rows.get(token.map[0])
            cells = [] if row is None else table_cells(text, *row)
        if token.type != "inline" or token.map is None:
            continue
        in_cell = index > 0 and tokens[index - 1].type in _CELL_OPENINGS
        span = (cells.pop(0) if cells else None) if in_cell else None
        if index not in by_token or (in_cell and span is None):
            continue
        if span is not None:
            start, end = span
        else:
            start = line_starts[token.map[0]]
            last = token.map[1]
            end = line_starts[last] - 1 if last < len(line_starts) else len(text)
        aligned = Aligned(token.content, text, start, end)
        for marks, offset in by_token[index]:
            _place(marks, offset, aligned, notes.source)


def _place(marks: _Marks, offset: int, aligned: Aligned, source: MarkdownSource) -> None:
    for destination in marks.destinations:
        start, end = aligned.span(destination.start + offset, destination.end + offset)
        source.destinations.append(Destination(start, end, destination.href,
                                               destination.image))
    source.escapes.update(aligned.at(position + offset) for position in marks.escapes)
    source.code.extend(aligned.span(start + offset, end + offset) for start, end in marks.code)


@cache
def _parser(*, noting: bool = True) -> MarkdownIt:
    """The parser of spec text (made once, and markdown-it-py imported, when a text first
    needs it): the site's reading of HTML comments, and (with `noting`) markdown-it's rules
    wrapped to note where they match, which changes none of its tokens."""
    from markdown_it import rules_block, rules_inline  # noqa: PLC0415 (see above)

    from specrepo.load.spec_markdown import markdown_parser  # noqa: PLC0415

    parser = markdown_parser(headings=False)
    # Footnote definitions stay where the text has them (the site shows them at the end):
    # an inline token's place in the token list is what its notes are found by.
    parser.core.ruler.disable("footnote_tail")
    inline, block = parser.inline.ruler, parser.block.ruler
    inline.after("autolink", "less_than", _less_than)
    inline.before("less_than", "html_comment", _comment)
    block.before("html_block", "html_comment", comment_block,
                 {"alt": ["paragraph", "reference", "blockquote"]})
    if noting:
        parser.core.ruler.before("inline", "note_inline_tokens", _note_inline_tokens)
        inline.at("link", _noting_links(rules_inline.link, image=False))
        inline.at("image", _noting_links(rules_inline.image, image=True))
        inline.at("autolink", _noting_autolinks(rules_inline.autolink))
        inline.at("backticks", _noting_code(rules_inline.backtick))
        block.at("reference", _noting_definitions(rules_block.reference))
        block.at("table", _noting_rows(rules_block.table), {"alt": ["paragraph", "reference"]})
    return parser


def _notes(env: Any) -> _Notes:
    notes: _Notes = env[_NOTES]
    return notes


def _note_inline_tokens(state: StateCore) -> None:
    """Give each inline token its children list now, noting whose it is (markdown-it's
    `text_join` replaces the list later)."""
    notes = _notes(state.env)
    for index, token in enumerate(state.tokens):
        if token.type == "inline":
            if token.children is None:
                token.children = []
            notes.owners[id(token.children)] = index
            notes.lists.append(token.children)


def _noting_links(rule: InlineRule, *, image: bool) -> InlineRule:
    opening = "![" if image else "["

    def noting(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = rule(state, silent)
        if not silent and state.src.startswith(opening, start):
            end = state.pos
            _note_link(state, start + len(opening) - 1, end if matched else None, image)
            if matched and image:
                _note_alt(state, count, start + len(opening))
        return matched

    return noting


def _note_link(state: StateInline, bracket: int, end: int | None, image: bool) -> None:
    """A link's destination written in its brackets (`[text](destination …)`); or the `(`
    to escape when the destination may not be linked (the parser made no link of it, or a
    browser would read a scheme into it, `linkable`)."""
    label_end = state.md.helpers.parseLinkLabel(state, bracket, not image)
    parenthesis = label_end + 1
    if label_end < 0 or parenthesis >= state.posMax or state.src[parenthesis] != "(":
        return
    start = parenthesis + 1
    while start < state.posMax and state.src[start] in _SPACES:
        start += 1
    found = state.md.helpers.parseLinkDestination(state.src, start, state.posMax)
    if not found.ok:
        return
    href = state.md.normalizeLink(found.str)
    marks = _notes(state.env).marks(state.tokens)
    if not (state.md.validateLink(href) and linkable(state.src[start:found.pos])):
        marks.escapes.append(parenthesis)
    elif end is not None and end > parenthesis:
        marks.destinations.append(Destination(start, found.pos, href, image))


def _note_alt(state: StateInline, count: int, offset: int) -> None:
    """An image's alternative text, parsed on its own, stands at `offset`."""
    for token in state.tokens[count:]:
        if token.type == "image" and token.children is not None:
            notes = _notes(state.env)
            notes.alts[id(token.children)] = (id(state.tokens), offset)
            notes.lists.append(token.children)


def _noting_autolinks(rule: InlineRule) -> InlineRule:
    def noting(state: StateInline, silent: bool) -> bool:
        start = state.pos
        matched = rule(state, silent)
        if matched and not silent:
            marks = _notes(state.env).marks(state.tokens)
            marks.code.append((start, state.pos))
            if not linkable(state.src[start:state.pos]):
                marks.escapes.append(start)
        return matched

    return noting


def _noting_code(rule: InlineRule) -> InlineRule:
    def noting(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = rule(state, silent)
        if matched and not silent and len(state.tokens) > count \
                and state.tokens[-1].type == "code_inline":  # not a run that opens none
            _notes(state.env).marks(state.tokens).code.append((start, state.pos))
        return matched

    return noting


def _comment(state: StateInline, silent: bool) -> bool:
    """An HTML comment inside a paragraph (`load.markdown_comments`) is kept as it is, a
    comment a reader hides (as the site leaves it out), unless it starts a line: there a
    GFM reader would take its last line, and what follows the comment on it, for an HTML
    block of raw HTML, so it is left to `_less_than` (escaped, shown as text). In a table
    cell (`_IN_A_CELL`) no comment starts a block."""
    end = comment_end(state)
    if end is None:
        return False
    line_start = state.src.rfind("\n", 0, state.pos) + 1
    if not state.env.get(_IN_A_CELL) and not state.src[line_start:state.pos].strip(" \t"):
        return False
    if not silent:
        state.pending += state.src[state.pos:end]
    state.pos = end
    return True


def _less_than(state: StateInline, silent: bool) -> bool:
    """A `<` that no rule before took is text, as without this rule; one that could open
    raw HTML or an autolink in a reader with raw HTML on is noted, to be escaped. Where a
    link's destination would start (after `](` or a definition's `]:`), the `<` opened one
    that never closed (`[a](<b\\>)`, `[a]: <b`) and, escaped, would start a destination
    that is read (`\\<b\\>`); inside one that `<` opened, it broke it (`[a](<<b>)`) and,
    escaped, would not. There the `(` (or `:`) is escaped too, so that the text makes no
    link, as it made none."""
    if state.src[state.pos] != "<":
        return False
    if not silent:
        if OPENS_TAG.match(state.src, state.pos):
            marks = _notes(state.env).marks(state.tokens)
            marks.escapes.append(state.pos)
            opening = destination_opening(state.src, state.pos)
            if opening is not None and not any(start <= opening < end  # code is code
                                               for start, end in marks.code):
                marks.escapes.append(opening)
        state.pending += "<"
    state.pos += 1
    return True


def _noting_definitions(rule: BlockRule) -> BlockRule:
    def noting(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        matched = rule(state, start_line, end_line, silent)
        if not silent:
            _note_definition(state, start_line, state.line if matched else end_line, matched)
        return matched

    return noting


def _note_definition(state: StateBlock, first: int, end: int, matched: bool) -> None:
    """A reference definition's destination (`[label]: destination`), as the `reference`
    rule reads it: from the lines' text after their indentation and quote markers; or,
    for a destination that may not be linked, the definition's `[` and `:` to escape."""
    text, starts = "", []
    for line in range(first, min(end, first + 50)):
        if line > first and state.isEmpty(line):
            break
        begin = state.bMarks[line] + state.tShift[line]
        starts.append((len(text), begin))
        text += state.src[begin:state.eMarks[line] + 1]
    label = label_end(text)
    if label is None or text[label + 1:label + 2] != ":":
        return
    start = label + 2
    while start < len(text) and text[start] in _SPACES:
        start += 1
    found = state.md.helpers.parseLinkDestination(text, start, len(text))
    if not found.ok:
        return

    def at(offset: int) -> int:
        piece, begin = starts[bisect_right(starts, (offset, len(state.src))) - 1]
        return begin + offset - piece

    notes = _notes(state.env)
    href = state.md.normalizeLink(found.str)
    if not (state.md.validateLink(href) and linkable(text[start:found.pos])):
        notes.definitions.append((at(0), at(label + 1)))
    elif matched:
        notes.source.destinations.append(
            Destination(at(start), at(found.pos - 1) + 1, href, image=False))


def _noting_rows(rule: BlockRule) -> BlockRule:
    def noting(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        matched = rule(state, start_line, end_line, silent)
        if matched and not silent:
            rows = _notes(state.env).rows
            for line in (start_line, *range(start_line + 2, state.line)):
                rows[line] = (state.bMarks[line] + state.tShift[line], state.eMarks[line])
        return matched

    return noting

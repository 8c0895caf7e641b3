"""Read a Markdown body with a CommonMark parser: its headings and sections, at file lines.

Bodies are parsed by markdown-it-py (CommonMark, plus GFM tables), never by regular
expressions, so a `## Heading` line inside fenced or indented code, an HTML block or a
table is no heading, and setext headings (text underlined with `===` or `---`) are.
The block structure is parsed for the whole body; inline markup only for headings.

Sections and headings are those of the document's outline: top-level headings only, as
pandoc's and GitHub's outlines have them; a heading inside a list item or a block quote
is part of the text of the section it stands in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Final, Literal

from specrepo.base.caseless import caseless_key, is_blank
from specrepo.base.deferred_dataclass import dataclass

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

from specrepo.load.document import Position

_BRACKETED: Final = re.compile(r"\[([^\[\]]+)\]")
"""A bracketed text: a link's text or label, a reference definition's label."""

__all__ = [
    "INTRODUCTION",
    "BodyTitle",
    "Heading",
    "HeadingText",
    "MarkdownBody",
    "Section",
    "body_sections",
    "body_title",
    "heading_key",
    "parse_body",
    "parse_heading",
    "section_label",
    "title_heading",
]


@cache
def _parser(reads: Literal["blocks", "blocks without tables", "inline"]) -> MarkdownIt:
    """The CommonMark parser for what `reads` says, made (and markdown-it-py imported) when
    a Markdown body is first read: a repository of YAML specs never loads it.

    Blocks only: inline parsing (most of markdown-it's time) is done for headings alone. A
    GFM table's header row holds a `|`: a body without one is read without the table rule,
    which costs a quarter of the parse."""
    from markdown_it import MarkdownIt  # noqa: PLC0415 (see the docstring)

    if reads == "inline":
        return MarkdownIt("commonmark")
    from mdit_py_plugins.footnote import footnote_plugin  # noqa: PLC0415 (see the docstring)

    parser = MarkdownIt("commonmark").disable(["inline", "text_join"])
    parser.use(footnote_plugin, inline=False, move_to_end=False)  # GFM's `[^x]: …`
    return parser.enable("table") if reads == "blocks" else parser

_TEXT_TOKENS: Final = frozenset({"text", "text_special", "code_inline"})
_BREAK_TOKENS: Final = frozenset({"softbreak", "hardbreak"})
# Where CommonMark's inline markup, escapes, entities and raw HTML start; a heading without
# any of them shows its text as written.
_INLINE_MARKUP: Final = frozenset("\\`*_[]!<&")

INTRODUCTION: Final = "(introduction)"
"""The label of the text before the first section heading (the document title included)."""


@dataclass(frozen=True)
class HeadingText:
    """A heading's level (1-6) and the text it shows."""

    level: int
    text: str

    @cached_property
    def key(self) -> str:
        """The text as headings are compared (`heading_key`)."""
        return heading_key(self.text)

    @property
    def shown(self) -> str:
        """The heading as an ATX line: `## Summary`."""
        return f"{'#' * self.level} {self.text}"


@dataclass(frozen=True)
class Heading(HeadingText):
    """A heading of the outline and its line in the file.

    `text` drops inline markup (`## **Summary**` shows `Summary`), resolves escapes and
    entities, keeps the text of links, code spans and image descriptions, drops raw HTML,
    and collapses runs of whitespace. A setext heading is at the line of its first text line.
    """

    line: int


@dataclass(frozen=True)
class MarkdownBody:
    """A parsed body: its lines (without line breaks) and its outline's headings.

    The first of `lines` is line `first_line` of the file.
    """

    lines: tuple[str, ...]
    first_line: int
    headings: tuple[Heading, ...]
    references: tuple[tuple[str, int, str], ...] = ()
    """The link reference definitions (`[p]: https://…`) and GFM footnote definitions
    (`[^p]: …`, labelled `^p`): each label as CommonMark matches it (`normalizeReference`),
    the file line of its definition, and what it resolves to, as a definition line (a
    footnote's lines as written)."""

    @property
    def last_line(self) -> int:
        """The file line of the body's last line; the line before the body (at least 1)
        when the body is empty."""
        return max(1, self.first_line + len(self.lines) - 1)


@dataclass(frozen=True)
class BodyTitle:
    """The title a Markdown body gives itself (see `title_heading`): the text its heading
    shows, and where the heading stands in the file (its first non-blank character)."""

    text: str
    position: Position


@dataclass(frozen=True)
class Section:
    """A heading and its own text, up to the next heading of the outline (of any level).

    `path` names it by the headings above it and its own (`("Proposal", "Design
    Details")`); the second and later sections with the same path get ` (2)`, ` (3)`...
    on their last name, so paths are unique. `levels` are those headings' levels, and
    `headings` their texts as they show them (no ` (2)`). The introduction (the text before
    the first section heading, a lone level-1 title included) has the empty path. `text` is
    the section's lines, its heading's included, with LF line breaks and no trailing blank
    lines. `line` is the file line where it starts.
    """

    path: tuple[str, ...]
    text: str
    line: int
    levels: tuple[int, ...] = ()
    headings: tuple[str, ...] = ()
    references: str = ""
    """The link reference and footnote definitions the section's references resolve to,
    wherever in the body they stand, one per line: part of what the section says (a
    protected section's `[the parser][p]` is re-pointed by editing `[p]: …` anywhere, and
    its `[^scope]` reworded by editing `[^scope]: …`)."""

    @property
    def content(self) -> str:
        """The section's text and the definitions its references resolve to: what a change
        of the section is judged by."""
        return f"{self.text}\n\n{self.references}" if self.references else self.text

    @property
    def label(self) -> str:
        """`Proposal > Design Details`, or `(introduction)` for the empty path."""
        return section_label(self.path)


def section_label(path: Sequence[str]) -> str:
    """A section path as people read it: `Proposal > Design Details`, or `(introduction)`."""
    return " > ".join(path) if path else INTRODUCTION


@cache
def heading_key(text: str) -> str:
    """How heading texts are compared, wherever they are (`sections:`, `approval:
    protected:`, section paths across versions, committed heading lines): as
    `base.caseless.caseless_key` compares text (Unicode normalized, case folded,
    default-ignorable code points dropped, whitespace runs collapsed: `## Sécurité` typed
    decomposed, as macOS and PDFs give it, is `## SÉCURITÉ`), and a trailing bracketed
    note dropped: OpenShift's template marks its optional sections `## Open Questions
    [optional]`, and documents keep or drop the mark."""
    words = caseless_key(text)
    base, bracket, note = words.rpartition(" [")
    if bracket and base and note.endswith("]") and "[" not in note and "]" not in note[:-1]:
        words = base
    return words


def parse_body(text: str, first_line: int = 1) -> MarkdownBody:
    """Parse a Markdown body whose first line is line `first_line` (1-based) of its file.

    Line breaks are LF, CRLF or CR, as CommonMark counts them.
    """
    env: dict[str, Any] = {}
    tokens = _parser("blocks" if "|" in text else "blocks without tables").parse(text, env)
    headings = tuple(_headings(tokens, env, first_line))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # the break that ends the last line starts no line of its own
    references = tuple(sorted((
        *((label, first_line + (found.get("map") or (0,))[0],
           f"[{label}]: {found.get('href', '')} {found.get('title', '')}".rstrip())
          for label, found in env.get("references", {}).items()),
        *_footnotes(tokens, lines, first_line))))
    return MarkdownBody(tuple(lines), first_line, headings, references)


def _footnotes(tokens: Sequence[Token], lines: Sequence[str],
               first_line: int) -> Iterator[tuple[str, int, str]]:
    """The GFM footnote definitions of the outline (`[^scope]: …` and its indented
    continuation lines), as `MarkdownBody.references` holds them: the label as a reference
    to it is matched (`^scope`, normalized as link labels are), the file line where the
    definition starts, and its lines."""
    if not any(token.type == "footnote_reference_open" for token in tokens):
        return
    from markdown_it.common.utils import normalizeReference  # noqa: PLC0415 (see _parser)

    for token in tokens:
        if token.type == "footnote_reference_open" and token.level == 0 \
                and token.map is not None and token.meta:
            start, end = token.map
            text = list(lines[start:end])
            while text and not text[-1].strip(" \t"):
                text.pop()
            yield (normalizeReference(f"^{token.meta['label']}"), first_line + start,
                   "\n".join(text))


def parse_heading(text: str) -> Heading | None:
    """The ATX heading that `text` is (`## Summary`, at line 1), or None if it is anything
    else: plain text, several blocks, a heading with no text."""
    env: dict[str, Any] = {}
    tokens = _parser("blocks").parse(text, env)
    if len(tokens) != 3 or tokens[0].type != "heading_open" or tokens[0].markup[:1] != "#":
        return None
    heading = next(_headings(tokens, env, 1))
    return None if is_blank(heading.text) else heading


def title_heading(headings: Sequence[Heading]) -> Heading | None:
    """The document's title among the outline's `headings`: the first heading, when it is
    of level 1 (ATX `# Title` or setext) and the only one of level 1, as pandoc reads a
    document's title from its body. Several level-1 headings are the document's sections
    (Rust RFCs' `# Summary`, `# Motivation`...), not a title."""
    if not headings or headings[0].level != 1:
        return None
    if any(heading.level == 1 for heading in headings[1:]):
        return None
    return headings[0]


def body_title(body: MarkdownBody) -> BodyTitle | None:
    """The body's title (see `title_heading`) and its position; None when it has none or
    the heading shows no text (`is_blank`: `#` alone, or a zero-width space)."""
    heading = title_heading(body.headings)
    if heading is None or is_blank(heading.text):
        return None
    line = body.lines[heading.line - body.first_line]
    indent = len(line) - len(line.lstrip(" \t"))
    return BodyTitle(heading.text, Position(heading.line, indent + 1))


def body_sections(body: MarkdownBody) -> tuple[Section, ...]:
    """The body cut into its introduction and one section per heading, in order."""
    headings: Sequence[Heading] = body.headings
    if title_heading(headings) is not None:
        headings = headings[1:]  # the document's title: part of the introduction
    starts = [body.first_line, *(heading.line for heading in headings)]
    ends = [*starts[1:], body.first_line + len(body.lines)]
    paths = [((), (), ()), *_paths(headings)]
    return tuple(
        Section(path, text, start, levels, texts,
                _references(text, [(label, shown) for label, line, shown in body.references
                                   if not start <= line < end]))
        for (path, levels, texts), start, end in zip(paths, starts, ends, strict=True)
        for text in (_section_text(body, start, end),)
    )


def _references(text: str, references: Sequence[tuple[str, str]]) -> str:
    """The definitions of `references` (label, definition line) whose labels a bracketed
    text of `text` names (`[text][label]`, `[label][]`, `[label]`), one per line."""
    if not references or "[" not in text:
        return ""
    from markdown_it.common.utils import normalizeReference  # noqa: PLC0415 (see _parser)

    named = {normalizeReference(label) for label in _BRACKETED.findall(text)}
    return "\n".join(line for label, line in references if label in named)


def _headings(tokens: Sequence[Token], env: dict[str, Any],
              first_line: int) -> Iterator[Heading]:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map is not None:
            yield Heading(int(token.tag[1:]), shown_heading(tokens[index + 1].content, env),
                          first_line + token.map[0])


def shown_heading(content: str, env: dict[str, Any] | None = None) -> str:
    """The text a heading's content shows, runs of whitespace collapsed: parsed as inline
    Markdown when it has a character inline markup starts with, else as it is."""
    if _INLINE_MARKUP.isdisjoint(content):
        return " ".join(content.split())
    inline = _parser("inline").parseInline(content, {} if env is None else env)
    return " ".join(_shown_text(inline).split())


def _shown_text(tokens: Iterable[Token]) -> str:
    """The text inline tokens show, markup and raw HTML dropped."""
    parts = []
    for token in tokens:
        if token.type in _TEXT_TOKENS:
            parts.append(token.content)
        elif token.type in _BREAK_TOKENS:
            parts.append(" ")
        elif token.children:
            parts.append(_shown_text(token.children))
    return "".join(parts)


def _paths(headings: Iterable[Heading]
           ) -> Iterable[tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]]:
    """Each heading's path from the top of the outline, made unique, with the levels and
    texts of its headings. Paths are told apart as headings are compared (`heading_key`):
    `## Notes` and `## NOTES`, or a heading typed composed and decomposed, under the same
    headings are `Notes` and `NOTES (2)`."""
    stack: list[tuple[int, str, str]] = []  # the open headings' levels, unique names, texts
    used: set[tuple[str, ...]] = set()
    for heading in headings:
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        above = tuple(name for _, name, _ in stack)
        path, number = (*above, heading.text), 1
        while (key := tuple(map(heading_key, path))) in used:
            number += 1
            path = (*above, f"{heading.text} ({number})")
        used.add(key)
        stack.append((heading.level, path[-1], heading.text))
        yield (path, tuple(level for level, _, _ in stack),
               tuple(text for _, _, text in stack))


def _section_text(body: MarkdownBody, start: int, end: int) -> str:
    lines = list(body.lines[start - body.first_line:end - body.first_line])
    while lines and not lines[-1].strip(" \t"):
        lines.pop()
    return "\n".join(lines)


def fenced_lines(text: str, first_line: int = 1) -> frozenset[int]:
    """The file lines inside the fenced code blocks of a Markdown body (at any depth: in
    lists and block quotes too) whose first line is line `first_line` of the file: every
    line after an opening fence up to its closing one (or to the end, when it has none)."""
    tokens = _parser("blocks without tables").parse(text, {})
    return frozenset(line for token in tokens if token.type == "fence" and token.map
                     for line in range(first_line + token.map[0] + 1,
                                       first_line + token.map[1]))

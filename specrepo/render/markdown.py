"""Make any text safe inside a Markdown page: plain text, Markdown text, table cells, code.

Spec text comes in two kinds. Plain values (titles, names, targets) are escaped so they show
exactly as written. Markdown values (summaries, descriptions) stay Markdown, but nothing in
them may change the page around them:

- no raw HTML: every `<` outside a code span becomes `&lt;`, so `<script>` is text;
- no headings: a `#` or a setext underline (`---`, `===`) at the start of a line, after any
  list or quote markers, is escaped (and so is a rule of dashes, which would swallow the
  page's list item it starts);
- no runaway code block: a fence opened in the text is closed at its end; a fence-like line
  the parser might read differently (indented, after a label) is escaped instead;
- code spans are kept only where every CommonMark parser must see them: each line is paired
  on its own and every other backtick is escaped, so a span cannot reach across lines or
  blocks; and when a link's destination or title might hold a backtick (which would then
  open no span), spans holding `]` or `)` are not trusted either.

In a table cell, lines are joined with `<br>` and every `|` is escaped (inside code spans
too, as GFM requires).
"""

from __future__ import annotations

import re
from typing import Final

_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_PLAIN_ESCAPES: Final = str.maketrans({char: "\\" + char for char in "\\`*_[]<>#|~&$"})
_PLAIN_LEADING: Final = re.compile(r"[-+=]|([0-9]{1,9})[.)]")
# Block quote, bullet and ordered-list markers that may open a line before its content.
_CONTAINERS: Final = re.compile(
    r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*")
# A setext underline, or a rule of dashes, which would turn the list item it starts (`- ---`)
# into a thematic break.
_UNDERLINE: Final = re.compile(r"(?:=+[ \t]*|-[- \t]*)$")
_FENCE_OPENING: Final = re.compile(r"(`{3,})[^`]*$|(~{3,})")
_INLINE_ATTENTION: Final = re.compile(r"[\\`<|]")
_INLINE_TOKEN: Final = re.compile(r"\\[!-/:-@\[-`{-~]|`+|<|\|")
_UNESCAPED_PIPE: Final = re.compile(r"(\\*)\|")
_BACKTICK_RUN: Final = re.compile(r"`+")
_LINK_CLOSERS: Final = frozenset("])")
_LINK_TAIL: Final = re.compile(r"\]([(\[])")
# A destination (or reference label) whose end is certain and which holds no backtick.
_PLAIN_TAILS: Final = {"(": re.compile(r"[^`\"'()\n]*\)"), "[": re.compile(r"[^`\[\]\n]*\]")}


def clean(text: str) -> str:
    """Line endings as `\\n`; control characters and lone surrogates as U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("\ufffd", text)


def plain(text: str) -> str:
    """Plain text as inline Markdown that shows exactly the text, on one line."""
    text = clean(text).replace("\n", " ").strip().translate(_PLAIN_ESCAPES)
    leading = _PLAIN_LEADING.match(text)
    if leading is None:
        return text
    # `- x`, `+ x`, `1. x` would start a list, `===` a heading underline.
    cut = leading.end(1) if leading.group(1) else 0
    return f"{text[:cut]}\\{text[cut:]}"


def markdown_lines(text: str, *, after_label: bool = False) -> list[str]:
    """Markdown text as lines that keep their meaning but cannot break the page.

    `after_label` says the first line follows other text on its line (`**Purpose**: …`),
    so it cannot open a code block. The caller indents the lines it places in a list item.
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
        escaped.append(_escape_line(line, trust_spans))
    if fence:
        escaped.append(fence)
    return escaped


def markdown_cell(text: str) -> str:
    """Markdown text as the content of one GFM table cell."""
    text = clean(text)
    trust_spans = _trusts_spans(text)
    lines = []
    for line in text.strip().split("\n"):
        escaped = _escape_inline(line, trust_spans, in_cell=True)
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


def _escape_line(line: str, trust_spans: bool) -> str:
    if not line.strip():
        return ""
    quoted = len(line) - len(line.lstrip(" \t>"))  # past any block quote markers
    if _UNDERLINE.match(line, quoted):
        return f"{line[:quoted]}\\{line[quoted:]}"
    containers = _CONTAINERS.match(line)
    start = containers.end() if containers else 0
    prefix, rest = line[:start], line[start:]
    if rest.startswith(("#", "~~~")):
        rest = "\\" + rest
    return prefix + _escape_inline(rest, trust_spans, in_cell=False)


def _escape_inline(text: str, trust_spans: bool, *, in_cell: bool) -> str:
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
            closing = _closing_run(text, end, end - start)
            if closing is not None and (trust_spans or not _LINK_CLOSERS & set(text[end:closing])):
                span = text[start:closing + end - start]
                parts.append(_UNESCAPED_PIPE.sub(_escape_pipe, span) if in_cell else span)
                position = closing + end - start
            else:
                parts.append("\\`" * (end - start))
        elif kind == "<":
            parts.append("&lt;")
        else:
            parts.append("\\|" if in_cell else "|")
    parts.append(text[position:])
    return "".join(parts)


def _closing_run(text: str, start: int, length: int) -> int | None:
    """Where the next run of exactly `length` backticks starts, if there is one."""
    for run in _BACKTICK_RUN.finditer(text, start):
        if run.end() - run.start() == length:
            return run.start()
    return None


def _escape_pipe(match: re.Match[str]) -> str:
    backslashes = match.group(1)
    # An odd number of backslashes already escapes the pipe.
    return match.group() if len(backslashes) % 2 else f"{backslashes}\\|"

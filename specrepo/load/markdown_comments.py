"""HTML comments in spec Markdown, as the site and render read them: markdown-it rules that
find them (raw HTML is off in `spec_markdown`, so markdown-it alone reads them as text).

A comment is CommonMark's (0.31, 6.6): `<!-->`, `<!--->`, or `<!--`, text without `-->`,
`-->`. Every Markdown viewer hides one (MADR's and KEP's templates are full of them), so
the site leaves them out and render keeps them as comments (`render.markdown_source`).
A block of lines holding comments only (CommonMark's HTML block of type 2, from a line
that starts with `<!--` to the first holding `-->`) is one whole; a comment inside a
paragraph is inline; a `<!--` that no `-->` closes is text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # annotations only: importing this module imports no markdown-it
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

COMMENT: Final = re.compile(r"<!---?>|<!--.*?-->", re.DOTALL)
"""An HTML comment (CommonMark 0.31, 6.6)."""
CODE_INDENT: Final = 4
"""Columns of indentation that make a line of code (CommonMark, 4.4)."""
_START: Final = "<!--"
_END: Final = "-->"
_LAST_ENDS: Final = "specrepo_comment_ends"


def comment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule: lines from one that starts with `<!--` to the first holding `-->`,
    when they hold comments only, are taken whole and make no token. A block that holds
    other text too, or that no `-->` ends, is left to the other rules."""
    first = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= CODE_INDENT \
            or not state.src.startswith(_START, first):
        return False
    line = start
    while _END not in state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]:
        line += 1
        if line >= end or (state.sCount[line] < state.blkIndent and not state.isEmpty(line)):
            return False  # never closed (here, or in its container)
    content = state.getLines(start, line + 1, state.blkIndent, False)
    if COMMENT.sub("", content).strip():
        return False
    if not silent:
        state.line = line + 1
    return True


def comment_end(state: StateInline) -> int | None:
    """Where the comment that starts at the inline rule's position ends (`COMMENT`); None
    when none starts there."""
    src, start = state.src, state.pos
    if not src.startswith(_START, start):
        return None
    # The last `-->` of the text, found once: a run of unclosed `<!--` stays linear.
    last_ends: dict[str, int] = state.env.setdefault(_LAST_ENDS, {})
    last = last_ends.get(src)
    if last is None:
        last = last_ends[src] = src.rfind(_END)
    found = COMMENT.match(src, start, state.posMax) if last >= start + 2 else None
    return None if found is None else found.end()

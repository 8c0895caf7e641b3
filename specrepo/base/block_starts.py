"""Where a line of Markdown starts a block other than a paragraph, and spec text of one
line made the paragraph it reads as: shared by render's Markdown and the site's HTML."""

from __future__ import annotations

import re
from typing import Final

# A block quote, bullet, ATX heading or ordered-list marker. Any whitespace counts, as some
# parsers trim a line of Unicode spaces too.
_MARKER: Final = re.compile(r">|(?:[-+*]|#{1,6}|[0-9]{1,9}[.)])(?=\s|$)")
# A setext underline, or a rule of dashes, which would turn the list item it starts (`- ---`)
# into a thematic break.
UNDERLINE: Final = re.compile(r"(?:=+[ \t]*|-[- \t]*)$")
# A thematic break of `*` or `_`, a fence, an HTML comment, a footnote or a link reference
# definition (a line of a label, a destination and maybe a title): the blocks a line may
# start that `_MARKER` and `UNDERLINE` do not.
_OTHER: Final = re.compile(
    r"(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|```(?!.*`)|~~~|<!--|\[\^[^\]\s]+\]:"
    r"|\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<(?:[^<>\\]|\\.)*>|[^\s<]\S*)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$")


def block_start(line: str) -> int | None:
    """Where one line (not indented) starts a block other than a paragraph, as the position
    of the character that a backslash before it makes text; None for a paragraph."""
    marker = _MARKER.match(line)
    if marker is not None:
        # `1.` is escaped at its `.`: `1\.` is text, `\1.` would still be a list.
        return marker.end() - 1 if line[0].isdigit() else 0
    return 0 if UNDERLINE.fullmatch(line) or _OTHER.match(line) else None


def one_line_paragraph(text: str) -> str:
    """Spec text of one line as the paragraph it reads as, wherever a page starts a block
    with it (a list item, a section): without its indentation (which would make it code),
    and with a backslash before what would open another block (`*`, `- x`, `1. x`, `> x`,
    `# x`, `---`, a fence, an HTML comment, a link definition), so that a goal written
    `1. numbered` shows as written. Text of more lines is returned as it is: its blocks are
    the writer's, as Markdown reads them."""
    line = text.strip(" \t\r\n")
    if "\n" in line or "\r" in line:
        return text
    start = block_start(line)
    return line if start is None else f"{line[:start]}\\{line[start:]}"

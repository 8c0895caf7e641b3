"""A backslash at the end of a line of Markdown: a hard line break before more of its
paragraph, a backslash shown as written at the end of a text; one rule for render's pages
and the site's.

CommonMark reads a backslash before a line ending as a hard line break, and a backslash at
the end of a paragraph as itself. Where specrepo puts its own markup after a text (`<br>`
and the next line of a table cell, `<br>**Depends on**`, `, ` and the next value of a list
joined on one line), that markup would follow the backslash instead, and a backslash
before ASCII punctuation escapes it (GFM reads `\\<br>` as the text `<br>`): such a
backslash is doubled, `\\\\`, which shows one backslash before anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_TRAILING_BACKSLASHES: Final = re.compile(r"\\+$")


def ends_in_backslash(text: str) -> bool:
    """Whether `text` ends with a backslash that no backslash before it escapes (an odd
    run of them)."""
    if not text.endswith("\\"):
        return False
    run = _TRAILING_BACKSLASHES.search(text)
    return run is not None and len(run.group()) % 2 == 1


def literal_end(text: str) -> str:
    """Markdown `text` with a backslash that ends it (which shows as itself at the end of a
    paragraph) written as an escaped backslash, so that it still shows as itself whatever
    Markdown follows it."""
    return f"{text}\\" if ends_in_backslash(text) else text


def joined(texts: Iterable[str], separator: str = ", ") -> str:
    """Markdown texts joined on one line with `separator`, each text's ending backslash kept
    a backslash (`literal_end`) rather than an escape of the separator."""
    return separator.join(literal_end(text) for text in texts)


def cell_lines(text: str) -> list[str]:
    """The lines of a Markdown text shown in one table cell, each read on its own (the
    cell joins them with `<br>`), without the spaces around them: a line's hard break (a
    backslash at its end, before a line that is not blank) is dropped, since the cell's
    break between the two lines stands for it."""
    lines = [line.strip() for line in text.strip().split("\n")]
    return [line[:-1].rstrip() if number + 1 < len(lines) and lines[number + 1]
            and ends_in_backslash(line) else line
            for number, line in enumerate(lines)]

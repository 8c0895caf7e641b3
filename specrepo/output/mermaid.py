"""Names in mermaid gantt charts: text that the chart's lexer reads as a name, whatever a
spec's id, title or status holds.

mermaid's gantt lexer (`diagrams/gantt/parser/gantt.jison`) ends a name at `#`, `:`, `;`
or a line break, reads `%` as the start of a comment, and reads a task that begins with a
keyword (`title`, `section`, `click`, `includes`, … in any case) or a date as that keyword.
Labels may be drawn as HTML, so `<`, `>`, `&` and quotes are dropped too.
"""

from __future__ import annotations

import re
from typing import Final

_KEEP: Final = frozenset(" -_.,()/'+!?")
_SPACES: Final = re.compile(r"\s+")
_KEYWORDS: Final = ("gantt", "dateformat", "inclusiveenddates", "topaxis", "axisformat",
                    "tickinterval", "includes", "excludes", "todaymarker", "weekday", "title",
                    "accdescription", "acctitle", "accdescr", "section", "click", "call", "href")
_LONGEST: Final = 80


def chart_name(text: str, fallback: str) -> str:
    """`text` with only letters, digits, spaces and `-_.,()/'+!?`, on one line, at most 80
    characters; `fallback` when nothing is left. Safe after `section `."""
    kept = "".join(char if char.isalnum() or char in _KEEP else " " for char in text)
    name = _SPACES.sub(" ", kept).strip()[:_LONGEST].rstrip()
    return name or fallback


def task_name(text: str, fallback: str) -> str:
    """A `chart_name` that can also start a task line: one that would begin with a keyword
    or a digit is prefixed with `- `."""
    name = chart_name(text, fallback)
    if name[0].isdigit() or name.casefold().startswith(_KEYWORDS):
        return f"- {name}"
    return name

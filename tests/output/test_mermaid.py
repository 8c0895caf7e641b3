"""Mermaid gantt charts in reports: every name survives mermaid's gantt lexer as a name."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from specrepo.output.mermaid import chart_name, task_name
from tests.render.strategies import texts
from tests.support import fuzz

# The rules of mermaid's gantt lexer (packages/mermaid/src/diagrams/gantt/parser/gantt.jison)
# that can meet the start of a name, in the lexer's order, case-insensitive as it is. The
# lexer takes the first rule that matches, not the longest.
_RULES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
    ("comment", r"%%(?!\{)*[^\n]*"), ("comment", r"[^}]%%*[^\n]*"), ("comment", r"%%*[^\n]*"),
    ("space", r"\s+"), ("comment", r"#[^\n]*"),
    ("href", r"href[\s]+\""), ("call", r"call[\s]+"), ("click", r"click[\s]+"),
    ("gantt", r"gantt"), ("dateFormat", r"dateFormat\s[^#\n;]+"),
    ("inclusiveEndDates", r"inclusiveEndDates"), ("topAxis", r"topAxis"),
    ("axisFormat", r"axisFormat\s[^#\n;]+"), ("tickInterval", r"tickInterval\s[^#\n;]+"),
    ("includes", r"includes\s[^#\n;]+"), ("excludes", r"excludes\s[^#\n;]+"),
    ("todayMarker", r"todayMarker\s[^\n;]+"), ("weekday", r"weekday\s[^#\n;]+"),
    ("date", r"\d\d\d\d-\d\d-\d\d"), ("title", r"title\s[^#\n;]+"),
    ("accTitle", r"accTitle\s*:"), ("accDescr", r"accDescr\s*[:{]"),
    ("accDescription", r"accDescription\s[^#\n;]+"), ("section", r"section\s[^#:\n;]+"),
    ("taskTxt", r"[^#:\n;]+"), ("taskData", r":[^#\n;]+"),
)]


def lex(line: str) -> list[tuple[str, str]]:
    """The tokens of one line, spaces and comments left out."""
    tokens, position = [], 0
    while position < len(line):
        kind, text = next((kind, found.group()) for kind, rule in _RULES
                          if (found := rule.match(line, position)) and found.end() > position)
        if kind not in ("space", "comment"):
            tokens.append((kind, text))
        position += len(text)
    return tokens


names = st.one_of(texts, st.sampled_from((
    "Title review", "section 2", "click here", "Gantt", "includes x", "2026-01-02 plan",
    "50% done", "a:b;c#d", "%%{init}%%", "<b>bold</b> & \"quoted\"", "In Review", "")))


@fuzz(300)
@given(names, names)
def test_sections_and_tasks_lex_as_names(section: str, status: str) -> None:
    shown_section = chart_name(section, "spec")
    assert lex(f"  section {shown_section}") == [("section", f"section {shown_section}")]
    shown_task = task_name(status, "status")
    assert lex(f"  {shown_task} : 1767225600, 1767312000") == [
        ("taskTxt", f"{shown_task} "), ("taskData", ": 1767225600, 1767312000")]
    for shown in (shown_section, shown_task):
        assert shown.strip() == shown and shown
        assert not set(shown) & set("<>&\"%#:;\n")


def test_names_read_as_written_where_they_can() -> None:
    assert chart_name("SPEC-0042 Rate limits: per key", "spec") == "SPEC-0042 Rate limits per key"
    assert task_name("In Review", "status") == "In Review"
    assert task_name("Title pending", "status") == "- Title pending"
    assert task_name("2026 plan", "status") == "- 2026 plan"
    assert task_name("#%;", "status") == "status"

"""The README's rule tables are the rule registry's own words."""

from __future__ import annotations

import re
from pathlib import Path

from specrepo.check.rules.loading import LOADING_RULES
from specrepo.check.rules.registry import CONFIGURABLE_RULES

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| `([a-z-]+)` \| (.*) \|$")


def _tables() -> list[list[tuple[str, str]]]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Rules\n"):text.index("### Output formats\n")]
    tables: list[list[tuple[str, str]]] = []
    previous = ""
    for line in section.splitlines():
        row = ROW.match(line)
        if row:
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append((row.group(1), row.group(2)))
        elif line.startswith("|") and not previous.startswith("|"):
            tables.append([])
        previous = line
    return [table for table in tables if table]


def test_the_rule_tables_match_the_registry() -> None:
    configurable, loading = _tables()
    assert configurable == [(rule.id, rule.help) for rule in CONFIGURABLE_RULES]
    assert loading == [(rule.id, rule.help) for rule in LOADING_RULES]


def test_the_quick_start_says_how_long_the_whole_suite_takes() -> None:
    """A newcomer who runs the second command waits half an hour on a CI-sized machine:
    the sentence that introduces it says so, and the command stays as CI runs it (trial50)."""
    quick_start = README.read_text(encoding="utf-8").split("## Quick start\n", 1)[1]
    _, first, second = quick_start.split("```sh\n")[:3]
    assert second.split("\n```", 1)[0] == ("python3 -m venv .venv && .venv/bin/pip "
                                           "install -e '.[test]' && .venv/bin/pytest")
    introduction = first.split("```\n", 1)[1].strip()
    assert re.search(r"\(\d+-\d+ minutes on two cores\):$", introduction), introduction


def test_start_a_spec_repository_reads_quickly() -> None:
    """polish: the section was one paragraph of a thousand words after its first example;
    a newcomer gets what init and new do in a few lines, and each detail stays short."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Start a spec repository\n"):text.index("## The spec format\n")]
    after_example = section.split("```\n", 2)[2]
    first = after_example.strip().split("\n\n", 1)[0]
    assert len(first.split()) <= 60, first
    parts = re.split(r"\n\n|\n- |\n  - ", section)  # paragraphs and list items
    assert max(len(part.split()) for part in parts) <= 160

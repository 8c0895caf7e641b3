"""Job summaries cut by row (`tables_within_limit`): GitHub drops a step summary over its
limit whole, so a table too large loses rows, the ones a reviewer must see last, and says
how many it left out; never the whole table for one large cell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.junit import JunitTestcase
from specrepo.model.references import ItemReference
from specrepo.model.trace import (
    STATES,
    PrioritySummary,
    Requirement,
    RequirementTrace,
    TraceMatrix,
)
from specrepo.output.job_summary import (
    Droppable,
    RowTable,
    Unit,
    cut_table,
    tables_within_limit,
    within_limit,
)
from specrepo.output.trace import MarkdownTraceReporter, formatted_trace
from tests.render.markdown_support import tables
from tests.support import fuzz

COMMAND = "specrepo trace --format json"


def test_what_fits_is_not_cut() -> None:
    parts: list[str | RowTable | Droppable] = [
        "# Title", cut_table(["a"], [["1"], ["2"]], [("", False)] * 2)]
    assert tables_within_limit(parts, 1000, COMMAND) == "# Title\n\n| a |\n|---|\n| 1 |\n| 2 |\n"


def test_urgent_rows_are_kept_first_and_the_rest_counted() -> None:
    table = cut_table(["n", "text"], [[str(number), "x" * 100] for number in range(100)],
                      [("bad" if number >= 95 else "fine", number >= 95)
                       for number in range(100)])
    text = tables_within_limit(["# Title", table], 2000, COMMAND)
    assert len(text.encode()) <= 2000
    [shown] = tables(text)
    numbers = [int(row[0]) for row in shown.rows]
    assert numbers[-5:] == [95, 96, 97, 98, 99]  # the urgent rows, in their place
    assert numbers == sorted(numbers) and len(numbers) > 5
    left = 100 - len(numbers)
    assert text.endswith(f"\n\n_{left} of 100 rows left out ({left} fine): they did not fit "
                         f"in GitHub's 2000 bytes job summary; `{COMMAND}` has everything._\n")


def test_one_large_cell_costs_its_row_only() -> None:
    cells = [["1", "short"], ["2", "x" * 5000], ["3", "short"]]
    text = tables_within_limit(["# Title", cut_table(["n", "text"], cells, [("", False)] * 3)],
                               2000, COMMAND)
    [shown] = tables(text)
    assert [row[0] for row in shown.rows] == ["1", "3"]
    assert "_1 of 3 rows left out: they did not fit" in text


def test_a_block_too_large_is_left_out_with_a_note() -> None:
    parts: list[str | RowTable | Droppable] = [
        "# Title", Droppable("the chart", "```\n" + "y" * 5000 + "\n```"),
        cut_table(["a"], [["1"]], [("", True)])]
    text = tables_within_limit(parts, 2000, COMMAND)
    assert "_Left out: the chart did not fit in GitHub's 2000 bytes job summary; " in text
    assert text.endswith("| a |\n|---|\n| 1 |\n")


def _row(number: int, state: str, width: int) -> RequirementTrace:
    case = JunitTestcase(Path("r.xml"), 1, "s", "c", "x" * width, "passed", None, ())
    return RequirementTrace(
        Requirement(ItemReference("SPEC-0001", f"FR-{number}"), "P0", "Approved"),
        (), (), (case,), (), covered=state != "uncovered", failing=state == "failing",
        unverified=state == "unverified")


@pytest.mark.parametrize("width", [300, 2_000_000])
def test_trace_keeps_the_rows_a_reviewer_must_see(monkeypatch: pytest.MonkeyPatch,
                                                  width: int) -> None:
    """2,000 covered requirements, then a failing, an uncovered and an unverified one: the
    Markdown keeps those three and the summary, and counts the covered rows it left out;
    one requirement with a cell over the limit costs only its own row."""
    monkeypatch.setattr(MarkdownTraceReporter, "limit", 60_000)
    rows = [_row(number, "covered", 300) for number in range(2000)]
    rows.append(_row(2000, "covered", width))
    rows.extend(_row(2001 + index, state, 300)
                for index, state in enumerate(("failing", "uncovered", "unverified")))
    counts = {state: sum(row.state == state for row in rows) for state in STATES}
    matrix = TraceMatrix(tuple(rows), (), (PrioritySummary(
        "P0", len(rows), counts, sum(row.covered for row in rows)),), results_given=True)
    text = formatted_trace("markdown", matrix, ("failing",))
    assert len(text.encode()) <= 60_000
    coverage, requirements = tables(text)
    assert coverage.rows[0][:2] == ("P0", "2004")
    shown = {row[1]: row[4] for row in requirements.rows}
    assert {"FR-2001": "failing", "FR-2002": "uncovered", "FR-2003": "unverified"}.items() \
        <= shown.items()
    left = 2004 - len(shown)
    assert f"_{left} of 2004 rows left out ({left} covered): they did not fit in GitHub's " \
           f"60000 bytes job summary; `{COMMAND}` has everything._" in text


@fuzz(200)
@given(st.lists(st.tuples(st.integers(0, 400), st.booleans()), max_size=40),
       st.integers(600, 6000))
def test_a_cut_stays_within_the_limit_and_counts_every_row(rows: list[tuple[int, bool]],
                                                           limit: int) -> None:
    """Whatever the rows' sizes: the text fits, the rows shown keep their order, shown and
    left out add up to all, and no row is left out for one not urgent while it would fit
    in the room that row took."""
    cells = [[str(number), "y" * width] for number, (width, _) in enumerate(rows)]
    table = cut_table(["n", "text"], cells, [("", urgent) for _, urgent in rows])
    text = tables_within_limit(["# Title", table], limit, COMMAND)
    assert len(text.encode()) <= limit
    shown = [int(line.split(" | ")[0][2:]) for line in text.splitlines()
             if line.startswith("| ") and line[2:3].isdigit()]
    assert shown == sorted(shown)
    note = re.search(r"_(\d+) of (\d+) rows left out", text)
    left = int(note.group(1)) if note else 0
    assert len(shown) + left == len(rows)
    kept_plain = [rows[number][0] for number in shown if not rows[number][1]]
    dropped_urgent = [width for number, (width, urgent) in enumerate(rows)
                      if urgent and number not in shown]
    assert not kept_plain or not dropped_urgent or min(dropped_urgent) > min(kept_plain)


def test_a_cut_counts_what_it_left_out_of_a_spec_and_after_it() -> None:
    """newuser74 #32: the note counted the blocks a spec cut short had shown as left out,
    and gave a limit not a whole number of KiB rounded down."""
    first = Unit("SPEC-1", ("### SPEC-1", "a" * 100, "b" * 5000))
    parts: list[str | Unit] = ["# Title", first, Unit("SPEC-2", ("### SPEC-2",))]
    assert within_limit(parts, 4000, COMMAND).endswith(
        "**Truncated:** SPEC-1 is cut short (1 of its 3 blocks left out); 1 more spec "
        f"(SPEC-2) did not fit in 4000 bytes; `{COMMAND}` has everything.\n")
    assert within_limit(["# Title", first], 4096, COMMAND).endswith(
        f"**Truncated:** SPEC-1 is cut short; 1 of its 3 blocks did not fit in 4 KiB; "
        f"`{COMMAND}` has everything.\n")
    assert within_limit(["# Title", "c" * 5000, "d"], 4000, COMMAND).endswith(
        f"**Truncated:** 2 more blocks did not fit in 4000 bytes; `{COMMAND}` has "
        "everything.\n")

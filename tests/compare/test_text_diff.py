"""Word diffs of prose and line diffs of code: readable, and exact both ways."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.compare import sequences
from specrepo.compare.text_diff import NO_NEWLINE, is_prose, line_diff, unified_hunks, word_diff
from specrepo.model.diff import Segment, TextDiff
from tests.compare.patching import rebuild
from tests.support import fuzz

WORDS = st.lists(st.sampled_from(["the", "cache", "p99", "200ms", "150ms", " ", "  ", "\n",
                                  ",", ".", "é", "\t", "- [ ]", "\r\n"]), max_size=30).map("".join)
TEXTS = st.one_of(WORDS, st.text(max_size=60))


@fuzz(500)
@given(TEXTS, TEXTS)
def test_a_word_diff_rebuilds_both_texts_exactly(before: str, after: str) -> None:
    diff = word_diff(before, after)
    assert (rebuild(diff, "-"), rebuild(diff, "+")) == (before, after)
    _assert_tidy(diff)


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "SELECT 1;\n", "\n", "  x\n", "end"]),
                 max_size=20).map("".join)


@fuzz(500)
@given(LINES, LINES)
def test_a_line_diff_rebuilds_both_texts_and_its_hunks_apply(before: str, after: str) -> None:
    diff = line_diff(before, after)
    assert (rebuild(diff, "-"), rebuild(diff, "+")) == (before, after)
    _assert_tidy(diff)
    for side in "-+":  # whole lines: only the last piece of a side may lack its line feed
        pieces = [piece for op, piece in diff.segments if op in ("=", side)]
        assert all(piece.endswith("\n") for piece in pieces[:-1])
    assert _patch(before, unified_hunks(diff)) == after


def _assert_tidy(diff: TextDiff) -> None:
    """No empty segments; kept text separates changes; deletions come before insertions."""
    assert all(text for _, text in diff.segments)
    ops = "".join(op for op, _ in diff.segments)
    assert "==" not in ops and "+-" not in ops and "--" not in ops and "++" not in ops


def test_words_that_changed_read_as_one_replacement() -> None:
    diff = word_diff("Keep p99 latency under 200ms for reads.",
                     "Keep p95 latency well under 150ms for reads and writes.")
    assert diff.segments == (
        Segment("=", "Keep "), Segment("-", "p99"), Segment("+", "p95"),
        Segment("=", " latency "), Segment("+", "well "), Segment("=", "under "),
        Segment("-", "200ms"), Segment("+", "150ms"), Segment("=", " for reads"),
        Segment("+", " and writes"), Segment("=", "."))


def test_whitespace_between_two_changes_joins_them() -> None:
    diff = word_diff("the quick brown fox", "the slow red fox")
    assert diff.segments == (Segment("=", "the "), Segment("-", "quick brown"),
                             Segment("+", "slow red"), Segment("=", " fox"))


def test_a_change_of_whitespace_alone_is_seen() -> None:
    diff = word_diff("a b\nc", "a  b\r\nc")
    assert [op for op, _ in diff.segments] == ["=", "-", "+", "=", "-", "+", "="]


def test_code_changes_print_as_a_unified_diff() -> None:
    before = "".join(f"line {number}\n" for number in range(1, 12))
    after = before.replace("line 2\n", "line two\n").replace("line 11\n", "line 11")
    assert unified_hunks(line_diff(before, after)) == (
        "@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n"
        "@@ -8,4 +8,4 @@\n line 8\n line 9\n line 10\n-line 11\n+line 11\n"
        f"{NO_NEWLINE}\n")


def test_hunks_of_an_added_or_emptied_text() -> None:
    assert unified_hunks(line_diff("", "a\nb\n")) == "@@ -0,0 +1,2 @@\n+a\n+b\n"
    assert unified_hunks(line_diff("a\n", "")) == "@@ -1 +0,0 @@\n-a\n"
    assert unified_hunks(line_diff("a\n", "a\n")) == ""


def test_huge_changed_middles_are_replaced_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sequences, "MATCHING_BUDGET", 10)
    diff = word_diff("start a b c d e f end", "start f e d c b a end")
    assert diff.segments == (Segment("=", "start "), Segment("-", "a b c d e f"),
                             Segment("+", "f e d c b a"), Segment("=", " end"))


@pytest.mark.parametrize(("text", "prose"), [
    ("Approved", False), ("x" * 80, False), ("x" * 81, True), ("one\ntwo", True), ("", False)])
def test_prose_is_over_one_line_or_long(text: str, prose: bool) -> None:
    assert is_prose(text) is prose


def _patch(text: str, hunks: str) -> str:
    """Apply unified hunks to `text`, as `patch` would; checks every context line."""
    old = re.findall(r"[^\n]*\n|[^\n]+", text)
    new: list[str] = []
    position = 0
    lines = hunks.splitlines()
    index = 0
    while index < len(lines):
        header = re.fullmatch(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", lines[index])
        assert header, lines[index]
        start = int(header[1]) - (0 if header[2] == "0" else 1)
        new.extend(old[position:start])
        position = start
        index += 1
        while index < len(lines) and not lines[index].startswith("@@"):
            marker, body = lines[index][0], lines[index][1:]
            ending = "" if index + 1 < len(lines) and lines[index + 1] == NO_NEWLINE else "\n"
            if marker in " -":
                assert old[position] == body + ending
                position += 1
            if marker in " +":
                new.append(body + ending)
            index += 2 if ending == "" else 1
    return "".join(new + old[position:])

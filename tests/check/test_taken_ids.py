"""Lineage rule 1's exception: a file changed in place that takes the id another file lost
in the same change is that spec moved (check/taken_ids.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.taken_ids import taking_ids
from tests.support import fuzz

FILES = [f"specs/{letter}.yaml" for letter in "abcdef"]


@fuzz(50)
@given(st.permutations(range(len(FILES))))
def test_files_that_trade_ids_among_themselves_are_all_moves(order: list[int]) -> None:
    changed = [(path, f"SPEC-{index:04d}", f"SPEC-{order[index]:04d}", False)
               for index, path in enumerate(FILES)]
    assert taking_ids(changed) == {path for index, path in enumerate(FILES)
                                   if order[index] != index}


@fuzz(50)
@given(st.lists(st.integers(0, 99), min_size=len(FILES), max_size=len(FILES), unique=True))
def test_files_renumbered_to_fresh_ids_are_renumbering(fresh: list[int]) -> None:
    changed = [(path, f"SPEC-{index:04d}", f"SPEC-{100 + number:04d}", False)
               for index, (path, number) in enumerate(zip(FILES, fresh, strict=True))]
    assert taking_ids(changed) == set()


def test_a_chain_down_to_a_deleted_file_moves_each_spec() -> None:
    # b takes a's place (a deleted), c takes b's id, d takes an id nobody lost.
    assert taking_ids([
        ("a", "SPEC-0001", None, True), ("b", "SPEC-0002", "SPEC-0001", False),
        ("c", "SPEC-0003", "SPEC-0002", False), ("d", "SPEC-0004", "SPEC-0009", False),
    ]) == {"b", "c"}


def test_an_id_two_files_lost_or_an_unreadable_id_is_no_move() -> None:
    assert taking_ids([("a", "SPEC-0001", None, True), ("b", "SPEC-0001", None, True),
                       ("c", "SPEC-0003", "SPEC-0001", False)]) == set()
    # a's new version has no valid id: a still holds its spec, nothing to take.
    assert taking_ids([("a", "SPEC-0001", None, False),
                       ("b", "SPEC-0002", "SPEC-0001", False)]) == set()

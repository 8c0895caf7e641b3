"""Pausing the cycle collector around a large acyclic build (`base.collection`)."""

from __future__ import annotations

import gc
import importlib
import sys
import weakref

import pytest

from specrepo.base import collection
from specrepo.base.collection import cycle_collection_paused, modules_loading


@pytest.mark.parametrize("promote", [False, True])
def test_the_collector_is_off_in_the_block_and_as_it_was_after(promote: bool) -> None:
    assert gc.isenabled()
    with cycle_collection_paused(promote=promote):
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cycle_collection_paused(promote=promote):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_made_is_promoted_to_the_oldest_generation() -> None:
    """The next young collection does not walk it; a full one still collects cycles."""
    with cycle_collection_paused(promote=True):
        built = [[number] for number in range(100)]  # lists: always tracked
    oldest = {id(each) for each in gc.get_objects(generation=2)}
    assert {id(row) for row in built} <= oldest
    assert gc.get_freeze_count() == 0
    cycle: list[object] = []
    cycle.append(cycle)
    with cycle_collection_paused(promote=True):
        pass
    del cycle
    assert gc.collect() >= 1


class _Node:
    """An object in a cycle of its own, holding a run's worth of memory."""

    itself: _Node | None = None
    held: list[list[int]] | None = None


def test_cyclic_garbage_promoted_again_and_again_is_collected() -> None:
    """A process that mines again and again promotes each run's cyclic garbage; CPython
    counts none of it towards a full collection (`gc.unfreeze`), so the blocks start one
    once the heap has doubled since the last."""
    made = 20_000
    rounds = 2 * sys.getallocatedblocks() // made + 5  # a list and an int a row, at least
    nodes: list[weakref.ref[_Node]] = []
    for _ in range(rounds):
        with cycle_collection_paused(promote=True):
            node = _Node()
            node.itself = node
            node.held = [[number] for number in range(made)]
        nodes.append(weakref.ref(node))
        del node
    assert nodes[0]() is None  # collected, though nothing called gc.collect
    assert sum(node() is not None for node in nodes) < rounds


def test_results_freed_by_reference_counting_start_no_collection() -> None:
    """A run's results replaced by the next run's are freed without the collector: the heap
    does not grow, and no full collection (a walk of everything alive) is due."""
    with cycle_collection_paused(promote=True):
        kept = [[number] for number in range(20_000)]
    full = gc.get_stats()[-1]["collections"]
    for _ in range(20):
        with cycle_collection_paused(promote=True):
            kept = [[number] for number in range(20_000)]
    assert len(kept) == 20_000
    assert gc.get_stats()[-1]["collections"] == full


@pytest.mark.parametrize("ending", [False, True])
def test_a_process_that_ends_after_its_command_starts_no_collection(
        monkeypatch: pytest.MonkeyPatch, ending: bool) -> None:
    """The console script's garbage goes with the process: a full collection on the way
    cost a warm report 60-70 ms (the lead's measure of land70, KEP-shaped repository)."""
    monkeypatch.setattr(collection._Promotions, "ending", False)
    if ending:
        collection.garbage_left_to_the_end()
    full = gc.get_stats()[-1]["collections"]
    monkeypatch.setattr(collection._Promotions, "full_collections", full)
    monkeypatch.setattr(collection._Promotions, "blocks", 1)  # due: the heap grew
    with cycle_collection_paused(promote=True):
        pass
    assert gc.get_stats()[-1]["collections"] == full + (not ending)


def test_young_objects_stay_young_without_promotion() -> None:
    with cycle_collection_paused():
        built = [[number] for number in range(100)]  # lists: always tracked
    young = {id(each) for generation in (0, 1) for each in gc.get_objects(generation)}
    assert {id(row) for row in built} <= young


def test_modules_loading_sets_aside_what_lives_when_a_module_loaded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "specrepo.base.wording", raising=False)
    try:
        with modules_loading():
            assert not gc.isenabled()
            kept = [[number] for number in range(10)]
            importlib.import_module("specrepo.base.wording")
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_modules_loading_sets_nothing_aside_when_nothing_loaded() -> None:
    gc.unfreeze()
    with modules_loading():
        importlib.import_module("specrepo.base.collection")  # loaded already
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0

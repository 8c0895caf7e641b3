"""Pausing Python's cycle collector while a large, acyclic structure is built or modules load."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused(*, promote: bool = False) -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (as it was before, after).

    CPython starts a collection after every few hundred allocations, and a full one each
    time the heap has grown by a quarter, walking every live container: building tens of
    thousands of small objects (a trace matrix of 10,000 requirements and 20,000 tags) spends
    about as long in those walks as in the building. Reference counting still frees
    everything that forms no cycle, which is all such a build makes.

    Everything the block made that still lives is young to the collector, so the first
    collection after it walks it all (30 ms for a trace matrix). With `promote`, it is
    moved to the oldest generation instead, where only a full collection walks it:
    `gc.freeze` then `gc.unfreeze`, two splices of the collector's lists, whatever their
    length (objects set aside with `gc.freeze` before go back to the oldest generation
    too, as after any `base.parallel` run). CPython counts none of them towards its next
    full collection, so the blocks start one themselves when due (`promoted`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if promote:
            _promote(collect=enabled)
        if enabled:
            gc.enable()


class _Promotions:
    """The objects promoted since the last full collection. CPython starts one when the
    objects younger collections moved to the oldest generation outnumber a quarter of those
    the last one left (`long_lived_pending`, Modules/gcmodule.c); `gc.unfreeze` moves them
    uncounted. A process that mined again and again (the tests; a library caller) promoted
    each run's cyclic garbage, and no full collection came: tests/history/
    test_random_history.py's 220 mines took its process from 50 MB to 690 MB."""

    moved = 0
    """Objects promoted since then, less those of the oldest generation freed in the
    blocks (the youngest generation's count: what the blocks added to the heap)."""
    alive = 0
    """Objects the collector tracked then (`gc.get_objects`), those set aside left out."""
    full_collections = -1
    """`gc.get_stats()`'s count of full collections then; -1: not counted yet."""
    ending = False
    """The process ends after its one command (`garbage_left_to_the_end`)."""


def _promote(*, collect: bool) -> None:
    """Move the young objects to the oldest generation (`gc.freeze` then `gc.unfreeze`)."""
    young = gc.get_count()[0]  # read before `gc.freeze` empties the youngest generation
    gc.freeze()
    gc.unfreeze()
    promoted(young, collect=collect)


def promoted(young: int, *, collect: bool) -> None:
    """Count `young` objects (`gc.get_count()[0]` before a `gc.freeze` that `gc.unfreeze`
    undid) as promoted; then, when `collect`, run a full collection once those promoted
    since the last outnumber the objects that lived after it: the heap at most doubles
    between collections (cyclic garbage included), and each costs a walk of what lives,
    as CPython's own do. Nothing is counted nor collected in a process that ends after
    its one command (`garbage_left_to_the_end`)."""
    if _Promotions.ending:
        return
    if gc.get_stats()[-1]["collections"] != _Promotions.full_collections:
        _counted_from_here()  # the first promotion, or a full collection ran since
        return
    _Promotions.moved += young
    if collect and _Promotions.moved > _Promotions.alive:
        gc.collect()
        _counted_from_here()


def garbage_left_to_the_end() -> None:
    """Say that the process ends after its one command (the console script): its promoted
    garbage is freed with it, and a full collection on the way would only cost (one of
    60-70 ms in a warm `report` of an 11,000-commit repository without its result
    cached). A process that runs on (a library caller, the tests) never says so."""
    _Promotions.ending = True


def _counted_from_here() -> None:
    _Promotions.moved, _Promotions.alive = 0, len(gc.get_objects())
    _Promotions.full_collections = gc.get_stats()[-1]["collections"]


def set_aside_what_lives_on() -> None:
    """Take every object alive now out of the cycle collector's walks (`gc.freeze`): called
    once the command line's modules are imported, it spares each later full collection a
    walk over their 40,000-odd objects, which live until the process ends anyway.
    Objects made later are collected as before, but for those alive when work is spread
    over worker processes: they stay set aside too (see `base.parallel`)."""
    gc.freeze()


@contextmanager
def modules_loading() -> Iterator[None]:
    """Import modules in the block with the cycle collector paused, then, when the block
    loaded any, set aside what lives on (`set_aside_what_lives_on`) before the collector
    runs again: modules, classes and functions live until the process ends, and each
    collection while they load would walk the young ones again (a warm `report`'s start
    spent about 15 ms of CPU time in them). A block whose modules were loaded already
    (a process that runs commands one after another: the tests) sets nothing aside."""
    loaded = len(sys.modules)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if len(sys.modules) != loaded:
            set_aside_what_lives_on()  # first: enabled with them young, it walks them all
        if enabled:
            gc.enable()

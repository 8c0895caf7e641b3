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
    """The heap as the last full collection left it. CPython starts one when the objects
    younger collections moved to the oldest generation outnumber a quarter of those the
    last one left (`long_lived_pending`, Modules/gcmodule.c); `gc.unfreeze` moves them
    uncounted. A process that mined again and again (the tests; a library caller) promoted
    each run's cyclic garbage, and no full collection came: tests/history/
    test_random_history.py's 220 mines took its process from 50 MB to 690 MB."""

    blocks = 0
    """`sys.getallocatedblocks()` then: the memory blocks (pymalloc's, of 512 bytes at
    most: every small object) the process held."""
    full_collections = -1
    """`gc.get_stats()`'s count of full collections then; -1: not counted yet."""
    ending = False
    """The process ends after its one command (`garbage_left_to_the_end`)."""


def _promote(*, collect: bool) -> None:
    """Move the young objects to the oldest generation (`gc.freeze` then `gc.unfreeze`)."""
    gc.freeze()
    gc.unfreeze()
    promoted(collect=collect)


def promoted(*, collect: bool) -> None:
    """Say that young objects were moved to the oldest generation uncounted (`gc.unfreeze`
    after `gc.freeze`); then, when `collect`, run a full collection once the heap holds
    twice the memory blocks the last one left: what a run frees by reference counting (a
    history replaced by the next) does not count, what stays does (cyclic garbage, or
    results kept), so the heap at most doubles between collections and each costs a walk
    of what lives, as CPython's own do. O(1) (`sys.getallocatedblocks`). Nothing is
    counted nor collected in a process that ends after its one command
    (`garbage_left_to_the_end`)."""
    if _Promotions.ending:
        return
    if gc.get_stats()[-1]["collections"] != _Promotions.full_collections:
        _counted_from_here()  # the first promotion, or a full collection ran since
    elif collect and sys.getallocatedblocks() > 2 * _Promotions.blocks:
        gc.collect()
        _counted_from_here()


def garbage_left_to_the_end() -> None:
    """Say that the process ends after its one command (the console script): its promoted
    garbage is freed with it, and a full collection on the way would only cost (one of
    60-70 ms in a warm `report` of an 11,000-commit repository without its result
    cached). A process that runs on (a library caller, the tests) never says so."""
    _Promotions.ending = True


def _counted_from_here() -> None:
    _Promotions.blocks = sys.getallocatedblocks()
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

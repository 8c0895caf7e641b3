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
    too, as after any `base.parallel` run).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if promote:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


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

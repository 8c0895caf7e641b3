"""What a run tells the whole-result cache (`base.result_cache`) of itself that the cache
cannot see: the worker processes of specrepo's own it starts, which a replay may stand for
(deterministic, they read nothing but what they are sent: small62, the regress worker,
`load.regress_process`), and a verdict it could not reach, for which none may (a pattern's
match stopped: `load.no_verdict`; the next run may reach one), and work it did for a
next run that answers alike with fewer questions (`outdone`). It imports nothing, as the
worker imports it too."""

from __future__ import annotations

import sys
from collections.abc import Sequence

OWN_WORKERS: set[str] = set()
"""The modules, run as `python -m MODULE`, that are specrepo's own deterministic workers
(`own_worker`)."""
UNDECIDED: list[str] = []
"""One item per verdict not reached since the cache last cleared it (`undecided`)."""
OUTDONE: list[str] = []
"""One item per thing done for the next run since the cache last cleared it (`outdone`)."""


def own_worker(module: str) -> str:
    """Tell that `module` (its `__name__`), run by this interpreter as `python -m MODULE`,
    is a worker whose answers depend only on what it is sent; `module`."""
    OWN_WORKERS.add(module)
    return module


def is_own_worker(arguments: Sequence[str]) -> bool:
    """Whether the command line `arguments` (program first) starts one of `OWN_WORKERS`
    with this interpreter (interpreter flags may stand before `-m`)."""
    if not arguments or arguments[0] != sys.executable or "-m" not in arguments[1:]:
        return False
    after = list(arguments).index("-m", 1) + 1
    return after < len(arguments) and arguments[after] in OWN_WORKERS


def undecided(why: str) -> None:
    """Tell that the run reached no verdict somewhere (`why`, in words): it is not stored."""
    UNDECIDED.append(why)


def outdone(why: str) -> None:
    """Tell that the next run asks fewer questions for the same output (`why`, in words: a
    listing of the spec files kept now, which it checks by one status a folder where this
    run walked them): this run is not stored, the next one is, and its hits ask less."""
    OUTDONE.append(why)

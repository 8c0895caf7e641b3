"""What the commit being made renames among the workflow's states, as a walk followed it
(`WorkflowSteps.being_made`: the index, and a merge being concluded with the commits it
merges), kept with the history cache: the versions the walk read name their states by
it, so a run the cache answers follows it again where it may differ (a merge begun or
given up since, the index's specs moved), and walks anew when it does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from specrepo.history.readings import Renames
from specrepo.history.rename_line import Known, renamed_later

Made = tuple[Known, Known, tuple[str, ...], tuple[tuple[str, Renames | None], ...]]
"""What HEAD's history renamed, what the commit being made's did (`being_made`), the
commits a merge being concluded merges (MERGE_HEAD), and each of them with the states of
its workflow today's calls otherwise (`rename_line.renamed_later`; None: unknown)."""


def made_by(head: Known, made: Known, merging: Sequence[str], known: Callable[[str], Known],
            today: tuple[str, ...]) -> Made:
    """The `Made` of a walk: HEAD's history renamed `head`, the commit being made's
    `made`, merging `merging`, whose histories renamed `known(commit)`; today's workflow's
    states `today`."""
    return head, made, tuple(merging), tuple(
        (commit, renamed_later(known(commit), made, today)) for commit in merging)


def settled(made: Made | None, merging: Sequence[str], today: tuple[str, ...]) -> bool:
    """Whether the commit being made renames as `made` says (a cache's walk of HEAD;
    None: it did not look ahead) without asking git: a walk that followed HEAD's history
    alone, with no merge being concluded (`merging`: MERGE_HEAD's commits) and HEAD's
    workflow today's (its states `today`), whose index's specs moved no state. False:
    it may differ (`made_again.made_holds` asks)."""
    if made is None:
        return not merging
    return not merging and not made[2] and made[0][1] in (None, today)


def made_changed(before: Made | None, after: Made | None) -> bool:
    """Whether the versions a walk read as `before` says (a cache's) read otherwise as
    `after` says (None: no renames followed, or the walk did not look ahead: HEAD's
    history alone): the commit being made renamed otherwise."""
    return _pending(before) != _pending(after)


def _pending(made: Made | None) -> frozenset[object]:
    """The renames the commit being made adds to HEAD's history's."""
    return frozenset() if made is None else frozenset(made[1][2] - made[0][2])


def made_to_json(made: Made | None) -> Any:
    """`made` as the history cache keeps it (None: null)."""
    if made is None:
        return None
    return [_known_to_json(made[0]), _known_to_json(made[1]), list(made[2]),
            [[commit, None if renames is None else [list(pair) for pair in renames]]
             for commit, renames in made[3]]]


def made_from_json(value: Any) -> Made | None:
    """`made_to_json`'s value read back. Raises `ValueError` when it is not one."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 4:
        raise ValueError("the renames of the commit being made are not a record")
    head, made, merging, names = value
    return _known(head), _known(made), _texts(merging), tuple(
        (_text(commit), None if renames is None else _pairs(renames))
        for commit, renames in _entries(names, 2))


def _known_to_json(known: Known) -> Any:
    renames, states, events = known
    return [[list(pair) for pair in renames], None if states is None else list(states),
            [list(event) for event in sorted(events)]]


def _known(value: Any) -> Known:
    renames, states, events = _entries([value], 3)[0]
    return _pairs(renames), None if states is None else _texts(states), frozenset(
        (_rank(rank), _text(commit), _text(old), _text(new))
        for rank, commit, old, new in _entries(events, 4))


def _rank(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("a rank of a rename that is not a number")
    return value


def _pairs(value: Any) -> Renames:
    return tuple((_text(old), _text(new)) for old, new in _entries(value, 2))


def _entries(value: Any, size: int) -> list[list[Any]]:
    if not isinstance(value, list) or not all(isinstance(entry, list) and len(entry) == size
                                              for entry in value):
        raise ValueError("renames of the commit being made that are not lists")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError("names of the commit being made that are not a list")
    return tuple(map(_text, value))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a name of the commit being made that is not text")
    return value

"""Which states of one version of a workflow another version calls otherwise (a state
renamed in `statuses: states:`, where the old name was): how history reads a version's
statuses in today's terms (`history.readings.towards`), and the states an earlier
configuration counted as approved (`history.approval_protection.approved_today`). Kept
apart from the readings, so that judging an approval imports no reader of versions."""

from __future__ import annotations

from collections.abc import Iterable


def renamed_states(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The states of workflow `old` that workflow `new` calls otherwise: (old name, new
    name) for each state `new` no longer has that holds the place, among the states both
    keep in order, of a state `old` did not have (a run of as many states replaced by as
    many, as `difflib` aligns the two lists). A state removed, or one added, is no rename;
    nor is a run replaced by one of another length."""
    import difflib  # noqa: PLC0415 (a workflow changed: a warm report never loads it)

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return tuple((before, after)
                 for tag, start, end, new_start, new_end in matcher.get_opcodes()
                 if tag == "replace" and end - start == new_end - new_start
                 for before, after in zip(old[start:end], new[new_start:new_end], strict=True)
                 if before not in new and after not in old)


RenameEvent = tuple[int, str, str, str]
"""A state a commit's configuration renamed (`renamed_states` of the workflow before and
its own): (its rank, the number of renames in the commit's history before the commit's
own: an earlier rename has a lower one; the commit; the old name; the new name)."""


def forward_renames(states: tuple[str, ...], later: Iterable[RenameEvent]
                    ) -> tuple[tuple[str, str], ...]:
    """The states of workflow `states` that renames made after its version (`later`, in
    any order) call otherwise: (name, the name the renames lead it to), sorted, each
    state followed through the renames in their order (rank, then commit: renamed twice,
    `A` -> `B` -> `C`, it is `C`; renamed, and its old name given to a new state later,
    it is the state it was renamed to). A state removed keeps its name."""
    names = dict(zip(states, states, strict=True))
    for _, _, old, new in sorted(later):
        for state, name in names.items():
            if name == old:
                names[state] = new
    return tuple(sorted((state, name) for state, name in names.items() if state != name))

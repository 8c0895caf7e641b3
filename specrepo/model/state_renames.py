"""Which states of one version of a workflow another version calls otherwise (a state
renamed in `statuses: states:`, where the old name was): how history reads a version's
statuses in today's terms (`history.readings.towards`), and the states an earlier
configuration counted as approved (`history.approval_protection.approved_today`). Kept
apart from the readings, so that judging an approval imports no reader of versions."""

from __future__ import annotations


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

"""The suspect-link rule, decided from history's inputs alone."""

from __future__ import annotations

import pytest

from specrepo.load.document import JsonValue
from specrepo.model.ancestry import GIT_BEGAN
from specrepo.model.references import ItemReference
from specrepo.model.trace import CommitStamp, ItemLink, LinkHistory, RequirementChange, Suspicion
from specrepo.trace.suspect import link_suspicion, tag_suspicion

TARGET = ItemReference("SPEC-0042", "FR-1")
LINK = ItemLink("SPEC-0050", "FR-2", "depends_on", TARGET)


def history(change: CommitStamp | None, confirmed: CommitStamp | None) -> LinkHistory:
    changes = {TARGET: RequirementChange(change, None, {"id": "FR-1"})} if change else {}
    touched: dict[str, tuple[CommitStamp, ...]] = {"tests/t.py": (confirmed,)} \
        if confirmed else {}
    approved = {"SPEC-0050": confirmed} if confirmed else {}
    return LinkHistory(changes, touched, approved)


CHANGE = CommitStamp("c" * 40, 1000)


@pytest.mark.parametrize(("confirmed", "suspect"), [
    (CommitStamp("a" * 40, 999), True),    # changed after the file was last touched
    (CommitStamp("a" * 40, 1000), False),  # the same second: not after
    (CommitStamp("a" * 40, 1001), False),  # touched after the change: confirmed again
    (CommitStamp("c" * 40, 900), False),   # the very commit that changed it
    (None, False),                         # never committed, or never approved
])
def test_changed_after_the_confirmation(confirmed: CommitStamp | None, suspect: bool) -> None:
    known = history(CHANGE, confirmed)
    expected = Suspicion(known.changes[TARGET], confirmed) if suspect and confirmed else None
    assert tag_suspicion(known.changes.get(TARGET), "tests/t.py", known) == expected
    assert link_suspicion(TARGET, LINK, known) == expected


def test_no_known_change_no_suspicion() -> None:
    known = history(None, CommitStamp("a" * 40, 1))
    assert tag_suspicion(known.changes.get(TARGET), "tests/t.py", known) is None
    assert link_suspicion(TARGET, LINK, known) is None
    touched = history(CHANGE, CommitStamp("a" * 40, 1))
    assert tag_suspicion(touched.changes[TARGET], "tests/other.py", touched) is None


def test_a_link_is_judged_by_the_item_it_confirmed_once_items_are_read() -> None:
    old: JsonValue = {"id": "FR-1", "description": "old"}
    new: JsonValue = {"id": "FR-1", "description": "new"}
    first = RequirementChange(CommitStamp("b" * 40, 900), old, new)  # then CHANGE at 1000

    def judged(after: JsonValue, confirmed_at: int) -> Suspicion | None:
        change = RequirementChange(CHANGE, new, after, earlier=(first,))
        touched: dict[str, tuple[CommitStamp, ...]] = {
            "tests/t.py": (CommitStamp("a" * 40, confirmed_at),)}
        return tag_suspicion(change, "tests/t.py", LinkHistory({}, touched, {}, items_read=True))
    assert judged(old, 800) is None  # both changes after it: back to what it confirmed
    assert judged(old, 950) == Suspicion(RequirementChange(CHANGE, new, old),
                                         CommitStamp("a" * 40, 950))  # it confirmed `new`
    other: JsonValue = {"id": "FR-1", "description": "other"}
    assert judged(other, 800) == Suspicion(RequirementChange(CHANGE, old, other),
                                           CommitStamp("a" * 40, 800))  # old -> other


_FORKED_ANCESTORS = {"f": "d", "b": "fd", "a": "bfd", "c": "fd"}


class _Forked:
    """Forked at `f` (after `d`): main's `b`, then `a`; a branch's `c` (first parent `f`)."""

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        return ancestor == commit or ancestor[0] in _FORKED_ANCESTORS.get(commit[0], "")

    def first_parent(self, commit: str) -> str | None:
        return {"b": "f" * 40, "a": "b" * 40, "c": "f" * 40}.get(commit[0])

    def keep_answers(self) -> None:
        return None


def test_what_the_requirement_says_now_judges_and_names_the_change_that_wrote_it() -> None:
    """A merge that kept main's text holds no change: the last change in history's order
    (`other`, the branch's `c`, thrown away) is not what the requirement says now (`new`,
    main's `b`)."""
    old: JsonValue = {"id": "FR-1", "description": "old"}
    new: JsonValue = {"id": "FR-1", "description": "new"}
    other: JsonValue = {"id": "FR-1", "description": "other"}
    wrote_new = RequirementChange(CommitStamp("b" * 40, 900), old, new)

    def judged(confirmed: CommitStamp) -> Suspicion | None:
        change = RequirementChange(CHANGE, old, other, earlier=(wrote_new,), now=new)
        return tag_suspicion(change, "tests/t.py", LinkHistory(
            {}, {"tests/t.py": (confirmed,)}, {}, _Forked(), items_read=True))
    assert judged(CommitStamp("a" * 40, 1100)) is None  # it confirmed `new`, said now
    before = CommitStamp("d" * 40, 800)
    assert judged(before) == Suspicion(RequirementChange(wrote_new.stamp, old, new),
                                       before)  # old -> new, where it was written


class _Line:
    """An ancestry where the change's commit is an ancestor of every other commit."""

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        return ancestor in (CHANGE.commit, commit)

    def first_parent(self, commit: str) -> str | None:
        return None

    def keep_answers(self) -> None:
        return None


def test_a_confirmation_dated_before_git_began_is_judged_by_the_graph() -> None:
    """trial41b (clocks before git began): a file touched after the change by a bot's
    commit dated 1970 saw the change (its commit descends from the change's): not
    suspect, as the graph says; one on a branch that forked before the change is."""
    change = RequirementChange(CommitStamp("c" * 40, GIT_BEGAN + 1000), None, {"id": "FR-1"})
    for confirmed, suspect in ((CommitStamp("a" * 40, 0), False),
                               (CommitStamp("b" * 40, GIT_BEGAN + 2000), False)):
        known = LinkHistory({TARGET: change}, {"tests/t.py": (confirmed,)}, {}, _Line())
        assert (tag_suspicion(change, "tests/t.py", known) is not None) is suspect

    class Forked(_Line):
        def is_ancestor(self, ancestor: str, commit: str) -> bool:
            return ancestor == commit

    forked = LinkHistory({TARGET: change}, {"tests/t.py": (CommitStamp("a" * 40, 0),)}, {},
                         Forked())
    assert tag_suspicion(change, "tests/t.py", forked) is not None


def test_one_last_touch_that_saw_every_change_confirms_the_link() -> None:
    """Two last touches (a merge of parallel edits): `b` saw the change (its commit
    descends from it), `a` did not: not suspect; with neither, suspect as the one that saw
    furthest, the first in git's order on a tie."""
    earlier = RequirementChange(CommitStamp("d" * 40, 500), None, {"id": "FR-1"})
    change = RequirementChange(CHANGE, None, {"id": "FR-1"}, earlier=(earlier,))

    class Graph(_Line):
        def is_ancestor(self, ancestor: str, commit: str) -> bool:
            return ancestor == commit or (ancestor[0], commit[0]) in {
                ("c", "b"), ("d", "b"), ("d", "e")}

    def judged(*touches: str) -> Suspicion | None:
        stamps = tuple(CommitStamp(commit * 40, 2000 - index)
                       for index, commit in enumerate(touches))
        return tag_suspicion(change, "tests/t.py",
                             LinkHistory({}, {"tests/t.py": stamps}, {}, Graph()))
    assert judged("a", "b") is None
    assert judged("b", "a") is None
    assert judged("a", "e") == Suspicion(change, CommitStamp("e" * 40, 1999))  # saw `d`
    assert judged("a", "f") == Suspicion(change, CommitStamp("a" * 40, 2000))  # a tie


def test_a_reviewers_day_before_the_change_saw_nothing_after_it() -> None:
    """An approval by a reviewer's `approved:` day ending before the change (its commit
    contains the change): not seen; the same commit's own time, earlier than the change's
    by a skewed clock, is seen (the graph decides)."""
    change = RequirementChange(CommitStamp("c" * 40, GIT_BEGAN + 1000), None, {"id": "FR-1"})
    for confirmed, suspect in ((CommitStamp("a" * 40, GIT_BEGAN + 500, day_end=True), True),
                               (CommitStamp("a" * 40, GIT_BEGAN + 500), False)):
        known = LinkHistory({TARGET: change}, {}, {"SPEC-0050": confirmed}, _Line())
        assert (link_suspicion(TARGET, LINK, known) is not None) is suspect

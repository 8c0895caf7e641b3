"""The suspect-link rule, decided from history's inputs alone."""

from __future__ import annotations

import pytest

from specrepo.model.references import ItemReference
from specrepo.model.trace import CommitStamp, ItemLink, LinkHistory, RequirementChange, Suspicion
from specrepo.trace.suspect import link_suspicion, tag_suspicion

TARGET = ItemReference("SPEC-0042", "FR-1")
LINK = ItemLink("SPEC-0050", "FR-2", "depends_on", TARGET)


def history(change: CommitStamp | None, confirmed: CommitStamp | None) -> LinkHistory:
    changes = {TARGET: RequirementChange(change, None, {"id": "FR-1"})} if change else {}
    touched = {"tests/t.py": confirmed} if confirmed else {}
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

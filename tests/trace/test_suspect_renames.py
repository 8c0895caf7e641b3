"""A requirement edited in the commit that moves its spec's file: a suspect link reads the
item before the edit where the spec's file was (its lineage, as history pairs versions), not
at the new path (trial45: shown as "added", and an edit undone later stayed suspect)."""

from __future__ import annotations

from specrepo.base.errors import ExitCode
from tests.commands.test_trace_suspect import LOGIN_PATH, login, repo, suspects, trace
from tests.history.gitrepo import GitRepo

__all__ = ["repo"]  # the fixture of test_trace_suspect, shared

MOVED = "specs/auth/SPEC-0042-sign-in.yaml"
CONFIRMED = {"id": "FR-3", "description": "Accept a valid password.", "priority": "P0"}


def test_an_edit_with_a_move_shows_the_item_as_the_links_confirmed_it(repo: GitRepo) -> None:
    changed = repo.commit("FR-3 takes passkeys; the file moves",
                          {LOGIN_PATH: None, MOVED: login("Accept a passkey.")})
    result = trace(repo, "suspect")
    assert suspects(result) == [("SPEC-0042/FR-3", "src/login.py", changed),
                                ("SPEC-0042/FR-3", "tests/test_login.py", changed),
                                ("SPEC-0042/FR-3", "SPEC-0050", changed)]
    row = result.matrix.requirements[0]
    for suspicion in (row.implemented_by[0].suspect, row.linked_from[0].suspect):
        assert suspicion is not None
        assert (suspicion.change.before, suspicion.change.after) == (
            CONFIRMED, {**CONFIRMED, "description": "Accept a passkey."})
        assert suspicion.change.description == \
            'description: "Accept a valid password." -> "Accept a passkey."'


def test_an_edit_with_a_move_undone_later_leaves_nothing_suspect(repo: GitRepo) -> None:
    """Tags and item links (SPEC-0050's `depends_on`) alike; the undo by hand, or a
    revert of the edit alone."""
    repo.commit("FR-3 takes passkeys; the file moves",
                {LOGIN_PATH: None, MOVED: login("Accept a passkey.")})
    repo.commit("FR-3 as it was", {MOVED: login()})
    result = trace(repo, "suspect")
    assert suspects(result) == []
    assert result.exit_code is ExitCode.CLEAN
    repo.commit("FR-3 takes passkeys", {MOVED: login("Accept a passkey.")})
    repo.git("revert", "--no-edit", "HEAD")
    assert suspects(trace(repo, "suspect")) == []


def test_a_move_back_and_forth_reads_each_parent_where_it_had_the_file(repo: GitRepo) -> None:
    """Moved and edited, then moved back and edited back: each change reads its own
    parent, so the item is again what the links confirmed."""
    repo.commit("Moved, passkeys", {LOGIN_PATH: None, MOVED: login("Accept a passkey.")})
    repo.commit("Back, as it was", {MOVED: None, LOGIN_PATH: login()})
    assert suspects(trace(repo, "suspect")) == []
    last = repo.commit("Moved, tokens", {LOGIN_PATH: None, MOVED: login("Accept a token.")})
    (link, *_) = trace(repo).matrix.requirements[0].implemented_by
    assert link.suspect is not None and link.suspect.change.stamp.commit == last
    assert link.suspect.change.before == CONFIRMED

"""Whether a move's own commit read where it put the file (`GitDepartures.moved_unread`):
read from git once, then from the departures cache, by later runs and after new commits
alike (a commit's own configuration never changes); a history whose spec locations never
changed asks nothing (`changed_locations`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history import departures
from specrepo.history.mine import mine_history
from specrepo.model.event import Event
from specrepo.model.events import MOVED
from specrepo.model.history import History
from specrepo.model.move_lives import moves_unread
from tests.history.gitrepo import GitRepo, spec_text

TOP, ARCHIVE = "specs/SPEC-0003.yaml", "specs/archive/SPEC-0003.yaml"


def mined(root: Path) -> History:
    return mine_history(load_config(None, root))


def moves(history: History) -> list[Event]:
    return [event for spec in history.specs for event in spec.events if event.kind == MOVED]


def moved_out_and_back(repo: GitRepo, narrowed: bool) -> tuple[str, str]:
    """SPEC-0003 moved into the archive (under `specs: specs/*.yaml` when `narrowed`)
    and back: the two moves' commits."""
    repo.commit("Draft", {TOP: spec_text("SPEC-0003")})
    if narrowed:
        repo.commit("Top only", {"specrepo.yaml": "specs: specs/*.yaml\n"})
    (repo.root / "specs" / "archive").mkdir()
    repo.git("mv", TOP, ARCHIVE)
    out = repo.commit("Archive")
    repo.commit("Approved there", {ARCHIVE: spec_text("SPEC-0003", "Approved")})
    repo.git("mv", ARCHIVE, TOP)
    return out, repo.commit("Back")


def test_a_move_s_own_commit_is_read_once(git_repo: GitRepo,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out, back = moved_out_and_back(git_repo, narrowed=True)
    history = mined(git_repo.root)
    assert history.departures is not None
    assert history.departures.changed_locations() != ()
    assert {(move.commit, unread) for move, unread in zip(
        moves(history), history.departures.moved_unread(moves(history)), strict=True)} == {
        (out, True), (back, False)}

    def asked(*_: object) -> dict[tuple[str, str], bool]:
        raise AssertionError("asked git again")

    monkeypatch.setattr(departures, "unread_at", asked)
    again = mined(git_repo.root)  # warm: from the cache
    assert again.departures is not None
    assert again.departures.moved_unread(moves(again)) == (True, False)
    git_repo.commit("Edited", {TOP: spec_text("SPEC-0003", "Approved", title="Another")})
    later = mined(git_repo.root)  # a new HEAD: the answers carried over
    assert later.departures is not None
    assert later.departures.moved_unread(moves(later)) == (True, False)


def test_no_location_changed_no_question(git_repo: GitRepo,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    moved_out_and_back(git_repo, narrowed=False)
    history = mined(git_repo.root)
    assert history.departures is not None
    assert history.departures.changed_locations() == ()

    def asked(*_: object) -> dict[tuple[str, str], bool]:
        raise AssertionError("asked git")

    monkeypatch.setattr(departures, "unread_at", asked)
    again = mined(git_repo.root)
    assert moves_unread(again.departures, again.specs) == {}

"""Which commit confirmed a test's link when branches touched the test file (session 60's
trial: trace took the latest touch by committer time, a branch's edit made a second later
without the requirement's change, and `trace --fail-on suspect` failed on main although the
commit that changed the requirement updated the test too). A tagging file's last touches are
the heads of its history; the link is confirmed when one of them saw every change, whatever
the commits' dates say; a merge that wrote its own text into the test is a touch."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ExitCode
from specrepo.commands.trace import TraceOptions, TraceResult, run
from specrepo.configuration.config_file import load_config
from tests.commands.test_trace_suspect import LOGIN_PATH, login
from tests.history.gitrepo import DAY, EPOCH, GitRepo
from tests.support import fuzz, run_cli

TESTS = "tests/test_login.py"
REVIEWED = "def test_spec_0042_fr_3(): pass\n\n\n\ndef test_other(): pass\n"


def _repository(root: Path) -> GitRepo:
    """SPEC-0042 (FR-3 and FR-4), a test file tagging FR-3, a branch `side` forked there."""
    repo = GitRepo(root)
    repo.commit("Spec and tests", {
        "specrepo.yaml": "specs: specs\ntrace: {tests: [tests/**]}\n", LOGIN_PATH: login(),
        TESTS: REVIEWED})
    repo.git("branch", "side")
    return repo


def _suspect(repo: GitRepo) -> list[str]:
    """The commit that confirmed each suspect link (the suspicion's `confirmed`)."""
    result = _trace(repo)
    return [link.suspect.confirmed.commit for row in result.matrix.requirements
            for link in row.verified_by if link.suspect]


def _trace(repo: GitRepo) -> TraceResult:
    return run(load_config(None, repo.root), TraceOptions(fail_on=("suspect",)))


def _on_side(repo: GitRepo, text: str, date: int | None = None) -> str:
    repo.git("checkout", "-q", "side")
    commit = repo.commit("Side edits the test file", {TESTS: text}, date=date,
                         committer_date=date)
    repo.git("checkout", "-q", "main")
    return commit


def test_a_branch_edit_made_later_does_not_hide_the_commit_that_saw_the_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """main changes FR-3 and its test in one commit; a branch forked before edits another
    line of the test a day later; merged: main's commit touched the file and saw the
    change, so nothing is suspect (the branch's edit, the latest by date, saw nothing)."""
    repo = _repository(tmp_path / "repo")
    repo.commit("FR-3 takes passkeys, test updated", {
        LOGIN_PATH: login("Accept a passkey."),
        TESTS: REVIEWED.replace("pass\n", "pass  # passkeys\n", 1)})
    _on_side(repo, REVIEWED.replace("test_other", "test_renamed"))
    repo.merge("side")
    assert _suspect(repo) == []
    monkeypatch.chdir(repo.root)
    assert run_cli("trace", "--fail-on", "suspect", no_traceback=True).exit_code == \
        ExitCode.CLEAN


def test_no_head_that_saw_the_change_leaves_the_link_suspect(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """main edits the test, then changes FR-3 alone; the branch edits the test later:
    neither last touch saw the change. The link is suspect, confirmed in main's edit (both
    saw as far; the first in git's order)."""
    repo = _repository(tmp_path / "repo")
    edited = repo.commit("Test edited", {TESTS: REVIEWED.replace("pass\n", "pass  # x\n", 1)})
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    side = _on_side(repo, REVIEWED.replace("test_other", "test_renamed"))
    repo.merge("side")
    assert _suspect(repo)[0] in (edited, side)
    monkeypatch.chdir(repo.root)
    failed = run_cli("trace", "--fail-on", "suspect", no_traceback=True)
    assert failed.exit_code == ExitCode.FINDINGS
    assert "Suspect links" in failed.output


def test_a_test_commit_dated_before_the_change_it_contains_saw_it(tmp_path: Path) -> None:
    """A committer's clock a year behind: the test's commit descends from FR-3's change, so
    it saw it, whatever its date."""
    repo = _repository(tmp_path / "repo")
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    assert len(_suspect(repo)) == 1
    repo.commit("Test reviewed", {TESTS: REVIEWED.replace("pass\n", "pass  # p\n", 1)},
                date=EPOCH - 365 * DAY, committer_date=EPOCH - 365 * DAY)
    assert _suspect(repo) == []


@pytest.mark.parametrize(("resolved", "suspect"), [
    ("def test_spec_0042_fr_3(): pass  # merged for passkeys\n", False),  # its own text
    ("def test_spec_0042_fr_3(): pass  # side\n", True),  # the branch's side, taken whole
])
def test_a_merge_that_resolved_the_test_anew_confirmed_it(tmp_path: Path, resolved: str,
                                                         suspect: bool) -> None:
    """main edits the test's first line, then changes FR-3 alone; the branch edits the same
    line: the merge conflicts. Written anew, the test was edited in the merge, which saw
    the change; taken from either side, it was not (no side saw the change)."""
    repo = _repository(tmp_path / "repo")
    repo.commit("Test edited", {TESTS: REVIEWED.replace("pass\n", "pass  # main\n", 1)})
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    _on_side(repo, REVIEWED.replace("pass\n", "pass  # side\n", 1))
    merge = repo.merge("side", files={TESTS: resolved + REVIEWED.split("\n", 1)[1]})
    found = _suspect(repo)
    assert bool(found) is suspect
    assert merge not in found


@fuzz(3)
@given(st.lists(st.integers(EPOCH - 400 * DAY, EPOCH + 400 * DAY), min_size=4, max_size=4))
def test_what_is_suspect_does_not_depend_on_commit_dates(
        tmp_path_factory: pytest.TempPathFactory, dates: list[int]) -> None:
    """The two histories above, their commits dated anyhow: the verdicts stay."""
    saw, missed = (_repository(tmp_path_factory.mktemp(name)) for name in ("saw", "missed"))
    saw.commit("FR-3 and test", {LOGIN_PATH: login("Accept a passkey."),
                                 TESTS: REVIEWED.replace("pass\n", "pass  # p\n", 1)},
               date=dates[0], committer_date=dates[0])
    missed.commit("Test edited", {TESTS: REVIEWED.replace("pass\n", "pass  # x\n", 1)},
                  date=dates[0], committer_date=dates[0])
    missed.commit("FR-3", {LOGIN_PATH: login("Accept a passkey.")}, date=dates[1],
                  committer_date=dates[1])
    for repo in (saw, missed):
        _on_side(repo, REVIEWED.replace("test_other", "test_renamed"), dates[2])
        repo.git("merge", "-q", "--no-ff", "-m", "Merge", "side", date=dates[3],
                 committer_date=dates[3])
    assert (_suspect(saw), len(_suspect(missed))) == ([], 1)


def test_a_last_touch_that_confirmed_what_the_requirement_says_again_clears_the_link(
        tmp_path: Path) -> None:
    """The branch's edit of the test saw FR-3's first text; main reviewed the test against
    a second text, then went back to the first: the branch's last touch confirmed what FR-3
    says now, so the link is not suspect (its items are read for every last touch, not only
    the one that saw furthest)."""
    repo = _repository(tmp_path / "repo")
    repo.commit("FR-3 takes passkeys", {LOGIN_PATH: login("Accept a passkey.")})
    repo.commit("Test reviewed", {TESTS: REVIEWED.replace("pass\n", "pass  # p\n", 1)})
    repo.commit("FR-3 back to passwords", {LOGIN_PATH: login()})
    _on_side(repo, REVIEWED.replace("test_other", "test_renamed"))
    repo.merge("side")
    assert _suspect(repo) == []

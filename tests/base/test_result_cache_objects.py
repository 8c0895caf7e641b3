"""The whole-result cache stores a run that read objects by id through `git cat-file
--batch` (issue #18): its hit asks only whether git still holds them (the object
store's stamp vouching), and a lost one makes the run afresh, failing as a cold one."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from specrepo.base.git_state import git_doubt, presence_name
from specrepo.gitio import object_stamp
from tests.base.test_result_cache import Replays, counted, run_once
from tests.history.gitrepo import GitRepo, spec_text

__all__ = ["counted"]  # the fixture, used by name
COMMIT = "b472c3374e573bc3cacb37a29dbad1a9fd18a687"


@pytest.fixture
def git_started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The command lines of the git processes started, each as `git`'s arguments; the
    object store's stamp trusted at once (the test's objects are seconds old)."""
    monkeypatch.setattr(object_stamp, "RACY_NS", 0)
    started: list[list[str]] = []
    opening = subprocess.Popen.__init__

    def counting(self: subprocess.Popen[Any], arguments: Any, *rest: Any, **named: Any) -> None:
        if isinstance(arguments, list) and arguments[:1] == ["git"]:
            started.append([str(each) for each in arguments[1:]])
        opening(self, arguments, *rest, **named)

    monkeypatch.setattr(subprocess.Popen, "__init__", counting)
    yield started


def _moved_after_approval(repo: GitRepo) -> str:
    """The tester's shape: a spec approved, changed, moved on a branch, merged; the id of
    the blob of its approved version."""
    repo.write("specrepo.yaml", "specs: specs\n")
    repo.commit("add", {"specs/SPEC-0001.yaml": spec_text()})
    approving = repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(status="Approved")})
    repo.commit("change", {"specs/SPEC-0001.yaml": spec_text(status="Approved").replace(
        "Why and what.", "Changed after approval.")})
    repo.git("checkout", "-q", "-b", "feat")
    repo.git("mv", "specs/SPEC-0001.yaml", "specs/SPEC-0001-moved.yaml")
    repo.commit("move")
    repo.git("checkout", "-q", "main")
    repo.commit("other", {"README.txt": "# x\n"})
    repo.merge("feat")
    return repo.git("rev-parse", f"{approving}:specs/SPEC-0001.yaml").strip()


def test_a_run_reading_objects_by_id_is_stored_and_replayed_without_git(
        git_repo: GitRepo, counted: type[Replays], git_started: list[list[str]]) -> None:
    _moved_after_approval(git_repo)
    arguments = ("validate", "--history")
    cold = run_once(arguments)
    assert b"changed-after-approval" in cold[1]
    assert ["cat-file", "--batch"] in git_started
    runs = [run_once(arguments) for _ in range(3)]  # stored, then a hit asks git, then stamped
    assert runs == [cold] * 3
    assert counted.count == 2
    git_started.clear()
    assert run_once(arguments) == cold
    assert counted.count == 3
    assert git_started == []


def test_a_lost_object_the_run_read_makes_the_replay_miss_and_the_run_fail(
        git_repo: GitRepo, counted: type[Replays], git_started: list[list[str]]) -> None:
    approved = _moved_after_approval(git_repo)
    arguments = ("validate", "--history")
    first = run_once(arguments)
    assert [run_once(arguments) for _ in range(3)] == [first] * 3
    replays = counted.count
    assert replays >= 2
    (git_repo.root / ".git" / "objects" / approved[:2] / approved[2:]).unlink()
    code, _, errors = run_once(arguments)
    assert code == 2, errors
    assert f"object {approved}".encode() in errors
    assert counted.count == replays


@pytest.mark.parametrize(("name", "answered", "asked"), [
    (COMMIT, COMMIT, COMMIT),
    (f"{COMMIT}:specs/a b.yaml", "0" * 40, f"{COMMIT}:specs/a b.yaml"),
    (f"{COMMIT}^{{tree}}", "0" * 40, f"{COMMIT}^{{tree}}"),
    (f"{COMMIT}:specs/gone.yaml", None, COMMIT),  # no such path: stays so with the commit
    (COMMIT, None, None),  # a lost object: nothing vouches for it
    (COMMIT, "", None),  # git stopped answering
    ("HEAD:specs/a.yaml", "0" * 40, None),  # a ref moves
    (f"{COMMIT[:12]}:specs/a.yaml", "0" * 40, None),  # a short id may grow ambiguous
    ("main", COMMIT, None),
])
def test_only_names_an_object_id_fixes_are_checked_again(
        name: str, answered: str | None, asked: str | None) -> None:
    assert presence_name(name, answered) == asked


@pytest.mark.parametrize(("arguments", "covered"), [
    (("cat-file", "--batch"), True),
    (("cat-file", "--batch-check=%(objectname)"), True),
    (("cat-file", "--batch", "--textconv"), False),
    (("cat-file", "blob", "HEAD:specrepo.yaml"), False),
    (("cat-file", "-e", "HEAD:specrepo.yaml"), False),
])
def test_cat_file_is_covered_only_as_the_readers_that_tell_their_answers(
        arguments: tuple[str, ...], covered: bool) -> None:
    assert (git_doubt(arguments) is None) == covered

"""The history gates in a shallow clone against a full clone of the same repository, the
oracle (shallow64): the same command gives the same answer in both, or the shallow one
exits 2 saying how to fetch the rest, cold and warm (the history cache)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.history.test_boundary_trailer_oracle import REVIEWED, _approved
from tests.report.test_since_day import QUESTION, RESOLVED
from tests.support import run_cli

ONE, TWO = "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml"
FETCH = "fetch all of it (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"
SINCE = ("report", "--now", "2026-02-01", "--since", "2026-01-04", "--fail-on",
         "changed-after-approval", "--format", "json")


def _origin(folder: Path) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper (2026-01-03) and its summary edited after
    (01-04); SPEC-0002's question asked (01-02) and resolved (01-05); two unrelated
    commits (01-06, 01-07)."""
    repo = GitRepo(folder / "origin")
    repo.commit("review", {ONE: spec_text(status="In Review", extra=REVIEWED),
                           TWO: spec_text("SPEC-0002", extra=QUESTION)})
    repo.commit("approve", {ONE: _approved()}, author="Grace Hopper")
    repo.commit("edit", {ONE: _approved("Edited after approval.")})
    repo.commit("resolve", {TWO: spec_text("SPEC-0002", extra=RESOLVED)})
    repo.commit("unrelated", {"notes.txt": "x\n"})
    repo.commit("unrelated", {"notes.txt": "y\n"})
    return repo


def _clone(repo: GitRepo, clone: Path, depth: int | None) -> Path:
    """`repo` cloned from its file:// URL, `depth` deep (None: all of it)."""
    subprocess.run(["git", "clone", "-q", *([f"--depth={depth}"] if depth else []),
                    f"file://{repo.root}", str(clone)], env=repo.environment(), check=True)
    return clone


def _answer(folder: Path, monkeypatch: pytest.MonkeyPatch, *extra: str
            ) -> tuple[int, list[str], str]:
    """`report --since 2026-01-04`'s exit code, the specs of its resolved questions (none
    when it refused) and its standard error, run in `folder`."""
    monkeypatch.chdir(folder)
    result = run_cli(*SINCE, *extra, no_traceback=True)
    resolved = [] if result.exit_code == 2 else [
        question["spec"] for question in json.loads(result.stdout)["resolved_questions"]]
    return result.exit_code, resolved, result.stderr


@pytest.mark.parametrize(("depth", "boundary_day"),
                         [(1, "2026-01-07"), (2, "2026-01-06"), (4, "2026-01-04"), (5, None)])
def test_report_since_a_date_before_a_shallow_history_refuses_or_agrees(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, depth: int,
        boundary_day: str | None) -> None:
    """`report --since DATE` in a clone whose boundary is shown on DATE or later exits 2
    naming the boundary and how to fetch the rest (it passed `changed-after-approval` and
    listed no resolved question, where the full clone fails and lists SPEC-0002's, with
    only `history is incomplete`); one whose history starts before that day answers as
    the full clone does."""
    repo = _origin(tmp_path)
    full = _answer(_clone(repo, tmp_path / "full", None), monkeypatch)
    assert full[:2] == (1, ["SPEC-0002"])
    clone = _clone(repo, tmp_path / "clone", depth)
    boundary = (clone / ".git" / "shallow").read_text().strip()
    for _ in ("cold", "warm"):
        code, resolved, stderr = _answer(clone, monkeypatch, "--allow-shallow")
        if boundary_day is None:
            assert (code, resolved) == full[:2], stderr
            continue
        assert code == 2, stderr
        assert (f"--since 2026-01-04 reaches before this shallow clone's history, which "
                f"starts at boundary commit {boundary[:10]} ({boundary_day}): what was "
                "resolved or changed before it, which may fall on 2026-01-04 or later on "
                "its author's day, is not in the clone") in stderr.replace("\n", " ")
        assert (f"{FETCH}, or deeper, to before that day (`git fetch --deepen N`), or give "
                "--since REF, a commit the clone holds") in stderr.replace("\n", " ")


def test_a_commit_before_the_boundary_on_a_later_day_in_its_zone_refuses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A question resolved on 2026-01-07 in its author's zone (08:00 +0900), before a
    boundary commit shown on the 6th in its own (17:00 -0700, an hour later in UTC): the
    boundary's own day is before `--since 2026-01-07`, yet the clone lacks that day's
    resolution, which the full clone lists: exit 2 (newuser64b F1: it listed none)."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("ask", {TWO: spec_text("SPEC-0002", extra=QUESTION)})
    repo.commit("resolve", {TWO: spec_text("SPEC-0002", extra=RESOLVED)},
                date=EPOCH + 5 * DAY + 23 * 3600, zone="+0900")
    repo.commit("unrelated", {"notes.txt": "x\n"}, date=EPOCH + 6 * DAY, zone="-0700")
    repo.commit("unrelated", {"notes.txt": "y\n"}, date=EPOCH + 7 * DAY)
    arguments = ("report", "--now", "2026-02-01", "--since", "2026-01-07", "--format",
                 "json", "--allow-shallow")
    monkeypatch.chdir(_clone(repo, tmp_path / "full", None))
    full = run_cli(*arguments, no_traceback=True)
    assert [question["spec"] for question in json.loads(full.stdout)["resolved_questions"]] \
        == ["SPEC-0002"], full.stdout
    monkeypatch.chdir(_clone(repo, tmp_path / "clone", 2))
    shallow = run_cli(*arguments, no_traceback=True)
    assert shallow.exit_code == 2, shallow.stdout
    assert "(2026-01-06): what was resolved or changed before it" in shallow.stderr


def test_the_gates_in_a_tip_only_clone_agree(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At depth 1, `diff --since-approval --exit-code`, `report --fail-on
    changed-after-approval` and `validate --history` cannot read the approved version
    the full clone fails them on: each exits 2 with the same advice, cold and warm; with
    `--allow-shallow` (README: it goes on with what is there and warns) they agree."""
    repo = _origin(tmp_path)
    clone = _clone(repo, tmp_path / "clone", 1)
    monkeypatch.chdir(clone)
    gates = (("diff", "--since-approval", "--exit-code"),
             ("report", "--now", "2026-02-01", "--fail-on", "changed-after-approval"),
             ("validate", "--history"))
    for _ in ("cold", "warm"):
        for gate in gates:
            result = run_cli(*gate, no_traceback=True)
            assert result.exit_code == 2, result.output
            assert FETCH in result.stderr.replace("\n", " ")
        allowed = {run_cli(*gate, "--allow-shallow", no_traceback=True).exit_code
                   for gate in gates}
        assert len(allowed) == 1

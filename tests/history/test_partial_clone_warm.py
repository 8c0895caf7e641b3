"""A history cache built in one `--filter=blob:none` clone and restored into a fresh one
(the CI-cache shape): the warm run fetches the versions it reads in one batch, never one
by one through git's lazy fetch, and answers as the cold run did."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_boundary_trailer_oracle import _approved
from tests.history.test_partial_clone import fetches, partial_clone
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

SPECS = 4


def _origin(root: Path) -> GitRepo:
    """`SPECS` specs approved by Grace Hopper, then each changed by Ada (unapproved)."""
    origin = GitRepo(root)
    names = [f"SPEC-{number:04d}" for number in range(1, SPECS + 1)]
    origin.commit("approve", {f"specs/{name}.yaml": _approved(spec_id=name) for name in names},
                  author="Grace Hopper")
    for name in names:
        origin.commit(f"change {name}", {f"specs/{name}.yaml": _approved("Changed.", name)})
    origin.git("config", "uploadpack.allowFilter", "true")
    origin.git("config", "uploadpack.allowAnySHA1InWant", "true")
    return origin


@pytest.mark.parametrize("arguments", [["validate", "--history"], ["report"],
                                       ["diff", "--since-approval"], ["timeline", "SPEC-0002"]])
def test_a_restored_cache_fetches_what_it_reads_in_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]) -> None:
    origin = _origin(tmp_path / "origin")
    built = partial_clone(origin, tmp_path / "built")
    monkeypatch.chdir(built)
    expected = run_cli(*arguments, no_traceback=True)
    assert expected.exit_code in (0, 1), expected.output
    restored = partial_clone(origin, tmp_path / "restored")
    shutil.copytree(built / ".git" / "specrepo", restored / ".git" / "specrepo")
    monkeypatch.chdir(restored)
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    result = run_cli(*arguments, no_traceback=True)
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    hierarchies = [event.get("hierarchy") for event in fetches(trace)]
    assert hierarchies == ["fetch"], hierarchies  # one batch; none below `cat-file`


def _git_runs(trace: Path) -> list[list[str]]:
    """The command lines of the git processes a `GIT_TRACE2_EVENT` trace saw start."""
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    return [event["argv"][1:] for event in events if event.get("event") == "start"]


def test_a_warm_run_holding_every_version_asks_their_ids_not_the_history(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = partial_clone(_origin(tmp_path / "origin"), tmp_path / "clone")
    monkeypatch.chdir(clone)
    expected = run_cli("report", no_traceback=True)  # cold: fetches them in one batch
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    result = run_cli("report", no_traceback=True)
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    runs = _git_runs(trace)
    assert not fetches(trace), runs
    assert [run for run in runs if run[0] == "rev-list" and "--missing=print" in run] \
        == [["rev-list", "--objects", "--no-walk", "--missing=print", "--stdin"]], runs

def _later(origin: GitRepo) -> None:
    """Commits after those a cache was built at: an approved spec changed, one renamed,
    the configuration changed, and a branch that changes another merged."""
    origin.commit("change SPEC-0001", {"specs/SPEC-0001.yaml": _approved("Again.", "SPEC-0001")})
    origin.commit("rename SPEC-0002", {"specs/SPEC-0002.yaml": None,
                                       "specs/renamed.yaml": _approved("Changed.", "SPEC-0002")})
    origin.commit("configure", {"specrepo.yaml": "specs: specs\n# the specs of the team\n"})
    origin.git("checkout", "-q", "-b", "side")
    origin.commit("change SPEC-0003", {"specs/SPEC-0003.yaml": _approved("Side.", "SPEC-0003")})
    origin.git("checkout", "-q", "main")
    origin.commit("change SPEC-0004", {"specs/SPEC-0004.yaml": _approved("Main.", "SPEC-0004")})
    origin.merge("side")


READERS = [["validate", "--history"], ["report"], ["diff", "--since-approval"],
           ["timeline", "SPEC-0002"]]


def _restored_later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]
                    ) -> tuple[Path, Path, str]:
    """A clone with no cache and one with the cache of an earlier commit's clone (built
    by `arguments`), both of the commits after it (`_later`); and that commit, `^`-ed."""
    origin = _origin(tmp_path / "origin")
    built = partial_clone(origin, tmp_path / "built")
    monkeypatch.chdir(built)
    assert run_cli(*arguments, no_traceback=True).exit_code in (0, 1)
    since = "^" + origin.git("rev-parse", "HEAD")  # the cache's head
    _later(origin)
    restored = partial_clone(origin, tmp_path / "restored")
    shutil.copytree(built / ".git" / "specrepo", restored / ".git" / "specrepo")
    return partial_clone(origin, tmp_path / "cold"), restored, since


@pytest.mark.parametrize("arguments", READERS)
def test_a_cache_restored_into_a_later_commit_fetches_in_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]) -> None:
    """The CI case: the cache of main's clone restored into the clone of a later push. The
    walk of the later commits reads the approved versions before them (its diffs') and
    the configuration's versions among them: all in the one batch, none one by one."""
    cold, restored, since = _restored_later(tmp_path, monkeypatch, arguments)
    monkeypatch.chdir(cold)
    expected = run_cli(*arguments, no_traceback=True)
    monkeypatch.chdir(restored)
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    result = run_cli(*arguments, no_traceback=True)
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    assert any(since in event.get("argv", ()) for event in events)  # the cache went on
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    hierarchies = [event.get("hierarchy") for event in fetches(trace)]
    assert hierarchies == ["fetch"], hierarchies  # one batch; none below `cat-file`


@pytest.mark.parametrize("arguments", READERS)
def test_offline_a_cache_restored_into_a_later_commit_says_what_a_cold_run_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]) -> None:
    """With the remote gone, the warm run's batch fails as the cold run's does, in its
    words (not a one-object fetch's below `cat-file`)."""
    cold, restored, _ = _restored_later(tmp_path, monkeypatch, arguments)
    shutil.rmtree(tmp_path / "origin")
    said = []
    for clone in (cold, restored):
        monkeypatch.chdir(clone)
        result = run_cli(*arguments, no_traceback=True)
        assert result.exit_code == 2, result.output
        said.append(result.stderr)  # no count: a cold run stops at its first batch
    assert said[0] == said[1]
    assert "historical versions of the spec, configuration" in said[1], said[1]

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


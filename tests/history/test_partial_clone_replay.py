"""A whole-result cache stored in a `--filter=blob:none` clone and restored into a fresh
one at the same path (the CI-cache shape): its hit asks again whether git holds what the
run read (`object_presence.all_present`), which must never make git fetch a version the
fresh clone lacks on its own, one by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.base.test_result_cache import Replays, counted, run_once
from tests.history.test_partial_clone import fetches, partial_clone
from tests.history.test_partial_clone_warm import _origin

__all__ = ["counted"]  # a fixture

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too


@pytest.mark.parametrize("arguments", [("report",), ("timeline", "SPEC-0002"),
                                       ("validate", "--history")])
def test_a_restored_whole_result_fetches_no_version_one_by_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: type[Replays],
        arguments: tuple[str, ...]) -> None:
    origin = _origin(tmp_path / "origin")
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))  # the same in every run: in the key
    clone = partial_clone(origin, tmp_path / "clone")
    monkeypatch.chdir(clone)
    # Cold (it forks: not stored; a listing wanted), a run that keeps the listing when the
    # clone's folders are `listing_cache.RACY_MARGIN` old by then (not stored: the next
    # asks less; else it lists again and is stored), a stored run, a replay: three runs
    # replayed only on a machine fast enough for the second to come within 3 s of the clone.
    expected = [run_once(arguments) for _ in range(4)][-1]
    assert counted.count >= 1, expected  # stored and replayed
    shutil.copytree(clone / ".git" / "specrepo", tmp_path / "kept")
    monkeypatch.chdir(tmp_path)
    shutil.rmtree(clone)
    partial_clone(origin, clone)
    shutil.copytree(tmp_path / "kept", clone / ".git" / "specrepo")
    monkeypatch.chdir(clone)
    trace.write_text("")
    assert run_once(arguments) == expected
    hierarchies = [event.get("hierarchy") for event in fetches(trace)]
    assert hierarchies in ([], ["fetch"]), hierarchies  # none below `cat-file`

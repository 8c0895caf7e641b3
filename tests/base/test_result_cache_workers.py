"""The whole-result cache and specrepo's own workers (small62 item 4): a run whose schema
has a pattern only regress decides starts the regress worker (`load.regress_process`),
which is deterministic and reads nothing but what it is sent: such a run is stored and
replayed. A run in which a match reached no verdict (`SlowMatch`, `EngineEnded`) is not."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from specrepo.base import replay_doubts, result_cache
from specrepo.load import ecma_regex, regress_process
from specrepo.load.no_verdict import SlowMatch
from tests.base.test_result_cache import Replays, counted, run_once
from tests.history.gitrepo import GitRepo, spec_text

__all__ = ["counted"]  # the fixture, used by name

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "spec.schema.json"
TWO_WAYS = "^(a|aa)+\\1b$"
"""A back reference after a repetition: only regress decides it (`load.ecma_regex`)."""


def _schema_repo(git_repo: GitRepo, slug: str) -> Path:
    """A repository whose schema's `slug` must match `TWO_WAYS`, and a spec with `slug`;
    its folder of caches."""
    schema = json.loads(SCHEMA.read_text())
    schema["properties"]["slug"] = {"type": "string", "pattern": TWO_WAYS}
    git_repo.write("specrepo.yaml", "specs: specs\nschema: spec.schema.json\n")
    git_repo.write("spec.schema.json", json.dumps(schema))
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(extra=f"slug: {slug}\n")})
    return git_repo.root / ".git" / "specrepo"


def _entries(folder: Path) -> list[Path]:
    return list(folder.glob("result-cache-*.json"))


def test_a_run_that_started_only_the_regress_worker_is_replayed(
        git_repo: GitRepo, counted: type[Replays]) -> None:
    """The second run, its history cached but its findings not (a cache not kept, or a
    cold run that matched in this process: one core), matches in the worker: stored, and
    replayed by the third."""
    arguments = ("validate", "--history")
    folder = _schema_repo(git_repo, "aaab")
    cold = run_once(arguments)  # forks its version worker: not stored
    regress_process.stop_worker()  # this session's: the next run starts its own
    (folder / "findings-cache.json").unlink()  # so that HEAD's spec is matched again
    warm = run_once(arguments)
    assert warm == cold
    assert regress_process._workers, "the warm run matched in the worker"
    assert _entries(folder), "the run that started the regress worker is stored"
    regress_process.stop_worker()
    assert run_once(arguments) == cold  # byte-identical
    assert counted.count == 1
    assert not regress_process._workers, "a replay starts no worker"


def test_the_own_worker_is_known_by_its_command_line() -> None:
    module = regress_process.__name__
    assert replay_doubts.is_own_worker([sys.executable, "-I", "-m", module, "12"])
    assert not replay_doubts.is_own_worker(["python-other", "-m", module, "12"])
    assert not replay_doubts.is_own_worker([sys.executable, "-m", "json.tool"])
    assert not replay_doubts.is_own_worker([sys.executable, module, "-m"])


def test_a_slow_match_is_never_stored(git_repo: GitRepo, counted: type[Replays],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _schema_repo(git_repo, "aaab")
    monkeypatch.setattr(ecma_regex, "MATCH_SECONDS", 0.01)
    monkeypatch.setattr(regress_process._Worker, "ask", lambda *_: None)  # never answers
    for _ in range(2):
        code, _, err = run_once(("validate", "--history"))
        assert code == 2 and b"did not decide" in err, (code, _, err)
    assert not _entries(folder)
    assert counted.count == 0


def test_a_run_without_a_verdict_is_never_stored_whatever_its_exit_code(
        git_repo: GitRepo, counted: type[Replays]) -> None:
    """A `NoVerdict` taken for a finding (a historical version's value is not trusted:
    `history.versions`) may end a run with 0 or 1: the run is not stored all the same."""
    folder = _schema_repo(git_repo, "aab")
    cached = result_cache.cached_run(["validate", "--history"])
    assert cached is not None

    def run() -> None:
        SlowMatch("^(a|aa)+\\1b$", "aaaa", 0.01)  # made, as a caller that keeps it
        raise SystemExit(0)

    with pytest.raises(SystemExit):
        cached.filled(run)
    assert not _entries(folder)
    assert counted.count == 0

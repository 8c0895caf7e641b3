"""What makes a warm run cheap never changes what it says: the spec files listed once per
run, the history cache read instead of git, the same bytes cold, warm and incremental."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from specrepo.history.cache import CACHE_FILE
from specrepo.load import glob_walk, spec_files
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import exit_and_output, run_cli

COMMANDS = [
    ("report",), ("report", "--format", "json"), ("report", "--format", "markdown"),
    ("timeline", "SPEC-0001"), ("timeline", "SPEC-0001", "--format", "json"),
    ("validate", "--history"), ("validate", "--history", "--format", "json"),
]


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\n")
    git_repo.commit("Start", {"specs/SPEC-0001.yaml": spec_text(),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(
        status="In Review", extra="reviewers: [Grace Hopper]\n")})
    return git_repo


def outputs(repo: GitRepo) -> Iterator[tuple[int, str]]:
    return (exit_and_output(*arguments) for arguments in COMMANDS)


@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
def test_a_run_lists_the_spec_files_once(repo: GitRepo, arguments: tuple[str, ...],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    exit_and_output(*arguments)  # cold: the walk
    searches: list[Path] = []
    search = glob_walk.spec_entries_below

    def counted(folder: str, suffixes: tuple[str, ...], **options: Any
                ) -> Iterator[tuple[str, str, bool]]:
        searches.append(Path(folder))
        return search(folder, suffixes, **options)

    monkeypatch.setattr(spec_files, "spec_entries_below", counted)
    exit_and_output(*arguments)
    assert searches == [repo.root / "specs"]


def test_cold_warm_and_incremental_runs_say_the_same_bytes(repo: GitRepo) -> None:
    cache = repo.root / ".git" / CACHE_FILE
    cold = list(outputs(repo))
    assert cache.is_file()
    assert list(outputs(repo)) == cold  # warm
    repo.commit("Approve", {"specs/SPEC-0001.yaml": spec_text(
        status="Approved", extra="reviewers: [{name: Grace Hopper, approved: 2026-01-05}]\n")})
    incremental = list(outputs(repo))
    cache.unlink()
    assert list(outputs(repo)) == incremental  # cold again
    assert incremental != cold


def _events_contradicted(cache: Path) -> None:
    """Every spec's line of events in the cache given an event of an unknown kind, the
    checksum recomputed (as only a forger or a bug could write it)."""
    header, payload = cache.read_bytes().split(b"\n", 1)
    histories, *events, walk_state = payload.split(b"\n")
    damaged = [json.dumps([[*event[:6], "teleported", *event[7:]] for event
                           in json.loads(line)]).encode() for line in events]
    rest = b"\n".join([histories, *damaged, walk_state])
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(rest).hexdigest()
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + rest)


@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
def test_events_found_damaged_as_they_are_read_say_the_cold_bytes(
        repo: GitRepo, arguments: tuple[str, ...]) -> None:
    """Each spec's events are decoded when a command reads them: a damaged line is then
    discarded with one warning and the history mined again; the command says what it says
    cold, and the next run is warm and quiet. (SPEC-0002 jumps from Draft to Implemented,
    which the workflow forbids: `validate --history` reads the events of a spec with a
    forbidden move, and only those.)"""
    repo.commit("Jump", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="Implemented")})
    cache = repo.root / ".git" / CACHE_FILE
    cold = run_cli(*arguments)
    _events_contradicted(cache)
    damaged = run_cli(*arguments)
    assert (damaged.exit_code, damaged.stdout) == (cold.exit_code, cold.stdout)
    warnings = [line for line in damaged.stderr.splitlines() if "failed a consistency" in line]
    assert len(warnings) == 1
    assert exit_and_output(*arguments) == (cold.exit_code, cold.output)


@pytest.mark.parametrize("arguments", [
    ("validate", "--history"), ("report",), ("report", "--format", "json")], ids=" ".join)
def test_allowed_moves_and_reviews_are_read_without_the_events(
        repo: GitRepo, arguments: tuple[str, ...]) -> None:
    """The cache keeps each spec's status moves and review times beside its events: when
    the workflow allows every move, the illegal-transition check and the report's
    reviewers read no event (a damaged line of events goes unread, so unnoticed), and the
    command says what it says cold."""
    cache = repo.root / ".git" / CACHE_FILE
    cold = run_cli(*arguments)
    _events_contradicted(cache)
    warm = run_cli(*arguments)
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)


def test_damaged_moves_are_found_as_they_are_read(repo: GitRepo) -> None:
    """A spec's status moves that are not what the cache writes are read from its events
    instead, which finds the damage: one warning, the cold run's bytes."""
    cache = repo.root / ".git" / CACHE_FILE
    cold = run_cli("validate", "--history")
    header, payload = cache.read_bytes().split(b"\n", 1)
    histories, *rest = payload.split(b"\n")
    document = json.loads(histories)
    for lineage in document["assembly"]["lineages"]:
        lineage[18] = [["Draft"]]  # its status moves
    forged = b"\n".join([json.dumps(document).encode(), *rest])
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(forged).hexdigest()
    cache.write_bytes(json.dumps(fields).encode() + b"\n" + forged)
    damaged = run_cli("validate", "--history")
    assert (damaged.exit_code, damaged.stdout) == (cold.exit_code, cold.stdout)
    assert len([line for line in damaged.stderr.splitlines()
                if "failed a consistency" in line]) == 1

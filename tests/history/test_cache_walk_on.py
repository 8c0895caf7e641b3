"""Walking on from the history cache over new commits: the specs they change have their
cached events decoded (and checked), the others keep the cache's line as it was, unread;
the answers and the cache written are the cold run's, a damaged line included."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history import cached_events
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.model.event import Event
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_cache_fuzz import documents, with_checksum

SPECS: dict[str, str | bytes | None] = {
    f"specs/SPEC-000{number}.yaml": spec_text(f"SPEC-000{number}") for number in range(1, 4)}


def mine(repo: GitRepo, warnings: list[str] | None = None) -> History:
    return mine_history(load_config(None, repo.root),
                        MineOptions(warn=(warnings if warnings is not None else []).append))


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """Three specs, a cache of the last commit, then one new commit changing SPEC-0001."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Drafts", SPECS)
    repo.commit("Review", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002",
                                                             status="In Review")})
    mine(repo)
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")})
    return repo


def cold_of(repo: GitRepo) -> tuple[History, bytes]:
    """The history mined with no cache, and the cache it writes."""
    cache = repo.root / ".git" / CACHE_FILE
    cache.unlink()
    history = mine(repo)
    return history, cache.read_bytes()


def damaged(repo: GitRepo, spec_id: str) -> None:
    """The cache with the events of `spec_id` made to contradict its status (the checksum
    recomputed, as only a forger or a bug could write it)."""
    cache = repo.root / ".git" / CACHE_FILE
    header, payload = cache.read_bytes().split(b"\n", 1)
    document, *events, walk_state = documents(payload)
    index = next(index for index, lineage in enumerate(document["assembly"]["lineages"])
                 if lineage[1] == spec_id)
    events[index] = [[*event[:9], "Withdrawn", *event[10:]] for event in events[index]]
    cache.write_bytes(with_checksum(header, [document, *events, walk_state]))


def test_only_the_specs_new_commits_change_are_decoded(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[bytes] = []
    decode = cached_events.decoded_events

    def counted(line: bytes, *arguments: object) -> list[Event]:
        decoded.append(line)
        return decode(line, *arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(cached_events, "decoded_events", counted)
    walked_on = mine(repo)
    written = (repo.root / ".git" / CACHE_FILE).read_bytes()
    assert len(decoded) == 1 and b"SPEC-0001" in decoded[0]
    monkeypatch.undo()
    cold, cold_cache = cold_of(repo)
    assert walked_on == cold
    assert written == cold_cache


def test_a_damaged_line_the_walk_goes_on_from_restarts_it(repo: GitRepo) -> None:
    """SPEC-0001's events are decoded to add the new commit's: found damaged, the walk
    starts again with no cache (one warning) and writes the cold run's cache."""
    damaged(repo, "SPEC-0001")
    warnings: list[str] = []
    walked_on = mine(repo, warnings)
    written = (repo.root / ".git" / CACHE_FILE).read_bytes()
    assert len(warnings) == 1 and "failed a consistency check" in warnings[0]
    assert (walked_on, written) == cold_of(repo)


def test_a_damaged_line_the_walk_left_unread_is_found_when_read(repo: GitRepo) -> None:
    """SPEC-0003's events are not read by the walk: its line is written back unread, and
    reading it finds the damage (one warning, the history mined again: the cold answer)."""
    damaged(repo, "SPEC-0003")
    warnings: list[str] = []
    walked_on = mine(repo, warnings)
    assert warnings == []
    events = walked_on.spec("SPEC-0003").events
    cold, _ = cold_of(repo)
    assert tuple(events) == tuple(cold.spec("SPEC-0003").events)
    assert len(warnings) == 1 and "failed a consistency check" in warnings[0]
    assert walked_on == cold

"""A damaged cache is discarded with one warning and never trusted: fuzzed byte flips,
truncations, and well-formed JSON whose content does not fit together."""

from __future__ import annotations

import hashlib
import json
import pickle
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from specrepo.configuration.config_file import load_config
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.model.event import file_moves
from specrepo.model.history import History
from specrepo.model.review_times import review_times, spec_review_times
from specrepo.model.status_moves import move_pairs, spec_move_pairs
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import fuzz

REVIEWED = "reviewers:\n  - {name: Grace Hopper, approved: 2026-01-04}\n"
QUESTION = "open_questions:\n  - {id: Q-1, question: Why?, owner: Ada Lovelace}\n"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    """Moves, a copy, a renumbering, a broken version and a merge: every part of a cache."""
    repo = GitRepo(tmp_path_factory.mktemp("fuzz") / "repo")
    repo.commit("Drafts", {"specs/SPEC-0001.yaml": spec_text(extra=QUESTION),
                           "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                             extra=REVIEWED + QUESTION)})
    repo.git("checkout", "-q", "main")
    repo.commit("Broken", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="Nope")})
    repo.merge("side")
    repo.commit("Copy and renumber", {"specs/SPEC-0003.yaml": spec_text("SPEC-0002"),
                                      "specs/SPEC-0002.yaml": spec_text("SPEC-0004")})
    repo.git("mv", "specs/SPEC-0001.yaml", "specs/moved.yaml")
    repo.commit("Move")
    return repo


@pytest.fixture(scope="module")
def cold(repo: GitRepo) -> tuple[History, bytes]:
    """The history mined with no cache, and the cache it wrote."""
    cache = repo.root / ".git" / CACHE_FILE
    cache.unlink(missing_ok=True)
    history = mine_history(load_config(None, repo.root))
    return history, cache.read_bytes()


def mine_with(repo: GitRepo, content: bytes) -> tuple[History, list[str]]:
    (repo.root / ".git" / CACHE_FILE).write_bytes(content)
    warnings: list[str] = []
    history = mine_history(load_config(None, repo.root), MineOptions(warn=warnings.append))
    return history, warnings


def assert_discarded(warnings: list[str]) -> None:
    assert len(warnings) == 1
    assert "failed a consistency check" in warnings[0]
    assert "\n" not in warnings[0]


@fuzz(25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_flipped_byte_is_caught(repo: GitRepo, cold: tuple[History, bytes],
                                  data: st.DataObject) -> None:
    expected, content = cold
    header_end = content.index(b"\n")
    position = data.draw(st.integers(header_end + 1, len(content) - 1))
    bit = data.draw(st.integers(0, 7))
    damaged = bytearray(content)
    damaged[position] ^= 1 << bit
    history, warnings = mine_with(repo, bytes(damaged))
    assert history == expected
    assert_discarded(warnings)


@fuzz(25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_truncated_cache_is_caught(repo: GitRepo, cold: tuple[History, bytes],
                                     data: st.DataObject) -> None:
    expected, content = cold
    length = data.draw(st.integers(0, len(content) - 1))
    history, warnings = mine_with(repo, content[:length])
    assert history == expected
    if length:  # an empty file is no cache at all, or a damaged one: either is rebuilt
        assert_discarded(warnings)


def documents(payload: bytes) -> list[Any]:
    """The cache's JSON documents: what reading histories needs but the events, each
    spec's events, the walk's state."""
    return [json.loads(line) for line in payload.split(b"\n")]


def with_checksum(header: bytes, parts: list[Any]) -> bytes:
    """A cache of `parts` (`documents`) with their checksum recomputed: forged."""
    payload = b"\n".join(json.dumps(part).encode() for part in parts)
    fields = json.loads(header)
    fields["sha256"] = hashlib.sha256(payload).hexdigest()
    return json.dumps(fields).encode() + b"\n" + payload


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside a JSON document."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_nodes(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_nodes(item, (*path, index)))
    return found


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return document


def _json_type(value: Any) -> str:
    return "number" if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else type(value).__name__


OTHER_VALUES = [None, True, 7, 2.5, "", "x" * 41, "0" * 40, [], [1], {}, {"a": 1}]


def _mutated(parts: list[Any], data: st.DataObject) -> list[Any]:
    """The documents with one value below them replaced by a value of another JSON type."""
    path = data.draw(st.sampled_from(_nodes(parts)[1:]))
    node = parts
    for key in path:
        node = node[key]
    replacement = data.draw(st.sampled_from(
        [value for value in OTHER_VALUES if _json_type(value) != _json_type(node)]))
    return _replace(parts, path, replacement)  # type: ignore[no-any-return]


@fuzz(30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_well_formed_json_with_other_content_is_caught(
        repo: GitRepo, cold: tuple[History, bytes], data: st.DataObject) -> None:
    """Well-formed JSON that is not what the writer wrote (another writer, a half-updated
    file, an edit): its checksum does not match, so it is discarded."""
    expected, content = cold
    header, payload = content.split(b"\n", 1)
    damaged = b"\n".join(json.dumps(part).encode()
                         for part in _mutated(documents(payload), data))
    history, warnings = mine_with(repo, header + b"\n" + damaged)
    assert history == expected
    assert_discarded(warnings)


@fuzz(30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_forged_checksum_never_crashes_the_run(
        repo: GitRepo, cold: tuple[History, bytes], data: st.DataObject) -> None:
    """The same, with the checksum recomputed, so only the consistency checks stand
    between the content and the report: a value of the wrong type is rejected (one
    warning, the history mined again) or read as what it says; never an internal error."""
    expected, content = cold
    header, payload = content.split(b"\n", 1)
    history, warnings = mine_with(repo, with_checksum(header, _mutated(documents(payload),
                                                                       data)))
    assert len(warnings) <= 1
    if warnings:
        assert_discarded(warnings)
        assert history == expected


@pytest.mark.parametrize("damage", [
    "a path naming no spec", "events that do not replay", "periods out of order",
    "a missing version", "an unknown event kind", "no walk state",
    "status moves other than the events'", "review times other than the events'",
    "malformed status moves", "malformed review times",
    "file moves other than the events'", "ids other than the events'",
    "malformed file moves", "malformed ids",
])
def test_contradictions_are_caught(repo: GitRepo, cold: tuple[History, bytes],
                                   damage: str) -> None:
    expected, content = cold
    header, payload = content.split(b"\n", 1)
    document, *events, walk_state = documents(payload)
    assembly = document["assembly"]
    index, lineage = next((index, item) for index, item in enumerate(assembly["lineages"])
                          if len(item[7]) > 1)
    if damage == "a path naming no spec":
        walk_state["at_path"]["specs/other.yaml"] = "0" * 40 + ":specs/other.yaml"
        # The walk's state is read to walk on: from a cache of HEAD's parent, say.
        document["head"] = repo.git("rev-parse", "HEAD~1").strip()
    elif damage == "events that do not replay":
        lineage[10] = "Withdrawn"
    elif damage == "periods out of order":
        lineage[7].reverse()
    elif damage == "a missing version":
        document["versions"] = {}
    elif damage == "an unknown event kind":
        events[index][0][6] = "teleported"
    elif damage == "status moves other than the events'":
        lineage[18] = [["Draft", "Withdrawn"]]
    elif damage == "review times other than the events'":
        lineage[19] = [[["grace hopper", 1]], []]
    elif damage == "malformed status moves":
        lineage[18] = [["Draft"]]
    elif damage == "malformed review times":
        lineage[19] = [[["grace hopper", True]], []]
    elif damage == "file moves other than the events'":
        lineage[22] = [["0" * 40, lineage[1], "specs/a.yaml", "specs/b.yaml"]]
    elif damage == "ids other than the events'":
        lineage[23] = [*lineage[23], "SPEC-9999"]
    elif damage == "malformed file moves":
        lineage[22] = [["0" * 40, lineage[1], "specs/a.yaml"]]
    elif damage == "malformed ids":
        lineage[23] = [1]
    parts = [document, *events] if damage == "no walk state" else [document, *events,
                                                                   walk_state]
    history, warnings = mine_with(repo, with_checksum(header, parts))
    assert history == expected
    assert_discarded(warnings)


def test_a_warm_run_with_nothing_new_leaves_the_walk_state_unread(
        repo: GitRepo, cold: tuple[History, bytes]) -> None:
    """What only walking on needs is read (and checked) only to walk on: a cache of HEAD's
    commit answers with its histories alone."""
    expected, content = cold
    header, payload = content.split(b"\n", 1)
    *read, _ = documents(payload)
    history, warnings = mine_with(repo, with_checksum(header, [*read, "not read"]))
    assert (history, warnings) == (expected, [])


def test_a_cache_of_another_key_is_rebuilt_quietly(repo: GitRepo,
                                                   cold: tuple[History, bytes]) -> None:
    expected, content = cold
    header, payload = content.split(b"\n", 1)
    fields = json.loads(header)
    fields["key"] = "another"
    history, warnings = mine_with(repo, json.dumps(fields).encode() + b"\n" + payload)
    assert (history, warnings) == (expected, [])


def test_every_cold_run_writes_the_same_cache(repo: GitRepo,
                                              cold: tuple[History, bytes]) -> None:
    _, content = cold
    (repo.root / ".git" / CACHE_FILE).unlink()
    mine_history(load_config(None, repo.root))
    assert (repo.root / ".git" / CACHE_FILE).read_bytes() == content


def _with_damaged_events(content: bytes, spec: int) -> bytes:
    """The cache with the events of its `spec`-th spec made to contradict its status."""
    header, payload = content.split(b"\n", 1)
    document, *events, walk_state = documents(payload)
    events[spec] = [[*event[:9], "Withdrawn" if event[6] in ("created", "status-changed")
                     else event[9], *event[10:]] for event in events[spec]]
    return with_checksum(header, [document, *events, walk_state])


def test_a_spec_s_events_are_read_when_they_are_asked_for(
        repo: GitRepo, cold: tuple[History, bytes]) -> None:
    """A warm run decodes only the events it reads: a damaged line of one spec's events
    costs nothing until they are read; then they are the cold run's, with one warning, and
    the cache is written anew."""
    expected, content = cold
    document = documents(content.split(b"\n", 1)[1])[0]
    keys = [lineage[0] for lineage in document["assembly"]["lineages"]]
    damaged, intact = keys[0], keys[-1]
    history, warnings = mine_with(repo, _with_damaged_events(content, 0))
    by_key = {spec.key: spec for spec in history.specs}
    assert tuple(by_key[intact].events) == tuple(
        next(spec for spec in expected.specs if spec.key == intact).events)
    assert warnings == []
    assert tuple(by_key[damaged].events) == tuple(
        next(spec for spec in expected.specs if spec.key == damaged).events)
    assert_discarded(warnings)
    assert history == expected
    assert (repo.root / ".git" / CACHE_FILE).read_bytes() == content


def test_cached_events_are_the_tuple_of_the_events(repo: GitRepo,
                                                   cold: tuple[History, bytes]) -> None:
    expected, content = cold
    history, _ = mine_with(repo, content)
    for spec, cold_spec in zip(history.specs, expected.specs, strict=True):
        assert type(spec.events) is not tuple
        assert pickle.loads(pickle.dumps(spec.events)) == tuple(cold_spec.events)
        assert hash(spec) == hash(cold_spec)
        assert spec.events == cold_spec.events and cold_spec.events == spec.events
        assert list(reversed(spec.events)) == list(reversed(cold_spec.events))
        assert spec.events[1:] == cold_spec.events[1:]
        assert spec.protected_changes == cold_spec.protected_changes


def test_whether_events_touch_protected_content_is_known_unread(
        repo: GitRepo, cold: tuple[History, bytes]) -> None:
    """The facts beside each spec's events answer what every warm run asks (any change an
    approval must cover? which kinds of event, to know whether to read them at all? which
    status moves, for the workflow to judge? the review times the report shows?)
    where did each move put its file? which ids did the spec have?) without decoding
    them; their line is checked when read."""
    expected, content = cold
    history, warnings = mine_with(repo, _with_damaged_events(content, 0))
    assert not any(spec.protected_changes for spec in history.specs)
    assert [spec.event_kinds for spec in history.specs] \
        == [frozenset(event.kind for event in spec.events) for spec in expected.specs]
    assert [spec_move_pairs(spec) for spec in history.specs] \
        == [move_pairs(spec.events) for spec in expected.specs]
    assert [spec_review_times(spec) for spec in history.specs] \
        == [review_times(spec.events) for spec in expected.specs]
    assert any(spec_review_times(spec).added for spec in history.specs)
    assert [spec.file_moves for spec in history.specs] \
        == [file_moves(spec.events) for spec in expected.specs]
    assert any(spec.file_moves for spec in history.specs)
    assert [spec.ids for spec in history.specs] == [spec.ids for spec in expected.specs]
    assert warnings == []

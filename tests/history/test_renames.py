"""Files moved and renumbered at once: git's rename detection pairs what ids cannot, among
the deletions and additions of one commit left unpaired (rule 4 of `history.lineage`).

Each history is mined twice, with the versions parsed in a worker process and in this
process (where no worker can be forked): the histories and the caches written are the
same byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history import version_worker
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.model.history import History, SpecHistory
from tests.history.gitrepo import GitRepo, spec_text

BODY = "requirements:\n  functional:\n" + "".join(
    f"    - {{id: FR-{number}, description: The service counts item {number} of the"
    f" batch., priority: P1}}\n" for number in range(1, 13))
"""Enough shared text that a new id and a small edit keep a file git's rename (>= 50%)."""


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def mine(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> History:
    """The history, mined with a worker and without; both must agree."""
    config = load_config(None, repo.root)
    cache = repo.root / ".git" / CACHE_FILE
    cache.unlink(missing_ok=True)
    forked = mine_history(config)
    written = cache.read_bytes()
    cache.unlink()
    with monkeypatch.context() as patch:
        patch.setattr(version_worker, "can_fork_workers", lambda: False)
        assert mine_history(config) == forked
    assert cache.read_bytes() == written
    return forked


def spec(spec_id: str, extra: str = "") -> str:
    return spec_text(spec_id, extra=BODY + extra)


def moves(history: SpecHistory) -> list[tuple[str | None, str | None]]:
    return [(event.before, event.after) for event in history.events if event.kind == "moved"]


def test_a_file_moved_renumbered_and_edited_in_one_commit_stays_one_spec(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit("Draft", {"specs/a.yaml": spec("SPEC-0001")})
    repo.commit("Move", {"specs/a.yaml": None,
                         "specs/b.yaml": spec("SPEC-0002", "design:\n  rationale: Short.\n")})
    history = mine(repo, monkeypatch)
    assert [one.spec_id for one in history.specs] == ["SPEC-0002"]
    (moved,) = history.specs
    assert moves(moved) == [("specs/a.yaml", "specs/b.yaml")]
    assert ("id-changed", "SPEC-0002") in [(event.kind, event.after) for event in moved.events]


def test_several_files_moved_and_renumbered_in_one_commit_each_find_their_own(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {  # a summary of its own: one `summary:` key, not two
        number: spec(f"SPEC-000{number}", f"design:\n  rationale: {'Reason ' * number * 6}\n")
        .replace("summary: Why and what.", f"summary: Spec number {number} alone.")
        for number in (1, 2, 3)}
    repo.commit("Draft", {f"specs/old{number}.yaml": text for number, text in texts.items()})
    repo.commit("Renumber all", {
        **{f"specs/old{number}.yaml": None for number in texts},
        **{f"specs/new{number}.yaml": text.replace(f"SPEC-000{number}", f"SPEC-010{number}")
           for number, text in texts.items()}})
    history = mine(repo, monkeypatch)
    assert [one.spec_id for one in history.specs] == ["SPEC-0101", "SPEC-0102", "SPEC-0103"]
    for number, one in enumerate(history.specs, start=1):
        assert moves(one) == [(f"specs/old{number}.yaml", f"specs/new{number}.yaml")]
        assert one.ids == {f"SPEC-000{number}", f"SPEC-010{number}"}


def test_a_file_moved_and_renumbered_on_a_branch_keeps_its_history_when_merged(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit("Draft", {"specs/a.yaml": spec("SPEC-0001")})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Move", {"specs/a.yaml": None, "specs/b.yaml": spec("SPEC-0002")})
    repo.git("checkout", "-q", "main")
    repo.commit("Elsewhere", {"specs/c.yaml": spec_text("SPEC-0003")})
    repo.merge("topic")
    history = mine(repo, monkeypatch)
    assert [one.spec_id for one in history.specs] == ["SPEC-0002", "SPEC-0003"]
    moved = history.spec("SPEC-0002")
    assert moved.paths == ("specs/a.yaml", "specs/b.yaml")
    assert moves(moved) == [("specs/a.yaml", "specs/b.yaml")]
    assert moved.current_path == "specs/b.yaml"


def test_a_copy_beside_its_original_is_a_new_spec_with_its_history(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit("Draft", {"specs/a.yaml": spec("SPEC-0001")})
    repo.commit("Copy", {"specs/b.yaml": spec("SPEC-0001", "design:\n  rationale: Copy.\n")})
    history = mine(repo, monkeypatch)
    original, copy = sorted(history.specs, key=lambda one: one.current_path or "")
    assert (original.current_path, copy.current_path) == ("specs/a.yaml", "specs/b.yaml")
    assert [event.kind for event in copy.events][:2] == ["created", "copied"]
    assert copy.inherited == 1


def test_a_move_whose_pair_is_ambiguous_takes_one_and_leaves_the_other_deleted(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two specs whose files differ only in their ids are deleted, and one file like both
    # is added with a third id: git pairs it with one of them (the same one every time).
    repo.commit("Draft", {"specs/a.yaml": spec("SPEC-0001"), "specs/b.yaml": spec("SPEC-0002")})
    repo.commit("Merge both", {"specs/a.yaml": None, "specs/b.yaml": None,
                               "specs/c.yaml": spec("SPEC-0003")})
    history = mine(repo, monkeypatch)
    kept = [one for one in history.specs if one.current_path == "specs/c.yaml"]
    gone = [one for one in history.specs if one.current_path is None]
    assert len(kept) == 1 and len(gone) == 1
    assert moves(kept[0]) == [(kept[0].paths[0], "specs/c.yaml")]
    assert kept[0].paths[0] == "specs/a.yaml"
    assert [event.kind for event in gone[0].events][-1] == "deleted"

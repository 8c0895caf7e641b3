"""Content events on real repositories: requirements and sections followed item by item,
through reorders, moves, renumbering, merged branches, broken versions and own formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.model.events import CONTENT_EVENTS
from specrepo.model.history import History
from specrepo.model.item_changes import item_changes
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PATH = "specs/SPEC-0001.yaml"


def requirements(*items: tuple[str, str]) -> str:
    """A requirements section with these (id, description) items, in this order."""
    lines = "".join(f"    - {{id: {item}, description: {text}, priority: P1}}\n"
                    for item, text in items)
    return f"requirements:\n  functional:\n{lines}"


def version(*items: tuple[str, str], status: str = "Draft", spec_id: str = "SPEC-0001",
            extra: str = "") -> str:
    return spec_text(spec_id, status=status, extra=requirements(*items) + extra)


def content(history: History, spec_id: str = "SPEC-0001") -> list[tuple[str, str, bool]]:
    """(kind, field label, on the main line) of each content event of the spec."""
    return [(event.kind, event.field_label, event.mainline)
            for event in history.spec(spec_id).events if event.kind in CONTENT_EVENTS]


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def test_items_are_followed_by_id_across_reorders(repo: GitRepo) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject."))})
    repo.commit("Reorder", {PATH: version(("FR-2", "Reject."), ("FR-1", "Count."))})
    repo.commit("Reword and add", {PATH: version(("FR-2", "Reject early."), ("FR-1", "Count."),
                                                 ("FR-3", "Retry."))})
    repo.commit("Remove", {PATH: version(("FR-2", "Reject early."), ("FR-3", "Retry."))})
    assert content(mine(repo)) == [
        ("item-moved", "requirements.functional[FR-2]", True),
        ("item-changed", "requirements.functional[FR-2]", True),
        ("item-added", "requirements.functional[FR-3]", True),
        ("item-removed", "requirements.functional[FR-1]", True),
    ]


def test_sections_and_bookkeeping(repo: GitRepo) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."))})
    edited = version(("FR-1", "Count."), status="In Review",
                     extra="design:\n  architecture: {description: One box.}\n"
                     "reviewers: [Grace Hopper]\n")
    repo.commit("Review", {PATH: edited.replace("Why and what.", "Why, and what.")
                           .replace("updated: 2026-01-03", "updated: 2026-01-09")})
    history = mine(repo)
    # Status, reviewers and dates have events of their own, or are bookkeeping.
    assert [(event.kind, event.field_label) for event in history.spec("SPEC-0001").events] == [
        ("created", "status"), ("status-changed", "status"), ("reviewer-added", "reviewers"),
        ("section-changed", "summary"), ("section-changed", "design")]
    assert all(event.protected for event in history.spec("SPEC-0001").events[3:])


def test_a_moved_and_renumbered_spec_keeps_its_items_history(repo: GitRepo) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."))})
    repo.commit("Move", {PATH: None, "specs/area/rate-limits.yaml":
                         version(("FR-1", "Count all."))})
    repo.commit("Renumber", {"specs/area/rate-limits.yaml":
                             version(("FR-1", "Count all."), ("FR-2", "Reject."),
                                     spec_id="SPEC-0007")})
    history = mine(repo)
    spec = history.spec("SPEC-0007")
    assert [(event.kind, event.field_label) for event in spec.events] == [
        ("created", "status"), ("moved", "path"),
        ("item-changed", "requirements.functional[FR-1]"), ("id-changed", "id"),
        ("item-added", "requirements.functional[FR-2]")]
    assert item_changes(spec, "requirements.functional", "FR-1") == (spec.events[0],
                                                                      spec.events[2])
    assert item_changes(spec, "requirements.functional", "FR-2") == (spec.events[4],)


def test_items_added_and_removed_on_merged_branches(repo: GitRepo) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject."))})
    repo.git("checkout", "-q", "-b", "topic")
    branch_add = repo.commit("Add FR-3", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject."),
                                                        ("FR-3", "Retry."))},
                             author="Grace Hopper")
    repo.git("checkout", "-q", "main")
    repo.commit("Remove FR-1", {PATH: version(("FR-2", "Reject."))})
    merge = repo.merge("topic")  # both edits survive: git merges them line by line
    assert (repo.root / PATH).read_text() == version(("FR-2", "Reject."), ("FR-3", "Retry."))
    history = mine(repo)
    assert content(history) == [
        ("item-removed", "requirements.functional[FR-1]", True),
        ("item-added", "requirements.functional[FR-3]", False),
    ]  # the merge resolved nothing by hand: it adds no event
    events = history.spec("SPEC-0001").events
    assert events[2].commit == branch_add and events[2].author == "Grace Hopper"
    assert merge not in {event.commit for event in events}


def test_a_merge_that_resolves_a_conflict_by_hand_records_what_it_wrote(
        repo: GitRepo) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."))})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Theirs", {PATH: version(("FR-1", "Count twice."))})
    repo.git("checkout", "-q", "main")
    repo.commit("Ours", {PATH: version(("FR-1", "Count once."))})
    merge = repo.merge("topic", files={PATH: version(("FR-1", "Count as agreed."))})
    events = [event for event in mine(repo).spec("SPEC-0001").events
              if event.kind in CONTENT_EVENTS]
    assert [(event.kind, event.commit == merge) for event in events] == [
        ("item-changed", False), ("item-changed", False), ("item-changed", True)]


def test_a_change_across_a_broken_version_belongs_to_the_fix(repo: GitRepo) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."))})
    repo.commit("Break", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject."))
                          + "reviewers:\n\t- Tab\n"})
    fix = repo.commit("Fix", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject."))})
    history = mine(repo)
    [event] = [event for event in history.spec("SPEC-0001").events
               if event.kind in CONTENT_EVENTS]
    assert (event.kind, event.field_label, event.commit, event.after_unreadable) == (
        "item-added", "requirements.functional[FR-2]", fix, True)
    # Warm and after a new commit, the same answer: the cache keeps what events need.
    assert mine(repo) == history
    repo.commit("More", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject!"))})
    incremental = mine(repo)
    (repo.root / ".git" / CACHE_FILE).unlink()
    assert mine(repo) == incremental
    assert content(incremental)[-1] == ("item-changed", "requirements.functional[FR-2]", True)


def test_a_format_of_your_own_follows_its_item_lists(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "madr")
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(EXAMPLES / "madr", repo.root, dirs_exist_ok=True)
    repo.commit("Import")
    adr = repo.root / "decisions" / "ADR-0001-use-postgresql.yaml"
    text = adr.read_text()
    repo.commit("Reword", {"decisions/ADR-0001-use-postgresql.yaml": text.replace(
        "option: A document store", "option: A document database").replace(
        "accepted", "deprecated")})
    events = mine(repo).spec("ADR-0001").events
    assert [(event.kind, event.field_label, event.protected) for event in events[1:]] == [
        ("status-changed", "status", False),
        ("item-changed", "considered_options[O-2]", True)]


def test_timeline_item_shows_one_requirements_life(repo: GitRepo,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."))})
    repo.commit("Add", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject."))})
    repo.commit("Reword", {PATH: version(("FR-1", "Count all."), ("FR-2", "Reject early."))})
    monkeypatch.chdir(repo.root)
    shown = run_cli("timeline", "SPEC-0001", "--item", "FR-2")
    assert shown.exit_code == 0
    rows = [line.split()[4:6] for line in shown.output.splitlines()
            if line.startswith("2026-")]
    assert rows == [["item-added", "requirements.functional[FR-2]"],
                    ["item-changed", "requirements.functional[FR-2]"]]
    missing = run_cli("timeline", "SPEC-0001", "--item", "FR-22")
    assert missing.exit_code == 2  # another number is another item, never a typo of it
    assert "names the item 'FR-22'; its items: FR-1, FR-2" in missing.output
    misspelt = run_cli("timeline", "SPEC-0001", "--item", "fr2")
    assert "names the item 'fr2'; did you mean 'FR-2'?" in misspelt.output


def test_timeline_item_of_an_item_unchanged_since_the_spec_was_created(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit("Draft", {PATH: version(("FR-1", "Count."))})
    repo.commit("Add", {PATH: version(("FR-1", "Count."), ("FR-2", "Reject."))})
    monkeypatch.chdir(repo.root)
    shown = run_cli("timeline", "SPEC-0001", "--item", "FR-1")
    assert shown.exit_code == 0
    assert [line.split()[4] for line in shown.output.splitlines()
            if line.startswith("2026-")] == ["created"]

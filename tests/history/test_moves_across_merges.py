"""A spec followed across merges whose parents hold its file at different paths: moved on
main while a branch changes it, moved on the branch, moved on both to different places,
moved and renumbered, a branch that merges main first, octopus merges, fast-forwards.

Each change is its own commit's (a merge's only what it settled by hand), every status
move is checked, and each history is the same mined cold, from the cache, and from a cache
written before the last merge.
"""

from __future__ import annotations

import json

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.objects import ObjectReader
from specrepo.history import version_worker
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from specrepo.model.history import History, SpecHistory
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

OLD = "specs/SPEC-0001.yaml"
CORE = "specs/core/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
BODY = "requirements:\n  functional:\n" + "".join(
    f"    - {{id: FR-{number}, description: The service counts item {number} of the"
    f" batch., priority: P1}}\n" for number in range(1, 9))
"""Enough shared text that git's merge and rename detection follow a renumbered file."""


def spec(status: str = "Draft", title: str = "A spec", spec_id: str = "SPEC-0001",
         extra: str = "") -> str:
    reviewed = REVIEWED if status not in ("Draft", "Rejected") else ""
    return spec_text(spec_id, status=status, title=title, extra=BODY + reviewed + extra)


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Draft", {OLD: spec()})
    return git_repo


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def settled(repo: GitRepo) -> History:
    """The history mined on from the cache an earlier `mine` left (before the last
    merge), from a cache of HEAD, and cold: all three the same, and so are the caches."""
    cache = repo.root / ".git" / CACHE_FILE
    assert cache.exists()
    incremental = mine(repo)
    written = cache.read_bytes()
    assert mine(repo) == incremental
    cache.unlink()
    cold = mine(repo)
    assert cold == incremental
    assert cache.read_bytes() == written
    return cold


def events(spec_history: SpecHistory) -> list[tuple[str, str, str | None, str | None, bool]]:
    """(commit, kind, before or item, after, mainline) of each event."""
    return [(event.commit, event.kind, event.item or event.before, event.after, event.mainline)
            for event in spec_history.events]


def illegal(repo: GitRepo) -> tuple[int, list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """`validate --history`'s exit code and its illegal moves, and `report`'s, each as
    (commit, from, to)."""
    validated = run_cli("validate", "--history", "--format", "json")
    found = [(item["properties"]["commit"], item["properties"]["from"], item["properties"]["to"])
             for item in json.loads(validated.output)["findings"]
             if item["rule"] == "illegal-transition"]
    gate = run_cli("report", "--fail-on", "illegal-transitions", "--format", "json")
    listed = json.loads(gate.output)["integrity"]["illegal_transitions"]
    assert gate.exit_code == (1 if listed else 0)
    return validated.exit_code, found, [(item["commit"], item["from"], item["to"])
                                        for item in listed]


def approve_on_a_branch(repo: GitRepo, path: str = OLD) -> str:
    """The branch `topic` moves the spec from Draft to Approved (illegal), with a trailer."""
    repo.git("checkout", "-q", "-b", "topic")
    approved = repo.commit("Approve at once\n\nApproved-by: Grace Hopper <grace@example.com>",
                           {path: spec("Approved")}, author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    return approved


def move(repo: GitRepo, target: str) -> str:
    """`git mv` the spec's file from OLD to `target`, committed."""
    (repo.root / target).parent.mkdir(parents=True, exist_ok=True)
    repo.git("mv", OLD, target)
    return repo.commit("Move")


def assert_the_branch_approved(history: History, approved: str, merge: str) -> None:
    """The branch's commit has its events (off HEAD's line); the merge none."""
    found = events(history.spec("SPEC-0001"))
    assert (approved, "status-changed", "Draft", "Approved", False) in found
    assert (approved, "reviewer-added", None, "Grace Hopper", False) in found
    assert (approved, "approved", None, "Grace Hopper <grace@example.com>", False) in found
    assert not [event for event in found if event[0] == merge]


def test_a_status_moved_on_a_branch_while_main_moved_the_file(repo: GitRepo) -> None:
    """trial 26, F1: the branch's move is its own, and checked; the merge resolved nothing."""
    approved = approve_on_a_branch(repo)
    moved = move(repo, CORE)
    mine(repo)
    merge = repo.merge("topic")
    history = settled(repo)
    assert_the_branch_approved(history, approved, merge)
    one = history.spec("SPEC-0001")
    assert (moved, "moved", OLD, CORE, True) in events(one)
    assert one.paths == (OLD, CORE) and one.current_path == CORE
    assert [period.status for period in one.statuses] == ["Draft", "Approved"]
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])
    timeline = run_cli("timeline", "SPEC-0001").output
    assert "Jan Fischer" in timeline and "merge-resolved" not in timeline


def test_the_pull_request_gate_on_a_test_merge_finds_the_branch_s_move(repo: GitRepo) -> None:
    """trial 26, F1 in the README's gate: a test merge of the branch onto the base (what
    actions/checkout gives a pull request), checked with `--since` the base."""
    approved = approve_on_a_branch(repo)
    move(repo, CORE)
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "--detach")
    repo.merge("topic")
    result = run_cli("validate", "--history", "--since", base)
    assert result.exit_code == 1
    assert f"commit {approved[:10]} by Jan Fischer" in result.output


def test_a_change_after_approval_on_a_branch_while_main_moved_the_file(
        repo: GitRepo) -> None:
    """trial 26, F1: `changed-after-approval` is not hidden by the move either."""
    repo.commit("Review", {OLD: spec("In Review")})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Approve", {OLD: spec("Approved")}, author="Grace Hopper")
    edited = repo.commit("Edit", {OLD: spec("Approved").replace("item 3 ", "item three ")},
                         author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    move(repo, CORE)
    mine(repo)
    repo.merge("topic")
    settled(repo)
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "requirements.functional[FR-3] changed after SPEC-0001 was approved" in result.output
    assert f"commit {edited[:10]} by Jan Fischer" in result.output
    report = json.loads(run_cli("report", "--format", "json").output)
    assert [item["commit"] for item in report["integrity"]["changed_after_approval"]] \
        == [edited]


def test_a_file_moved_on_the_branch_while_main_moved_its_status(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "topic")
    moved = move(repo, CORE)
    edited = repo.commit("Edit", {CORE: spec().replace("item 5 ", "item five ")},
                         author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    approved = repo.commit("Approve at once", {OLD: spec("Approved")}, author="Jan Fischer")
    mine(repo)
    merge = repo.merge("topic")
    history = settled(repo)
    found = events(history.spec("SPEC-0001"))
    assert (moved, "moved", OLD, CORE, False) in found
    assert (edited, "item-changed", "FR-5", None, False) in found
    assert (approved, "status-changed", "Draft", "Approved", True) in found
    assert not [event for event in found if event[0] == merge]
    assert history.spec("SPEC-0001").current_path == CORE
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])


def test_a_file_moved_on_both_sides_to_different_places(repo: GitRepo) -> None:
    archive = "specs/archive/SPEC-0001.yaml"
    repo.git("checkout", "-q", "-b", "topic")
    branch_move = move(repo, archive)
    approved = repo.commit("Approve at once\n\nApproved-by: Grace Hopper <grace@example.com>",
                           {archive: spec("Approved")}, author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    move(repo, CORE)
    mine(repo)
    with pytest.raises(AssertionError):  # rename/rename: the merger keeps main's place
        repo.git("merge", "-q", "--no-ff", "-m", "Merge", "topic")
    (repo.root / archive).unlink()
    repo.write(CORE, spec("Approved"))
    merge = repo.commit("Merge")
    assert len(repo.git("rev-parse", f"{merge}^@").split()) == 2
    history = settled(repo)
    assert_the_branch_approved(history, approved, merge)
    one = history.spec("SPEC-0001")
    assert (branch_move, "moved", OLD, archive, False) in events(one)
    assert one.current_path == CORE and set(one.paths) == {OLD, CORE, archive}
    assert [spec_history.spec_id for spec_history in history.specs] == ["SPEC-0001"]
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])


def test_a_file_moved_and_renumbered_on_main_while_a_branch_changes_it(repo: GitRepo) -> None:
    renumbered = "specs/core/SPEC-0100.yaml"
    approved = approve_on_a_branch(repo)
    (repo.root / "specs/core").mkdir()
    repo.git("mv", OLD, renumbered)
    renumbering = repo.commit("Renumber", {renumbered: spec(spec_id="SPEC-0100")})
    mine(repo)
    merge = repo.merge("topic")
    assert "status: Approved" in (repo.root / renumbered).read_text()
    history = settled(repo)
    one = history.spec("SPEC-0100")
    found = events(one)
    assert (renumbering, "id-changed", "SPEC-0001", "SPEC-0100", True) in found
    assert (approved, "status-changed", "Draft", "Approved", False) in found
    assert [event for event in found if event[1] == "id-changed"] == [
        (renumbering, "id-changed", "SPEC-0001", "SPEC-0100", True)]
    assert not [event for event in found if event[0] == merge]
    assert [spec_history.spec_id for spec_history in history.specs] == ["SPEC-0100"]
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])


def test_a_branch_that_merges_main_first_then_is_merged_back(repo: GitRepo) -> None:
    """GitHub's "Update branch", then a merge commit (trial 26, /tmp/trial26/mm-noff)."""
    approved = approve_on_a_branch(repo)
    move(repo, CORE)
    repo.git("checkout", "-q", "topic")
    update = repo.merge("main", message="Update branch")
    repo.git("checkout", "-q", "main")
    mine(repo)
    merge = repo.merge("topic")
    history = settled(repo)
    assert_the_branch_approved(history, approved, merge)
    assert not [event for event in events(history.spec("SPEC-0001")) if event[0] == update]
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])


def test_a_fast_forward_over_a_branch_that_merged_main(repo: GitRepo) -> None:
    """trial 26, /tmp/trial26/mm-ff: HEAD's line is the branch's."""
    approved = approve_on_a_branch(repo)
    moved = move(repo, CORE)
    repo.git("checkout", "-q", "topic")
    update = repo.merge("main", message="Update branch")
    repo.git("checkout", "-q", "main")
    mine(repo)
    repo.git("merge", "-q", "--ff-only", "topic")
    history = settled(repo)
    found = events(history.spec("SPEC-0001"))
    assert (approved, "status-changed", "Draft", "Approved", True) in found
    assert (moved, "moved", OLD, CORE, False) in found
    assert not [event for event in found if event[0] == update]
    assert history.spec("SPEC-0001").current_path == CORE
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])


def octopus(repo: GitRepo, files: dict[str, str], *branches: str) -> str:
    """A merge of main and `branches` at once, its tree main's with `files` written."""
    for path, text in files.items():
        repo.write(path, text)
    repo.git("add", "-A")
    tree = repo.git("write-tree")
    repo.clock += 86400
    parents = [argument for branch in ("main", *branches) for argument in ("-p", branch)]
    merge = repo.git("commit-tree", tree, *parents, "-m", "Octopus", date=repo.clock)
    repo.git("reset", "-q", "--hard", merge)
    return merge


def test_an_octopus_merge_of_branches_that_changed_a_file_main_moved(repo: GitRepo) -> None:
    approved = approve_on_a_branch(repo)
    repo.git("checkout", "-q", "-b", "retitle", "main")
    retitled = repo.commit("Retitle", {OLD: spec(title="Counting")}, author="Ada Lovelace")
    repo.git("checkout", "-q", "main")
    move(repo, CORE)
    mine(repo)
    merge = octopus(repo, {CORE: spec("Approved", title="Counting")}, "topic", "retitle")
    history = settled(repo)
    assert_the_branch_approved(history, approved, merge)
    assert (retitled, "title-changed", "A spec", "Counting", False) \
        in events(history.spec("SPEC-0001"))
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])


def test_a_value_no_parent_had_is_the_merge_s_own_and_checked(repo: GitRepo) -> None:
    """Settled by hand in a merge whose parents hold the file at different paths."""
    repo.git("checkout", "-q", "-b", "topic")
    reviewed = repo.commit("Review", {OLD: spec("In Review")}, author="Jan Fischer")
    repo.git("checkout", "-q", "-b", "retitle", "main")
    repo.commit("Retitle", {OLD: spec(title="Counting")})
    repo.git("checkout", "-q", "main")
    move(repo, CORE)
    mine(repo)
    merge = octopus(repo, {CORE: spec("Implemented", title="Counting")}, "topic", "retitle")
    history = settled(repo)
    found = events(history.spec("SPEC-0001"))
    assert (reviewed, "status-changed", "Draft", "In Review", False) in found
    # The topic branch's In Review is overridden too (session 30: was unchecked).
    assert [event for event in found if event[0] == merge] == [
        (merge, "merge-resolved", "In Review", "Implemented", True),
        (merge, "status-changed", "Draft", "Implemented", True)]
    moves = [(merge, "Draft", "Implemented"), (merge, "In Review", "Implemented")]
    validated, found_moves, listed = illegal(repo)
    assert (validated, sorted(found_moves), sorted(listed)) == (1, moves, moves)


def test_a_merge_that_drops_a_stale_branch_s_status_is_a_checked_move(repo: GitRepo) -> None:
    """main approves; a branch forked at Draft rejects; the merge keeps Approved: the
    timeline's `merge-resolved` Rejected -> Approved is checked as any move."""
    repo.git("checkout", "-q", "-b", "topic")
    rejected = repo.commit("Reject", {OLD: spec("Rejected")}, author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    repo.commit("Review", {OLD: spec("In Review")})
    repo.commit("Approve", {OLD: spec("Approved")}, author="Grace Hopper")
    move(repo, CORE)
    mine(repo)
    merge = repo.merge("topic", files={CORE: spec("Approved")})
    history = settled(repo)
    found = events(history.spec("SPEC-0001"))
    assert (rejected, "status-changed", "Draft", "Rejected", False) in found
    assert found[-1] == (merge, "merge-resolved", "Rejected", "Approved", True)
    assert illegal(repo) == (1, [(merge, "Rejected", "Approved")],
                             [(merge, "Rejected", "Approved")])
    assert "settled the status on Approved where a merged branch left it Rejected" \
        in run_cli("validate", "--history").output


@pytest.mark.parametrize("forked", [True, False])
def test_a_merge_bringing_a_branch_s_move_is_looked_up_with_the_stream_s_blobs(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch, forked: bool) -> None:
    """The merge adds the moved file (a blob the branch wrote) and deletes the old one: the
    walk compares it with each parent's file, which the stream asked of git with its blobs
    (no look-up one at a time), with or without a worker process, the history the same."""
    repo.git("checkout", "-q", "-b", "topic")
    moved = move(repo, CORE)
    repo.git("checkout", "-q", "main")
    repo.commit("Elsewhere", {"specs/SPEC-0002.yaml": spec(spec_id="SPEC-0002")})
    merge = repo.merge("topic")
    monkeypatch.setattr(version_worker, "can_fork_workers", lambda: forked)
    asked: list[tuple[str, str]] = []
    one_at_a_time = ObjectReader._lookup

    def counted(reader: ObjectReader, commit: str, path: str) -> str | None:
        asked.append((commit, path))
        return one_at_a_time(reader, commit, path)

    monkeypatch.setattr(ObjectReader, "_lookup", counted)
    history = mine(repo)
    assert asked == []
    found = events(history.spec("SPEC-0001"))
    assert (moved, "moved", OLD, CORE, False) in found
    assert not [event for event in found if event[0] == merge]
    monkeypatch.undo()
    (repo.root / ".git" / CACHE_FILE).unlink()
    assert mine(repo) == history

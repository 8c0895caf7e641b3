"""A spec is its lineage: moves, copies, renumbering, renamed folders, duplicate ids."""

from __future__ import annotations

import json

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.history import History, SpecHistory
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Rev One]\n"
QUESTION = "open_questions:\n  - {id: Q-1, question: TTL?, state: open, owner: Alice A}\n"


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def kinds(spec: SpecHistory) -> list[tuple[str, str | None]]:
    return [(event.kind, event.after) for event in spec.events]


def test_two_branches_take_one_id_and_one_is_renumbered(git_repo: GitRepo) -> None:
    """cases/repos/history-id-collision-renumber: both specs keep their own lives."""
    git_repo.commit("Base", {"specs/SPEC-0001-base.yaml": spec_text(title="Base")})
    git_repo.git("checkout", "-q", "-b", "alice")
    cache = "specs/SPEC-0002-cache.yaml"
    git_repo.commit("Cache spec", {cache: spec_text("SPEC-0002", title="Cache", extra=QUESTION)},
                    author="Alice A")
    git_repo.commit("Cache review", {cache: spec_text("SPEC-0002", status="In Review",
                                                      title="Cache", extra=REVIEWED + QUESTION)},
                    author="Alice A")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("checkout", "-q", "-b", "bob")
    git_repo.commit("Queue spec", {"specs/SPEC-0002-queue.yaml": spec_text("SPEC-0002",
                                                                           title="Queue")},
                    author="Bob B")
    git_repo.git("checkout", "-q", "main")
    queue_merged = git_repo.merge("bob")
    git_repo.merge("alice")
    git_repo.git("mv", cache, "specs/SPEC-0003-cache.yaml")
    git_repo.commit("Renumber the cache spec", {"specs/SPEC-0003-cache.yaml": spec_text(
        "SPEC-0003", status="In Review", title="Cache", extra=REVIEWED + QUESTION)},
        author="Carol C")
    assert run_cli("validate").exit_code == 0
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(spec["id"], spec["title"], spec["status"]) for spec in report["specs"]] == [
        ("SPEC-0001", "Base", "Draft"), ("SPEC-0002", "Queue", "Draft"),
        ("SPEC-0003", "Cache", "In Review")]
    queue = next(spec for spec in report["specs"] if spec["id"] == "SPEC-0002")
    assert queue["since"] == json.loads(run_cli("timeline", "SPEC-0002", "--format", "json")
                                        .stdout)["statuses"][0]["since"]
    history = mine(git_repo)
    assert history.spec("SPEC-0002").statuses[-1].commit == queue_merged
    assert kinds(history.spec("SPEC-0002")) == [("created", "Draft")]
    assert kinds(history.spec("SPEC-0003")) == [
        ("created", "Draft"), ("status-changed", "In Review"), ("reviewer-added", "Rev One"),
        ("moved", "specs/SPEC-0003-cache.yaml"), ("id-changed", "SPEC-0003")]
    questions = json.loads(run_cli("report", "questions", "--format", "json").stdout)
    assert [(q["spec"], q["raised_by"]) for q in questions["open_questions"]] == [
        ("SPEC-0003", "Alice A")]


def test_a_copy_then_the_original_deleted_keeps_the_history(git_repo: GitRepo) -> None:
    """cases/repos/history-two-files-same-id-then-delete."""
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nrules: {file-name: 'off'}\n")
    git_repo.commit("Init", {"specs/a.yaml": spec_text(status="In Review", extra=REVIEWED)})
    git_repo.git("mv", "specs/a.yaml", "specs/b.yaml")
    git_repo.git("checkout", "HEAD", "--", "specs/a.yaml")
    git_repo.commit("Copy a to b")
    git_repo.commit("Delete a", {"specs/a.yaml": None})
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(spec["id"], spec["path"], spec["status"], spec["since"])
            for spec in report["specs"]] == [
        ("SPEC-0001", "specs/b.yaml", "In Review", "2026-01-02T00:00:00Z")]
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    assert [event["kind"] for event in timeline["events"]] == ["created", "copied"]
    assert timeline["statuses"][-1]["status"] == "In Review"
    assert timeline["paths"] == ["specs/a.yaml", "specs/b.yaml"]


def test_renaming_the_spec_folder_keeps_every_history(git_repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    git_repo.commit("Draft", {path: spec_text()})
    git_repo.commit("Review", {path: spec_text(status="In Review", extra=REVIEWED)})
    git_repo.commit("Approve", {path: spec_text(status="Approved", extra=REVIEWED)})
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specs", "design/specs")
    git_repo.commit("Move the spec folder", {"specrepo.yaml": "specs: design/specs\n"})
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    assert [(event["kind"], event["to"]) for event in timeline["events"]] == [
        ("created", "Draft"), ("status-changed", "In Review"), ("reviewer-added", "Rev One"),
        ("status-changed", "Approved"), ("moved", "design/specs/SPEC-0001.yaml")]
    assert [period["status"] for period in timeline["statuses"]] == [
        "Draft", "In Review", "Approved"]


def test_a_folder_rename_cannot_turn_a_failing_gate_green(git_repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    git_repo.commit("Draft", {path: spec_text()})
    git_repo.commit("Skip review", {path: spec_text(status="Approved", extra=REVIEWED)})
    assert run_cli("validate", "--history").exit_code == 1
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specs", "design/specs")
    git_repo.commit("Move the spec folder", {"specrepo.yaml": "specs: design/specs\n"})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert result.stdout.startswith("design/specs/SPEC-0001.yaml:3:9: error: commit ")
    assert json.loads(run_cli("report", "--format", "json", "--fail-on", "stale").stdout)[
        "specs"][0]["days_to_approval"] == 1.0


def test_a_later_config_rename_extends_a_cached_walk(git_repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    git_repo.commit("Draft", {path: spec_text()})
    git_repo.commit("Review", {path: spec_text(status="In Review", extra=REVIEWED)})
    mine(git_repo)  # cached with `specs` only
    (git_repo.root / "design").mkdir()
    git_repo.git("mv", "specs", "design/specs")
    git_repo.commit("Move the spec folder", {"specrepo.yaml": "specs: design/specs\n"})
    warm = mine(git_repo)
    (git_repo.root / ".git" / "specrepo" / "history-cache.json").unlink()
    assert warm == mine(git_repo)
    assert [period.status for period in warm.spec("SPEC-0001").statuses] == [
        "Draft", "In Review"]


def test_renumbering_in_place_keeps_the_history(git_repo: GitRepo) -> None:
    path = "specs/SPEC-0007.yaml"
    git_repo.commit("Draft", {path: spec_text("SPEC-0007")})
    git_repo.commit("Renumber", {path: spec_text("SPEC-0002")})
    history = mine(git_repo)
    assert [spec.spec_id for spec in history.specs] == ["SPEC-0002"]
    assert kinds(history.spec("SPEC-0002")) == [("created", "Draft"),
                                                ("id-changed", "SPEC-0002")]
    assert history.spec("SPEC-0002").ids == {"SPEC-0002", "SPEC-0007"}
    assert history.named("SPEC-0007") == [history.spec("SPEC-0002")]


def test_placeholder_ids_never_make_or_join_a_spec(git_repo: GitRepo) -> None:
    git_repo.commit("Template", {"specs/new.yaml": spec_text("SPEC-NNNN"),
                                 "specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("Other template", {"specs/other.yaml": spec_text("SPEC-NNNN",
                                                                status="In Review")})
    git_repo.commit("Numbered", {"specs/new.yaml": spec_text("SPEC-0002", status="In Review",
                                                        extra=REVIEWED)})
    history = mine(git_repo)
    assert [spec.spec_id for spec in history.specs] == ["SPEC-0001", "SPEC-0002"]
    two = history.spec("SPEC-0002")
    assert kinds(two) == [("created", "In Review")]
    assert two.statuses[0].since == EPOCH + 3 * DAY
    assert history.skipped_versions == 2  # the placeholders, under the spec folder


def test_a_spec_is_never_deleted_while_one_of_its_files_is_at_head(git_repo: GitRepo) -> None:
    git_repo.commit("One", {"specs/a.yaml": spec_text()})
    git_repo.commit("Move", {"specs/a.yaml": None, "specs/b.yaml": spec_text(title="Moved")})
    git_repo.commit("Edit", {"specs/b.yaml": spec_text(title="Edited")})
    history = mine(git_repo)
    spec = history.spec("SPEC-0001")
    assert spec.current_path == "specs/b.yaml"
    assert "deleted" not in [kind for kind, _ in kinds(spec)]


def test_an_ambiguous_id_shows_both_specs_or_takes_a_path(git_repo: GitRepo) -> None:
    git_repo.commit("Two", {"specs/a.yaml": spec_text(title="First"),
                            "specs/b.yaml": spec_text(status="In Review", title="Second",
                                                  extra=REVIEWED)})
    table = run_cli("timeline", "SPEC-0001")
    assert table.exit_code == 0
    assert table.stdout.count("SPEC-0001 (") == 2
    refused = run_cli("timeline", "SPEC-0001", "--format", "json")
    assert refused.exit_code == 2
    assert "2 specs have the id 'SPEC-0001' (specs/a.yaml, specs/b.yaml)" in refused.stderr
    chosen = json.loads(run_cli("timeline", "specs/b.yaml", "--format", "json").stdout)
    assert chosen["statuses"][-1]["status"] == "In Review"
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(spec["id"], spec["path"]) for spec in report["specs"]] == [
        ("SPEC-0001", "specs/a.yaml"), ("SPEC-0001", "specs/b.yaml")]
    assert run_cli("validate").exit_code == 1  # the duplicate id is reported


def test_an_illegal_move_before_a_copy_is_reported_once(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {"specs/a.yaml": spec_text()})
    git_repo.commit("Skip review", {"specs/a.yaml": spec_text(status="Approved", extra=REVIEWED)})
    git_repo.commit("Copy", {"specs/b.yaml": spec_text(status="Approved", extra=REVIEWED)})
    result = run_cli("validate", "--history")
    assert result.stdout.count("moved the status from Draft to Approved") == 1


def test_a_file_that_is_not_a_spec_yet_becomes_one(git_repo: GitRepo) -> None:
    git_repo.commit("Notes", {"specs/notes.yaml": "just: notes\n"})
    git_repo.commit("Now a spec", {"specs/notes.yaml": spec_text()})
    assert kinds(mine(git_repo).spec("SPEC-0001")) == [("created", "Draft")]


def _path_reused_on_a_branch(repo: GitRepo) -> None:
    """main: SPEC-0001 at specs/a.yaml. A branch deletes it, then puts SPEC-0002 there."""
    repo.commit("One", {"specs/a.yaml": spec_text()})
    repo.git("checkout", "-q", "-b", "reuse")
    repo.commit("Drop one", {"specs/a.yaml": None})
    repo.commit("Two where one was", {"specs/a.yaml": spec_text("SPEC-0002",
                                                                status="In Review",
                                                                extra=REVIEWED)})
    repo.git("checkout", "-q", "main")
    repo.commit("Elsewhere", {"README": "x"})


def test_a_path_another_spec_took_on_a_merged_branch(git_repo: GitRepo) -> None:
    _path_reused_on_a_branch(git_repo)
    git_repo.merge("reuse")
    history = mine(git_repo)
    assert [(spec.spec_id, spec.current_path) for spec in history.at_head()] == [
        ("SPEC-0002", "specs/a.yaml")]
    one = history.spec("SPEC-0001")
    assert one.current is None and one.statuses[-1].until is not None
    assert kinds(one)[-1] == ("deleted", None)
    assert json.loads(run_cli("report", "--format", "json").stdout)["counts"] == {"In Review": 1}


def test_a_path_another_spec_took_on_a_branch_whose_change_was_dropped(git_repo: GitRepo) -> None:
    _path_reused_on_a_branch(git_repo)
    git_repo.git("merge", "-q", "-s", "ours", "--no-ff", "-m", "Merge, keeping main", "reuse")
    git_repo.commit("Edit one", {"specs/a.yaml": spec_text(title="Edited")})
    history = mine(git_repo)
    assert [(spec.spec_id, spec.current_path) for spec in history.at_head()] == [
        ("SPEC-0001", "specs/a.yaml")]
    assert kinds(history.spec("SPEC-0001"))[-1] == ("title-changed", "Edited")
    two = history.spec("SPEC-0002")
    assert two.current is None
    assert kinds(two)[-1] == ("merge-resolved", None)

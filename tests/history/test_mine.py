"""History mining on real repositories: events, status periods, merges, renames, oddities."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from specrepo.base.timestamps import iso_time
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import HistoryError
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.model.boundary_change import SHALLOW_FETCH
from specrepo.model.history import History
from specrepo.model.history_warning import said
from specrepo.output.json_shapes import event_json
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_ids, spec_text

REVIEWED = "reviewers: [Grace Hopper]\n"
APPROVED = "reviewers:\n  - name: Grace Hopper\n    approved: 2026-01-05\n"


def mine(repo: GitRepo, *, allow_shallow: bool = False) -> History:
    return mine_history(load_config(None, repo.root), MineOptions(allow_shallow=allow_shallow))


def kinds(history: History, spec_id: str = "SPEC-0001") -> list[tuple[str, str | None]]:
    return [(event.kind, event.after) for event in history.spec(spec_id).events]


def statuses(history: History, spec_id: str = "SPEC-0001") -> list[tuple[str, int, int | None]]:
    return [(period.status, (period.since - EPOCH) // DAY,
             None if period.until is None else (period.until - EPOCH) // DAY)
            for period in history.spec(spec_id).statuses]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def test_a_linear_life(repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    first = repo.commit("Draft", {path: spec_text()})
    repo.commit("Review", {path: spec_text(status="In Review", extra=REVIEWED)},
                author="Grace Hopper")
    repo.commit("Question", {path: spec_text(status="In Review", extra=REVIEWED
                                             + "open_questions:\n  - {id: Q-1, question: Why?}\n")})
    repo.commit("Approve", {path: spec_text(status="Approved", title="Better title",
                                            extra=APPROVED + "open_questions:\n  - {id: Q-1, "
                                            "question: Why?, state: resolved, resolution: X}\n")},
                author="Linus Pauling")
    history = mine(repo)
    assert kinds(history) == [
        ("created", "Draft"),
        ("status-changed", "In Review"), ("reviewer-added", "Grace Hopper"),
        ("question-added", "Why?"),
        ("status-changed", "Approved"), ("title-changed", "Better title"),
        ("approved", "2026-01-05"), ("question-resolved", "resolved"),
    ]
    events = history.spec("SPEC-0001").events
    assert events[0].commit == first
    assert (events[1].author, events[1].email) == ("Grace Hopper", "grace@example.com")
    assert event_json(events[0])["date"] == iso_time(EPOCH + DAY)
    assert statuses(history) == [("Draft", 1, 2), ("In Review", 2, 4), ("Approved", 4, None)]
    assert history.head_time == EPOCH + 4 * DAY


def test_approval_trailers_on_commits_that_touch_the_spec(repo: GitRepo) -> None:
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("Approve\n\nReviewed-by: Grace Hopper <grace@example.com>\n"
                "Approved-by: Linus Pauling <linus@example.com>",
                {"specs/SPEC-0001.yaml": spec_text(status="Approved", extra=REVIEWED)})
    repo.commit("Unrelated\n\nReviewed-by: Nobody <n@example.com>", {"README": "x"})
    approvals = [event.after for event in mine(repo).spec("SPEC-0001").events
                 if event.kind == "approved"]
    assert approvals == ["Grace Hopper <grace@example.com>", "Linus Pauling <linus@example.com>"]


def test_a_move_across_folders_keeps_one_timeline(repo: GitRepo) -> None:
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.write("specs/area/SPEC-0001-renamed.yaml", spec_text(status="In Review", extra=REVIEWED))
    (repo.root / "specs/SPEC-0001.yaml").unlink()
    repo.commit("Move and review")
    history = mine(repo)
    assert kinds(history) == [("created", "Draft"), ("moved", "specs/area/SPEC-0001-renamed.yaml"),
                              ("status-changed", "In Review"), ("reviewer-added", "Grace Hopper")]
    assert history.spec("SPEC-0001").paths == ("specs/SPEC-0001.yaml",
                                               "specs/area/SPEC-0001-renamed.yaml")


def test_deleted_and_re_added_spec_continues_its_timeline(repo: GitRepo) -> None:
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("Drop", {"specs/SPEC-0001.yaml": None})
    repo.commit("Back", {"specs/SPEC-0001-again.yaml": spec_text(status="In Review",
                                                                extra=REVIEWED)})
    history = mine(repo)
    # What changed across the gap is a change of it, as in place (envtrial74 H2).
    assert kinds(history) == [("created", "Draft"), ("deleted", None), ("created", "In Review"),
                              ("reviewer-added", "Grace Hopper")]
    assert statuses(history) == [("Draft", 1, 2), ("In Review", 3, None)]


def test_a_deleted_spec_keeps_its_history(repo: GitRepo) -> None:
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("Withdraw", {"specs/SPEC-0001.yaml": None})
    assert statuses(mine(repo)) == [("Draft", 1, 2)]


def test_spec_that_only_lived_on_a_merged_branch_is_found(repo: GitRepo) -> None:
    repo.commit("Start", {"README": "x"})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Draft on a branch", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")},
                author="Grace Hopper")
    repo.commit("Drop it again", {"specs/SPEC-0002.yaml": None}, author="Grace Hopper")
    repo.git("checkout", "-q", "main")
    repo.commit("Main work", {"README": "y"})
    repo.merge("side")
    history = mine(repo)
    assert kinds(history, "SPEC-0002") == [("created", "Draft"), ("deleted", None)]
    assert all(not event.mainline for event in history.spec("SPEC-0002").events)


def test_stale_branch_merged_late_never_sets_the_current_status(repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    repo.commit("Draft", {path: spec_text()})
    repo.git("checkout", "-q", "-b", "stale")
    repo.commit("Review on a branch", {path: spec_text(status="In Review", extra=REVIEWED)},
                author="Grace Hopper")
    repo.git("checkout", "-q", "main")
    repo.commit("Approved on main", {path: spec_text(status="Approved", extra=APPROVED)})
    repo.commit("Implemented on main", {path: spec_text(status="Implemented", extra=APPROVED)})
    # The stale branch is merged last; the conflict is resolved in favour of main.
    repo.merge("stale", files={path: spec_text(status="Implemented", extra=APPROVED)})
    history = mine(repo)
    assert statuses(history)[-1][0] == "Implemented"
    assert [period[0] for period in statuses(history)] == ["Draft", "Approved", "Implemented"]
    # The branch's move to In Review still happened, and is listed as such.
    branch_events = [(e.kind, e.after) for e in history.spec("SPEC-0001").events
                     if not e.mainline]
    assert ("status-changed", "In Review") in branch_events


def test_branch_work_lands_on_the_main_line_when_merged(repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    repo.commit("Draft", {path: spec_text()})
    repo.git("checkout", "-q", "-b", "review")
    repo.commit("Review", {path: spec_text(status="In Review", extra=REVIEWED)},
                author="Grace Hopper")
    repo.git("checkout", "-q", "main")
    repo.commit("Other", {"README": "x"})
    merge = repo.merge("review")
    history = mine(repo)
    assert kinds(history) == [("created", "Draft"), ("status-changed", "In Review"),
                              ("reviewer-added", "Grace Hopper")]
    review = history.spec("SPEC-0001").events[1]
    assert (review.author, review.mainline) == ("Grace Hopper", False)
    assert history.spec("SPEC-0001").statuses[-1].commit == merge
    assert statuses(history) == [("Draft", 1, 4), ("In Review", 4, None)]


def test_events_follow_the_commit_graph_not_author_dates(repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    repo.commit("Draft", {path: spec_text()}, date=EPOCH + 10 * DAY)
    # Rebased or clock-skewed: authored "before" its parent.
    repo.commit("Review", {path: spec_text(status="In Review", extra=REVIEWED)},
                date=EPOCH + 2 * DAY)
    repo.commit("Approve", {path: spec_text(status="Approved", extra=APPROVED)},
                date=EPOCH + 5 * DAY)
    assert [after for kind, after in kinds(mine(repo)) if kind in ("created", "status-changed")] \
        == ["Draft", "In Review", "Approved"]


def test_a_conflict_resolved_by_hand_is_the_merges_own_event(repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    repo.commit("Draft", {path: spec_text()})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Side title", {path: spec_text(title="Side title")})
    repo.git("checkout", "-q", "main")
    repo.commit("Main title", {path: spec_text(title="Main title")})
    repo.merge("side", files={path: spec_text(title="Agreed title")}, author="Linus Pauling")
    events = mine(repo).spec("SPEC-0001").events
    merged = [(e.author, e.after) for e in events if e.kind == "title-changed"]
    assert sorted(merged[:2]) == [("Ada Lovelace", "Main title"), ("Ada Lovelace", "Side title")]
    assert merged[2:] == [("Linus Pauling", "Agreed title")]


def test_invalid_historical_versions_are_skipped_and_counted(repo: GitRepo) -> None:
    path = "specs/SPEC-0001.yaml"
    repo.commit("Draft", {path: spec_text()})
    repo.commit("Broken", {path: spec_text(status="Reviewing")})
    repo.commit("Unparseable", {path: "id: SPEC-0001\n  bad: [\n"})
    repo.commit("Fixed", {path: spec_text(status="In Review", extra=REVIEWED)})
    history = mine(repo)
    assert history.skipped_versions == 2
    assert [period[0] for period in statuses(history)] == ["Draft", "In Review"]
    assert ("status-changed", "Reviewing") not in kinds(history)


def test_two_files_holding_one_id_are_two_specs(repo: GitRepo) -> None:
    repo.commit("One", {"specs/a.yaml": spec_text()})
    repo.commit("Two", {"specs/b.yaml": spec_text(status="In Review", extra=REVIEWED)})
    history = mine(repo)
    one, two = history.named("SPEC-0001")
    assert (one.current_path, one.paths) == ("specs/a.yaml", ("specs/a.yaml",))
    # b.yaml was added while a.yaml held the id: a copy, which starts with a's history.
    assert (two.current_path, two.paths) == ("specs/b.yaml", ("specs/a.yaml", "specs/b.yaml"))
    assert [(e.kind, e.after) for e in two.events] == [
        ("created", "Draft"), ("copied", "specs/b.yaml"), ("status-changed", "In Review"),
        ("reviewer-added", "Grace Hopper")]
    assert two.inherited == 1


def test_odd_paths_and_non_utf8_metadata(repo: GitRepo) -> None:
    repo.commit("Spaces", {"specs/with space é.yaml": spec_text()})
    repo.commit("Newline", {"specs/new\nline.yaml": spec_text("SPEC-0002")})
    message = Path(repo.root / "message.txt")
    message.write_bytes(b"Caf\xe9 latin-1 message\n")
    repo.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003"))
    repo.git("add", "specs/SPEC-0003.yaml")
    repo.git("-c", "i18n.commitEncoding=latin-1", "commit", "-q", "-F", "message.txt",
             author="Jos\xe9 Latin")
    message.unlink()
    history = mine(repo)
    assert history.spec("SPEC-0001").paths == ("specs/with space é.yaml",)
    assert history.spec("SPEC-0002").paths == ("specs/new\nline.yaml",)
    assert "SPEC-0003" in spec_ids(history)


def test_binary_blob_named_yaml_is_a_skipped_version(repo: GitRepo) -> None:
    repo.commit("Binary", {"specs/blob.yaml": bytes(range(256))})
    history = mine(repo)
    assert history.specs == ()
    assert history.skipped_versions == 1


def test_detached_head(repo: GitRepo) -> None:
    first = repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review",
                                                              extra=REVIEWED)})
    repo.git("checkout", "-q", "--detach", first)
    assert statuses(mine(repo)) == [("Draft", 1, None)]


def test_unborn_branch_has_no_history(repo: GitRepo) -> None:
    history = mine(repo)
    assert (history.head, history.specs) == (None, ())


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    with pytest.raises(HistoryError, match="not inside a git repository"):
        mine_history(load_config(None, tmp_path))


def test_shallow_clone_is_refused_unless_allowed(repo: GitRepo, tmp_path: Path) -> None:
    for day in range(3):
        repo.commit(f"Step {day}", {"specs/SPEC-0001.yaml": spec_text(title=f"T{day}")})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
                   check=True)
    with pytest.raises(HistoryError, match="fetch-depth: 0"):
        mine_history(load_config(None, clone))
    history = mine_history(load_config(None, clone), MineOptions(allow_shallow=True))
    assert history.shallow
    assert said(history.warnings) == (f"history is incomplete: shallow clone; {SHALLOW_FETCH}",)
    assert kinds(history) == [("created", "Draft")]


def test_config_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "mono")
    (repo.root / "specrepo.yaml").unlink()
    repo.write("docs/specrepo.yaml", "specs: design\n")
    repo.commit("Draft", {"docs/design/SPEC-0001.yaml": spec_text(),
                          "other/SPEC-0002.yaml": spec_text("SPEC-0002")})
    history = mine_history(load_config(None, repo.root / "docs"))
    assert spec_ids(history) == ["SPEC-0001"]


def test_a_thousand_commits(repo: GitRepo) -> None:
    statuses_cycle = ["Draft", "In Review", "Approved", "Implemented"]
    stream = []
    for number in range(1000):
        spec_id = f"SPEC-{number % 50:04d}"
        status = statuses_cycle[min(number // 50, 3)]
        content = spec_text(spec_id, status=status, extra=REVIEWED).encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"committer A <a@example.com> %d +0000\n" % (EPOCH + number * 60))
        stream.append(b"data 1\nx\n")
        stream.append(b"M 100644 inline specs/%s.yaml\ndata %d\n%s\n" % (
            spec_id.encode(), len(content), content))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo.root, input=b"".join(stream),
                   check=True)
    repo.git("reset", "-q", "--hard", "main")
    history = mine(repo)
    assert len(history.specs) == 50
    assert [period.status for period in history.spec("SPEC-0007").statuses] == statuses_cycle


def test_git_not_installed(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    monkeypatch.setenv("PATH", str(repo.root / "no-binaries-here"))
    with pytest.raises(HistoryError, match="git is not installed"):
        mine(repo)


def test_a_submodule_among_the_specs_is_not_a_spec(repo: GitRepo, tmp_path: Path) -> None:
    other = GitRepo(tmp_path / "other")
    other.commit("Other", {"specs/x.yaml": "id: SPEC-0009\n"})
    repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(other.root),
             "specs/vendor")
    repo.commit("Add a submodule")
    history = mine(repo)
    assert spec_ids(history) == ["SPEC-0001"]

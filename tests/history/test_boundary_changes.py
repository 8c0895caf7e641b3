"""A shallow clone's boundary and approved content (`--allow-shallow`): a pull request's
merge commit cloned two deep (`git clone --depth 2`), its branch's tip a boundary commit.
What the branch changed in an approved spec, compared with the line it joins where the
merge takes it, is judged by `changed-after-approval` as one change (trial36b: it passed
in silence, the approval being beyond the boundary); an approval whose content the clone
cannot know is named in a warning."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.boundary_changes import Compared
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.model.boundary_change import BoundaryChange
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_boundary_moves import _checkout
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"
SPEC = "specs/SPEC-0001.yaml"
OTHER = {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")}


def _approved(status: str = "Approved", summary: str = "Why and what.") -> str:
    return spec_text(status=status, extra=REVIEWED).replace("Why and what.", summary)


def _merged(repo: GitRepo, main_change: dict[str, str | None]) -> None:
    """Main makes `main_change`, then merges `topic` (a merge commit, as GitHub's)."""
    repo.git("checkout", "-q", "main")
    repo.commit("main moves on", main_change)
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1", "topic")


def _clone(repo: GitRepo, clone: Path, depth: int = 2) -> None:
    subprocess.run(["git", "clone", "-q", f"--depth={depth}", f"file://{repo.root}",
                    str(clone)], env=repo.environment(), check=True)


def _pull_request(folder: Path, branch: list[tuple[str, str, str]],
                  before: str = "Approved") -> GitRepo:
    """SPEC-0001 `before` on main (Draft -> In Review -> `before`), SPEC-0002 Draft; the
    branch `topic` commits `branch` ((message, status, summary) of SPEC-0001), main
    rewrites SPEC-0002's summary and merges it; cloned two deep into `folder/clone`."""
    repo = GitRepo(folder / "origin")
    repo.commit("draft", {SPEC: spec_text(extra=REVIEWED), **OTHER})
    repo.commit("review", {SPEC: _approved("In Review")})
    if before != "In Review":
        repo.commit("approve", {SPEC: _approved(before)}, author="Grace Hopper")
    repo.git("checkout", "-q", "-b", "topic")
    for message, status, summary in branch:
        repo.commit(message, {SPEC: _approved(status, summary)})
    _merged(repo, {"specs/SPEC-0002.yaml": spec_text("SPEC-0002").replace(
        "Why and what.", "Main's own.")})
    _clone(repo, folder / "clone")
    return repo


def test_a_branch_edit_of_approved_content_fails_the_gates_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pull_request(tmp_path, [("rewrite", "Approved", "Rewritten after approval.")])
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("validate", "--history", "--allow-shallow", no_traceback=True)
    assert result.exit_code == 1, result.output
    [finding] = [line for line in result.stdout.splitlines()
                 if "changed-after-approval" in line]
    tip, line = (subprocess.run(["git", "rev-parse", f"HEAD^{n}"], capture_output=True,
                                text=True, check=True).stdout[:10] for n in (2, 1))
    assert finding.startswith(f"{SPEC}:7:1: error: summary changed after SPEC-0001 was "
                              f"approved (section-changed in commit {tip} by Ada Lovelace")
    assert (f", compared with commit {line}: this shallow clone holds no commit between "
            f"them, so it is one change, and an approval given between them is not seen: "
            "fetch all of it (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"
            " to see one; "
            f"approved at or before boundary commit {line}, where this shallow clone's history "
            "starts)") in finding
    report = run_cli("report", "--allow-shallow", "--format", "json",
                     "--fail-on", "changed-after-approval")
    assert report.exit_code == 1
    [change] = json.loads(report.stdout)["integrity"]["changed_after_approval"]
    assert (change["spec"], change["path"], change["commit"][:10],
            change["approved_commit"][:10]) == ("SPEC-0001", "summary", tip, line)
    diff = run_cli("diff", "--since-approval", "--allow-shallow")
    assert (f"since commit {line}, where this shallow clone's history starts (its approval "
            "is before it, not known)") in diff.stdout
    assert "summary: Why and what. -> Rewritten after approval.  [protected]" in diff.stdout
    for output in ("sarif", "junit"):
        shown = run_cli("validate", "--history", "--allow-shallow", "--format", output)
        assert shown.exit_code == 1 and "compared with commit" in shown.stdout


def test_the_events_are_boundary_changes_where_the_merge_takes_the_branch_s(
        tmp_path: Path) -> None:
    """Only what the merge takes: SPEC-0001's summary the branch rewrote, not SPEC-0002's,
    which main rewrote after the branch forked (the branch's tip holds the older one)."""
    _pull_request(tmp_path, [("rewrite", "Approved", "Rewritten.")])
    history = mine_history(load_config(None, tmp_path / "clone"), MineOptions(allow_shallow=True))
    [spec] = history.named("SPEC-0001")
    [change] = [event for event in spec.events if isinstance(event, BoundaryChange)]
    assert (change.kind, change.field, change.protected) == ("section-changed", "summary",
                                                             True)
    assert change.commit in history.shallow_boundary and change.seen_from != change.commit
    assert not any(isinstance(event, BoundaryChange)
                   for event in history.named("SPEC-0002")[0].events)  # main's own change


@pytest.mark.parametrize("branch", [
    [("rewrite", "Approved", "Rewritten.\n\nApproved-by: Grace Hopper")],  # the tip's trailer
    [("unrelated", "Approved", "Why and what.")],  # approved content untouched
])
def test_what_the_clone_sees_unchanged_passes_and_a_trailer_it_cannot_place_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        branch: list[tuple[str, str, str]]) -> None:
    """Approved content the branch left alone passes; the tip's trailer approving its
    rewrite, compared with main moved on since the branch forked (not the tip's parent),
    may approve an earlier commit's change: it approves none, and a warning says so
    (shallow62; it passed: a trailer for another spec passed an earlier edit)."""
    message, status, summary = branch[0]
    summary, _, trailer = summary.partition("\n\n")
    repo = GitRepo(tmp_path / "origin")
    repo.commit("draft", {SPEC: _approved("Approved"), **OTHER})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit(f"{message}\n\n{trailer}", {SPEC: _approved(status, summary),
                                             "notes.txt": "x\n"})
    _merged(repo, {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", title="Other")})
    _clone(repo, tmp_path / "clone")
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("report", "--allow-shallow", "--fail-on", "changed-after-approval")
    if trailer:  # main moved on: the tip's own change or an earlier commit's (shallow62)
        assert result.exit_code == 1, result.output
        assert "trailers of boundary commit" in result.stderr
        return
    assert result.exit_code == 0, result.output
    shown = run_cli("diff", "--since-approval", "--allow-shallow").stdout
    assert shown.startswith("No spec changed")  # `since this shallow clone's history starts`
    assert "history starts" in shown  # where no approval is seen in it


def test_main_s_own_change_of_approved_content_is_not_the_branch_s(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Main rewrote (and approved) the summary after the branch forked; the merge keeps
    main's: the branch's tip holding the older summary is no change of the branch's."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("approved", {SPEC: _approved(), **OTHER})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("other", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", title="Other")})
    repo.git("checkout", "-q", "main")
    repo.commit("main rewrites\n\nApproved-by: Grace Hopper", {SPEC: _approved(
        summary="Main's.")})
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1", "topic")
    _clone(repo, tmp_path / "clone")
    monkeypatch.chdir(tmp_path / "clone")
    result = run_cli("validate", "--history", "--allow-shallow")
    assert result.exit_code == 0, result.output
    assert "changed-after-approval" not in result.output


def test_an_approval_the_branch_gave_before_the_boundary_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In Review on main; the branch approves SPEC-0001, then edits it (a finding in the
    full history): the clone holds no approved version before the tip, so the warning
    names the spec and the tip, in validate and report."""
    repo = _pull_request(tmp_path, [("approve", "Approved", "Why and what."),
                                    ("edit", "Approved", "Edited after.")],
                         before="In Review")
    monkeypatch.chdir(repo.root)
    assert run_cli("validate", "--history").exit_code == 1  # the full history
    monkeypatch.chdir(tmp_path / "clone")
    tip = subprocess.run(["git", "rev-parse", "HEAD^2"], capture_output=True, text=True,
                         check=True).stdout[:10]
    note = (f"what the approval of SPEC-0001 (commit {tip}) covered is not known: that "
            "commit approves it as this shallow clone shows it, but the clone's history "
            "starts there, so neither an approval given before it nor a change of approved "
            "content made before it can be judged")
    for command in (("validate", "--history"), ("report", "--fail-on",
                                                 "changed-after-approval")):
        result = run_cli(*command, "--allow-shallow")
        assert note in result.stderr, result.output
        assert result.stderr.count("covered is not known") == 1


def test_at_depth_1_a_since_commit_outside_head_s_history_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """actions/checkout's default: the merge commit one deep, main one deep beside it
    (`--since origin/main`): main's version, though no event of HEAD's history, is known
    content, approved, and the edit is judged against it as at depth 2 (shallow63: it was
    named as an approval whose content is not known, and passed where a full clone
    fails)."""
    repo = _pull_request(tmp_path, [("rewrite", "Approved", "Rewritten.")])
    merge = repo.git("rev-parse", "HEAD")
    repo.git("reset", "-q", "--hard", "HEAD^1")
    repo.git("update-ref", "refs/pull/1/merge", merge)
    _checkout(repo, tmp_path / "depth1", 1)
    monkeypatch.chdir(tmp_path / "depth1")
    result = run_cli("validate", "--history", "--since", "origin/main", "--allow-shallow")
    assert result.exit_code == 1, result.output
    main = repo.git("rev-parse", "main")[:10]
    assert (f"summary changed after SPEC-0001 was approved (section-changed in commit "
            f"{merge[:10]}") in result.stdout
    assert f"approved at or before boundary commit {main}, where" in result.stdout
    assert "what it covered is not known" not in result.stderr
    assert "what the approval of" not in result.stderr


MOVES = {  # how the branch moves SPEC-0001 -> (its files changed, the folder checked from)
    "renamed": ({SPEC: None, "specs/SPEC-0001-x.yaml": "{}"}, "."),
    "folder moved, specs: changed": ({SPEC: None, "specs/SPEC-0002.yaml": None,
                                      "docs/SPEC-0001.yaml": "{}",
                                      "docs/SPEC-0002.yaml": OTHER["specs/SPEC-0002.yaml"],
                                      "specrepo.yaml": "specs: docs\n"}, "."),
    "configuration and specs moved": ({SPEC: None, "specs/SPEC-0002.yaml": None,
                                       "specrepo.yaml": None, "d/specs/SPEC-0001.yaml": "{}",
                                       "d/specs/SPEC-0002.yaml": OTHER["specs/SPEC-0002.yaml"],
                                       "d/specrepo.yaml": "specs: specs\n"}, "d"),
}


@pytest.mark.parametrize("move", sorted(MOVES))
def test_a_branch_that_moves_an_approved_spec_and_edits_it_fails_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, move: str) -> None:
    """trial37b: the branch moves SPEC-0001 (`git mv`) and rewrites its approved summary in
    the same commit. The walk begins a lineage at each boundary commit, at its path there
    (their common past is beyond the clone); the comparison pairs the two (id, then
    rename detection), so the spec at HEAD holds the approval the line it joins shows,
    and the rewrite fails as it does unmoved (it passed: the branch tip's appearance,
    Approved, counted as the approval of its own change)."""
    files, folder = MOVES[move]
    repo = GitRepo(tmp_path / "origin")
    repo.commit("draft", {SPEC: spec_text(extra=REVIEWED), **OTHER})
    repo.commit("review", {SPEC: _approved("In Review")})
    repo.commit("approve", {SPEC: _approved()}, author="Grace Hopper")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("move and rewrite", {path: _approved(summary="Rewritten after approval.")
                                     if text == "{}" else text for path, text in files.items()})
    _merged(repo, {"notes.txt": "main's own\n"})
    _clone(repo, tmp_path / "clone")
    monkeypatch.chdir(tmp_path / "clone" / folder)
    for arguments in (("validate", "--history", "--allow-shallow"),
                      ("validate", "--history", "--allow-shallow", "--since", "HEAD^1"),
                      ("report", "--allow-shallow", "--fail-on", "changed-after-approval")):
        result = run_cli(*arguments, no_traceback=True)
        assert result.exit_code == 1, (arguments, result.output)
    shown = run_cli("validate", "--history", "--allow-shallow").stdout
    assert "error: summary changed after SPEC-0001 was approved" in shown
    line = subprocess.run(["git", "rev-parse", "HEAD^1"], capture_output=True, text=True,
                          check=True).stdout[:10]
    assert (f"approved at or before boundary commit {line}, where this shallow clone's "
            "history starts)") in shown


@pytest.mark.parametrize(("status", "unknown"), [("Approved", True), ("Draft", False)])
def test_a_moved_spec_no_lineage_shows_at_the_commit_compared_with_is_unknown(
        tmp_path: Path, status: str, unknown: bool) -> None:
    """`Compared.joined` finds no lineage holding the spec at the commit compared with (a
    `--since` commit inside a lineage's life, say): its events stay, and where it was
    approved there the place is one whose approval cannot be judged, never a pass."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("approved", {SPEC: _approved()})
    config = load_config(None, repo.root)
    history = mine_history(config, MineOptions())
    [created] = history.named("SPEC-0001")[0].events
    boundary = replace(created, commit="b" * 40, path="specs/SPEC-0001-x.yaml")
    compared = Compared(config, history)
    compared.moved[(boundary.commit, boundary.path)] = ("e" * 40, SPEC, status)
    assert compared.joined([boundary], boundary, history.specs) == (boundary,)
    assert compared.unknown == ({(boundary.commit, boundary.path)} if unknown else set())
    compared.moved[(boundary.commit, boundary.path)] = (created.commit, SPEC, status)
    assert compared.joined([boundary], boundary, history.specs) == (created, boundary)


def test_a_timeline_says_the_unknown_approval_of_its_own_spec_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """warn38: the warning that names the approvals the clone cannot judge concerns the
    specs it names: SPEC-0002's timeline said SPEC-0001's (the timeline took out only the
    warnings it could word again), SPEC-0001's says it, once, on stderr and in its JSON."""
    _pull_request(tmp_path, [("approve", "Approved", "Why and what."),
                             ("edit", "Approved", "Edited after.")], before="In Review")
    monkeypatch.chdir(tmp_path / "clone")
    other = run_cli("timeline", "SPEC-0002", "--allow-shallow")
    assert other.exit_code == 0, other.output
    assert "history is incomplete: shallow clone" in other.stderr
    assert "covered is not known" not in other.stderr
    assert not any("covered is not known" in warning for warning in json.loads(run_cli(
        "timeline", "SPEC-0002", "--allow-shallow", "--format", "json").stdout)["warnings"])
    own = run_cli("timeline", "SPEC-0001", "--allow-shallow")
    assert own.stderr.count("what the approval of SPEC-0001 (commit ") == 1, own.output
    document = json.loads(run_cli("timeline", "SPEC-0001", "--allow-shallow", "--format",
                                  "json").stdout)
    assert sum("covered is not known" in warning for warning in document["warnings"]) == 1


def test_a_spec_the_branch_moved_keeps_its_life_on_head_s_line_at_depth_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """shmv37: the branch `git mv`s the approved SPEC-0001; main moves on, and merges it a
    day later. The spec at HEAD is joined to its appearance at main's tip (its lineage
    there, at the old path): its status periods and paths say so too, as SPEC-0002's,
    unmoved, do (they began at the merge, the report counting no day Approved, and named
    only the new path)."""
    repo = GitRepo(tmp_path / "origin")
    repo.commit("approved", {SPEC: _approved(), **OTHER})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("move", {SPEC: None, "specs/SPEC-0001-x.yaml": _approved()})
    repo.git("checkout", "-q", "main")
    line = repo.commit("main moves on", {"notes.txt": "main's own\n"})
    repo.merge("topic", message="Merge pull request #1")
    _clone(repo, tmp_path / "clone")
    monkeypatch.chdir(tmp_path / "clone")
    report = json.loads(run_cli("report", "--allow-shallow", "--format", "json").stdout)
    moved, unmoved = (next(spec for spec in report["specs"] if spec["id"] == spec_id)
                      for spec_id in ("SPEC-0001", "SPEC-0002"))
    assert moved["since"] == unmoved["since"] and moved["days_in_status"] == 1.0
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--allow-shallow", "--format",
                                  "json").stdout)
    assert timeline["paths"] == [SPEC, "specs/SPEC-0001-x.yaml"]
    [period] = timeline["statuses"]
    assert (period["status"], period["commit"], period["until"]) == ("Approved", line, None)

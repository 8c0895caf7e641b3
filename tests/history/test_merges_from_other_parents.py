"""A spec a merge takes from a parent other than its first, at another path (trial 27,
F2/F2a/F2b/F2c): a subtree import of an unrelated history, a `git mv` while resolving, a
duplicate id renumbered while resolving, git's directory-rename detection filing a
branch's new spec under a renamed folder. The merge's file is that parent's file moved:
the branch's events stay the spec's, the merge's own move (and renumbering, and status)
is its own and checked, findings land on the spec's file at HEAD, and the history is the
same mined cold, from the cache, and from a cache written before the merge.
"""

from __future__ import annotations

import json
from xml.etree import ElementTree

from specrepo.model.history import History
from tests.history.gitrepo import GitRepo
from tests.history.test_moves_across_merges import events, illegal, mine, settled, spec
from tests.support import run_cli

BRANCH = "specs/SPEC-0002.yaml"
TEAMB = "teamb/specs/SPEC-0002.yaml"


def status_line(repo: GitRepo, path: str) -> int:
    """The line of the `status:` key in the work tree's file."""
    lines = (repo.root / path).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith("status:"))


def findings_at(repo: GitRepo) -> list[tuple[str, int, str, str]]:
    """`validate --history`'s findings as (file, line, JSON path, rule); each finding, SARIF
    result and JUnit test case names a file HEAD has (no phantom file of a spec HEAD
    holds elsewhere), and JUnit has one test case per spec file checked."""
    result = json.loads(run_cli("validate", "--history", "--format", "json").output)
    found = [(item["file"], item["line"], item["json_path"], item["rule"])
             for item in result["findings"]]
    sarif = json.loads(run_cli("validate", "--history", "--format", "sarif").output)
    uris = [location["physicalLocation"]["artifactLocation"]["uri"]
            for item in sarif["runs"][0]["results"] for location in item["locations"]]
    junit = ElementTree.fromstring(run_cli("validate", "--history", "--format",
                                           "junit").stdout_bytes)
    cases = [case.get("name") or "" for case in junit.iter("testcase")]
    assert len(cases) == result["summary"]["files"]
    head = set(repo.git("ls-files").splitlines())
    for path in [file for file, _, _, _ in found] + uris + cases:
        assert path in head, path
    return found


def timeline(spec_id: str) -> list[tuple[str, str | None, str | None, bool]]:
    """`timeline SPEC --format json`'s events as (kind, from or item, to, mainline)."""
    shown = json.loads(run_cli("timeline", spec_id, "--format", "json").output)
    return [(event["kind"], event["item"] or event["from"], event["to"], event["mainline"])
            for event in shown["events"]]


def only_spec(history: History, spec_id: str) -> None:
    """No second lineage of the spec (one left behind on the branch)."""
    assert [spec.spec_id for spec in history.specs].count(spec_id) == 1


def test_a_merge_that_moves_the_branch_s_spec_and_sets_its_status(git_repo: GitRepo) -> None:
    """F2a: `git mv` of the merged branch's spec while resolving, and a status set there:
    checked as the same merge without the move is (before: exit 0, branch life lost)."""
    repo = git_repo
    repo.write("specrepo.yaml", "specs: [specs, teamb/specs]\n")
    repo.commit("Init", {"specs/SPEC-0001.yaml": spec(), "teamb/specs/.keep": ""})
    repo.git("checkout", "-q", "-b", "b")
    created = repo.commit("b: new spec", {BRANCH: spec(spec_id="SPEC-0002")},
                          author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    repo.commit("Main work", {"x": "x\n"})
    mine(repo)
    repo.git("merge", "-q", "--no-ff", "--no-commit", "b")
    repo.git("mv", BRANCH, TEAMB)
    merge = repo.commit("Merge b: under teamb, Implemented",
                        {TEAMB: spec("Implemented", spec_id="SPEC-0002")})
    history = settled(repo)
    only_spec(history, "SPEC-0002")
    one = history.spec("SPEC-0002")
    assert one.current_path == TEAMB and one.paths == (BRANCH, TEAMB)
    assert events(one) == [
        (created, "created", None, "Draft", False),
        (merge, "moved", BRANCH, TEAMB, True),
        (merge, "status-changed", "Draft", "Implemented", True),
        (merge, "reviewer-added", None, "Grace Hopper", True)]
    assert illegal(repo) == (1, [(merge, "Draft", "Implemented")],
                             [(merge, "Draft", "Implemented")])
    assert findings_at(repo) == [(TEAMB, status_line(repo, TEAMB), "$.status",
                                  "illegal-transition")]
    assert [event[0] for event in timeline("SPEC-0002")] == [
        "created", "moved", "status-changed", "reviewer-added"]


def test_the_same_merge_without_the_move_is_checked_the_same(git_repo: GitRepo) -> None:
    """F2a's control: the merge keeps the branch's path; its own changes are compared with
    the branch's file (the first parent has none): the same events but the move."""
    repo = git_repo
    repo.commit("Init", {"specs/SPEC-0001.yaml": spec()})
    repo.git("checkout", "-q", "-b", "b")
    created = repo.commit("b: new spec", {BRANCH: spec(spec_id="SPEC-0002")})
    repo.git("checkout", "-q", "main")
    repo.commit("Main work", {"x": "x\n"})
    mine(repo)
    repo.git("merge", "-q", "--no-ff", "--no-commit", "b")
    merge = repo.commit("Merge b: Implemented", {BRANCH: spec("Implemented", spec_id="SPEC-0002")})
    history = settled(repo)
    assert events(history.spec("SPEC-0002")) == [
        (created, "created", None, "Draft", False),
        (merge, "status-changed", "Draft", "Implemented", True),
        (merge, "reviewer-added", None, "Grace Hopper", True)]
    assert illegal(repo) == (1, [(merge, "Draft", "Implemented")],
                             [(merge, "Draft", "Implemented")])
    assert findings_at(repo) == [(BRANCH, status_line(repo, BRANCH), "$.status",
                                  "illegal-transition")]


def test_a_merge_that_moves_an_approved_branch_spec_and_edits_it(git_repo: GitRepo) -> None:
    """The merge's own content change against the branch's file is checked too
    (`changed-after-approval`), wherever the merge files it."""
    repo = git_repo
    repo.commit("Init", {"specs/SPEC-0001.yaml": spec()})
    repo.git("checkout", "-q", "-b", "b")
    repo.commit("b: new spec", {BRANCH: spec(spec_id="SPEC-0002")})
    repo.commit("b: review", {BRANCH: spec("In Review", spec_id="SPEC-0002")})
    repo.commit("b: approve", {BRANCH: spec("Approved", spec_id="SPEC-0002")},
                author="Grace Hopper")
    repo.git("checkout", "-q", "main")
    repo.commit("Main work", {"x": "x\n"})
    mine(repo)
    repo.git("merge", "-q", "--no-ff", "--no-commit", "b")
    (repo.root / "specs/core").mkdir()
    repo.git("mv", BRANCH, "specs/core/SPEC-0002.yaml")
    edited = spec("Approved", spec_id="SPEC-0002").replace("item 3 ", "item three ")
    merge = repo.commit("Merge b: under core", {"specs/core/SPEC-0002.yaml": edited},
                        author="Jan Fischer")
    settled(repo)
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "requirements.functional[FR-3] changed after SPEC-0002 was approved" in result.output
    assert f"commit {merge[:10]} by Jan Fischer" in result.output
    report = json.loads(run_cli("report", "--format", "json").output)
    assert [item["commit"] for item in report["integrity"]["changed_after_approval"]] \
        == [merge]


def test_a_subtree_import_of_an_unrelated_history(git_repo: GitRepo) -> None:
    """F2: `git merge -s ours --allow-unrelated-histories` + `git read-tree --prefix=`:
    the imported spec's life and its illegal move come with it, at its file at HEAD."""
    repo = git_repo
    teamb = GitRepo(repo.root.parent / "teamb")
    imported = "teamb/specs/SPEC-0101.yaml"
    created = teamb.commit("b: init", {"specs/SPEC-0101.yaml": spec(spec_id="SPEC-0101")},
                           author="Jan Fischer")
    approved = teamb.commit("b: Draft -> Implemented",
                            {"specs/SPEC-0101.yaml": spec("Implemented", spec_id="SPEC-0101")},
                            author="Jan Fischer")
    repo.commit("Init", {"specs/SPEC-0001.yaml": spec()})
    mine(repo)
    repo.git("fetch", "-q", str(teamb.root), "main")
    repo.git("merge", "-q", "-s", "ours", "--no-commit", "--allow-unrelated-histories",
             "FETCH_HEAD")
    repo.git("read-tree", "--prefix=teamb/", "-u", "FETCH_HEAD")
    merge = repo.commit("Import teamb")
    repo.commit("Config: teamb/specs", {"specrepo.yaml": "specs: [specs, teamb/specs]\n"})
    history = settled(repo)
    only_spec(history, "SPEC-0101")
    one = history.spec("SPEC-0101")
    assert one.current_path == imported
    assert events(one) == [
        (created, "created", None, "Draft", False),
        (approved, "status-changed", "Draft", "Implemented", False),
        (approved, "reviewer-added", None, "Grace Hopper", False),
        (merge, "moved", "specs/SPEC-0101.yaml", imported, True)]
    assert [period.status for period in one.statuses] == ["Implemented"]
    assert illegal(repo) == (1, [(approved, "Draft", "Implemented")],
                             [(approved, "Draft", "Implemented")])
    assert findings_at(repo) == [(imported, status_line(repo, imported), "$.status",
                                  "illegal-transition")]
    assert ("created", None, "Draft", False) in timeline("SPEC-0101")


def test_a_duplicate_id_renumbered_while_merging(git_repo: GitRepo) -> None:
    """F2b: both lines took SPEC-0002; the merge renames and renumbers the branch's to
    SPEC-0003: its illegal move is SPEC-0003's, on its file (git's rename detection
    against the branch pairs them), not the other SPEC-0002's."""
    repo = git_repo
    renumbered = "specs/SPEC-0003.yaml"
    mains = "specs/SPEC-0002-main.yaml"
    repo.commit("Init", {"specs/SPEC-0001.yaml": spec()})
    repo.git("checkout", "-q", "-b", "b")
    created = repo.commit("b: SPEC-0002", {BRANCH: spec(spec_id="SPEC-0002")},
                          author="Jan Fischer")
    approved = repo.commit("b: Draft -> Approved", {BRANCH: spec("Approved", spec_id="SPEC-0002")},
                           author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    repo.commit("main: SPEC-0002 too", {mains: spec(title="Main's", spec_id="SPEC-0002")})
    mine(repo)
    repo.git("merge", "-q", "--no-ff", "--no-commit", "b")
    repo.git("mv", BRANCH, renumbered)
    merge = repo.commit("Merge b; renumber its spec",
                        {renumbered: spec("Approved", spec_id="SPEC-0003")})
    history = settled(repo)
    assert [(spec.spec_id, spec.current_path) for spec in history.specs] == [
        ("SPEC-0001", "specs/SPEC-0001.yaml"), ("SPEC-0002", mains),
        ("SPEC-0003", renumbered)]
    three = history.spec("SPEC-0003")
    assert events(three) == [
        (created, "created", None, "Draft", False),
        (approved, "status-changed", "Draft", "Approved", False),
        (approved, "reviewer-added", None, "Grace Hopper", False),
        (merge, "moved", BRANCH, renumbered, True),
        (merge, "id-changed", "SPEC-0002", "SPEC-0003", True)]
    assert [event for event in events(history.spec("SPEC-0002")) if event[0] != merge] \
        == events(history.spec("SPEC-0002"))
    assert illegal(repo) == (1, [(approved, "Draft", "Approved")],
                             [(approved, "Draft", "Approved")])
    assert findings_at(repo) == [(renumbered, status_line(repo, renumbered), "$.status",
                                  "illegal-transition")]
    assert [event[0] for event in timeline("SPEC-0003")] == [
        "created", "status-changed", "reviewer-added", "moved", "id-changed"]
    assert [event[0] for event in timeline("SPEC-0002")] == ["created"]


def test_a_branch_s_new_spec_filed_under_a_folder_main_renamed(git_repo: GitRepo) -> None:
    """F2c: main renames `specs` to `design/specs` (the README's example) while a pull
    request adds a spec and moves it illegally; git's directory-rename detection files
    the new spec under `design/specs` in the merge, with no hand edit."""
    repo = git_repo
    moved = "design/specs/SPEC-0003.yaml"
    repo.commit("Init", {"specs/SPEC-0001.yaml": spec(), BRANCH: spec(spec_id="SPEC-0002")})
    repo.git("checkout", "-q", "-b", "pr")
    added = "specs/SPEC-0003.yaml"
    created = repo.commit("pr: new spec", {added: spec(spec_id="SPEC-0003")},
                          author="Jan Fischer")
    reviewed = repo.commit("pr: review", {added: spec("In Review", spec_id="SPEC-0003")},
                           author="Jan Fischer")
    done = repo.commit("pr: implemented", {added: spec("Implemented", spec_id="SPEC-0003")},
                       author="Jan Fischer")
    repo.git("checkout", "-q", "main")
    (repo.root / "design").mkdir()
    repo.git("mv", "specs", "design/specs")
    repo.commit("Move specs to design/specs", {"specrepo.yaml": "specs: design/specs\n"})
    mine(repo)
    repo.clock += 86400
    repo.git("-c", "merge.directoryRenames=true", "merge", "-q", "--no-ff", "-m", "Merge pr",
             "pr", date=repo.clock)
    merge = repo.git("rev-parse", "HEAD")
    assert (repo.root / moved).exists() and not (repo.root / added).exists()
    history = settled(repo)
    only_spec(history, "SPEC-0003")
    three = history.spec("SPEC-0003")
    assert three.current_path == moved
    assert events(three) == [
        (created, "created", None, "Draft", False),
        (reviewed, "status-changed", "Draft", "In Review", False),
        (reviewed, "reviewer-added", None, "Grace Hopper", False),
        (done, "status-changed", "In Review", "Implemented", False),
        (merge, "moved", added, moved, True)]
    assert illegal(repo) == (1, [(done, "In Review", "Implemented")],
                             [(done, "In Review", "Implemented")])
    assert findings_at(repo) == [(moved, status_line(repo, moved), "$.status",
                                  "illegal-transition")]
    assert ("status-changed", "Draft", "In Review", False) in timeline("SPEC-0003")

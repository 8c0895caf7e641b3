"""An approved spec that leaves the spec set is an `illegal-transition` (to "(removed)"):
deleted, moved where no configuration reads specs, or taken out by the configuration
(`specs:` narrowed, an `exclude:` added), in a commit or a merge. What reviewers approved
changes only with a new approval: a spec leaves from a state outside `statuses.approved`
(Withdrawn first), or an `accepted_transitions:` entry accepts the removal. Each case is
judged warm (the cache written before the removal, continued after) and cold, alike."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"

Verdicts = tuple[int, int, list[tuple[str, str, str | None, str | None]],
                 list[tuple[str, str, str | None, str | None]]]


def spec(spec_id: str, status: str, extra: str = "") -> str:
    return spec_text(spec_id, status=status, extra=REVIEWED + extra)


def approved_project(repo: GitRepo) -> None:
    """SPEC-0001 Draft; SPEC-0002 Draft -> In Review -> Approved."""
    repo.commit("Adopt", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                          "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    repo.commit("Review", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "In Review")})
    repo.commit("Approve", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})


def verdicts() -> Verdicts:
    """`validate --history`'s and `report --fail-on illegal-transitions`'s exit codes, and
    the illegal moves each names: (spec, commit, from, to)."""
    validated = run_cli("validate", "--history", "--format", "json")
    report = run_cli("report", "--fail-on", "illegal-transitions", "--format", "json")
    findings = [(found["properties"]["commit"], found["file"],
                 found["properties"]["from"], found["properties"]["to"])
                for found in json.loads(validated.stdout)["findings"]
                if found["rule"] == "illegal-transition"]
    moves = [(move["spec"], move["commit"], move["from"], move["to"])
             for move in json.loads(report.stdout)["integrity"]["illegal_transitions"]]
    return validated.exit_code, report.exit_code, findings, moves


def warm_and_cold(repo: GitRepo, change: Callable[[], object]) -> Verdicts:
    """The verdicts after `change`, with the history cache written before it (warm), then
    asserted equal with no cache (cold)."""
    run_cli("validate", "--history")  # writes the cache
    change()
    warm = verdicts()
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    assert verdicts() == warm
    return warm


def removed(verdict: Verdicts, commit: str, path: str = "specs/SPEC-0002.yaml") -> None:
    """`verdict` fails both gates on one removal of SPEC-0002 (Approved) in `commit`."""
    assert verdict == (1, 1, [(commit, path, "Approved", None)],
                       [("SPEC-0002", commit, "Approved", None)])


def test_an_approved_spec_deleted_fails_every_gate(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    commits: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: commits.append(git_repo.commit(
        "Drop", {"specs/SPEC-0002.yaml": None}, author="Grace Hopper")))
    removed(verdict, commits[0])
    validated = run_cli("validate", "--history")
    assert (f"commit {commits[0][:10]} by Grace Hopper on 2026-01-05 removed the spec from "
            "the spec set") in validated.stdout
    assert "while it was Approved" in validated.stdout
    assert "move it to Rejected or Withdrawn or Superseded first" in validated.stdout
    text = run_cli("report").stdout
    assert "Approved  (removed)" in text
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 1
    assert run_cli("validate", "--history", "--since", "HEAD").exit_code == 0


def test_an_approved_spec_moved_out_of_the_locations(git_repo: GitRepo) -> None:
    approved_project(git_repo)

    def move() -> str:
        (git_repo.root / "attic").mkdir()
        git_repo.git("mv", "specs/SPEC-0002.yaml", "attic/SPEC-0002.yaml")
        return git_repo.commit("Shelve")
    verdict = warm_and_cold(git_repo, move)
    removed(verdict, git_repo.git("rev-parse", "HEAD"))


@pytest.mark.parametrize("config", ["specs: specs\nexclude: [specs/SPEC-0002.yaml]\n",
                                    "specs: [specs/SPEC-0001*]\n"])
def test_an_approved_spec_taken_out_by_the_configuration(git_repo: GitRepo,
                                                         config: str) -> None:
    """`exclude:` or a narrowed `specs:`, in the commit that edits the approved content:
    the file stays, and no spec file changes but the one that left."""
    approved_project(git_repo)
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit("Edit and drop", {
        "specrepo.yaml": config,
        "specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved", "summary: Another.\n")}))
    removed(verdict, git_repo.git("rev-parse", "HEAD"))


def test_an_approved_spec_moved_where_a_narrowed_configuration_does_not_read(
        git_repo: GitRepo) -> None:
    approved_project(git_repo)

    def narrow() -> str:
        (git_repo.root / "specs" / "old").mkdir()
        git_repo.git("mv", "specs/SPEC-0002.yaml", "specs/old/SPEC-0002.yaml")
        return git_repo.commit("Narrow", {"specrepo.yaml": "specs: [specs/*.yaml]\n"})
    removed(warm_and_cold(git_repo, narrow), git_repo.git("rev-parse", "HEAD"),
            "specs/SPEC-0002.yaml")


@pytest.mark.parametrize("how", ["delete", "configuration"])
def test_a_removal_merged_from_a_branch(git_repo: GitRepo, how: str) -> None:
    """A branch deletes it or narrows the configuration: the branch's commit made the
    move, not the merge that brought it (trial37b: as on a linear history;
    tests/history/test_spec_set_merged_departures.py has every shape)."""
    approved_project(git_repo)

    def merge() -> str:
        git_repo.git("checkout", "-q", "-b", "drop")
        git_repo.commit("Drop", {"specs/SPEC-0002.yaml": None} if how == "delete" else
                        {"specrepo.yaml": "specs: [specs/SPEC-0001*]\n"})
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Other", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
        return git_repo.merge("drop")
    verdict = warm_and_cold(git_repo, merge)
    removed(verdict, git_repo.git("rev-parse", "drop"))


@pytest.mark.parametrize("how", ["delete", "configuration"])
def test_withdrawn_first_the_removal_passes(git_repo: GitRepo, how: str) -> None:
    approved_project(git_repo)
    git_repo.commit("Withdraw", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Withdrawn")})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "Drop", {"specs/SPEC-0002.yaml": None} if how == "delete" else
        {"specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n"}))
    assert verdict == (0, 0, [], [])


def test_a_draft_removed_and_a_removal_undone_pass(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    git_repo.commit("Drop the draft", {"specs/SPEC-0001.yaml": None})

    def undo() -> str:
        git_repo.commit("Drop", {"specs/SPEC-0002.yaml": None})
        return git_repo.commit("Restore", {"specs/SPEC-0002.yaml": spec("SPEC-0002",
                                                                        "Approved")})
    verdict = warm_and_cold(git_repo, undo)
    assert verdict == (0, 0, [], [])


def test_a_removal_before_adoption_is_free(git_repo: GitRepo) -> None:
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Old", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved"),
                            "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})
    git_repo.commit("Drop", {"specs/SPEC-0002.yaml": None})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "Adopt", {"specrepo.yaml": "specs: specs\n"}))
    assert verdict == (0, 0, [], [])


def test_accepted_transitions_accepts_a_removal(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    dropped = git_repo.commit("Drop", {"specs/SPEC-0002.yaml": None})
    git_repo.commit("Accept", {"specrepo.yaml": (
        f"specs: specs\naccepted_transitions:\n  - commit: {dropped[:10]}\n"
        "    spec: SPEC-0002\n    reason: replaced by the platform team's design\n")})
    assert run_cli("validate", "--history", "--strict").exit_code == 0
    report = run_cli("report", "--fail-on", "illegal-transitions")
    assert report.exit_code == 0
    assert "replaced by the platform team's design" in report.stdout
    assert "(removed)" in report.stdout


def docs_spec(repo: GitRepo, status: str = "Approved") -> str:
    """SPEC-0003 written in docs/ (no spec folder yet) in `status`; the commit."""
    return repo.commit("Docs", {"docs/SPEC-0003.yaml": spec("SPEC-0003", status)})


@pytest.mark.parametrize("config", ["specs: [specs, docs]\n",
                                    "specs: [specs, docs]\nexclude: [docs/x*]\n"])
def test_a_file_the_configuration_brings_in_starts_there(git_repo: GitRepo,
                                                         config: str) -> None:
    """docs/ added to `specs:` (or an `exclude:` of it removed): the Approved file it
    brings in was no spec when it was written Approved nor when it moved from Draft, so
    neither is judged; its status then is its first, and its later moves are checked."""
    approved_project(git_repo)
    git_repo.commit("Draft", {"docs/SPEC-0003.yaml": spec("SPEC-0003", "Draft")})
    if "exclude" in config:  # excluded first, then the exclusion removed
        git_repo.commit("Exclude", {"specrepo.yaml": "specs: [specs, docs]\nexclude: [docs]\n"})
    docs_spec(git_repo)
    entered: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: entered.append(git_repo.commit(
        "Bring docs in", {"specrepo.yaml": config})))
    assert verdict == (0, 0, [], [])
    later = git_repo.commit("Skip", {"docs/SPEC-0003.yaml": spec("SPEC-0003", "Draft")})
    git_repo.commit("Again", {"docs/SPEC-0003.yaml": spec("SPEC-0003", "Implemented")})
    moved = git_repo.git("rev-parse", "HEAD")
    assert later and verdicts() == (1, 1, [(moved, "docs/SPEC-0003.yaml", "Draft",
                                            "Implemented")],
                                    [("SPEC-0003", moved, "Draft", "Implemented")])


def test_a_file_added_approved_with_its_folder_is_born(git_repo: GitRepo) -> None:
    """A file written in the commit that adds its folder to `specs:` is a new spec: born
    Approved after adoption, an illegal-transition as any."""
    approved_project(git_repo)
    added: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: added.append(git_repo.commit("Add", {
        "specrepo.yaml": "specs: [specs, docs]\n",
        "docs/SPEC-0003.yaml": spec("SPEC-0003", "Approved")})))
    assert verdict == (1, 1, [(added[0], "docs/SPEC-0003.yaml", None, "Approved")],
                       [("SPEC-0003", added[0], None, "Approved")])


HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD")


def test_the_pre_commit_hook_stops_a_staged_removal(git_repo: GitRepo) -> None:
    """The shipped hook's command on a staged `git rm` of an Approved spec fails; a
    staged move keeping its id, and the removal of a withdrawn spec, pass."""
    approved_project(git_repo)
    git_repo.git("rm", "-q", "specs/SPEC-0002.yaml")
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1
    assert ("the commit being made removes SPEC-0002 from the spec set (its file deleted or moved "
            "where no location reads it) while it is Approved (HEAD's)") in hook.stdout
    git_repo.git("reset", "-q", "--hard")
    (git_repo.root / "specs" / "sub").mkdir()
    git_repo.git("mv", "specs/SPEC-0002.yaml", "specs/sub/SPEC-0002.yaml")
    assert run_cli(*HOOK, "specs/sub/SPEC-0002.yaml").exit_code == 0
    assert run_cli("validate", "--history", "specs/SPEC-0001.yaml").exit_code == 0
    git_repo.git("reset", "-q", "--hard")
    git_repo.commit("Withdraw", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Withdrawn")})
    git_repo.git("rm", "-q", "specs/SPEC-0002.yaml")
    assert run_cli(*HOOK).exit_code == 0


def test_a_cold_report_names_a_removal_by_the_configuration_as_a_warm_one(
        git_repo: GitRepo) -> None:
    """`report` with no cache (a fresh clone on CI: git's log of the configuration file
    is read beside the walk) names the removal an `exclude:` made, as a warm run does."""
    approved_project(git_repo)
    git_repo.commit("Drop", {"specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n"})
    asked = ("report", "--fail-on", "illegal-transitions", "--format", "json")
    cold, warm = run_cli(*asked), run_cli(*asked)
    assert (cold.exit_code, cold.stdout) == (warm.exit_code, warm.stdout)
    assert [(move["spec"], move["commit"], move["from"], move["to"])
            for move in json.loads(cold.stdout)["integrity"]["illegal_transitions"]] == [
        ("SPEC-0002", git_repo.git("rev-parse", "HEAD"), "Approved", None)]


KONVEYOR = """specs: specs
statuses:
  states: [Draft, Approved, Implemented, Rejected, Withdrawn, Superseded]
  transitions:
    Draft: [Approved, Rejected]
    Approved: [Implemented, Draft, Withdrawn, Superseded]
    Implemented: [Draft]
  terminal: [Rejected, Withdrawn, Superseded]
  approved: [Approved, Implemented]
"""


@pytest.mark.parametrize(("status", "advice"), [
    ("Approved", "move it to Withdrawn or Superseded first, or an accepted_transitions:"),
    ("Implemented", "move it to Draft, then Rejected first: the workflow allows no such "
                    "move from Implemented at once; or an accepted_transitions:"),
])
def test_the_advice_on_a_removal_names_moves_the_workflow_allows(
        git_repo: GitRepo, status: str, advice: str) -> None:
    """trial52b: Approved -> Rejected is forbidden, and the advice said "move it to
    Rejected or Withdrawn or Superseded first"; the commit check, the committed removal
    and the site's page give the same advice."""
    git_repo.commit("Adopt", {"specrepo.yaml": KONVEYOR,
                              "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                              "specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    git_repo.commit("Approve", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Approved")})
    if status == "Implemented":
        git_repo.commit("Build", {"specs/SPEC-0002.yaml": spec("SPEC-0002", status)})
    git_repo.git("rm", "-q", "specs/SPEC-0002.yaml")
    staged = run_cli("validate", "--changed-since", "HEAD", "--history")
    assert staged.exit_code == 1 and advice in staged.stdout, staged.stdout
    git_repo.commit("Drop")
    committed = run_cli("validate", "--history")
    assert committed.exit_code == 1 and advice in committed.stdout, committed.stdout
    assert "Rejected or" not in committed.stdout + staged.stdout
    assert run_cli("site", "--out", "out").exit_code == 0
    pages = "".join(page.read_text(encoding="utf-8")
                    for page in (git_repo.root / "out").rglob("*.html"))
    assert f"Removed while {status}: a spec leaves" in pages and advice in pages

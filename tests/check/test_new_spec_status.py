"""A spec added after specrepo was adopted starts in one of the workflow's entry states
(`statuses.initial`; default: the states no transition leads into, Draft for the bundled
workflow): one added Approved skipped its review, an `illegal-transition` of the commit
that added it (or of the work tree, for the pre-commit hook). The documents a repository
held when it adopted specrepo are taken as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

REVIEWED = "reviewers: [Grace Hopper]\n"
HOOK = ("validate", "--changed-since", "HEAD", "--history", "--since", "HEAD")


def approved(spec_id: str, status: str = "Approved") -> str:
    """A valid spec in `status`, with the reviewer an approved spec needs."""
    return spec_text(spec_id, status=status, extra=REVIEWED)


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Adopted with SPEC-0001 Draft and SPEC-0002 already Approved (an existing document)."""
    git_repo.commit("Adopt specrepo", {"specs/SPEC-0001.yaml": spec_text(),
                                       "specs/SPEC-0002.yaml": approved("SPEC-0002")})
    return git_repo


def test_a_spec_added_approved_after_adoption_fails_every_gate(repo: GitRepo) -> None:
    assert run_cli("validate", "--history").exit_code == 0  # adoption is free
    added = repo.commit("Add SPEC-0003", {"specs/SPEC-0003.yaml": approved("SPEC-0003")},
                        author="Grace Hopper")
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1
    [line] = [line for line in validated.stdout.splitlines() if "illegal-transition" in line]
    assert line.startswith("specs/SPEC-0003.yaml:3:")
    assert (f"commit {added[:10]} by Grace Hopper on 2026-01-03 created the spec in "
            "Approved, which the workflow does not allow (a new spec starts in Draft)") in line
    document = json.loads(run_cli("validate", "--history", "--format", "json").stdout)
    [finding] = [found for found in document["findings"]
                 if found["rule"] == "illegal-transition"]
    assert finding["properties"]["commit"] == added
    assert (finding["properties"]["from"], finding["properties"]["to"]) == (None, "Approved")
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 1
    assert run_cli("validate", "--history", "--since", "HEAD").exit_code == 0
    report = run_cli("report", "--fail-on", "illegal-transitions")
    assert report.exit_code == 1
    assert f"SPEC-0003 | {added[:10]} | Grace Hopper | 2026-01-03 | (new) | Approved" \
        in run_cli("report", "--format", "markdown").stdout
    moves = json.loads(run_cli("report", "--format", "json").stdout)["integrity"]
    assert [(move["spec"], move["commit"], move["from"], move["to"])
            for move in moves["illegal_transitions"]] == [
        ("SPEC-0003", added, None, "Approved")]


def test_a_spec_added_as_draft_and_moved_through_the_workflow_passes(repo: GitRepo) -> None:
    repo.commit("Add", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    repo.commit("Review", {"specs/SPEC-0003.yaml": approved("SPEC-0003", "In Review")})
    repo.commit("Approve", {"specs/SPEC-0003.yaml": approved("SPEC-0003")})
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 0


def test_documents_older_than_the_adoption_are_free(git_repo: GitRepo) -> None:
    """Specs written before specrepo.yaml was first committed (and in that commit) may
    be in any state; a spec added after is checked."""
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Old", {"specs/SPEC-0001.yaml": approved("SPEC-0001", "Implemented")})
    git_repo.commit("Older docs", {"specs/SPEC-0002.yaml": approved("SPEC-0002")})
    git_repo.commit("Adopt", {"specrepo.yaml": "specs: specs\n",
                              "specs/SPEC-0003.yaml": approved("SPEC-0003")})
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("report", "--fail-on", "illegal-transitions").exit_code == 0
    git_repo.commit("New", {"specs/SPEC-0004.yaml": approved("SPEC-0004")})
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1
    assert [line.split(":")[0] for line in validated.stdout.splitlines()
            if "illegal-transition" in line] == ["specs/SPEC-0004.yaml"]


def test_a_spec_added_on_a_merged_branch_is_reported_once(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "topic")
    added = repo.commit("Add", {"specs/SPEC-0003.yaml": approved("SPEC-0003")})
    repo.git("checkout", "-q", "main")
    repo.commit("Other", {"specs/SPEC-0001.yaml": spec_text(title="Retitled")})
    repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    document = json.loads(run_cli("validate", "--history", "--format", "json").stdout)
    assert [(found["file"], found["properties"]["commit"]) for found in document["findings"]
            if found["rule"] == "illegal-transition"] == [("specs/SPEC-0003.yaml", added)]


def test_copies_moves_and_returns_continue_a_spec(repo: GitRepo) -> None:
    """A file added with the id of a spec still there is a copy, a renamed file and a
    deleted spec brought back in its status continue theirs: none is born."""
    repo.commit("Copy", {"specs/copy.yaml": approved("SPEC-0002")})
    repo.git("mv", "specs/SPEC-0002.yaml", "specs/moved.yaml")
    repo.commit("Move")
    repo.commit("Delete", {"specs/copy.yaml": None})
    repo.commit("Bring back", {"specs/back.yaml": approved("SPEC-0002")})
    validated = run_cli("validate", "--history")
    assert "illegal-transition" not in validated.output, validated.output


def test_an_accepted_entry_accepts_the_addition(repo: GitRepo) -> None:
    added = repo.commit("Add", {"specs/SPEC-0003.yaml": approved("SPEC-0003")})
    repo.commit("Accept", {"specrepo.yaml": (
        "specs: specs\naccepted_transitions:\n"
        f"  - {{commit: {added[:8]}, spec: SPEC-0003, reason: approved in a meeting}}\n")})
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 0, validated.output
    assert "unused-acceptance" not in validated.output
    report = run_cli("report", "--fail-on", "illegal-transitions")
    assert report.exit_code == 0 and "approved in a meeting" in report.stdout
    assert "accepted_transitions" not in report.stderr


WORKFLOW = """\
specs: specs
schema: schema.json
statuses:
  states: [idea, proposed, accepted, done]
  transitions:
    idea: [proposed]
    proposed: [accepted, idea]
    accepted: [done, idea]
    done: [idea]
"""


def open_schema(repo: GitRepo, config: str) -> None:
    """A schema of one's own that takes any status, and the configuration `config`."""
    repo.write("schema.json", json.dumps({"type": "object", "required": ["id"]}))
    repo.write("specrepo.yaml", config)


ONE_WAY = """\
specs: specs
schema: schema.json
statuses:
  states: [idea, proposed, accepted, done]
  transitions: {idea: [proposed], proposed: [accepted], accepted: [done]}
"""


@pytest.mark.parametrize(("initial", "findings"), [
    ("", ["accepted", "proposed"]),  # default: the states nothing leads into, `idea`
    ("  initial: [idea, proposed]\n", ["accepted"]),
    ("  initial: []\n", []),  # any state
])
def test_initial_states_configured(git_repo: GitRepo, initial: str,
                                   findings: list[str]) -> None:
    open_schema(git_repo, ONE_WAY + initial)
    git_repo.commit("Adopt", {"specs/A-1.yaml": "id: A-1\nstatus: done\n"})
    for number, status in enumerate(["idea", "proposed", "accepted"], start=2):
        git_repo.commit(status, {f"specs/A-{number}.yaml": f"id: A-{number}\nstatus: {status}\n"})
    document = json.loads(run_cli("validate", "--history", "--format", "json").stdout)
    assert sorted(found["properties"]["to"] for found in document["findings"]
                  if found["rule"] == "illegal-transition") == findings


def test_a_workflow_every_state_leads_into_checks_no_addition(git_repo: GitRepo) -> None:
    open_schema(git_repo, WORKFLOW)
    git_repo.commit("Adopt", {"specs/A-1.yaml": "id: A-1\nstatus: idea\n"})
    git_repo.commit("Add", {"specs/A-2.yaml": "id: A-2\nstatus: done\n"})
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output


def test_initial_must_name_states_of_the_workflow(repo: GitRepo) -> None:
    repo.write("specrepo.yaml", (
        "specs: specs\nstatuses:\n  states: [Draft, Approved]\n"
        "  transitions: {Draft: [Approved]}\n  initial: [draft]\n"))
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "specrepo.yaml:5:" in result.stderr and "draft" in result.stderr


def test_the_hook_stops_a_new_spec_staged_approved(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0003.yaml", approved("SPEC-0003"))
    repo.git("add", "-A")
    hook = run_cli(*HOOK, "specs/SPEC-0003.yaml")
    assert hook.exit_code == 1
    assert ("specs/SPEC-0003.yaml:3:9: error: the commit being made adds the spec in "
            "Approved, staged and not committed yet, which the workflow does not allow (a new "
            "spec starts in Draft) [illegal-transition]") in hook.stdout
    repo.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003"))
    assert run_cli(*HOOK, "specs/SPEC-0003.yaml").exit_code == 1  # the commit holds the index's
    repo.git("add", "-A")
    assert run_cli(*HOOK, "specs/SPEC-0003.yaml").exit_code == 0


def test_the_hook_lets_a_moved_or_copied_spec_keep_its_status(repo: GitRepo) -> None:
    repo.git("mv", "specs/SPEC-0002.yaml", "specs/moved.yaml")
    repo.write("specs/copy.yaml", (repo.root / "specs/moved.yaml").read_text())
    result = run_cli(*HOOK)  # file names and the duplicate id are validate's findings
    assert "illegal-transition" not in result.output, result.output


def test_a_repository_adopting_specrepo_in_the_work_tree_is_free(git_repo: GitRepo) -> None:
    """specrepo.yaml not committed yet: the commit-to-be adopts specrepo, and the specs
    committed before it are existing documents."""
    config = (git_repo.root / "specrepo.yaml").read_text()
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Docs", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("More", {"specs/SPEC-0002.yaml": approved("SPEC-0002")})
    git_repo.write("specrepo.yaml", config)
    git_repo.write("specs/SPEC-0003.yaml", approved("SPEC-0003"))
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli(*HOOK).exit_code == 2  # the commit being made holds no specrepo.yaml
    git_repo.git("add", "specrepo.yaml", "specs/SPEC-0003.yaml")
    assert run_cli(*HOOK).exit_code == 0


def test_cold_and_warm_runs_say_the_same(repo: GitRepo) -> None:
    repo.commit("Add", {"specs/SPEC-0003.yaml": approved("SPEC-0003")})
    cold = run_cli("validate", "--history", "--format", "json").stdout
    warm = run_cli("validate", "--history", "--format", "json").stdout
    assert cold == warm and "illegal-transition" in cold
    assert run_cli("report", "--format", "json").stdout == \
        run_cli("report", "--format", "json").stdout


def test_the_site_says_where_a_new_spec_starts(repo: GitRepo) -> None:
    repo.commit("Add", {"specs/SPEC-0003.yaml": approved("SPEC-0003")})
    assert run_cli("site").exit_code == 0
    integrity = (repo.root / "_site" / "integrity.html").read_text("utf-8")
    page = (repo.root / "_site" / "specs" / "SPEC-0003.html").read_text("utf-8")
    for html in (integrity, page):
        assert "Not allowed by the workflow: a new spec starts in Draft" in html


def test_moving_or_re_adding_the_configuration_adopts_nothing_again(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """specrepo was adopted once: moving specrepo.yaml with its specs into a folder, or
    deleting and adding it again, frees no spec added Approved before or with the move."""
    repo.commit("Add SPEC-0003", {"specs/SPEC-0003.yaml": approved("SPEC-0003")})
    (repo.root / "design").mkdir()
    repo.git("mv", "specs", "design/specs")
    repo.git("mv", "specrepo.yaml", "design/specrepo.yaml")
    repo.commit("Into design/", {"design/specs/SPEC-0004.yaml": approved("SPEC-0004")})
    monkeypatch.chdir(repo.root / "design")
    checked = run_cli("validate", "--history")
    assert checked.exit_code == 1, checked.output
    assert [line.split(":")[0] for line in checked.stdout.splitlines()
            if "created the spec in Approved" in line] == ["specs/SPEC-0003.yaml",
                                                           "specs/SPEC-0004.yaml"]
    repo.git("rm", "-q", "design/specrepo.yaml")
    repo.commit("No configuration")
    repo.commit("Configuration again", {"design/specrepo.yaml": "specs: specs\n"})
    assert run_cli("validate", "--history").exit_code == 1


def test_the_hook_lets_a_spec_moved_and_renumbered_keep_its_status(repo: GitRepo) -> None:
    """`git mv` and a new id, staged: the commit's history takes the new file as the same
    spec (a renumbering), so the hook sees no new spec (final trial F1b)."""
    repo.git("mv", "specs/SPEC-0002.yaml", "specs/SPEC-0009.yaml")
    repo.write("specs/SPEC-0009.yaml", approved("SPEC-0009"))
    repo.git("add", "-A")
    result = run_cli(*HOOK)
    assert "illegal-transition" not in result.output, result.output
    repo.commit("Renumber SPEC-0002 to SPEC-0009")
    assert "created the spec" not in run_cli("validate", "--history").output


def test_a_spec_moved_keeping_its_id_excuses_no_new_spec(repo: GitRepo) -> None:
    """A staged `git mv` that keeps the id is continued by its file: a new spec staged
    beside it in Approved is still refused (the move let every new spec pass)."""
    repo.git("mv", "specs/SPEC-0002.yaml", "specs/SPEC-0002-moved.yaml")
    repo.write("specs/SPEC-0003.yaml", approved("SPEC-0003"))
    repo.git("add", "-A")
    result = run_cli(*HOOK)
    assert result.exit_code == 1
    assert "specs/SPEC-0003.yaml" in result.output
    assert "the commit being made adds the spec in Approved" in result.output
    repo.commit("Move SPEC-0002, add SPEC-0003")
    assert "created the spec in Approved" in run_cli("validate", "--history").output


def merge_unrelated(repo: GitRepo, other: GitRepo, *, subtree: str | None = None) -> None:
    """Merge `other`'s history into the repository's (`--allow-unrelated-histories`),
    as a subtree at `subtree/` if given (`-s ours` and `git read-tree --prefix`)."""
    repo.git("fetch", "-q", str(other.root), "main")
    if subtree is None:
        repo.git("merge", "-q", "--no-edit", "--allow-unrelated-histories", "FETCH_HEAD")
        return
    repo.git("merge", "-q", "-s", "ours", "--allow-unrelated-histories", "--no-commit",
             "FETCH_HEAD")
    repo.git("read-tree", f"--prefix={subtree}/", "-u", "FETCH_HEAD")
    repo.commit(f"Import {subtree}/")


def test_a_root_commit_merged_in_later_is_no_adoption(repo: GitRepo, tmp_path: Path) -> None:
    """An orphan branch (or any history with no specrepo.yaml) merged after adoption
    brings its specs as new ones: one born Approved in its root commit skipped the
    workflow as surely as one added in a commit of the main line (it passed: every root
    commit was free)."""
    other = GitRepo(tmp_path / "orphan")
    other.commit("Orphan", {"specrepo.yaml": None,
                            "specs/SPEC-0007.yaml": approved("SPEC-0007")})
    merge_unrelated(repo, other)
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1, validated.output
    assert "specs/SPEC-0007.yaml" in validated.output
    assert "created the spec in Approved" in validated.output
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 1


def test_an_imported_project_keeps_its_own_adoption(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A subtree import of a project that used specrepo itself keeps its history's
    verdicts: what it held when it adopted specrepo is free, a spec it added Approved
    after is not."""
    other = GitRepo(tmp_path / "project")
    other.commit("Adopt", {"specrepo.yaml": "specs: specs\n",
                           "specs/SPEC-0001.yaml": approved("SPEC-0001")})
    other.commit("Later", {"specs/SPEC-0002.yaml": approved("SPEC-0002")})
    git_repo.commit("The monorepo", {"README.md": "mono\n", "specrepo.yaml": None})
    merge_unrelated(git_repo, other, subtree="design")
    monkeypatch.chdir(git_repo.root / "design")
    validated = run_cli("validate", "--history")
    found = [line.split(":")[0] for line in validated.stdout.splitlines()
             if "created the spec in Approved" in line]
    assert found == ["specs/SPEC-0002.yaml"], validated.output


def test_specrepo_adopted_on_a_merged_branch(git_repo: GitRepo) -> None:
    """Adopted in a pull request merged with a merge commit: the branch's adoption commit
    is the adoption (its documents free), a spec the branch added Approved after it is
    checked (it passed: every commit the merge brought was free)."""
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Old docs", {"specs/SPEC-0001.yaml": approved("SPEC-0001")})
    git_repo.git("checkout", "-q", "-b", "adopt")
    git_repo.commit("Adopt", {"specrepo.yaml": "specs: specs\n",
                              "specs/SPEC-0002.yaml": approved("SPEC-0002")})
    git_repo.commit("Later", {"specs/SPEC-0003.yaml": approved("SPEC-0003")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Main work", {"notes.txt": "x\n"})
    git_repo.git("merge", "-q", "--no-ff", "--no-edit", "adopt")
    validated = run_cli("validate", "--history")
    assert [line.split(":")[0] for line in validated.stdout.splitlines()
            if "created the spec in Approved" in line] == ["specs/SPEC-0003.yaml"], \
        validated.output

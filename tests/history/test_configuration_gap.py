"""A configuration deleted in one commit and added back in a later one (the line goes on
through the deletion): every commit between is read with the deleted configuration, its
spec locations, field map and workflow, by every reader of history (the walk, set
membership, `diff`'s sides, the commit being made), as `config_deletions.in_force` says
(cfg39: the walk read them with today's, `diff` with the defaults). A deletion never
added back is read as before: the defaults from it on, as the work tree has them."""

from __future__ import annotations

import shutil

import pytest

from tests.check.test_configuration_line import TEAM
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
OTHER = "other/SPEC-0002.yaml"
BOTH = TEAM.replace("specs: specs\n", "specs: [specs, other]\n")
"""The team's workflow, specs in specs/ and other/."""
STATE_KEY = TEAM + "fields:\n  status: state\n"
"""The team's workflow, the status kept at `state:`."""


def reviewed(status: str) -> str:
    """SPEC-0001 in `status`, reviewed by Grace Hopper."""
    return spec_text(status=status, extra="reviewers: [Grace Hopper]\n")


def at_state(status: str) -> str:
    """`reviewed`, its status at `state:`."""
    return reviewed(status).replace("status:", "state:")


def same_warm_and_cold(git_repo: GitRepo, *arguments: str) -> str:
    """What `validate --history` (with the global `arguments`) says warm, which is what it
    says cold; its output."""
    warm = run_cli(*arguments, "validate", "--history")
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    cold = run_cli(*arguments, "validate", "--history")
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)
    return cold.output


def test_a_spec_added_between_where_only_the_deleted_configuration_read(
        git_repo: GitRepo) -> None:
    """The deleted configuration read other/, the one added back does not: a spec added
    there between is a spec (born Approved: illegal), and the return takes it out of the
    spec set (Approved: illegal), as `diff` of each side says (was: no finding, and
    "No spec changed" both ways)."""
    git_repo.commit("Start", {"specrepo.yaml": BOTH, PATH: spec_text()})
    dropped = git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
    added = git_repo.commit("Add one", {OTHER: spec_text("SPEC-0002", "Approved")})
    back = git_repo.commit("Back, narrower", {"specrepo.yaml": TEAM})
    output = same_warm_and_cold(git_repo)
    assert f"commit {added[:10]} by Ada Lovelace on 2026-01-04 created the spec in Approved" \
        in output
    assert f"commit {back[:10]} by Ada Lovelace on 2026-01-05 removed the spec from the spec " \
        "set (other/SPEC-0002.yaml" in output
    assert "SPEC-0002: A spec  (added)" in run_cli("diff", dropped, added).output
    assert "SPEC-0002: A spec  (removed)" in run_cli("diff", added, back).output
    timeline = run_cli("timeline", "SPEC-0002").output
    assert f"{back[:10]}  Ada Lovelace  deleted  status   Approved" in timeline, timeline


def test_a_deletion_never_added_back_reads_the_defaults(git_repo: GitRepo) -> None:
    """With no configuration file today (deleted for good), the commits after the deletion
    are read with the defaults, as the work tree is: other/ holds no spec there."""
    git_repo.commit("Start", {"specrepo.yaml": BOTH, PATH: spec_text()})
    dropped = git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
    added = git_repo.commit("Add one", {OTHER: spec_text("SPEC-0002", "Approved")})
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 0, validated.output
    assert "No spec changed." in run_cli("diff", dropped, added).output


def reopened_between(git_repo: GitRepo, *, merged: bool) -> tuple[str, str]:
    """SPEC-0001 approved under `STATE_KEY`; the configuration deleted; SPEC-0001 reopened
    (Approved -> Draft, at `state:`), on the line or on a branch the line merges (after a
    commit of its own): the approval and the reopening commit."""
    git_repo.commit("Start", {"specrepo.yaml": STATE_KEY, PATH: at_state("In Review")})
    approved = git_repo.commit("Approve", {PATH: at_state("Approved")})
    git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
    if not merged:
        return approved, git_repo.commit("Reopen", {PATH: at_state("Draft")})
    git_repo.git("checkout", "-q", "-b", "reopen")
    reopened = git_repo.commit("Reopen", {PATH: at_state("Draft")})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Notes", {"notes.md": "notes\n"})
    git_repo.merge("reopen")
    return approved, reopened


def judged_where_made(output: str, reopened: str) -> None:
    """The reopening is judged at its own commit, read at `state:` (no version skipped)."""
    assert f"commit {reopened[:10]} by Ada Lovelace" in output, output
    assert "moved the status from Approved to Draft, which the workflow does not allow" \
        in output
    assert "[skipped-version]" not in output and "skipped" not in output


@pytest.mark.parametrize("merged", [False, True])
def test_a_status_moved_between_is_read_with_the_deleted_configuration(
        git_repo: GitRepo, merged: bool) -> None:
    """The configuration added back keeps the status at `status:` (the spec migrated in
    that commit): the reopening between, at `state:`, is read with the deleted field map
    and judged there by the workflow (was: a skipped version, and the move put on the
    commit that added the configuration back), on the line or on a merged branch."""
    approved, reopened = reopened_between(git_repo, merged=merged)
    git_repo.commit("Back, the status at status:", {"specrepo.yaml": TEAM,
                                                     PATH: reviewed("Draft")})
    judged_where_made(same_warm_and_cold(git_repo), reopened)
    assert "state: Approved -> Draft" in run_cli("diff", approved, reopened).output
    timeline = " ".join(run_cli("timeline", "SPEC-0001").output.split())
    assert f"{reopened[:10]} Ada Lovelace status-changed status Approved Draft" in timeline


def test_the_commit_being_made_adds_it_back(git_repo: GitRepo) -> None:
    """HEAD is between the deletion and the return the index makes (a pre-commit hook):
    HEAD's history reads with the deleted configuration too; once committed, a run warm
    from the hook's caches says what a cold one says."""
    _, reopened = reopened_between(git_repo, merged=False)
    git_repo.write("specrepo.yaml", TEAM)
    git_repo.write(PATH, reviewed("Draft"))
    git_repo.git("add", "-A")
    judged_where_made(run_cli("validate", "--history").output, reopened)
    git_repo.commit("Back, the status at status:")
    judged_where_made(same_warm_and_cold(git_repo), reopened)


def test_an_approval_between_covers_what_the_deleted_configuration_protected(
        git_repo: GitRepo) -> None:
    """SPEC-0001 approved between the deletion and a return with `approval: {protected:
    []}`: the approval covers what the deleted configuration protected (the summary), so
    rewriting it after the return needs a new approval, as without the gap (was: passed)."""
    git_repo.commit("Start", {"specrepo.yaml": "specs: specs\n", PATH: reviewed("In Review")})
    git_repo.commit("Drop the configuration", {"specrepo.yaml": None})
    git_repo.commit("Approve", {PATH: reviewed("Approved")})
    git_repo.commit("Back, protecting nothing",
                    {"specrepo.yaml": "specs: specs\napproval: {protected: []}\n"})
    git_repo.commit("Rewrite", {PATH: reviewed("Approved").replace(
        "summary: Why and what.", "summary: Rewritten.")})
    assert "summary changed after SPEC-0001 was approved" in same_warm_and_cold(git_repo)
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1


def renamed_then_dropped(git_repo: GitRepo, config: str, spec: str) -> str:
    """`a.yaml` (`config`, no `specrepo.yaml`) with SPEC-0001 as `spec`, renamed `b.yaml`,
    then deleted: the commit that deleted it."""
    git_repo.commit("Start", {"specrepo.yaml": None, "a.yaml": config, PATH: spec})
    git_repo.git("mv", "a.yaml", "b.yaml")
    git_repo.commit("Rename to b.yaml")
    return git_repo.commit("Drop the configuration", {"b.yaml": None})


THIRD = ("--config", "c.yaml")
UNPROTECTED = TEAM + "approval: {protected: []}\n"


def test_a_spec_added_between_a_deletion_and_a_return_under_a_third_name(
        git_repo: GitRepo) -> None:
    """`a.yaml` renamed `b.yaml`, deleted, added back as `c.yaml` (`--config c.yaml`): the
    commits between read with b.yaml, wherever the line had it, by every reader as by the
    walk (`ConfigLine`; `diff` looked at c.yaml and specrepo.yaml only: "No spec
    changed" both ways, where the walk says born Approved, then taken out)."""
    dropped = renamed_then_dropped(git_repo, BOTH, spec_text())
    added = git_repo.commit("Add one", {OTHER: spec_text("SPEC-0002", "Approved")})
    back = git_repo.commit("Back as c.yaml, narrower", {"c.yaml": TEAM})
    output = same_warm_and_cold(git_repo, *THIRD)
    assert f"commit {added[:10]} by Ada Lovelace on 2026-01-05 created the spec in Approved" \
        in output, output
    assert f"commit {back[:10]} by Ada Lovelace on 2026-01-06 removed the spec from the spec " \
        "set (other/SPEC-0002.yaml" in output
    assert "SPEC-0002: A spec  (added)" in run_cli(*THIRD, "diff", dropped, added).output
    assert "SPEC-0002: A spec  (removed)" in run_cli(*THIRD, "diff", added, back).output


def stops_the_rewrite(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit-msg hook (`--config c.yaml`, the message "Back", authored as the repository
    commits) stops the staged rewrite of SPEC-0001's approved summary."""
    for name, value in git_repo.environment().items():
        if name.startswith("GIT_AUTHOR_"):
            monkeypatch.setenv(name, value)
    (git_repo.root / ".git" / "COMMIT_EDITMSG").write_text("Back\n")
    hook = run_cli(*THIRD, "validate", "--quiet", "--allow-empty", "--changed-since",
                   "HEAD", "--history", "--since", "HEAD", "--allow-shallow",
                   "--commit-message", ".git/COMMIT_EDITMSG")
    assert hook.exit_code == 1 and "summary changed after SPEC-0001" in hook.output, \
        hook.output


@pytest.mark.parametrize("staged", [False, True])
def test_an_approval_between_a_deletion_and_a_return_under_a_third_name(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, staged: bool) -> None:
    """SPEC-0001 approved after `b.yaml` (once `a.yaml`) was deleted; `c.yaml` comes back
    protecting nothing and the summary is rewritten, committed or staged (the commit-msg
    hook): the approval covers what b.yaml protected, as the walk reads it (was: every
    gate passed, and the hook)."""
    renamed_then_dropped(git_repo, TEAM, reviewed("In Review"))
    git_repo.commit("Approve", {PATH: reviewed("Approved")})
    git_repo.write("c.yaml", UNPROTECTED)
    git_repo.write(PATH, reviewed("Approved").replace("summary: Why and what.",
                                                      "summary: Rewritten."))
    git_repo.git("add", "-A")
    if staged:
        stops_the_rewrite(git_repo, monkeypatch)
        assert "[protected]" in run_cli(*THIRD, "diff", "--since-approval").output
    git_repo.commit("Back as c.yaml, protecting nothing; rewrite")
    assert "summary changed after SPEC-0001 was approved" in same_warm_and_cold(
        git_repo, *THIRD)
    assert run_cli(*THIRD, "report", "--fail-on", "changed-after-approval").exit_code == 1


NOTES = "".join(f"# note {number:02}: {'z' * 60}\n" for number in range(12))
"""Comments enough to make a configuration too unlike its earlier version for git's `-M`,
while it reads the same."""


@pytest.mark.parametrize("deleted", [True, False])
def test_the_hooks_pair_the_staged_configuration_as_the_index_stages_it(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, deleted: bool) -> None:
    """`c.yaml` staged (`--config c.yaml`) as b.yaml with approvals unprotected, b.yaml
    deleted by an earlier commit of the line or by the index itself, and the work tree's
    copy of c.yaml given comments after it was staged (unstaged: the commit will not hold
    them): git's `diff-index --cached -M` pairs the staged file with b.yaml, so the
    approval given in between covers what b.yaml protected, in the commit-msg hook as in
    `validate --history` once committed (hook41: the hooks asked git's rename detection of
    the work tree, whose copy pairs with nothing: the hook passed the rewrite)."""
    renamed_then_dropped(git_repo, TEAM, reviewed("In Review")) if deleted else None
    if not deleted:
        git_repo.commit("Start", {"specrepo.yaml": None, "b.yaml": TEAM,
                                  PATH: reviewed("In Review")})
    git_repo.commit("Approve", {PATH: reviewed("Approved")})
    if not deleted:
        git_repo.git("mv", "b.yaml", "c.yaml")
    git_repo.write("c.yaml", UNPROTECTED)
    git_repo.write(PATH, reviewed("Approved").replace("summary: Why and what.",
                                                      "summary: Rewritten."))
    git_repo.git("add", "-A")
    git_repo.write("c.yaml", UNPROTECTED + NOTES)
    base = "HEAD~2" if deleted else "HEAD"  # where b.yaml was last
    staged = git_repo.git("diff-index", "--cached", "-M", "--name-status", base, "--",
                          "b.yaml", "c.yaml")
    assert staged.split()[0].startswith("R") and "R" not in git_repo.git(
        "diff", "-M", "--name-status", base, "--", "b.yaml", "c.yaml")
    stops_the_rewrite(git_repo, monkeypatch)
    git_repo.git("commit", "-q", "-m", "Back as c.yaml; rewrite")
    assert "summary changed after SPEC-0001 was approved" in same_warm_and_cold(
        git_repo, *THIRD)

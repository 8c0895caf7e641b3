"""The pre-commit and commit-msg hooks judge what HEAD's spec set loses with the
configuration the index stages, not the work tree's copy beside it: the hooks' verdict on
the index equals `validate --history`'s on the commit once made, whatever the work tree
holds (trial41b hook-staged-exclude-hidden-by-unstaged-config: a staged `exclude:` of an
approved spec passed both hooks while the work tree's copy lacked it;
hook-unstaged-exclude-fails-commit: an `exclude:` not staged failed a commit that keeps
the spec)."""

from __future__ import annotations

import pytest

from tests.check.test_widened_workflow import WIDE
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_amend_moves import install
from tests.history.test_staged_approval import CHECK, git_commit
from tests.support import run_cli

PRE_COMMIT = CHECK[:-1]
"""The pre-commit hook's command (the commit-msg hook's, without `--commit-message`)."""
APPROVED = "specs/SPEC-0002.yaml"

UNAPPROVING = WIDE + "  approved: []\n"
"""A workflow (the default's, one move more) with no state counted as approved."""
CONFIGS = {
    "plain": "specs: specs\n",
    "excluded": "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n",
    "narrowed": 'specs: "specs/SPEC-0001*.yaml"\n',
    "unapproving": UNAPPROVING,
    "excluded-unapproved": UNAPPROVING.replace(
        "specs: specs\n", "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n", 1),
}
"""The configurations the index or the work tree may hold: `excluded` and `narrowed` take
the approved SPEC-0002 out of the spec set, its file kept; `excluded-unapproved` too,
where no state counts as approved any more, which the commit once made may then do."""
REMOVES = {"excluded", "narrowed"}


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 a Draft, SPEC-0002 Approved, committed."""
    git_repo.commit("Draft", {
        "specrepo.yaml": CONFIGS["plain"],
        "specs/SPEC-0001.yaml": spec_text("SPEC-0001", extra="reviewers: [Grace]\n"),
        APPROVED: spec_text("SPEC-0002", extra="reviewers: [Grace]\n")})
    for status in ("In Review", "Approved"):
        git_repo.commit(status, {APPROVED: spec_text("SPEC-0002", status,
                                                     extra="reviewers: [Grace]\n")})
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    return git_repo


def _verdicts(repo: GitRepo, staged: str, work_tree: str) -> tuple[int, int, int]:
    """Stage the configuration `staged` (with a harmless edit of SPEC-0001), leave
    `work_tree` beside it unstaged; the pre-commit and commit-msg hooks' exit codes, then
    `validate --history`'s on the commit once made, the work tree brought to it."""
    repo.write("specs/SPEC-0001.yaml", spec_text("SPEC-0001", extra="reviewers: [Grace]\n")
               + "# note\n")
    repo.write("specrepo.yaml", CONFIGS[staged])
    repo.git("add", "-A")
    repo.write("specrepo.yaml", CONFIGS[work_tree])
    message = repo.root / ".git" / "COMMIT_EDITMSG"
    message.write_text("Change\n")
    pre_commit = run_cli(*PRE_COMMIT).exit_code
    commit_msg = run_cli(*CHECK, str(message)).exit_code
    repo.git("commit", "-q", "-m", "Change", date=repo.clock + 86400)
    repo.git("checkout", "-q", "--", ".")
    return pre_commit, commit_msg, run_cli("validate", "--history").exit_code


@pytest.mark.parametrize("work_tree", sorted(CONFIGS))
@pytest.mark.parametrize("staged", sorted(CONFIGS))
def test_the_hooks_judge_the_staged_configuration_as_its_commit_is_judged(
        approved: GitRepo, staged: str, work_tree: str) -> None:
    pre_commit, commit_msg, committed = _verdicts(approved, staged, work_tree)
    assert pre_commit == commit_msg == committed == (1 if staged in REMOVES else 0)


def test_a_staged_exclude_the_work_tree_lacks_stops_the_commit(approved: GitRepo) -> None:
    """trial41b hook-staged-exclude-hidden-by-unstaged-config."""
    assert _verdicts(approved, "excluded", "plain") == (1, 1, 1)


def test_an_exclude_not_staged_lets_the_commit_keep_the_spec(approved: GitRepo) -> None:
    """trial41b hook-unstaged-exclude-fails-commit."""
    assert _verdicts(approved, "plain", "excluded") == (0, 0, 0)


def test_the_finding_names_the_staged_configuration(approved: GitRepo) -> None:
    approved.write("specrepo.yaml", CONFIGS["excluded"])
    approved.git("add", "-A")
    approved.write("specrepo.yaml", CONFIGS["plain"])
    result = run_cli(*PRE_COMMIT)
    assert result.exit_code == 1
    assert "SPEC-0002" in result.output and "as staged" in result.output, result.output


def test_a_staged_rename_of_the_configuration_is_read_as_staged(approved: GitRepo) -> None:
    """`git mv specrepo.yaml cfg.yaml` with an `exclude:` staged, the work tree's cfg.yaml
    without it: HEAD's configuration is followed to the index's, which takes the spec out."""
    approved.write("specrepo.yaml", "# the team's configuration\n" * 20 + CONFIGS["plain"])
    approved.git("commit", "-qam", "Comments", date=approved.clock + 86400)
    approved.git("mv", "specrepo.yaml", "cfg.yaml")
    approved.write("cfg.yaml", "# the team's configuration\n" * 20 + CONFIGS["excluded"])
    approved.git("add", "-A")
    approved.write("cfg.yaml", "# the team's configuration\n" * 20 + CONFIGS["plain"])
    result = run_cli("--config", "cfg.yaml", *PRE_COMMIT)
    assert result.exit_code == 1 and "SPEC-0002" in result.output, result.output
    approved.git("commit", "-q", "-m", "Rename", date=approved.clock + 2 * 86400)
    approved.git("checkout", "-q", "--", ".")
    assert run_cli("--config", "cfg.yaml", "validate", "--history").exit_code == 1


@pytest.mark.parametrize("excluded_by", ["head", "amend"])
def test_an_amend_takes_out_from_the_spec_set_before_head(approved: GitRepo,
                                                          excluded_by: str) -> None:
    """`git commit --amend` replaces HEAD, which approved SPEC-0002: the amended commit
    takes it out of the spec set from HEAD's parent's, where it was In Review (allowed),
    whether HEAD already excluded it (committed without the hooks) or the amend does;
    the hooks say what `validate --history` says of the amended commit."""
    if excluded_by == "head":  # HEAD approves and excludes at once, committed unchecked
        approved.write("specrepo.yaml", CONFIGS["excluded"])
        approved.git("commit", "-qam", "Approve", "--amend", "--no-verify")
    for stage_name, hook_id in (("pre-commit", "specrepo-validate"),
                                ("commit-msg", "specrepo-validate-approval")):
        install(approved, stage_name, hook_id)
    approved.write("specrepo.yaml", CONFIGS["excluded"])
    approved.write("specs/SPEC-0001.yaml", spec_text("SPEC-0001", extra="reviewers: [Grace]\n")
                   + "# note\n")
    approved.git("add", "-A")
    amended = git_commit(approved, "--amend", "-m", "Approve, then exclude")
    assert amended.returncode == 0, amended.stdout + amended.stderr
    assert run_cli("validate", "--history").exit_code == 0


def test_an_amend_that_keeps_head_s_exclusion_of_an_approved_spec_is_stopped(
        approved: GitRepo) -> None:
    """HEAD (committed without the hooks) excluded SPEC-0002, Approved at its parent: an
    amend that keeps the exclusion still removes it from that parent's spec set."""
    approved.write("specrepo.yaml", CONFIGS["excluded"])
    approved.git("commit", "-qam", "Exclude", "--no-verify", date=approved.clock + 86400)
    for stage_name, hook_id in (("pre-commit", "specrepo-validate"),
                                ("commit-msg", "specrepo-validate-approval")):
        install(approved, stage_name, hook_id)
    approved.write("specs/SPEC-0001.yaml", spec_text("SPEC-0001", extra="reviewers: [Grace]\n")
                   + "# note\n")
    approved.git("add", "-A")
    amended = git_commit(approved, "--amend", "-m", "Exclude, and a note")
    assert amended.returncode == 1 and "SPEC-0002" in amended.stdout + amended.stderr, (
        amended.stdout + amended.stderr)
    approved.git("commit", "-q", "--amend", "--no-verify", "-m", "Exclude, and a note")
    assert run_cli("validate", "--history").exit_code == 1


@pytest.mark.parametrize(("staged", "work_tree"), [("excluded", "plain"), ("plain", "excluded")])
def test_a_split_index_gives_the_same_verdicts(
        approved: GitRepo, staged: str, work_tree: str) -> None:
    """A split index (`git update-index --split-index`: most entries in a shared file):
    the verdicts are the same."""
    approved.git("update-index", "--split-index")
    expected = 1 if staged in REMOVES else 0
    assert _verdicts(approved, staged, work_tree) == (expected,) * 3

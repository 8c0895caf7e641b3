"""An Approved spec's file deleted from the work tree and not from the index (`rm`, not
staged) is kept by the commit being made: the hooks pass it, named or not (a raw git
hook, lefthook's `{all_files}`, which lists the index, name it; was: `no such file or
folder`, exit 2), as `validate --history` passes the commit once made; a `git rm` (the
deletion staged) is the spec's removal, stopped before the commit and once it is made
(hook43 item 2)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_changed_after_approval import PATH, spec
from tests.support import run_cli

HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
OTHER = "specs/SPEC-0002.yaml"
REMOVES = "the commit being made removes SPEC-0001 from the spec set"


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper beside a Draft SPEC-0002; Ada commits next."""
    git_repo.commit("Draft", {PATH: spec("Draft"), OTHER: spec_text("SPEC-0002")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ada Lovelace")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ada@example.com")
    return git_repo


def hooks(repo: GitRepo, *named: str) -> list[tuple[int, str]]:
    """The pre-commit and commit-msg hooks' verdicts, given the files `named`."""
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text("Edit\n")
    return [(result.exit_code, result.output) for result in (
        run_cli(*HOOK, *named),
        run_cli(*HOOK, "--commit-message", ".git/COMMIT_EDITMSG", *named))]


@pytest.mark.parametrize("named", [(), (PATH,), (PATH, OTHER)],
                         ids=["none", "the deleted file", "every file the index holds"])
def test_an_unstaged_rm_is_kept_by_the_commit(approved: GitRepo,
                                              named: tuple[str, ...]) -> None:
    approved.write(OTHER, spec_text("SPEC-0002", title="Edited"))
    approved.git("add", OTHER)
    (approved.root / PATH).unlink()
    for exit_code, output in hooks(approved, *named):
        assert exit_code == 0, output
        assert REMOVES not in output
        # the note says what is true: no work tree copy differs; trial50
        assert f"{PATH}: deleted from the work tree, not from the index: its staged " \
               "version is checked, what the commit being made keeps" in output
        assert "differs from the work tree's" not in output
    approved.git("commit", "-q", "-m", "Edit")
    approved.git("checkout", "--", PATH)  # the work tree as the commit has it
    after = run_cli("validate", "--history")
    assert after.exit_code == 0, after.output


def test_a_staged_rm_is_the_removal(approved: GitRepo) -> None:
    approved.git("rm", "-q", PATH)
    for exit_code, output in [*hooks(approved), *hooks(approved, OTHER)]:
        assert exit_code == 1, output
        assert REMOVES in output
    approved.git("commit", "-q", "--no-verify", "-m", "Remove")
    after = run_cli("validate", "--history")
    assert after.exit_code == 1, after.output
    assert "removed the spec from the spec set" in after.output

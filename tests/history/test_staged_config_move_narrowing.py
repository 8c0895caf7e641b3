"""The commit-msg hook judges a staged change to approved content by the configuration
line's last committed version when the same commit renames the configuration (`git mv
specrepo.yaml cfg.yaml`, `--config cfg.yaml`), moves it into the spec folder (`specs:
.`) or deletes it and adds another, and narrows `approval: protected:`, `statuses:
approved:` or both: as `validate --history` judges the commit once it is made, which
follows the file through the move (trial38 commit-msg-staged-config-rename-narrows-
protected, commit-msg-staged-config-move-specs-dot-narrows-protected)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_widened_workflow import WIDE
from tests.history.gitrepo import GitRepo
from tests.history.test_changed_after_approval import PATH, spec
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

FINDING = "requirements.functional[FR-1] changed after SPEC-0001 was approved"
NARROWINGS = {
    "protected": "approval:\n  protected: [summary, goals]\n",
    "approved": WIDE.removeprefix("specs: specs\n") + "  approved: [Implemented]\n",
    "both": WIDE.removeprefix("specs: specs\n") + "  approved: [Implemented]\n"
            "approval:\n  protected: [summary, goals]\n",
}
KEPT = "".join(f"# Line {number} of the team's configuration.\n" for number in range(30))
"""Comments the configuration keeps where it is renamed or moved (git pairs the files)."""
PADDING = "".join(f"# Line {number} of a configuration written anew.\n" for number in range(60))
"""Comments that make the file added too unlike the one deleted for git to pair them."""


def _unmoved(repo: GitRepo, narrowing: str) -> tuple[Path, tuple[str, ...]]:
    repo.write("specrepo.yaml", KEPT + "specs: specs\n" + narrowing)
    return repo.root, ()


def _renamed(repo: GitRepo, narrowing: str) -> tuple[Path, tuple[str, ...]]:
    repo.git("mv", "specrepo.yaml", "cfg.yaml")
    repo.write("cfg.yaml", KEPT + "specs: specs\n" + narrowing)
    return repo.root, ("--config", "cfg.yaml")


def _moved_into_spec_folder(repo: GitRepo, narrowing: str) -> tuple[Path, tuple[str, ...]]:
    repo.git("mv", "specrepo.yaml", "specs/specrepo.yaml")
    repo.write("specs/specrepo.yaml", "specs: .\n" + narrowing)  # unpaired: git sees none
    return repo.root / "specs", ()


def _deleted_and_added(repo: GitRepo, narrowing: str) -> tuple[Path, tuple[str, ...]]:
    repo.git("rm", "-q", "specrepo.yaml")
    repo.write("cfg.yaml", PADDING + "specs: specs\n" + narrowing)
    return repo.root, ("--config", "cfg.yaml")


MOVES = {"unmoved": _unmoved, "renamed": _renamed,
         "moved-into-spec-folder": _moved_into_spec_folder,
         "deleted-and-added": _deleted_and_added}
DELETED = {"unmoved": False, "renamed": False, "moved-into-spec-folder": True,
           "deleted-and-added": True}
"""Whether git lists the staged move of the configuration as a deletion (else a rename)."""


@pytest.mark.parametrize("narrowing", sorted(NARROWINGS))
@pytest.mark.parametrize("move", sorted(MOVES))
def test_a_staged_move_of_the_configuration_that_narrows(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, move: str, narrowing: str) -> None:
    git_repo.commit("Draft", {PATH: spec("Draft"), "specrepo.yaml": KEPT + "specs: specs\n"})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    folder, options = MOVES[move](git_repo, NARROWINGS[narrowing])
    git_repo.write(PATH, spec(requirement="Count all."))
    git_repo.git("add", "-A")
    staged = git_repo.git("diff", "--cached", "-M", "--name-status").splitlines()
    assert ("D\tspecrepo.yaml" in staged) is DELETED[move], staged
    message = git_repo.root / ".git" / "COMMIT_EDITMSG"
    message.write_text("Tidy the configuration; reword FR-1\n")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    monkeypatch.chdir(folder)
    hook = run_cli(*options, *CHECK, str(message))
    assert hook.exit_code == 1, hook.output
    assert FINDING in hook.output
    git_repo.commit("Tidy the configuration; reword FR-1")
    committed = run_cli(*options, "validate", "--history")
    assert committed.exit_code == 1, committed.output
    assert FINDING in committed.output

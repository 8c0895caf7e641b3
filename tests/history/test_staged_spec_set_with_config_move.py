"""The pre-commit and commit-msg hooks judge the spec set the commit being made leaves as
`validate --history` judges that commit once made, whether the same commit keeps the
configuration, renames it (`git mv specrepo.yaml cfg.yaml`, `--config cfg.yaml`), moves
it into the spec folder (`specs: .`) or deletes it and adds another: HEAD's spec set read
with HEAD's configuration at its own path, the staged one with the staged configuration
(trial41 hooks-pass-approved-removal-with-staged-config-rename: an approved spec's
`git rm`, or a spec born Approved, passed both hooks beside a configuration rename). Each
case is committed and the verdicts compared."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_staged_approval import CHECK
from tests.history.test_staged_config_move_narrowing import KEPT, PADDING
from tests.support import run_cli

PRE_COMMIT = CHECK[:-1]
"""The pre-commit hook's command (the commit-msg hook's, without `--commit-message`)."""
APPROVED = "specs/SPEC-0001.yaml"
ARCHIVED = "specs/archive/SPEC-0003.yaml"
"""Approved, and never a spec: the configuration's `exclude:` names its folder."""


def _spec(spec_id: str, status: str = "Draft") -> str:
    return spec_text(spec_id, status, extra="reviewers: [Grace Hopper]\n")


Move = Callable[[GitRepo], tuple[Path, str, str, tuple[str, ...]]]
"""Stages a move of the configuration: the folder the hooks run in, the configuration's
path from the top, its folder's prefix for spec paths, and the options naming it."""


def _unmoved(repo: GitRepo) -> tuple[Path, str, str, tuple[str, ...]]:
    return repo.root, "specrepo.yaml", "specs/", ()


def _renamed(repo: GitRepo) -> tuple[Path, str, str, tuple[str, ...]]:
    repo.git("mv", "specrepo.yaml", "cfg.yaml")
    return repo.root, "cfg.yaml", "specs/", ("--config", "cfg.yaml")


def _moved_into_spec_folder(repo: GitRepo) -> tuple[Path, str, str, tuple[str, ...]]:
    repo.git("mv", "specrepo.yaml", "specs/specrepo.yaml")
    repo.write("specs/specrepo.yaml", "specs: .\nexclude: archive\n")
    return repo.root / "specs", "specs/specrepo.yaml", "", ()


def _deleted_and_added(repo: GitRepo) -> tuple[Path, str, str, tuple[str, ...]]:
    repo.git("rm", "-q", "specrepo.yaml")
    repo.write("cfg.yaml", PADDING + "specs: specs\nexclude: specs/archive\n")
    return repo.root, "cfg.yaml", "specs/", ("--config", "cfg.yaml")


MOVES: dict[str, Move] = {
    "unmoved": _unmoved, "renamed": _renamed,
    "moved-into-spec-folder": _moved_into_spec_folder, "deleted-and-added": _deleted_and_added}


def _configured(repo: GitRepo, config: str, prefix: str, exclude: str) -> None:
    """The staged configuration at `config` reads `prefix`'s folder, less `exclude`."""
    repo.write(config, KEPT + f"specs: {prefix.rstrip('/') or '.'}\n" + exclude)


CHANGES: dict[str, tuple[Callable[[GitRepo, str, str], object], bool]] = {
    # The spec set's change the commit makes, and whether it removes or bears an approved spec.
    "removed": (lambda repo, _, __: repo.git("rm", "-q", APPROVED), True),
    "born-approved": (lambda repo, _, __: repo.write(
        "specs/SPEC-0004.yaml", _spec("SPEC-0004", "Approved")), True),
    "excluded": (lambda repo, config, prefix: _configured(
        repo, config, prefix, f"exclude: [{prefix}archive, {prefix}SPEC-0001.yaml]\n"), True),
    "narrowed": (lambda repo, config, prefix: repo.write(
        config, KEPT + f'specs: "{prefix}SPEC-0002*.yaml"\n'), True),
    "moved-out": (lambda repo, _, __: repo.git("mv", APPROVED, "old-SPEC-0001.yaml"), True),
    "moved-into-exclusion": (lambda repo, _, __: repo.git(
        "mv", APPROVED, "specs/archive/SPEC-0001.yaml"), True),
    "widened-in": (lambda repo, config, prefix: _configured(repo, config, prefix, ""), False),
    "excluded-draft": (lambda repo, config, prefix: _configured(
        repo, config, prefix, f"exclude: [{prefix}archive, {prefix}SPEC-0002.yaml]\n"), False),
}


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 approved, SPEC-0002 a Draft, SPEC-0003 Approved in an excluded folder."""
    git_repo.commit("Draft", {
        "specrepo.yaml": KEPT + "specs: specs\nexclude: specs/archive\n",
        APPROVED: _spec("SPEC-0001"), ARCHIVED: _spec("SPEC-0003", "Approved"),
        "specs/SPEC-0002.yaml": _spec("SPEC-0002")})
    git_repo.commit("Review", {APPROVED: _spec("SPEC-0001", "In Review")})
    git_repo.commit("Approve", {APPROVED: _spec("SPEC-0001", "Approved")}, author="Grace Hopper")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    return git_repo


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("move", sorted(MOVES))
def test_the_hooks_judge_the_staged_spec_set_as_its_commit_is_judged(
        approved: GitRepo, monkeypatch: pytest.MonkeyPatch, move: str, change: str) -> None:
    folder, config, prefix, options = MOVES[move](approved)
    make, removes = CHANGES[change]
    make(approved, config, prefix)
    approved.git("add", "-A")
    message = approved.root / ".git" / "COMMIT_EDITMSG"
    message.write_text("Change the spec set\n")
    monkeypatch.chdir(folder)
    pre_commit = run_cli(*options, *PRE_COMMIT)
    commit_msg = run_cli(*options, *CHECK, str(message))
    approved.commit("Change the spec set")
    committed = run_cli(*options, "validate", "--history", "--since", "HEAD~1")
    verdicts = (pre_commit.exit_code, commit_msg.exit_code, committed.exit_code)
    assert verdicts == ((1, 1, 1) if removes else (0, 0, 0)), (
        pre_commit.output, commit_msg.output, committed.output)
    expected = "SPEC-0004" if change == "born-approved" else "SPEC-0001"
    for result in (pre_commit, commit_msg, committed) if removes else ():
        assert expected in result.output and "illegal-transition" in result.output

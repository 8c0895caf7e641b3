"""A spec staged as a symbolic link to a file the index does not hold: the commit being made
holds a broken link, which CI's checkout reads as one (trial47 hook-staged-symlink-to-
untracked-spec-passes: the hook judged the link's untracked target as no file of the commit
and passed; CI failed `broken symbolic link`). The report names such a file by the link, among the
specs unreadable at HEAD, and its gates do not pass on it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_hook_matches_index_checkout import inside
from tests.support import run_cli

HOOK = ("validate", "--allow-empty", "--changed-since", "HEAD", "--history", "--since",
        "HEAD", "--allow-shallow")


@pytest.fixture
def linked(git_repo: GitRepo) -> GitRepo:
    """specs/SPEC-0002.yaml staged as a link to drafts/SPEC-0002.yaml, left untracked."""
    git_repo.commit("A spec", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.write("drafts/SPEC-0002.yaml", spec_text("SPEC-0002"))
    (git_repo.root / "specs" / "SPEC-0002.yaml").symlink_to("../drafts/SPEC-0002.yaml")
    git_repo.git("add", "specs/SPEC-0002.yaml")
    return git_repo


@pytest.mark.parametrize("named", [(), ("specs/SPEC-0002.yaml",)])
def test_a_link_to_an_untracked_file_is_broken_in_the_commit(
        linked: GitRepo, tmp_path: Path, named: tuple[str, ...]) -> None:
    hook = run_cli(*HOOK, *named)
    assert hook.exit_code == 1, hook.output
    assert hook.stdout.startswith(
        "specs/SPEC-0002.yaml:1:1: error: a symbolic link to drafts/SPEC-0002.yaml, which the "
        "index does not hold: the commit being made holds a broken symbolic link")
    assert "[file-read]" in hook.stdout
    assert "0 files checked" not in hook.stdout
    linked.git("commit", "-q", "--no-verify", "-m", "A link")
    clone = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", str(linked.root), str(clone)], check=True,
                   env=linked.environment(), capture_output=True)
    with inside(clone):
        committed = run_cli("validate", "--history", "--since", "HEAD~1")
        assert committed.exit_code == 1
        assert "specs/SPEC-0002.yaml:1:1: error: broken symbolic link" in committed.stdout
        report = run_cli("report", "--fail-on", "waiting-reviews")
    assert report.exit_code == 1, report.output  # HEAD's spec cannot be read: no pass
    # no id line read: named by its path in both (trial50: not its file name's stem)
    assert "specs/SPEC-0002.yaml (HEAD's version cannot be read: a symbolic link to " \
        "drafts/SPEC-0002.yaml, which HEAD does not hold (broken symbolic link" in report.stdout
    assert "specs/SPEC-0002.yaml  id, title, status" in report.stdout  # fields unreadable
    assert "specs without history                      none" in report.stdout


@pytest.mark.parametrize("how", [("add",), ("add", "-N")])
def test_a_link_to_a_staged_file_is_judged_by_it(linked: GitRepo, how: tuple[str, ...]) -> None:
    """The target staged: the link reads; added with intent to add only, still broken."""
    linked.git(*how, "drafts/SPEC-0002.yaml")
    hook = run_cli(*HOOK)
    assert hook.exit_code == (0 if how == ("add",) else 1), hook.output


@pytest.mark.parametrize("how", [(), ("add", "-N"), ("rm", "-q", "--cached")])
def test_a_configuration_the_index_does_not_hold_is_refused(git_repo: GitRepo,
                                                           how: tuple[str, ...]) -> None:
    """The commit being made has no specrepo.yaml (never added, added with intent to add
    only, its removal staged): the hook refuses rather than judge with the work tree's."""
    git_repo.write("specs/SPEC-0001.yaml", spec_text())
    git_repo.git("add", "specs")
    if how[:1] == ("rm",):
        git_repo.git("add", "specrepo.yaml")
    git_repo.git("commit", "-q", "-m", "A spec")
    if how:
        git_repo.git(*how, "specrepo.yaml")
    hook = run_cli(*HOOK)
    assert hook.exit_code == 2, hook.output
    assert "specrepo.yaml: the index does not hold it" in hook.stderr

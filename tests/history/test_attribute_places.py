"""The places git reads attributes from besides the commits (the user's default file, a
tree `attr.tree` or `GIT_ATTR_SOURCE` names) never leave a cached history that a cold run
would not read: the files are in the history cache's key, and a tree named for attributes
is not followed (each version is read with its own commit's `.gitattributes`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import exit_and_output, run_cli

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
SKIPPED = "moved the status from Draft to Approved"
READERS = (["validate", "--history", "--format", "json"], ["timeline", "SPEC-0001"],
           ["report", "--format", "json"], ["diff", "HEAD~1"])


def _skipping_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     attributes: str | None) -> GitRepo:
    """SPEC-0001 stored through a base64 filter, Draft then straight to Approved;
    `.gitattributes` committed with `attributes` (None: no such file), and a branch
    `bare` whose tree has no attributes at all."""
    repo = GitRepo(tmp_path / "repo")
    repo.git("config", "filter.b64.clean", "base64 -w0")
    repo.git("config", "filter.b64.smudge", "base64 -d")
    if attributes is not None:
        repo.write(".gitattributes", attributes)
    repo.commit("Draft", {PATH: spec_text()})
    repo.commit("Approve", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    repo.git("checkout", "-q", "--orphan", "bare")
    repo.git("rm", "-q", "-r", "-f", ".")
    repo.commit("Nothing", {"README": "No attributes here.\n"})
    repo.git("checkout", "-q", "-f", "main")
    monkeypatch.chdir(repo.root)
    return repo


def _outputs(repo: GitRepo, *, cold: bool) -> list[tuple[int, str]]:
    """What every reader says, from no cache (`cold`) or from what the last run left."""
    if cold:
        shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    return [exit_and_output(*arguments) for arguments in READERS]


def _version(each_git: str) -> tuple[int, ...]:
    return tuple(int(part) for part in each_git.split()[2].split(".")[:2])


@pytest.mark.parametrize(("named_by", "since"), [("attr.tree", (2, 42)),
                                                 ("GIT_ATTR_SOURCE", (2, 40))])
def test_a_tree_named_for_attributes_changes_nothing(
        each_git: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named_by: str,
        since: tuple[int, int]) -> None:
    """With attributes from `bare` (no filter), git would hand over what it stores for
    every version: the review skipped would vanish behind unreadable versions, and a warm
    run would say what the cold run under the other setting said."""
    if _version(each_git) < since:
        pytest.skip(f"{each_git} has no {named_by}; SPECREPO_TEST_GIT names a newer one")
    repo = _skipping_review(tmp_path, monkeypatch, f"{PATH} filter=b64\n")
    expected = _outputs(repo, cold=True)
    assert expected[0][0] == 1 and SKIPPED in expected[0][1]
    assert "status: Draft -> Approved" in expected[3][1]
    if named_by == "attr.tree":
        repo.git("config", "attr.tree", "refs/heads/bare")
        assert repo.git("check-attr", "filter", PATH).endswith("unspecified")  # git's own
    else:
        monkeypatch.setenv("GIT_ATTR_SOURCE", "refs/heads/bare")
    assert _outputs(repo, cold=False) == expected
    assert _outputs(repo, cold=True) == expected


def test_the_users_default_attributes_file_is_in_the_cache_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`$XDG_CONFIG_HOME/git/attributes` (git's default for `core.attributesFile`) sets
    the filter: taking it away reads the history afresh, as a cold run does, and back."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    user_file = tmp_path / "xdg" / "git" / "attributes"
    user_file.parent.mkdir(parents=True)
    user_file.write_text(f"{PATH} filter=b64\n")
    repo = _skipping_review(tmp_path, monkeypatch, None)
    through_filter = _outputs(repo, cold=True)
    assert through_filter[0][0] == 1 and SKIPPED in through_filter[0][1]
    user_file.unlink()
    warm = _outputs(repo, cold=False)
    assert warm == _outputs(repo, cold=True)
    assert warm != through_filter
    user_file.write_text(f"{PATH} filter=b64\n")
    assert _outputs(repo, cold=False) == through_filter
    assert run_cli("validate", "--history").exit_code == 1

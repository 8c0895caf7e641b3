"""A spec file deleted from the work tree while its assume-unchanged bit hides that from
`git status`: every command that reads the specs refuses (exit 2) naming it, as it does
the configuration file so deleted, instead of reading it as no spec (newuser72 HIGH)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.sparse import (
    SparseCheckoutError,
    refuse_config_missing_from_work_tree,
    refuse_specs_outside_sparse_checkout,
)
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, exit_and_output

pytestmark = pytest.mark.usefixtures("each_git")

BOGUS = "specs/SPEC-0002.yaml"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Two specs committed, the second with a status no workflow knows (validate: exit 1
    while it is read)."""
    git_repo.commit("Specs", {
        "specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
        BOGUS: MINIMAL_SPEC.format(id="SPEC-0002").replace("Draft", "Bogus")})
    return git_repo


def _hide_deletion(repo: GitRepo, *paths: str) -> None:
    """Mark `paths` assume-unchanged, then delete them: `git status` shows nothing."""
    repo.git("update-index", "--assume-unchanged", *paths)
    for path in paths:
        (repo.root / path).unlink()
    assert repo.git("status", "--porcelain") == ""


def _index_version(repo: GitRepo) -> int:
    return int.from_bytes((repo.root / ".git/index").read_bytes()[4:8], "big")


def test_the_library_refuses_a_spec_deleted_behind_assume_unchanged(repo: GitRepo) -> None:
    config = load_config(None, repo.root)
    refuse_specs_outside_sparse_checkout(config)  # nothing hidden: no refusal
    _hide_deletion(repo, BOGUS)
    assert _index_version(repo) == 2  # the bit needs no extended flags: no v3 to gate on
    with pytest.raises(SparseCheckoutError) as raised:
        refuse_specs_outside_sparse_checkout(config)
    assert str(raised.value) == (
        f"the spec file {BOGUS}, tracked by git, is marked assume-unchanged and missing "
        "from the work tree, which `git status` does not show: rules across specs, pages "
        "and reports need every spec; restore it (`git update-index --no-assume-unchanged "
        f":/{BOGUS}` then `git checkout -- :/{BOGUS}`), or commit its deletion")


@pytest.mark.parametrize("command", [
    ["validate"], ["validate", "--history"], ["validate", "--changed-since", "HEAD"],
    ["validate", "--history", "--changed-since", "HEAD"],  # the pre-commit hook's run
    ["report"], ["trace"], ["render", "--check"], ["site", "--check"],
    ["diff", "--since-approval"]])
def test_every_reader_of_the_specs_refuses_it(repo: GitRepo, command: list[str]) -> None:
    """Each read the spec as no spec, most with exit 0 (validate's gate open in silence)."""
    assert exit_and_output("validate")[0] == 1
    _hide_deletion(repo, BOGUS)
    code, output = exit_and_output(*command)
    assert code == 2, output
    assert (f"the spec file {BOGUS}, tracked by git, is marked assume-unchanged and "
            "missing from the work tree, which `git status` does not show") in output


def test_many_are_named_three_then_counted(repo: GitRepo) -> None:
    repo.commit("More", {f"specs/SPEC-000{number}.yaml":
                         MINIMAL_SPEC.format(id=f"SPEC-000{number}") for number in (3, 4, 5)})
    _hide_deletion(repo, *(f"specs/SPEC-000{number}.yaml" for number in (2, 3, 4, 5)))
    code, output = exit_and_output("validate")
    assert code == 2, output
    assert ("4 spec files tracked by git are marked assume-unchanged and missing from the "
            "work tree, which `git status` does not show (specs/SPEC-0002.yaml, "
            "specs/SPEC-0003.yaml, specs/SPEC-0004.yaml and 1 more): rules across specs, "
            "pages and reports need every spec; restore each (`git update-index "
            "--no-assume-unchanged FILE` then `git checkout -- FILE`), or commit their "
            "deletion") in output


def test_a_deletion_git_status_shows_is_read_as_before(repo: GitRepo) -> None:
    """Not hidden: the change being made, read as one (the spec is gone, no refusal)."""
    (repo.root / BOGUS).unlink()
    assert exit_and_output("validate") == (0, "1 file checked: no problems\n")
    repo.git("checkout", "--", BOGUS)
    repo.git("update-index", "--assume-unchanged", BOGUS)  # marked, and still there
    assert exit_and_output("validate")[0] == 1


def test_a_spec_modified_behind_assume_unchanged_is_read_from_the_work_tree(
        repo: GitRepo) -> None:
    """git shows the committed copy as clean; specrepo reads the file, as it is."""
    repo.git("update-index", "--assume-unchanged", "specs/SPEC-0001.yaml")
    spec = repo.root / "specs/SPEC-0001.yaml"
    spec.write_text(spec.read_text().replace("Draft", "Unknown"))
    assert repo.git("status", "--porcelain") == ""
    code, output = exit_and_output("validate")
    assert code == 1, output
    assert "specs/SPEC-0001.yaml:3:9: error: 'Unknown' is not one of" in output


def test_a_configuration_in_a_subfolder_names_the_fix_from_the_top(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths are the configuration folder's, as its findings name them; the fix, from
    anywhere in the work tree (`:/`)."""
    repo.commit("Design", {"design/specrepo.yaml": "specs: specs\n",
                           "design/specs/SPEC-0003.yaml": MINIMAL_SPEC.format(id="SPEC-0003")})
    _hide_deletion(repo, "design/specs/SPEC-0003.yaml")
    monkeypatch.chdir(repo.root / "design")
    code, output = exit_and_output("validate")
    assert code == 2, output
    assert ("the spec file specs/SPEC-0003.yaml, tracked by git, is marked assume-unchanged"
            in output)
    assert ("`git update-index --no-assume-unchanged :/design/specs/SPEC-0003.yaml` then "
            "`git checkout -- :/design/specs/SPEC-0003.yaml`") in output


def test_the_configuration_file_is_refused_by_the_same_code(repo: GitRepo) -> None:
    _hide_deletion(repo, "specrepo.yaml")
    with pytest.raises(SparseCheckoutError) as raised:
        refuse_config_missing_from_work_tree(repo.root, None)
    assert str(raised.value).startswith(
        "the configuration file specrepo.yaml, tracked by git, is marked assume-unchanged "
        "and missing from the work tree, which `git status` does not show: specrepo would "
        "read another configuration or its defaults instead")


def test_skip_worktree_specs_are_named_three_then_counted(repo: GitRepo) -> None:
    repo.commit("More", {f"specs/SPEC-000{number}.yaml":
                         MINIMAL_SPEC.format(id=f"SPEC-000{number}") for number in (3, 4, 5)})
    for number in (2, 3, 4, 5):
        repo.git("update-index", "--skip-worktree", f"specs/SPEC-000{number}.yaml")
        Path(repo.root / f"specs/SPEC-000{number}.yaml").unlink()
    code, output = exit_and_output("validate")
    assert code == 2, output
    assert ("4 spec files tracked by git are marked skip-worktree and missing from the work "
            "tree (specs/SPEC-0002.yaml, specs/SPEC-0003.yaml, specs/SPEC-0004.yaml and 1 "
            "more)") in output

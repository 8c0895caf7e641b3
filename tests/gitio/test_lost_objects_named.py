"""An object git lacks is named by its id and kind in the one wording
(`object_damage.unreadable_words`), not as git names what it was given: HEAD's lost tree
("bad tree object HEAD", or the commit's id), the commit a reflog entry, a tag of a tag or a
`:/text` search reaches ("bad object HEAD@{2}", "missing object referenced by 'v1aa'")
(newuser71 L9)."""

from __future__ import annotations

import shutil

import pytest

from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.revisions import resolve_commit
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
ADVICE = ("the repository is damaged or incomplete: fetch what is missing (`git fetch`) or "
          "clone it anew (`git fsck` names every missing object)")


def lose(repo: GitRepo, name: str) -> str:
    """Delete the loose object `name` names; its id."""
    lost = repo.git("rev-parse", name)
    (repo.root / ".git" / "objects" / lost[:2] / lost[2:]).unlink()
    return lost


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Four commits c1..c4 of one spec; c2 tagged v1, annotated v1a, and v1aa (a tag of
    the tag v1a)."""
    for number in range(1, 5):
        git_repo.commit(f"c{number}", {PATH: spec_text(extra=f"summary: s{number}\n")})
    git_repo.git("tag", "v1", "HEAD~2")
    git_repo.git("tag", "-a", "-m", "ann", "v1a", "HEAD~2")
    git_repo.git("-c", "advice.nestedTag=false", "tag", "-a", "-m", "ann2", "v1aa", "v1a")
    return git_repo


def test_a_lost_head_tree_is_named_not_the_commit_or_head(repo: GitRepo) -> None:
    """Was "git diff-index failed: git cannot read the tree of HEAD-ID: it is missing
    (error: bad tree object HEAD-ID)" and "git diff failed: error: bad tree object HEAD"."""
    tree = lose(repo, "HEAD^{tree}")
    for arguments in (["diff"], ["report"], ["validate", "--history"]):
        result = run_cli(*arguments, no_traceback=True)
        assert (result.exit_code, result.stderr) == (2, (
            f"specrepo: error: git cannot read tree {tree}: it is missing; {ADVICE}\n")), \
            arguments


@pytest.mark.parametrize("revision", ["v1aa^{}", ":/c2", "HEAD@{2}"])
def test_a_commit_lost_behind_a_name_is_named(repo: GitRepo, revision: str) -> None:
    """Was "git rev-parse failed: error: missing object referenced by 'v1aa'" and "git
    diff failed: fatal: bad object HEAD@{2}"."""
    commit = lose(repo, "HEAD~2")
    result = run_cli("diff", revision, no_traceback=True)
    assert (result.exit_code, result.stderr) == (2, (
        f"specrepo: error: git cannot read object {commit}: it is missing; {ADVICE}\n"))
    with pytest.raises(HistoryError, match=f"^git cannot read object {commit}: it is "):
        resolve_commit(Git(repo.root), revision)


def test_a_reflog_entry_whose_commit_is_lost_is_no_head(repo: GitRepo) -> None:
    """git reads `HEAD@{2}^{commit}` as HEAD when the entry's commit is lost: the gate
    compared HEAD with itself, "0 files checked: no problems", exit 0."""
    commit = lose(repo, "HEAD~2")
    result = run_cli("validate", "--changed-since", "HEAD@{2}", no_traceback=True)
    assert result.exit_code == 2
    assert f"git cannot read object {commit}: it is missing" in result.stderr
    assert resolve_commit(Git(repo.root), "HEAD@{1}") == repo.git("rev-parse", "HEAD~1")


def _with_requirement(item: str, depends: str = "") -> str:
    return spec_text("SPEC-0002", extra=(
        "requirements:\n  functional:\n"
        f"    - id: {item}\n      description: d\n      priority: P0\n{depends}"))


def test_changed_since_a_commit_whose_copy_of_a_changed_spec_is_lost_exits_2(
        git_repo: GitRepo) -> None:
    """newuser72 HIGH: SPEC-0003 names SPEC-0002/FR-1, which the range renumbers; with
    REF's blob of SPEC-0002 lost, `commit:path` read as no file there, the renumbering was
    not seen, SPEC-0003 not checked: "1 file checked: no problems", exit 0."""
    git_repo.commit("base", {
        "specs/SPEC-0002.yaml": _with_requirement("FR-1"),
        "specs/SPEC-0003.yaml": _with_requirement("FR-1", "      depends_on: [SPEC-0002/FR-1]\n")
        .replace("SPEC-0002", "SPEC-0003", 1)})
    git_repo.commit("renumber", {"specs/SPEC-0002.yaml": _with_requirement("FR-2")})
    assert run_cli("validate", "--changed-since", "HEAD~1").exit_code == 1  # intact: caught
    blob = lose(git_repo, "HEAD~1:specs/SPEC-0002.yaml")
    result = run_cli("validate", "--changed-since", "HEAD~1", no_traceback=True)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (f"git cannot read specs/SPEC-0002.yaml (object {blob}): it is missing; "
            f"{ADVICE}") in result.stderr


@pytest.mark.parametrize("lost", ["HEAD~2^{tree}", "HEAD~2:specs"])
def test_a_lost_tree_is_named_a_tree_by_every_command_cold_or_warm(
        repo: GitRepo, lost: str) -> None:
    """newuser72 t21: a commit's tree or a folder's tree lost, `validate --changed-since`,
    `--history`, `report --since`, `timeline` and `new` said "git cannot read object ID",
    `diff` "tree ID" (a cold run read git's "unable to read tree ID" without its kind; a
    warm run's check of its cache knew none)."""
    assert run_cli("validate", "--history").exit_code == 1  # a cache to answer warm
    tree = lose(repo, lost)
    expected = f"specrepo: error: git cannot read tree {tree}: it is missing; {ADVICE}\n"
    for arguments in (["validate", "--history"], ["timeline", "SPEC-0001"],  # warm
                      ["validate", "--changed-since", "HEAD~2"], ["report", "--since", "HEAD~2"],
                      ["diff", "HEAD~2"], ["new", "X", "--author", "Ada"]):
        result = run_cli(*arguments, no_traceback=True)
        assert (result.exit_code, result.stderr) == (2, expected), arguments
    shutil.rmtree(repo.root / ".git" / "specrepo")
    for arguments in (["validate", "--history"], ["timeline", "SPEC-0001"]):  # cold
        result = run_cli(*arguments, no_traceback=True)
        assert (result.exit_code, result.stderr) == (2, expected), arguments

"""`specrepo diff` says what a configuration change does to the spec set: each side is read
with its own `specs:` and `exclude:` (never the work tree's `exclude:`, which decides only
what the history walk reads), so a file a change takes out of the set, or brings into it,
is `removed` or `added` whatever the work tree's configuration is (final33 F9)."""

from __future__ import annotations

import json

import pytest

from tests.commands.test_diff import document
from tests.commands.test_diff_config_sides import moves
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

ONE, TWO = "specs/SPEC-0001.yaml", "specs/keep/SPEC-0002.yaml"
APPROVED = spec_text("SPEC-0001", status="Approved") + "reviewers: [Grace Hopper]\n"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("Start", {ONE: APPROVED, TWO: spec_text("SPEC-0002")})
    return git_repo


REMOVED = [(["removed"], ONE, None)]
ADDED = [(["added"], None, ONE)]


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("specs: specs\n", "specs: specs\nexclude: [specs/SPEC-0001.yaml]\n", REMOVED),
    ("specs: specs\nexclude: [specs/SPEC-0001.yaml]\n", "specs: specs\n", ADDED),
    ("specs: specs\n", "specs: specs/keep\n", REMOVED),
    ("specs: specs/keep\n", "specs: specs\n", ADDED),
    ("specs: ['specs/*-0001.yaml', 'specs/keep/*.yaml']\n", "specs: ['specs/**/*.yaml']\n",
     []),
    ("specs: ['specs/**/*.yaml']\n", "specs: ['specs/*/*.yaml']\n", REMOVED),
    ("specs: specs\nexclude: [specs/keep]\n", "specs: specs\nexclude: ['specs/*1.yaml']\n",
     [(["added"], None, TWO), (["removed"], ONE, None)]),
])
def test_each_way_a_configuration_change_moves_a_file_in_or_out_of_the_set(
        repo: GitRepo, before: str, after: str, expected: list[object]) -> None:
    repo.commit("Before", {"specrepo.yaml": before})
    repo.commit("After", {"specrepo.yaml": after})
    for arguments in (("HEAD~1", "HEAD"), ("HEAD~1..HEAD",), ("HEAD~1...HEAD",)):
        data = document(*arguments)
        assert moves(data) == expected, arguments
        assert data["warnings"] == []
    assert moves(document("HEAD~1")) == expected  # the work tree is HEAD
    # The same two revisions, whatever the work tree's configuration takes in or leaves out.
    for work_tree in (before, "specs: specs\n", "specs: specs\nexclude: ['specs/*1.yaml']\n",
                      "specs: specs\nexclude: [specs/keep]\n"):
        repo.write("specrepo.yaml", work_tree)
        assert moves(document("HEAD~1..HEAD")) == expected, work_tree
    # Not committed: the work tree's configuration against HEAD's.
    repo.git("checkout", "-q", "HEAD~1", "--", "specrepo.yaml")
    repo.commit("Back")
    repo.write("specrepo.yaml", after)
    assert moves(document()) == expected


def test_every_format_names_the_spec_an_exclusion_removed(repo: GitRepo) -> None:
    repo.commit("Exclude", {"specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0001.yaml]\n"})
    text = run_cli("diff", "HEAD~1", "HEAD", "--exit-code")
    assert text.exit_code == 1
    assert text.output.splitlines()[0] == "SPEC-0001: A spec  (removed)"
    assert text.output.rstrip().endswith("1 spec changed: 1 removed.")
    markdown = run_cli("diff", "HEAD~1...HEAD", "--format", "markdown").output
    assert "### SPEC-0001: A spec" in markdown and "Removed" in markdown
    data = json.loads(run_cli("diff", "HEAD~1..HEAD", "--format", "json").output)
    assert [spec["kinds"] for spec in data["specs"]] == [["removed"]]
    # Back the other way, the exclusion taken out again: the spec is added.
    assert moves(document("HEAD..HEAD~1")) == ADDED


def test_a_change_of_a_spec_the_work_tree_excludes_is_still_shown(repo: GitRepo) -> None:
    repo.commit("Edit", {TWO: spec_text("SPEC-0002", title="Edited")})
    repo.write("specrepo.yaml", "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n")
    [edited] = document("HEAD~1..HEAD")["specs"]
    assert edited["kinds"] == ["modified"]
    assert (edited["old"]["title"], edited["new"]["title"]) == ("A spec", "Edited")


def test_a_spec_moved_where_its_side_reads_no_spec_is_removed(repo: GitRepo) -> None:
    (repo.root / "archive").mkdir()
    repo.git("mv", ONE, "archive/")
    repo.commit("Move it out of specs/")
    assert moves(document("HEAD~1..HEAD")) == REMOVED
    repo.commit("Read the archive too", {"specrepo.yaml": "specs: [specs, archive]\n"})
    assert moves(document("HEAD~1..HEAD")) == [(["added"], None, "archive/SPEC-0001.yaml")]
    assert moves(document("HEAD~2..HEAD")) == [(["moved"], ONE, "archive/SPEC-0001.yaml")]
    repo.git("mv", "archive/SPEC-0001.yaml", "SPEC-0001.yaml")  # not committed
    assert moves(document()) == [(["removed"], "archive/SPEC-0001.yaml", None)]


def test_a_side_without_a_configuration_file_is_read_with_the_defaults(repo: GitRepo) -> None:
    """README: each side with `specrepo.yaml` as it is at that side's commit, "the default
    `specs` where there is none", whether it was deleted or renamed to a name specrepo
    does not read; the work tree's `exclude:` does not reach it."""
    repo.commit("Exclude", {"specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0001.yaml]\n"})
    repo.git("mv", "specrepo.yaml", "specrepo.yaml.off")
    repo.commit("Switch the configuration off")
    assert moves(document("HEAD~1..HEAD")) == ADDED
    assert moves(document("HEAD..HEAD~1")) == REMOVED
    repo.write("specrepo.yaml", "specs: specs\nexclude: [specs/SPEC-0001.yaml]\n")
    assert moves(document("HEAD~1..HEAD")) == ADDED  # whatever the work tree has
    assert moves(document()) == REMOVED  # HEAD has none: the defaults read SPEC-0001


def _delete(repo: GitRepo) -> None:
    (repo.root / ONE).unlink()


def _move_out(repo: GitRepo) -> None:
    (repo.root / "archive").mkdir()
    repo.git("mv", ONE, "archive/")


def _narrow(repo: GitRepo) -> None:
    repo.write("specrepo.yaml", "specs: specs/keep\n")


def _exclude(repo: GitRepo) -> None:
    repo.write("specrepo.yaml", "specs: specs\nexclude: [specs/SPEC-0001.yaml]\n")


@pytest.mark.parametrize("take_out", [_delete, _move_out, _narrow, _exclude])
def test_since_approval_says_removed_where_diff_does(repo: GitRepo, take_out: object) -> None:
    """A spec HEAD holds approved, taken out of the set in the work tree whichever way:
    `diff` names it removed, and so does `diff --since-approval` (an excluded file's
    approval too: the history reads the file where its commit's configuration read it),
    failing --exit-code."""
    approval = repo.git("rev-parse", "HEAD")
    assert callable(take_out)
    take_out(repo)
    assert moves(document()) == REMOVED
    shown = run_cli("diff", "--since-approval", "--format", "json")
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert moves(data) == REMOVED and data["warnings"] == []
    assert data["specs"][0]["old"]["commit"] == approval
    assert run_cli("diff", "--since-approval", "--exit-code").exit_code == 1


def test_since_approval_leaves_out_a_file_no_configuration_reads(repo: GitRepo) -> None:
    """What HEAD's configuration took out of the set is no spec any more: the approved
    spec it took out is removed since its approval (trial75), and an edit of its file
    is not compared; brought back by the work tree's configuration, it is compared
    again."""
    approval = repo.git("rev-parse", "HEAD")
    repo.commit("Narrow", {"specrepo.yaml": "specs: specs/keep\n"})
    repo.write(ONE, APPROVED.replace("title: A spec", "title: Edited"))
    data = document("--since-approval")
    assert moves(data) == REMOVED and data["specs"][0]["old"]["commit"] == approval
    assert run_cli("diff", "--since-approval", "--exit-code").exit_code == 1
    repo.write("specrepo.yaml", "specs: specs\n")
    [edited] = document("--since-approval")["specs"]
    assert (edited["kinds"], edited["new"]["title"]) == (["modified"], "Edited")
    assert moves(document()) == [(["added"], None, ONE)]


@pytest.mark.parametrize("move", ["file", "configuration"])
def test_since_approval_follows_a_move_the_work_tree_made(
        repo: GitRepo, move: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not committed yet: a spec's file renamed, or the configuration moved with its
    specs (`git mv specrepo.yaml specs design/`). `diff` names it moved, and so does
    `--since-approval`, never removed."""
    if move == "file":
        repo.git("mv", ONE, "specs/limits.yaml")
        new, folder = "specs/limits.yaml", repo.root
    else:
        (repo.root / "design").mkdir()
        repo.git("mv", "specrepo.yaml", "specs", "design/")
        new, folder = f"design/{ONE}", repo.root / "design"
    monkeypatch.chdir(folder)
    assert (ONE, new) in [(old, path) for _, old, path in moves(document())]
    data = document("--since-approval")
    assert moves(data) == [(["moved"], ONE, new)] and data["warnings"] == []


def _rename_to_no_spec(repo: GitRepo) -> None:
    repo.git("mv", ONE, "specs/SPEC-0001.txt")


@pytest.mark.parametrize("take_out", [_delete, _move_out, _narrow, _exclude,
                                      _rename_to_no_spec])
def test_since_approval_says_removed_once_the_removal_is_committed(
        repo: GitRepo, take_out: object) -> None:
    """trial75: an approved spec edited, then taken out of the set by a later commit
    (deleted, moved or renamed where no location reads a spec, `specs:` narrowed,
    `exclude:` added) is removed since its approval in every format, failing
    --exit-code: never "No spec changed", as it is before the removal is committed."""
    approval = repo.git("rev-parse", "HEAD")
    repo.commit("Edit", {ONE: APPROVED.replace("title: A spec", "title: Edited")})
    assert callable(take_out)
    take_out(repo)
    repo.commit("Take SPEC-0001 out")
    data = document("--since-approval")
    assert moves(data) == REMOVED and data["warnings"] == []
    assert data["specs"][0]["old"]["commit"] == approval
    text = run_cli("diff", "--since-approval", "--exit-code")
    assert text.exit_code == 1
    assert "SPEC-0001: A spec  (removed)" in text.stdout
    assert "No spec changed" not in text.stdout
    markdown = run_cli("diff", "--since-approval", "--format", "markdown", "--exit-code")
    assert markdown.exit_code == 1 and "1 spec changed: 1 removed." in markdown.stdout
    assert moves(document("--since-approval", "--", "SPEC-0001")) == REMOVED
    assert moves(document("--since-approval", "--", ONE)) == REMOVED


def test_since_approval_passes_a_spec_that_left_approval_before_its_removal(
        repo: GitRepo) -> None:
    """A spec moved out of an approved state (Withdrawn) before its file was deleted was
    not removed while approved: nothing since an approval to show."""
    repo.commit("Withdraw", {ONE: APPROVED.replace("Approved", "Withdrawn")})
    repo.commit("Delete", {ONE: None})
    shown = run_cli("diff", "--since-approval", "--exit-code")
    assert (shown.exit_code, shown.stdout.strip()) == (0, "No spec changed.")


def test_since_approval_says_removed_after_the_branch_is_merged(repo: GitRepo) -> None:
    """The removal merged from a branch (HEAD a merge commit) is still one since the
    approval."""
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Delete", {ONE: None})
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated", {TWO: spec_text("SPEC-0002", title="Other")})
    repo.merge("topic")
    assert moves(document("--since-approval")) == REMOVED
    assert run_cli("diff", "--since-approval", "--exit-code").exit_code == 1

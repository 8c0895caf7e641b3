"""`specs_changed_since` and `validate --changed-since` on real repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import spec_ids_before, specs_changed_since
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

BROKEN = spec_text("SPEC-0002").replace("status: Draft", "status: Aproved")


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """main has SPEC-0001; branch `topic` adds SPEC-0002 and main moves on meanwhile."""
    git_repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.git("branch", "base")
    git_repo.git("checkout", "-q", "-b", "topic")
    git_repo.commit("Two", {"specs/SPEC-0002.yaml": BROKEN})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Three", {"specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    git_repo.git("checkout", "-q", "topic")
    return git_repo


def changed(repo: GitRepo, since: str) -> set[str] | None:
    every_file = [path for path in repo.root.rglob("*")
                  if path.is_file() and ".git" not in path.parts]
    found = specs_changed_since(load_config(None, repo.root), since, every_file)
    if found is None:
        return None
    return {path.relative_to(repo.root).as_posix() for path in found}


def test_committed_changes_since_the_merge_base_only(repo: GitRepo) -> None:
    # `main` gained SPEC-0003 after topic branched off: three dots leave it out.
    assert changed(repo, "main") == {"specs/SPEC-0002.yaml"}


def test_uncommitted_staged_and_untracked_changes_count(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0001.yaml", spec_text(title="Edited"))
    repo.write("specs/new file.yaml", spec_text("SPEC-0009"))
    repo.write("notes.txt", "x")
    repo.git("add", "notes.txt")
    assert changed(repo, "main") == {"specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml",
                                     "specs/new file.yaml", "notes.txt"}


def test_unknown_revision_is_none(repo: GitRepo) -> None:
    assert changed(repo, "no-such-branch") is None


def test_validate_checks_only_changed_specs(repo: GitRepo) -> None:
    result = run_cli("validate", "--changed-since", "base")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 file checked: 1 error"
    assert "specs/SPEC-0002.yaml:3:9: error:" in result.output
    clean = run_cli("validate", "--changed-since", "HEAD")
    assert (clean.exit_code, clean.output) == (0, "0 files checked: no problems\n")


def test_validate_with_an_unknown_revision_checks_everything_and_warns(repo: GitRepo) -> None:
    result = run_cli("validate", "--changed-since", "nope")
    assert result.stderr == ("specrepo: warning: unknown revision 'nope' (a branch, tag or "
                             "commit id); validating every spec\n")
    assert result.stdout.splitlines()[-1] == "2 files checked: 1 error"


LINKS_TO_TWO = spec_text(extra="background:\n  related_work:\n    - spec: SPEC-0002\n")


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """main: SPEC-0001 links to SPEC-0002; SPEC-0003 links to a spec that never existed.
    The work happens on branch `pr`."""
    repo = GitRepo(tmp_path / "linked")
    monkeypatch.chdir(repo.root)
    repo.commit("Base", {
        "specs/SPEC-0001.yaml": LINKS_TO_TWO,
        "specs/SPEC-0002-target.yaml": spec_text("SPEC-0002"),
        "specs/SPEC-0003.yaml": spec_text("SPEC-0003", extra="background:\n  related_work:\n"
                                                             "    - spec: SPEC-0404\n"),
        "specs/SPEC-0004.yaml": spec_text("SPEC-0004")})
    repo.git("checkout", "-q", "-b", "pr")
    return repo


def test_a_branch_that_deletes_a_referenced_spec_fails(linked: GitRepo) -> None:
    linked.commit("Delete SPEC-0002", {"specs/SPEC-0002-target.yaml": None})
    result = run_cli("validate", "--changed-since", "main")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "specs/SPEC-0001.yaml:10:13: error: no spec has the id 'SPEC-0002' "
        "[unknown-reference] ($.background.related_work[0].spec)",
        "1 file checked: 1 error",
    ]


def test_an_uncommitted_deletion_and_a_re_identified_spec_count_too(linked: GitRepo) -> None:
    (linked.root / "specs/SPEC-0002-target.yaml").write_text(spec_text("SPEC-0005"))
    result = run_cli("validate", "--changed-since", "main")
    assert "specs/SPEC-0001.yaml:10:13: error: no spec has the id 'SPEC-0002'" in result.output
    # SPEC-0003's old broken link is not this change's doing; it is not dragged in.
    assert "SPEC-0003" not in result.output
    assert spec_ids_before(load_config(None, linked.root), "main") == {"SPEC-0002"}


def test_a_spec_that_keeps_its_id_drags_nothing_in(linked: GitRepo) -> None:
    linked.commit("Edit", {"specs/SPEC-0002-target.yaml": spec_text("SPEC-0002", title="New"),
                           "specs/SPEC-0004.yaml": None})
    result = run_cli("validate", "--changed-since", "main")
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")
    assert spec_ids_before(load_config(None, linked.root), "main") == {"SPEC-0002",
                                                                      "SPEC-0004"}


def test_with_paths_the_paths_are_checked_and_the_referencing_specs_too(
        linked: GitRepo) -> None:
    linked.git("rm", "-q", "specs/SPEC-0002-target.yaml")
    linked.write("specs/SPEC-0004.yaml", spec_text("SPEC-0004", title="Edited"))
    result = run_cli("validate", "--changed-since", "HEAD", "specs/SPEC-0004.yaml")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "2 files checked: 1 error"
    assert spec_ids_before(load_config(None, linked.root), "nope") == frozenset()


def test_a_reference_to_a_spec_that_cannot_be_read_says_so(linked: GitRepo) -> None:
    linked.write("specs/SPEC-0002-target.yaml", "id: SPEC-0002\ntitle: [unclosed\n")
    result = run_cli("validate", "specs/SPEC-0001.yaml")
    assert result.output.splitlines() == [
        "specs/SPEC-0001.yaml:10:13: error: SPEC-0002 exists in specs/SPEC-0002-target.yaml "
        "but could not be read; see its own finding [unknown-reference] "
        "($.background.related_work[0].spec)",
        "1 file checked: 1 error",
    ]

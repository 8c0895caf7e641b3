"""`render --check --staged` judges the commit being made: the specs and pages as the index
stages them, whatever the work tree holds (a page rendered and not staged is missing from
the commit; a page staged and then rendered again is out of date in it)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.commands.test_render import MARKDOWN_CONFIG, NOTE_SCHEMA, note
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def check(*arguments: str) -> tuple[int, str]:
    result = run_cli("render", "--check", "--staged", *arguments)
    return result.exit_code, result.output


@pytest.fixture
def rendered(git_repo: GitRepo) -> GitRepo:
    """Two specs and their pages, committed; the work tree is the commit."""
    git_repo.write("specs/SPEC-0001.yaml", spec_text())
    git_repo.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002"))
    assert run_cli("render").exit_code == 0
    git_repo.commit("Specs and pages")
    return git_repo


def test_the_index_as_the_work_tree_gives_check_s_verdict_and_output(rendered: GitRepo) -> None:
    assert check() == (0, "3 pages checked: 3 up to date\n")
    plain = run_cli("render", "--check")
    assert (plain.exit_code, plain.output) == check()


def test_a_page_rendered_and_not_staged_is_missing_from_the_commit(rendered: GitRepo) -> None:
    """The repro: a new spec staged, `render` run, `git add -u` (which leaves the new page
    untracked): `render --check` passed, and a clone of the commit failed."""
    rendered.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003"))
    rendered.git("add", "specs/SPEC-0003.yaml")
    assert run_cli("render").exit_code == 0
    rendered.git("add", "-u")
    assert run_cli("render", "--check").exit_code == 0  # the work tree has every page
    code, output = check()
    assert code == 1
    assert "docs/specs/SPEC-0003.md: missing\n" in output
    assert output.endswith("run `specrepo render`, then `git add --all docs/specs`\n")
    rendered.git("commit", "-q", "--no-verify", "-m", "New spec")
    clone = rendered.root.parent / "clone"
    subprocess.run(["git", "clone", "-q", str(rendered.root), str(clone)], check=True)
    os.chdir(clone)
    clone_check = run_cli("render", "--check")
    assert clone_check.exit_code == 1
    assert "docs/specs/SPEC-0003.md: missing" in clone_check.output
    os.chdir(rendered.root)
    rendered.git("add", "docs/specs")
    assert check()[0] == 0


def test_a_staged_page_older_than_the_work_tree_s_is_out_of_date(rendered: GitRepo) -> None:
    rendered.write("specs/SPEC-0001.yaml", spec_text(title="A new title"))
    rendered.git("add", "specs")
    assert run_cli("render").exit_code == 0  # pages fresh in the work tree, not staged
    code, output = check()
    assert code == 1
    assert "docs/specs/SPEC-0001.md: out of date\n" in output
    assert "docs/specs/index.md: out of date\n" in output


def test_a_staged_spec_is_judged_not_the_work_tree_s(rendered: GitRepo) -> None:
    rendered.write("specs/SPEC-0001.yaml", spec_text(title="A new title"))
    rendered.git("add", "specs")
    assert run_cli("render").exit_code == 0
    rendered.git("add", "docs")
    rendered.write("specs/SPEC-0001.yaml", spec_text(title="Not staged"))  # not the commit's
    assert run_cli("render", "--check").exit_code == 1
    assert check() == (0, "3 pages checked: 3 up to date\n")


def test_a_page_whose_spec_s_removal_is_staged_is_orphaned(rendered: GitRepo) -> None:
    rendered.git("rm", "-q", "--cached", "specs/SPEC-0002.yaml")  # the file stays, untracked
    code, output = check()
    assert code == 1
    assert "docs/specs/SPEC-0002.md: orphaned, no spec renders to it" in output


def test_untracked_and_intent_to_add_specs_are_no_specs_of_the_commit(rendered: GitRepo) -> None:
    rendered.write("specs/SPEC-0003.yaml", spec_text("SPEC-0003"))
    assert check() == (0, "3 pages checked: 3 up to date\n")
    rendered.git("add", "-N", "specs/SPEC-0003.yaml")
    assert check() == (0, "3 pages checked: 3 up to date\n")
    assert run_cli("render", "--check").exit_code == 1  # the work tree's view


def test_a_staged_invalid_spec_is_a_finding_whatever_the_work_tree_holds(
        rendered: GitRepo) -> None:
    rendered.write("specs/SPEC-0002.yaml", "id: SPEC-0002\n")
    rendered.git("add", "specs")
    rendered.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002"))
    code, output = check()
    assert code == 1
    assert output.startswith("specs/SPEC-0002.yaml:1:1: error:")


def test_a_link_to_a_file_the_index_does_not_hold_is_broken_in_the_commit(
        rendered: GitRepo) -> None:
    rendered.write("drafts/SPEC-0003.yaml", spec_text("SPEC-0003"))  # untracked
    (rendered.root / "specs" / "SPEC-0003.yaml").symlink_to("../drafts/SPEC-0003.yaml")
    rendered.git("add", "specs/SPEC-0003.yaml")
    code, output = check()
    assert code == 1
    assert "specs/SPEC-0003.yaml:1:1: error: a symbolic link to drafts/SPEC-0003.yaml, " \
           "which the index does not hold" in output
    assert "[file-read]" in output
    rendered.git("add", "drafts")
    assert run_cli("render").exit_code == 0
    rendered.git("add", "docs")
    assert check()[0] == 0


def test_a_spec_folder_that_is_a_link_is_read_through_it(rendered: GitRepo) -> None:
    """`specs` staged as a link to `docs/real`, the specs moved there: the pages are
    generated from the files the link leads to, as `render` names them (the hook failed
    the commit, every page orphaned); a spec staged behind the link and not rendered is
    missing, as CI would find it."""
    (rendered.root / "docs" / "real").mkdir()
    rendered.git("mv", "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml", "docs/real/")
    (rendered.root / "specs").rmdir()
    (rendered.root / "specs").symlink_to("docs/real")
    rendered.git("add", "specs")
    assert run_cli("render").exit_code == 0
    rendered.git("add", "docs")
    plain = run_cli("render", "--check")
    assert (plain.exit_code, plain.output) == check() == (0, "3 pages checked: 3 up to date\n")
    rendered.write("docs/real/SPEC-0003.yaml", spec_text("SPEC-0003"))
    rendered.git("add", "docs/real/SPEC-0003.yaml")
    code, output = check()
    assert code == 1 and "docs/specs/SPEC-0003.md: missing" in output


@pytest.mark.parametrize("mark", [None, "--assume-unchanged", "--skip-worktree"])
def test_a_configuration_other_than_the_index_s_is_refused(rendered: GitRepo,
                                                           mark: str | None) -> None:
    if mark is not None:
        rendered.git("update-index", mark, "specrepo.yaml")
    rendered.write("specrepo.yaml", "specs: specs\nrender:\n  out: elsewhere\n")
    code, output = check()
    assert code == 2
    assert "the work tree differs from the index (the commit being made) in specrepo.yaml" \
        in output
    assert ("marked assume-unchanged or skip-worktree" in output) is (mark is not None)


def test_a_schema_the_index_does_not_hold_is_refused(rendered: GitRepo) -> None:
    rendered.write("s.schema.json", '{"type": "object"}')
    rendered.write("specrepo.yaml", "specs: specs\nschema: s.schema.json\n")
    rendered.git("add", "specrepo.yaml")
    code, output = check()
    assert code == 2
    assert "s.schema.json (not in the index)" in output
    rendered.git("add", "s.schema.json")
    assert check()[0] == 0


@pytest.mark.parametrize("arguments", [("render", "--staged"),
                                       ("render", "--check", "--staged", "specs"),
                                       ("render", "--staged", "--stdout", "SPEC-0001")])
def test_staged_needs_check_and_takes_no_spec(rendered: GitRepo,
                                              arguments: tuple[str, ...]) -> None:
    result = run_cli(*arguments)
    assert result.exit_code == 2
    assert "--staged checks every page as the index stages it" in result.output


def test_staged_outside_a_git_work_tree_is_refused(repo: Path) -> None:
    code, output = check()
    assert code == 2
    assert "is in no git work tree" in output


def test_markdown_specs_index_as_the_index_stages_it(git_repo: GitRepo) -> None:
    """Markdown specs (`front_matter: true`) have only render's index page: a note staged
    and the index page rendered but not staged is what the commit lacks."""
    git_repo.write("specrepo.yaml", MARKDOWN_CONFIG)
    git_repo.write("note.schema.yaml", NOTE_SCHEMA)
    git_repo.write("notes/a.md", note("First", spec_id="N-1"))
    assert run_cli("render").exit_code == 0
    git_repo.commit("Notes and the index")
    assert check() == (0, "1 page checked: 1 up to date\n")
    git_repo.write("notes/b.md", note("Second", spec_id="N-2"))
    git_repo.git("add", "notes")
    assert run_cli("render").exit_code == 0
    assert run_cli("render", "--check").exit_code == 0
    assert check() == (1, "docs/specs/index.md: out of date\n1 page checked: 1 out of date; "
                          "run `specrepo render`, then `git add --all docs/specs`\n")


def test_pages_at_the_top_of_the_repository(git_repo: GitRepo) -> None:
    """`render: out: .`: the index's files at the top are the pages; those below are not."""
    git_repo.write("specrepo.yaml", "specs: specs\nrender:\n  out: .\n")
    git_repo.write("specs/SPEC-0001.yaml", spec_text())
    assert run_cli("render").exit_code == 0
    git_repo.write("notes/SPEC-0002.md", (git_repo.root / "SPEC-0001.md").read_text())
    git_repo.commit("Specs, pages and a copy of a page in a subfolder")
    assert check() == (0, "2 pages checked: 2 up to date\n")
    git_repo.git("rm", "-q", "--cached", "SPEC-0001.md")
    assert check() == (1, "SPEC-0001.md: missing\n2 pages checked: 1 missing, 1 up to date; "
                          "run `specrepo render`, then `git add --all .`\n")


def test_no_spec_repository_here_is_a_configuration_error_as_without_staged(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit runs the hook at the top of a monorepo whose specrepo.yaml is in design/:
    exit 2 naming the missing configuration, as `render --check` says, never a page
    "missing" (exit 1) whose advice, `specrepo render` there, exits 2 itself (trial51a)."""
    git_repo.write("design/specrepo.yaml", "specs: specs\n")
    (git_repo.root / "specrepo.yaml").unlink()
    (git_repo.root / "specs").rmdir()
    git_repo.write("README.md", "hi\n")
    git_repo.commit("A monorepo")
    plain = run_cli("render", "--check")
    assert plain.exit_code == 2
    assert check() == (plain.exit_code, plain.output)
    assert "no specs/ folder in" in plain.output
    monkeypatch.chdir(git_repo.root / "design")  # its configured folder is missing
    plain = run_cli("render", "--check")
    assert plain.exit_code == 2
    assert check() == (2, plain.output)
    assert "the specs folder 'specs' does not exist" in plain.output


def test_a_commit_that_removes_the_spec_folder_is_judged_not_refused(
        rendered: GitRepo) -> None:
    """`git rm -r specs`: git keeps no empty folder, and the commit accounts for it."""
    rendered.git("rm", "-q", "-r", "specs")
    code, output = check()
    assert code == 1
    assert "docs/specs/index.md: out of date" in output

"""`validate --changed-since REF PATH...` checks the specs changed since REF as well as the
PATHs: which files ride along (those pre-commit passes, a narrowed `files:`) never narrows
the verdict (trial30b F5: a staged `mkdocs.yml` hid a Markdown spec's illegal move)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD", "--history",
        "--since", "HEAD", "--allow-shallow")
MARKDOWN = ("---\nid: SPEC-0001\ntitle: One\nstatus: Draft\nauthors: [Ada]\nreviewers: [Bob]\n"
            "created: 2026-01-01\nupdated: 2026-01-02\nsummary: x\n---\n\n## Design\n")


@pytest.fixture
def markdown(git_repo: GitRepo) -> GitRepo:
    git_repo.write("specrepo.yaml", "specs: specs\nfront_matter: true\n")
    git_repo.commit("init", {"specs/SPEC-0001.md": MARKDOWN, "specs/mkdocs.yml": "nav: []\n",
                             "specs/SPEC-0002.md": MARKDOWN.replace("0001", "0002")})
    git_repo.write("specs/SPEC-0001.md", MARKDOWN.replace("Draft", "Implemented"))
    git_repo.write("specs/mkdocs.yml", "nav: []\nsite_name: x\n")
    git_repo.git("add", "-A")
    return git_repo


@pytest.mark.parametrize("passed", [
    (), ("specs/mkdocs.yml",), ("specs/SPEC-0001.md", "specs/mkdocs.yml"),
    ("specs/SPEC-0002.md",)])
def test_the_verdict_does_not_depend_on_the_files_passed(markdown: GitRepo,
                                                         passed: tuple[str, ...]) -> None:
    result = run_cli(*HOOK, *passed)
    assert result.exit_code == 1, result.output
    assert ("specs/SPEC-0001.md:4:9: error: the commit being made moves the status from Draft "
            "(HEAD's) to Implemented") in result.output


def test_the_paths_passed_are_checked_beside_the_changed_specs(markdown: GitRepo) -> None:
    """`pre-commit run --all-files` passes every file: each is checked, changed or not."""
    markdown.write("specs/SPEC-0001.md", MARKDOWN)
    markdown.git("add", "-A")
    result = run_cli("validate", "--changed-since", "HEAD", "specs/SPEC-0001.md",
                     "specs/SPEC-0002.md", "specs/mkdocs.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 files checked: no problems"
    (markdown.root / "specs/SPEC-0002.md").write_text(MARKDOWN.replace("0001", "0002")
                                                      .replace("Draft", "Bogus"))
    assert run_cli("validate", "--allow-empty", "--changed-since", "HEAD",
                   "specs/mkdocs.yml").exit_code == 1


def test_an_unknown_revision_with_paths_checks_every_spec(git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {"specs/SPEC-0001.yaml": spec_text(),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="Bogus")})
    result = run_cli("validate", "--changed-since", "nope", "specs/SPEC-0001.yaml")
    assert result.exit_code == 1
    assert "validating every spec" in result.stderr
    assert result.stdout.splitlines()[-1] == "2 files checked: 1 error"

"""A hook's run (`validate --history --changed-since HEAD`) asks whether a heading of
`approval: protected:` names a heading some spec has of the commit being made, the index,
as its other checks do (hookleft45b item 1; was: the work tree's files, asked before the
staged versions were known): an unstaged edit that drops the heading staged with it no
longer stops the commit (exit 2), an unstaged edit that adds a heading the staged version
lacks no longer hides the typo, a file never added does not count, and a file the work
tree deleted and the index holds does. `validate` alone and `validate --history` read the
work tree."""

from __future__ import annotations

import pytest

from tests.configuration.test_protected_headings import CONFIG as PROTECTED
from tests.configuration.test_protected_headings import NOTES, SCHEMA
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

HOOK = ("validate", "--allow-empty", "--changed-since", "HEAD", "--history", "--since",
        "HEAD", "--allow-shallow")
"""A raw git hook's command (no file names)."""
CONFIG = PROTECTED.replace('approval: {protected: ["## Notes"]}\n', "")
RECORD = "---\nid: D-{n}\nstatus: draft\n---\n# One\n\n## Decision\n\nYes.\n{notes}"
WITH = RECORD.format(n=1, notes=NOTES)
WITHOUT = RECORD.format(n=1, notes="")
REFUSED = "'## Notes' is a heading that `sections:` does not list"


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Two records without `## Notes`, no heading protected."""
    git_repo.commit("init", {"specrepo.yaml": CONFIG, "s.yaml": SCHEMA, "docs/d1.md": WITHOUT,
                             "docs/d2.md": RECORD.format(n=2, notes="")})
    return git_repo


def staged_then_edited(repo: GitRepo, staged: str, work: str | None) -> None:
    """`## Notes` protected and `staged` at docs/d1.md, both added; then the work tree's
    copy `work` (None: deleted), not staged."""
    repo.write("specrepo.yaml", PROTECTED)
    repo.write("docs/d1.md", staged)
    repo.git("add", "-A")
    if work is None:
        (repo.root / "docs/d1.md").unlink()
    else:
        repo.write("docs/d1.md", work)


def exit_code(*arguments: str) -> int:
    """The run's exit code; a refusal (2) names the heading."""
    result = run_cli(*arguments)
    assert (REFUSED in result.output) == (result.exit_code == 2), result.output
    return result.exit_code


def committed_exit_code(repo: GitRepo) -> int:
    """`validate --history`'s exit code on the commit made of the index, the work tree
    reset to it (CI's)."""
    repo.git("commit", "-q", "-m", "Protect the notes")
    repo.git("reset", "-q", "--hard")
    repo.git("clean", "-q", "-f")
    return exit_code("validate", "--history")


def test_an_unstaged_edit_dropping_the_heading_does_not_stop_the_commit(repo: GitRepo) -> None:
    staged_then_edited(repo, WITH, WITHOUT)
    assert exit_code(*HOOK) == 0
    assert exit_code("validate") == 2  # the work tree's file has no `## Notes`
    assert exit_code("validate", "--history") == 2
    assert committed_exit_code(repo) == 0


def test_an_unstaged_edit_adding_the_heading_does_not_hide_the_typo(repo: GitRepo) -> None:
    staged_then_edited(repo, WITHOUT, WITH)
    assert exit_code(*HOOK) == 2
    assert exit_code("validate") == 0
    assert committed_exit_code(repo) == 2


def test_a_spec_never_added_is_no_spec_of_the_commit(repo: GitRepo) -> None:
    staged_then_edited(repo, WITHOUT, WITHOUT)
    repo.write("docs/d3.md", RECORD.format(n=3, notes=NOTES))  # written, never added
    assert exit_code(*HOOK) == 2
    assert exit_code("validate") == 0
    assert committed_exit_code(repo) == 2


def test_a_file_the_work_tree_deleted_is_the_commits(repo: GitRepo) -> None:
    staged_then_edited(repo, WITH, None)  # `rm`, not staged: the commit keeps it
    assert exit_code(*HOOK) == 0
    assert committed_exit_code(repo) == 0


def test_the_refusal_counts_the_commits_spec_files(repo: GitRepo) -> None:
    staged_then_edited(repo, WITHOUT, WITHOUT)
    repo.write("docs/d3.md", RECORD.format(n=3, notes=""))  # never added
    result = run_cli(*HOOK)
    assert result.exit_code == 2
    assert f"{REFUSED}, none of the 2 spec files has, and no commit's spec file had" \
        in result.output

"""A hook's run (`validate --history --changed-since`) asks git once for what two of its
parts read: where the repository is and HEAD (the walk's `open_repository`, in which the
staged versions are read, `staged_specs`), and the pairing of HEAD's specs with the
commit being made (one diff, one reading of the files, for its moves and the specs it
takes out: `commit_pairing`); a plain run reads of the index what it judges. Counted in
git's trace2 events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

PRE_COMMIT = CHECK[:-1]
"""The pre-commit hook's command (the commit-msg hook's, without `--commit-message`)."""
REVIEWED = "reviewers: [Grace]\n"
PROBE = ["rev-parse", "--path-format=absolute", "--git-common-dir", "--is-shallow-repository"]
"""How `open_repository` asks where the repository is (with HEAD's `log -1` beside it)."""


def traced(repo: GitRepo, folder: Path, monkeypatch: pytest.MonkeyPatch,
           *arguments: str) -> tuple[Result, list[list[str]]]:
    """The result of a run of `arguments`, and the git commands it started (without
    `git`), from git's trace2 events (written in `folder`)."""
    trace = folder / "trace.json"
    trace.write_text("")
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    try:
        result = run_cli(*arguments)
    finally:
        monkeypatch.delenv("GIT_TRACE2_EVENT")
    return result, [event["argv"][1:] for event in map(json.loads, trace.read_text(
        encoding="utf-8").splitlines()) if event.get("event") == "start"]


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 a Draft, SPEC-0002 and SPEC-0003 Approved, committed."""
    git_repo.commit("Draft", {
        "specrepo.yaml": "specs: specs\n",
        "specs/SPEC-0001.yaml": spec_text("SPEC-0001", extra=REVIEWED),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002", extra=REVIEWED),
        "specs/SPEC-0003.yaml": spec_text("SPEC-0003", extra=REVIEWED)})
    for status in ("In Review", "Approved"):
        git_repo.commit(status, {
            f"specs/SPEC-000{number}.yaml": spec_text(f"SPEC-000{number}", status,
                                                      extra=REVIEWED)
            for number in (2, 3)})
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    return git_repo


def test_the_staged_versions_are_read_in_the_repository_the_walk_opened(
        approved: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SPEC-0001 moved to In Review and staged, Draft again in the work tree: the hook
    reads the staged version (`git diff-files`, then `cat-file`) in the repository the
    walk opened, asking git no more where it is, HEAD and its settings: the walk's
    `open_repository` and `since_change`'s four (one for each question it asks)."""
    approved.write("specs/SPEC-0001.yaml", spec_text("SPEC-0001", "In Review", extra=REVIEWED))
    approved.git("add", "specs/SPEC-0001.yaml")
    approved.write("specs/SPEC-0001.yaml", spec_text("SPEC-0001", extra=REVIEWED)
                   + "# not staged\n")
    run_cli(*PRE_COMMIT)  # the cold run walks the history
    result, started = traced(approved, tmp_path, monkeypatch, *PRE_COMMIT)
    assert result.exit_code == 0, result.output
    assert "its staged version differs from the work tree's" in result.output
    assert [argv[0] for argv in started].count("diff-files") == 1
    assert sum(argv[:4] == PROBE for argv in started) == 5


def test_one_pairing_serves_the_moves_and_the_specs_taken_out(
        approved: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A commit that moves SPEC-0003 (`git mv`) and excludes the approved SPEC-0002, its
    file kept: the hook pairs HEAD's specs with the commit's for the move (as history
    reads them) and for the spec taken out (each side with its own `exclude:`) from one
    diff (one `git rev-parse` of its sides), and stops the commit as `validate
    --history` will."""
    approved.git("mv", "specs/SPEC-0003.yaml", "specs/SPEC-0003-moved.yaml")
    approved.write("specrepo.yaml", "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n")
    approved.git("add", "-A")
    run_cli(*PRE_COMMIT)  # the cold run walks the history
    result, started = traced(approved, tmp_path, monkeypatch, *PRE_COMMIT)
    assert result.exit_code == 1, result.output
    assert "the commit being made removes SPEC-0002" in result.output
    sides = [argv for argv in started if argv[:1] == ["rev-parse"]
             and "--show-toplevel" in argv and argv[-1].endswith("^{commit}")]
    assert len(sides) == 1, sides


def test_a_plain_run_lists_the_index_s_spec_paths_alone(
        approved: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain `validate --history` judges the work tree, its configuration included: of
    the index it lists only the spec locations' paths (`staged_away`: a file whose
    removal the index stages is no spec of any `validate --history`), not the
    configuration a hook's run reads there (`index_side`'s staged configuration)."""
    def listed(started: list[list[str]]) -> list[str]:
        found = [argv for argv in started if argv[:2] == ["ls-files", "--stage"]
                 and "--full-name" in argv  # not `gitio.sparse`'s look at the flags
                 and not any(arg.endswith(".mailmap") for arg in argv)]  # hook_git_files
        assert len(found) == 1, started
        return found[0]

    run_cli("validate", "--history")  # the cold run walks the history
    _, plain = traced(approved, tmp_path, monkeypatch, "validate", "--history")
    _, hook = traced(approved, tmp_path, monkeypatch, *PRE_COMMIT)
    assert not any(argument.endswith("specrepo.yaml") for argument in listed(plain))
    assert any(argument.endswith("specrepo.yaml") for argument in listed(hook))

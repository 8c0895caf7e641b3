"""A hook's run (`validate --history --changed-since HEAD`) judges the commit being made, the
index, in its plain checks too (schema, fields, the rules on one spec and across specs;
hookstage44): a staged version the schema refuses fails the hook though the work tree's
copy is valid, at the staged version's line, as CI fails the commit once made; a valid
staged version beside an invalid edit left unstaged passes. `validate` alone and
`validate --history` without `--changed-since` judge the work tree. A raw hook naming the
staged files (`git diff --cached --name-only`, which lists a `git rm`'d file) judges that
removal (trial43b hook-named-staged-removal-no-such-file); a spec file never added is no
file of the commit, so not judged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
"""The hooks' command (`.pre-commit-hooks.yaml`), JSON instead of --quiet."""
FIRST = "specs/SPEC-0001.yaml"
SECOND = "specs/SPEC-0002.yaml"
VALID = spec_text("SPEC-0001", title="Valid")
INVALID = "# a comment\n# another\n" + spec_text("SPEC-0001").replace(
    "authors: [Ada Lovelace]", "authors: 7")
"""The schema refuses its `authors:`, at line 6 (the work tree's valid copy has 4)."""


def findings(output: str) -> list[tuple[str, str, int | None]]:
    """Each finding's rule, file name and line."""
    return sorted((item["rule"], Path(item["file"]).name, item.get("line"))
                  for item in json.loads(output)["findings"])


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """Two Draft specs, committed."""
    git_repo.commit("Drafts", {FIRST: VALID, SECOND: spec_text("SPEC-0002")})
    return git_repo


def staged_then_edited(repo: GitRepo, path: str, staged: str, work: str | None) -> None:
    """`staged` added at `path`, then the work tree's copy `work` (None: deleted), not
    staged: a partial staging (`git add -p`)."""
    repo.write(path, staged)
    repo.git("add", path)
    if work is None:
        (repo.root / path).unlink()
    else:
        repo.write(path, work)


def committed_verdict(repo: GitRepo) -> tuple[int, list[tuple[str, str, int | None]]]:
    """`validate --history`'s verdict on the commit made of the index, the work tree
    reset to it (CI's)."""
    repo.git("commit", "-q", "-m", "Edit")
    repo.git("reset", "-q", "--hard")
    after = run_cli("validate", "--format", "json", "--history", "--since", "HEAD~1")
    return after.exit_code, findings(after.stdout)


@pytest.mark.parametrize("work", [VALID.replace("Valid", "Retitled"), None],
                         ids=["valid in the work tree", "deleted from the work tree"])
def test_an_invalid_staged_version_fails_the_hook(repo: GitRepo, work: str | None) -> None:
    staged_then_edited(repo, FIRST, INVALID, work)
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1, hook.output
    assert findings(hook.stdout) == [("schema", "SPEC-0001.yaml", 6)]
    assert ("its staged version differs from the work tree's" if work is not None else
            "deleted from the work tree, not from the index: its staged version is checked"
            ) in hook.stderr
    exit_code, found = committed_verdict(repo)  # (and its version skipped by the history)
    assert exit_code == 1
    assert ("schema", "SPEC-0001.yaml", 6) in found


def test_a_valid_staged_version_passes_beside_an_invalid_edit(repo: GitRepo) -> None:
    staged_then_edited(repo, FIRST, VALID.replace("Valid", "Retitled"), INVALID)
    hook = run_cli(*HOOK)
    assert hook.exit_code == 0, hook.output
    for plain in (run_cli("validate", "--format", "json"),  # the work tree's
                  run_cli("validate", "--format", "json", "--history")):
        assert plain.exit_code == 1, plain.output
        assert findings(plain.stdout) == [("schema", "SPEC-0001.yaml", 6)]
    assert committed_verdict(repo) == (0, [])


def test_the_rules_across_specs_judge_the_staged_ids(repo: GitRepo) -> None:
    staged_then_edited(repo, SECOND, spec_text("SPEC-0001"), spec_text("SPEC-0002", title="B"))
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1, hook.output
    assert ("duplicate-spec-id", "SPEC-0002.yaml", 1) in findings(hook.stdout)
    assert run_cli("validate").exit_code == 0
    assert committed_verdict(repo)[0] == 1


def test_the_findings_cache_keeps_the_two_versions_apart(repo: GitRepo) -> None:
    staged_then_edited(repo, FIRST, INVALID, VALID.replace("Valid", "Retitled"))
    for _ in range(2):  # cold, then warm
        assert run_cli("validate").exit_code == 0
        assert run_cli(*HOOK).exit_code == 1
        assert run_cli("validate", "--history").exit_code == 0


@pytest.fixture
def approved(repo: GitRepo) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper beside the Draft SPEC-0002."""
    reviewed = "reviewers: [Grace Hopper]\n"
    repo.commit("Review", {FIRST: spec_text("SPEC-0001", "In Review", extra=reviewed)})
    repo.commit("Approve", {FIRST: spec_text("SPEC-0001", "Approved", extra=reviewed)},
                author="Grace Hopper")
    return repo


def test_a_named_staged_removal_is_judged_as_the_removal(approved: GitRepo) -> None:
    approved.git("rm", "-q", SECOND)  # a Draft: its removal is allowed
    names = approved.git("diff", "--cached", "--name-only").split()
    assert names == [SECOND]
    named = run_cli(*HOOK, *names)
    assert named.exit_code == 0, named.output
    approved.git("reset", "-q", "--hard")
    approved.git("rm", "-q", FIRST)  # Approved: its removal is not
    named = run_cli(*HOOK, FIRST)
    assert named.exit_code == 1, named.output
    assert [(rule, name) for rule, name, _ in findings(named.stdout)] == [
        ("illegal-transition", "SPEC-0001.yaml")]


def test_a_named_file_neither_in_the_work_tree_nor_the_index_is_refused(
        approved: GitRepo) -> None:
    result = run_cli(*HOOK, "specs/SPEC-0009.yaml")
    assert result.exit_code == 2, result.output
    assert "no such file or folder" in result.output


def test_a_spec_never_added_is_no_file_of_the_commit(repo: GitRepo) -> None:
    repo.write("specs/SPEC-0003.yaml", INVALID.replace("SPEC-0001", "SPEC-0003"))
    repo.write("specs/SPEC-0004.yaml", spec_text("SPEC-0001"))  # its id taken
    hook = run_cli(*HOOK)
    assert hook.exit_code == 0, hook.output
    assert "specs/SPEC-0003.yaml: not added to the index (untracked)" in hook.stderr
    named = run_cli(*HOOK, "specs/SPEC-0003.yaml")
    assert named.exit_code == 0, named.output
    assert run_cli("validate").exit_code == 1  # the work tree's, as it is
    assert run_cli("validate", "--history").exit_code == 1

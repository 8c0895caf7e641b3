"""The hooks judge the commit being made, which is the index (trial42b hook-status-from-
worktree-not-index): run as a plain git hook, lefthook or husky run it (no stash: the work
tree may hold other versions beside the staged ones), the hook's exit and findings equal
`validate --history`'s on the commit once made, the work tree reset to it, whatever the
work tree holds, for status, reviewers, the approval trailer and protected content, staged
or left in the work tree, in YAML and Markdown specs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.gitrepo import DAY, EPOCH, GitRepo
from tests.history.test_changed_after_approval import PATH, spec
from tests.history.test_hook_plain_checks_staged import staged_then_edited
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
"""The hooks' command (`.pre-commit-hooks.yaml`), JSON instead of --quiet."""
WHEN = EPOCH + 31 * DAY
"""When the commit being made is authored."""
KEP = "keps/sig-node/1001-alpha/README.md"
LINUS = "reviewers: [Grace Hopper, Linus Pauling]\n"
APPROVED = "Tweak\n\nApproved-by: Grace Hopper <grace@example.com>\n"
BY_LINUS = "Tweak\n\nApproved-by: Linus Pauling <linus@example.com>\n"


def findings(output: str) -> tuple[tuple[str, str, int | None], ...]:
    """Each finding's rule, file and line (its message names the work tree or a commit)."""
    return tuple(sorted((item["rule"], Path(item["file"]).name, item.get("line"))
                        for item in json.loads(output)["findings"]))


def hook_then_commit(repo: GitRepo, path: str, staged: str, work: str | None, message: str
                     ) -> list[tuple[int, tuple[tuple[str, str, int | None], ...]]]:
    """The verdicts (exit, findings) of the pre-commit and commit-msg hooks on `staged`
    in the index and `work` in the work tree (None: the file deleted, not staged), then
    `validate --history`'s on the commit made with `message`, the work tree reset to it."""
    staged_then_edited(repo, path, staged, work)
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text(message)
    verdicts = [(result.exit_code, findings(result.stdout)) for result in (
        run_cli(*HOOK), run_cli(*HOOK, "--commit-message", ".git/COMMIT_EDITMSG"))]
    repo.git("commit", "-q", "--allow-empty", "-F", ".git/COMMIT_EDITMSG", date=WHEN)
    repo.git("checkout", "--", path)
    after = run_cli("validate", "--format", "json", "--history", "--since", "HEAD~1")
    return [*verdicts, (after.exit_code, findings(after.stdout))]


@pytest.fixture
def approved(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """SPEC-0001 approved by Grace Hopper; the commit being made is Ada's."""
    git_repo.commit("Draft", {PATH: spec("Draft")})
    git_repo.commit("Review", {PATH: spec("In Review")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    author(monkeypatch)
    return git_repo


def author(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit being made is Ada's, authored at `WHEN`."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"@{WHEN} +0000")


YAML_CASES = {
    "illegal move staged, legal one in the work tree": (
        spec("In Review"), spec("Implemented"), "Close\n", 1),
    "legal move staged, illegal one in the work tree": (
        spec("Implemented"), spec("In Review"), "Close\n", 0),
    "illegal move staged, the file deleted in the work tree": (
        spec("In Review"), None, "Close\n", 1),
    "legal move staged, the file deleted in the work tree": (
        spec("Implemented"), None, "Close\n", 0),
    "protected change staged, undone in the work tree": (
        spec(summary="Why, what and how."), spec(), "Tweak\n", 1),
    "protected change in the work tree only": (
        spec(), spec(summary="Why, what and how."), "Tweak\n", 0),
    "protected change staged with an approval trailer": (
        spec(summary="Why, what and how."), spec(), APPROVED, 0),
    "reviewer staged who approves in the trailer": (
        spec(summary="Why, what and how.", reviewers=LINUS),
        spec(summary="Why, what and how."), BY_LINUS, 1),  # (added by the commit)
    "reviewer in the work tree only who approves in the trailer": (
        spec(summary="Why, what and how."),
        spec(summary="Why, what and how.", reviewers=LINUS), BY_LINUS, 1),
}


@pytest.mark.parametrize("case", YAML_CASES)
def test_the_hooks_judge_a_yaml_spec_as_its_commit_is_judged(approved: GitRepo,
                                                              case: str) -> None:
    staged, work, message, failing = YAML_CASES[case]
    *hooks, committed = hook_then_commit(approved, PATH, staged, work, message)
    assert committed[0] == failing
    if "protected" not in case and "reviewer" not in case:
        assert hooks[0] == committed  # the pre-commit stage judges no approval
    assert hooks[1] == committed


KEP_CONFIG = """\
specs: keps/**/README.md
front_matter: true
schema: kep.schema.yaml
fields: {id: kep-number, created: creation-date, updated: last-updated,
  approvers: approvers, superseded_by: null, questions: null, related: [],
  item_lists: [], read_as_text: [kep-number, title, owning-sig, status, authors,
  reviewers, approvers]}
statuses:
  states: [provisional, implementable, implemented, deferred, rejected, withdrawn, replaced]
  transitions:
    provisional: [implementable, deferred, rejected, withdrawn, replaced]
    implementable: [implemented, provisional, deferred, withdrawn, replaced]
    implemented: [withdrawn, replaced]
    deferred: [provisional, implementable, withdrawn, rejected]
  terminal: [rejected, withdrawn, replaced]
  in_review: [provisional]
  approved: [implementable, implemented]
rules: {file-name: off}
approval: {protected: ["## Summary", "## Proposal"]}
"""


def kep(status: str = "implementable", summary: str = "Summary of 1001.") -> str:
    return f"""\
---
title: KEP 1001 alpha
kep-number: "1001"
owning-sig: sig-node
status: {status}
authors: [ada]
reviewers: [grace]
approvers: [linus]
creation-date: 2026-01-02
last-updated: 2026-01-02
---
# KEP-1001: alpha

## Summary

{summary}

## Motivation

Why 1001.

## Proposal

We propose 1001.
"""


@pytest.fixture
def keps(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """KEP 1001 in Markdown, made implementable by Linus, its approver."""
    schema = Path(__file__).parents[2] / "examples" / "kep" / "kep.schema.yaml"
    git_repo.commit("Add", {"specrepo.yaml": KEP_CONFIG, "kep.schema.yaml": schema.read_text(),
                            KEP: kep("provisional")})
    git_repo.commit("Approve", {KEP: kep()}, author="Linus Pauling")
    author(monkeypatch)
    return git_repo


KEP_CASES = {
    "illegal move staged, legal one in the work tree": (
        kep("rejected"), kep("implemented"), "Close\n", 1),
    "legal move staged, illegal one in the work tree": (
        kep("implemented"), kep("rejected"), "Close\n", 0),
    "protected section staged, undone in the work tree": (
        kep(summary="Summary, rewritten."), kep(), "Tweak\n", 1),
    "protected section in the work tree only": (
        kep(), kep(summary="Summary, rewritten."), "Tweak\n", 0),
    "protected section staged with an approval trailer": (
        kep(summary="Summary, rewritten."), kep(),
        "Tweak\n\nApproved-by: grace <grace@example.com>\n", 0),
}


@pytest.mark.parametrize("case", KEP_CASES)
def test_the_hooks_judge_a_markdown_spec_as_its_commit_is_judged(keps: GitRepo,
                                                                  case: str) -> None:
    staged, work, message, failing = KEP_CASES[case]
    *hooks, committed = hook_then_commit(keps, KEP, staged, work, message)
    assert committed[0] == failing
    if "protected" not in case:
        assert hooks[0] == committed
    assert hooks[1] == committed


def test_a_file_whose_stat_alone_changed_is_the_work_tree_s(approved: GitRepo) -> None:
    """`git diff-files` names a file touched since the index was written: its content is
    the index's, so no note says it differs."""
    (approved.root / PATH).touch()
    result = run_cli(*HOOK)
    assert result.exit_code == 0
    assert "staged version differs" not in result.output
    approved.write(PATH, spec("In Review"))  # unstaged: the commit holds HEAD's
    result = run_cli(*HOOK)
    assert result.exit_code == 0
    assert "its staged version differs from the work tree's" in result.output
    assert run_cli("validate", "--history").exit_code == 1  # not a hook's run: the work tree

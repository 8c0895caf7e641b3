"""A status move is judged by the workflow in force where its commit entered HEAD's
first-parent line (and, with `--since REF`, by REF's too), not only by today's: a change
that widens `statuses:` and makes the move only the widened workflow allows does not pass
`validate --history` (trial34 F2, the lost widen-workflow-in-pr-launders-move.sh), while
a workflow widened in one merged change and used in a later one passes."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
NARROW = "specs: specs\n"
WIDE = """\
specs: specs
statuses:
  states: [Draft, In Review, Approved, Implemented, Rejected, Withdrawn, Superseded]
  transitions:
    Draft: [In Review, Rejected, Withdrawn, Superseded]
    In Review: [Approved, Draft, Rejected, Withdrawn, Superseded]
    Approved: [Implemented, Draft, Rejected, Withdrawn, Superseded]
    Implemented: [Draft, Rejected, Withdrawn, Superseded]
    Rejected: [Draft]
  terminal: [Withdrawn, Superseded]
"""
"""The default workflow, with one move more: a rejected spec may be revived (line 9)."""
REVIVED = {PATH: spec_text()}


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """main: SPEC-0001 added as Draft, then rejected, under the default workflow."""
    git_repo.commit("Start", {PATH: spec_text()})
    git_repo.commit("Reject", {PATH: spec_text(status="Rejected")})
    return git_repo


def laundered(*arguments: str) -> str:
    """The output of `validate --history ARGUMENTS`, which must fail on the revival."""
    validated = run_cli("validate", "--history", *arguments)
    assert validated.exit_code == 1, validated.output
    assert "[illegal-transition]" in validated.stdout
    assert "from Rejected to Draft" in validated.stdout
    return validated.stdout


def passes(*arguments: str) -> None:
    validated = run_cli("validate", "--history", *arguments)
    assert validated.exit_code == 0, validated.output


def test_widening_and_moving_in_one_commit(repo: GitRepo) -> None:
    revive = repo.commit("Widen and revive", {"specrepo.yaml": WIDE, **REVIVED})
    output = laundered()
    assert f"commit {revive[:10]}" in output
    assert "specrepo.yaml:9:" in output  # the setting that newly allows it
    laundered("--since", "HEAD~1")


def test_widening_then_moving_in_two_commits_of_a_pull_request(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Widen", {"specrepo.yaml": WIDE})
    repo.commit("Revive", REVIVED)
    laundered("--since", "main")  # the pull request's check, at its head
    repo.git("checkout", "-q", "main")
    repo.merge("topic")  # merged as it was: the move entered main with the widening
    laundered()
    laundered("--since", "HEAD~1")


def test_moving_then_widening(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "topic")
    revive = repo.commit("Revive", REVIVED)
    widen = repo.commit("Widen", {"specrepo.yaml": WIDE})
    laundered("--since", "main")
    output = laundered()
    assert f"commit {revive[:10]} by" in output
    assert f"the line's workflow changed only after that commit was on the line, in commit " \
        f"{widen[:10]}" in output  # not "changed in the change that makes a move"
    assert "in the change that makes a move" not in output
    repo.git("checkout", "-q", "main")
    repo.merge("topic")
    laundered()


def test_widening_on_a_branch_merged_later_than_its_move(repo: GitRepo) -> None:
    """The branch that moves merges main's widening before it is merged: main's line held
    the widened workflow where the move entered it (as for any later change), so the
    move passes; the widening's own pull request is judged on its own."""
    repo.git("checkout", "-q", "-b", "widen")
    repo.commit("Widen", {"specrepo.yaml": WIDE})
    repo.git("checkout", "-q", "main")
    repo.merge("widen")
    repo.git("checkout", "-q", "-b", "topic", "HEAD~1")  # forked before the widening
    repo.commit("Other work", {"notes.txt": "x\n"})
    repo.merge("main")
    repo.commit("Revive", REVIVED)
    passes("--since", "main")
    repo.git("checkout", "-q", "main")
    repo.merge("topic")
    passes()
    passes("--since", "HEAD~1")


def test_a_branch_that_moved_then_merged_the_widening_fast_forwarded(repo: GitRepo) -> None:
    """The widening merged first; a pull request forked before it moves, merges main
    ("Update branch") and is fast-forwarded: its check (`--since` main, before and after)
    passes, the move entered main after the widening. The whole history cannot tell it
    from a move pushed onto main before a widening merged: reported, and said so truly
    (wf35)."""
    repo.git("checkout", "-q", "-b", "topic")
    repo.git("checkout", "-q", "-b", "widen", "main")
    repo.commit("Widen", {"specrepo.yaml": WIDE})
    repo.git("checkout", "-q", "main")
    repo.merge("widen")
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "topic")
    revive = repo.commit("Revive", REVIVED)
    update = repo.merge("main", message="Update branch")
    passes("--since", "main")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "topic")
    passes("--since", base)
    output = laundered()
    assert f"commit {revive[:10]} by" in output
    assert f"changed only after that commit was on the line, in commit {update[:10]}" \
        in output
    assert "fast-forwarded" in output
    assert "in the change that makes a move" not in output


def test_a_workflow_widened_in_one_change_and_used_in_a_later_one(repo: GitRepo) -> None:
    repo.commit("Widen", {"specrepo.yaml": WIDE})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Revive", REVIVED)
    passes("--since", "main")
    repo.git("checkout", "-q", "main")
    repo.merge("topic")
    passes()


def test_a_move_the_workflow_narrowed_later_stays_judged_by_today(repo: GitRepo) -> None:
    """Narrowing is judged as before: today's workflow judges every move too."""
    repo.commit("Widen", {"specrepo.yaml": WIDE})
    repo.commit("Revive", REVIVED)
    passes()
    repo.commit("Narrow", {"specrepo.yaml": NARROW})
    laundered()


def test_the_work_tree_is_judged_by_heads_workflow(repo: GitRepo) -> None:
    """A pre-commit hook: the commit being made widens the workflow and moves."""
    repo.write("specrepo.yaml", WIDE)
    repo.write(PATH, spec_text())
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1, validated.output
    assert "the work tree moves the status from Rejected (HEAD's) to Draft" \
        in validated.stdout
    repo.commit("Widen", {PATH: spec_text(status="Rejected")})  # HEAD widens alone
    repo.write(PATH, spec_text())
    passes()


def test_the_work_tree_message_names_the_configuration_file_given(
        git_repo: GitRepo) -> None:
    """With `--config`, the message names that file, not specrepo.yaml (cfg37's finding)."""
    git_repo.commit("Start", {"team.yaml": NARROW, PATH: spec_text(status="Rejected")})
    git_repo.write("team.yaml", WIDE)
    git_repo.write(PATH, spec_text())
    validated = run_cli("--config", "team.yaml", "validate", "--history")
    assert validated.exit_code == 1, validated.output
    assert "the committed workflow (team.yaml as HEAD holds it)" in validated.stdout
    assert "the work tree's workflow allows it (team.yaml:9:" in validated.stdout
    assert "specrepo.yaml" not in validated.stdout


def test_the_work_tree_message_names_the_file_head_holds(repo: GitRepo) -> None:
    """`git mv specrepo.yaml cfg.yaml` staged with a wider workflow and a revival, run
    with `--config cfg.yaml` (a pre-commit hook): the workflow that forbids the move is
    HEAD's specrepo.yaml, named so; cfg.yaml, the staged file, allows it (trial38b
    hook-committed-workflow-named-as-new-file: both were named cfg.yaml)."""
    repo.git("mv", "specrepo.yaml", "cfg.yaml")
    repo.write("cfg.yaml", WIDE)
    repo.write(PATH, spec_text())
    repo.git("add", "-A")
    validated = run_cli("--config", "cfg.yaml", "validate", "--history")
    assert validated.exit_code == 1, validated.output
    assert ("which the committed workflow (specrepo.yaml as HEAD holds it) does not allow "
            "(from Rejected: nowhere); the work tree's workflow allows it (cfg.yaml:9:") \
        in validated.stdout


def test_a_range_over_changes_merged_one_after_the_other(repo: GitRepo) -> None:
    """`--since` over several merged changes: the widening merged in one, its use merged
    in a later one, each judged where it entered main's line."""
    start = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "widen")
    repo.commit("Widen", {"specrepo.yaml": WIDE})
    repo.git("checkout", "-q", "main")
    repo.merge("widen")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Revive", REVIVED)
    repo.git("checkout", "-q", "main")
    repo.merge("topic")
    passes("--since", start)


def test_births_in_a_state_the_same_change_lets_new_specs_start_in(repo: GitRepo) -> None:
    """`statuses.initial` widened in the commit that adds a spec in the new entry state."""
    repo.commit("Widen and add", {
        "specrepo.yaml": WIDE + "  initial: [Draft, Rejected]\n",
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="Rejected")})
    validated = run_cli("validate", "--history")
    assert validated.exit_code == 1, validated.output
    assert "created the spec in Rejected, which the workflow in force" in validated.stdout
    assert "(a new spec starts in Draft)" in validated.stdout


def accepting(commit: str) -> str:
    return (f"{NARROW}accepted_transitions:\n  - commit: {commit}\n    spec: SPEC-0001\n"
            "    reason: revived\n")


def test_an_acceptance_made_in_the_change_that_makes_the_move(repo: GitRepo) -> None:
    """`accepted_transitions:` accepts moves already made: one added by the change that
    makes the move launders it, as a widened workflow would."""
    repo.git("checkout", "-q", "-b", "topic")
    revive = repo.commit("Revive", REVIVED)
    repo.commit("Accept", {"specrepo.yaml": accepting(revive)})
    laundered("--since", "main")
    repo.git("checkout", "-q", "main")
    repo.merge("topic")
    told_true(laundered())


def told_true(output: str) -> None:
    """trial36: the entry's warning gives the true reason it accepts nothing."""
    [warning] = [line for line in output.splitlines() if "[unused-acceptance]" in line]
    assert warning.startswith("specrepo.yaml:3:")
    assert "this entry came in the change that makes the move" in warning
    assert "mistyped" not in warning


def test_an_acceptance_of_a_move_made_before_passes(repo: GitRepo) -> None:
    revive = repo.commit("Revive", REVIVED)  # pushed past the gate
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Accept", {"specrepo.yaml": accepting(revive)})
    passes("--since", "main")
    repo.git("checkout", "-q", "main")
    repo.merge("topic")
    passes()
    passes("--since", "HEAD~1")

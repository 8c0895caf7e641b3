"""`git commit --amend` through the installed hooks, whatever it stages: the commit being
made replaces HEAD, so everything HEAD changed is the new commit's own change, judged
against HEAD's parents (its status moves, its births, its removals, its edits of approved
content, the references it breaks, the configuration and schema it changes), and the
hooks' verdict is the one `validate --history` gives the amended commit once made
(trial44c: an amend that staged nothing passed HEAD's illegal move, `0 files checked`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_amend_moves import install
from tests.history.test_staged_approval import git_commit
from tests.support import run_cli

ONE, TWO, THREE = "specs/SPEC-0001.yaml", "specs/SPEC-0002.yaml", "specs/SPEC-0003.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"
LINKS_TO_TWO = "background:\n  related_work:\n    - spec: SPEC-0002\n"
OWNER_SCHEMA = ('{"$schema": "https://json-schema.org/draft/2020-12/schema", '
                '"type": "object", "required": ["id", "owner"]}\n')

HeadChange = Callable[[GitRepo], None]
"""What HEAD does, committed with `--no-verify` (the hooks skipped, or not installed yet)."""


def _head(repo: GitRepo, files: dict[str, str | None], message: str = "HEAD") -> None:
    for path, text in files.items():
        if text is None:
            repo.git("rm", "-q", path)
        else:
            repo.write(path, text)
            repo.git("add", path)
    repo.git("commit", "-q", "--no-verify", "-m", message)


AMENDED = "before HEAD, which the commit being made amends"
ROWS: dict[str, tuple[HeadChange, str | None]] = {
    "an illegal status move": (lambda repo: _head(repo, {
        TWO: spec_text("SPEC-0002", "Implemented", extra=REVIEWED)}),
        f"moves the status from Draft ({AMENDED}) to Implemented"),
    "a spec born approved": (lambda repo: _head(repo, {
        "specs/SPEC-0004.yaml": spec_text("SPEC-0004", "Approved", extra=REVIEWED)}),
        "adds the spec in Approved"),
    "the removal of an approved spec": (lambda repo: _head(repo, {ONE: None}),
                                        f"removes SPEC-0001 from the spec set (its file "
                                        f"deleted or moved where no location reads it) "
                                        f"while it is Approved ({AMENDED})"),
    "an unapproved edit of approved content": (lambda repo: _head(repo, {
        ONE: spec_text(status="Approved", title="Renamed", extra=REVIEWED).replace(
            "summary: Why and what.", "summary: Changed.")}),
        "summary changed after SPEC-0001 was approved"),
    "the removal of a spec another references": (lambda repo: _head(repo, {TWO: None}),
                                                 "[unknown-reference]"),
    "a configuration that takes an approved spec out": (lambda repo: _head(repo, {
        "specrepo.yaml": f"specs: specs\nexclude: {ONE}\n"}),
        f"removes SPEC-0001 from the spec set (its file kept, no longer read as a spec by "
        f"the configuration the commit being made holds (as staged): `specs:` or "
        f"`exclude:`) while it is Approved ({AMENDED})"),
    "a schema that refuses an unchanged spec": (lambda repo: _head(repo, {
        "owner.json": OWNER_SCHEMA, "specrepo.yaml": "specs: specs\nschema: owner.json\n"}),
        "specs/SPEC-0003.yaml:1:1: error: missing required property 'owner'"),
    "a legal move (no finding)": (lambda repo: _head(repo, {
        TWO: spec_text("SPEC-0002", "In Review", extra=REVIEWED)}), None),
}
"""What HEAD does, and what the hooks say of an amend of it (None: nothing, it passes)."""


@pytest.fixture
def hooked(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 Draft -> In Review -> Approved; SPEC-0002 Draft; SPEC-0003 Draft, which
    references SPEC-0002; both hooks installed, as pre-commit installs them."""
    git_repo.commit("Drafts", {ONE: spec_text(), TWO: spec_text("SPEC-0002"),
                               THREE: spec_text("SPEC-0003", extra=LINKS_TO_TWO)})
    git_repo.commit("Review", {ONE: spec_text(status="In Review", extra=REVIEWED)})
    git_repo.commit("Approve", {ONE: spec_text(status="Approved", extra=REVIEWED)},
                    author="Grace Hopper")
    install(git_repo, "pre-commit", "specrepo-validate")
    install(git_repo, "commit-msg", "specrepo-validate-approval")
    return git_repo


@pytest.mark.parametrize("staged", [None, "notes.txt"])
@pytest.mark.parametrize("row", list(ROWS))
def test_an_amend_is_judged_as_the_commit_it_makes(hooked: GitRepo, row: str,
                                                   staged: str | None) -> None:
    change, said = ROWS[row]
    change(hooked)
    if staged is not None:  # an unrelated file: no spec, nothing the hooks check
        hooked.write(staged, "x\n")
        hooked.git("add", staged)
    amended = git_commit(hooked, "--amend", "-m", "Reworded")
    output = amended.stdout + amended.stderr
    made = git_commit(hooked, "--amend", "--no-verify", "-m", "Reworded")
    assert made.returncode == 0, made.stderr
    history = run_cli("validate", "--history", env={"SPECREPO_NO_RESULT_CACHE": "1"})
    expected = 0 if said is None else 1
    assert (amended.returncode, history.exit_code) == (expected, expected), \
        output + history.output
    if said is not None:
        assert said in output
        # the summary counts the files judged, that the commit being made no longer
        # holds too (swapmerge46: the removal of an approved spec said `0 files checked`)
        assert "0 files checked" not in output, output


def test_before_the_first_commit_every_staged_spec_is_judged_in_silence(
        git_repo: GitRepo) -> None:
    """No HEAD yet: a normal hook case, no `unknown revision 'HEAD'` warning; every spec
    is new, judged against nothing (a spec born Approved is no birth to check before
    adoption, and a schema error is one)."""
    install(git_repo, "pre-commit", "specrepo-validate")
    git_repo.write(ONE, spec_text())
    git_repo.git("add", "-A")
    first = git_commit(git_repo, "-m", "Adopt")
    assert (first.returncode, first.stdout + first.stderr) == (0, "")
    git_repo.git("update-ref", "-d", "HEAD")  # unborn again, the index kept
    git_repo.write(TWO, "id: SPEC-0002\n")  # no title, status...
    git_repo.git("add", "-A")
    refused = git_commit(git_repo, "-m", "Adopt")
    assert refused.returncode == 1
    assert "unknown revision" not in refused.stderr
    assert "specs/SPEC-0002.yaml" in refused.stdout + refused.stderr


def test_amending_the_first_commit_judges_every_spec_it_holds(git_repo: GitRepo) -> None:
    """HEAD is a root commit: the commit being made changes every file from nothing, so a
    spec the schema refuses that HEAD added is judged even when the amend stages nothing."""
    git_repo.write(ONE, "id: SPEC-0001\n")
    git_repo.git("add", "-A")
    git_repo.git("commit", "-q", "--no-verify", "-m", "Adopt")
    install(git_repo, "pre-commit", "specrepo-validate")
    amended = git_commit(git_repo, "--amend", "-m", "Adopt, reworded")
    assert amended.returncode == 1, amended.stdout + amended.stderr
    assert "1 file checked" in amended.stdout + amended.stderr


@pytest.mark.parametrize("row", ["an illegal status move", "the removal of an approved spec"])
def test_an_amend_that_undoes_head_s_change_passes(hooked: GitRepo, row: str) -> None:
    """The amend stages the file back as HEAD's parent holds it: the commit it makes
    changes nothing of the spec, whatever HEAD did."""
    ROWS[row][0](hooked)
    path = TWO if "move" in row else ONE
    hooked.git("checkout", "HEAD~1", "--", path)
    amended = git_commit(hooked, "--amend", "--allow-empty", "-m", "Undone")
    assert amended.returncode == 0, amended.stdout + amended.stderr
    assert run_cli("validate", "--history").exit_code == 0

"""A workflow state renamed (`OK` -> `Accepted` in `states`, the schema and the spec) while
a pull request is open, by the pull request or by main, the pull request's merge fetched two
deep (actions/checkout's `refs/pull/1/merge`, or the merge alone): a rename is no move, in
the shallow clone as in a full one (README "Shallow clones"; trial41
shallow-pr-state-rename-false-illegal-transition: the boundary commits, whose parents the
clone lacks, read the rename as the illegal move OK -> Accepted)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_renamed_approved_states import PATH, approve, renamed, spec
from tests.history.test_shallow_pr_main_moves import _clones, _outputs, _verdicts

OTHER = ("id: SPEC-0002\ntitle: U\nstatus: Draft\nauthors: [Ada Lovelace]\n"
         "reviewers: []\nsummary: Another.\n")


def _origin(folder: Path, renamed_on: str) -> GitRepo:
    """SPEC-0001 approved as OK on main; the pull request renames the state, main adds a
    spec (`renamed_on` "pull-request"), or the pull request adds a line to SPEC-0001 that
    no approval covers and main renames the state ("main"); refs/pull/1/merge merges it."""
    repo = GitRepo(folder / "origin")
    approve(repo, "OK")
    repo.git("checkout", "-q", "-b", "topic")
    if renamed_on == "pull-request":
        repo.commit("rename OK to Accepted", renamed("Accepted", "Accepted"))
    else:
        repo.commit("pull request: a note", {PATH: spec("OK") + "notes: A typo fixed.\n"})
    repo.git("checkout", "-q", "main")
    if renamed_on == "main":
        repo.commit("rename OK to Accepted", renamed("Accepted", "Accepted"))
    else:
        repo.commit("main moves on", {"specs/SPEC-0002.yaml": OTHER})
    repo.git("checkout", "-q", "-b", "merge")
    repo.clock += 86400
    repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    repo.git("update-ref", "refs/pull/1/merge", repo.git("rev-parse", "HEAD"))
    repo.git("checkout", "-q", "main")
    repo.git("branch", "-q", "-D", "merge")
    return repo


@pytest.mark.parametrize("renamed_on", ["pull-request", "main"])
@pytest.mark.parametrize("checkout", ["actions", "merge"])
def test_a_state_renamed_while_a_pull_request_is_open_is_no_move_in_a_shallow_clone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renamed_on: str,
        checkout: str) -> None:
    """`validate --history` and `report --fail-on` pass in the full clone, and every
    history gate gives the same verdict at depth 2, warm as cold."""
    full, clone = _clones(_origin(tmp_path, renamed_on), tmp_path, checkout)
    verdicts = _verdicts(full, monkeypatch, checkout)
    assert verdicts[:3] == [0, [], 0], verdicts  # validate --history, report --fail-on
    assert _verdicts(clone, monkeypatch, checkout) == verdicts
    warm = _outputs(clone, monkeypatch)
    shutil.rmtree(clone / ".git" / "specrepo")
    assert _outputs(clone, monkeypatch) == warm

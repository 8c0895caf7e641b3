"""A spec moved where its commit's own configuration reads no spec (a folder only an older
`specs:` read) left the spec set at that move, whatever came after: moved on inside what no
configuration reads, its status changed there, or its file deleted, the removal is judged
once, at the move that took it out, in the status it left in. Moved out, back in and out
again: the removal brought back left nothing, the last stands. Each case is judged warm
(the cache written before the last commit) and cold, alike."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec, warm_and_cold
from tests.support import run_cli

ACTIVE, ARCHIVE = "specs/active/SPEC-0002.yaml", "specs/archive/SPEC-0002.yaml"


def narrowed(repo: GitRepo) -> None:
    """SPEC-0002 Approved in specs/active/, then `specs:` narrowed to specs/active."""
    repo.commit("Draft", {"specs/active/SPEC-0001.yaml": spec("SPEC-0001", "Draft"),
                          ACTIVE: spec("SPEC-0002", "Approved")})
    repo.commit("Narrow", {"specrepo.yaml": "specs: specs/active\n"})


def moved(repo: GitRepo, source: str, target: str) -> str:
    (repo.root / target).parent.mkdir(parents=True, exist_ok=True)
    repo.git("mv", source, target)
    return repo.commit(f"Move to {target}")


@pytest.mark.parametrize("after", ["moved-on", "withdrawn-and-deleted", "deleted"])
def test_a_spec_moved_out_is_removed_at_that_move(git_repo: GitRepo, after: str) -> None:
    """Moved to specs/archive/ (unread since the narrowing), then moved on to
    specs/old/, or set Withdrawn there and deleted, or deleted: one removal, at the
    first move, while Approved."""
    narrowed(git_repo)
    out = moved(git_repo, ACTIVE, ARCHIVE)
    if after == "withdrawn-and-deleted":
        git_repo.commit("Withdraw while out", {ARCHIVE: spec("SPEC-0002", "Withdrawn")})

    def last() -> object:
        if after == "moved-on":
            return moved(git_repo, ARCHIVE, "specs/old/SPEC-0002.yaml")
        return git_repo.commit("Delete", {ARCHIVE: None})
    verdict = warm_and_cold(git_repo, last)
    assert verdict == (1, 1, [(out, ACTIVE, "Approved", None)],
                       [("SPEC-0002", out, "Approved", None)])
    assert run_cli("validate", "--history", "--since", f"{out}~1").exit_code == 1
    assert run_cli("validate", "--history", "--since", out).exit_code == 0  # after it


def test_moved_out_back_in_and_out_again_is_removed_at_the_last(git_repo: GitRepo) -> None:
    """Out, back into specs/active/ unchanged (nothing left), out again: one removal, at
    the last move."""
    narrowed(git_repo)
    moved(git_repo, ACTIVE, ARCHIVE)
    moved(git_repo, ARCHIVE, ACTIVE)
    out: list[str] = []
    verdict = warm_and_cold(git_repo, lambda: out.append(moved(git_repo, ACTIVE, ARCHIVE)))
    assert verdict == (1, 1, [(out[0], ACTIVE, "Approved", None)],
                       [("SPEC-0002", out[0], "Approved", None)])

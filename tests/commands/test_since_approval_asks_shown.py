"""`diff --since-approval SPEC...` asks what the configuration counted approved then
(`with_approved_then`, a `git` read of each approving commit's configuration) only of the
specs it may show: those a SPEC argument names, not every spec of the history (hook38,
small39); without an argument, of every spec HEAD holds."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from specrepo.history import approval_protection
from tests.history.gitrepo import GitRepo
from tests.history.test_approved_states_narrowed import NARROWED
from tests.history.test_changed_after_approval import spec
from tests.support import run_cli

OTHER = "specs/SPEC-0002.yaml"


def test_only_the_named_specs_approval_is_looked_up(git_repo: GitRepo,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Two specs approved in two commits, `approved:` narrowed after: the diff of
    SPEC-0001 reads the configuration of its approval's commit alone, and still shows
    its change since approval."""
    approvals = {}
    for number in ("0001", "0002"):
        path = f"specs/SPEC-{number}.yaml"
        text = spec().replace("SPEC-0001", f"SPEC-{number}")
        git_repo.commit("Draft", {path: text.replace("Approved", "Draft")})
        git_repo.commit("Review", {path: text.replace("Approved", "In Review")})
        approvals[number] = git_repo.commit("Approve", {path: text}, author="Grace Hopper")
    git_repo.commit("Narrow; reword FR-1", {"specrepo.yaml": NARROWED, "specs/SPEC-0001.yaml":
                                            spec(requirement="Count all.")})
    asked: list[set[str]] = []
    real = approval_protection.approved_states_at

    def spy(config: object, git: object, state: object, commits: Iterable[str],
            since: object = None) -> object:
        asked.append(set(commits))
        return real(config, git, state, commits, since)  # type: ignore[arg-type]

    monkeypatch.setattr(approval_protection, "approved_states_at", spy)
    result = run_cli("diff", "--since-approval", "SPEC-0001")
    assert "Count all.  [protected]" in result.output, result.output
    assert set().union(*asked) == {approvals["0001"]}, asked
    asked.clear()
    assert "Count all.  [protected]" in run_cli("diff", "--since-approval").output
    assert set().union(*asked) == {approvals["0001"], approvals["0002"]}, asked

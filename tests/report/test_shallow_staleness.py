"""`report --fail-on stale` in a shallow clone (`--allow-shallow`): a spec whose last change
is before the clone's history starts is idle at least since the boundary; where that lower
bound is within its limit, the gate can neither pass nor fail on it and refuses (exit 2,
naming it), never passing what a full clone fails (trial49); where the bound already
exceeds the limit, the spec is stale in any clone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.history.gitrepo import shallow_clone_of_two_specs
from tests.support import run_cli


@pytest.mark.parametrize(("now", "full", "shallow"), [
    ("2026-01-18", 1, 2),  # In Review since 01-03 (15 days), the boundary 01-05 (13 days)
    ("2026-01-25", 1, 1),  # 20 days even from the boundary: stale however deep the clone
    ("2026-01-10", 0, 2),  # 7 days: fresh in the full clone, unknown in the shallow one
])
def test_a_stale_gate_does_not_pass_on_an_age_the_clone_hides(
        tmp_path: Path, now: str, full: int, shallow: int) -> None:
    origin, clone = shallow_clone_of_two_specs(tmp_path)
    gate = ("report", "--fail-on", "stale", "--now", now)
    os.chdir(origin.root)
    assert run_cli(*gate).exit_code == full
    os.chdir(clone)
    result = run_cli(*gate, "--allow-shallow")
    assert result.exit_code == shallow, result.output
    if shallow == 2:
        assert "--fail-on stale cannot judge specs last changed before this shallow clone's " \
               "history starts: SPEC-0001 (In Review, idle at least" in result.stderr
        assert "git fetch --unshallow" in result.stderr
        assert run_cli("report", "--allow-shallow", "--now", now).exit_code == 0  # no gate

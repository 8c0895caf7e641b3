"""Partial clones (`--filter=blob:none`) whose later configuration reads fewer files than an
earlier one did (an `exclude:` added, a glob one, `specs:` narrowed, the spec folder
moved): the walk reads each commit's versions by the configuration of its time, so the
batch fetch brings those versions too; none comes through git's lazy fetch of one
object, cold or continuing a cache restored from an earlier clone."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_partial_clone import fetched_as
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

KEPT = "specs/active/SPEC-0001.yaml"


def _history(origin: GitRepo, before: str, other: str, after: str, moved: str) -> str:
    """Four versions of SPEC-0001 (at `KEPT`) and of SPEC-0002 (at `other`, under the
    configuration `before`), then the configuration `after` (SPEC-0002 at `moved`), then
    two versions of SPEC-0001; returns the commit before the configuration changed."""
    origin.commit("Configuration", {"specrepo.yaml": before})
    for number, status in enumerate(["Draft", "Draft", "In Review", "Approved"]):
        origin.commit(f"Step {number}", {
            KEPT: spec_text(status=status, title=f"Kept {number}"),
            other: spec_text("SPEC-0002", status, f"Other {number}")})
    early = origin.git("rev-parse", "HEAD")
    origin.commit("Change the configuration", {
        "specrepo.yaml": after, other: None,
        moved: spec_text("SPEC-0002", "Approved", "Other 3")})
    for number in (4, 5):
        origin.commit(f"Step {number}", {KEPT: spec_text(status="Approved",
                                                          title=f"Kept {number}")})
    return early


SCENARIOS: dict[str, Callable[[GitRepo], str]] = {
    "exclude added later": lambda origin: _history(
        origin, "specs: specs\n", "specs/SPEC-0002.yaml",
        "specs: specs\nexclude:\n  - specs/SPEC-0002.yaml\n", "specs/SPEC-0002.yaml"),
    "glob exclude added later": lambda origin: _history(
        origin, "specs: specs\n", "specs/old/SPEC-0002.yaml",
        "specs: specs\nexclude:\n  - 'specs/old/*.yaml'\n", "specs/old/SPEC-0002.yaml"),
    "specs narrowed later": lambda origin: _history(
        origin, "specs: specs\n", "specs/SPEC-0002.yaml", "specs: specs/active\n",
        "specs/SPEC-0002.yaml"),
    "folder moved out": lambda origin: _history(
        origin, "specs: specs\n", "specs/SPEC-0002.yaml", "specs: specs/active\n",
        "archive/SPEC-0002.yaml"),
}

COMMANDS = [["validate", "--history"], ["report"], ["diff", "--since-approval"],
            ["timeline", "SPEC-0001"]]


def _clone(origin: GitRepo, target: Path, branch: str = "main") -> Path:
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", "-b", branch,
                    f"file://{origin.root}", str(target)], check=True, capture_output=True)
    return target


@pytest.mark.parametrize("restored", [False, True], ids=["cold", "restored cache"])
@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_versions_an_older_configuration_reads_come_in_the_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scenario: str,
        arguments: list[str], restored: bool) -> None:
    """Every fetch is one specrepo started (a batch), none one git started below another
    command for a single object; the answers are a full clone's. `restored`: the cache of
    a clone of the commit before the configuration changed, copied into a clone of
    today's (as CI restores one), continued over the later commits."""
    origin = GitRepo(tmp_path / "origin")
    early = SCENARIOS[scenario](origin)
    origin.git("branch", "early", early)
    origin.git("config", "uploadpack.allowFilter", "true")
    origin.git("config", "uploadpack.allowAnySHA1InWant", "true")
    monkeypatch.chdir(origin.root)
    expected = run_cli(*arguments)
    clone = _clone(origin, tmp_path / "clone")
    if restored:
        monkeypatch.chdir(_clone(origin, tmp_path / "earlier", "early"))
        run_cli(*arguments)
        shutil.copytree(tmp_path / "earlier" / ".git" / "specrepo", clone / ".git" / "specrepo")
    monkeypatch.chdir(clone)
    hierarchies = fetched_as(monkeypatch, tmp_path / "trace", arguments, expected)
    assert all(name == "fetch" for name in hierarchies), hierarchies

"""The files other tools read from specrepo's repository: the action and the hook list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_action_installs_itself_and_runs_the_three_checks() -> None:
    action = load("action.yml")
    assert set(action["inputs"]) == {"paths", "fail-on", "python-version"}
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    assert steps[1]["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    scripts = [step.get("run", "") for step in steps]
    assert scripts[2].startswith("specrepo validate --format github")
    assert scripts[3] == "specrepo render --check"
    assert scripts[4].startswith("specrepo report --summary")
    # Inputs reach scripts through the environment only, so they cannot inject commands.
    assert not any("${{" in script for script in scripts)


def test_pre_commit_hooks() -> None:
    hooks = {hook["id"]: hook for hook in load(".pre-commit-hooks.yaml")}
    assert hooks["specrepo-validate"]["entry"] == "specrepo validate --quiet --changed-since HEAD"
    assert hooks["specrepo-validate"]["pass_filenames"] is True
    assert hooks["specrepo-validate"]["always_run"] is True  # deletions are never passed
    assert hooks["specrepo-render-check"]["entry"] == "specrepo render --check"
    assert hooks["specrepo-render-check"]["pass_filenames"] is False

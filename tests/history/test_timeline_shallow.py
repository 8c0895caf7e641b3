"""`timeline --allow-shallow` says what the site says of a shallow clone: a spec already
there at the clone's boundary was not created there (`history-starts`, in every format),
and the JSON says where the history starts (note 26: it showed "created" by the author of
the boundary commit)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from specrepo.model.events import HISTORY_STARTS
from tests.history.gitrepo import shallow_clone_of_two_specs
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too


@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """The shallow clone (the working folder) and its boundary commit."""
    _, folder = shallow_clone_of_two_specs(tmp_path)
    monkeypatch.chdir(folder)
    boundary = subprocess.run(["git", "rev-parse", "HEAD~1"], cwd=folder, check=True,
                              capture_output=True, text=True).stdout.strip()
    return folder, boundary


def timeline(*arguments: str) -> str:
    result = run_cli("timeline", *arguments, "--allow-shallow", no_traceback=True)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_spec_there_at_the_boundary_was_not_created_there(clone: tuple[Path, str]) -> None:
    _, boundary = clone
    document = json.loads(timeline("SPEC-0001", "--format", "json"))
    assert document["history"] == {"complete": False, "starts_at": [boundary]}
    [event] = document["events"]
    assert (event["kind"], event["commit"], event["to"]) == (HISTORY_STARTS, boundary,
                                                               "In Review")
    note = (f"SPEC-0001 was already In Review where this shallow clone's history starts "
            f"(commit {boundary[:10]}, history-starts): it was not created there, and what "
            "happened before is not known")
    assert note in document["warnings"]
    result = run_cli("timeline", "SPEC-0001", "--allow-shallow", no_traceback=True)
    table = result.stdout
    [row] = [line for line in table.splitlines() if line.startswith("2026-")]
    assert row.split()[1:2] == [boundary[:10]] and " history-starts " in row
    assert note not in table  # said once, on stderr, as every command's warnings
    assert result.stderr.count(f"specrepo: warning: {note}\n") == 1
    markdown = timeline("SPEC-0001", "--format", "markdown")
    assert "| history-starts |" in markdown and "| created |" not in markdown
    assert note in markdown


def test_a_spec_created_after_the_boundary_was_created(clone: tuple[Path, str]) -> None:
    _, boundary = clone
    document = json.loads(timeline("SPEC-0002", "--format", "json"))
    assert document["history"] == {"complete": False, "starts_at": [boundary]}
    assert [event["kind"] for event in document["events"]] == ["created"]
    assert not any("was already" in warning for warning in document["warnings"])


def test_a_complete_history_says_so(clone: tuple[Path, str]) -> None:
    folder, _ = clone
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=folder, check=True)
    document = json.loads(timeline("SPEC-0001", "--format", "json"))
    assert document["history"] == {"complete": True, "starts_at": []}
    assert [event["kind"] for event in document["events"]][:2] == ["created", "status-changed"]
    assert not any("was already" in warning for warning in document["warnings"])

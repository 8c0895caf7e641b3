"""An illegal transition's facts reach JSON and SARIF as fields, from a real history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def test_illegal_transition_facts_in_json_and_sarif(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()})
    repo.commit("reject", {"specs/SPEC-0001.yaml": spec_text(status="Rejected")})
    revived = repo.commit("revive", {"specs/SPEC-0001.yaml": spec_text()}, author="Grace Hopper")
    monkeypatch.chdir(repo.root)
    facts = {"commit": revived, "author": "Grace Hopper", "date": "2026-01-04T00:00:00Z",
             "from": "Rejected", "to": "Draft"}
    result = run_cli("validate", "--history", "--format", "json", "--sarif", "log.sarif")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["properties"]) == ("illegal-transition", facts)
    [sarif_result] = json.loads(Path("log.sarif").read_text())["runs"][0]["results"]
    assert sarif_result["properties"] == facts

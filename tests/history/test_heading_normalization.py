"""A protected heading matches a spec's heading however Unicode spells it: typed decomposed
(`e` + U+0301, as macOS and PDFs give it) or with a zero-width space inside, an approved
section rewritten without approval is a finding, and diff marks it protected (trial43
nfd-heading-escapes-approval-protection, HIGH)."""

from __future__ import annotations

import json

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.approval_protection import _wider
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo
from tests.history.test_staged_approval import CHECK
from tests.support import run_cli

NFC = "S\u00e9curit\u00e9"
NFD = "Se\u0301curite\u0301"
ZERO_WIDTH = "S\u00e9cu\u200brit\u00e9"
CONFIG = f"""\
specs: docs
front_matter: true
schema: s.json
fields: {{reviewers: null, questions: null, related: [], item_lists: [], superseded_by: null}}
statuses:
  states: [proposed, accepted]
  transitions: {{proposed: [accepted]}}
  in_review: [proposed]
  approved: [accepted]
approval:
  protected: ["## {NFC}"]
"""


def spec(spec_id: str, heading: str, text: str) -> str:
    return (f"---\nid: {spec_id}\ntitle: T {spec_id}\nstatus: accepted\nauthors: [a]\n"
            f"created: 2026-01-01\nupdated: 2026-01-01\n---\n\n## {heading}\n\n{text}\n")


SPECS = {"ADR-0001": NFC, "ADR-0002": NFD, "ADR-0003": ZERO_WIDTH}


@pytest.fixture
def repo(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    monkeypatch.setenv("SPECREPO_NO_RESULT_CACHE", "1")
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("accepted", {"specrepo.yaml": CONFIG, "s.json": '{"type": "object"}',
                                 **{f"docs/{spec_id}.md": spec(spec_id, heading, "Original.")
                                    for spec_id, heading in SPECS.items()}})
    git_repo.commit("edit", {f"docs/{spec_id}.md": spec(spec_id, heading, "Changed.")
                             for spec_id, heading in SPECS.items()})
    return git_repo


def test_a_heading_spelled_decomposed_or_with_a_zero_width_space_is_protected(
        repo: GitRepo) -> None:
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    for spec_id in SPECS:
        assert f"docs/{spec_id}.md:10:1: error: body." in result.output, result.output
        assert f"changed after {spec_id} was approved" in result.output, result.output
    history = mine_history(load_config(None, repo.root))
    for spec_id, heading in SPECS.items():
        assert [(event.field, event.protected) for event in history.spec(spec_id).events
                if event.kind == "section-changed"] == [(f"body.{heading}", True)]
    since = json.loads(run_cli("diff", "--since-approval", "--format", "json").output)
    assert {spec_diff["new"]["id"]: [change["protected"] for group in spec_diff["changes"]
                              for change in group["changes"]]
            for spec_diff in since["specs"]} == {spec_id: [True] for spec_id in SPECS}


def test_a_heading_retyped_in_another_unicode_form_is_the_same_section(
        repo: GitRepo) -> None:
    """NFC retyped as NFD (an editor's save on macOS): the approved section changed (its
    heading line's bytes), not one section removed and another added."""
    repo.commit("retype", {"docs/ADR-0001.md": spec("ADR-0001", NFD, "Changed.")})
    history = mine_history(load_config(None, repo.root))
    assert [(event.kind, event.field) for event in history.spec("ADR-0001").events
            if event.kind.startswith("section")][-1] == ("section-changed", f"body.{NFD}")


def test_a_protected_heading_retyped_in_the_configuration_protects_nothing_more(
        repo: GitRepo) -> None:
    """The configuration of the approval protected `## Sécurité`; today's names it
    decomposed and upper-cased: the same heading (`heading_key`), so nothing more was
    protected then (no wider settings to judge the change by)."""
    today = CONFIG.replace(f'"## {NFC}"', '"## SE\u0301CURITE\u0301"')
    (repo.root / "specrepo.yaml").write_text(today, encoding="utf-8")
    wider, _ = _wider(load_config(None, repo.root), CONFIG.encode())
    assert wider is None
    other = CONFIG.replace(f'"## {NFC}"', '"## Other"')
    assert _wider(load_config(None, repo.root), other.encode())[0] is not None


@pytest.mark.parametrize("retyped", [NFD, ZERO_WIDTH, NFC.upper()])
def test_a_hook_places_a_change_under_a_heading_retyped_where_the_commit_does(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch, retyped: str) -> None:
    """The commit being made retypes ADR-0001's approved heading (NFC, changed since its
    approval) decomposed, with a zero-width space or in capitals: the hook's finding on
    HEAD's change stands at the heading's line, where `validate --history` puts it once
    committed (trial43b hook-nfd-heading-finding-at-body-start: the body's first line, as
    for a section removed, where the label recorded composed named no heading)."""
    for who in ("AUTHOR", "COMMITTER"):  # the commit being made's, as git names it
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ada Lovelace")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ada@example.com")
    repo.write("docs/ADR-0001.md", spec("ADR-0001", retyped, "Changed again.").replace(
        "\n\n## ", "\n\n## Context\n\nWhy.\n\n## ", 1))  # the heading on line 14
    repo.git("add", "-A")
    (repo.root / ".git" / "COMMIT_EDITMSG").write_text("retype\n")
    for hook in (run_cli("validate", "--history", "--changed-since", "HEAD"),
                 run_cli(*CHECK, ".git/COMMIT_EDITMSG")):
        found = [line for line in hook.output.splitlines() if "ADR-0001" in line]
        assert found and all(line.startswith("docs/ADR-0001.md:14:1: error: body.")
                             for line in found), hook.output
    repo.commit("retype")
    after = run_cli("validate", "--history")
    assert "docs/ADR-0001.md:14:1: error: body." in after.output, after.output

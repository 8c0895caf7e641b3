"""A protected Markdown section's reference-style links resolve to definitions that may
stand anywhere in the body: re-pointing one changes the section that uses it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

EXAMPLE = Path(__file__).parents[2] / "examples" / "madr-markdown"
DECISION = "docs/decisions/0003-keep-decision-metadata-in-front-matter.md"


@pytest.fixture
def madr(git_repo: GitRepo) -> GitRepo:
    """The git repository holding examples/madr-markdown, nothing committed."""
    (git_repo.root / "specrepo.yaml").unlink()
    shutil.rmtree(git_repo.root / "specs")
    shutil.copytree(EXAMPLE, git_repo.root, dirs_exist_ok=True)
    return git_repo


def test_re_pointing_a_protected_sections_reference_link_is_a_change_of_it(
        madr: GitRepo) -> None:
    decision = madr.root / DECISION
    text = decision.read_text()
    assert "because tools read it without guessing." in text
    text = text.replace("because tools read it without guessing.",
                        "because [the parser][P] reads it without guessing.")
    text += "\n[p]: https://pyyaml.org/\n"
    madr.commit("init", {DECISION: text})
    madr.commit("accept", {DECISION: text.replace("status: proposed", "status: accepted")})
    assert run_cli("validate", "--history").exit_code == 0
    moved = text.replace("status: proposed", "status: accepted").replace(
        "https://pyyaml.org/", "https://evil.example/")
    madr.commit("update a link", {DECISION: moved})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "body.Decision Outcome changed after ADR-0003 was approved" in result.output
    diff = run_cli("diff", "--since-approval").output
    assert "body.Decision Outcome:  [protected]" in diff
    assert "[P]: https://[-pyyaml-]{+evil+}" in diff.split("body.More Information")[0]
    assert diff.count("https://[-pyyaml-]{+evil+}") == 2  # each section says it once


def test_an_edit_elsewhere_changes_no_section_that_uses_a_reference(
        madr: GitRepo) -> None:
    """Final trial 28: the older side of a section was compared without the definitions
    its references resolve to, so such a section changed at every commit."""
    decision = madr.root / DECISION
    text = decision.read_text().replace(
        "because tools read it without guessing.",
        "because [the parser][p] reads it without guessing.") + "\n[p]: https://pyyaml.org/\n"
    madr.commit("init", {DECISION: text})
    accepted = text.replace("status: proposed", "status: accepted")
    madr.commit("accept", {DECISION: accepted})
    more = "\n## More Information\n"
    assert more in accepted
    madr.commit("note", {DECISION: accepted.replace(more, more + "\nA note.\n")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 0, result.output
    timeline = run_cli("timeline", "ADR-0003").output
    assert "Decision Outcome" not in timeline


def test_rewording_a_protected_sections_footnote_is_a_change_of_it(madr: GitRepo) -> None:
    """trial29a L1: a GFM footnote (`[^scope]`) in a protected section, defined at the end
    of the body (under an unprotected section, over two lines), is part of what the
    section says; an edit elsewhere in the body changes it not."""
    decision = madr.root / DECISION
    text = decision.read_text().replace(
        "because tools read it without guessing.",
        "because tools read it without guessing[^Scope].") \
        + "\n[^scope]: Only for records\n    written after 2024.\n"
    madr.commit("init", {DECISION: text})
    accepted = text.replace("status: proposed", "status: accepted")
    madr.commit("accept", {DECISION: accepted})
    more = "\n## More Information\n"
    madr.commit("note", {DECISION: accepted.replace(more, more + "\nA note.\n")})
    assert run_cli("validate", "--history").exit_code == 0
    madr.commit("footnote", {DECISION: accepted.replace(
        "written after 2024.", "written after 2030.")})
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert "body.Decision Outcome changed after ADR-0003 was approved" in result.output
    diff = run_cli("diff", "--since-approval").output
    assert "body.Decision Outcome:  [protected]" in diff
    assert "written after [-2024-]{+2030+}." in diff.split("body.More Information")[0]

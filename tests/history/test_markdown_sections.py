"""The body of Markdown specs in history, diff and changed-after-approval, on real
repositories: each section changed is a `section-changed` event named by its heading path,
protected when a heading in `approval: protected:` covers it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.load.markdown_body import HeadingText
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

PATH = "docs/idea.md"
CONFIG = """\
specs: docs
front_matter: true
schema: idea.schema.yaml
fields: {created: null, updated: null, questions: null, superseded_by: null}
rules: {file-name: "off"}
statuses:
  states: [Draft, Approved]
  transitions: {Draft: [Approved], Approved: [Draft]}
  in_review: [Draft]
  approved: [Approved]
approval:
  protected: [goals, "## **Proposal**"]
"""
SCHEMA = "type: object\nrequired: [id, title, status]\n"
SPEC = """\
---
id: IDEA-1
title: An idea
status: {status}
authors: [Ada]
reviewers: [Grace]
goals: [fast]
---
# An idea

Why.

## Summary

{summary}

## Proposal

We do it.

### Design

It works like {design}.
"""


def spec(status: str = "Approved", summary: str = "Short.", design: str = "this") -> str:
    return SPEC.format(status=status, summary=summary, design=design)


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    (git_repo.root / "specrepo.yaml").unlink()
    git_repo.commit("Draft", {"specrepo.yaml": CONFIG, "idea.schema.yaml": SCHEMA,
                              PATH: spec("Draft")})
    git_repo.commit("Approve", {PATH: spec()}, author="Grace Hopper")
    return git_repo


def events(repo: GitRepo) -> list[tuple[str, str, bool]]:
    history = mine_history(load_config(None, repo.root))
    return [(event.kind, event.field, event.protected)
            for event in history.spec("IDEA-1").events]


def test_each_changed_section_is_an_event_protected_under_a_protected_heading(
        repo: GitRepo) -> None:
    repo.commit("Summary", {PATH: spec(summary="Shorter.")})
    repo.commit("Design", {PATH: spec(summary="Shorter.", design="that")})
    repo.commit("Line breaks", {PATH: spec(summary="Shorter.", design="that")
                                .replace("\n", "\r\n")})
    assert events(repo)[2:] == [("section-changed", "body.Summary", False),
                                ("section-changed", "body.Proposal > Design", True)]
    timeline = run_cli("timeline", "IDEA-1").output
    assert "section-changed  body.Proposal > Design" in timeline
    warm = events(repo)  # from the cache, the same
    (repo.root / ".git" / "specrepo" / "history-cache.json").unlink()
    assert events(repo) == warm


def test_a_change_under_a_protected_heading_after_approval_is_a_finding_at_its_heading(
        repo: GitRepo) -> None:
    repo.commit("Summary", {PATH: spec(summary="Shorter.")})
    assert run_cli("validate", "--history").exit_code == 0  # an unprotected section
    change = repo.commit("Design", {PATH: spec(design="that")}, author="Linus Pauling")
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert (f"{PATH}:21:1: error: body.Proposal > Design changed after IDEA-1 was approved "
            f"(section-changed in commit {change[:10]} by Linus Pauling") in result.output
    repo.commit("Approve again", {PATH: spec("Draft", design="that")})
    repo.commit("Approved", {PATH: spec(design="that")})
    assert run_cli("validate", "--history").exit_code == 0


def test_a_removed_section_or_field_is_a_finding_where_it_was_not_at_the_status(
        repo: GitRepo) -> None:
    """A protected section removed stands at the section above it (else the body's first
    line), a front-matter field removed at the front matter, its JSON path naming it; the
    status line, about another field, is no place for either (trial34 F4)."""
    def placed() -> dict[str, tuple[int, str]]:
        document = json.loads(run_cli("validate", "--history", "--format", "json").stdout)
        return {found["message"].split(" changed")[0]: (found["line"], found["json_path"])
                for found in document["findings"]}

    repo.commit("No design", {PATH: spec().replace("### Design\n\nIt works like this.\n",
                                                   "")}, author="Linus Pauling")
    assert placed() == {"body.Proposal > Design": (17, "$")}  # at `## Proposal`
    repo.commit("No proposal", {PATH: spec().split("## Proposal")[0]}, author="Linus Pauling")
    assert placed()["body.Proposal"] == (9, "$")  # the body's first line
    repo.commit("No goals", {PATH: spec().replace("goals: [fast]\n", "")},
                author="Linus Pauling")
    assert placed()["goals"] == (2, "$.goals")  # the front matter's first field


def test_a_formatter_pass_over_an_approved_spec_changes_nothing(repo: GitRepo) -> None:
    """trial31 6: re-wrapping a protected paragraph, another bullet marker and trailing
    spaces (prettier, markdownlint --fix) show the reader the same: no event, no finding,
    in validate, report and diff alike; a changed word in the same commit still counts."""
    listed = spec(design="this\n\n* one\n* two")
    repo.commit("Draft again", {PATH: listed.replace("status: Approved", "status: Draft")})
    repo.commit("Approve again", {PATH: listed}, author="Grace Hopper")
    formatted = listed.replace("It works like this", "It works \nlike this").replace("* ", "- ")
    repo.commit("prettier --write", {PATH: formatted})
    assert events(repo)[-1][0] != "section-changed"
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 0
    assert "No spec changed." in run_cli("diff", "HEAD~1..HEAD").output
    repo.commit("Edit", {PATH: formatted.replace("- two", "- three")}, author="Linus Pauling")
    assert events(repo)[-1] == ("section-changed", "body.Proposal > Design", True)
    assert run_cli("validate", "--history").exit_code == 1


def test_a_protected_heading_protects_each_section_it_heads(repo: GitRepo) -> None:
    """A heading that stands twice (`## Proposal` again further down: history names its
    section `Proposal (2)`) protects both sections and what is under them."""
    twice = spec() + "\n## Proposal\n\nMore of it.\n"
    repo.commit("Draft again", {PATH: twice.replace("status: Approved", "status: Draft")})
    repo.commit("Approve again", {PATH: twice}, author="Grace Hopper")  # not the author's
    change = repo.commit("Edit the second", {PATH: twice.replace("More of it.", "Less.")})
    assert events(repo)[-1] == ("section-changed", "body.Proposal (2)", True)
    result = run_cli("validate", "--history")
    assert result.exit_code == 1, result.output
    assert (f"body.Proposal (2) changed after IDEA-1 was approved (section-changed in commit "
            f"{change[:10]}") in result.output
    diff = run_cli("diff", "--since-approval", "IDEA-1")
    assert "body.Proposal (2):  [protected]" in diff.output, diff.output


def test_a_section_inserted_above_repeated_headings_shifts_nothing(repo: GitRepo) -> None:
    """trial27b B10b: a `## Proposal` inserted above two is one section added (history,
    diff), and an edit of the one that was second, now third, is caught, at its line."""
    twice = spec() + "\n## Proposal\n\nMore of it.\n"
    repo.commit("Draft again", {PATH: twice.replace("status: Approved", "status: Draft")})
    repo.commit("Approve again", {PATH: twice}, author="Grace Hopper")  # not the author's
    inserted = twice.replace("## Proposal\n\nWe do it.",
                             "## Proposal\n\nA new one.\n\n## Proposal\n\nWe do it.")
    repo.commit("Insert", {PATH: inserted})
    assert events(repo)[-1:] == [("section-changed", "body.Proposal", True)]
    diff = run_cli("diff", "HEAD~1..HEAD").output
    assert "+ body.Proposal: ## Proposal\\n\\nA new one." in diff, diff
    assert "Proposal (2)" not in diff and "Proposal (3)" not in diff, diff
    change = repo.commit("Edit the last", {PATH: inserted.replace("More of it.", "Less.")})
    assert events(repo)[-1] == ("section-changed", "body.Proposal (3)", True)
    result = run_cli("validate", "--history")
    assert f"{PATH}:29:1: error: body.Proposal (3) changed after IDEA-1 was approved " \
           f"(section-changed in commit {change[:10]}" in result.output, result.output


def test_diff_shows_the_sections_that_changed_and_which_are_protected(repo: GitRepo) -> None:
    repo.commit("Both", {PATH: spec(summary="Shorter.", design="that")})
    result = run_cli("diff", "HEAD~1..HEAD")
    assert result.exit_code == 0
    assert "  ~ body.Summary  changed\n" in result.output
    assert "It works like [-this-]{+that+}." in result.output
    assert "[protected]" not in result.output
    since = run_cli("diff", "--since-approval", "--format", "json")
    [spec_diff] = json.loads(since.output)["specs"]
    protected = {group["path_text"]: [change["protected"] for change in group["changes"]]
                 for group in spec_diff["changes"]}
    assert protected == {"body.Summary": [False], "body.Proposal > Design": [True]}
    (repo.root / PATH).write_text(spec(summary="Shorter.", design="that") + "\n## New\n\nx\n")
    work_tree = run_cli("diff").output
    assert "body.New" in work_tree and "body.Summary" not in work_tree


def test_a_heading_protects_only_markdown_bodies(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("approval: {protected: [summary, '## Summary']}\n")
    with pytest.raises(ConfigError, match=r"1:33: approval.protected: '## Summary' is a "
                                          r"heading, and only Markdown specs"):
        load_config(path, tmp_path)
    path.write_text("front_matter: true\napproval: {protected: [summary, '### *Goals*']}\n")
    config = load_config(path, tmp_path)
    assert (config.protected, config.protected_sections) == (
        (("summary",),), (HeadingText(3, "Goals"),))

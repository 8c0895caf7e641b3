"""Markdown specs committed while `front_matter:` is off enter the spec set at the commit
that turns it on, as files a widened `specs:` takes in do (README "Which spec a file is";
trial42b frontmatter-on-after-md-committed-no-history, frontmatter-flip-after-rename-
loses-history): the spec has a history from there, warm and cold alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import DAY, GitRepo
from tests.support import run_cli

DATA = """id: SPEC-0001
title: A
status: {status}
authors: [Ada Lovelace]
reviewers: [{reviewers}]
created: 2026-01-02
updated: 2026-01-02
summary: S.
"""
IN_REVIEW = DATA.format(status="In Review", reviewers="Grace Hopper")
APPROVED = DATA.format(status="Approved", reviewers="{name: Grace Hopper, approved: 2026-01-05}")
CONFIG = "specs: specs\nstale_after_days: {Approved: 3}\n"
MARKDOWN = "specs/SPEC-0001-a.md"


def markdown(data: str) -> str:
    return f"---\n{data}---\n\n# A\n"


def committed_before(repo: GitRepo) -> str:
    """An approved Markdown spec committed while `front_matter:` is off; the switch turned
    on 50 days later; an unrelated commit 30 days after. Returns the switch's commit."""
    repo.commit("docs", {"specrepo.yaml": CONFIG, MARKDOWN: markdown(APPROVED)})
    switch = repo.commit("switch", {"specrepo.yaml": CONFIG + "front_matter: true\n"},
                         date=repo.clock + 50 * DAY)
    repo.commit("notes", {"NOTES.txt": "notes\n"}, date=repo.clock + 30 * DAY)
    return switch


def renamed_before(repo: GitRepo) -> str:
    """A YAML spec approved, renamed to Markdown (front matter written) while
    `front_matter:` is off, the switch turned on 50 days later. Returns the switch."""
    repo.commit("add", {"specrepo.yaml": CONFIG, "specs/SPEC-0001-a.yaml": IN_REVIEW})
    repo.commit("approve", {"specs/SPEC-0001-a.yaml": APPROVED}, author="Grace Hopper")
    repo.commit("rename", {"specs/SPEC-0001-a.yaml": None, MARKDOWN: markdown(APPROVED)})
    switch = repo.commit("switch", {"specrepo.yaml": CONFIG + "front_matter: true\n"},
                         date=repo.clock + 50 * DAY)
    repo.commit("notes", {"NOTES.txt": "notes\n"}, date=repo.clock + 30 * DAY)
    return switch


@pytest.mark.parametrize("built", [committed_before, renamed_before])
def test_markdown_spec_enters_the_set_where_front_matter_turns_on(git_repo: GitRepo,
                                                                  built: object) -> None:
    assert callable(built)
    switch = built(git_repo)
    outputs = []
    for _ in ("cold", "warm"):
        timeline = run_cli("timeline", "SPEC-0001", "--format", "json")
        report = run_cli("report", "--fail-on", "stale")
        outputs.append((timeline.exit_code, timeline.output, report.exit_code, report.output))
    assert outputs[0] == outputs[1]
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert run_cli("timeline", "SPEC-0001", "--format", "json").output == outputs[0][1]
    assert outputs[0][0] == 0  # was: 2, no spec with the id
    assert outputs[0][2] == 1  # was: 0, the spec had no since: never stale
    assert "not committed yet" not in outputs[0][3]
    events = json.loads(outputs[0][1])["events"]
    entered = [event for event in events if event["commit"] == switch]
    assert [(event["kind"], event["to"]) for event in entered
            if event["field"] == "status"] == [("created", "Approved")]


def switched_then_renamed(repo: GitRepo, *, rename_first: bool) -> None:
    """A YAML spec approved, then `front_matter: true` and the rename to `.md` (front
    matter written) in two commits, in either order."""
    repo.commit("add", {"specrepo.yaml": CONFIG, "specs/SPEC-0001-a.yaml": IN_REVIEW})
    repo.commit("approve", {"specs/SPEC-0001-a.yaml": APPROVED}, author="Grace Hopper")
    steps: list[dict[str, str | None]] = [
        {"specrepo.yaml": CONFIG + "front_matter: true\n"},
        {"specs/SPEC-0001-a.yaml": None, MARKDOWN: markdown(APPROVED)}]
    for files in reversed(steps) if rename_first else steps:
        repo.commit("step", files)


def test_a_switch_and_a_rename_give_one_life_in_either_order(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """trial42b frontmatter-on-then-rename-two-lives: switch first, then rename, was two
    lives (deleted while Approved, then `copied`); now one, as in the other order: out of
    the set for one commit, then back (no copy)."""
    seen = []
    for rename_first in (False, True):
        repo = GitRepo(tmp_path / str(rename_first))
        monkeypatch.chdir(repo.root)
        switched_then_renamed(repo, rename_first=rename_first)
        timeline = run_cli("timeline", "SPEC-0001", "--format", "json")
        assert timeline.exit_code == 0, timeline.output
        events = json.loads(timeline.output)["events"]
        validated = run_cli("validate", "--history")
        seen.append(([(event["kind"], event["field"]) for event in events
                      if event["field"] in ("status", "path")], validated.exit_code))
    assert seen[0] == seen[1]
    assert ("copied", "path") not in seen[0][0]


@pytest.mark.parametrize(("kind", "staged", "named"), [
    ("yaml", CONFIG + "front_matter: true\n",
     "`front_matter: true`, which reads only Markdown files (*.md, *.markdown) as specs"),
    ("markdown", CONFIG, "`front_matter:` off, which reads only YAML files (*.yaml, *.yml) as "
                         "specs"),
    ("yaml", CONFIG + "exclude: [specs/SPEC-0001-a.yaml]\n", "`specs:` or `exclude:`"),
])
def test_a_staged_switch_that_takes_an_approved_spec_out_names_front_matter(
        git_repo: GitRepo, kind: str, staged: str, named: str) -> None:
    """trial43 front-matter-switch-blames-specs-exclude: the hook stops the commit, naming
    the setting that takes the spec out: `front_matter:` where its file's kind is no
    longer read, `specs:` or `exclude:` where those changed."""
    path, text, config = ("specs/SPEC-0001-a.yaml", APPROVED, CONFIG) if kind == "yaml" \
        else (MARKDOWN, markdown(APPROVED), CONFIG + "front_matter: true\n")
    git_repo.commit("add", {"specrepo.yaml": config, path: text.replace("Approved", "In Review")})
    git_repo.commit("approve", {path: text}, author="Grace Hopper")
    (git_repo.root / "specrepo.yaml").write_text(staged)
    git_repo.git("add", "specrepo.yaml")
    result = run_cli("validate", "--changed-since", "HEAD", "--history", "--since", "HEAD",
                     "--allow-empty")
    assert result.exit_code == 1, result.output
    assert (f"{path}:1:1: error: the commit being made removes SPEC-0001 from the spec set (its "
            "file kept, no longer read as a spec by the configuration the commit being made "
            f"holds (as staged): {named}) while it is Approved") in result.output

"""The site tells a spec's events, its changelog and the feed in the commit graph's order
(history's), not by date: a commit made on a machine whose clock was behind (dated before
its parent) still comes after its parent."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from specrepo.commands.site import SiteOptions, run
from specrepo.configuration.config_file import load_config
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.site.html_support import elements, parse_page, text_of

ATOM = "{http://www.w3.org/2005/Atom}"
REVIEWER = "reviewers: [Grace Hopper]\n"
FIRST = (REVIEWER + "requirements:\n  functional:\n"
         "    - {id: FR-1, description: Count., priority: P0}\n")
CHANGED = FIRST.replace("Count.", "Count all.")
ADDED = CHANGED + "    - {id: FR-2, description: Sum., priority: P1}\n"


@pytest.fixture
def skewed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[GitRepo, list[str]]:
    """Four commits, the third dated (author and committer) five days before the first, as
    a clock that is behind dates them; the others a day apart."""
    repo = GitRepo(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    path = "specs/SPEC-0001.yaml"
    commits = [
        repo.commit("Draft", {path: spec_text(extra=FIRST)}, date=EPOCH + DAY),
        repo.commit("Count all", {path: spec_text(extra=CHANGED)}, date=EPOCH + 2 * DAY),
        repo.commit("Review, add SPEC-0002", {
            path: spec_text(status="In Review", extra=ADDED),
            "specs/SPEC-0002.yaml": spec_text("SPEC-0002")}, date=EPOCH - 5 * DAY),
        repo.commit("Review SPEC-0002", {
            "specs/SPEC-0002.yaml": spec_text("SPEC-0002", status="In Review", extra=REVIEWER)},
            date=EPOCH + 4 * DAY)]
    assert int(repo.git("log", "-1", "--format=%ct", commits[2])) < \
        int(repo.git("log", "-1", "--format=%ct", commits[0]))
    result = run(load_config(None, repo.root), SiteOptions())
    assert result.exit_code == 0, result.validation.findings
    return repo, commits


def test_a_specs_history_and_changelog_are_newest_first_by_the_graph(
        skewed: tuple[GitRepo, list[str]]) -> None:
    repo, commits = skewed
    page = parse_page((repo.root / "_site/specs/SPEC-0001.html").read_bytes())
    history = next(table for table in elements(page, "table")
                   if "events" in table.get("class", "").split())
    rows = [row for row in elements(history, "tr") if row.get("id")]
    assert [row.get("id") for row in rows] == ["event-2", "event-1"]
    assert "Draft → In Review" in text_of(rows[0]) and "Created" in text_of(rows[1])
    text = text_of(page)
    start = text.index("Requirement changelog")
    changelog = text[start:text.index("History", start)]
    added = changelog.index("requirements.functional[FR-2] added")
    changed = changelog.index("requirements.functional[FR-1] changed")
    assert added < changed  # the skewed commit came after the other: it comes first
    assert commits[2][:7] in changelog[added:changed]


def test_the_feed_is_newest_first_by_the_graph_and_updated_at_its_latest_date(
        skewed: tuple[GitRepo, list[str]]) -> None:
    repo, commits = skewed
    feed = ElementTree.fromstring((repo.root / "_site/feed.atom").read_bytes())
    entries = list(feed.iter(f"{ATOM}entry"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "SPEC-0002: Status Draft → In Review",
        "SPEC-0001: Status Draft → In Review", "SPEC-0002: Created as Draft",
        "SPEC-0001: Created as Draft"]
    contents = [entry.findtext(f"{ATOM}content") or "" for entry in entries]
    assert [commit[:7] for commit in (commits[3], commits[2], commits[2], commits[0])] == [
        content.split("commit ")[1][:7] for content in contents]
    # Each entry keeps its commit's date as git has it: the skewed commit's entries are
    # dated before the entry after them; the feed's own date is the latest of all.
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == ["2026-01-05T00:00:00Z", "2025-12-27T00:00:00Z",
                       "2025-12-27T00:00:00Z", "2026-01-02T00:00:00Z"]
    assert feed.findtext(f"{ATOM}updated") == "2026-01-05T00:00:00Z"


def test_a_branch_commit_dated_ahead_is_updated_at_its_merge(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trial39b feed-branch-ahead-updated-at-head-not-merge: SPEC-0002 created on a branch
    in a commit dated 2100 (a laptop's clock), merged on day 3, HEAD on day 4: its entry
    was updated at HEAD's time (a day no commit touched it); it is at the merge's, as the
    report and the timeline take it."""
    repo = GitRepo(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    repo.commit("init", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("add", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")}, date=4_102_444_800)
    repo.git("checkout", "-q", "main")
    repo.commit("other", {"notes.md": "a\n"}, date=EPOCH + 2 * DAY)
    repo.git("merge", "-q", "--no-ff", "-m", "Merge", "side", date=EPOCH + 3 * DAY)
    repo.commit("later", {"notes.md": "b\n"}, date=EPOCH + 4 * DAY)
    result = run(load_config(None, repo.root), SiteOptions())
    assert result.exit_code == 0, result.validation.findings
    feed = ElementTree.fromstring((repo.root / "_site/feed.atom").read_bytes())
    updated = {entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}updated")
               for entry in feed.iter(f"{ATOM}entry")}
    assert updated == {"SPEC-0002: Created as Draft": "2026-01-04T00:00:00Z",
                       "SPEC-0001: Created as Draft": "2026-01-01T00:00:00Z"}

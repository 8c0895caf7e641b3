"""`specrepo site` says what the report's integrity section says: a shallow clone's partial
history on every page, in specs.json and in the feed (and no creation at its boundary),
illegal status moves and unreadable versions at their events and on the integrity page, and
a deletion between two status periods."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from specrepo.load.schema_source import bundled_schema
from tests.history.gitrepo import DAY, EPOCH, GitRepo, shallow_clone_of_two_specs, spec_text
from tests.site.html_support import parse_page, text_of
from tests.support import run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
APPROVED = "reviewers: [{name: Grace Hopper, approved: 2026-01-03}]\n"


def site(folder: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> dict[str, str]:
    """Build the site of the repository in `folder`; every text file of it by path."""
    monkeypatch.chdir(folder)
    result = run_cli("site", *options)
    assert result.exit_code == 0, result.output
    out = folder / "_site"
    return {path.relative_to(out).as_posix(): path.read_text("utf-8")
            for path in sorted(out.rglob("*")) if path.is_file()}


def page_text(html: str) -> str:
    return " ".join(text_of(parse_page(html.encode("utf-8"))).split())


@pytest.fixture
def shallow_clone(tmp_path: Path) -> tuple[GitRepo, Path]:
    """SPEC-0001 there at the boundary of a clone two commits deep, SPEC-0002 created in
    its last commit (`shallow_clone_of_two_specs`)."""
    return shallow_clone_of_two_specs(tmp_path)


def test_a_shallow_site_says_where_its_history_starts(
        shallow_clone: tuple[GitRepo, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    _, clone = shallow_clone
    boundary = subprocess.run(["git", "rev-parse", "HEAD~1"], cwd=clone, check=True,
                              capture_output=True, text=True).stdout.strip()
    files = site(clone, monkeypatch, "--allow-shallow")
    for name in ("index.html", "specs/SPEC-0001.html", "specs/SPEC-0002.html",
                 "integrity.html", "stale.html"):
        text = page_text(files[name])
        assert "Partial history. This site was built from a shallow clone, whose history " \
               f"starts at commit {boundary[:7]}" in text, name
    first = page_text(files["specs/SPEC-0001.html"])
    assert "Created as" not in first
    assert "Already In Review where this clone's history starts (shallow clone)" in first
    assert "Known only from 2026-01-05 00:00 UTC, where this shallow clone's history " \
           "starts, then In Review since" in first
    # A spec created after the boundary was created.
    assert "Created as Draft" in page_text(files["specs/SPEC-0002.html"])
    index = json.loads(files["specs.json"])
    jsonschema.validate(index, bundled_schema("site-index.schema.json"))
    assert index["history"] == {"complete": False, "starts_at": [boundary]}
    assert [(entry["id"], entry["known_since_boundary"]) for entry in index["specs"]] == [
        ("SPEC-0001", True), ("SPEC-0002", False)]
    feed = ElementTree.fromstring(files["feed.atom"])
    assert [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")] == [
        "SPEC-0002: Created as Draft"]
    assert f"starts at {boundary[:7]}; nothing before it is known" in \
        (feed.findtext(f"{ATOM}subtitle") or "")


def test_a_complete_history_has_no_partial_notice(
        shallow_clone: tuple[GitRepo, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = shallow_clone
    files = site(repo.root, monkeypatch)
    assert "Partial history" not in files["index.html"]
    assert "Partial history" not in files["feed.atom"]
    index = json.loads(files["specs.json"])
    assert index["history"] == {"complete": True, "starts_at": []}
    assert not any(entry["known_since_boundary"] for entry in index["specs"])
    assert "Created as Draft" in page_text(files["specs/SPEC-0001.html"])


@pytest.fixture
def troubled(tmp_path: Path) -> GitRepo:
    """SPEC-0001 moved Draft -> Approved (the workflow forbids it), deleted, restored;
    SPEC-0002 has a historical version that cannot be read."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(),
                        "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    repo.commit("approve", {"specs/SPEC-0001.yaml": spec_text(status="Approved",
                                                              extra=APPROVED)},
                author="Jan Fischer", date=EPOCH + 4 * DAY)
    repo.commit("delete", {"specs/SPEC-0001.yaml": None}, date=EPOCH + 7 * DAY)
    repo.commit("restore", {"specs/SPEC-0001.yaml": spec_text(status="Approved",
                                                              extra=APPROVED)},
                date=EPOCH + 9 * DAY)
    repo.commit("break", {"specs/SPEC-0002.yaml": "id: SPEC-0002\nstatus: [unclosed\n"},
                date=EPOCH + 10 * DAY)
    repo.commit("mend", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")},
                date=EPOCH + 11 * DAY)
    return repo


def test_the_site_shows_the_report_integrity_problems(
        troubled: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    files = site(troubled.root, monkeypatch)
    allowed = "Not allowed by the workflow; from Draft it allows In Review, Rejected, " \
              "Withdrawn, Superseded"
    integrity = page_text(files["integrity.html"])
    assert "SPEC-00012026-01-05DraftApproved" in integrity
    assert f"Jan Fischer{allowed}" in integrity
    assert "Historical versions skipped as unreadable1" in integrity
    assert "specs/SPEC-0002.yaml" in integrity
    spec_page = files["specs/SPEC-0001.html"]
    text = page_text(spec_page)
    assert f"Status Draft → Approved⚠ {allowed}" in text
    assert '<tr id="event-2" class="has-problem">' in spec_page
    # The chart's mark says it too, in its text alternative.
    assert 'class="mark mark-problem" href="#event-2" aria-label="Status Draft → Approved, ' \
           '2026-01-05 00:00 UTC, by Jan Fischer, commit' in spec_page
    assert f"Problem: {allowed}" in spec_page
    assert "skipped the fields it could not read" in page_text(files["specs/SPEC-0002.html"])
    assert "could not be read" not in text
    # Every page links to the integrity page, with the number of problems.
    for name in ("index.html", "specs/SPEC-0001.html", "trace.html" if "trace.html" in files
                 else "stale.html"):
        assert 'integrity.html">Integrity <span class="nav-count">2</span>' in files[name]
    feed = files["feed.atom"]
    assert f"{allowed}." in feed


def test_a_deletion_between_two_status_periods_is_said(
        troubled: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    text = page_text(site(troubled.root, monkeypatch)["specs/SPEC-0001.html"])
    assert "Draft for 3 days, then Approved for 3 days, then deleted on 2026-01-08 00:00 " \
           "UTC, restored on 2026-01-10 00:00 UTC, then Approved since 2026-01-10" in text
    assert "deleted2026-01-08 00:00 UTC2026-01-10 00:00 UTC2 days" in text
    assert "Restored as Approved" in text
    assert "Created as Approved" not in text


def test_an_accepted_move_is_shown_as_accepted_with_its_reason(
        troubled: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    approve = troubled.git("log", "--format=%H", "--grep=approve", "-1")
    (troubled.root / "specrepo.yaml").write_text(
        "specs: specs\naccepted_transitions:\n"
        f"  - {{commit: {approve}, spec: SPEC-0001, reason: approved in the meeting}}\n")
    troubled.commit("accept")
    files = site(troubled.root, monkeypatch)
    integrity = page_text(files["integrity.html"])
    assert "Accepted status changes" in integrity
    assert "Jan Fischerapproved in the meeting" in integrity
    assert "No status change the workflow forbids." in integrity
    text = page_text(files["specs/SPEC-0001.html"])
    assert "Accepted (accepted_transitions: approved in the meeting); the workflow does " \
           "not allow it" in text
    assert "Not allowed by the workflow; from Draft" not in text

"""Who made a change of the spec set by the configuration, and when, comes from the `git
log` of the configuration file's line that found the change (`LineChange.meta`), on HEAD's
first-parent line and on a merged branch's alike: the same as `git show -s` says (the
mailmap's name, the author's date and offset, the committer's date), and no `git show` nor
`git rev-parse COMMIT^@` is started for it (cold40: 5 and 4 of them in a cold `report` of
the benchmark's 11,000 commits)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import commit_meta
from specrepo.history.departures import CACHE_FILE as DEPARTURES_CACHE
from specrepo.history.mine import mine_history
from specrepo.model.event import Event
from tests.history.gitrepo import GitRepo, spec_text
from tests.history.test_spec_set_departures import REVIEWED, approved_project


def started(trace: Path) -> list[list[str]]:
    """The git commands a run started (git's trace2 events), without `git`."""
    return [event["argv"][1:] for event in map(json.loads, trace.read_text().splitlines())
            if event.get("event") == "start"]


def _traced_departures(repo: GitRepo, folder: Path, monkeypatch: pytest.MonkeyPatch
                       ) -> tuple[tuple[Event, ...], list[list[str]]]:
    """The departures of a cold run on `repo` and the git commands it started (`started`;
    the trace written in `folder`)."""
    trace = folder / "trace.json"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    history = mine_history(load_config(None, repo.root))
    assert history.departures is not None
    events = history.departures.events()
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    return events, started(trace)


def test_departures_take_their_authors_from_the_line_s_log(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    approved_project(git_repo)
    git_repo.commit("Mailmap", {".mailmap": "Grace Hopper <gh@navy.mil> <grace@example.com>\n"})
    git_repo.git("checkout", "-q", "-b", "retire")
    on_branch = git_repo.commit(
        "Exclude", {"specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n"},
        author="Grace Brewster", committer_date=git_repo.clock + 90_000, zone="-0530")
    git_repo.git("checkout", "-q", "main")
    on_line = git_repo.commit("Narrow", {"specrepo.yaml": "specs: [specs/SPEC-0002*]\n"},
                              author="Alan Turing", zone="+0200")
    git_repo.merge("retire", author="Linus Torvalds", files={
        "specrepo.yaml": "specs: [specs/SPEC-0002*]\nexclude: [specs/SPEC-0002.yaml]\n"})
    events, asked = _traced_departures(git_repo, tmp_path, monkeypatch)
    git = Git(git_repo.root)
    assert {event.commit for event in events} >= {on_branch, on_line}
    for event in events:
        meta = commit_meta(git, event.commit)
        assert (event.author, event.email, event.authored, event.committed,
                event.author_offset) == (meta.author, meta.email, meta.authored,
                                         meta.committed, meta.author_offset)
    assert any(event.author == "Grace Hopper" and event.author_offset == -330
               and event.committed > event.authored for event in events)
    assert [argv for argv in asked if argv[:1] == ["show"]
            or (argv[:1] == ["rev-parse"] and argv[-1].endswith("^@"))] == []
    assert any(argv[:2] == ["log", "--first-parent"] for argv in asked)  # and it was read


def _merged(repo: GitRepo, name: str, steps: list[tuple[str, dict[str, str | None]]],
            on_main: str) -> dict[str, str]:
    """`steps` (subject, files) committed on branch `name`, a commit of main's own
    (SPEC-0001's status `on_main`), then the branch merged: the branch's commits by
    subject."""
    repo.git("checkout", "-q", "-b", name)
    made = {subject: repo.commit(subject, files) for subject, files in steps}
    repo.git("checkout", "-q", "main")
    repo.commit(f"Main {name}", {"specs/SPEC-0001.yaml": spec_text(
        "SPEC-0001", status=on_main, extra=REVIEWED)})
    repo.merge(name)
    return made


def test_merged_branches_ask_git_nothing_per_merge_nor_per_branch(
        git_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """cold41: a cold run's departures read the configuration's history from the walk's
    one log of it, and which merge brought a commit, HEAD's line and where each merged
    branch forked from the walk's commit graph: no `git log --full-history` of their own,
    no `git rev-list --ancestry-path` per commit that changed the spec locations on a
    branch, no `git rev-list --first-parent` of HEAD's line nor of a branch's, however
    many branches were merged (here three: one merged quietly, two whose merges changed
    the spec locations), and the same events as the runs before."""
    both, narrow = "specs: [specs, design]\n", "specs: specs\n"
    git_repo.commit("Adopt", {"specrepo.yaml": both, "specs/SPEC-0001.yaml": spec_text(
        "SPEC-0001", status="Draft", extra=REVIEWED)})
    git_repo.commit("Main narrows", {"specrepo.yaml": narrow})
    quiet = _merged(git_repo, "quiet", [
        ("Widen", {"specrepo.yaml": both}),
        ("Born", {"design/SPEC-0003.yaml": spec_text("SPEC-0003", status="Approved",
                                                     extra=REVIEWED)}),
        ("Narrower", {"specrepo.yaml": narrow})], "In Review")
    _merged(git_repo, "wide", [("Widen again", {"specrepo.yaml": both})], "Draft")
    narrowed = _merged(git_repo, "narrow", [
        ("Born too", {"design/SPEC-0004.yaml": spec_text("SPEC-0004", status="Approved",
                                                         extra=REVIEWED)}),
        ("Narrower too", {"specrepo.yaml": narrow})], "In Review")
    events, asked = _traced_departures(git_repo, tmp_path, monkeypatch)
    assert {quiet["Narrower"], narrowed["Narrower too"]} <= {event.commit for event in events}
    assert [argv for argv in asked if argv[:2] in (["rev-list", "--ancestry-path"],
                                                   ["rev-list", "--first-parent"])
            and "--max-parents=0" not in argv] == []
    assert [argv for argv in asked if argv[:1] == ["log"] and "--full-history" in argv] \
        == [argv for argv in asked if argv[:2] == ["log", "-z"]]
    assert len([argv for argv in asked if argv[:2] == ["log", "-z"]]) == 1
    assert [argv for argv in asked if argv[:1] == ["rev-parse"] and "^" in argv[-1]] == []


def test_departures_start_few_gits(git_repo: GitRepo, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The departures of a merge that changed the spec locations, its branch's line and
    the merges' left-out specs, read one after another (the history cache warm, the
    departures' own removed): the readers share one `cat-file` (none closing it for the
    next to start another), ask it for the commits' trees (no `git log --no-walk`) and
    their files (no `git diff-tree` of its own), and whether a line's first change of the
    configuration found it there (no `cat-file -e`, no `diff-tree` for where it came
    from), and the work tree's attributes are asked once per path (perf49: a cold `report`
    of the benchmark's 11,000 commits started 58-59 gits, now 47-48; perf53: 15 after
    mining where 27 were)."""
    approved_project(git_repo)
    git_repo.git("checkout", "-q", "-b", "retire")
    git_repo.commit("Exclude", {"specrepo.yaml": "specs: specs\nexclude: [specs/SPEC-0002.yaml]\n"})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("Narrow", {"specrepo.yaml": "specs: [specs/SPEC-0002*]\n"})
    git_repo.merge("retire", files={
        "specrepo.yaml": "specs: [specs/SPEC-0002*]\nexclude: [specs/SPEC-0002.yaml]\n"})
    cold, _ = _traced_departures(git_repo, tmp_path, monkeypatch)
    (git_repo.root / ".git" / DEPARTURES_CACHE).unlink()
    (tmp_path / "trace.json").unlink()
    events, asked = _traced_departures(git_repo, tmp_path, monkeypatch)
    assert events == cold and events  # read again from git, the same
    assert [argv for argv in asked if argv[:2] == ["cat-file", "--batch"]] == [
        ["cat-file", "--batch"]]
    assert [argv for argv in asked if "--no-walk=unsorted" in argv] == []
    assert len([argv for argv in asked if argv[:1] == ["check-attr"]]) == 1
    assert [argv for argv in asked if argv[:2] == ["cat-file", "-e"]
            or (argv[:1] == ["diff-tree"] and "--always" not in argv)] == []  # cat-file's

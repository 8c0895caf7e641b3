"""A spec moved *and* renumbered in the commit that changes the spec locations (`specs:
specs` -> `specs: rfcs` with `git mv specs/* rfcs/`, or an `exclude:` added) is the same
spec to every command: the departures of the spec set pair the two sides of such a commit
by the walk's lineage (the same id, then git's rename detection confirmed by `same_spec`:
`configured_sides.continued`), so `validate --history` judges no removal where `timeline`
and `report` follow a move (trial36c). What the lineage does not pair (a big edit, a new
title) is a removal and a new spec in every command, with or without the configuration
change."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.history.configured_sides import carrying
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import (
    approved_project,
    removed,
    spec,
    verdicts,
    warm_and_cold,
)
from tests.support import run_cli

RENUMBERED = spec("RFC-0002", "Approved")
"""SPEC-0002 of `approved_project`, renumbered and otherwise unchanged."""
MOVES = {
    "folder": ("specs: rfcs\n", "rfcs/RFC-0002.yaml", "rfcs/SPEC-0001.yaml"),
    "exclude": ("specs: specs\nexclude: [specs/drafts/*]\n", "specs/core/RFC-0002.yaml",
                "specs/SPEC-0001.yaml"),
}
"""A change of the spec locations, where it puts SPEC-0002 renumbered, and SPEC-0001."""


def move_and_renumber(repo: GitRepo, how: str, text: str = RENUMBERED) -> str:
    """One commit: the locations changed (`MOVES[how]`), SPEC-0002 moved there as RFC-0002
    with `text`, SPEC-0001 moved (or kept) with it; returns the commit."""
    config, renumbered, first = MOVES[how]
    return repo.commit("Move and renumber", {
        "specrepo.yaml": config, "specs/SPEC-0002.yaml": None, renumbered: text,
        **({"specs/SPEC-0001.yaml": None, first: spec("SPEC-0001", "Draft")}
           if first != "specs/SPEC-0001.yaml" else {})})


def kinds(spec_id: str) -> list[tuple[str, str | None, str | None]]:
    """`timeline`'s events of `spec_id`: (kind, before, after)."""
    shown = run_cli("timeline", spec_id, "--format", "json")
    assert shown.exit_code == 0, shown.output
    return [(event["kind"], event["from"], event["to"])
            for event in json.loads(shown.stdout)["events"]]


@pytest.mark.parametrize("how", sorted(MOVES))
def test_moved_and_renumbered_with_the_locations_stays_in_the_set(git_repo: GitRepo,
                                                                  how: str) -> None:
    approved_project(git_repo)
    assert warm_and_cold(git_repo, lambda: move_and_renumber(git_repo, how)) \
        == (0, 0, [], [])
    renumbered = MOVES[how][1]
    assert ("moved", "specs/SPEC-0002.yaml", renumbered) in kinds("RFC-0002")
    assert ("id-changed", "SPEC-0002", "RFC-0002") in kinds("RFC-0002")
    assert "deleted" not in {kind for kind, _, _ in kinds("RFC-0002")}
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert {(item["id"], item["status"], item["path"]) for item in report["specs"]} \
        >= {("RFC-0002", "Approved", renumbered)}


def test_moved_and_renumbered_where_its_commit_excludes_is_a_removal(
        git_repo: GitRepo) -> None:
    """The file went on, but where the commit's own configuration reads no spec."""
    approved_project(git_repo)
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit("Archive", {
        "specrepo.yaml": "specs: specs\nexclude: [specs/archive/*]\n",
        "specs/SPEC-0002.yaml": None, "specs/archive/RFC-0002.yaml": RENUMBERED}))
    removed(verdict, git_repo.git("rev-parse", "HEAD"))


@pytest.mark.parametrize("how", ["folder", "exclude", None])
@pytest.mark.parametrize("text", [spec("RFC-0002", "Approved", "".join(
    f"background{line}: Rewritten from the start, line {line}.\n" for line in range(20))),
    spec("RFC-0002", "Approved").replace("title: A spec", "title: Another")],
    ids=["rewritten", "retitled"])
def test_what_the_lineage_does_not_pair_is_a_removal_and_a_birth(
        git_repo: GitRepo, how: str | None, text: str) -> None:
    """Renumbered with a big edit (git's rename detection pairs nothing) or a new title
    (`same_spec` refuses the pair): SPEC-0002 removed and RFC-0002 born Approved, in
    `validate`, `report` and `timeline` alike, whether the commit changed the spec
    locations or not (None: the same folder)."""
    approved_project(git_repo)
    if how is None:
        commit = git_repo.commit("Renumber", {"specs/SPEC-0002.yaml": None,
                                              "specs/RFC-0002.yaml": text})
    else:
        commit = move_and_renumber(git_repo, how, text)
    validated, reported, findings, moves = verdicts()
    assert (validated, reported) == (1, 1)
    assert (commit, "specs/SPEC-0002.yaml", "Approved", None) in findings
    assert sorted(moves, key=str) == sorted([("SPEC-0002", commit, "Approved", None),
                                             ("RFC-0002", commit, None, "Approved")], key=str)
    assert kinds("SPEC-0002")[-1] == ("deleted", "Approved", None)
    assert kinds("RFC-0002") == [("created", None, "Approved")]


@pytest.mark.parametrize("renumber_first", [True, False])
def test_moved_and_renumbered_in_two_commits(git_repo: GitRepo,
                                             renumber_first: bool) -> None:
    """Renumbered in its folder, then moved with the configuration; or the other way."""
    approved_project(git_repo)
    steps = [{"specs/SPEC-0002.yaml": None, "specs/RFC-0002.yaml": RENUMBERED},
             {"specrepo.yaml": "specs: rfcs\n", "specs/SPEC-0001.yaml": None,
              "rfcs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")}]
    steps[1].update({"specs/RFC-0002.yaml": None, "rfcs/RFC-0002.yaml": RENUMBERED}
                    if renumber_first else
                    {"specs/SPEC-0002.yaml": None, "rfcs/SPEC-0002.yaml": spec(
                        "SPEC-0002", "Approved")})
    if not renumber_first:
        steps.reverse()
        steps[1] = {"rfcs/SPEC-0002.yaml": None, "rfcs/RFC-0002.yaml": RENUMBERED}

    def both() -> None:
        for files in steps:
            git_repo.commit("Step", files)
    assert warm_and_cold(git_repo, both) == (0, 0, [], [])
    assert [kind for kind, _, _ in kinds("RFC-0002")].count("moved") == 2


def test_moved_and_renumbered_on_a_branch_merged_with_the_locations(git_repo: GitRepo) -> None:
    """The departures read HEAD's first-parent line: the merge that brings the branch's
    move (its first parent still reading `specs/`) pairs the two sides the same way."""
    approved_project(git_repo)

    def merged() -> str:
        git_repo.git("checkout", "-q", "-b", "rfcs")
        move_and_renumber(git_repo, "folder")
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Elsewhere", {"notes.txt": "x\n"})
        return git_repo.merge("rfcs")
    assert warm_and_cold(git_repo, merged) == (0, 0, [], [])
    assert "deleted" not in {kind for kind, _, _ in kinds("RFC-0002")}


def markdown(spec_id: str, status: str) -> str:
    """A Markdown spec: its data in front matter, its design in the body."""
    return (f"---\nid: {spec_id}\ntitle: Rate limits\nstatus: {status}\nauthors: [Ada]\n"
            f"reviewers: [Grace Hopper]\ncreated: 2026-01-02\nupdated: 2026-01-03\n"
            f"summary: Why and what.\n---\n\n# Rate limits\n\n## Design\n\n"
            "Tokens refill each second.\nA burst takes ten.\n")


def test_a_markdown_spec_moved_and_renumbered_with_the_locations(git_repo: GitRepo) -> None:
    """Its body's sections count in `same_spec` as the walk's do."""
    git_repo.commit("Adopt", {"specrepo.yaml": "specs: specs\nfront_matter: true\n",
                              "specs/SPEC-0001.md": markdown("SPEC-0001", "Draft")})
    git_repo.commit("Review", {"specs/SPEC-0001.md": markdown("SPEC-0001", "In Review")})
    git_repo.commit("Approve", {"specs/SPEC-0001.md": markdown("SPEC-0001", "Approved")})
    assert warm_and_cold(git_repo, lambda: git_repo.commit("Move", {
        "specrepo.yaml": "specs: rfcs\nfront_matter: true\n", "specs/SPEC-0001.md": None,
        "rfcs/RFC-0001.md": markdown("RFC-0001", "Approved")})) == (0, 0, [], [])
    assert ("id-changed", "SPEC-0001", "RFC-0001") in kinds("RFC-0001")


def test_one_version_read_with_each_sides_field_map(git_repo: GitRepo) -> None:
    """`record_at` reads a version as its side's configuration names the fields, whatever
    side read the same version before (a merge and its branch's commit hold the same
    versions, read once a run): the same content read with another field map gives that
    map's record, and read again the same one."""
    from specrepo.configuration.config_file import config_version
    from specrepo.gitio.git_command import Git
    from specrepo.gitio.objects import ObjectReader
    from specrepo.history.configured_sides import record_at

    text = spec("SPEC-0001", "Draft") + "number: RFC-0009\n"
    commit = git_repo.commit("One", {"specs/SPEC-0001.yaml": text})
    today = config_version(b"specs: specs\n", git_repo.root / "specrepo.yaml")
    renamed = config_version(b"specs: specs\nfields:\n  id: number\n",
                             git_repo.root / "specrepo.yaml")
    objects = ObjectReader(Git(git_repo.root), 1 << 20)
    try:
        blob = objects.blob_at(commit, "specs/SPEC-0001.yaml")
        assert blob is not None
        files = {"specs/SPEC-0001.yaml": blob}
        read = [record_at(objects, (files, config), "specs/SPEC-0001.yaml", today)
                for config in (today, renamed, today, renamed)]
    finally:
        objects.close()
    assert [record.id if record else None for record in read] == [
        "SPEC-0001", "RFC-0009", "SPEC-0001", "RFC-0009"]


def test_spec_files_each_set_of_locations_its_own(tmp_path: Path) -> None:
    """`spec_files` keeps the files each configuration's locations read as specs, whatever
    another set of locations, or the same one, matched of the same paths before (the sides
    of a configuration change list the same paths)."""
    from specrepo.gitio.git_command import Git
    from specrepo.history.config_history import configured_locations
    from specrepo.history.configured_sides import spec_files

    tree = {"specrepo.yaml": "1", "specs/a.yaml": "2", "specs/drafts/b.yaml": "3",
            "specs/notes.txt": "4", "other/c.yaml": "5"}
    wide = configured_locations(b"specs: specs\n", "", ())[0]
    narrow = configured_locations(b"specs: specs\nexclude: [specs/drafts/*]\n", "", ())[0]
    git = Git(tmp_path)
    read = [spec_files(git, tree, locations) for locations in (wide, narrow, wide, narrow)]
    assert read == [{"specs/a.yaml": "2", "specs/drafts/b.yaml": "3"}, {"specs/a.yaml": "2"},
                    {"specs/a.yaml": "2", "specs/drafts/b.yaml": "3"}, {"specs/a.yaml": "2"}]


def test_a_line_carried_from_a_known_head_does_not_ask_for_head(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """`carrying` given HEAD's commit (the departures know it) asks git no `rev-parse`
    when the line's paths are asked (perf62: one git fewer in a cold `report`), and the
    paths are those found without it."""
    approved_project(git_repo)
    git, config = Git(git_repo.root), load_config(None, git_repo.root)
    head = git_repo.git("rev-parse", "HEAD").strip()
    unknown = carrying(git, config)
    assert unknown is not None
    asked: list[tuple[str, ...]] = []
    attempt = Git.attempt

    def recorded(git: Git, *arguments: str,
                 stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        asked.append(arguments)
        return attempt(git, *arguments, stdin=stdin)

    monkeypatch.setattr(Git, "attempt", recorded)
    known = carrying(git, config, head)
    assert known is not None
    paths = known.paths("specrepo.yaml")
    assert [arguments for arguments in asked if arguments[:1] == ("rev-parse",)
            and any(argument.startswith("HEAD") for argument in arguments)] == []
    monkeypatch.undo()
    assert paths == unknown.paths("specrepo.yaml")

"""An approved spec leaves the spec set where the configuration of a commit of its own
stopped reading it, not where today's `exclude:` hides its file: a spec moved into an
archive folder that a later commit excludes (or that a later `specs:` drops) is removed by
that later commit (or by the deletion of its file there), once; the move removed nothing.
`timeline` and `report` show the same life: it ends where a commit's configuration stopped
reading the spec and begins where one took its file in. Each case is judged warm (the
cache written before the change, continued after) and cold, alike."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest

from specrepo.history.departures_cache import REMOVALS_FILE
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import (
    HOOK,
    approved_project,
    removed,
    spec,
    verdicts,
    warm_and_cold,
)
from tests.support import run_cli

ARCHIVE = "specs/old/SPEC-0002.yaml"
EXCLUDED = "specs: specs\nexclude: [specs/old]\n"


def archive(repo: GitRepo, where: str = ARCHIVE) -> str:
    """`git mv` of the Approved SPEC-0002 to `where`, committed; the commit."""
    (repo.root / where).parent.mkdir(parents=True, exist_ok=True)
    repo.git("mv", "specs/SPEC-0002.yaml", where)
    return repo.commit("Archive")


@pytest.mark.parametrize("cached_before", ["move", "exclusion"])
def test_moved_into_a_folder_a_later_commit_excludes(git_repo: GitRepo,
                                                     cached_before: str) -> None:
    """One removal, the exclusion's, with the cache written before the move or between
    the move and the exclusion."""
    approved_project(git_repo)
    if cached_before == "exclusion":
        archive(git_repo)
        assert verdicts() == (0, 0, [], [])

    def change() -> str:
        if cached_before == "move":
            archive(git_repo)
        return git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    verdict = warm_and_cold(git_repo, change)
    excluded = git_repo.git("rev-parse", "HEAD")
    removed(verdict, excluded, ARCHIVE)
    assert run_cli("validate", "--history", "--since", "HEAD~1").exit_code == 1
    assert run_cli("validate", "--history", "--since", "HEAD").exit_code == 0
    stored = git_repo.root / ".git" / "specrepo" / REMOVALS_FILE
    assert stored.is_file()  # where it ended, kept for HEAD: answered from the cache
    removed(verdicts(), excluded, ARCHIVE)
    stored.write_bytes(stored.read_bytes().replace(b'"same"', b'{"x": 1}').replace(
        b'[["', b'[[1, "'))  # damaged (its checksum no longer holds, or its rows)
    removed(verdicts(), excluded, ARCHIVE)


def test_accepting_the_exclusion_passes_every_gate(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    archive(git_repo)
    excluded = git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit("Accept", {"specrepo.yaml": (
        f"{EXCLUDED}accepted_transitions:\n  - commit: {excluded[:10]}\n"
        "    spec: SPEC-0002\n    reason: the archive is no longer kept\n")}))
    assert verdict == (0, 0, [], [])
    assert run_cli("validate", "--history", "--strict").exit_code == 0


def test_moved_into_a_folder_a_later_specs_drops(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    git_repo.commit("Widen", {"specrepo.yaml": "specs: [specs, archive]\n"})
    archive(git_repo, "archive/SPEC-0002.yaml")
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "Narrow", {"specrepo.yaml": "specs: specs\n"}))
    removed(verdict, git_repo.git("rev-parse", "HEAD"), "archive/SPEC-0002.yaml")


def test_moved_on_a_branch_merged_then_excluded(git_repo: GitRepo) -> None:
    approved_project(git_repo)

    def change() -> str:
        git_repo.git("checkout", "-q", "-b", "archive")
        archive(git_repo)
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Other", {"specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")})
        git_repo.merge("archive")
        return git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    removed(warm_and_cold(git_repo, change), git_repo.git("rev-parse", "HEAD"), ARCHIVE)


def test_a_branch_archived_it_while_main_excluded_the_archive(git_repo: GitRepo) -> None:
    """final33 F3: the merge lands the spec in a folder main excluded meanwhile: the merge
    removed it (a pull request's gate, `--since` its base, must see it), not main's
    exclusion, which still read the spec where it was then."""
    approved_project(git_repo)

    def change() -> str:
        git_repo.git("checkout", "-q", "-b", "archive")
        archive(git_repo)
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
        return git_repo.merge("archive")
    removed(warm_and_cold(git_repo, change), git_repo.git("rev-parse", "HEAD"), ARCHIVE)
    assert run_cli("validate", "--history", "--since", "HEAD^1").exit_code == 1


def test_a_merge_that_archived_it_then_excluded(git_repo: GitRepo) -> None:
    """Both sides edited it; the merge settled the conflict by moving it into the
    archive (a merge that leaves it out of today's set): the exclusion removed it."""
    approved_project(git_repo)

    def change() -> str:
        git_repo.git("checkout", "-q", "-b", "side")
        git_repo.commit("Side", {"specs/SPEC-0002.yaml": spec(
            "SPEC-0002", "Approved", "target_release: '2.0'\n")})
        git_repo.git("checkout", "-q", "main")
        git_repo.commit("Main", {"specs/SPEC-0002.yaml": spec(
            "SPEC-0002", "Approved", "target_release: '3.0'\n")})
        git_repo.git("merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "side")
        archive(git_repo)  # the merge commit
        return git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    removed(warm_and_cold(git_repo, change), git_repo.git("rev-parse", "HEAD"), ARCHIVE)


def test_deleted_in_the_archive_before_it_was_excluded(git_repo: GitRepo) -> None:
    """The deletion removed it (its own configuration read the archive), wherever it was
    moved within the archive before; the later exclusion took out nothing."""
    approved_project(git_repo)
    archive(git_repo)
    (git_repo.root / "specs" / "old" / "2026").mkdir()
    git_repo.git("mv", ARCHIVE, "specs/old/2026/approved.yaml")
    git_repo.commit("Sort the archive")
    dropped: list[str] = []

    def change() -> str:
        dropped.append(git_repo.commit("Drop", {"specs/old/2026/approved.yaml": None}))
        return git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    removed(warm_and_cold(git_repo, change), dropped[0], "specs/old/2026/approved.yaml")


def test_withdrawn_in_the_archive_then_excluded_passes(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    archive(git_repo)
    git_repo.commit("Withdraw", {ARCHIVE: spec("SPEC-0002", "Withdrawn")})
    verdict = warm_and_cold(git_repo, lambda: git_repo.commit(
        "Exclude the archive", {"specrepo.yaml": EXCLUDED}))
    assert verdict == (0, 0, [], [])


def test_moved_into_a_folder_excluded_then_is_removed_by_the_move(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    verdict = warm_and_cold(git_repo, lambda: archive(git_repo))
    removed(verdict, git_repo.git("rev-parse", "HEAD"))


def test_still_archived_at_head_is_no_removal(git_repo: GitRepo) -> None:
    """The committed move alone removed nothing; an exclusion not committed yet is the
    work tree's removal (hookset41: before, it was judged only once committed), HEAD's
    spec set read with HEAD's configuration."""
    approved_project(git_repo)
    archive(git_repo)
    (git_repo.root / "specrepo.yaml").write_text(EXCLUDED)
    report = run_cli("report", "--fail-on", "illegal-transitions", "--format", "json")
    assert report.exit_code == 0
    assert json.loads(report.stdout)["integrity"]["illegal_transitions"] == []
    validated = run_cli("validate", "--history", "--format", "json")
    assert validated.exit_code == 1
    assert [(found["file"], found["properties"]) for found in json.loads(
        validated.stdout)["findings"] if found["rule"] == "illegal-transition"] == [
        (ARCHIVE, {"from": "Approved", "to": None})]


def test_the_pre_commit_hook_judges_a_staged_move_with_the_configuration(
        git_repo: GitRepo) -> None:
    """A staged move into a folder the configuration reads passes the hook; into one it
    excludes, it is the removal, stopped before it is committed."""
    approved_project(git_repo)
    (git_repo.root / "specs" / "old").mkdir()
    git_repo.git("mv", "specs/SPEC-0002.yaml", ARCHIVE)
    assert run_cli(*HOOK, ARCHIVE).exit_code == 0
    git_repo.git("reset", "-q", "--hard")
    git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    (git_repo.root / "specs" / "old").mkdir(exist_ok=True)
    git_repo.git("mv", "specs/SPEC-0002.yaml", ARCHIVE)
    hook = run_cli(*HOOK)
    assert hook.exit_code == 1
    assert "the commit being made removes SPEC-0002 from the spec set" in hook.stdout


def lives(spec_id: str, repo: GitRepo) -> list[dict[str, Any]]:
    """`timeline SPEC --format json` cold and warm (asserted alike): the document."""
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    cold = run_cli("timeline", spec_id, "--format", "json")
    warm = run_cli("timeline", spec_id, "--format", "json")
    assert cold.exit_code == warm.exit_code == 0
    assert cold.stdout == warm.stdout
    return [json.loads(cold.stdout)]


def ending(document: dict[str, Any]) -> tuple[tuple[str, str, str | None], str | None]:
    """The last event (kind, commit, path) and the end of the last status period."""
    last = document["events"][-1]
    return (last["kind"], last["commit"], last["path"]), document["statuses"][-1]["until"]


def test_timeline_ends_where_the_archive_was_excluded(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    archive(git_repo)
    run_cli("validate", "--history")  # the cache before the exclusion, continued after
    excluded = git_repo.commit("Exclude the archive", {"specrepo.yaml": EXCLUDED})
    document = run_cli("timeline", "SPEC-0002", "--format", "json")
    assert [json.loads(document.stdout)] == lives("SPEC-0002", git_repo)
    (kind, commit, path), until = ending(json.loads(document.stdout))
    assert (kind, commit, path) == ("deleted", excluded, ARCHIVE)
    assert until == json.loads(document.stdout)["events"][-1]["committed"]


def test_timeline_ends_where_specs_was_narrowed(git_repo: GitRepo) -> None:
    """The file stays where an earlier `specs:` read it; its life in the set ends at the
    narrowing, and its later edits are none of a spec's."""
    approved_project(git_repo)
    run_cli("validate", "--history")
    narrowed = git_repo.commit("Narrow", {"specrepo.yaml": "specs: [specs/SPEC-0001*]\n"})
    git_repo.commit("Edit", {"specs/SPEC-0002.yaml": spec("SPEC-0002", "Draft")})
    (document,) = lives("SPEC-0002", git_repo)
    assert ending(document)[0] == ("deleted", narrowed, "specs/SPEC-0002.yaml")
    assert [period["status"] for period in document["statuses"]][-1] == "Approved"
    assert ending(document)[1] is not None


def test_timeline_report_and_site_begin_where_the_set_took_a_file_in(git_repo: GitRepo) -> None:
    approved_project(git_repo)
    git_repo.commit("Draft", {"docs/SPEC-0003.yaml": spec("SPEC-0003", "Draft")})
    git_repo.commit("Docs", {"docs/SPEC-0003.yaml": spec("SPEC-0003", "Approved")})
    run_cli("validate", "--history")
    entry = git_repo.commit("Bring docs in", {"specrepo.yaml": "specs: [specs, docs]\n"})
    (document,) = lives("SPEC-0003", git_repo)
    assert [(event["kind"], event["commit"], event["to"]) for event in document["events"]] \
        == [("created", entry, "Approved")]
    assert [(period["status"], period["commit"]) for period in document["statuses"]] \
        == [("Approved", entry)]
    report = json.loads(run_cli("report", "--format", "json").stdout)
    (row,) = [row for row in report["specs"] if row["id"] == "SPEC-0003"]
    assert row["since"] == document["statuses"][0]["since"]
    assert run_cli("site", "--out", "_site").exit_code == 0
    site = json.loads((git_repo.root / "_site" / "specs.json").read_text(encoding="utf-8"))
    (shown,) = [shown for shown in site["specs"] if shown["id"] == "SPEC-0003"]
    assert shown["status_since"] == row["since"]

"""Each mined field is judged alone; a change across unreadable versions is never lost."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from specrepo.configuration.config_file import load_config
from specrepo.gitio.batch_names import read_answer
from specrepo.history.mine import mine_history
from specrepo.model.history import History, SpecHistory
from specrepo.model.history_warning import said
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"
REVIEWED = "reviewers: [Grace Hopper]\n"


def mine(repo: GitRepo) -> History:
    return mine_history(load_config(None, repo.root))


def changes(spec: SpecHistory) -> list[tuple[str, str | None, str | None, bool]]:
    return [(event.kind, event.before, event.after, event.after_unreadable)
            for event in spec.events]


def test_a_bad_date_does_not_hide_a_status_change(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Review, with a bad date",
                    {PATH: spec_text(status="In Review", title="Better", extra=REVIEWED)
                 .replace("updated: 2026-01-03", "updated: v1.29")})
    history = mine(git_repo)
    assert changes(history.spec("SPEC-0001")) == [
        ("created", None, "Draft", False),
        ("status-changed", "Draft", "In Review", False),
        ("title-changed", "A spec", "Better", False),
        ("reviewer-added", None, "Grace Hopper", False)]
    assert history.skipped_versions == 1  # counted: one of its fields could not be read


def test_a_misspelled_status_keeps_its_other_fields(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Typo", {PATH: spec_text(status="In Reveiw", title="Renamed")})
    git_repo.commit("Fixed", {PATH: spec_text(status="In Review", title="Renamed",
                                              extra=REVIEWED)})
    spec = mine(git_repo).spec("SPEC-0001")
    assert changes(spec) == [
        ("created", None, "Draft", False),
        ("title-changed", "A spec", "Renamed", False),
        ("status-changed", "Draft", "In Review", True),
        ("reviewer-added", None, "Grace Hopper", False)]
    assert [period.status for period in spec.statuses] == ["Draft", "In Review"]


def test_a_broken_then_fixed_version_never_hides_an_illegal_move(git_repo: GitRepo) -> None:
    """cases/checks/skipped-version-hides-change: a tab breaks c2, c3 fixes it."""
    git_repo.commit("c1 draft", {PATH: spec_text()})
    broken = spec_text(status="Approved") + "reviewers:\n\t- Grace Hopper\n"
    git_repo.commit("c2 approved, with a tab", {PATH: broken})
    fixed = git_repo.commit("c3 tab fixed", {PATH: spec_text(status="Approved", extra=REVIEWED)})
    cold = run_cli("report", "--fail-on", "skipped-versions")
    warm = run_cli("report", "--fail-on", "skipped-versions")
    assert (cold.exit_code, cold.output) == (warm.exit_code, warm.output)
    assert cold.exit_code == 1
    result = run_cli("validate", "--history")
    assert result.exit_code == 1
    assert f"commit {fixed[:10]} by Ada Lovelace" in result.stdout
    assert "moved the status from Draft to Approved" in result.stdout
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    status = [event for event in timeline["events"] if event["kind"] == "status-changed"]
    assert [(e["from"], e["to"], e["after_unreadable"], e["commit"]) for e in status] == [
        ("Draft", "Approved", True, fixed)]
    assert [period["status"] for period in timeline["statuses"]] == ["Draft", "Approved"]


def test_a_status_unreadable_for_several_versions(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Broken", {PATH: "id: SPEC-0001\n  bad: [\n"})
    git_repo.commit("Broken again", {PATH: spec_text(status="Reviewing")})
    git_repo.commit("Readable", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    spec = mine(git_repo).spec("SPEC-0001")
    assert [c for c in changes(spec) if c[0] == "status-changed"] == [
        ("status-changed", "Draft", "In Review", True)]


def test_unchanged_across_an_unreadable_version_is_no_change(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Broken", {PATH: "id: SPEC-0001\n  bad: [\n"})
    git_repo.commit("Back", {PATH: spec_text()})
    assert changes(mine(git_repo).spec("SPEC-0001")) == [("created", None, "Draft", False)]


def test_the_same_broken_content_twice_compares_with_what_came_before_each(
        git_repo: GitRepo) -> None:
    broken = "id: SPEC-0001\n  bad: [\n"
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("Broken", {PATH: broken})
    git_repo.commit("Review", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    git_repo.commit("The same breakage", {PATH: broken})
    git_repo.commit("Fixed", {PATH: spec_text(status="In Review", extra=REVIEWED)})
    spec = mine(git_repo).spec("SPEC-0001")
    assert [c[:3] for c in changes(spec) if c[0] == "status-changed"] == [
        ("status-changed", "Draft", "In Review")]


def test_skipped_counts_and_warnings_are_the_same_cold_and_warm(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text()})
    for number in range(3):
        git_repo.commit(f"Broken {number}", {PATH: spec_text(status=f"Nope{number}")})
        git_repo.commit(f"Fixed {number}", {PATH: spec_text(title=f"Fixed {number}")})
    cold = mine(git_repo)
    assert cold.skipped_versions == 3
    git_repo.commit("Later", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    incremental = mine(git_repo)
    warm = mine(git_repo)
    shutil.rmtree(git_repo.root / ".git" / "specrepo")
    assert incremental == warm == mine(git_repo)
    assert warm.skipped_versions == 3


def test_a_huge_historic_version_is_skipped_with_a_warning(git_repo: GitRepo) -> None:
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nmax_file_size: 4096\n")
    git_repo.commit("Draft", {PATH: spec_text()})
    git_repo.commit("A dump", {"specs/dump.yaml": "id: SPEC-0009\n" + "key: x\n" * 100_000})
    git_repo.commit("Gone", {"specs/dump.yaml": None})
    history = mine(git_repo)
    assert said(history.warnings) == (
        "1 historical version over max_file_size (4,096 bytes) and skipped unread: "
        "specs/dump.yaml",)
    assert history == mine(git_repo)
    timeline = run_cli("timeline", "SPEC-0001")
    assert "warning: 1 historical version over max_file_size" in timeline.stderr


class _CountingStream(io.RawIOBase):
    """A `git cat-file --batch` answer that never hands out more than a chunk at once."""

    def __init__(self, size: int) -> None:
        self.data = io.BytesIO(b"%s blob %d\n" % (b"a" * 40, size))
        self.remaining = size + 1
        self.largest = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        header = self.data.read(len(buffer))
        if header:
            buffer[:len(header)] = header
            return len(header)
        count = min(len(buffer), self.remaining)
        self.largest = max(self.largest, count)
        buffer[:count] = b"x" * count
        self.remaining -= count
        return count


def test_an_oversized_blob_is_read_in_chunks_and_dropped() -> None:
    raw = _CountingStream(50 * 1024 * 1024)
    answer = read_answer(io.BufferedReader(raw), 1024 * 1024, (Path("."), "0" * 40))
    assert answer is not None
    assert (answer[2], answer[3]) == (50 * 1024 * 1024, None)
    assert raw.remaining == 0
    assert raw.largest <= 1 << 16


def test_an_unreadable_status_at_head_keeps_its_last_value_in_the_report(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {PATH: spec_text(), "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Typo", {PATH: spec_text(status="Aproved")})
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [(spec["id"], spec["status"]) for spec in report["specs"]] == [
        ("SPEC-0001", "Draft"), ("SPEC-0002", "Draft")]
    assert report["integrity"]["unreadable_specs"] == ["SPEC-0001"]


PEAK_MEMORY = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "specrepo", "report"], check=True,
               stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_memory(repo: GitRepo) -> int:
    """Peak resident memory of a cold `specrepo report` in the repository, in bytes."""
    shutil.rmtree(repo.root / ".git" / "specrepo", ignore_errors=True)
    measured = subprocess.run([sys.executable, "-c", PEAK_MEMORY], cwd=repo.root,
                              capture_output=True, text=True, check=True)
    return int(measured.stdout) * 1024  # ru_maxrss is in KiB on Linux


def test_a_huge_historic_version_is_never_held_in_memory(git_repo: GitRepo) -> None:
    """cases/checks/huge-historic-blob-unbounded-memory, at 16 MiB."""
    size = 16 * 1024 * 1024
    git_repo.commit("Draft", {PATH: spec_text()})
    baseline = _peak_memory(git_repo)
    line = b"key: " + b"x" * 90 + b"\n"
    git_repo.commit("A dump", {"specs/dump.yaml": b"id: SPEC-0009\n" + line * (size // len(line))})
    git_repo.commit("Gone", {"specs/dump.yaml": None})
    grown = _peak_memory(git_repo) - baseline
    assert grown < size // 2, f"{grown:,} bytes more"


def test_a_timeline_names_the_skipped_versions_of_its_own_spec_only(
        git_repo: GitRepo) -> None:
    """trial37: `timeline SPEC-0001` named SPEC-0002's oversized version (the kind's
    warning lists every file); each timeline says its own spec's, and a version of no
    known spec stays a warning of every timeline (it may have been any spec's)."""
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nmax_file_size: 4096\n")
    git_repo.commit("Draft", {PATH: spec_text(),
                              "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Huge", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")
                             + "notes: |\n" + "  x\n" * 3000})
    git_repo.commit("Small", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    own = run_cli("timeline", "SPEC-0002", no_traceback=True)
    assert own.stderr.count("over max_file_size (4,096 bytes) and skipped unread: "
                            "specs/SPEC-0002.yaml") == 1, own.stderr
    other = run_cli("timeline", "SPEC-0001", no_traceback=True)
    assert other.exit_code == 0 and "SPEC-0002" not in other.output
    git_repo.commit("A dump", {"specs/dump.yaml": "id: SPEC-0009\n" + "key: x\n" * 100_000})
    git_repo.commit("Gone", {"specs/dump.yaml": None})
    assert "skipped unread: specs/dump.yaml" in run_cli("timeline", "SPEC-0001").stderr

"""One blob read as two kinds of file is two readings (trial42b lazy-rename-unreadable-
version-not-counted): a YAML spec moved, its bytes unchanged, into a `.md` file where
`front_matter:` is on is a Markdown file without front matter, unreadable as `validate`
says, and not the YAML version its blob was first read as; and the other way round. The
walk's versions, the stream's blobs named before and the history cache all keep a blob's
readings by `reading_key`; report, timeline and validate --history say the same, cold,
warm, and walking on from a cache."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from specrepo.load.reading_keys import reading_key
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

DATA = """id: SPEC-0001
title: A
status: In Review
authors: [Ada Lovelace]
reviewers: [Grace Hopper]
created: 2026-01-02
updated: 2026-01-02
summary: S.
"""
CONFIG = "specs: specs\n"
FRONT_MATTER = CONFIG + "front_matter: true\n"
YAML, MARKDOWN = "specs/SPEC-0001-a.yaml", "specs/SPEC-0001-a.md"
REAL_RUN = {"SPECREPO_NO_RESULT_CACHE": "1"}

Steps = list[dict[str, str | None]]


def to_markdown_together() -> tuple[dict[str, str], Steps]:
    """The rename to `.md` (no front matter written) and the switch, in one commit."""
    return {YAML: DATA}, [{YAML: None, MARKDOWN: DATA, "specrepo.yaml": FRONT_MATTER}]


def to_markdown_renamed_first() -> tuple[dict[str, str], Steps]:
    """The rename while `front_matter:` is off (the `.md` file no spec yet), then the
    switch."""
    return {YAML: DATA}, [{YAML: None, MARKDOWN: DATA}, {"specrepo.yaml": FRONT_MATTER}]


def to_markdown_switched_first() -> tuple[dict[str, str], Steps]:
    """The switch (the YAML file leaves the set), then the rename."""
    return {YAML: DATA}, [{"specrepo.yaml": FRONT_MATTER}, {YAML: None, MARKDOWN: DATA}]


def to_yaml() -> tuple[dict[str, str], Steps]:
    """A Markdown spec (front matter) moved, bytes unchanged, into a `.yaml` file as the
    switch turns off: YAML that does not load (two documents)."""
    text = f"---\n{DATA}---\n\n# A\n"
    return {"specrepo.yaml": FRONT_MATTER, MARKDOWN: text}, [
        {MARKDOWN: None, YAML: text, "specrepo.yaml": CONFIG}]


def built(repo: GitRepo, history: Callable[[], tuple[dict[str, str], Steps]], *,
          walked_between: bool, changed: bool = False) -> None:
    """The history's first commit, then its steps; `walked_between`: a report after the
    first commit, so that the walk after the steps goes on from its cache; `changed`: the
    moved file's content changed by a last line, so that the move writes a blob of its own
    (what the history must say of the same bytes)."""
    first, steps = history()
    repo.commit("add", {"specrepo.yaml": CONFIG, **first})
    if walked_between:
        assert run_cli("report", env=REAL_RUN).exit_code == 0
    for files in steps:
        repo.commit("step", {path: text + "# changed\n" if changed and text is not None
                             and path in (YAML, MARKDOWN) and path not in first else text
                             for path, text in files.items()})


def outputs(repo: GitRepo) -> tuple[tuple[int, str, str], ...]:
    """What report (JSON), timeline (JSON) and validate --history say (exit, standard
    output, standard error), each a real run, each commit named by its place in HEAD's
    history."""
    found = tuple((result.exit_code, result.stdout, result.stderr) for result in (
        run_cli("report", "--format", "json", env=REAL_RUN),
        run_cli("timeline", "SPEC-0001", "--format", "json", env=REAL_RUN),
        run_cli("validate", "--history", env=REAL_RUN)))
    commits = repo.git("rev-list", "--reverse", "HEAD").split()
    return tuple((code, _named(out, commits), _named(err, commits)) for code, out, err in found)


def _named(text: str, commits: list[str]) -> str:
    """`text` with each of `commits` (full or shortened) named by its place."""
    for number, commit in enumerate(commits):
        text = text.replace(commit, f"commit-{number}").replace(
            commit[:12], f"commit-{number}").replace(commit[:10], f"commit-{number}")
    return text


@pytest.mark.parametrize("history", [to_markdown_together, to_markdown_renamed_first,
                                     to_markdown_switched_first, to_yaml])
@pytest.mark.parametrize("walked_between", [False, True])
def test_a_blob_moved_to_the_other_kind_of_file_is_read_as_that_kind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        history: Callable[[], tuple[dict[str, str], Steps]], walked_between: bool) -> None:
    """The history says of the moved blob what it says of a blob of its own at the new
    path (the same bytes and a last line more), cold, warm and walked on from a cache."""
    seen = []
    for changed in (False, True):
        repo = GitRepo(tmp_path / str(changed))
        monkeypatch.chdir(repo.root)
        built(repo, history, walked_between=walked_between, changed=changed)
        found = outputs(repo)
        assert outputs(repo) == found  # warm
        shutil.rmtree(repo.root / ".git" / "specrepo")
        assert outputs(repo) == found  # cold
        seen.append(found)
    assert seen[0] == seen[1]  # was: the moved blob read as the kind it was first read as
    report, _, validated = seen[0]
    assert json.loads(report[1])["integrity"]["skipped_versions"] == 1
    assert validated[0] == 1


def test_a_reading_key_marks_the_markdown_kind_only() -> None:
    blob = "a" * 40
    assert reading_key(blob, "specs/x.yaml") == blob
    assert reading_key(blob, "specs/x.md") != blob
    assert reading_key(blob, "specs/x.MD") == reading_key(blob, "specs/y.md")


def test_the_history_cache_keeps_both_readings_of_one_blob(git_repo: GitRepo) -> None:
    """The cache keeps the version HEAD's spec needs by its reading: a cold run and a run
    from the cache agree on HEAD's unreadable version (the cache's line of versions names
    the Markdown reading, not the blob's YAML one)."""
    built(git_repo, to_markdown_together, walked_between=False)
    first = outputs(git_repo)
    cache = (git_repo.root / ".git" / "specrepo" / "history-cache.json").read_text()
    blob = git_repo.git("rev-parse", f"HEAD:{MARKDOWN}")
    assert json.dumps(reading_key(blob, MARKDOWN)) in cache
    assert outputs(git_repo) == first

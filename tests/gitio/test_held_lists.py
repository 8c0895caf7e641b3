"""What a cold run keeps of git's long answers: read as git writes them (`Git.fields`),
never the whole output at once, and each commit id one string, shared by the commit
graph, HEAD's line (`line_metas`) and the log of the watched files (`watched_log`): at
100,000 commits these lists held 90 MB of a report's 190 (mem43)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.graph import CommitGraph, line_metas
from specrepo.gitio.watched_log import watched_changes
from tests.history.gitrepo import GitRepo, spec_text

WAITS = 500
"""Tenths of a hundredth of a second git waits for the reader's sign (5 s) before it goes
on without it: only a reader that does not take fields as they come makes it wait so."""


def test_fields_come_as_git_writes_them(tmp_path: Path) -> None:
    sign = tmp_path / "first-read"
    alias = ("!printf 'first\\000'; i=0; "
             f"while [ ! -e '{sign}' ] && [ $i -lt {WAITS} ]; do sleep 0.01; i=$((i+1)); done; "
             f"if [ -e '{sign}' ]; then printf 'second\\000'; else printf 'late\\000'; fi")
    fields = Git(tmp_path).fields("-c", f"alias.answer={alias}", "answer")
    assert next(fields) == "first"  # while git still runs, waiting for the sign
    sign.touch()
    assert list(fields) == ["second", ""]  # "" what follows the last NUL, as split gives


def test_a_failing_git_raises_its_reason_once_read(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    with pytest.raises(HistoryError, match="no-such-revision"):
        list(Git(repo.root).fields("log", "-z", "no-such-revision", "--"))


def test_a_reader_that_stops_early_stops_git(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    for number in range(3):
        repo.commit(f"Commit {number}", {"README.md": f"{number}\n"})
    fields = Git(repo.root).fields("log", "-z", "--format=%H")
    assert len(next(fields)) == 40
    fields.close()
    assert threading.active_count() == 1  # git stopped, its messages' reader ended


def test_the_line_and_the_graph_share_each_commit_id(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Topic", {"README.md": "topic\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("Two", {"specs/SPEC-0001.yaml": spec_text(status="In Review")})
    head = repo.merge("topic")
    git = Git(repo.root)
    merge, two, one = line_metas(git, head)
    assert merge.parents[0] is two.sha and two.parents[0] is one.sha
    graph = CommitGraph(git, head)
    try:
        graph.load()
    finally:
        graph.close()
    assert next(sha for sha in graph.parents if sha == two.sha) is two.sha
    assert graph.parents[head][1] is merge.parents[1]
    assert merge.author is two.author  # one string per person too


def test_the_watched_log_keeps_its_merges_small(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    first = repo.commit("One", {"specs/SPEC-0001.yaml": spec_text()})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Topic", {"README.md": "topic\n"})
    repo.git("checkout", "-q", "main")
    second = repo.commit("Configured", {"specrepo.yaml": "specs: specs\nmax_file_size: 9000\n"})
    head = repo.merge("topic")
    git = Git(repo.root)
    assert [commit.sha for commit in watched_changes(git, head, None, ["specrepo.yaml"])] == \
        [first, second, head]  # parents first
    (logged,) = git.file_logs.values()
    assert [entry[0] for entry in logged] == [first, second]  # no merge that changed nothing
    assert logged[1][1][0] is logged[0][0]  # its parent: the one string of the run
    assert isinstance(logged[1][2], tuple)  # its changes: no list of its own

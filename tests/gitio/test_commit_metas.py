"""One long-lived git answers who made each commit and when as `git show` does, asked
ahead or not, in any order, and after its git stopped."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.gitio.commit_metas import CommitMetas
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import commit_meta
from specrepo.history.cache import CACHE_FILE
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo, spec_text


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """A root commit, commits by odd names in several zones, a mailmap, a merge."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Root", {"specs/a.yaml": spec_text()})
    repo.commit("Odd", {"specs/a.yaml": spec_text(title="Odd")}, author="Zo\udce9 \x1e Q",
                zone="-0530")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Topic", {"specs/b.yaml": spec_text("SPEC-0002")}, author="Grace Hopper",
                zone="+1345")
    repo.git("checkout", "-q", "main")
    repo.commit("Mailmap", {".mailmap": "Ada King <ada@example.com> Ada Lovelace "
                            "<ada@example.com>\n"})
    repo.merge("topic", author="Bo Ng")
    return repo


def test_each_commit_is_answered_as_git_show_answers_it(repo: GitRepo) -> None:
    git = Git(repo.root)
    commits = repo.git("rev-list", "--all").split()
    expected = {commit: commit_meta(git, commit) for commit in commits}
    assert expected[commits[0]].parents and expected[commits[-1]].parents == ()
    assert "Ada King" in {meta.author for meta in expected.values()}  # the mailmap's
    for seed in range(4):
        order = random.Random(seed).sample(commits, len(commits))
        metas = CommitMetas(git)
        try:
            for commit in order[::2]:
                metas.ask_ahead(commit)
            assert {commit: metas.meta(commit) for commit in order} == expected
            assert metas.meta(order[0]) == expected[order[0]]  # asked again
        finally:
            metas.close()


def test_a_git_that_stopped_leaves_git_show_to_answer(repo: GitRepo) -> None:
    git = Git(repo.root)
    commits = repo.git("rev-list", "--all").split()
    metas = CommitMetas(git)
    metas.ask_ahead(commits[0])
    assert metas.meta(commits[1]) == commit_meta(git, commits[1])
    metas.close()  # the walk's end, or git killed
    assert [metas.meta(commit) for commit in commits] == [
        commit_meta(git, commit) for commit in commits]


def test_the_walk_asks_no_git_of_its_own_about_a_merge_the_stream_did_not_list(
        repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    # The branch's change reached the line on its own too: the merge changes no spec
    # file against its first parent, and brings a commit that changed content.
    repo.git("checkout", "-q", "-b", "again")
    repo.commit("Reword on a branch", {"specs/a.yaml": spec_text(title="Reworded")})
    repo.git("checkout", "-q", "main")
    repo.commit("Reword on the line", {"specs/a.yaml": spec_text(title="Reworded")})
    merge = repo.merge("again", author="Cy Twombly")
    repo.commit("After", {"specs/b.yaml": spec_text("SPEC-0002", status="In Review")})
    shows: list[tuple[str, ...]] = []
    run = Git.run

    def counted(self: Git, *arguments: str, stdin: bytes | None = None) -> bytes:
        shows.extend([arguments] if arguments[0] == "show" else [])
        return run(self, *arguments, stdin=stdin)

    monkeypatch.setattr(Git, "run", counted)
    history = mine_history(load_config(None, repo.root))
    assert shows == []
    shutil.rmtree(repo.root / ".git" / CACHE_FILE.parent)
    monkeypatch.setattr(CommitMetas, "meta", lambda self, commit: commit_meta(Git(repo.root),
                                                                             commit))
    assert mine_history(load_config(None, repo.root)).specs == history.specs
    assert [arguments[-1] for arguments in shows] == [merge]  # as asked before

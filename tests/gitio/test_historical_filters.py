"""The attributes files whose history decides which filter a spec file went through."""

from __future__ import annotations

from pathlib import Path

from specrepo.gitio.git_command import Git
from specrepo.gitio.historical_filters import (
    HistoricalFilters,
    attributes_pathspecs,
    mentions_filter,
    unversioned_attributes,
)
from specrepo.load.locations import SpecLocation
from tests.history.gitrepo import GitRepo, spec_text


def test_attributes_files_above_and_within_spec_locations() -> None:
    assert attributes_pathspecs([SpecLocation("folder", "docs/specs")]) == [
        ":(top,glob)docs/specs/**/.gitattributes",
        ":(top,literal).gitattributes",
        ":(top,literal)docs/.gitattributes",
        ":(top,literal)docs/specs/.gitattributes",
    ]
    assert attributes_pathspecs([SpecLocation("file", "design/SPEC.yaml"),
                                 SpecLocation("glob", "rfcs/*/[0-9]*.md")]) == [
        ":(top,glob)rfcs/**/.gitattributes",
        ":(top,literal).gitattributes",
        ":(top,literal)design/.gitattributes",
        ":(top,literal)rfcs/.gitattributes",
    ]
    assert attributes_pathspecs([SpecLocation("folder", ".")]) == [
        ":(top,glob)**/.gitattributes", ":(top,literal).gitattributes"]


def test_unversioned_attributes_are_read_as_git_finds_them(tmp_path: Path) -> None:
    git_dir = tmp_path / "repo.git"
    (git_dir / "info").mkdir(parents=True)
    (git_dir / "info" / "attributes").write_bytes(b"*.yaml text\n")
    home = tmp_path / "home"
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "attributes").write_bytes(b"[attr]sealed filter=crypt\n")
    environment = {"HOME": str(home), "GIT_ATTR_NOSYSTEM": "1"}
    text = unversioned_attributes(git_dir, {}, environment, tmp_path)
    assert text is not None and b"*.yaml text" in text and mentions_filter(text)
    named = tmp_path / "attributes"
    named.write_bytes(b"*.md -diff\n")
    assert not mentions_filter(unversioned_attributes(
        git_dir, {"core.attributesfile": str(named)}, environment, git_dir))
    # a relative one is the top's, as git reads it, wherever specrepo runs (env35)
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "sealed").write_bytes(b"*.yaml filter=crypt\n")
    assert mentions_filter(unversioned_attributes(
        git_dir, {"core.attributesfile": "sealed"}, environment, tmp_path / "top"))
    assert mentions_filter(None)  # unread: it may set one


def _filters(repo: GitRepo, since: str | None) -> HistoricalFilters:
    """The filters of a walk that continues after `since` (None: a whole history)."""
    return HistoricalFilters(Git(repo.root), repo.root / ".git", "sha1", {},
                             attributes_pathspecs([SpecLocation("folder", "specs")]),
                             lambda _: b"*.yaml filter=crypt\n", None,
                             complete=since is None, since=since)


def test_the_attributes_where_a_continued_walk_starts_are_asked_ahead(tmp_path: Path) -> None:
    """A walk on from a cache asks git for the attributes files of the commit it starts
    after at once (they come while the stream of history runs), and finds what asking
    then finds; unread, that git is stopped with the filters."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Attributes", {"specs/.gitattributes": "*.yaml filter=crypt\n",
                               "specs/SPEC-0001.yaml": spec_text()})
    head = repo.git("rev-parse", "HEAD").strip()
    ahead, asked_then = _filters(repo, head), _filters(repo, None)
    try:
        assert ahead.drivers(head, ["specs/SPEC-0001.yaml"]) \
            == asked_then.drivers(head, ["specs/SPEC-0001.yaml"]) \
            == {"specs/SPEC-0001.yaml": "crypt"}
    finally:
        ahead.close()
        asked_then.close()
    unread = _filters(repo, head)
    started = next(iter(unread._asked.values())).process
    unread.close()
    assert started.returncode is not None

"""The configuration in force at a commit (`configured_sides.config_at`, which the spec
set's departures ask at every commit that changed the spec locations, its parents, and
each commit a move is judged at) is read once a run for each version of the file: a
history holds few versions, asked at dozens of commits."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration import config_file
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.history.configured_sides import config_at, unread_at
from specrepo.model.config import Config
from tests.gitio.asked_objects import asked_objects
from tests.history.gitrepo import GitRepo
from tests.history.test_spec_set_departures import spec


def test_each_version_is_read_once_a_run(git_repo: GitRepo,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    commits = [git_repo.commit("Adopt", {"specrepo.yaml": "specs: specs\n",
                                         "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})]
    commits.append(git_repo.commit("Review", {
        "specs/SPEC-0001.yaml": spec("SPEC-0001", "In Review")}))
    commits.append(git_repo.commit("Move", {"specrepo.yaml": "specs: rfcs\n",
                                            "specs/SPEC-0001.yaml": None,
                                            "rfcs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")}))
    commits.append(git_repo.commit("Approve", {
        "rfcs/SPEC-0001.yaml": spec("SPEC-0001", "Approved")}))
    parsed: list[Path] = []
    version = config_file.config_version

    def counted(raw: bytes, path: Path) -> Config:
        parsed.append(path)
        return version(raw, path)

    monkeypatch.setattr(config_file, "config_version", counted)
    git = Git(git_repo.root)
    objects = ObjectReader(git, 1 << 20)
    try:
        found = [config_at(objects, "specrepo.yaml", commit) for commit in commits * 2]
    finally:
        objects.close()
    assert len(parsed) == 2  # two versions
    assert [[location.path for location in at[0]] if at else None for at in found] == \
        [["specs"], ["specs"], ["rfcs"], ["rfcs"]] * 2
    again = ObjectReader(Git(git_repo.root), 1 << 20)  # another run: read anew
    try:
        assert config_at(again, "specrepo.yaml", commits[0]) == found[0]
    finally:
        again.close()
    assert len(parsed) == 3


def test_the_commits_files_are_asked_of_git_at_once(git_repo: GitRepo,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`unread_at` (the moves' question) asks `cat-file` for every commit's configuration
    (and the attributes file that may filter it) in one request, not a round trip each."""
    commits = [git_repo.commit("Adopt", {"specrepo.yaml": "specs: specs\n",
                                         "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")})]
    commits.append(git_repo.commit("Move", {"specrepo.yaml": "specs: rfcs\n",
                                            "specs/SPEC-0001.yaml": None,
                                            "rfcs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")}))
    commits.append(git_repo.commit("Back", {"specrepo.yaml": "specs: specs\n",
                                            "rfcs/SPEC-0001.yaml": None,
                                            "specs/SPEC-0001.yaml": spec("SPEC-0001", "Draft")}))
    requests = asked_objects(monkeypatch)
    today = load_config(None, git_repo.root)
    asked = [(commit, "rfcs/SPEC-0001.yaml") for commit in commits]
    assert unread_at(Git(git_repo.root), today, "specrepo.yaml", asked) == {
        (commits[0], "rfcs/SPEC-0001.yaml"): True, (commits[1], "rfcs/SPEC-0001.yaml"): False,
        (commits[2], "rfcs/SPEC-0001.yaml"): True}
    assert requests == ["\n".join(f"{commit}:{file}" for commit in commits
                                  for file in ("specrepo.yaml", ".gitattributes"))]

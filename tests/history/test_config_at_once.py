"""The configuration in force at a commit (`configured_sides.config_at`, which the spec
set's departures ask at every commit that changed the spec locations, its parents, and
each commit a move is judged at) is read once a run for each version of the file: a
history holds few versions, asked at dozens of commits."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.configuration import config_file
from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.history.configured_sides import config_at
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

    def counted(raw: bytes, path: Path) -> config_file.Config:
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

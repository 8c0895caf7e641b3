"""A cold report's object readers after mining, made one after another (the departures,
the moves' and removals' questions, the workflows), ask one `git cat-file --batch`
(`history.departures.objects_held`): each started its own before."""

from __future__ import annotations

import subprocess

import pytest

from specrepo.commands import report
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.history.mine import mine_history
from specrepo.model.history import History
from tests.history.gitrepo import GitRepo, spec_text


def test_a_cold_report_s_readers_after_mining_share_one_cat_file(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A spec the configuration took out of the set (its file deleted since) and one
    renamed inside it: what the report asks of the departures reads objects."""
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("Elsewhere", {"specs/sub/SPEC-0002.yaml": spec_text("SPEC-0002")})
    git_repo.commit("Top only", {"specrepo.yaml": "specs: specs/*.yaml\n"})
    git_repo.commit("Gone", {"specs/sub/SPEC-0002.yaml": None})
    git_repo.git("mv", "specs/SPEC-0001.yaml", "specs/SPEC-0001-moved.yaml")
    git_repo.commit("Renamed")
    mined: list[History] = []
    started: list[tuple[str, ...]] = []
    start = Git.start

    def counted(git: Git, *arguments: str, stdin: bool = False,
                read_errors: bool = True) -> subprocess.Popen[bytes]:
        if mined:
            started.append(arguments)
        return start(git, *arguments, stdin=stdin, read_errors=read_errors)

    def mined_once(*arguments: object, **options: object) -> History:
        mined.append(mine_history(*arguments, **options))  # type: ignore[arg-type]
        return mined[-1]

    monkeypatch.setattr(Git, "start", counted)
    monkeypatch.setattr("specrepo.commands.report.mine_history", mined_once)
    result = report.run(load_config(None, git_repo.root), report.ReportOptions())
    assert [spec.path for spec in result.report.specs] == ["specs/SPEC-0001-moved.yaml"]
    assert started.count(("cat-file", "--batch")) == 1

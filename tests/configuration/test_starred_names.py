"""A `specs:` or `exclude:` glob with `**` inside a name is warned of at its entry
(check57: `specs: rfcs/**.md` checked `rfcs/0001-a.md`, left `rfcs/text/0002-b.md` out,
and said nothing, exit 0): git reads it as one `*`."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli


def _repo(git_repo: GitRepo, config: str) -> None:
    git_repo.write("rfcs/0001-a.yaml", MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.write("rfcs/text/0002-b.yaml", MINIMAL_SPEC.format(id="SPEC-0002"))
    git_repo.write("specrepo.yaml", config + "rules: {file-name: off}\n")
    git_repo.commit("two specs, one a folder below")


@pytest.mark.parametrize(("config", "place", "written", "read", "deep"), [
    ("specs: 'rfcs/**.yaml'\n", "1:8", "specs: 'rfcs/**.yaml'", "rfcs/*.yaml",
     "rfcs/**/*.yaml"),
    ("specs: [docs, 'rfcs/0**.yaml']\n", "1:15", "specs: 'rfcs/0**.yaml'", "rfcs/0*.yaml",
     "rfcs/**/0*.yaml"),
    ("specs: rfcs\nexclude: ['x', 'rfcs/**-b.yaml']\n", "2:16", "exclude: 'rfcs/**-b.yaml'",
     "rfcs/*-b.yaml", "rfcs/**/*-b.yaml"),
])
def test_a_star_run_inside_a_name_is_warned_of_at_its_entry(
        git_repo: GitRepo, config: str, place: str, written: str, read: str,
        deep: str) -> None:
    _repo(git_repo, config)
    git_repo.write("docs/.keep", "")
    for command in (("validate",), ("report",)):
        result = run_cli(*command, no_traceback=True)
        assert (f"specrepo: warning: specrepo.yaml:{place}: {written} has `**` inside a "
                f"name, which git reads as one `*`: it matches as '{read}', no file in a "
                f"folder below; write that to say so, or '{deep}' for every folder below"
                ) in result.stderr, result.stderr
        assert result.stderr.count("inside a name") == 1


@pytest.mark.parametrize("specs", ["'rfcs/**/*.yaml'", "'rfcs/**'", "'rfcs/***'",
                                   "'rfcs/\\*\\*x.yaml'", "rfcs"])
def test_whole_part_star_runs_and_escapes_are_no_warning(git_repo: GitRepo,
                                                         specs: str) -> None:
    _repo(git_repo, f"specs: {specs}\n")
    result = run_cli("validate", no_traceback=True)
    assert "inside a name" not in result.stderr, result.stderr

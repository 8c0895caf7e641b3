"""A site committed in a folder that holds what it is built from (`site --out .`, `--out
specs`), or beside another committed site: it is built from the newest commit that changed
more than sites' own files, so committing it (or the other site) leaves it up to date
(newuser72: every commit changed a file inside the top's folder, and `site --out .
--check` could never pass; `--out .` and `--out specs` never settled)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")


def _site(*arguments: str) -> tuple[int, str]:
    result = run_cli("site", *arguments)
    return result.exit_code, result.output


def _head_of(repo: GitRepo, folder: str) -> str:
    return str(json.loads((repo.root / folder / "specs.json").read_text())["head"])


@pytest.fixture
def specs(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("two specs", {"specs/SPEC-0001.yaml": spec_text(),
                                  "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    return git_repo


def test_a_site_at_the_top_passes_its_check_once_committed(specs: GitRepo) -> None:
    sources = specs.git("rev-parse", "HEAD")
    assert _site("--out", ".")[0] == 0
    specs.commit("publish the site")
    specs.commit("nothing at all")
    code, output = _site("--out", ".", "--check")
    assert (code, output.splitlines()[-1]) == (0, "11 files checked: 11 up to date")
    assert _head_of(specs, ".") == sources
    specs.commit("rename", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002", title="Renamed")})
    code, output = _site("--out", ".", "--check")
    assert code == 1, output
    assert {"index.html: out of date", "specs/SPEC-0002.html: out of date"} <= \
        set(output.splitlines())
    assert _site("--out", ".")[0] == 0
    specs.commit("publish it again")
    assert _site("--out", ".", "--check")[0] == 0
    assert _head_of(specs, ".") == specs.git("rev-parse", "HEAD~1")


def test_two_sites_one_in_the_other_s_folder_settle(specs: GitRepo) -> None:
    """Committing the site in specs/ changes no input of the top's, nor the other way
    round; a rebuild of either then writes nothing."""
    sources = specs.git("rev-parse", "HEAD")
    for out in ("specs", "."):
        assert _site("--out", out)[0] == 0
    specs.commit("publish both sites")
    for out in ("specs", "."):
        assert _site("--out", out)[0] == 0
        assert _site("--out", out, "--check")[0] == 0
        assert _head_of(specs, out) == sources
    specs.commit("publish one again", {"specs/index.html": None})
    assert _site("--out", "specs", "--check")[0] == 1
    assert _site("--out", ".", "--check")[0] == 0


def test_the_commit_of_a_site_removing_a_spec_s_page_is_the_site_s(specs: GitRepo) -> None:
    """The page of a removed spec is gone from the work tree: it is the site's by its
    place in the site's folder."""
    assert _site("--out", ".")[0] == 0
    specs.commit("publish the site")
    removal = specs.commit("drop SPEC-0002", {"specs/SPEC-0002.yaml": None})
    code, output = _site("--out", ".")
    assert code == 0
    assert "specs/SPEC-0002.html: orphaned, no longer part of the site; removed" in output
    specs.commit("publish the site again")
    assert _site("--out", ".", "--check")[0] == 0
    assert _head_of(specs, ".") == removal


def test_a_file_of_one_s_own_in_the_site_s_folder_is_something_it_is_built_from(
        specs: GitRepo) -> None:
    """Only files that start with a site's marker are left out: a page of one's own named
    as a site's is not, nor is a commit that changed a site file and anything else."""
    assert _site("--out", ".")[0] == 0
    specs.commit("publish the site")
    mine = specs.commit("a page of my own", {"stale.htm": "x\n", "specs/notes.html": "x\n"})
    assert _site("--out", ".", "--check")[0] == 1
    assert _site("--out", ".")[0] == 0
    together = specs.commit("the site with a note", {"NOTES.md": "x\n"})
    assert _site("--out", ".", "--check")[0] == 1
    assert _site("--out", ".")[0] == 0
    assert _head_of(specs, ".") == together != mine

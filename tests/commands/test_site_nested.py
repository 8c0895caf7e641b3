"""Two sites, one built into a folder of the other's (`site --out specs`, then `site --out
.`): neither takes the other's files for its own leftovers (newuser71: `--out .` removed
the pages of the site in `specs/`), nor writes over them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize(("first", "second"), [("out/specs", "out"), ("out", "out/specs")])
def test_a_site_keeps_the_files_of_a_site_in_a_folder_of_its_own(
        git_repo: GitRepo, first: str, second: str) -> None:
    """The outer site's `specs/` and the inner site's top are one folder; each site's own
    files are those its marker names at their path from its folder."""
    git_repo.commit("a spec", {"specs/SPEC-0001.yaml": spec_text()})
    built = run_cli("site", "--out", first)
    assert built.exit_code == 0, built.output
    before = _files(git_repo.root / first)
    assert "index.html" in before
    again = run_cli("site", "--out", second)
    assert again.exit_code == 0, again.output
    assert "removed" not in again.output
    after = _files(git_repo.root / first)
    assert {name: after.get(name) for name in before} == before
    assert run_cli("site", "--out", first, "--check").exit_code == 0
    assert run_cli("site", "--out", second, "--check").exit_code == 0

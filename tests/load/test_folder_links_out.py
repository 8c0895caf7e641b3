"""A spec folder that is a symbolic link leading outside the repository is not read, and
says so as a spec file's link leading out does (`file-read`, exit 1) in every command that
lists specs, whether a folder location or a glob reaches it (`**` too, which enters no linked
folder) (trial33 F2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli


@pytest.fixture
def linked_out(git_repo: GitRepo, tmp_path: Path) -> Path:
    """specs/team -> a folder outside the repository, holding an invalid spec."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "SPEC-0009.yaml").write_text("id: SPEC-0009\ntitel: broken\n")
    (git_repo.root / "specs/SPEC-0001.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001"))
    git_repo.commit("first spec")
    (git_repo.root / "specs/team").symlink_to(outside)
    return outside


@pytest.mark.parametrize("specs", ["specs", "'specs/*/*.yaml'", "'specs/**/*.yaml'",
                                   "['specs/*.yaml', 'specs/*/*.yaml']"])
@pytest.mark.parametrize("command", [("validate",), ("validate", "--history"), ("render",),
                                     ("site",), ("trace",)])
def test_a_folder_link_out_is_a_finding_naming_it(
        git_repo: GitRepo, linked_out: Path, specs: str, command: tuple[str, ...]) -> None:
    (git_repo.root / "specrepo.yaml").write_text(f"specs: {specs}\nrules: {{file-name: off}}\n")
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code == 1, result.output
    assert (f"specs/team:1:1: error: symbolic link to {linked_out}, outside the repository; "
            "not read [file-read]") in result.output
    assert "SPEC-0009" not in result.output  # nothing outside is read


def test_report_warns_of_a_folder_link_out(git_repo: GitRepo, linked_out: Path) -> None:
    result = run_cli("report", no_traceback=True)
    assert "specs/team: a symbolic link that leads outside the repository" in result.stderr

"""Commands that write into the repository (`init`, `new`) check every folder they write in
before writing anything: one that a symbolic link leads out of the repository is refused
(exit 2, naming the link), and nothing is written, outside or inside (trial33 F1, F3)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli


def files_below(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                  if ".git" not in path.relative_to(folder).parts)


@pytest.mark.parametrize(("link", "named"), [
    ("specs", "specs, which leads through a symbolic link to"),
    (".specrepo", ".specrepo, which leads through a symbolic link to"),
    (".github", ".github/workflows, which leads through the symbolic link .github to"),
    (".github/workflows", ".github/workflows, which leads through a symbolic link to"),
])
def test_init_writes_nothing_when_a_folder_it_writes_in_leads_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str, named: str) -> None:
    root, outside = tmp_path / "repo", tmp_path / "outside"
    outside.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / link).parent.mkdir(exist_ok=True)
    (root / link).symlink_to(outside)
    monkeypatch.chdir(root)
    result = run_cli("init", "--author", "Ada", "--ci", "github", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert named in result.stderr
    assert "outside the repository: not written in" in result.stderr
    assert list(outside.iterdir()) == []
    made = [Path(link), *Path(link).parents][:-1]
    assert files_below(root) == sorted(path.as_posix() for path in made)  # nothing else


@pytest.mark.parametrize("link", ["specs", ".specrepo", ".github/workflows"])
def test_init_writes_nothing_when_a_folder_it_writes_in_is_a_link_to_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / link).parent.mkdir(exist_ok=True)
    (tmp_path / link).symlink_to(tmp_path / "missing")
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "--author", "Ada", "--ci", "github", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert f"{link}: cannot write in it: {link} is a symbolic link to nothing" in result.stderr
    assert not (tmp_path / "specrepo.yaml").exists()


def test_init_says_why_it_writes_no_example_where_a_broken_link_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs/SPEC-0001-example-spec.yaml").symlink_to(tmp_path / "gone.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "--author", "Ada", no_traceback=True)
    assert result.exit_code == 0, result.output
    assert ("no example spec written: specs/SPEC-0001-example-spec.yaml in the spec folder "
            "is a symbolic link to no file") in result.output


@pytest.mark.parametrize("new", [
    '{template: tmpl/t.yaml, file_name: "team/{{id}}-{{slug}}.yaml"}',
    '{template: tmpl/t.yaml, folder: specs/team, file_name: "{{id}}-{{slug}}.yaml"}',
])
def test_new_refuses_a_folder_that_leads_out(git_repo: GitRepo, tmp_path: Path,
                                             new: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (git_repo.root / "tmpl").mkdir()
    (git_repo.root / "tmpl/t.yaml").write_text(
        "id: {{id}}\ntitle: {{title}}\nstatus: Draft\nauthors: [{{author}}]\nreviewers: []\n"
        "created: {{date}}\nupdated: {{date}}\nsummary: x\n")
    (git_repo.root / "specrepo.yaml").write_text(f"specs: specs\nnew: {new}\n")
    (git_repo.root / "specs/team").symlink_to(outside)
    for title in ("First", "Second"):
        result = run_cli("new", "--author", "Ada", title, no_traceback=True)
        assert result.exit_code == 2, result.output
        assert "specs/team, which leads through a symbolic link to" in result.stderr
    assert list(outside.iterdir()) == []

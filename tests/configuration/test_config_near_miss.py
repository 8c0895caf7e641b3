"""A near-miss of `specrepo.yaml`'s name (`specrepo.yml`, `specrepo.YAML`, `.specrepo.yaml`)
is refused, never read in its place nor passed over in silence (trial44)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.base import inputs
from specrepo.base.errors import ConfigError
from specrepo.configuration.config_location import find_config, near_misses
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

STALE_GATE = "specs: specs\nstale_after_days:\n  Draft: 1\n"
GATE = ("report", "--fail-on", "stale", "--now", "2026-01-10")
NEAR_MISSES = ("specrepo.yml", "specrepo.YAML", "specrepo.Yaml", "SPECREPO.YML",
               ".specrepo.yaml", ".specrepo.yml")


def _with_config(repo: GitRepo, name: str) -> None:
    """`repo` with one Draft spec committed and the stale gate in the file `name`."""
    (repo.root / "specrepo.yaml").unlink()
    repo.commit("a draft", {name: STALE_GATE, "specs/SPEC-0001.yaml": spec_text()})


def test_the_gate_fails_with_specrepo_yaml(git_repo: GitRepo) -> None:
    """The setup of the tests below: the gate holds when the file is named right."""
    _with_config(git_repo, "specrepo.yaml")
    result = run_cli(*GATE)
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize("name", NEAR_MISSES)
@pytest.mark.parametrize("command", [GATE, ("validate",), ("render", "--check")])
def test_a_near_miss_alone_is_refused_naming_it(git_repo: GitRepo, name: str,
                                                command: tuple[str, ...]) -> None:
    """Not the defaults (specs/ exists) with every gate the file sets off, exit 0."""
    _with_config(git_repo, name)
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert f"{name}: " in result.stderr
    assert "rename it to specrepo.yaml" in result.stderr
    assert result.stdout == ""


def test_a_near_miss_beside_specrepo_yaml_is_refused(git_repo: GitRepo) -> None:
    """Two files: the team cannot tell which one is read."""
    git_repo.commit("two", {"specrepo.yml": STALE_GATE,
                            "specs/SPEC-0001.yaml": spec_text()})
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "specrepo.yml beside specrepo.yaml" in result.stderr
    assert "move them into specrepo.yaml and delete specrepo.yml" in result.stderr


def test_several_near_misses_are_named_each(git_repo: GitRepo) -> None:
    _with_config(git_repo, "specrepo.yml")
    git_repo.write(".specrepo.YAML", STALE_GATE)
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert ".specrepo.YAML, specrepo.yml: " in result.stderr
    assert "rename the one to read to specrepo.yaml" in result.stderr


def test_a_near_miss_in_a_folder_below_the_configuration_is_refused(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from `design/`, whose `specrepo.yml` was meant for it: every folder looked in on
    the way up is checked, not only the one where `specrepo.yaml` is found."""
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(),
                            "design/specrepo.yml": STALE_GATE})
    monkeypatch.chdir(git_repo.root / "design")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "specrepo.yml: " in result.stderr


@pytest.mark.parametrize("name", ["specrepo.yaml.off", "specrepo.yaml.bak", "specrepo.yaml~",
                                  "specrepo.json", "my-specrepo.yml", "specrepo.yaml.yml"])
def test_other_names_are_no_near_miss(git_repo: GitRepo, name: str) -> None:
    """A file set aside (`git mv specrepo.yaml specrepo.yaml.off`) or a backup is left
    alone."""
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(), name: STALE_GATE})
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 0, result.output


def test_a_folder_of_a_near_miss_name_is_no_configuration(git_repo: GitRepo) -> None:
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text(),
                            "specrepo.yml/notes.txt": "a folder\n"})
    assert near_misses(git_repo.root) == []
    assert run_cli("validate").exit_code == 0


def test_a_near_miss_named_with_config_is_read(git_repo: GitRepo) -> None:
    """`--config` names the file to read: no other file is looked for."""
    _with_config(git_repo, "specrepo.yml")
    result = run_cli("--config", "specrepo.yml", *GATE, no_traceback=True)
    assert result.exit_code == 1, result.output


def test_a_near_miss_above_the_repository_is_not_looked_at(tmp_path: Path) -> None:
    """The walk up stops at the top of the git repository: what lies above is another
    project's."""
    (tmp_path / "specrepo.yml").write_text(STALE_GATE)
    repo = GitRepo(tmp_path / "inner")
    (repo.root / "specrepo.yaml").unlink()
    assert find_config(repo.root) is None


def test_find_config_raises_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "specrepo.YAML").write_text(STALE_GATE)
    with pytest.raises(ConfigError, match=r"rename it to specrepo\.yaml"):
        find_config(tmp_path)


def test_init_beside_a_near_miss_writes_nothing(git_repo: GitRepo) -> None:
    """`init` would start a second configuration beside the one the team wrote."""
    _with_config(git_repo, "specrepo.yml")
    before = sorted(os.listdir(git_repo.root))
    result = run_cli("init", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "specrepo.yml: " in result.stderr
    assert sorted(os.listdir(git_repo.root)) == before


class _CaseInsensitive(inputs.Reader):
    """The file system of macOS and Windows by default: a path found in any case."""

    def isfile(self, path: inputs.StrPath) -> bool:
        wanted = Path(path)
        return any(name.casefold() == wanted.name.casefold()
                   and (wanted.parent / name).is_file() for name in os.listdir(wanted.parent))


def test_a_case_insensitive_file_system_finds_no_specrepo_yaml_beside_its_near_miss(
        tmp_path: Path) -> None:
    """Asked for `specrepo.yaml`, such a system finds `specrepo.YAML`: the folder's listing,
    not that answer, says there is one file, to rename (not two)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "specrepo.YAML").write_text(STALE_GATE)
    with inputs.reading_through(_CaseInsensitive()), \
            pytest.raises(ConfigError) as refused:
        find_config(tmp_path)
    assert "rename it to specrepo.yaml" in str(refused.value)
    assert "beside" not in str(refused.value)


@pytest.mark.parametrize("name", ["specrepo.yml", ".specrepo.yaml"])
def test_a_link_to_specrepo_yaml_is_that_file(git_repo: GitRepo, name: str) -> None:
    """A committed link `specrepo.yml -> specrepo.yaml` (for an editor that looks for
    `.yml`) is the file read: no settings are ignored, nothing to refuse (trial44b)."""
    _with_config(git_repo, "specrepo.yaml")
    os.symlink("specrepo.yaml", git_repo.root / name)
    git_repo.commit("a link for editors", {})
    result = run_cli(*GATE, no_traceback=True)
    assert result.exit_code == 1, result.output
    assert "ignored" not in result.stderr
    assert find_config(git_repo.root) == git_repo.root / "specrepo.yaml"


def test_a_link_to_another_file_beside_specrepo_yaml_is_refused(git_repo: GitRepo) -> None:
    """`specrepo.yml -> other.yaml`: a second file of settings, which nothing reads."""
    git_repo.commit("other", {"other.yaml": STALE_GATE, "specs/SPEC-0001.yaml": spec_text()})
    os.symlink("other.yaml", git_repo.root / "specrepo.yml")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "specrepo.yml beside specrepo.yaml" in result.stderr


def test_a_hard_link_to_specrepo_yaml_is_that_file(git_repo: GitRepo) -> None:
    git_repo.commit("a draft", {"specs/SPEC-0001.yaml": spec_text()})
    os.link(git_repo.root / "specrepo.yaml", git_repo.root / "specrepo.yml")
    assert run_cli("validate", no_traceback=True).exit_code == 0


@pytest.mark.parametrize("shape", ["link to nothing", "link to a folder", "folder",
                                   "link to a device"])
@pytest.mark.parametrize("command", [GATE, ("validate",), ("validate", "--history"),
                                     ("init", "--author", "Ada")])
def test_a_specrepo_yaml_that_is_no_file_is_refused_not_passed_over(
        git_repo: GitRepo, shape: str, command: tuple[str, ...]) -> None:
    """A `specrepo.yaml` kept as a link into a submodule CI did not check out (or a folder)
    was passed over: the defaults read in its place, every gate it sets off, exit 0
    (newuser69 HIGH)."""
    _with_config(git_repo, "shared/specrepo.yaml")
    target = {"link to a folder": "shared", "link to nothing": "missing/specrepo.yaml",
              "link to a device": os.devnull}
    if shape == "folder":
        (git_repo.root / "specrepo.yaml").mkdir()
    else:
        (git_repo.root / "specrepo.yaml").symlink_to(target[shape])
    result = run_cli(*command, no_traceback=True)
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    kind = {"folder": "a folder", "link to a folder": "a symbolic link to a folder (shared)",
            "link to nothing": "a symbolic link to nothing (missing/specrepo.yaml)",
            "link to a device": f"a symbolic link to {os.devnull}, which is not a regular "
                                "file"}[shape]
    fix = ("make it the file, or rename it" if shape == "folder" else "check out the file it "
           "leads to (in a submodule: `git submodule update --init`), or make it the file")
    assert result.stderr == (
        f"specrepo: error: specrepo.yaml: the configuration file is {kind}, so it cannot be "
        f"read, and another configuration or the defaults would be read in its place; {fix}\n")


def test_a_specrepo_yaml_no_file_below_the_one_above_is_refused(git_repo: GitRepo,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    """In a monorepo's `design/`, its link to nothing read the top's configuration in its
    place, in silence."""
    git_repo.commit("a draft", {"design/specs/SPEC-0001.yaml": spec_text()})
    (git_repo.root / "design/specrepo.yaml").symlink_to("../away.yaml")
    monkeypatch.chdir(git_repo.root / "design")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2
    assert result.stderr.startswith("specrepo: error: specrepo.yaml: the configuration file is "
                                    "a symbolic link to nothing (../away.yaml)")


@pytest.mark.parametrize("command", [("validate",), ("validate", "--history"),
                                     ("new", "Outside", "--author", "Ada"), GATE])
def test_a_specrepo_yaml_linked_outside_the_repository_is_refused(
        git_repo: GitRepo, tmp_path: Path, command: tuple[str, ...]) -> None:
    """Its folder would be the configuration's: `new` wrote the spec outside the repository
    and validate checked that folder's specs, exit 0 (newuser71 MEDIUM)."""
    shared = tmp_path / "shared"
    (shared / "specs").mkdir(parents=True)
    (shared / "specrepo.yaml").write_text("specs: specs\n")
    (git_repo.root / "specrepo.yaml").unlink()
    (git_repo.root / "specrepo.yaml").symlink_to(shared / "specrepo.yaml")
    result = run_cli(*command, no_traceback=True)
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert "is a symbolic link to " in result.stderr
    assert "outside the repository" in result.stderr
    assert list((shared / "specs").iterdir()) == []


def test_a_specrepo_yaml_linked_inside_the_repository_is_read(git_repo: GitRepo) -> None:
    _with_config(git_repo, "conf/specrepo.yaml")
    (git_repo.root / "specrepo.yaml").symlink_to("conf/specrepo.yaml")
    assert find_config(git_repo.root) == git_repo.root / "specrepo.yaml"

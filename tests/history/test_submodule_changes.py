"""`validate --changed-since` and `diff` see what changed inside a submodule or a repository
nested in the work tree (trial29b finding 1): a changed submodule counts as a change of
every file below it, and `diff`, which cannot read another repository's files, says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

pytestmark = pytest.mark.usefixtures("each_git")  # SPECREPO_TEST_GIT too

BROKEN = spec_text("SPEC-0002").replace("status: Draft", "status: Aproved")
WHOLE = "design changed since base as a whole"


def _submodule(project: GitRepo, source: GitRepo, path: str) -> None:
    project.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
                str(source.root), path)


def _bump(project: GitRepo, path: str) -> None:
    """Move the submodule at `path` to its source's newest commit, and commit that."""
    project.git("-C", path, "pull", "-q", "origin", "main")
    project.commit(f"Bump {path}")


@pytest.fixture
def design(tmp_path: Path) -> GitRepo:
    """The repository the specs are kept in: two valid specs."""
    source = GitRepo(tmp_path / "design")
    source.commit("Specs", {"specs/SPEC-0001.yaml": spec_text(),
                            "specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
    return source


@pytest.fixture
def project(git_repo: GitRepo, design: GitRepo) -> GitRepo:
    """A project whose specs are in the submodule `design` (`specs: design/specs`), with
    a branch `base` where it was added."""
    git_repo.write("specrepo.yaml", "specs: design/specs\n")
    _submodule(git_repo, design, "design")
    git_repo.commit("Adopt specrepo")
    git_repo.git("branch", "base")
    return git_repo


def test_a_bumped_submodule_is_checked_whole(project: GitRepo, design: GitRepo) -> None:
    design.commit("Break", {"specs/SPEC-0002.yaml": BROKEN})
    _bump(project, "design")
    result = run_cli("validate", "--changed-since", "base", no_traceback=True)
    assert result.exit_code == 1, result.output
    assert "2 files checked" in result.output and "Aproved" in result.output
    assert WHOLE in result.stderr
    unchanged = run_cli("validate", "--changed-since", "HEAD")
    assert unchanged.exit_code == 0 and "0 files checked" in unchanged.output


@pytest.mark.parametrize("ignore", [None, "all"])
def test_a_submodule_changed_in_the_work_tree_is_checked_whole(
        project: GitRepo, ignore: str | None) -> None:
    """The pre-commit form: an edit (or a new file) in the submodule's work tree, not
    committed anywhere; `.gitmodules`' `ignore = all` does not hide it."""
    if ignore is not None:
        project.git("config", "-f", ".gitmodules", "submodule.design.ignore", ignore)
        project.commit("Ignore the submodule in git status")
    project.write("design/specs/SPEC-0002.yaml", BROKEN)
    result = run_cli("validate", "--changed-since", "HEAD")
    assert result.exit_code == 1 and "2 files checked" in result.output, result.output
    project.git("-C", "design", "checkout", "-q", "--", ".")
    project.write("design/specs/SPEC-0003.yaml", BROKEN.replace("0002", "0003"))
    untracked = run_cli("validate", "--changed-since", "HEAD")
    assert untracked.exit_code == 1 and "3 files checked" in untracked.output


def test_specs_of_a_nested_repository_count_as_untracked(git_repo: GitRepo) -> None:
    """A repository nested in the work tree, not a submodule: the outer one does not know
    its files, so they are untracked, and untracked specs count as changed."""
    git_repo.write("specrepo.yaml", "specs: design/specs\n")
    git_repo.commit("Outer")
    GitRepo(git_repo.root / "design").commit("Inner", {"specs/SPEC-0002.yaml": BROKEN})
    result = run_cli("validate", "--changed-since", "HEAD")
    assert result.exit_code == 1 and "1 file checked" in result.output, result.output


def test_a_schema_in_a_bumped_submodule_checks_every_spec(git_repo: GitRepo,
                                                          tmp_path: Path) -> None:
    schemas = GitRepo(tmp_path / "schemas")
    schemas.commit("Schema", {"spec.schema.json": bundled_schema_text(SPEC_SCHEMA)})
    git_repo.write("specrepo.yaml", "specs: specs\nschema: shared/spec.schema.json\n")
    git_repo.write("specs/SPEC-0001.yaml", spec_text())
    _submodule(git_repo, schemas, "shared")
    git_repo.commit("Adopt")
    git_repo.git("branch", "base")
    tightened = json.loads(bundled_schema_text(SPEC_SCHEMA))
    tightened["required"] = [*tightened.get("required", []), "target_release"]
    schemas.commit("Tighten", {"spec.schema.json": json.dumps(tightened)})
    _bump(git_repo, "shared")
    result = run_cli("validate", "--changed-since", "base")
    assert result.exit_code == 1 and "1 file checked" in result.output, result.output
    assert "shared/spec.schema.json changed since base" in result.stderr


def test_diff_says_it_cannot_compare_inside_a_changed_submodule(
        project: GitRepo, design: GitRepo) -> None:
    old = project.git("-C", "design", "rev-parse", "HEAD")
    design.commit("Break", {"specs/SPEC-0002.yaml": BROKEN})
    _bump(project, "design")
    new = project.git("-C", "design", "rev-parse", "HEAD")
    for arguments in (["base...HEAD"], ["--exit-code", "base"], ["base..HEAD"]):
        result = run_cli("diff", *arguments, no_traceback=True)
        assert result.exit_code == 2, (arguments, result.output)
        assert f"design (`specrepo diff {old[:12]}..{new[:12]}` there)" in result.stderr
        assert "cannot compare the files of another" in result.stderr
    project.write("design/specs/SPEC-0001.yaml", BROKEN.replace("0002", "0001"))
    dirty = run_cli("diff")
    assert dirty.exit_code == 2 and "design (" in dirty.stderr, dirty.output


def test_diff_of_an_unchanged_or_unrelated_submodule_goes_on(
        git_repo: GitRepo, design: GitRepo) -> None:
    git_repo.commit("Own spec", {"specs/SPEC-0001.yaml": spec_text()})
    _submodule(git_repo, design, "vendor/design")  # holds no spec of this project
    git_repo.commit("Vendor")
    git_repo.git("branch", "base")
    design.commit("Change", {"specs/SPEC-0002.yaml": BROKEN})
    _bump(git_repo, "vendor/design")
    git_repo.commit("Edit", {"specs/SPEC-0001.yaml": spec_text(title="Edited")})
    result = run_cli("diff", "base...HEAD")
    assert result.exit_code == 0 and "1 spec changed" in result.output, result.output


def test_diff_of_a_bumped_submodule_not_checked_out(project: GitRepo, design: GitRepo,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A clone whose submodules are not checked out (actions/checkout's default): its
    folder is empty, yet git knows the commits it moved between."""
    design.commit("Break", {"specs/SPEC-0002.yaml": BROKEN})
    _bump(project, "design")
    clone = tmp_path / "clone"
    project.git("clone", "-q", "--no-local", str(project.root), str(clone))
    monkeypatch.chdir(clone)
    result = run_cli("diff", "origin/base...HEAD", no_traceback=True)
    assert result.exit_code == 2 and "design (" in result.stderr, result.output


@pytest.mark.parametrize(("config", "path"), [("specs: design/specs\n", "design"),
                                              ("specs: specs\n", "specs/shared"),
                                              ("specs: '**/SPEC-*.yaml'\n", "design"),
                                              ("specs: '*/*/SPEC-*.yaml'\n", "lib/design")])
@pytest.mark.parametrize("command", [["validate"], ["validate", "--history"], ["report"],
                                     ["render", "--check"]])
def test_a_submodule_in_the_spec_folders_not_checked_out_refuses_the_run(
        git_repo: GitRepo, design: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        config: str, path: str, command: list[str]) -> None:
    """A clone without `--recurse-submodules` (actions/checkout's default) holds an empty
    folder where the submodule's specs are: never "no problems" without them (trial30b
    finding 12); checked out, the run goes on."""
    git_repo.write("specrepo.yaml", config)
    git_repo.write("specs/SPEC-0009.yaml", spec_text("SPEC-0009"))
    _submodule(git_repo, design, path)
    git_repo.commit("Adopt specrepo")
    clone = tmp_path / "clone"
    git_repo.git("clone", "-q", "--no-local", str(git_repo.root), str(clone))
    monkeypatch.chdir(clone)
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert f"1 submodule in the spec folders is not checked out ({path})" in result.stderr
    assert "git submodule update --init --recursive" in result.stderr
    git_repo.git("-C", str(clone), "-c", "protocol.file.allow=always", "submodule", "update",
                 "-q", "--init")
    assert "not checked out" not in run_cli(*command, no_traceback=True).output


@pytest.mark.parametrize("config", ["specs: '*/SPEC-*.yaml'\n", "specs: 'specs/**/*.yaml'\n"])
def test_a_submodule_no_spec_glob_reaches_needs_no_checkout(
        git_repo: GitRepo, design: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        config: str) -> None:
    """`third_party/lib`, where `*/SPEC-*.yaml` (one folder deep) or `specs/**` can match
    no file: a clone without it is no spec short (final32 F4: exit 2)."""
    git_repo.write("specrepo.yaml", config)
    git_repo.write("specs/SPEC-0009.yaml", spec_text("SPEC-0009"))
    _submodule(git_repo, design, "third_party/lib")
    git_repo.commit("Adopt specrepo")
    clone = tmp_path / "clone"
    git_repo.git("clone", "-q", "--no-local", str(git_repo.root), str(clone))
    monkeypatch.chdir(clone)
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("now", ["file", "submodule"])
def test_a_spec_path_that_turned_from_submodule_to_file_or_back_is_checked(
        git_repo: GitRepo, design: GitRepo, now: str) -> None:
    """A submodule at a path a spec glob matches (`specs/SPEC-0002.yaml`) replaced by a
    spec file, or the other way round: the file at the path is a changed spec, as plain
    `validate` reads it (a broken spec, or a submodule, said to be one), never "0 files
    checked"."""
    git_repo.write("specrepo.yaml", "specs: 'specs/*.yaml'\n")
    git_repo.commit("Own spec", {"specs/SPEC-0001.yaml": spec_text()})
    if now == "submodule":
        git_repo.commit("A spec file", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002")})
        git_repo.git("rm", "-q", "specs/SPEC-0002.yaml")
    _submodule(git_repo, design, "specs/SPEC-0002.yaml")
    git_repo.commit("At the spec's path")
    if now == "file":
        git_repo.git("rm", "-q", "-f", "specs/SPEC-0002.yaml")
        git_repo.commit("A spec file again", {"specs/SPEC-0002.yaml": BROKEN})
    expected = run_cli("validate", no_traceback=True)
    assert expected.exit_code == 1, expected.output
    assert ("Aproved" if now == "file" else "error: a git submodule") in expected.output
    result = run_cli("validate", "--changed-since", "HEAD~1", no_traceback=True)
    assert (result.exit_code, result.stdout) == (
        1, expected.stdout.replace("2 files checked", "1 file checked"))

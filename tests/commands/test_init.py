"""`specrepo init` in a folder that already has a specrepo.yaml follows it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.history.gitrepo import GitRepo
from tests.support import run_cli


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def test_init_puts_the_example_in_the_configured_folder_with_its_prefix(folder: Path) -> None:
    (folder / "specrepo.yaml").write_text("specs: design/specs\nid_prefix: RFC\n")
    result = run_cli("init", "--author", "Ada Lovelace")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "created .specrepo/spec.schema.json", "created design/specs/RFC-0001-example-spec.yaml",
        "kept specrepo.yaml: it exists, and init never changes a configuration"]
    assert not (folder / "specs").exists()
    assert (folder / "specrepo.yaml").read_text() == "specs: design/specs\nid_prefix: RFC\n"
    assert run_cli("validate").output == "1 file checked: no problems\n"
    assert run_cli("init", "--author", "Ada").output.startswith("nothing to do")


@pytest.mark.parametrize(("prefix", "said"), [
    *((prefix, "cannot be an id prefix: a prefix is capital letters and digits")
      for prefix in ["RFC-", "rfc", "1ADR", "A B", "X: y", "R\udce9Q"]),
    ("", "an empty prefix (an unset variable?)")])
def test_init_refuses_a_prefix_no_configuration_can_hold_before_writing(
        folder: Path, prefix: str, said: str) -> None:
    result = run_cli("init", "--author", "Ada", "--prefix", prefix)
    assert result.exit_code == 2
    assert said in result.output
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("prefix", ["RFC", "ADR2", "K"])
def test_init_with_a_prefix_writes_a_repository_every_command_reads(
        folder: Path, prefix: str) -> None:
    assert run_cli("init", "--author", "Ada", "--prefix", prefix).exit_code == 0
    assert (folder / "specs" / f"{prefix}-0001-example-spec.yaml").is_file()
    assert run_cli("validate").output == "1 file checked: no problems\n"


def test_init_writes_no_example_for_a_format_of_the_repositorys_own(folder: Path) -> None:
    (folder / "specrepo.yaml").write_text("specs: adr\nfields: {id: number, title: name}\n")
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "created .github/workflows/specs.yml"
    assert not any(line.startswith("created adr/") for line in result.output.splitlines())
    assert (folder / "adr").is_dir()
    assert list((folder / "adr").iterdir()) == []


def test_init_with_only_globs_configured_creates_no_folder(folder: Path) -> None:
    (folder / "specrepo.yaml").write_text("specs: ['docs/*/spec.yaml']\n")
    result = run_cli("init", "--author", "Ada Lovelace")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "created .specrepo/spec.schema.json",
        "kept specrepo.yaml: it exists, and init never changes a configuration"]
    assert sorted(path.name for path in folder.iterdir()) == [".specrepo", "specrepo.yaml"]


def test_init_with_a_broken_configuration_says_so(folder: Path) -> None:
    (folder / "specrepo.yaml").write_text("specs: [unclosed\n")
    result = run_cli("init", "--author", "Ada Lovelace")
    assert result.exit_code == 2
    assert result.output.startswith("specrepo: error: specrepo.yaml:")
    assert sorted(path.name for path in folder.iterdir()) == ["specrepo.yaml"]


def test_init_with_ci_leaves_pages_the_first_ci_run_finds_up_to_date(folder: Path) -> None:
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "created specrepo.yaml", "created .specrepo/spec.schema.json",
        "created specs/SPEC-0001-example-spec.yaml", "created .github/workflows/specs.yml",
        "created docs/specs/SPEC-0001.md", "created docs/specs/index.md",
        ".github/workflows/specs.yml runs on pushes to `main` (no git branch here to take the "
        "name from); change `branches:` if your default branch has another name",
        "commit these files: CI checks that the pages in docs/specs/ are up to date, so run "
        "`specrepo render` and commit its pages whenever a spec changes"]
    assert run_cli("validate").exit_code == 0
    check = run_cli("render", "--check")
    assert (check.exit_code, check.output) == (0, "2 pages checked: 2 up to date\n")


def test_init_with_ci_never_replaces_a_page_and_says_to_render(folder: Path) -> None:
    (folder / "specrepo.yaml").write_text("specs: specs\nrender: {out: pages}\n")
    (folder / "specs").mkdir()
    (folder / "specs/SPEC-0001.yaml").write_text("id: SPEC-0001\ntitle: t\nstatus: Drafty\n")
    (folder / "pages").mkdir()
    (folder / "pages/index.md").write_text("hand-written\n")
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        "run `specrepo render` (after `specrepo validate` is clean) and commit its pages "
        "before CI runs: the workflow's `render --check` step fails while they are missing "
        "or out of date")
    assert (folder / "pages/index.md").read_text() == "hand-written\n"
    assert sorted(path.name for path in (folder / "pages").iterdir()) == ["index.md"]
    assert run_cli("init", "--author", "Ada", "--ci", "github").output.startswith("nothing to do")


def test_init_in_a_subfolder_follows_the_configuration_above(folder: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    (folder / ".git").mkdir()  # the top of a git repository: init never looks above it
    assert run_cli("init", "--author", "Ada Lovelace").exit_code == 0
    before = sorted(path.relative_to(folder) for path in folder.rglob("*"))
    (folder / "docs" / "design").mkdir(parents=True)
    monkeypatch.chdir(folder / "docs" / "design")
    result = run_cli("init", "--author", "Grace Hopper", "--prefix", "SPEC")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "following ../../specrepo.yaml: this folder is inside that spec repository already",
        "nothing to do: the configuration and specs already exist",
        "kept ../../.specrepo/spec.schema.json: it exists, a copy of the bundled schema",
        "kept ../../specs: it holds 1 spec file, so no example spec is written"]
    assert sorted(path.relative_to(folder) for path in folder.rglob("*")) == sorted(
        [*before, Path("docs"), Path("docs/design")])
    assert run_cli("validate").output == "1 file checked: no problems\n"


@pytest.mark.parametrize("where", [".", "docs"])
def test_init_refuses_a_prefix_other_than_the_configuration_s_before_writing(
        folder: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """An existing specrepo.yaml (here or above) keeps its own prefix; init never changes
    it, so another `--prefix` is refused (exit 2), never ignored in silence (trial35)."""
    (folder / ".git").mkdir()
    (folder / "specrepo.yaml").write_text("specs: specs\n")
    (folder / "docs").mkdir()
    monkeypatch.chdir(folder / where)
    result = run_cli("init", "--author", "Ada", "--prefix", "RFC", no_traceback=True)
    assert result.exit_code == 2
    shown = "specrepo.yaml" if where == "." else "../specrepo.yaml"
    assert result.stderr == (
        f"specrepo: error: --prefix RFC: the ids of {shown} are SPEC-… (its `id_prefix:`, "
        "SPEC when it sets none), and init never changes a configuration: set `id_prefix:` "
        "there, or leave --prefix out\n")
    assert sorted(path.name for path in folder.iterdir()) == [".git", "docs", "specrepo.yaml"]
    invalid = run_cli("init", "--author", "Ada", "--prefix", "a b")
    assert invalid.exit_code == 2
    assert "cannot be an id prefix" in invalid.stderr


def test_init_in_a_subfolder_completes_the_repository_above(folder: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    (folder / "specrepo.yaml").write_text("specs: design\n")
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.output.splitlines() == [
        "following ../specrepo.yaml: this folder is inside that spec repository already",
        "created ../.specrepo/spec.schema.json", "created ../design/SPEC-0001-example-spec.yaml",
        "created ../.github/workflows/specs.yml", "created ../docs/specs/SPEC-0001.md",
        "created ../docs/specs/index.md",
        ".github/workflows/specs.yml runs on pushes to `main` (no git branch here to take the "
        "name from); change `branches:` if your default branch has another name",
        "commit these files: CI checks that the pages in docs/specs/ are up to date, so run "
        "`specrepo render` and commit its pages whenever a spec changes"]
    assert list((folder / "sub").iterdir()) == []


def test_init_in_a_git_repository_inside_a_configured_folder_starts_its_own(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "specrepo.yaml").write_text("specs: specs\n")
    inner = folder / "vendor" / "other"
    (inner / ".git").mkdir(parents=True)
    monkeypatch.chdir(inner)
    result = run_cli("init", "--author", "Ada Lovelace")
    assert result.output.splitlines()[0] == "created specrepo.yaml"
    assert (inner / "specs" / "SPEC-0001-example-spec.yaml").is_file()


def test_init_ci_in_a_folder_of_a_repository_writes_where_github_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GitHub runs only the workflows at the top of the repository: one for a monorepo's
    `design/` goes there, named for the folder, its commands run in it."""
    repo = GitRepo(tmp_path / "monorepo")
    (repo.root / "specrepo.yaml").unlink()
    (repo.root / "design").mkdir()
    monkeypatch.chdir(repo.root / "design")
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.exit_code == 0
    assert "created ../.github/workflows/specs-design.yml" in result.output.splitlines()
    assert not (repo.root / "design" / ".github").exists()
    workflow = yaml.safe_load((repo.root / ".github/workflows/specs-design.yml").read_text())
    [step] = [step for step in workflow["jobs"]["specs"]["steps"] if "with" in step
              and "since" in step["with"]]
    assert step["with"]["working-directory"] == "design"


def workflow_branches(root: Path) -> object:
    workflow = yaml.safe_load((root / ".github/workflows/specs.yml").read_text())
    return workflow[True]["push"]["branches"]  # YAML 1.1's `on` is True to PyYAML


@pytest.mark.parametrize(("branch", "pattern"), [
    ("master", "master"), ("trunk", "trunk"), ("release/2.x", "release/2.x"),
    ("a#b,c", "a#b,c"),
    # trial33 F9: GitHub reads the filter as a pattern: `+` repeats, a leading `!` excludes.
    ("v1.0+build", "v1.0\\+build"), ("!release", "\\!release"), ("a!b", "a!b"),
    # final33 F4: quoted, so YAML reads the branch's name, never a number or a boolean
    ("1.10", "1.10"), ("2.0", "2.0"), ("null", "null"), ("true", "true")])
def test_init_ci_runs_on_the_branch_checked_out(tmp_path: Path, branch: str, pattern: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Trial 25: a repository on `master` got `branches: [main]`, so pushes never ran it.
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "specrepo.yaml").unlink()
    repo.git("checkout", "-q", "-b", branch)  # no commit yet: the branch is unborn
    monkeypatch.chdir(repo.root)
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.exit_code == 0
    assert workflow_branches(repo.root) == [pattern]
    assert f".github/workflows/specs.yml runs on pushes to `{branch}` (the branch checked " \
           "out; no remote, nor a `main` or `master` branch, says which branch is the " \
           "default); change `branches:` if your default branch has another name" \
           in result.output.splitlines()


def test_init_ci_prefers_the_remote_s_default_branch(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    origin = GitRepo(tmp_path / "origin")
    origin.git("checkout", "-q", "-b", "develop")
    origin.write("README", "x\n")
    origin.commit("Start")
    clone = tmp_path / "clone"
    origin.git("clone", "-q", str(origin.root), str(clone))
    subprocess.run(["git", "checkout", "-q", "-b", "topic"], cwd=clone, check=True)
    monkeypatch.chdir(clone)
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.exit_code == 0
    assert workflow_branches(clone) == ["develop"]
    assert "runs on pushes to `develop` (origin's default branch, origin/HEAD)" \
        in result.output


def test_init_ci_on_a_feature_branch_runs_on_the_remote_s_main_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GitHub's "push an existing repository" steps (`git remote add origin`, `git push -u
    origin main`) make no origin/HEAD: init on a feature branch wrote that branch, so once
    merged, pushes to main ran no check at all (trial51a)."""
    origin = GitRepo(tmp_path / "origin.git")
    origin.git("config", "receive.denyCurrentBranch", "ignore")
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "specrepo.yaml").unlink()
    repo.write("README.md", "x\n")
    repo.commit("Start")
    repo.git("remote", "add", "origin", str(origin.root))
    repo.git("push", "-q", "-u", "origin", "main")
    repo.git("checkout", "-q", "-b", "add-spec-ci")
    monkeypatch.chdir(repo.root)
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert result.exit_code == 0
    assert workflow_branches(repo.root) == ["main"]
    assert ".github/workflows/specs.yml runs on pushes to `main` (origin/main exists, and " \
           "this clone does not know origin's default branch: `git remote set-head origin " \
           "--auto` asks it); change `branches:` if your default branch has another name" \
           in result.output.splitlines()


@pytest.mark.parametrize("default", ["master", "trunk"])
def test_init_ci_on_a_feature_branch_without_a_remote_takes_the_local_main_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, default: str) -> None:
    """No remote: the local branch `init.defaultBranch` names, else `main` or `master`."""
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "specrepo.yaml").unlink()
    repo.git("branch", "-m", default)
    repo.write("README.md", "x\n")
    repo.commit("Start")
    repo.git("config", "init.defaultBranch", "trunk")
    repo.git("checkout", "-q", "-b", "add-spec-ci")
    monkeypatch.chdir(repo.root)
    result = run_cli("init", "--author", "Ada Lovelace", "--ci", "github")
    assert workflow_branches(repo.root) == [default]
    assert f"runs on pushes to `{default}` (a branch here; no remote says which branch is " \
           "the default)" in result.output


def test_the_editors_schema_copy_says_what_it_is_and_validate_says_when_it_drifts(
        folder: Path) -> None:
    """The copy init writes for editors is not what validate reads: it says so itself, and
    validate warns (naming the refresh) when it differs from the bundled schema in force."""
    assert run_cli("init", "--author", "Ada").exit_code == 0
    copy = folder / ".specrepo" / "spec.schema.json"
    assert "validate never reads that copy" in json.loads(copy.read_text())["$comment"]
    clean = run_cli("validate")
    assert (clean.exit_code, clean.stderr) == (0, "")
    tightened = json.loads(copy.read_text())
    tightened["required"].append("owner")
    copy.write_text(json.dumps(tightened))
    drifted = run_cli("validate")
    assert drifted.exit_code == 0  # the schema in force did not change
    assert drifted.stderr == (
        "specrepo: warning: .specrepo/spec.schema.json differs from the bundled schema "
        "validate checks against (edited, or written by another specrepo version): editors "
        "follow it, validate does not; refresh it with `specrepo schema --bundled > "
        ".specrepo/spec.schema.json`, or set `schema:` in specrepo.yaml for a schema of "
        "your own\n")
    assert run_cli("validate", "--strict").exit_code == 0  # a note on the run, no finding
    copy.write_text(run_cli("schema", "--bundled").stdout)  # the refresh it names
    assert run_cli("validate").stderr == ""
    (folder / "own.json").write_text(json.dumps(tightened))
    with (folder / "specrepo.yaml").open("a") as config:
        config.write("schema: own.json\n")  # another schema in force: the copy is no concern
    assert ".specrepo/spec.schema.json" not in run_cli("validate").stderr


@pytest.mark.parametrize("ours", [False, True])
def test_init_names_each_file_it_keeps_and_why(folder: Path, ours: bool) -> None:
    """trial42 init-ci-keeps-workflow-silently: a workflow and an editor schema that exist
    are kept (never replaced) and each named with why; exit 0, as for any file kept."""
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    workflow = folder / ".github/workflows/specs.yml"
    if ours:
        assert run_cli("init", "--author", "Ada", "--ci", "github").exit_code == 0
        (folder / "specs/SPEC-0001-example-spec.yaml").unlink()
    else:
        workflow.parent.mkdir(parents=True)
        workflow.write_text("name: our own deploy\n")
    (folder / ".specrepo").mkdir(exist_ok=True)
    (folder / ".specrepo/spec.schema.json").write_text("{}\n")
    before = workflow.read_text()
    result = run_cli("init", "--author", "Ada", "--ci", "github")
    assert result.exit_code == 0
    kept = [line for line in result.output.splitlines() if line.startswith("kept ")]
    assert kept == [
        *(["kept specrepo.yaml: it exists, and init never changes a configuration"] if ours
          else []),
        "kept .specrepo/spec.schema.json: it exists and differs from the bundled schema; "
        "`specrepo schema --bundled > .specrepo/spec.schema.json` refreshes it",
        "kept .github/workflows/specs.yml: " + (
            "it exists, written by specrepo init" if ours else
            "it exists and is not specrepo's, so specrepo's CI is not set up (and no page was "
            "rendered for it): add specrepo's step to it (README, \"In CI and editors\"), or "
            "move it away and run `specrepo init --ci github` again")]
    assert workflow.read_text() == before
    assert (folder / ".specrepo/spec.schema.json").read_text() == "{}\n"


def test_init_where_everything_exists_names_each_file_it_kept(folder: Path) -> None:
    """low59: run again at the top folder, init said only "nothing to do", where README
    shows a line for each file it would have written and kept, with why."""
    assert run_cli("init", "--author", "Ada Lovelace").exit_code == 0
    again = run_cli("init", "--author", "Ada")
    assert (again.exit_code, again.output.splitlines()) == (0, [
        "nothing to do: the configuration and specs already exist",
        "kept specrepo.yaml: it exists, and init never changes a configuration",
        "kept .specrepo/spec.schema.json: it exists, a copy of the bundled schema",
        "kept specs: it holds 1 spec file, so no example spec is written"])
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "$ specrepo init\n" + again.output in readme  # README shows this very output

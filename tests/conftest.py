"""Shared fixtures: a clean environment and small spec repositories in temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from specrepo.check import compiled_schema
from specrepo.load.regress_process import stop_worker
from specrepo.load.schema_reading import SchemaFileReader
from specrepo.load.schema_source import SchemaSource
from specrepo.model.config import Config
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, WriteSpec

# Property tests assert behaviour, never time: hypothesis's 200 ms deadline and its too-slow
# health check failed tests at random on a loaded two-core machine (CI's kind).
settings.register_profile("specrepo", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("specrepo")


@pytest.fixture(autouse=True)
def _no_regress_worker_left() -> Iterator[None]:
    """A test that matched a pattern only regress reads leaves no worker process behind
    (`regress_process`): tests that count this process's children see none of it."""
    yield
    stop_worker()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never see the developer's CI variables, colours or git identity."""
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "GITHUB_STEP_SUMMARY",
                 # nor the range of a push whose pre-commit hook runs them (`--pre-push`)
                 "PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "PRE_COMMIT_REMOTE_NAME",
                 "PRE_COMMIT_LOCAL_BRANCH"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))


TEST_GIT = os.environ.get("SPECREPO_TEST_GIT", "")
"""A second git to run the tests that use `each_git` with, besides the one on PATH: its
executable's path (named `git`), say a newer git than the machine's (2.41 and later have
`git sparse-checkout check-rules`; README, Development). Unset: those runs are skipped."""


@pytest.fixture(params=["git on PATH", "SPECREPO_TEST_GIT"])
def each_git(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the git on PATH, then with `TEST_GIT` first on PATH (the tests'
    own repositories and specrepo both use it); returns `git version`'s answer. Ask for it
    before any fixture that runs git (`pytest.mark.usefixtures("each_git")` does)."""
    if request.param == "SPECREPO_TEST_GIT":
        if not TEST_GIT:
            pytest.skip("SPECREPO_TEST_GIT is not set: no second git to run with")
        found = shutil.which(TEST_GIT)
        if found is None or Path(found).name != "git":
            pytest.fail(f"SPECREPO_TEST_GIT={TEST_GIT} is not an executable named git")
        monkeypatch.setenv("PATH", f"{Path(found).parent}{os.pathsep}{os.environ['PATH']}")
    version = subprocess.run(["git", "version"], capture_output=True, text=True, check=True)
    return version.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty spec repository (config and specs/ folder); the working directory."""
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    (root / "specrepo.yaml").write_text("specs: specs\n")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A git repository in `tmp_path / "repo"` (tests/history/gitrepo.py: `specrepo.yaml`
    and an empty specs/ folder, nothing committed); the working directory."""
    repository = GitRepo(tmp_path / "repo")
    monkeypatch.chdir(repository.root)
    return repository


@pytest.fixture
def write_spec(repo: Path) -> WriteSpec:
    """Write a spec file into the repository's specs/ folder (dedented)."""

    def write(name: str, text: str | None = None, *, spec_id: str | None = None) -> Path:
        path = repo / "specs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            text = MINIMAL_SPEC.format(id=spec_id or name.split(".", maxsplit=1)[0][:9])
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def schema_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """The spec schemas read (None: the bundled one)."""
    reads: list[Path | None] = []
    read = compiled_schema.spec_schema_source

    def counted(config: Config, files: SchemaFileReader | None = None) -> SchemaSource:
        reads.append(config.schema_path)
        return read(config, files)

    monkeypatch.setattr(compiled_schema, "spec_schema_source", counted)
    return reads

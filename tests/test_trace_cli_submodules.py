"""`specrepo trace` never passes over a submodule in silence: git tracks its files in its
own repository, so trace does not scan them, and says so (README: `specrepo trace`)."""

from __future__ import annotations

from pathlib import Path

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

SPEC = spec_text("SPEC-0001", extra="""\
requirements:
  functional:
    - {id: FR-1, description: Accept a password., priority: P0}
    - {id: FR-2, description: Lock after 3 tries., priority: P1}
""")


def _with_a_submodule(repo: GitRepo, tmp_path: Path) -> None:
    library = GitRepo(tmp_path / "lib")
    library.commit("Shared tests", {"tests/test_lock.py": "# SPEC-0001/FR-2\n"})
    repo.commit("Spec and tests", {"specs/SPEC-0001.yaml": SPEC,
                                   "tests/test_login.py": "# SPEC-0001/FR-1\n"})
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q",
             str(library.root), "lib")
    repo.commit("The shared tests as a submodule")


def test_a_glob_only_into_a_submodule_says_so(git_repo: GitRepo, tmp_path: Path) -> None:
    _with_a_submodule(git_repo, tmp_path)
    git_repo.write("specrepo.yaml", "specs: specs\ntrace:\n  tests: [lib/tests/**]\n")
    result = run_cli("trace")
    assert result.exit_code == 2
    assert ("trace.tests 'lib/tests/**' (inside the submodule lib) matches no file git "
            "tracks here; trace scans only this repository's files, never a submodule's"
            ) in result.stderr
    assert "git add" not in result.stderr


def test_a_glob_reaching_into_a_submodule_is_named(git_repo: GitRepo, tmp_path: Path) -> None:
    _with_a_submodule(git_repo, tmp_path)
    git_repo.write("specrepo.yaml", 'specs: specs\ntrace:\n  tests: ["**/*.py"]\n')
    result = run_cli("trace")
    assert result.exit_code == 0
    assert ("warning: trace.tests '**/*.py' reaches into the submodule lib: trace scans "
            "only this repository's files, never a submodule's") in result.stderr
    git_repo.write("specrepo.yaml", "specs: specs\ntrace:\n  tests: [tests/**]\n")
    assert "submodule" not in run_cli("trace").stderr

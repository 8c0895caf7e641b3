"""A heading line in `approval: protected:` that `sections:` does not list and no spec
has would protect nothing: a configuration error at its line, with a did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

EXAMPLE = Path(__file__).parents[2] / "examples" / "madr-markdown"


@pytest.fixture
def madr(git_repo: GitRepo) -> GitRepo:
    (git_repo.root / "specrepo.yaml").unlink()
    shutil.rmtree(git_repo.root / "specs")
    shutil.copytree(EXAMPLE, git_repo.root, dirs_exist_ok=True)
    return git_repo


def _protect(repo: GitRepo, old: str, new: str) -> str:
    config = repo.root / "specrepo.yaml"
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new))
    return next(f"{number}:{line.index(new) + 1}"
                for number, line in enumerate(config.read_text().splitlines(), 1)
                if new in line)


@pytest.mark.parametrize("typo", ['"## Decison Outcome"', '"### Decision Outcome"'])
def test_a_misspelled_protected_heading_is_a_configuration_error(madr: GitRepo,
                                                                typo: str) -> None:
    line = _protect(madr, '"## Decision Outcome"]', f"{typo}]")
    madr.commit("init")
    for command in (("validate",), ("validate", "--history"),
                    ("report", "--fail-on", "changed-after-approval"),
                    ("diff", "--since-approval")):
        result = run_cli(*command)
        assert result.exit_code == 2, command
        assert f"specrepo.yaml:{line}: approval.protected: '{typo.strip(chr(34))}' is a " \
               "heading that `sections:` does not list and none of the 3 spec files has" \
               in result.output
        assert "did you mean '## Decision Outcome'?" in result.output


def test_a_heading_sections_lists_or_some_spec_has_is_protected(madr: GitRepo) -> None:
    """A heading `sections:` lists passes though no spec has it yet; one `sections:` does
    not list passes once a spec has it."""
    config = madr.root / "specrepo.yaml"
    config.write_text(config.read_text().replace(
        "sections:", 'sections:\n  - {heading: "## Rollback Plan", optional: true}', 1))
    _protect(madr, '"## Decision Outcome"]', '"## Decision Outcome", "## Rollback Plan"]')
    assert run_cli("validate").exit_code == 0
    config.write_text(config.read_text().replace(
        '\n  - {heading: "## Rollback Plan", optional: true}', ""))
    assert run_cli("validate").exit_code == 2
    _protect(madr, '"## Rollback Plan"]', '"### PostgreSQL"]')  # ADR-0001's option
    assert run_cli("validate").exit_code == 0

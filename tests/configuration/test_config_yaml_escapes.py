"""A glob in specrepo.yaml written in double quotes with a backslash YAML does not know
(`specs: "keps/\\[x"`, meant as a literal `[`) is refused naming the escape and how to write
it: in single quotes, which keep a backslash as written (low58). The CLI in-process."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo
from tests.support import run_cli


def test_a_double_quoted_glob_with_a_backslash_is_told_to_take_single_quotes(
        git_repo: GitRepo) -> None:
    git_repo.write("specrepo.yaml", 'specs: "keps/\\[x"\n')
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "specrepo: error: specrepo.yaml:1:14: YAML syntax error: the escape \\[ is none YAML "
        "knows in double quotes; where the backslash is meant as itself, write the text in "
        "single quotes ('keps/\\[x'), which keep a backslash as written, or double the "
        "backslash (\\\\[)\n")


def test_the_single_quoted_glob_reads_the_bracket_as_itself(git_repo: GitRepo) -> None:
    git_repo.write("keps/[x]/SPEC-0001.yaml", "id: SPEC-0001\n")
    git_repo.write("specrepo.yaml", "specs: 'keps/\\[x]/*.yaml'\n")
    result = run_cli("validate", no_traceback=True)
    assert "keps/[x]/SPEC-0001.yaml:1:1: error: " in result.stdout, result.output

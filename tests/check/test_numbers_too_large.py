"""A number too large to hold (`1e400`, an integer of more decimal digits than Python
writes, in any base) fails `validate` at its value (`yaml-limit`), so a schema's `maximum`
without a `type` never passes one it could not check, and no command ends in an internal
error on it (trial51b: `0x` and `0o` integers were kept as Python ints that `str()`
refuses; `1e400` and long decimals passed `maximum` as text)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HUGE_HEX = "0x" + "f" * 4000
HUGE_OCTAL = "0o" + "7" * 5000
HUGE_DECIMAL = "9" * 5000
BOUNDED = {"required": ["id", "status"],
           "properties": {"budget": {"maximum": 1000}, "floor": {"minimum": 0}}}


def _own_format(git_repo: GitRepo) -> None:
    git_repo.write("s.json", json.dumps(BOUNDED))
    git_repo.write("specrepo.yaml", "specs: specs\nschema: s.json\nfields: {authors: null, "
                   "reviewers: null, created: null, updated: null}\nrules: {file-name: off}\n")


@pytest.mark.parametrize(("field", "written", "shown"), [
    ("budget", "1e400", "1e400"), ("floor", "-1e400", "-1e400"),
    ("budget", HUGE_DECIMAL, "9" * 20 + "... (5,000 characters)"),
    ("budget", HUGE_HEX, "0x" + "f" * 18 + "... (4,002 characters)"),
    ("budget", "!!int " + HUGE_OCTAL, "0o" + "7" * 18 + "... (5,002 characters)")])
def test_a_number_too_large_fails_validate_at_its_value(git_repo: GitRepo, field: str,
                                                        written: str, shown: str) -> None:
    _own_format(git_repo)
    git_repo.write("specs/a.yaml", f"id: A-1\nstatus: Draft\n{field}: {written}\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1, result.output
    column = len(field) + 3
    assert f"specs/a.yaml:3:{column}: error: the number {shown} is too large" in result.stdout
    assert "[yaml-limit]" in result.stdout
    quoted = run_cli("validate", "--format", "json").stdout
    assert [(one["rule"], one["line"], one["column"]) for one in json.loads(quoted)[
        "findings"]] == [("yaml-limit", 3, column)]


def test_no_command_ends_in_an_internal_error_on_one(git_repo: GitRepo) -> None:
    """The bundled format's title, and a number of one's own format, committed."""
    git_repo.write("specs/SPEC-0001.yaml", spec_text(title=HUGE_HEX))
    for command in (["validate"], ["render"]):
        result = run_cli(*command, no_traceback=True)
        assert result.exit_code == 1, result.output
        assert "is too large to read" in result.output
    git_repo.write("specs/SPEC-0001.yaml", spec_text())
    _own_format(git_repo)
    git_repo.commit("one", {"specs/a.yaml": "id: A-1\nstatus: Draft\nbudget: 1\n"})
    git_repo.commit("two", {"specs/a.yaml": f"id: A-1\nstatus: Draft\nbudget: {HUGE_OCTAL}\n"})
    for command in (["validate"], ["render"], ["site"], ["diff", "HEAD~1"]):
        result = run_cli(*command, no_traceback=True)
        assert result.exit_code in (0, 1), (command, result.output)
        assert "internal error" not in result.output, (command, result.output)


def test_a_reference_or_id_of_thousands_of_digits_ends_in_no_internal_error(
        git_repo: GitRepo) -> None:
    """Numbers in ids and references are compared by value (`SPEC-42` suggests
    `SPEC-0042`, `SPEC-9` sorts before `SPEC-10`) at any length, as text, not as Python
    ints past the digits Python converts."""
    references = f"[SPEC-{HUGE_DECIMAL}/FR-1, SPEC-0001/FR-{HUGE_DECIMAL}]"
    git_repo.write("specs/SPEC-0001.yaml", spec_text(extra=(
        "requirements:\n  functional:\n    - {id: FR-1, description: d, priority: P0, "
        f"depends_on: {references}}}\n")))
    git_repo.write("specs/SPEC-0002.yaml", spec_text(spec_id=f"SPEC-{HUGE_DECIMAL}"))
    git_repo.commit("specs")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1, result.output
    assert f"error: SPEC-{HUGE_DECIMAL[:40]}" in result.stdout
    for command in (["render"], ["site"], ["trace"], ["report"], ["new", "Next"]):
        result = run_cli(*command, no_traceback=True)
        assert result.exit_code in (0, 1, 2), (command, result.output)
        assert "internal error" not in result.output, (command, result.output)

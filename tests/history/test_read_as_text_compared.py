"""A configuration that adds or drops `read_as_text` after an approval changes no value
compared (trial52 read-as-text-phantom-protected-change): `diff --since-approval`,
`validate --history` and `report` read both versions as today's configuration reads
numbers, and agree."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = """\
specs: veps
front_matter: true
schema: s.yaml
fields: {{id: vep-number, title: title, created: null, updated: null,
         superseded_by: null, questions: null, related: [], item_lists: []{text}}}
statuses: {{states: [provisional, implementable], transitions: {{provisional: [implementable]}},
           in_review: [provisional], approved: [implementable]}}
rules: {{file-name: off}}
approval: {{protected: [milestone, vep-number]}}
"""
PATH = "veps/1-x/vep.md"


def _vep(status: str, body: str = "X") -> str:
    return (f"---\ntitle: X\nvep-number: 1\nstatus: {status}\nreviewers: ['@a']\n"
            f"milestone:\n  alpha: 1.20\n---\n\n# {body}\n")


def _config(text: str) -> str:
    return CONFIG.format(text=f", read_as_text: [{text}]" if text else "")


def _gates(edited: bool) -> None:
    """The three gates find no protected change; the diff shows the body's alone."""
    assert run_cli("validate", "--history").exit_code == 0
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 0
    diff = run_cli("diff", "--since-approval").output
    assert "[protected]" not in diff and "milestone" not in diff and "vep-number" not in diff
    assert ("# X{+ edited+}" in diff) is edited, diff


@pytest.mark.parametrize(("before", "after"), [("", "milestone, vep-number"),
                                               ("milestone, vep-number", "")])
@pytest.mark.parametrize("edited", [False, True])
def test_read_as_text_changed_after_approval_changes_nothing(
        git_repo: GitRepo, before: str, after: str, edited: bool) -> None:
    git_repo.commit("Draft", {"specrepo.yaml": _config(before), PATH: _vep("provisional"),
                              "s.yaml": "type: object\nrequired: [title, status]\n"})
    git_repo.commit("Approve", {PATH: _vep("implementable")}, author="Grace Hopper")
    git_repo.commit("Read as text", {"specrepo.yaml": _config(after)})
    if edited:
        git_repo.commit("Edit", {PATH: _vep("implementable", "X edited")})
    _gates(edited)


def test_a_number_rewritten_is_still_a_change_when_read_as_text(git_repo: GitRepo) -> None:
    git_repo.commit("Draft", {"specrepo.yaml": _config(""), PATH: _vep("provisional"),
                              "s.yaml": "type: object\nrequired: [title, status]\n"})
    git_repo.commit("Approve", {PATH: _vep("implementable")}, author="Grace Hopper")
    git_repo.commit("Read as text", {"specrepo.yaml": _config("milestone")})
    git_repo.commit("Edit", {PATH: _vep("implementable").replace("1.20", "1.2")})
    assert run_cli("validate", "--history").exit_code == 1
    assert run_cli("report", "--fail-on", "changed-after-approval").exit_code == 1
    assert 'milestone.alpha: "1.20" -> "1.2"  [protected]' in run_cli(
        "diff", "--since-approval").output


def test_a_schema_refusing_what_read_as_text_made_says_so(git_repo: GitRepo) -> None:
    """trial52 read-as-text-integer-schema-message: `vep-number: 5` is no string in the
    file; the message names `read_as_text`, in validate and in the history check alike."""
    git_repo.commit("Draft", {"specrepo.yaml": _config("vep-number"), PATH: _vep("provisional"),
                              "s.yaml": "properties:\n  vep-number: {type: integer}\n"})
    for arguments in (("validate",), ("validate", "--history")):
        output = run_cli(*arguments).output
        assert ("expected a whole number, got the string '1': the file writes 1 unquoted, "
                "and `read_as_text` in the configuration reads it as text; take the field "
                "out of `read_as_text`, or let the schema take a string") in output, output
    git_repo.commit("Quoted", {PATH: _vep("provisional").replace("vep-number: 1",
                                                                 "vep-number: '1'")})
    assert "read_as_text" not in run_cli("validate").output  # the file's own string

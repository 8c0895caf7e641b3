"""A version of a spec with no status where the format has one (the `status:` line
dropped, `status: null`, `status: ''`) is unreadable for its status, as validate's
`spec-field` check says (one definition, `unreadable_field`): history compares the move
across it with the last readable status, as it does with the bundled schema, and a plain
commit never gets a merge's `merge-resolved` event (trial36 status-less-version-launders-
move: Rejected -> Draft passed every gate in a team's own loose schema). Warm runs agree."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

LOOSE = {
    "specrepo.yaml": "specs: adr\nschema: s.json\nrules: {file-name: off}\n",
    "s.json": '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n',
}


def adr(line: str) -> str:
    return f"id: ADR-1\ntitle: T\n{line}\nreviewers: [Grace Hopper]\n"


PLACES = {"owner: x": "1:1", "status: null": "3:9", "status: ''": "3:9", "status:": "3:8"}
"""Where skipped-version names the version without a status, as validate would."""


@pytest.mark.parametrize("middle", ["owner: x", "status: null", "status: ''", "status:"])
def test_a_move_across_a_version_without_status_is_judged(git_repo: GitRepo,
                                                           middle: str) -> None:
    git_repo.commit("a", {**LOOSE, "adr/a.yaml": adr("status: Draft")})
    git_repo.commit("reject", {"adr/a.yaml": adr("status: Rejected")})
    edit = git_repo.commit("edit", {"adr/a.yaml": adr(middle)})
    back = git_repo.commit("un-reject", {"adr/a.yaml": adr("status: Draft")})
    for _ in range(2):  # cold, then with the history cache warm
        validate = run_cli("validate", "--history")
        assert validate.exit_code == 1
        assert (f"commit {back[:10]} (the versions since commit {edit[:10]} could not be "
                "read) by Ada Lovelace on ") in validate.stdout  # small63
        assert "moved the status from Rejected to Draft" in validate.stdout
        assert f"adr/a.yaml:{PLACES[middle]} (commit {edit[:10]}): " in validate.stdout
        assert "(a status move across it is judged from the versions read around it; a " \
            "status only it held is not seen)" in validate.stdout  # and it is judged
        report = run_cli("report", "--fail-on", "illegal-transitions")
        assert report.exit_code == 1
        events = json.loads(run_cli("timeline", "ADR-1", "--format", "json").stdout)["events"]
        moves = [(event["kind"], event["from"], event["to"]) for event in events
                 if event["field"] == "status"]
        assert moves == [("created", None, "Draft"), ("status-changed", "Draft", "Rejected"),
                         ("status-changed", "Rejected", "Draft")]


def test_validate_says_what_history_skips(git_repo: GitRepo) -> None:
    git_repo.commit("a", {**LOOSE, "adr/a.yaml": adr("status: ''")})
    validate = run_cli("validate")
    assert validate.exit_code == 1
    assert "adr/a.yaml:3:9: error: `status` (the spec's status) is empty text where " \
        "specrepo reads text [spec-field]" in validate.stdout

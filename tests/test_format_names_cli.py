"""A spec schema whose `format` misspells a format JSON Schema defines is refused before
any spec is read (exit 2, its file and line named), in a real git repository: it would
check nothing, and pass a spec holding no date where `date` was meant (newuser56)."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = ("specs: specs\nschema: spec.schema.yaml\nfields: {{updated: null, reviewers: null, "
          "questions: null, related: [], item_lists: [], superseded_by: null}}\n"
          "rules: {{file-name: 'off'}}\n")
SCHEMA = ("type: object\nrequired: [id, title, status, created]\nproperties:\n"
          "  created:\n    type: string\n    format: {format}\n")
SPEC = ("id: SPEC-0001\ntitle: One\nstatus: Draft\nauthors: [Ada]\n"
        "created: '2026-02-30'\n")


def _repository(git_repo: GitRepo, format_name: str) -> None:
    git_repo.commit("specs", {"specrepo.yaml": CONFIG.format(),
                              "spec.schema.yaml": SCHEMA.format(format=format_name),
                              "specs/SPEC-0001.yaml": SPEC})


@pytest.mark.parametrize(("format_name", "meant"), [("Date", "date"), ("full-date", "date")])
@pytest.mark.parametrize("command", [["validate"], ["validate", "--history"], ["report"]])
def test_a_misspelt_date_format_is_refused_at_its_line(
        git_repo: GitRepo, format_name: str, meant: str, command: list[str]) -> None:
    _repository(git_repo, format_name)
    result = run_cli(*command, no_traceback=True)
    assert result.exit_code == 2, result.output
    assert (f"spec.schema.yaml:6:13: the format '{format_name}' is none JSON Schema defines, "
            f"so it checks nothing: did you mean '{meant}'? specrepo asserts it: a valid "
            "calendar date (YYYY-MM-DD)") in result.output


def test_the_format_meant_checks_the_date(git_repo: GitRepo) -> None:
    _repository(git_repo, "date")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1, result.output
    assert ("specs/SPEC-0001.yaml:5:10: error: '2026-02-30' is not a valid calendar date "
            "(YYYY-MM-DD) [schema] ($.created)") in result.output


def test_a_format_of_ones_own_is_an_annotation(git_repo: GitRepo) -> None:
    _repository(git_repo, "semver")
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")


def test_a_short_name_of_the_ip_formats_is_refused_naming_both(git_repo: GitRepo) -> None:
    _repository(git_repo, "ip")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert ("spec.schema.yaml:6:13: the format 'ip' is none JSON Schema defines, so it "
            "checks nothing: did you mean 'ipv4' or 'ipv6'? specrepo asserts each: a valid "
            "IPv4 address or a valid IPv6 address") in result.output

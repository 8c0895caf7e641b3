"""A custom schema's formats are checked (formats57): `email`, `date-time`, `ipv4`, `uuid`
and `regex` values that are none give findings at their line and exit 1, valid ones exit
0; a format JSON Schema defines that specrepo does not assert is said once, as a note at
the schema's line, and changes no exit code. Real git repositories, the CLI in-process."""

from __future__ import annotations

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

CONFIG = ("specs: specs\nschema: spec.schema.yaml\nfields: {updated: null, reviewers: null, "
          "questions: null, related: [], item_lists: [], superseded_by: null}\n"
          "rules: {file-name: 'off'}\n")
SCHEMA = ("type: object\nrequired: [id, title, status]\nproperties:\n"
          "  email: {type: string, format: email}\n"
          "  updated: {type: string, format: date-time}\n"
          "  host: {type: string, format: ipv4}\n"
          "  key: {type: string, format: uuid}\n"
          "  match: {type: string, format: regex}\n")
VALID = {"email": "ada@example.com", "updated": "2026-12-05T09:30:00Z",
         "host": "192.0.2.1", "key": "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
         "match": "^FR-[0-9]+$"}
INVALID = {"email": "ada.example.com", "updated": "2026-12-05 09:30",
           "host": "192.0.2.300", "key": "2eb8aa08aa9811eab4aa73b441d16380",
           "match": "^(?<x"}
"""Values that are none of their formats; `^(?<x` is no regular expression in either
dialect (a format `regex` is ECMA-262's)."""


def _spec(values: dict[str, str]) -> str:
    return "id: SPEC-0001\ntitle: One\nstatus: Draft\nauthors: [Ada]\n" + "".join(
        f"{name}: '{value}'\n" for name, value in values.items())


def _repository(git_repo: GitRepo, values: dict[str, str], schema: str = SCHEMA) -> None:
    git_repo.commit("specs", {"specrepo.yaml": CONFIG, "spec.schema.yaml": schema,
                              "specs/SPEC-0001.yaml": _spec(values)})


def test_valid_values_of_every_format_pass(git_repo: GitRepo) -> None:
    _repository(git_repo, VALID)
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")


def test_a_value_of_no_asserted_format_is_a_finding_at_its_line(git_repo: GitRepo) -> None:
    _repository(git_repo, INVALID)
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 1, result.output
    for line, (name, wording) in enumerate([
            ("email", "email address"),
            ("updated", "RFC 3339 date-time (2026-12-05T09:30:00Z)"),
            ("host", "IPv4 address"), ("key", "UUID"),
            ("match", "ECMA-262 regular expression")], start=5):
        shown = INVALID[name]
        assert (f"specs/SPEC-0001.yaml:{line}:{len(name) + 3}: error: '{shown}' is not a "
                f"valid {wording} [schema] ($.{name})") in result.output, result.output


@pytest.mark.parametrize(("name", "value", "valid"), [
    ("updated", "2026-02-30T09:30:00Z", False), ("updated", "2026-12-05t09:30:00z", True),
    ("host", "::1", False), ("match", "^\\p{L}+$", True), ("match", "\\a", False)])
def test_each_format_is_checked_as_its_library_checks_it(
        git_repo: GitRepo, name: str, value: str, valid: bool) -> None:
    """`date-time` is RFC 3339 (a real date, either letter case); `regex` ECMA-262's
    (`\\p{L}` is one, `\\a` none, where Python's `re` reads them the other way)."""
    _repository(git_repo, {**VALID, name: value})
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == (0 if valid else 1), result.output


def test_a_format_specrepo_does_not_assert_is_a_note_once(git_repo: GitRepo) -> None:
    _repository(git_repo, {**VALID, "site": "not a host name!"},
                SCHEMA + "  site: {type: string, format: hostname}\n"
                "  enum-only: {enum: [{format: duration}]}\n")
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stderr) == (0, (
        "specrepo: note: spec.schema.yaml:9:32: format 'hostname' is an annotation: "
        "specrepo does not check it (add a `pattern` to check it)\n")), result.output
    assert result.stdout == "1 file checked: no problems\n"


def test_the_note_names_the_drafts_own_name_of_the_format(git_repo: GitRepo) -> None:
    """Draft-03 spells `hostname` `host-name`, draft-04 on the other way round (low60:
    both notes named no other spelling)."""
    _repository(git_repo, {}, (
        "$schema: 'http://json-schema.org/draft-03/schema#'\nproperties:\n"
        "  site: {format: hostname}\n"
        "  later: {$schema: 'http://json-schema.org/draft-07/schema#', format: host-name}\n"))
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stderr) == (0, (
        "specrepo: note: spec.schema.yaml:3:18: format 'hostname' is an annotation in "
        "draft-03, which does not define it: specrepo does not check it there (write "
        "'host-name', draft-03's name for it, which specrepo does not check either, or add "
        "a `pattern` to check it)\n"
        "specrepo: note: spec.schema.yaml:4:71: format 'host-name' is an annotation in "
        "draft-07, which does not define it: specrepo does not check it there (write "
        "'hostname', its name from draft-04 on, which specrepo does not check either, or "
        "add a `pattern` to check it)\n")), result.output


def test_the_note_names_a_referenced_files_format(git_repo: GitRepo) -> None:
    git_repo.commit("specs", {
        "specrepo.yaml": CONFIG, "specs/SPEC-0001.yaml": _spec({}),
        "spec.schema.yaml": "type: object\nproperties:\n  span: {$ref: 'common.yaml#/span'}\n",
        "common.yaml": "span:\n  type: string\n  format: duration\n"})
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("specrepo: note: common.yaml:3:11: format 'duration' is an "
                             "annotation: specrepo does not check it (add a `pattern` to "
                             "check it)\n")


def test_the_bundled_schema_gets_no_note(git_repo: GitRepo) -> None:
    git_repo.commit("specs", {"specrepo.yaml": "specs: specs\n", "specs/SPEC-0001.yaml": (
        "id: SPEC-0001\ntitle: One\nstatus: Draft\nauthors: [Ada]\ncreated: 2026-12-05\n"
        "summary: S\nlinks:\n  - url: https://example.com/a\n")})
    result = run_cli("validate", no_traceback=True)
    assert "note" not in result.stderr, result.output


def test_the_note_is_kept_for_the_next_run_while_the_schema_holds_the_same(
        git_repo: GitRepo) -> None:
    schema = SCHEMA + "  site: {type: string, format: hostname}\n"
    _repository(git_repo, VALID, schema)
    first = run_cli("validate", no_traceback=True).stderr
    assert (git_repo.root / ".git" / "specrepo" / "format-notes.json").is_file()
    assert run_cli("validate", no_traceback=True).stderr == first != ""
    (git_repo.root / "spec.schema.yaml").write_text(
        schema.replace("hostname", "duration"), encoding="utf-8")
    assert run_cli("validate", no_traceback=True).stderr == first.replace(
        "'hostname'", "'duration'")


DRAFT_03_SCHEMA = ("$schema: 'http://json-schema.org/draft-03/schema#'\ntype: object\n"
                   "properties:\n  id: {type: string, required: true}\n"
                   "  at: {type: string, format: time}\n"
                   "  host: {type: string, format: ip-address}\n")


@pytest.mark.parametrize(("values", "code", "found"), [
    ({"at": "09:30:00", "host": "192.0.2.1"}, 0, ""),
    ({"at": "9:30", "host": "192.0.2.1"},
     1, "specs/SPEC-0001.yaml:5:5: error: '9:30' is not a valid time (hh:mm:ss) [schema] ($.at)"),
    ({"at": "09:30:00Z", "host": "192.0.2.1"}, 1, "'09:30:00Z' is not a valid time (hh:mm:ss)"),
    ({"at": "09:30:00", "host": "192.0.2.300"},
     1, "specs/SPEC-0001.yaml:6:7: error: '192.0.2.300' is not a valid IPv4 address")])
def test_a_draft_03_schema_asserts_draft_03s_formats(
        git_repo: GitRepo, values: dict[str, str], code: int, found: str) -> None:
    """Draft-03's `time` is `hh:mm:ss` (RFC 3339's asks for an offset), and its
    `ip-address` an IPv4 address, asserted (fmt59: `09:30:00` was refused, `ip-address`
    a note)."""
    _repository(git_repo, values, DRAFT_03_SCHEMA)
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stderr) == (code, ""), result.output
    assert found in result.stdout


def test_a_format_of_a_later_draft_is_a_note_in_a_draft_04_schema(git_repo: GitRepo) -> None:
    """Draft-04 defines no `date`: an annotation there, said at its line with what to
    write (fmt59: it was asserted as 2020-12's)."""
    schema = ("$schema: 'http://json-schema.org/draft-04/schema#'\ntype: object\n"
              "properties:\n  due: {type: string, format: date}\n")
    _repository(git_repo, {"due": "2026-13-45"}, schema)
    result = run_cli("validate", no_traceback=True)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "1 file checked: no problems\n",
        "specrepo: note: spec.schema.yaml:4:31: format 'date' is an annotation in draft-04, "
        "which does not define it: specrepo does not check it there (add a `pattern` to "
        "check it, or a `$schema` of a draft that defines it: draft-07 or later)\n")

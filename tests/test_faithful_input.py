"""Inputs read faithfully end to end, with either YAML parser: the failing inputs of issue 14.

Each test is one of the repositories in the shared failing cases (unicode-line-separators,
json-surrogate-pair-escape, merge-key-silent, invisible-nbsp-bom, specs-folder-with-brackets),
built here, run through the command line, with the behaviour its README expects.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from specrepo.load import yaml_builder
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if yaml.__with_libyaml__:
    PARSERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))

SPEC = """\
id: {id}
title: t
status: Draft
authors: [Test User]
created: 2026-01-01
updated: 2026-01-01
summary: s
"""


def spec(spec_id: str, old: str = "", new: str = "") -> str:
    """A valid spec of the bundled format, with `old` replaced by `new`."""
    return SPEC.format(id=spec_id).replace(old, new) if old else SPEC.format(id=spec_id)


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every test here runs with libyaml's parser and with the pure-Python one."""
    monkeypatch.setattr(yaml_builder, "PARSER", request.param)
    return request.param


@pytest.fixture
def git_repo(git_repo: GitRepo) -> GitRepo:
    """The shared `git_repo`, with pages rendered to docs/specs."""
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nrender:\n  out: docs/specs\n")
    return git_repo


def test_unicode_line_separators_are_ordinary_characters(parser: Any, git_repo: GitRepo) -> None:
    git_repo.commit("Specs", {
        "specs/SPEC-0002.yaml": spec("SPEC-0002", "title:",
                                     "# a comment with a\u2028line separator\ntitle:"),
        "specs/SPEC-0010.yaml": spec("SPEC-0010", "title: t", 'title: "quoted\u2028text"')
        + "titel: x\n",
        "specs/SPEC-0012.yaml": spec("SPEC-0012", "title: t", "title: plain\u2028text"),
        "specs/SPEC-0013.yaml": spec("SPEC-0013", "summary: s", "summary: cafe\x85menu"),
    })
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "specs/SPEC-0010.yaml:8:1: error: unknown property 'titel'; did you mean 'title'? "
        "[schema] ($.titel)",
        "4 files checked: 1 error",
    ]
    github = run_cli("validate", "--format", "github")
    assert "file=specs/SPEC-0010.yaml,line=8," in github.output


def test_json_surrogate_pair_escapes_are_one_character(parser: Any, git_repo: GitRepo) -> None:
    document = {"id": "SPEC-0001", "title": "Launch \U0001F680 rocket", "status": "Draft",
                "authors": ["Test User"], "created": "2026-01-01", "updated": "2026-01-01",
                "summary": "s"}
    git_repo.commit("A spec written by json.dumps", {
        "specs/SPEC-0001.yaml": json.dumps(document, indent=2) + "\n"})
    assert "\\ud83d\\ude80" in (git_repo.root / "specs/SPEC-0001.yaml").read_text()
    assert run_cli("validate").output == "1 file checked: no problems\n"
    assert run_cli("render").exit_code == 0
    page = (git_repo.root / "docs/specs/SPEC-0001.md").read_text(encoding="utf-8")
    assert "Launch \U0001F680 rocket" in page and "\ufffd" not in page
    cold = run_cli("report", "--format", "json")  # no cache yet: read from git
    assert cold.exit_code == 0, cold.output
    assert json.loads(cold.output)["specs"][0]["title"] == "Launch \U0001F680 rocket"
    assert run_cli("report", "--format", "json").output == cold.output  # warm: the same


def test_each_file_s_first_bad_escape_is_reported_in_one_run(parser: Any,
                                                             git_repo: GitRepo) -> None:
    """YAML stops at a file's first bad escape, but every file is read: a CI user fixes
    them all at once. A lone surrogate is refused in either escape's form, with either
    parser (low59: the pure-Python one let `\\U0000D800` through)."""
    git_repo.commit("Specs", {
        "specs/SPEC-0001.yaml": spec("SPEC-0001", "title: t", 'title: "a \\U0000D800 b \\q"'),
        "specs/SPEC-0002.yaml": spec("SPEC-0002", "summary: s", 'summary: "\\uDC00"'),
        "specs/SPEC-0003.yaml": spec("SPEC-0003", "title: t", 'title: "keps/\\[x"'),
        "specs/SPEC-0004.yaml": spec("SPEC-0004"),
    })
    result = run_cli("validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(" error: ")[0] for line in lines[:-1]] == [
        "specs/SPEC-0001.yaml:2:11:", "specs/SPEC-0002.yaml:7:11:", "specs/SPEC-0003.yaml:2:14:"]
    assert lines[0].startswith("specs/SPEC-0001.yaml:2:11: error: the escape \\U0000D800 "
                               "names half of a UTF-16 surrogate pair")
    assert "the escape \\uDC00 is half of a UTF-16 surrogate pair" in lines[1]
    assert "the escape \\[ is none YAML knows" in lines[2]
    assert lines[-1] == "4 files checked: 3 errors"


ADR_CONFIG = """\
specs: decisions
schema: adr.schema.json
fields:
  id: id
  title: title
  status: status
  created: date
  updated: null
  authors: deciders
  reviewers: null
  questions: null
  related: []
  item_lists: []
statuses:
  states: [proposed, accepted, rejected]
  transitions: {proposed: [accepted, rejected]}
  in_review: [proposed]
  approved: [accepted]
rules:
  file-name: off
"""
ADR_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["id", "title"],
    "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                   "status": {"enum": ["proposed", "accepted", "rejected"]},
                   "deciders": {"type": "array", "items": {"type": "string"}},
                   "date": {"type": "string"}}}  # `fields: created:` names a known field


def test_merge_keys_are_merged_not_kept_as_a_key(parser: Any, git_repo: GitRepo) -> None:
    (git_repo.root / "specs").rmdir()
    git_repo.commit("ADRs", {
        "specrepo.yaml": ADR_CONFIG, "adr.schema.json": json.dumps(ADR_SCHEMA),
        "decisions/0001.yaml": "common: &common\n  status: accepted\n  deciders: [Test User]\n"
                               "id: ADR-1\ntitle: Use merge keys\n<<: *common\n"})
    assert run_cli("validate").output == "1 file checked: no problems\n"
    report = json.loads(run_cli("report", "--format", "json").output)
    assert [(spec["id"], spec["status"]) for spec in report["specs"]] == [("ADR-1", "accepted")]
    assert report["counts"] == {"accepted": 1}


def test_merged_values_are_checked_where_they_are_written(parser: Any, git_repo: GitRepo) -> None:
    merged = spec("SPEC-0001") + (
        "x-defaults: &d\n  priority: P9\nrequirements:\n  functional:\n    - <<: *d\n"
        "      id: FR-1\n      description: one\n      acceptance_criteria: [a]\n")
    git_repo.commit("Merged", {"specs/SPEC-0001.yaml": merged})
    result = run_cli("validate")
    # `priority` is merged in (no "missing priority"), and its bad value is reported on the
    # line it is written on, inside the anchor.
    assert "missing required property 'priority'" not in result.output
    assert "specs/SPEC-0001.yaml:9:13: error: 'P9' is not one of" in result.output


def test_invisible_characters_are_named(parser: Any, git_repo: GitRepo) -> None:
    git_repo.commit("Pasted from a web page", {
        "specs/SPEC-0001.yaml": spec("SPEC-0001") + "background:\n\u00a0\u00a0current_state: x\n",
        "specs/SPEC-0002.yaml": spec("SPEC-0002", "status: Draft", "status:\u00a0Draft"),
        "specs/SPEC-0003.yaml": spec("SPEC-0003", "authors:", "\ufeffauthors:"),
    })
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "specs/SPEC-0001.yaml:9:1: error: line 9 is indented with U+00A0 NO-BREAK SPACE, "
        "which looks like a space but is not one to YAML; indent with spaces only "
        "[yaml-invisible-character]",
        "specs/SPEC-0002.yaml:3:8: error: U+00A0 NO-BREAK SPACE after "
        "'status:' looks like a space but is not one to YAML; type an ordinary space instead "
        "[yaml-invisible-character]",
        "specs/SPEC-0003.yaml:4:1: error: U+FEFF BYTE ORDER MARK inside the file (line 4, "
        "column 1), which shows nothing at all; it is left over from joining two files: "
        "delete it [yaml-invisible-character]",
        "3 files checked: 3 errors",
    ]


@pytest.mark.parametrize("schema", [None, "loose.json"])
def test_a_no_break_space_after_a_key_in_a_flow_mapping_is_named(
        parser: Any, git_repo: GitRepo, schema: str | None) -> None:
    if schema is not None:
        (git_repo.root / schema).write_text('{"type": "object"}')
        (git_repo.root / "specrepo.yaml").write_text(f"specs: specs\nschema: {schema}\n")
    git_repo.commit("Flow", {"specs/SPEC-0001.yaml": spec("SPEC-0001") +
                             "background: {current_state:\u00a0x}\n"})
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "specs/SPEC-0001.yaml:8:28: error: U+00A0 NO-BREAK SPACE after 'current_state:' "
        "looks like a space but is not one to YAML; type an ordinary space instead "
        "[yaml-invisible-character]")


def test_a_quoted_key_with_a_no_break_space_is_named_as_an_escape_in_messages(
        parser: Any, git_repo: GitRepo) -> None:
    git_repo.commit("Quoted", {"specs/SPEC-0001.yaml": spec("SPEC-0001") +
                               'background: {"current_state:\u00a0x": y}\n'})
    for output_format in ("text", "json", "github", "sarif", "junit"):
        result = run_cli("validate", "--format", output_format)
        assert result.exit_code == 1
        assert "\u00a0" not in result.output
        assert "current_state:\\u00a0x" in result.output.replace("\\\\", "\\")


def test_a_loose_schema_does_not_let_an_indented_no_break_space_pass(
        parser: Any, git_repo: GitRepo) -> None:
    (git_repo.root / "loose.json").write_text('{"type": "object"}')
    (git_repo.root / "specrepo.yaml").write_text("specs: specs\nschema: loose.json\n")
    git_repo.commit("Loose", {"specs/SPEC-0001.yaml": "id: SPEC-0001\nbackground:\n"
                                                      "\u00a0\u00a0current_state: x\n"})
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "line 3 is indented with U+00A0 NO-BREAK SPACE" in result.output


@pytest.mark.parametrize("folder", ["specs [old]", "docs/[lang]/specs", "specs*", "s?ecs"])
def test_a_specs_folder_with_glob_characters_is_that_folder(git_repo: GitRepo,
                                                            folder: str) -> None:
    (git_repo.root / "specs").rmdir()
    (git_repo.root / "specrepo.yaml").write_text(f'specs: "{folder}"\n')
    git_repo.commit("Init", {f"{folder}/SPEC-0001.yaml":
                             "id: SPEC-0001\ntitle: t\nstatus: Drafty\n"})
    result = run_cli("validate")
    assert result.exit_code == 1
    assert f"{folder}/SPEC-0001.yaml:3:9: error: 'Drafty' is not one of" in result.output
    assert result.output.splitlines()[-1].startswith("1 file checked:")
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert report["integrity"]["unreadable_specs"] == ["SPEC-0001"]  # seen, and invalid
    git_repo.commit("Fix", {f"{folder}/SPEC-0001.yaml": spec("SPEC-0001")})
    assert run_cli("validate").exit_code == 0
    assert run_cli("render").exit_code == 0
    assert (git_repo.root / "docs/specs/SPEC-0001.md").is_file()
    assert run_cli("new", "Second", "--author", "Ada").exit_code == 0
    assert len(list((git_repo.root / folder).glob("SPEC-0002-*.yaml"))) == 1
    timeline = json.loads(run_cli("timeline", "SPEC-0001", "--format", "json").stdout)
    assert timeline["events"][0]["kind"] == "created"

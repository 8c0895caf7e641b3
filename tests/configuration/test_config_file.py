"""Configuration: found by walking up, checked with the same error quality as specs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.base.paths import display_path
from specrepo.check.rules import severity_of
from specrepo.check.rules.registry import RULES
from specrepo.configuration.config_file import load_config
from specrepo.configuration.config_location import find_config
from specrepo.model.approval import DEFAULT_PROTECTED
from specrepo.model.config import Config, RequiredSection, TraceConfig
from specrepo.model.findings import Severity


def test_config_is_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "specrepo.yaml").write_text("specs: docs/specs\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "specrepo.yaml"
    config = load_config(None, deep)
    assert config.root == tmp_path.resolve()
    assert config.spec_locations == ("docs/specs",)


@pytest.mark.parametrize("git_entry", ["folder", "file"])
def test_the_walk_up_stops_at_the_top_of_the_git_repository(tmp_path: Path,
                                                            git_entry: str) -> None:
    """A repository nested in another project's checkout (a `.git` folder; a `.git` file in
    a linked worktree or submodule) does not borrow that project's configuration."""
    (tmp_path / "specrepo.yaml").write_text("specs: docs/specs\n")
    inner = tmp_path / "vendor" / "inner"
    (inner / "sub").mkdir(parents=True)
    if git_entry == "folder":
        (inner / ".git").mkdir()
    else:
        (inner / ".git").write_text("gitdir: /elsewhere\n")
    assert find_config(inner / "sub") is None
    assert load_config(None, inner / "sub") == Config(root=(inner / "sub").resolve())
    (inner / "specrepo.yaml").write_text("specs: specs\n")
    assert find_config(inner / "sub") == inner / "specrepo.yaml"


def test_the_walk_up_stops_at_git_work_tree_as_git_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specrepo.yaml").write_text("specs: docs/specs\n")
    inner = tmp_path / "inner"
    (inner / "specs").mkdir(parents=True)
    monkeypatch.setenv("GIT_WORK_TREE", str(inner))
    assert find_config(inner / "specs") is None
    monkeypatch.delenv("GIT_WORK_TREE")
    assert find_config(inner / "specs") == tmp_path / "specrepo.yaml"


def test_defaults_without_a_config(tmp_path: Path) -> None:
    config = load_config(None, tmp_path)
    assert config == Config(root=tmp_path.resolve())


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "---\n", "# a\n--- # b\n...\n"])
def test_empty_config_means_defaults(tmp_path: Path, text: str) -> None:
    """An empty file, and one holding only comments and document markers (`---` alone, an
    empty document: trial34), mean all defaults."""
    path = tmp_path / "specrepo.yaml"
    path.write_text(text)
    config = load_config(path, tmp_path)
    assert config.spec_locations == ("specs",)
    assert config.file == path.resolve()


@pytest.mark.parametrize("text", ["---\n~\n", "--- null\n", "null\n"])
def test_a_null_written_is_no_empty_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match="not empty \\(null\\)"):
        load_config(path, tmp_path)


def test_every_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("specs: [specs, 'rfcs/**/*.yaml']\nschema: our.json\n"
                    "max_file_size: 4096\nid_prefix: RFC\n"
                    "rules: {file-name: off, date-order: warning}\n")
    config = load_config(path, tmp_path)
    assert config.spec_locations == ("specs", "rfcs/**/*.yaml")
    assert config.schema_path == tmp_path.resolve() / "our.json"
    assert config.max_file_size == 4096
    assert config.id_prefix == "RFC"
    assert config.severities["file-name"] is None
    assert config.severities["date-order"] is Severity.WARNING
    assert severity_of(RULES["duplicate-spec-id"], config.severities) is Severity.ERROR


def test_trace_globs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    path = tmp_path / "a" / "specrepo.yaml"
    path.write_text("trace:\n  implementation: src/**\n  tests: [tests/**, '**/*_test.go']\n")
    config = load_config(path, tmp_path)
    assert config.trace == TraceConfig(("src/**",), ("tests/**", "**/*_test.go"),
                                       configured=True)
    assert load_config(None, tmp_path / "elsewhere").trace == TraceConfig((), ())
    path.write_text("trace: {}\n")  # item links and JUnit results alone
    assert load_config(path, tmp_path).trace == TraceConfig((), (), configured=True)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("spec: specs\n", "1:1: unknown property 'spec'; did you mean 'specs'?"),
        ("rules: {file-nme: off}\n", "file-nme"),
        ("rules: {file-name: no}\n", "1:20: 'no' is not one of 'error', 'warning', 'off'"),
        # newuser71: a non-breaking hyphen, shown apart from the rule it reads as.
        ("rules: {file\u2011name: off}\n", "1:9: property name 'file<U+2011>name': "
         "'file<U+2011>name' is not one of 'duplicate-spec-id'"),
        ("rules: {file\u2011name: off}\n", "; did you mean 'file-name'?"),
        ("rules: {file-name: \u043eff}\n", "'<U+043E>ff' is not one of 'error', "
         "'warning', 'off'; did you mean 'off'?"),
        ("max_file_size: 1MB\n", "expected a whole number"),
        ("max_file_size: 12\n", "less than the minimum"),
        ("specs: 12\n", "1:8"),
        ("- specs\n", "must be a mapping"),
        ("specs: [a\n", "YAML syntax error"),
        ("specs: a\nspecs: b\n", "2:1: duplicate key 'specs'"),
        ("front_matter: yes\n", "1:15: expected true or false"),
        ("sections: ['## A']\n", "1:1: sections: lists the headings of Markdown bodies, "
         "which specs have only with `front_matter: true`"),
        ("front_matter: true\nsections: [Summary]\n", "2:12: 'Summary' does not match"),
        ("front_matter: true\nsections:\n  - '## A'\n  - {heading: '## #'}\n",
         "4:15: '## #' is not a heading line"),
        ("front_matter: true\nsections: [{heading: '## A', optional: 1}]\n",
         "expected true or false"),
        ("new: {file_name: x.md}\n", "1:7: missing required property 'template' (required "
         "when 'file_name' is set, dependentRequired)"),
        ("new: {template: t.md, file_name: ../b.md}\n", "does not have the expected form"),
        ("approval: {protected: summary}\n", "1:23: expected a list"),
        ("approval:\n  protected: [summary, design..api]\n",
         "2:24: approval.protected: 'design..api' is not a field path"),
        ("approval: {protect: [summary]}\n", "unknown property 'protect'"),
        ("trace: {implementation: /src}\n", "1:25"),
        ("trace: {tests: [':(top)x']}\n", "1:17"),
        ("trace: {tests: []}\n", "1:9"),  # a whole list: at its key (place43)
        ("trace: {tests: ['']}\n", "1:17"),
        ("trace: {test: [tests]}\n", "unknown property 'test'; did you mean 'tests'?"),
        ("trace: [src]\n", "1:1"),
    ],
)
def test_bad_config_is_a_config_error_with_file_line_and_reason(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert words in str(caught.value)
    assert "specrepo.yaml" in str(caught.value)


def test_the_markdown_format_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("specs: docs\nfront_matter: true\nsections:\n  - '## **Summary**'\n"
                    "  - {heading: '### Open Questions [optional]', optional: true}\n"
                    "new: {template: t/idea.md, file_name: '{{slug}}.md'}\n")
    config = load_config(path, tmp_path)
    assert config.front_matter
    assert config.spec_suffixes == (".md", ".markdown")
    assert config.required_sections == (
        RequiredSection(2, "Summary"),
        RequiredSection(3, "Open Questions [optional]", optional=True))
    assert config.new_template == tmp_path.resolve() / "t" / "idea.md"
    assert config.new_file_name == "{{slug}}.md"


def test_protected_paths_default_by_format_and_are_read_as_field_paths(
        tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("specs: specs\n")
    assert load_config(path, tmp_path).protected == DEFAULT_PROTECTED
    path.write_text("specs: specs\nschema: ours.json\n")
    assert load_config(path, tmp_path).protected == ()  # a format of your own: none
    path.write_text("schema: ours.json\napproval: {}\n")
    assert load_config(path, tmp_path).protected == ()
    path.write_text("approval:\n  protected: [summary, /design/api, requirements.functional]\n")
    assert load_config(path, tmp_path).protected == (
        ("summary",), ("design", "api"), ("requirements", "functional"))
    path.write_text("approval: {protected: []}\n")  # the bundled format, nothing protected
    assert load_config(path, tmp_path).protected == ()


def test_a_protected_path_no_spec_of_the_bundled_format_can_have_is_a_config_error(
        tmp_path: Path) -> None:
    path = tmp_path / "specrepo.yaml"
    path.write_text("approval:\n  protected: [summary, requirments, goals.primry, design.api]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert str(caught.value).splitlines()[1:] == [
        f"{display_path(path)}:2:24: approval.protected: a spec has no key 'requirments' in "
        "the spec schema (additionalProperties: false); did you mean 'requirements'?",
        f"{display_path(path)}:2:37: approval.protected: goals has no key 'primry' in the "
        "spec schema (additionalProperties: false); did you mean 'primary'?"]
    path.write_text("schema: ours.json\napproval: {protected: [anything.goes]}\n")
    assert load_config(path, tmp_path).protected == (("anything", "goes"),)  # not loadable


def test_a_protected_path_a_format_of_ones_own_cannot_have_is_a_config_error(
        tmp_path: Path) -> None:
    """Judged against the format's own schema where it closes an object (`$ref`s followed);
    where it leaves keys open, every path passes."""
    (tmp_path / "ours.yaml").write_text(
        "type: object\nadditionalProperties: false\n"
        "properties:\n  title: {type: string}\n  design: {$ref: '#/$defs/design'}\n"
        "  notes: {type: object}\n"
        "$defs:\n  design:\n    type: object\n    additionalProperties: false\n"
        "    properties: {api: {type: string}}\n")
    path = tmp_path / "specrepo.yaml"
    path.write_text("schema: ours.yaml\n"
                    "approval: {protected: [title, design.apy, notes.anything, titel]}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert str(caught.value).splitlines()[1:] == [
        f"{display_path(path)}:2:31: approval.protected: design has no key 'apy' in the "
        "spec schema (additionalProperties: false); did you mean 'api'?",
        f"{display_path(path)}:2:59: approval.protected: a spec has no key 'titel' in the "
        "spec schema (additionalProperties: false); did you mean 'title'?"]
    path.write_text("schema: ours.yaml\napproval: {protected: [title, design.api, notes.x]}\n")
    assert load_config(path, tmp_path).protected == (
        ("title",), ("design", "api"), ("notes", "x"))


@pytest.mark.parametrize(("entry", "why"), [
    ("requirements.functional.0.description",
     "requirements.functional is a list whose items are matched by id, not by position"),
    ("/requirements/functional/0", "requirements.functional is a list whose items are"),
    ("requirements.functional.FR-1.description",
     "requirements.functional has no key 'FR-1' in the spec schema"),
    ("requirements.functional.descripton",
     "requirements.functional has no key 'descripton' in the spec schema "
     "(additionalProperties: false); did you mean "
     "'description'?"),
    ("summary.text", "summary is a string in the spec schema: it has no key 'text'"),
])
def test_a_protected_path_through_a_list_or_below_a_text_is_a_config_error(
        tmp_path: Path, entry: str, why: str) -> None:
    """Each would protect nothing: items are matched by id, and a step below a list names
    a field of every item (`requirements.functional.description`, which passes)."""
    path = tmp_path / "specrepo.yaml"
    path.write_text(f"approval: {{protected: ['{entry}']}}\n")
    with pytest.raises(ConfigError, match=re.escape(why)):
        load_config(path, tmp_path)
    path.write_text("approval: {protected: [requirements.functional.description]}\n")
    assert load_config(path, tmp_path).protected == (
        ("requirements", "functional", "description"),)


def test_protected_paths_follow_references_to_other_local_schema_files(tmp_path: Path) -> None:
    (tmp_path / "schema.json").write_text('{"$ref": "parts/common.json#/$defs/record"}')
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "common.json").write_text(
        '{"$defs": {"record": {"type": "object", "additionalProperties": false, '
        '"properties": {"decision": {"$ref": "#/$defs/text"}}}, "text": {"type": "string"}}}')
    path = tmp_path / "specrepo.yaml"
    for entry, why in (("decison", "did you mean 'decision'?"),
                       ("decision.text", "decision is a string")):
        path.write_text(f"schema: schema.json\napproval: {{protected: [{entry}]}}\n")
        with pytest.raises(ConfigError, match=re.escape(why)):
            load_config(path, tmp_path)
    path.write_text("schema: schema.json\napproval: {protected: [decision]}\n")
    assert load_config(path, tmp_path).protected == (("decision",),)


@pytest.mark.parametrize("draft", ["http://json-schema.org/draft-07/schema#",
                                   "http://json-schema.org/draft-04/schema#"])
def test_protected_paths_follow_references_as_the_check_of_a_spec_does(
        tmp_path: Path, draft: str) -> None:
    """Under a URL `$id`, to an anchor in another file (`"$id": "#design"` in drafts 6
    and 7, `"id"` in draft 4), through `definitions`."""
    identifier = "id" if "draft-04" in draft else "$id"
    (tmp_path / "schema.json").write_text(json.dumps({
        "$schema": draft, identifier: "https://example.com/s/schema.json", "type": "object",
        "additionalProperties": False,
        "properties": {"design": {"$ref": "parts/design.json#/definitions/entry"}}}))
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "design.json").write_text(json.dumps({
        "$schema": draft, "definitions": {
            "entry": {"$ref": "#design"},
            "closed": {identifier: "#design", "type": "object", "additionalProperties": False,
                       "properties": {"api": {"type": "string"}}}}}))
    path = tmp_path / "specrepo.yaml"
    path.write_text("schema: schema.json\napproval: {protected: [design.apy]}\n")
    with pytest.raises(ConfigError, match=re.escape(
            "design has no key 'apy' in the spec schema (additionalProperties: false); "
            "did you mean 'api'?")):
        load_config(path, tmp_path)
    path.write_text("schema: schema.json\napproval: {protected: [design.api]}\n")
    assert load_config(path, tmp_path).protected == (("design", "api"),)


def test_unreadable_config_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the configuration"):
        load_config(tmp_path / "missing.yaml", tmp_path)
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    with pytest.raises(ConfigError, match="the configuration is not a regular file"):
        load_config(folder, tmp_path)

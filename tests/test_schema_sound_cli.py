"""A schema is refused before any spec is read (exit 2, the file and line named) when a
file its references reach fails its metaschema (trial32 3), or when it holds a keyword its
draft does not define (trial32 2); annotations and `x-…` keywords stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_cli

SPEC = "id: SPEC-0001\ntitle: One\nstatus: Draft\nauthors: [A]\nowner: x\n"
CONFIG = ("specs: specs\nschema: {schema}\nfields: {{created: null, updated: null, "
          "reviewers: null, questions: null, related: [], item_lists: [], "
          "superseded_by: null}}\n")


def _validate(root: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str],
              schema: str = "spec.json") -> tuple[int, str]:
    """`specrepo validate` in a repository at `root` holding one spec and `files`, with
    `schema` as its spec schema: the exit code and output."""
    _repository(root, files, schema)
    monkeypatch.chdir(root)
    result = run_cli("validate", no_traceback=True)
    return result.exit_code, result.output


def _repository(root: Path, files: dict[str, str], schema: str) -> None:
    root.mkdir(exist_ok=True)
    (root / ".git").mkdir()
    (root / "specs").mkdir()
    (root / "specs" / "SPEC-0001-one.yaml").write_text(SPEC, encoding="utf-8")
    (root / "specrepo.yaml").write_text(CONFIG.format(schema=schema), encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


ROOT = ('{"$schema": "https://json-schema.org/draft/2020-12/schema",\n'
        ' "properties": {"owner": {"$ref": "owner.%s"}}}\n')


@pytest.mark.parametrize(("linked", "suffix", "message"), [
    ('{"enum": "Draft"}', "json", 'owner.json:1:2: not a valid JSON Schema at enum: "Draft" '
                                  "is not of type 'array'"),
    ('{"type": "strin"}', "json", 'owner.json:1:2: not a valid JSON Schema at type: "strin"'),
    ("minLength: -2\n", "yaml", "owner.yaml:1:1: not a valid JSON Schema at minLength: -2"),
    ("pattern: '(?i)x'\n", "yaml", "owner.yaml:1:1: the pattern '(?i)x' is not a regular"),
    ("propertis: {}\n", "yaml", "owner.yaml:1:1: 'propertis' is not a keyword of JSON Schema "
                                "2020-12"),
])
def test_a_referenced_file_is_checked_as_the_schema_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linked: str, suffix: str,
        message: str) -> None:
    code, output = _validate(tmp_path, monkeypatch,
                             {"spec.json": ROOT % suffix, f"owner.{suffix}": linked})
    assert code == 2, output
    assert message in output


def test_a_referenced_file_reads_the_configured_schemas_draft(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file without `$schema` is of the draft of the schema the configuration names."""
    root = ('{"$schema": "http://json-schema.org/draft-07/schema#",\n'
            ' "allOf": [{"$ref": "owner.yaml"}]}\n')
    code, output = _validate(tmp_path, monkeypatch, {
        "spec.json": root, "owner.yaml": "dependencies: {owner: [team]}\n"})
    assert code == 1, output
    assert "team" in output


@pytest.mark.parametrize(("schema", "expected"), [
    ("type: object\ndependencies: {owner: [team]}\n",
     "spec.schema.yaml:2:1: 'dependencies' is not a keyword of JSON Schema 2020-12 (the "
     "schema names no $schema: 2020-12 is read)"),
    ("$schema: http://json-schema.org/draft-04/schema#\nproperties: {owner: {const: y}}\n",
     "spec.schema.yaml:2:22: 'const' is not a keyword of JSON Schema draft-04"),
    ("$schema: https://json-schema.org/draft/2020-12/schema\nunevaluatedProperty: false\n",
     "did you mean unevaluatedProperties?"),
    ("$schema: http://json-schema.org/draft-07/schema#\npropertis: {owner: {}}\n",
     "spec.schema.yaml:2:1: 'propertis' is not a keyword of JSON Schema draft-07, so it "
     "would check nothing: did you mean properties?"),
])
def test_a_keyword_its_draft_does_not_define_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema: str, expected: str) -> None:
    code, output = _validate(tmp_path, monkeypatch, {"spec.schema.yaml": schema},
                             "spec.schema.yaml")
    assert code == 2, output
    assert expected in output


def test_annotations_and_keywords_of_ones_own_stay(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = ("$schema: http://json-schema.org/draft-07/schema#\n$comment: c\ntitle: T\n"
              "description: D\nexamples: [{}]\ndefault: {}\nreadOnly: false\n"
              "x-owner-team: core\ndefinitions: {a: {deprecated: true}}\n"
              "properties: {owner: {format: hostname, contentMediaType: text/plain, "
              "if: {}, then: {}, else: {}}}\n")
    code, output = _validate(tmp_path, monkeypatch, {"spec.schema.yaml": schema},
                             "spec.schema.yaml")
    assert code == 0, output


DEFINITIONS_ROOT = ('{"$schema": "https://json-schema.org/draft/2020-12/schema",\n'
                    ' "properties": {"owner": {"$ref": "defs.yaml#/Owner"}}}\n')


def test_a_file_of_definitions_reached_by_pointers_is_checked_part_by_part(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`defs.yaml` is no schema itself, only a mapping of named ones (`title` is a
    definition's name there, `Type` no misspelt keyword): the parts the references point
    to are checked, each at its own line."""
    good = "title: {type: string}\nType: {type: string}\nOwner: {type: string}\n"
    code, output = _validate(tmp_path / "good", monkeypatch,
                             {"spec.json": DEFINITIONS_ROOT, "defs.yaml": good})
    assert (code, output) == (0, "1 file checked: no problems\n")
    bad = "title: {type: string}\nOwner:\n  type: strin\n"
    code, output = _validate(tmp_path / "bad", monkeypatch,
                             {"spec.json": DEFINITIONS_ROOT, "defs.yaml": bad})
    assert code == 2
    assert 'defs.yaml:3:3: not a valid JSON Schema at Owner/type: "strin"' in output


def test_every_problem_of_a_schema_and_the_files_it_reaches_is_named_in_one_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Misspelt keywords, a pattern ECMA-262 refuses and a metaschema error, in the schema
    and in a file its references reach: one run names them all, by file, line and column
    (final32 F8), each pattern with the escape to write instead."""
    root = ('{"properties": {\n'
            '  "slug": {"type": "string", "pattern": "^[a-z]+\\\\-[a-z]+$"},\n'
            '  "title": {"typ": "string"},\n'
            '  "status": {"type": "string", "requried": true},\n'
            '  "owner": {"$ref": "owner.yaml"}}}\n')
    linked = "minLength: -1\npropertis: {}\npattern: '^a\\_b$'\n"
    code, output = _validate(tmp_path, monkeypatch,
                             {"spec.json": root, "owner.yaml": linked})
    assert code == 2, output
    named = [line.split(": ")[0] for line in output.splitlines()[1:]]
    assert output.startswith("specrepo: error: 6 problems in the schema:\n"), output
    assert named == ["owner.yaml:1:1", "owner.yaml:2:1", "owner.yaml:3:1", "spec.json:2:30",
                     "spec.json:3:13", "spec.json:4:32"]
    assert r"'\-' outside a [...] class escapes a character that needs no escape: write '-'" \
        in output
    assert r"'\_' escapes a character that needs no escape: write '_'" in output


@pytest.mark.parametrize(("written", "meant"), [
    ("https://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema#"),
    ("https://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-04/schema#"),
    ("http://json-schema.org/draft-06/schema/", "http://json-schema.org/draft-06/schema#"),
    ("http://json-schema.org/draft/2020-12/schema",
     "https://json-schema.org/draft/2020-12/schema"),
    ("https://json-schema.org/draft/2019-09", "https://json-schema.org/draft/2019-09/schema"),
])
def test_a_slip_in_a_drafts_id_is_refused_naming_the_id_meant(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, meant: str) -> None:
    """The id of a draft written with https for http (or the other way), a slash or `#`
    too many or too few: refused, as ajv does, with the id meant (final32 F11), not an
    example of another draft."""
    code, output = _validate(tmp_path, monkeypatch,
                             {"spec.json": f'{{"$schema": "{written}",\n "type": "object"}}\n'})
    assert code == 2, output
    assert (f"spec.json:1:2: $schema '{written}' names no metaschema specrepo knows, and "
            f"specrepo never fetches one over the network; did you mean '{meant}'?") in output


OPENAPI = ("openapi: 3.0.3\npaths:\n  /specs/{{slug}}:\n    get:\n      responses:\n"
           "        200: {{description: the spec}}\n        404: {{description: none}}\n"
           "components:\n  schemas:\n    Owner: {owner}\n")


@pytest.mark.parametrize(("owner", "reference", "code", "message"), [
    ("{type: string, example: x}", "api.yaml#/components/schemas/Owner", 0, ""),
    ("{type: object, properties: {1: {}}}", "api.yaml#/components/schemas/Owner", 2,
     "api.yaml:10:40: cannot load the schema: key 1 is read as a number, not a string; "
     "quote it: '1'"),
    ("{type: string}", "api.yaml", 2,
     "api.yaml:6:9: cannot load the schema: key 200 is read as a number, not a string"),
])
def test_a_key_read_as_a_number_matters_only_in_the_parts_references_reach(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, owner: str, reference: str,
        code: int, message: str) -> None:
    """An OpenAPI document writes its response codes unquoted (`200:`, as OpenAPI tools
    read them): a `$ref` to one of its components reads the component, and the document's
    other parts are not judged (final32 F7); a number key inside the part reached, or in a
    file named whole, is refused at its line."""
    root = f'{{"properties": {{"owner": {{"$ref": "{reference}"}}}}}}\n'
    exit_code, output = _validate(tmp_path, monkeypatch,
                                  {"spec.json": root, "api.yaml": OPENAPI.format(owner=owner)})
    assert exit_code == code, output
    assert message in output


def test_each_patternproperties_key_is_named_at_its_own_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = ('{"type": "object",\n "patternProperties": {\n   "^a\\\\-b$": {},\n'
              '   "^c\\\\_d$": {}},\n "additionalProperties": true}\n')
    code, output = _validate(tmp_path, monkeypatch, {"spec.json": schema})
    assert code == 2, output
    assert [line.split(": ")[0] for line in output.splitlines()[1:]] == \
        ["spec.json:3:4", "spec.json:4:4"]


DEFINITIONS = ('{"$schema": "https://json-schema.org/draft/2020-12/schema",\n'
               ' "$defs": {"X": {\n   "typ": "string"}}}\n')


@pytest.mark.parametrize(("extra", "named"), [
    ('{"type": "strin"}', 'spec.json:3:9: not a valid JSON Schema at properties/c/type: '
                          '"strin"'),
    ('{"$ref": "missing.json"}', "spec.json:3:17: $ref 'missing.json' cannot be followed: "
                                 "missing.json: cannot read the schema: No such file or "
                                 "directory"),
    ('{"$ref": "defs.json#/$defs/Y"}', "spec.json:3:17: $ref 'defs.json#/$defs/Y' points to "
                                       "nothing: no value at the JSON Pointer '/$defs/Y'"),
])
def test_no_problem_of_the_schema_hides_one_of_a_file_it_reaches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, named: str) -> None:
    """A metaschema error, a `$ref` to a missing file or to a part that is not there,
    named at the `$ref`'s own line: the misspelt keyword of the file another `$ref`
    reaches is named in the same run (final33 F8), in the draft that file names."""
    root = ('{"properties": {\n  "b": {"$ref": "defs.json#/$defs/X"},\n'
            f'  "c": {extra}}}}}\n')
    code, output = _validate(tmp_path, monkeypatch, {"spec.json": root,
                                                     "defs.json": DEFINITIONS})
    assert code == 2, output
    typ, problem = output.splitlines()[1:]
    assert typ == ("defs.json:3:4: 'typ' is not a keyword of JSON Schema 2020-12, so it would "
                   "check nothing: did you mean type? (a keyword of your own, an annotation, "
                   "is spelt 'x-typ')")
    assert problem.startswith(named), output


def test_a_part_of_a_file_of_another_draft_is_read_in_the_referring_schemas_draft(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema reads the part a `$ref` reaches in the referring schema's draft, not in
    its file's `$schema`: the message says so, not that no `$schema` is named."""
    definitions = ('{"$schema": "http://json-schema.org/draft-07/schema#",\n'
                   ' "definitions": {"X": {"dependencies": {"a": ["b"]}}}}\n')
    root = '{"properties": {"b": {"$ref": "defs.json#/definitions/X"}}}\n'
    code, output = _validate(tmp_path, monkeypatch, {"spec.json": root,
                                                     "defs.json": definitions})
    assert code == 2, output
    assert ("defs.json:2:24: 'dependencies' is not a keyword of JSON Schema 2020-12 (the part "
            "names no $schema, and a $ref reads it in the draft of the schema that refers to "
            "it, not in its file's draft-07)") in output


def test_a_reference_in_a_part_reached_by_a_pointer_is_followed_and_the_rest_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The part of an OpenAPI document a `$ref` reaches refers to another file: that file
    is read and judged (it was never read: 'a reference cannot be resolved' at the first
    spec); the document's other parts, no schemas, are not walked (`properties: 5` there
    gave a traceback)."""
    api = ("openapi: 3.0.3\npaths: {items: null, properties: 5, $id: []}\ncomponents:\n"
           "  schemas:\n    Owner: {$ref: owner.json}\n")
    root = '{"properties": {"owner": {"$ref": "api.yaml#/components/schemas/Owner"}}}\n'
    code, output = _validate(tmp_path, monkeypatch, {
        "spec.json": root, "api.yaml": api, "owner.json": '{"typ": "string"}'})
    assert code == 2, output
    assert output.startswith("specrepo: error: owner.json:1:2: 'typ' is not a keyword"), output
    code, output = _validate(tmp_path / "good", monkeypatch, {
        "spec.json": root, "api.yaml": api, "owner.json": '{"type": "string"}'})
    assert (code, output) == (0, "1 file checked: no problems\n")

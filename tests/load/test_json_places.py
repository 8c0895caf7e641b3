"""A JSON schema's duplicate keys, NaN and Infinity, integers too long to read and nesting
deeper than a YAML schema may nest are each named at their line and column, all in one run
(trial42 json-schema-duplicate-key-no-line; place43), as a JSON syntax error and the same
mistake in a YAML schema are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.json_places import json_problems
from specrepo.load.schema_reading import SchemaLoadError, read_schema_file
from tests.support import fuzz, run_cli

_KEYS = st.text(st.characters(codec="utf-8"), max_size=4)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | _KEYS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=12)


def _place(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


@fuzz(50)
@given(_VALUES, st.integers(0, 3), st.booleans(), st.booleans())
def test_every_json_holds_only_the_problems_put_in_it_each_at_its_place(
        value: object, indent: int, duplicate: bool, constant: bool) -> None:
    """The invariant: JSON `json.dumps` writes has no problem; a duplicate key and a NaN
    put after it are each found once, at the offset they were put."""
    text = json.dumps({"first": value}, indent=indent or None, ensure_ascii=indent == 2)
    assert json_problems(text) == []
    expected = []
    first_line = _place(text, text.index('"first"'))[0]
    if duplicate:
        text = text[:-1] + ',\n"first": 1}'
        expected.append((*_place(text, text.rindex('"first"')),
                         f"duplicate key 'first' (first defined at line "
                         f"{first_line}); each key may appear once"))
    if constant:
        text = text[:-1] + ', "x": [-Infinity]}'
        expected.append((*_place(text, text.rindex("-Infinity")),
                         "-Infinity is not a JSON number (RFC 8259 has no NaN or Infinity)"))
    assert [(problem.line, problem.column, problem.message)
            for problem in json_problems(text)] == expected


@pytest.mark.parametrize(("text", "named"), [
    ('{"a": 1, "\\u0061": 2}', ["1:10: cannot load the schema: duplicate key 'a' (first "
                                "defined at line 1)"]),
    ('{"a": {"b": 1},\n "c": {"b": 2},\n "a": NaN}',
     ["3:2: cannot load the schema: duplicate key 'a'", "3:7: cannot load the schema: NaN"]),
    ('[' * 3000 + '{"x": 1, "x": 2}' + ']' * 3000,
     ["1:101: cannot load the schema: nesting is deeper than 100 levels",
      "1:3010: cannot load the schema: duplicate"]),
    ('{"a":\n  ' + '[' * 150 + ']' * 150 + '}',
     ["2:102: cannot load the schema: nesting is deeper than 100 levels"]),
    ('{"a": 1, "a": 2, "b": }', ["1:10: cannot load the schema: duplicate key 'a'",
                                 "1:23: cannot load the schema: Expecting value"]),
    ('{"n": ' + "9" * 5000 + "}", ["1:7: cannot load the schema: an integer of 5000 digits"]),
])
def test_a_json_schema_file_names_each_problem_at_its_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, named: list[str]) -> None:
    (tmp_path / "s.json").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the file as the message shows it: from where it runs
    with pytest.raises(SchemaLoadError) as refused:
        read_schema_file(tmp_path / "s.json")
    problems = [str(problem) for problem in refused.value.problems]
    assert len(problems) == len(named), problems
    for problem, start in zip(problems, named, strict=True):
        assert problem.startswith(f"s.json:{start}"), (problem, start)


def test_validate_names_every_duplicate_key_of_a_json_schema_at_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specrepo.yaml").write_text("schema: spec.schema.json\n")
    (tmp_path / "spec.schema.json").write_text(
        '{\n  "type": "object",\n  "properties": {"title": {"type": "integer"}},\n'
        '  "properties": {},\n  "type": "object",\n  "maximum": Infinity\n}\n')
    (tmp_path / "specs" / "a.yaml").write_text("id: A-1\ntitle: x\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "--format", "github")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "::error file=spec.schema.json,line=4,col=3,title=specrepo::3 problems in the "
        "schema:%0Aspec.schema.json:4:3: cannot load the schema: duplicate key 'properties' "
        "(first defined at line 3); each key may appear once",
        "::error file=spec.schema.json,line=5,col=3,title=specrepo::3 problems in the "
        "schema:%0Aspec.schema.json:5:3: cannot load the schema: duplicate key 'type' (first "
        "defined at line 2); each key may appear once",
        "::error file=spec.schema.json,line=6,col=14,title=specrepo::3 problems in the "
        "schema:%0Aspec.schema.json:6:14: cannot load the schema: Infinity is not a JSON "
        "number (RFC 8259 has no NaN or Infinity)",
        "specrepo: error: 3 problems in the schema:",
        "spec.schema.json:4:3: cannot load the schema: duplicate key 'properties' (first "
        "defined at line 3); each key may appear once",
        "spec.schema.json:5:3: cannot load the schema: duplicate key 'type' (first defined at "
        "line 2); each key may appear once",
        "spec.schema.json:6:14: cannot load the schema: Infinity is not a JSON number (RFC "
        "8259 has no NaN or Infinity)"]


def test_a_yaml_schema_names_every_duplicate_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specrepo.yaml").write_text("schema: rfc.yaml\n")
    (tmp_path / "rfc.yaml").write_text("type: object\nproperties: {}\nrequired: []\n"
                                       "properties: {}\nrequired: []\n")
    (tmp_path / "specs" / "a.yaml").write_text("id: A-1\ntitle: x\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line.startswith("rfc.yaml")] == [
        "rfc.yaml:4:1: cannot load the schema: duplicate key 'properties' (first defined at "
        "line 2); each key may appear once",
        "rfc.yaml:5:1: cannot load the schema: duplicate key 'required' (first defined at "
        "line 3); each key may appear once"]


@pytest.mark.parametrize(("raw", "named"), [
    (b'{"a":\n  "\xff"}', "2:4: cannot load the schema: invalid UTF-8: byte 0xff cannot start "
                          "or continue a character"),
    (b'\xef\xbb\xbf{"\xc3\xa9": "\xe9"}', "1:8: cannot load the schema: invalid UTF-8: byte 0xe9"),
    ('{"a": 1}'.encode("utf-16"), "1:1: cannot load the schema: the file is UTF-16"),
])
def test_a_json_schema_that_is_not_utf8_is_named_at_its_first_wrong_byte(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raw: bytes, named: str) -> None:
    (tmp_path / "s.json").write_bytes(raw)
    monkeypatch.chdir(tmp_path)  # the file as the message shows it: from where it runs
    with pytest.raises(SchemaLoadError) as refused:
        read_schema_file(tmp_path / "s.json")
    assert str(refused.value).startswith(f"s.json:{named}"), str(refused.value)
    (tmp_path / "specrepo.yaml").write_text("schema: s.json\n")
    shown = run_cli("schema")
    assert shown.exit_code == 2
    assert f"s.json:{named}" in shown.output


@pytest.mark.parametrize("depth", [97, 98, 99, 100, 2000])
def test_a_json_schema_nests_as_deep_as_a_yaml_one_and_is_refused_at_the_same_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, depth: int) -> None:
    """The same text (JSON is YAML's flow style) read as a `.json` and as a `.yaml` schema
    file: both read, or both refused for its nesting at the same line and column, where
    the depth limit is crossed (place43: a JSON schema too deep for json's stack was
    named with no place, one a little less deep read where a YAML one is refused)."""
    text = '{"$defs":\n {"x": ' + "[" * depth + "]" * depth + "}}"
    monkeypatch.chdir(tmp_path)
    verdicts = []
    for name in ("s.json", "s.yaml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
        try:
            read_schema_file(tmp_path / name)
            verdicts.append("read")
        except SchemaLoadError as refused:
            verdicts.append(" ".join(str(problem).partition(":")[2]
                                     for problem in refused.problems))
    assert verdicts[0] == verdicts[1], verdicts
    assert (verdicts[0] == "read") == (depth + 2 <= 100), verdicts  # 2: the mappings

"""The YAML loader: YAML 1.2 scalars, positions, limits, and errors that name the line."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from specrepo.load.document import Document, JsonPath, Located, Position
from specrepo.load.yaml_loader import DEFAULT_LIMITS, LoadLimits, YamlError, load_yaml
from tests.support import fuzz

PARSERS: list[Any] = [yaml.SafeLoader, *([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])]


def load(text: str) -> Any:
    return load_yaml(text.encode()).data


def error_of(raw: bytes, limits: LoadLimits = DEFAULT_LIMITS) -> YamlError:
    with pytest.raises(YamlError) as caught:
        load_yaml(raw, limits)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-02", "2024-01-02"),
        ("2024-01-02T10:00:00Z", "2024-01-02T10:00:00Z"),
        ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("y", "y"),
        ("true", True), ("false", False), ("True", True), ("FALSE", False),
        ("null", None), ("~", None), ("", None),
        ("12", 12), ("-3", -3), ("0o17", 15), ("0x1F", 31), ("012", 12),
        ("1.10", 1.1), ("1e3", 1000.0), (".5", 0.5), ("-1.5e-3", -0.0015),
        (".inf", ".inf"), ("-.inf", "-.inf"), (".nan", ".nan"),
        ("1_000", "1_000"), ("0b101", "0b101"), ("1:20", "1:20"), ("'1.10'", "1.10"),
        ('"true"', "true"), ("!!str 12", "12"), ("!!int 12", 12), ("!!float 1", 1),
        ("!!timestamp 2024-01-02", "2024-01-02"), ("! 12", "12"),
    ],
)
def test_scalars_follow_yaml_1_2_and_stay_json_shaped(text: str, expected: Any) -> None:
    value = load(f"key: {text}\n")["key"]
    assert value == expected
    assert type(value) is type(expected)


def test_block_scalars_and_flow_collections_load() -> None:
    data = load("a: |\n  line 1\n  line 2\nb: >-\n  folded\n  text\nc: {x: [1, 'two']}\n")
    assert data == {"a": "line 1\nline 2\n", "b": "folded text", "c": {"x": [1, "two"]}}


def test_every_node_keeps_its_position() -> None:
    document = load_yaml(b"id: SPEC-1\nlist:\n  - a\n  - key: value\n")
    assert document.root == Position(1, 1)
    assert document.position(("id",)) == Position(1, 5)
    assert document.key_position(("id",)) == Position(1, 1)
    assert document.position(("list", 1, "key")) == Position(4, 10)
    assert document.key_position(("list", 1, "key")) == Position(4, 5)
    assert document.position(("list", 0)) == Position(3, 5)
    # A missing node points at its deepest existing ancestor.
    assert document.position(("list", 1, "missing")) == Position(4, 5)


def test_positions_count_characters_after_a_bom_and_on_crlf_lines() -> None:
    document = load_yaml("\ufeffa: 1\r\nb: é\r\nc: x\r\n".encode())
    assert document.data == {"a": 1, "b": "é", "c": "x"}
    assert document.position(("c",)) == Position(3, 4)


def test_source_text_is_kept_for_values_yaml_read_as_non_strings() -> None:
    document = load_yaml(b"version: 1.10\nname: x\n")
    assert document.locate(("version",)).source == "1.10"
    assert document.locate(("name",)).source is None


def test_a_tagged_scalar_keeps_its_tag_and_text() -> None:
    document = load_yaml(b'a: !!int "12"\nb: [!!str 12, &t !!bool "true", *t]\nc: 12\n')
    assert document.data == {"a": 12, "b": ["12", True, True], "c": 12}
    assert document.locate(("a",))[2:] == ("12", "!!int")
    assert [document.locate(("b", index))[2:] for index in range(3)] == [
        (None, "!!str"), ("true", "!!bool"), ("true", "!!bool")]
    assert document.locate(("c",))[2:] == ("12", None)


def test_aliases_are_shared_not_copied() -> None:
    data = load("a: &x [1, 2]\nb: *x\n")
    assert data["a"] is data["b"]


@pytest.mark.parametrize(
    ("raw", "rule", "position", "words"),
    [
        (b"a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", (3, 1), "first defined at line 1"),
        (b"a:\n  x: 1\n  x: 2\n", "yaml-duplicate-key", (3, 3), "'x'"),
        (b"1: x\n", "yaml-key", (1, 1), "quote it: '1'"),
        (b"true: x\n", "yaml-key", (1, 1), "a boolean"),
        (b'!!int "12": x\n', "yaml-key", (1, 1),
         "key 12 is read as a number, not a string, by its !!int tag; remove the tag and "
         "quote it: '12'"),
        (b'!!null "": x\n', "yaml-key", (1, 1), "by its !!null tag; remove the tag"),
        (b"? [a]\n: b\n", "yaml-key", (1, 3), "cannot be used as a key"),
        (b"a: !!python/object:os.system x\n", "yaml-tag", (1, 4), "!!python/object:os.system"),
        (b"a: !custom x\n", "yaml-tag", (1, 4), "!custom"),
        (b"a: !!set {x}\n", "yaml-tag", (1, 4), "!!set"),
        (b"a: !!int nope\n", "yaml-tag", (1, 4), "not a valid !!int"),
        (b"a: b\n---\nc: d\n", "yaml-structure", (2, 1), "more than one YAML document"),
        (b"- a\n- b\n", "yaml-structure", (1, 1), "not a list"),
        (b"just text\n", "yaml-structure", (1, 1), "not text"),
        (b"---\n", "yaml-empty", (1, 1), "holds nothing"),  # an empty document: as empty
        (b"--- ~\n", "yaml-structure", (1, 5), "empty (null)"),
        (b"", "yaml-empty", (1, 1), "empty"),
        (b"# only a comment\n\n", "yaml-empty", (1, 1), "empty"),
        (b"a: *nowhere\n", "yaml-syntax", (1, 4), "names no anchor"),
        (b"a: &x [*x]\n", "yaml-syntax", (1, 8), "contains it"),
        (b"a: [1, 2\n", "yaml-syntax", (1, 4), "never closed with ']'"),
        (b"a: 'open\n", "yaml-syntax", (1, 4), "quoted text is never closed"),
        (b"a: 1\nb:c\nd: 2\n", "yaml-syntax", (2, 1), "put a space after the colon"),
        (b"a: `code`\n", "yaml-syntax", (1, 4), "cannot start with '`'; quote"),
        (b"a:\n  - x\n  y: 1\n", "yaml-syntax", (3, 3), "list that starts on line 2"),
        (b"a:\n\t- b\n", "yaml-syntax", (2, 1), "tabs"),
        (b"a: b\n c: d\n", "yaml-syntax", (2, 2), "not indented like the keys"),
        (b"a: b: c\n", "yaml-syntax", (1, 5), "must be quoted"),
        (b"a: \xff\n", "yaml-encoding", (1, 4), "invalid UTF-8"),
        (b"a: ok\nb: caf\xc3\n", "yaml-encoding", (2, 7), "invalid UTF-8"),
        (b"a: x\x00y\n", "yaml-encoding", (1, 5), "U+0000"),
        (b"a: \x1b[31m\n", "yaml-encoding", (1, 4), "U+001B"),
        ("a: b".encode("utf-16"), "yaml-encoding", (1, 1), "UTF-16"),
    ],
)
def test_bad_input_is_refused_with_rule_position_and_reason(
    raw: bytes, rule: str, position: tuple[int, int], words: str
) -> None:
    error = error_of(raw)
    assert (error.rule, error.position) == (rule, Position(*position))
    assert words in error.message


def test_every_duplicate_key_is_reported_not_only_the_first() -> None:
    error = error_of(b"a: 1\nb:\n  x: 1\n  x: 2\na: 3\nc: 1\nc: 2\n")
    assert [(problem.rule, problem.position, problem.message) for problem in error.every] == [
        ("yaml-duplicate-key", Position(4, 3),
         "duplicate key 'x' (first defined at line 3); each key may appear once"),
        ("yaml-duplicate-key", Position(5, 1),
         "duplicate key 'a' (first defined at line 1); each key may appear once"),
        ("yaml-duplicate-key", Position(7, 1),
         "duplicate key 'c' (first defined at line 6); each key may appear once"),
    ]


def test_duplicate_keys_and_a_later_syntax_error_are_all_reported() -> None:
    error = error_of(b"a: 1\na: 2\nb: [1\n")
    assert [problem.rule for problem in error.every] == ["yaml-duplicate-key", "yaml-syntax"]


MERGED = b"""\
defaults: &defaults
  priority: P1
  owner: ada
extra: &extra {owner: grace, team: core}
items:
  - <<: *defaults
    id: FR-1
    owner: linus
  - <<: [*extra, *defaults]
    id: FR-2
  - {<<: {inline: yes}, id: FR-3}
"""


def test_merge_keys_merge_with_the_mapping_s_own_keys_first() -> None:
    document = load_yaml(MERGED)
    items: Any = document.data["items"]  # type: ignore[index, call-overload]
    assert items == [
        {"id": "FR-1", "owner": "linus", "priority": "P1"},
        {"id": "FR-2", "owner": "grace", "team": "core", "priority": "P1"},
        {"id": "FR-3", "inline": "yes"},
    ]
    # A merged value points at the line it is written on; the mapping's own keys at theirs.
    assert document.position(("items", 0, "priority")) == Position(2, 13)
    assert document.key_position(("items", 1, "team")) == Position(4, 30)
    assert document.position(("items", 0, "owner")) == Position(8, 12)


def test_merge_keys_in_the_history_reader_s_partial_load() -> None:
    raw = b"common: &c\n  status: accepted\nid: ADR-1\n<<: *c\n"
    assert load_yaml(raw, keep=frozenset({"id", "status"})).data == {
        "common": {"status": "accepted"}, "id": "ADR-1", "status": "accepted"}


@pytest.mark.parametrize(
    ("raw", "rule", "position", "words"),
    [
        (b"<<: 1\n", "yaml-merge", (1, 1), "not a number"),
        (b"a: {<<: [x]}\n", "yaml-merge", (1, 5), "not text"),
        (b"a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n", "yaml-duplicate-key", (4, 3), "'<<'"),
    ],
)
def test_merge_keys_that_name_no_mapping_are_refused(
        raw: bytes, rule: str, position: tuple[int, int], words: str) -> None:
    error = error_of(raw)
    assert (error.rule, error.position) == (rule, Position(*position))
    assert words in error.message


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    assert load("'<<': 1\n\"<<x\": 2\n") == {"<<": 1, "<<x": 2}


def test_crlf_and_unicode_do_not_shift_error_positions() -> None:
    error = error_of("a: é\r\nb: 1\r\na: 2\r\n".encode())
    assert error.position == Position(3, 1)


BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_before_it_expands() -> None:
    started = time.process_time()
    error = error_of(BILLION_LAUGHS)
    assert time.process_time() - started < 1.0  # a guard against hanging, not a benchmark
    assert error.rule == "yaml-limit"
    assert "alias" in error.message
    assert error.position is not None and error.position.line == 5


def test_quadratic_alias_blowup_is_refused() -> None:
    items = ", ".join(["x"] * 2000)
    uses = "\n".join(f"u{n}: *big" for n in range(2000))
    error = error_of(f"big: &big [{items}]\n{uses}\n".encode())
    assert error.rule == "yaml-limit"


def test_modest_aliases_are_fine() -> None:
    data = load("people: &p [Ada, Grace]\nreviewers: *p\nowners: *p\n")
    assert data["owners"] == ["Ada", "Grace"]


@pytest.mark.parametrize("depth", [101, 10_000])
def test_deep_nesting_is_refused_without_recursion(depth: int) -> None:
    error = error_of(b"a: " + b"[" * depth + b"]" * depth + b"\n")
    assert error.rule == "yaml-limit"
    assert "deeper than 100" in error.message


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("depth", [101, 999, 2000, 10_000])
def test_deep_nesting_is_named_where_the_limit_is_crossed(parser: Any, depth: int) -> None:
    """At the 101st container (the top mapping is the first), whichever parser reads it:
    libyaml's own cap (1,000 levels), which its scanner meets ahead of the events in a
    flow collection, was named at its place (place43: 2:1006 for 2,000 levels)."""
    with pytest.raises(YamlError) as refused:
        load_yaml(b"id: A\nx: " + b"[" * depth + b"]" * depth + b"\n", parser=parser)
    assert (refused.value.message, refused.value.position) == (
        "nesting is deeper than 100 levels", Position(2, 103))


def test_nesting_within_the_limit_loads() -> None:
    depth = 99
    data = load("a: " + "[" * depth + "]" * depth + "\n")
    for _ in range(depth - 1):
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data is not None


def test_file_size_is_capped_before_parsing() -> None:
    error = error_of(b"a: " + b"x" * 2000 + b"\n", LoadLimits(max_bytes=1024))
    assert error.rule == "yaml-limit"
    assert "over the limit of 1,024" in error.message


def test_large_scalar_within_the_cap_loads() -> None:
    big = "x" * 5_000_000
    data: Any = load_yaml(f"a: {big}\n".encode(), LoadLimits(max_bytes=6_000_000)).data
    assert data["a"] == big


# --- property-based tests -------------------------------------------------------------

# Text YAML can hold: no control characters but NEL, which YAML 1.2 reads as an ordinary
# character like LS and PS (YAML 1.1 parsers read all three as line breaks); and the
# invisible characters specrepo names when they are not quoted.
UNUSUAL = "\x85\u2028\u2029\u00a0\ufeff\u200b\u200d\U0001F680"
yaml_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"),
                  include_characters=UNUSUAL),
    max_size=20,
)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | yaml_text
)
json_documents = st.dictionaries(
    yaml_text,
    st.recursive(
        json_scalars,
        lambda children: st.lists(children, max_size=4)
        | st.dictionaries(yaml_text, children, max_size=4),
        max_leaves=20,
    ),
    min_size=1,
    max_size=6,
)


class _QuotingDumper(yaml.SafeDumper):
    """Block-style YAML with every string double-quoted, so no scalar is re-resolved."""


_QuotingDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


@fuzz(200, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents)
def test_json_text_loads_to_what_was_generated(document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False)
    assert load_yaml(text.encode()).data == document


@fuzz(200, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents)
def test_ascii_json_with_surrogate_pair_escapes_loads_to_what_was_generated(
        document: dict[str, Any]) -> None:
    text = json.dumps(document)  # ensure_ascii: astral characters as surrogate-pair escapes
    for parser in PARSERS:
        assert load_yaml(text.encode(), parser=parser).data == document


@fuzz(200, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents)
def test_block_yaml_loads_to_what_was_generated(document: dict[str, Any]) -> None:
    text = yaml.dump(document, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False)
    loaded = load_yaml(text.encode()).data
    assert loaded == document
    assert json.dumps(loaded, sort_keys=True) == json.dumps(document, sort_keys=True)


def _positions(document: Document) -> list[tuple[JsonPath, Located]]:
    """Every node's path and position, in document order."""
    found = []
    pending: list[JsonPath] = [()]
    while pending:
        path = pending.pop()
        found.append((path, document.locate(path)))
        node: Any = document.data
        for key in path:
            node = node[key]
        if isinstance(node, dict):
            pending.extend((*path, key) for key in node)
        elif isinstance(node, list):
            pending.extend((*path, index) for index in range(len(node)))
    return found


def _verdict(raw: bytes, parser: Any) -> Any:
    try:
        document = load_yaml(raw, parser=parser)
    except YamlError as error:
        return ("error", [problem.rule for problem in error.every])
    return ("ok", document.data, _positions(document))


# YAML's indicators, and the characters and escapes YAML 1.1 and 1.2 read differently.
yamlish = st.lists(st.sampled_from(
    [*"ab1 :-[]{},'\"#&*!|>\n?.%@`\t~é\r\\", "\x85", "\u2028", "\u2029", "\u00a0",
     "\ufeff", "\u200b", "<<", "\\ud83d", "\\ude80", "\\U0001F680", "\r\n"]),
    max_size=40).map("".join)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
@fuzz(400)
@given(st.one_of(json_documents.map(lambda d: json.dumps(d, ensure_ascii=False)),
                 json_documents.map(json.dumps),
                 json_documents.map(lambda d: yaml.dump(d, Dumper=_QuotingDumper,
                                                        allow_unicode=True)),
                 yamlish))
def test_c_and_python_parsers_give_the_same_verdicts(text: str) -> None:
    raw = text.encode()
    c_verdict = _verdict(raw, yaml.CSafeLoader)
    python_verdict = _verdict(raw, yaml.SafeLoader)
    if "\t" in text and python_verdict[0] == "error":
        # PyYAML's pure-Python scanner refuses some tabs that YAML allows as separators
        # (`a:<tab>`), which libyaml accepts; that is the one known difference.
        return
    if c_verdict[0] == "error" and python_verdict[0] == "error":
        # Both refuse. Where both parsers read the text, they refuse it for the same
        # reasons; their grammars differ in corners (libyaml refuses `[a:]`), so a syntax
        # error on one side may stand for any reason on the other.
        if "yaml-syntax" not in c_verdict[1] + python_verdict[1]:
            assert c_verdict == python_verdict
        return
    assert c_verdict == python_verdict


@fuzz(300)
@given(st.binary(max_size=200))
def test_random_bytes_raise_nothing_but_yaml_error(raw: bytes) -> None:
    try:
        document = load_yaml(raw)
    except YamlError:
        return
    assert isinstance(document.data, dict)


@fuzz(300)
@given(yamlish)
def test_random_yaml_like_text_raises_nothing_but_yaml_error(text: str) -> None:
    try:
        document = load_yaml(text.encode())
    except YamlError as error:
        assert error.position is None or error.position.line >= 1
        return
    json.dumps(document.data, allow_nan=False)  # JSON-shaped: nothing JSON cannot hold


def test_keep_builds_only_the_named_top_level_keys() -> None:
    raw = b"id: X\nbig:\n  deep: [1, {a: b}]\n  other: &o 1\ntitle: T\n"
    document = load_yaml(raw, keep=frozenset({"id", "title"}))
    assert document.data == {"id": "X", "title": "T"}
    assert document.position(("title",)) == Position(5, 8)


def test_keep_still_refuses_syntax_errors_and_deep_nesting_in_skipped_values() -> None:
    with pytest.raises(YamlError, match="never closed"):
        load_yaml(b"id: X\nbig: [1, 2\n", keep=frozenset({"id"}))
    with pytest.raises(YamlError, match="deeper than"):
        load_yaml(b"id: X\nbig: " + b"[" * 150 + b"]" * 150 + b"\n", keep=frozenset({"id"}))


def test_keep_falls_back_to_a_full_load_for_aliases_into_skipped_values() -> None:
    raw = b"big: {who: &who [Ada]}\nreviewers: *who\n"
    assert load_yaml(raw, keep=frozenset({"reviewers"})).data == {
        "big": {"who": ["Ada"]}, "reviewers": ["Ada"]}


@fuzz(200)
@given(json_documents)
def test_keep_gives_the_same_values_as_a_full_load(document: dict[str, Any]) -> None:
    raw = yaml.dump(document, Dumper=_QuotingDumper, allow_unicode=True).encode()
    kept = sorted(document)[: len(document) // 2]
    assert load_yaml(raw, keep=frozenset(kept)).data == {key: document[key] for key in kept}


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(("text", "position", "words"), [
    ("a: {?foo: bar}\n", (1, 5), "`?` directly before a value"),
    ("a: [?x]\n", (1, 5), "`?` directly before a value"),
    ('a: [ok, ?"q"]\n', (1, 9), "`?` directly before a value"),
    ("key: &an:chor value\n", (1, 6), "anchor name `&an` is followed by `:`"),
    ("a: &x?y v\n", (1, 4), "anchor name `&x` is followed by `?`"),
    # PyYAML ends the name at `:` and then finds a misplaced `: `: the same problem
    ("x: &a: value\n", (1, 4), "anchor name `&a` is followed by `:`"),
    ("- &a: b\n", (1, 3), "anchor name `&a` is followed by `:`"),
    ("x: {&a: b}\n", (1, 5), "anchor name `&a` is followed by `:`"),
])
def test_text_pyyaml_reads_otherwise_than_yaml_1_2_is_refused(
        parser: Any, text: str, position: tuple[int, int], words: str) -> None:
    """PyYAML would read these as other values than YAML 1.2 does (the YAML test suite's
    652Z, HM87, Y2GN): a finding at the place, never a silently different spec."""
    with pytest.raises(YamlError) as raised:
        load_yaml(text.encode(), parser=parser)
    assert raised.value.rule == "yaml-syntax"
    assert words in raised.value.message
    assert raised.value.message.endswith(("so YAML tools would read this file differently; "
                                          "quote the text (\"?...\"), or put a space after "
                                          "`?` to mark a key", "`"))
    assert "spec" not in raised.value.message  # the file may be specrepo.yaml or a schema
    assert raised.value.position == Position(*position)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(("text", "data"), [
    ("a: {? x: 1}\n", {"a": {"x": 1}}),
    ("a: ['?x', \"?y\"]\n", {"a": ["?x", "?y"]}),
    ("u: https://example.com/?q=1&b:2\nv: [1]\n", {"u": "https://example.com/?q=1&b:2",
                                                   "v": [1]}),
    ("a: &x [1]\nb: *x\nc: {d: *x}\n", {"a": [1], "b": [1], "c": {"d": [1]}}),
    ("a: &x-1_b v\nb: [*x-1_b, *x-1_b]\n", {"a": "v", "b": ["v", "v"]}),
])
def test_question_marks_and_anchors_yaml_1_2_reads_alike_load(
        parser: Any, text: str, data: object) -> None:
    assert load_yaml(text.encode(), parser=parser).data == data


def test_an_empty_key_says_so() -> None:
    with pytest.raises(YamlError, match="a key is missing") as raised:
        load_yaml(b"a: 1\n? \n: b\n")
    assert raised.value.rule == "yaml-key"


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(("text", "position"), [
    ("x: {? : bar}\n", None),  # PyYAML reads this one; the loader refuses the null key
    ("x: {: bar}\n", (1, 5)),  # PyYAML's parsers refuse these
    ("x: [: bar]\n", (1, 5)),
    ("x: {a: 1, : b}\n", (1, 11)),
    ("x: [a, : b]\n", (1, 8)),
    (": bar\n", (1, 1)),
    ("x:\n  : bar\n", (2, 3)),
    ("- : bar\n", (1, 3)),
])
def test_an_entry_with_no_key_gets_one_message_whoever_refuses_it(
        parser: Any, text: str, position: tuple[int, int] | None) -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml(text.encode(), parser=parser)
    assert (raised.value.rule, raised.value.message) == (
        "yaml-key", "a key is missing (an empty key reads as null); write the key before "
        "its `:`")
    if position is not None:
        assert raised.value.position == Position(*position)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(("text", "message"), [
    ("x: {a: :b}\n", "YAML syntax error: a value cannot start with ':' here; quote the value"),
    ("k: a&b: c\n", "YAML syntax error: a value that contains ': ' must be quoted"),
    ("k: a: b\n", "YAML syntax error: a value that contains ': ' must be quoted"),
])
def test_a_colon_in_the_wrong_place_is_said_in_words(parser: Any, text: str,
                                                     message: str) -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml(text.encode(), parser=parser)
    assert raised.value.message == message


_SINGLE_QUOTES = ("where the backslash is meant as itself, write the text in single quotes")


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(("text", "column", "advice"), [
    ('specs: "keps/\\[x"\n', 14, " ('keps/\\[x'), which keep a backslash as written, or "
                                   "double the backslash (\\\\[)"),
    ('a: ["b", "\\.x\\["]\n', 11, " ('\\.x\\['), which keep"),
    ('a: "it\'s \\d"\n', 10, " ('it\'\'s \\d'), which keep"),
    ('a: "\\d\\n"\n', 5, ", which keep a backslash as written (a ' in them is written '')"),
    ('a: "\\d\n  b"\n', 5, ", which keep a backslash as written (a ' in them")])
def test_an_escape_yaml_does_not_know_advises_single_quotes(
        parser: Any, text: str, column: int, advice: str) -> None:
    """`"keps/\\[x"`: YAML's own words, "found unknown escape character", say nothing of
    the fix; the text is shown in single quotes where that keeps it as meant (no escape
    YAML knows beside, on one line), at the escape's backslash (low58)."""
    with pytest.raises(YamlError) as raised:
        load_yaml(text.encode(), parser=parser)
    assert raised.value.position == Position(1, column)
    assert raised.value.message.startswith("YAML syntax error: the escape \\")
    assert f" is none YAML knows in double quotes; {_SINGLE_QUOTES}{advice}" in \
        raised.value.message, raised.value.message


@given(st.text(st.characters(codec="ascii", exclude_characters="\x00"), min_size=1),
       st.text(), st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                   "utf-32-be"]))
def test_a_file_in_utf_16_or_32_is_named_so_by_its_mark_or_its_nul_bytes(
        first: str, rest: str, codec: str) -> None:
    """Whatever follows an ASCII first character (YAML 1.2's rule for telling encodings
    apart, section 5.2), with or without a byte order mark: the encoding is named, at 1:1,
    never a control character U+0000 nor UTF-16 for UTF-32 (trial34 F7). UTF-16LE with no
    mark whose second character is U+0000 (`0` then NUL: 30 00 00 00) is byte for byte
    UTF-32LE, and YAML's rule names it so (trial52: the test claimed UTF-16 there)."""
    error = error_of((first[0] + rest).encode(codec, "surrogatepass"))
    assert (error.rule, error.position) == ("yaml-encoding", Position(1, 1))
    if codec == "utf-16-le" and rest.startswith("\x00"):
        codec = "utf-32-le"
    width, order = codec[4:6], "BE" if codec.endswith("be") else "LE"
    marked = "(with a byte order mark)" if codec in ("utf-16", "utf-32") \
        else "(no byte order mark)"
    assert error.message == f"the file is UTF-{width}{order} encoded {marked}; save it as UTF-8"


def test_keys_that_look_the_same_in_other_code_points_are_a_duplicate_key_problem() -> None:
    raw = "id: A-1\ncaf\u00e9: x\n\"cafe\\u0301\": y\n".encode()
    error = error_of(raw)
    assert (error.rule, error.position) == ("yaml-duplicate-key", Position(3, 1))
    assert error.message == (
        "key 'cafe\u0301' looks the same as the key 'caf\u00e9' of line 2 but is written "
        "with other Unicode code points ('cafe\\u0301' and 'caf\\u00e9'); type both alike")
    assert error.read == ({"id": "A-1", "caf\u00e9": "x", "cafe\u0301": "y"},)


def test_an_ascii_key_after_its_look_alike_is_a_duplicate_key_problem() -> None:
    error = error_of("\u212a: kelvin\nK: letter\n".encode())
    assert (error.rule, error.position) == ("yaml-duplicate-key", Position(2, 1))
    assert "('K' and '\\u212a')" in error.message


def test_keys_that_differ_in_letters_are_not_look_alikes() -> None:
    assert load("caf\u00e9: x\ncaf\u00e8: y\ncafe: z\n") == {
        "caf\u00e9": "x", "caf\u00e8": "y", "cafe": "z"}

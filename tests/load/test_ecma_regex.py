"""Schema patterns match as ECMA-262 with the `u` flag (JSON Schema's dialect), in every
keyword that reads one, not as Python's `re` (trial32 1: `^FR-[0-9]+$` took "FR-1\\n")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.check.compiled_schema import compile_source
from specrepo.load.ecma_keywords import ecma_patterns
from specrepo.load.ecma_regex import (
    EcmaRegexError,
    ecma_matches,
    ecma_regex,
    ecma_search,
    needless_escape,
)
from specrepo.load.schema_scope import load_schema_source

DIALECTS = [jsonschema.Draft3Validator, jsonschema.Draft4Validator, jsonschema.Draft6Validator,
            jsonschema.Draft7Validator, jsonschema.Draft201909Validator,
            jsonschema.Draft202012Validator]

# An ECMA-262 pattern and a Python one that means the same (ECMA's `$` is the end of the
# text, its \d and \w ASCII, its `.` no line terminator).
EQUIVALENTS = [
    (r"^FR-[0-9]+$", r"\AFR-[0-9]+\Z"),
    (r"^ADR-\d{4}$", r"\AADR-[0-9]{4}\Z"),
    (r"^\w+$", r"\A[A-Za-z0-9_]+\Z"),
    (r"^.$", "\\A[^\\n\\r\\u2028\\u2029]\\Z"),
    (r"\bx", r"(?<![A-Za-z0-9_])x"),
]
TEXT = st.text(st.sampled_from("FRAD-x019_é١٢\n\r\u2028 "), max_size=8)


@pytest.mark.parametrize(("ecma", "python"), EQUIVALENTS)
@given(text=TEXT)
def test_ecma_semantics_on_generated_text(ecma: str, python: str, text: str) -> None:
    assert ecma_matches(ecma, text) == (re.search(python, text) is not None)


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda dialect: dialect.__name__)
def test_every_keyword_that_matches_patterns_matches_as_ecma(dialect: Any) -> None:
    """`pattern`, `patternProperties`, `additionalProperties` (and `unevaluatedProperties`
    where the draft has it) each take "x" and refuse "x\\n" for `^x$`."""
    ecma = ecma_patterns(dialect)
    rebound = {name for name, keyword in ecma.VALIDATORS.items()
               if keyword is not dialect.VALIDATORS[name]}
    expected = {"pattern", "patternProperties", "additionalProperties"}
    if "unevaluatedProperties" in dialect.VALIDATORS:
        expected.add("unevaluatedProperties")
    assert rebound == expected
    cases: list[tuple[Any, Any, Any]] = [({"pattern": "^x$"}, "x", "x\n"),
             ({"patternProperties": {"^x$": {"type": "integer"}}}, {"x\n": 1}, {"x": "a"}),
             ({"patternProperties": {"^x$": {}}, "additionalProperties": False},
              {"x": 1}, {"x\n": 1})]
    if "unevaluatedProperties" in dialect.VALIDATORS:
        cases.append(({"allOf": [{"patternProperties": {"^x$": {}}}],
                       "unevaluatedProperties": False}, {"x": 1}, {"x\n": 1}))
    for schema, valid, invalid in cases:
        assert ecma(schema).is_valid(valid), schema
        assert not ecma(schema).is_valid(invalid), schema


def test_jsonschema_itself_is_left_alone() -> None:
    """Only specrepo's validators match as ECMA-262: jsonschema's own are unchanged."""
    assert jsonschema.Draft202012Validator({"pattern": "^x$"}).is_valid("x\n")


def _compiled(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "schema.yaml"
    path.write_text(text, encoding="utf-8")
    return compile_source(load_schema_source(path, tmp_path))


def test_the_fast_verdict_and_jsonschema_agree(tmp_path: Path) -> None:
    schema = _compiled(tmp_path, "properties:\n  id: {pattern: '^ADR-\\d{4}$'}\n"
                                 "patternProperties:\n  '^x-\\w+$': {type: string}\n"
                                 "additionalProperties: false\n")
    for document, valid in [({"id": "ADR-0001"}, True), ({"id": "ADR-0001\n"}, False),
                            ({"id": "ADR-١٢٣٤"}, False), ({"x-a": "b"}, True),
                            ({"x-é": "b"}, False)]:
        assert schema.accepts is not None
        assert schema.accepts(document) == valid, document
        assert schema.validator.is_valid(document) == valid, document


@pytest.mark.parametrize("pattern", [r"(?i)^a$", r"(?P<n>a)", r"^a\Z", r"[a-z\_]", r"\p{Nope}"])
def test_a_pattern_that_is_not_ecma_is_refused_at_its_line(tmp_path: Path,
                                                          pattern: str) -> None:
    with pytest.raises(ConfigError, match=r"schema.yaml:4:5: the pattern .* is not a regular "
                                          r"expression of JSON Schema's dialect"):
        _compiled(tmp_path, f"type: object\nproperties:\n  a:\n    pattern: '{pattern}'\n")


def test_ecma_only_syntax_is_taken(tmp_path: Path) -> None:
    """`\\p{…}`, which Python's `re` refuses, is ECMA-262's (and the metaschema's `regex`
    format is read as ECMA-262 too)."""
    schema = _compiled(tmp_path, "pattern: '^\\p{Lu}'\n")
    assert schema.is_valid("École") and not schema.is_valid("école")


def test_a_lone_surrogate_in_a_pattern_or_a_text_is_matched_not_an_internal_error() -> None:
    """JSON's `\\ud800` escapes give a pattern lone surrogates, which the engine (UTF-8)
    cannot take as they are (final32 F6: exit 3)."""
    no_surrogates = "^[^\ud800-\udfff]*$"
    assert ecma_search(no_surrogates, "plain text") is not None
    assert ecma_search("\ud800", "x") is None
    assert ecma_search("a", "x\ud800a") is not None


@pytest.mark.parametrize(("pattern", "advice"), [
    (r"^[a-z]+\-[a-z]+$", r"'\-' outside a [...] class escapes a character that needs no "
                          r"escape: write '-'"),
    (r"^[\w.]+\_x$", r"'\_' escapes a character that needs no escape: write '_'"),
    (r"^[\-\_]$", r"'\_' escapes a character that needs no escape: write '_'"),
    (r"^a\#b\:c$", r"'\#' escapes a character that needs no escape: write '#'"),
    (r"\Aabc", r"'\A' is Python's, not ECMA-262's: write '^'"),
    (r"abc\Z", r"'\Z' is Python's, not ECMA-262's: write '$'"),
    (r"a\e", r"'\e' is no escape of ECMA-262"),
])
def test_a_needless_escape_is_named_with_what_to_write(pattern: str, advice: str) -> None:
    """final32 F8: the message names the escape ECMA-262 refuses and what to write."""
    with pytest.raises(EcmaRegexError):
        ecma_regex(pattern)
    assert needless_escape(pattern) == advice


@pytest.mark.parametrize("pattern", [r"^[a-z\-]+$", r"^\/api\/\d+\.\$", r"^[\]\[]+$",
                                     r"\\-", r"(?i)a", r"\p{Lu}\u00e9\k<n>(?<n>x)"])
def test_an_escape_ecma_262_takes_is_never_called_needless(pattern: str) -> None:
    assert needless_escape(pattern) is None


@given(st.text(alphabet="\\-_#:[]^$a(){}dAZe.", max_size=12))
def test_an_escape_is_named_needless_only_in_a_pattern_ecma_262_refuses(
        pattern: str) -> None:
    """An escape named needless is one the engine refuses; a pattern the engine takes
    has none named."""
    try:
        ecma_regex(pattern)
    except EcmaRegexError:
        return
    assert needless_escape(pattern) is None

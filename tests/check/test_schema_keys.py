"""Which keys a spec can hold, per its schema: described, allowed (by a pattern or an open
object) or forbidden (closed by `additionalProperties` or `unevaluatedProperties` after
composition), whatever the draft and however references and composition reach the object;
never forbidden where jsonschema accepts a document holding the key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.key_answer import KeyAnswer, Verdict
from specrepo.check.schema_keys import key_answer
from specrepo.load.schema_scope import load_schema_source, root_scope
from specrepo.load.schema_source import SchemaSource
from tests.check.json_schema_suite import groups, refusal
from tests.support import fuzz

D4 = "http://json-schema.org/draft-04/schema#"
D6 = "http://json-schema.org/draft-06/schema#"
D7 = "http://json-schema.org/draft-07/schema#"
D2019 = "https://json-schema.org/draft/2019-09/schema"
D2020 = "https://json-schema.org/draft/2020-12/schema"
DESCRIBED, ALLOWED, FORBIDDEN = Verdict.DESCRIBED, Verdict.ALLOWED, Verdict.FORBIDDEN


def answer(schema: Any, path: str, *, through_lists: bool = True) -> KeyAnswer:
    source = SchemaSource(schema, "urn:test:schema.json", {}, checked=True)
    return key_answer(root_scope(source, inline=False), tuple(path.split(".")),
                      through_lists=through_lists)


KEP_BASE = {"properties": {"kep-number": {"type": "string"}, "status": {"enum": ["a", "b"]}}}
CLOSED_2020 = {  # the 2020-12 idiom: a closed object composed from $refs
    "$schema": D2020, "type": "object", "allOf": [{"$ref": "#/$defs/base"}],
    "properties": {"stage": {"enum": ["alpha", "beta"]}},
    "patternProperties": {"^x-": {"type": "string"}}, "unevaluatedProperties": False,
    "$defs": {"base": KEP_BASE}}


@pytest.mark.parametrize(("schema", "path", "verdict", "why"), [
    # unevaluatedProperties: false closes what allOf/$ref/properties/patterns leave out
    (CLOSED_2020, "stag", FORBIDDEN, "(unevaluatedProperties: false); did you mean 'stage'?"),
    (CLOSED_2020, "kep-number", DESCRIBED, ""),
    (CLOSED_2020, "stage", DESCRIBED, ""),
    (CLOSED_2020, "x-owner-team", ALLOWED, "matches the pattern '^x-'"),
    (CLOSED_2020, "stage.level", FORBIDDEN,
     'stage is one of the values "alpha", "beta" in the spec schema: it has no key'),
    ({**CLOSED_2020, "$schema": D2019}, "stag", FORBIDDEN, "unevaluatedProperties: false"),
    # in draft 7 unevaluatedProperties is no keyword: the object is open
    ({**CLOSED_2020, "$schema": D7, "$defs": {}, "definitions": {"base": KEP_BASE},
      "allOf": [{"$ref": "#/definitions/base"}]}, "stag", ALLOWED, "an open object"),
    # what a nested in-place schema evaluates counts, in every branch that may apply
    ({"$schema": D2020, "anyOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}],
      "unevaluatedProperties": False}, "b", DESCRIBED, ""),
    ({"$schema": D2020, "if": {"properties": {"kind": {"const": "x"}}},
      "then": {"properties": {"extra": {}}}, "unevaluatedProperties": False},
     "extra", DESCRIBED, ""),
    ({"$schema": D2020, "if": {"properties": {"kind": {"const": "x"}}},
      "then": {"properties": {"extra": {}}}, "unevaluatedProperties": False},
     "kind", DESCRIBED, ""),
    ({"$schema": D2020, "if": {"properties": {"kind": {"const": "x"}}},
      "then": {"properties": {"extra": {}}}, "unevaluatedProperties": False},
     "other", FORBIDDEN, "its keys: extra, kind"),
    ({"$schema": D2020, "dependentSchemas": {"a": {"properties": {"b": {}}}},
      "properties": {"a": {}}, "unevaluatedProperties": False}, "b", DESCRIBED, ""),
    ({"$schema": D2020, "allOf": [{"additionalProperties": {"type": "string"}}],
      "unevaluatedProperties": False}, "anything", ALLOWED, ""),
    ({"$schema": D2020, "unevaluatedProperties": {"type": "string"}}, "any", ALLOWED, ""),
    # additionalProperties: false sees only its own siblings, as validation does
    ({"$schema": D7, "allOf": [{"properties": {"a": {}}}], "additionalProperties": False},
     "a", FORBIDDEN, "(additionalProperties: false)"),
    ({"$schema": D7, "properties": {"a": {}}, "patternProperties": {"^x-": {}},
      "additionalProperties": False}, "x-a", ALLOWED, "'^x-'"),
    ({"$schema": D7, "properties": {"a": {}}, "patternProperties": {"^x-": {}},
      "additionalProperties": False}, "b", FORBIDDEN, "its keys: a"),
    ({"$schema": D4, "properties": {"a": {}}, "additionalProperties": False},
     "b", FORBIDDEN, "additionalProperties: false"),
    ({"$schema": D6, "propertyNames": {"pattern": "^[a-z]+$"}}, "Bad", FORBIDDEN,
     "propertyNames refuses it"),
    ({"$schema": D6, "propertyNames": {"pattern": "^[a-z]+$"}}, "good", ALLOWED, ""),
    ({"$schema": D7, "properties": {"a": False}}, "a", FORBIDDEN, "its schema there is false"),
    # one branch of several allowing a key is enough; every one refusing it refuses it
    ({"$schema": D7, "oneOf": [{"properties": {"a": {}}, "additionalProperties": False},
                               {"properties": {"b": {}}, "additionalProperties": False}]},
     "b", DESCRIBED, ""),
    ({"$schema": D7, "anyOf": [{"properties": {"a": {}}, "additionalProperties": False},
                               {"properties": {"b": {}}, "additionalProperties": False}]},
     "c", FORBIDDEN, "additionalProperties: false"),
    ({"$schema": D7, "if": {"required": ["a"]},
      "then": {"properties": {"a": {}}, "additionalProperties": False}}, "b", ALLOWED, ""),
    # drafts 3 to 7 ignore the siblings of $ref
    ({"$schema": D7, "$ref": "#/definitions/open", "additionalProperties": False,
      "definitions": {"open": {}}}, "anything", ALLOWED, ""),
    ({"$schema": D2020, "$ref": "#/$defs/open", "additionalProperties": False,
      "$defs": {"open": {}}}, "anything", FORBIDDEN, "additionalProperties: false"),
    # lists: a step names a field of every item; a position is refused
    ({"$schema": D2020, "properties": {"items": {"type": "array", "items": {
        "type": "object", "properties": {"id": {}}, "additionalProperties": False}}}},
     "items.id", DESCRIBED, ""),
    ({"$schema": D2020, "properties": {"items": {"type": "array", "items": {
        "type": "object", "properties": {"id": {}}, "additionalProperties": False}}}},
     "items.idd", FORBIDDEN, "items has no key 'idd'"),
    ({"$schema": D2020, "properties": {"items": {"type": "array"}}},
     "items.0", FORBIDDEN, "matched by id, not by position"),
    ({"$schema": D2020, "properties": {"items": {"items": {"type": "string"}}}},
     "items.0", ALLOWED, ""),  # no type: a mapping is valid there too
    ({"$schema": D2020, "properties": {"names": {"type": "array", "items": {"type": "string"}}}},
     "names.first", FORBIDDEN, "each item of names is a string in the spec schema"),
    ({"$schema": D2020, "properties": {"t": {"type": "array",
                                             "prefixItems": [{"type": "string"}],
                                             "items": {"properties": {"k": {}}}}}},
     "t.k", DESCRIBED, ""),
    ({"$schema": D7, "properties": {"t": {"type": "array", "items": [{"type": "string"}],
                                          "additionalItems": {"properties": {"k": {}}}}}},
     "t.k", DESCRIBED, ""),
    ({"$schema": D7, "properties": {"r": {"anyOf": [{"type": "array"}, {"type": "object"}]}}},
     "r.0", ALLOWED, ""),  # a mapping may be there: "0" may be its key
    ({"$schema": D4, "properties": {"c": {"const": 1}}}, "c.x", ALLOWED, ""),  # no keyword
    ({"$schema": D6, "properties": {"c": {"const": 1}}}, "c.x", FORBIDDEN,
     "c is the value 1 in the spec schema: it has no key 'x'"),
    # types and values that are no mapping hold no key; a schema refering to itself ends
    ({"$schema": D7, "properties": {"s": {"type": ["string", "null"]}}}, "s.x", FORBIDDEN,
     "s is a string or null in the spec schema: it has no key 'x'"),
    ({"$schema": D7, "properties": {"s": {"type": ["object", "null"]}}}, "s.x", ALLOWED, ""),
    ({"$schema": D2020, "$ref": "#", "properties": {"a": {"$ref": "#"}}}, "a.a.b", ALLOWED, ""),
    ({"$schema": D2020, "allOf": [{"$ref": "#/$defs/missing"}]}, "a", ALLOWED, ""),
    (True, "a", ALLOWED, ""),
    ({"$schema": D2020, "required": ["a"]}, "a", DESCRIBED, ""),
])
def test_the_schema_says_whether_a_spec_can_hold_a_key(
        schema: Any, path: str, verdict: Verdict, why: str) -> None:
    given_answer = answer(schema, path)
    assert given_answer.verdict is verdict, given_answer
    assert why in given_answer.why


def test_a_key_the_schema_names_false_is_not_offered_as_its_own_spelling() -> None:
    """`reviewers: false`: the refusal said "did you mean 'reviewers'?" (newuser66b L3)."""
    refused = answer({"properties": {"reviewers": False, "approvers": {}}}, "reviewers")
    assert refused.verdict is FORBIDDEN
    assert refused.why == ("a spec has no key 'reviewers' in the spec schema (its schema "
                           "there is false); its keys: approvers")


@pytest.mark.parametrize(("schema", "why"), [
    ({"properties": {"reviewers": False, "approvers": False, "id": {}}},
     "(its schema there is false); its keys: id"),
    ({"propertyNames": {"enum": ["id", "title"]}}, "(propertyNames refuses it)"),
    ({"propertyNames": {"enum": ["id"]}, "properties": {"id": {}, "title": {}}},
     "(propertyNames refuses it); its keys: id"),
])
def test_a_refusal_offers_only_keys_the_schema_lets_a_spec_hold(schema: Any, why: str
                                                                 ) -> None:
    """A key named false was listed among "its keys"; under `propertyNames` alone the
    refusal said "it can hold no key" of a schema that holds `id` (newuser68 L)."""
    assert answer(schema, "reviewers").why.endswith(why)


def test_a_field_path_does_not_reach_into_a_list() -> None:
    schema = {"properties": {"names": {"type": "array", "items": {"properties": {"a": {}}}}}}
    assert answer(schema, "names.a").holds
    refused = answer(schema, "names.a", through_lists=False)
    assert (refused.verdict, refused.step) == (FORBIDDEN, 1)
    assert refused.why.startswith("names is a list in the spec schema")


@pytest.mark.parametrize("draft", [D4, D7, D2020])
def test_references_to_other_local_files_are_followed(tmp_path: Path, draft: str) -> None:
    """`allOf: [{$ref: common.json}]` (the usual way to share a base) reaches the file, as
    validation does; the answer names what is described there."""
    closing = {"unevaluatedProperties": False} if draft == D2020 else {}
    (tmp_path / "spec.json").write_text(json.dumps({
        "$schema": draft, "type": "object", "allOf": [{"$ref": "common.json"}],
        "properties": {"id": {}}, **closing}))
    (tmp_path / "common.json").write_text(json.dumps({
        "$schema": draft, "properties": {"see-also": {"type": "array"}}}))
    root = root_scope(load_schema_source(tmp_path / "spec.json", tmp_path), inline=False)
    assert key_answer(root, ("see-also",)).verdict is DESCRIBED
    typo = key_answer(root, ("see-allso",))
    if draft == D2020:
        assert typo.verdict is FORBIDDEN
        assert typo.why.endswith("did you mean 'see-also'?")
    else:
        assert typo.verdict is ALLOWED
        assert "see-also" in typo.known


KEYS = ["a", "b", "x-a", "ab"]


def _schemas(draft: str) -> st.SearchStrategy[Any]:
    """Object schemas built from properties, patterns, closing keywords, allOf, anyOf and
    references: shapes in which a key is allowed exactly when `{key: "v"}` is valid."""
    leaf = st.sampled_from([{}, {"type": "string"}] if draft == D4
                           else [{}, True, False, {"type": "string"}])
    # jsonschema's 2019-09 reads an `additionalProperties` or `unevaluatedProperties`
    # schema (not `true`) as evaluating only the keys it names: that corner is left out
    rest = [False, True] if draft == D2019 else [False, {}, {"type": "string"}]
    closing = {"additionalProperties": st.sampled_from(rest)}
    if draft in (D2019, D2020):
        closing["unevaluatedProperties"] = st.sampled_from(rest[:2])
    own = {"properties": st.dictionaries(st.sampled_from(KEYS), leaf, max_size=3),
           "patternProperties": st.dictionaries(st.sampled_from(["^x-", "b$"]), leaf,
                                                max_size=2),
           "$ref": st.sampled_from(["#/definitions/d0", "#/definitions/d1"]), **closing}
    base = st.fixed_dictionaries({}, optional={k: v for k, v in own.items() if k != "$ref"})
    tree = st.recursive(st.fixed_dictionaries({}, optional=own), lambda children: (
        st.fixed_dictionaries({}, optional={**own, "allOf": st.lists(children, min_size=1,
                                                                     max_size=2),
                                            "anyOf": st.lists(children, min_size=1,
                                                              max_size=2)})), max_leaves=6)
    return st.builds(lambda top, d0, d1: {**top, "$schema": draft,
                                          "definitions": {"d0": d0, "d1": d1}},
                     tree, base, base)


@fuzz(300)
@given(st.sampled_from([D4, D7, D2019, D2020]).flatmap(_schemas), st.sampled_from(KEYS))
def test_a_key_is_allowed_exactly_where_jsonschema_accepts_it(schema: Any, key: str) -> None:
    accepted = jsonschema.validators.validator_for(schema)(schema).is_valid({key: "v"})
    assert answer(schema, key).holds == accepted


def _keys_of(data: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if not isinstance(data, dict) or len(prefix) == 3:
        return []
    return [path for key, value in data.items()
            for path in [(*prefix, key), *_keys_of(value, (*prefix, key))]]


SUITE = [group for group in groups(optional=False) if refusal(group) is None]


@pytest.mark.parametrize("group", SUITE, ids=[group.id for group in SUITE])
def test_no_key_of_a_document_the_suite_calls_valid_is_forbidden(group: Any) -> None:
    """Over the official JSON Schema Test Suite: every key path of every valid object."""
    root = root_scope(SchemaSource(group.schema, "urn:test:suite.json", {}, checked=True),
                      inline=False)
    for case in group.cases:
        for path in _keys_of(case.data) if case.valid else []:
            given_answer = key_answer(root, path)
            assert given_answer.holds, (case.id, path, given_answer.why)


BRANCHED = {  # a closed schema whose keys are declared only in branches
    "$schema": D2020, "type": "object", "unevaluatedProperties": False,
    "properties": {"risk": {"enum": ["low", "high"]}, "design": {"type": "object"}},
    "if": {"properties": {"risk": {"const": "high"}}, "required": ["risk"]},
    "then": {"properties": {"owner": {"type": "string"}}},
    "else": {"properties": {"mitigation": False}},
    "anyOf": [{"properties": {"rollout": {"type": "string"}}},
              {"properties": {"flag": {"type": "string"}}}],
    "dependentSchemas": {"risk": {"properties": {"reviewer_of_risk": {"type": "string"}}}}}


@pytest.mark.parametrize(("path", "why"), [
    ("owner.name", "owner is a string in the spec schema: it has no key 'name'"),
    ("flag.x", "flag is a string in the spec schema: it has no key 'x'"),
    ("reviewer_of_risk.x", "reviewer_of_risk is a string in the spec schema: it has no key 'x'"),
])
def test_a_key_declared_only_in_branches_of_a_closed_schema_is_what_they_declare(
        path: str, why: str) -> None:
    """Under `unevaluatedProperties: false` a branch that does not evaluate the key cannot
    hold it, so only the branches that declare it say what its value can be."""
    found = answer(BRANCHED, path)
    assert (found.verdict, found.why) == (FORBIDDEN, why)


@pytest.mark.parametrize("path", ["owner", "flag", "design.x", "rollout"])
def test_keys_declared_in_branches_are_still_held(path: str) -> None:
    assert answer(BRANCHED, path).holds


def test_an_open_schema_keeps_every_branch() -> None:
    """Without the closing, the branch that says nothing of `owner` lets it be a mapping."""
    schema = {key: value for key, value in BRANCHED.items() if key != "unevaluatedProperties"}
    assert answer(schema, "owner.name").holds

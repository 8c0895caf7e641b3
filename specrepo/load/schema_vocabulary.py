"""Find each schema key that looks like a keyword but is none of its draft's: jsonschema
takes it as an annotation that checks nothing, so the rule it was written for never runs
(trial32 2): a keyword of another draft (draft-07's `dependencies` in a schema read as
2020-12, `const` under draft-04) or a near miss of one of the draft's keywords that checks
something (`propertis`, `requried`, `unevaluatedProperty`). Any other key is an annotation,
as JSON Schema says an unknown keyword is (2020-12 core §6.5): editors' own keywords
(`markdownDescription`), OpenAPI's `example`, a team's `x-owner`, a short word (`note`,
`href`) unless its value is one only the keyword one edit away takes (`typ: string`), and
a near miss holding text the keyword it resembles could not hold (`requires: "a
reviewer"` is no `required`). Also what a `$schema` that names no draft meant
(`dialect_advice`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Final

import jsonschema
from jsonschema.protocols import Validator

from specrepo.base.caseless import shown_among
from specrepo.base.suggest import did_you_mean, one_edit_apart
from specrepo.load.draft_in_force import REF_SIBLINGS_IGNORED, InForce
from specrepo.load.schema_files import LATEST, schema_nodes
from specrepo.load.schema_positions import keyword_place
from specrepo.load.schema_problems import SchemaProblem

ANNOTATIONS: Final = frozenset({
    "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor", "$vocabulary",
    "$defs", "definitions", "$comment", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly", "contentMediaType", "contentEncoding",
    "contentSchema"})
"""Keywords that check nothing in any draft, on purpose: identifiers, the places
subschemas are kept, and the annotations of the drafts' meta-data and content vocabularies."""

DRAFTS: Final[tuple[tuple[str, type[Validator]], ...]] = (
    ("2020-12", jsonschema.Draft202012Validator), ("2019-09", jsonschema.Draft201909Validator),
    ("draft-07", jsonschema.Draft7Validator), ("draft-06", jsonschema.Draft6Validator),
    ("draft-04", jsonschema.Draft4Validator), ("draft-03", jsonschema.Draft3Validator))

REPLACED: Final = {
    "dependencies": "dependentRequired (a list of names) or dependentSchemas (a schema)",
    "additionalItems": "items (with prefixItems for the first ones)",
    "$recursiveRef": "$dynamicRef",
}
"""What a later draft says instead of a keyword it dropped."""


def draft_name(dialect: type[Validator]) -> str:
    """The draft a validator class implements, as people name it ("2020-12", "draft-07")."""
    return next((name for name, known in DRAFTS if issubclass(dialect, known)), "2020-12")


def dialect_advice(named: object) -> str:
    """What to write for a `$schema` jsonschema does not know, `named`: the draft's id it
    slips from (`https://json-schema.org/draft-07/schema#`: http, not https; a slash or
    `#` added or left out; 2019-09 or 2020-12 with http, or without `/schema`), else an
    example of a draft's id."""
    ids = [dialect.META_SCHEMA["$schema"] for _, dialect in DRAFTS]
    meant = next((known for known in ids
                  if isinstance(named, str) and _loosely(named) == _loosely(known)), None)
    if meant is not None:
        return f"did you mean '{meant}'?"
    return f"name a draft of JSON Schema (for example '{ids[0]}')"


def _loosely(uri: str) -> str:
    """A metaschema id without what its slips change: the scheme, `www.`, letter case, a
    trailing `#`, `/` and `/schema`, and `draft/` for `draft-`."""
    bare = uri.strip().lower().partition("://")[2].removeprefix("www.")
    return bare.rstrip("#/").removesuffix("/schema").replace("/draft/", "/draft-")


def keywords(dialect: type[Validator]) -> frozenset[str]:
    """Every keyword `dialect` reads: those jsonschema validates, those another keyword
    reads (`then` and `else` by `if`, draft 4's boolean `exclusiveMaximum` by `maximum`,
    `minContains` by `contains`), and the annotations."""
    known = set(dialect.VALIDATORS) | ANNOTATIONS
    if "if" in known:
        known |= {"then", "else"}
    if "unevaluatedItems" in known:
        known |= {"minContains", "maxContains"}
    if "exclusiveMaximum" not in known:  # drafts 3 and 4: a boolean beside maximum
        known |= {"exclusiveMaximum", "exclusiveMinimum", "required"}
    return frozenset(known)


def keyword_problems(schema: object, name: str, raw: Callable[[], bytes | None],
                     dialect: type[Validator] = LATEST, whole: object = None, *,
                     reached: bool = False) -> list[SchemaProblem]:
    """Each key of a subschema that is a keyword of another draft, a near miss of a
    keyword of its own draft that checks something (see the module docstring), or a
    keyword beside a `$ref` that checks something where jsonschema ignores it (a draft 3
    to 7 schema reaches it: `draft_in_force`), naming the file `name`, the line and the
    draft in force, with what was probably meant. `dialect`: the draft when the file
    names none; with `reached`, the draft of the subschema whose `$ref` reaches `schema`
    (`schema_nodes`); `whole`: the file's contents, where `schema` is a part of them (for
    the line)."""
    problems = []
    whole = schema if whole is None else whole
    for _, node, here in schema_nodes(schema, "", dialect, reached=reached):
        known = keywords(here.keywords)
        beside_ref = isinstance(node.get("$ref"), str) and here.ignores_ref_siblings
        for key in node:
            if key.startswith("x-"):
                continue
            if key in known:
                if not beside_ref or key in ANNOTATIONS or key == "$ref" or (
                        key == "required" and here.entered_in is jsonschema.Draft3Validator):
                    continue  # draft 3's `required: true` is read by `properties` above
                problem = _beside_ref(key, here, _in_force(schema, whole, here.keywords,
                                                          dialect))
            elif (advice := _advice(key, node[key], here.keywords, known)) is not None:
                problem = (f"'{shown_among(key, known)}' is not a keyword of JSON Schema "
                           f"{_in_force(schema, whole, here.keywords, dialect)}, so it would "
                           f"check nothing: {advice}")
            else:
                continue  # an annotation of one's own: it checks nothing, on purpose
            problems.append(SchemaProblem.at(name, keyword_place(raw(), whole, node, key),
                                             problem))
    return problems


def _beside_ref(key: str, here: InForce, keywords_draft: str) -> str:
    """Why the keyword `key` beside a `$ref` checks nothing where the drafts `here` are in
    force (a draft 3 to 7 schema reaches the one holding it: draft-07 core §8.3, draft-04's
    JSON Reference: "any members other than $ref ... SHALL be ignored"; jsonschema ignores
    them), and what to write instead. `keywords_draft`: the draft whose keywords act there,
    as `_in_force` names it. Where the schema's own `$schema` names a later draft, it is
    the draft of the schema that reaches it that counts: jsonschema takes which keywords
    to act on from the validator that enters a schema, its keywords from its `$schema`."""
    allof = f"{{\"allOf\": [{{\"$ref\": ...}}, {{\"{key}\": ...}}]}}"
    if here.keywords is here.entered_in or here.keywords in REF_SIBLINGS_IGNORED:
        return (f"'{key}' beside '$ref' checks nothing in JSON Schema {keywords_draft}: in "
                f"drafts 3 to 7 every keyword beside $ref is ignored; write {allof}, or name "
                f"2019-09 or 2020-12 in $schema, where keywords beside $ref apply")
    entered = draft_name(here.entered_in)
    return (f"'{key}' beside '$ref' checks nothing: this schema's $schema names "
            f"{draft_name(here.keywords)}, but a {entered} schema reaches it, and jsonschema "
            f"reads the keywords beside a $ref in the draft of the schema that reaches it "
            f"({entered}: every keyword beside $ref is ignored); write {allof}, or name "
            f"2019-09 or 2020-12 in the $schema of the schema that refers to it")


def _in_force(schema: object, whole: object, in_force: type[Validator],
              dialect: type[Validator]) -> str:
    """The draft `in_force` in a subschema of `schema` (a part of the file `whole`, or the
    whole file), and why where no `$schema` names it: a part a `$ref` reaches is read in
    the draft of the schema that refers to it (`dialect`), as jsonschema reads it, whatever
    its file's `$schema` says (final33 F8)."""
    name = draft_name(in_force)
    if in_force is not dialect or (isinstance(schema, dict) and "$schema" in schema):
        return name
    if schema is whole or not isinstance(whole, dict) or not isinstance(
            whole.get("$schema"), str):
        return f"{name} (the schema names no $schema: {name} is read)"
    file_draft = draft_name(jsonschema.validators.validator_for(whole, default=dialect))
    if file_draft == name:
        return name
    return (f"{name} (the part names no $schema, and a $ref reads it in the draft of the "
            f"schema that refers to it, not in its file's {file_draft})")


def _advice(key: str, value: Any, dialect: type[Validator],
            known: frozenset[str]) -> str | None:
    """What `key` (holding `value`) was probably meant as: a keyword of another draft, or
    the keyword of `dialect` that checks something it misspells and whose value `value`
    would be; None for neither (an annotation)."""
    drafts = [name for name, other in DRAFTS if key in keywords(other) - ANNOTATIONS]
    if drafts:
        instead = f"write {REPLACED[key]}, or " if key in REPLACED else ""
        return (f"it is a keyword of {', '.join(drafts)}: {instead}name the draft the schema "
                f"is written for in $schema (for example "
                f"'{dict(DRAFTS)[drafts[0]].META_SCHEMA['$schema']}')")
    meant = _misspelt(key, value, sorted(known - ANNOTATIONS), _metaschema(dialect))
    if meant is None:
        return None
    return (f"did you mean {meant}? (a keyword of your own, an annotation, is spelt "
            f"'x-{key}')")


@cache
def _metaschema(dialect: type[Validator]) -> Validator:
    """A validator of schemas of `dialect` (its metaschema)."""
    validator: Validator = dialect(dialect.META_SCHEMA)
    return validator


_ANY_TEXT: Final = "\x00 any text"
"""A value no keyword that checks its value's form takes (`$ref` and `const` take it)."""


def _misspelt(key: str, value: Any, checking: list[str], metaschema: Validator) -> str | None:
    """The keyword of `checking` that `key` misspells: the same in another letter case, or,
    for a key of five letters or more, one edit away or as close as difflib's ratio 0.85
    says; else None. Not where `value` is text the keyword could not hold (as `metaschema`
    says): `requires: "a reviewer"` is an annotation, `requried: true` (draft 3's form of
    `required`) a misspelling. A shorter key is a word of its own (`note`, `href`, `cost`
    are no `not`, `$ref`, `const`) unless its value is one only the keyword one edit away
    could mean (`typ: string`: `type` takes no other text). A key that is a keyword but
    for its `$` (`ref: "#/$defs/x"`, `dynamicRef`) misspells it, whatever its length
    (newuser72)."""
    dollar = f"${key}"
    if dollar in checking and metaschema.is_valid({dollar: value}):
        return dollar
    if len(key) >= 5:
        meant = next((keyword for keyword in checking if one_edit_apart(key, keyword)),
                     None) or did_you_mean(key, checking, cutoff=0.85)
        return meant if meant is not None and (
            not isinstance(value, str) or metaschema.is_valid({meant: value})) else None
    meant = did_you_mean(key, checking, cutoff=1.0)
    if meant is not None:
        return meant if metaschema.is_valid({meant: value}) else None
    return next((keyword for keyword in checking if one_edit_apart(key, keyword)
                 and metaschema.is_valid({keyword: value})
                 and not metaschema.is_valid({keyword: _ANY_TEXT})), None)

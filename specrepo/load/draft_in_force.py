"""The draft of JSON Schema jsonschema applies at a place of a schema: the one answer every
per-draft rule of specrepo asks (keywords beside `$ref`, unknown keywords, which keywords
hold subschemas and references, the compiled verdicts).

jsonschema (4.26, `validators.py`) enters each subschema with the validator of the schema
that reaches it, by a keyword (`properties`, `allOf`…) or a `$ref`: `descend` takes the
keywords to act on from that validator's class (`applicable_validators`: in drafts 3 to 7,
`$ref` alone where a schema has one), and `evolve` acts on them with the class the
subschema's own `$schema` names (`validator_for(schema, default=the entering class)`). So
two drafts are in force at a place: the one that decides whether keywords beside `$ref`
count (the draft of the schema that reaches it; the root's own at the root) and the one
whose keywords count (its own `$schema`'s, else the one it is reached in). A whole file a
`$ref` reaches, its `$schema` and all, is entered in the draft of the referring subschema;
a part of a file a pointer reaches has no `$schema` of its own, so its file's is not read.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jsonschema
from jsonschema.protocols import Validator

REF_SIBLINGS_IGNORED: tuple[type[Validator], ...] = (
    jsonschema.Draft3Validator, jsonschema.Draft4Validator, jsonschema.Draft6Validator,
    jsonschema.Draft7Validator)
"""The drafts whose validators act on `$ref` alone where a schema has one."""


class InForce(NamedTuple):
    """The drafts in force at a place of a schema (see the module docstring)."""

    keywords: type[Validator]
    """The draft whose keywords act here: the place's own `$schema`, else `entered_in`."""
    entered_in: type[Validator]
    """The draft of the schema that reaches this place (by a keyword or a `$ref`); the
    root's own at the root. It decides whether the keywords beside a `$ref` count."""

    @property
    def ignores_ref_siblings(self) -> bool:
        """Whether a `$ref` here is the only keyword jsonschema acts on."""
        return self.entered_in in REF_SIBLINGS_IGNORED

    def reaching(self) -> type[Validator]:
        """The draft this place enters the subschemas and references it reaches in."""
        return self.keywords


def in_force(schema: Any, entered_in: type[Validator]) -> InForce:
    """The drafts in force at `schema`, reached from a schema of the draft `entered_in`
    (for the root of a whole schema, the root's own draft: `root_in_force`)."""
    if isinstance(schema, dict) and isinstance(schema.get("$schema"), str):
        chosen: type[Validator] = jsonschema.validators.validator_for(
            schema, default=entered_in)
        return InForce(chosen, entered_in)
    same = _SAME.get(entered_in)
    if same is None:
        same = _SAME[entered_in] = InForce(entered_in, entered_in)
    return same


_SAME: dict[type[Validator], InForce] = {}
"""The drafts in force where a schema names no `$schema` of its own, by the draft it is
reached in (made once: schema walks ask for every subschema)."""


def root_in_force(schema: Any, default: type[Validator]) -> InForce:
    """The drafts in force at the root of a whole schema validated on its own (its
    `$schema`'s, else `default`): jsonschema's validator for it acts on its own keywords
    (`iter_errors`), with its own class's `applicable_validators`."""
    return in_force(schema, in_force(schema, default).keywords)

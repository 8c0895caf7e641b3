"""Which keys a spec can hold at a path, per its JSON Schema: the one answer
`approval: protected:`, the paths of `fields:` and `unused-field` are judged by.

From the root down the path, the schemas that apply to a value are gathered as validation
applies them (JSON Schema 2020-12 "Core" 10.2, 10.3.2 and 11.3): in place, `$ref`
(`$dynamicRef`, `$recursiveRef`; alone in drafts 3 to 7, which ignore its siblings) and
`allOf` (draft 3's `extends`), which all apply, and `anyOf`, `oneOf`, `if`/`then`/`else`
and `dependentSchemas` (`dependencies`), of which any may apply; to the value at a key,
`properties`, `patternProperties` and `additionalProperties` (`unevaluatedProperties`);
to the items of a list, `items`, `prefixItems`, `additionalItems`, `unevaluatedItems`.
References lead only to the local files the schema source holds, never to the network.

A key is described where a `properties` (or a `required`) names it; allowed where a
pattern of `patternProperties` matches it or nothing closes the object; forbidden where
every way a value there can be valid refuses it: `additionalProperties: false` whose
siblings miss it, `unevaluatedProperties: false` that nothing applied in place evaluates
it, `propertyNames` that refuse it, a `false` schema, a type or `enum` that is no mapping.
Where the schema offers alternatives, a key one of them allows is allowed: a valid
configuration is never refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, NamedTuple, TypeAlias

import referencing.exceptions

from specrepo.base.suggest import shown_choices, suggested
from specrepo.base.wording import with_article
from specrepo.check.key_answer import KeyAnswer, Verdict
from specrepo.load.ecma_regex import ecma_matches
from specrepo.load.schema_scope import SchemaScope


class _Choice(NamedTuple):
    """Schemas of which any one may apply (anyOf, oneOf, then/else…): each a location."""

    options: tuple[_Location, ...]


_Location: TypeAlias = tuple["SchemaScope | _Choice", ...]
"""The schemas that apply to one value, all of them."""


class _Judged(NamedTuple):
    """What the schemas of a location say of one key: the verdict, whether some of them
    evaluate the key (for an `unevaluatedProperties` around them), the schemas that apply
    to its value, the keys they name (for a did-you-mean), why (for a forbidden key: the
    keyword that closes), the patterns that match it, and whether the value is a list
    whose items the key is a field of."""

    verdict: Verdict
    evaluated: bool = False
    value: _Location = ()
    known: frozenset[str] = frozenset()
    why: str = ""
    patterns: tuple[str, ...] = ()
    listed: bool = False
    closed_value: _Location | None = None
    """The schemas that apply to the value where an `unevaluatedProperties: false` around
    closes the options that do not evaluate the key (they cannot hold it there); None:
    `value`."""

    @property
    def evaluating_value(self) -> _Location:
        """`closed_value`, or `value` when no option was left out."""
        return self.value if self.closed_value is None else self.closed_value


_OPEN: Final = _Judged(Verdict.ALLOWED)


def key_answer(root: SchemaScope, path: Sequence[str], *, through_lists: bool = True
               ) -> KeyAnswer:
    """The schema at `root` (see `root_scope`) on whether a spec can hold `path`. With
    `through_lists`, a step below a list names a field of every item (`approval:
    protected:`), and a list position is forbidden (items are matched by id); without, a
    step below a list is forbidden (a `fields:` path reads mappings only). A reference
    that resolves to nothing judges nothing (the schema's load reports it)."""
    location: _Location = (root,)
    judged = _OPEN
    for step, key in enumerate(path):
        where = ".".join(path[:step]) or "a spec"
        judged = _judge(location, key, frozenset())
        if judged.listed and (not through_lists or key.isdigit()):
            return KeyAnswer(Verdict.FORBIDDEN, step, (
                f"{where} is a list whose items are matched by id, not by position; "
                f"'{where}.<field>' protects that field of every item") if through_lists
                else f"{where} is a list in the spec schema: a field path reads mappings, "
                     "not the items of a list")
        if judged.verdict is Verdict.FORBIDDEN:
            return KeyAnswer(Verdict.FORBIDDEN, step, _refusal(where, key, judged),
                             known=tuple(sorted(judged.known)))
        location = judged.value
    how = f"matches the pattern '{judged.patterns[0]}'" if judged.patterns else \
        "named by the schema" if judged.verdict is Verdict.DESCRIBED else "an open object"
    return KeyAnswer(judged.verdict, max(len(path) - 1, 0), how, judged.patterns,
                     tuple(sorted(judged.known)))


def _refusal(where: str, key: str, judged: _Judged) -> str:
    if judged.why.startswith("is "):
        whose = f"each item of {where}" if judged.listed else where
        return f"{whose} {judged.why} in the spec schema: it has no key '{key}'"
    known = sorted(judged.known)
    shown, suggestion = suggested(key, known)
    hint = f"; did you mean '{suggestion}'?" if suggestion else \
        f"; its keys: {', '.join(shown_choices(known, (key,)))}" if known else \
        "; it can hold no key" if judged.why == "additionalProperties: false" else ""
    return f"{where} has no key '{shown}' in the spec schema ({judged.why}){hint}"


def _judge(location: _Location, key: str, active: frozenset[int]) -> _Judged:
    """What every schema of `location` says of `key` (a key one forbids is forbidden)."""
    return _every([_judge_choice(part, key, active) if isinstance(part, _Choice)
                   else _judge_scope(part, key, active) for part in location])


def _judge_choice(choice: _Choice, key: str, active: frozenset[int]) -> _Judged:
    """What a choice says: forbidden only where every option forbids it."""
    judged = [_judge(option, key, active) for option in choice.options]
    open_ = [one for one in judged if one.verdict is not Verdict.FORBIDDEN]
    known = frozenset().union(*(one.known for one in judged))
    if not open_:
        return judged[0]._replace(known=known) if judged else _OPEN
    described = any(one.verdict is Verdict.DESCRIBED for one in open_)
    evaluating = [one for one in open_ if one.evaluated]
    closed = None if len(evaluating) == len(open_) else \
        (_Choice(tuple(one.evaluating_value for one in evaluating)),)
    return _Judged(Verdict.DESCRIBED if described else Verdict.ALLOWED,
                   bool(evaluating), (_Choice(tuple(one.value for one in open_)),), known,
                   patterns=tuple(pattern for one in open_ for pattern in one.patterns),
                   listed=all(one.listed for one in open_),  # else a mapping may be there
                   closed_value=closed)


def _every(judged: Sequence[_Judged]) -> _Judged:
    """What schemas that all apply say together."""
    known = frozenset().union(*(one.known for one in judged))
    forbidden = next((one for one in judged if one.verdict is Verdict.FORBIDDEN), None)
    if forbidden is not None:
        return forbidden._replace(known=known)
    described = any(one.verdict is Verdict.DESCRIBED for one in judged)
    closed = None if all(one.closed_value is None for one in judged) else \
        tuple(part for one in judged for part in one.evaluating_value)
    return _Judged(Verdict.DESCRIBED if described else Verdict.ALLOWED,
                   any(one.evaluated for one in judged),
                   tuple(part for one in judged for part in one.value), known,
                   patterns=tuple(pattern for one in judged for pattern in one.patterns),
                   listed=any(one.listed for one in judged), closed_value=closed)


def _judge_scope(scope: SchemaScope, key: str, active: frozenset[int]) -> _Judged:
    """What one schema, with every schema it applies in place, says of `key`."""
    contents = scope.contents
    if contents is False:
        return _Judged(Verdict.FORBIDDEN, why="the schema is false: no value is valid")
    if not isinstance(contents, dict) or id(contents) in active:
        return _OPEN  # true, or a schema applied again within itself: it adds nothing
    active = active | {id(contents)}
    keywords = scope.dialect.VALIDATORS
    reference = contents.get("$ref")
    if isinstance(reference, str) and scope.in_force.ignores_ref_siblings:
        return _judge(_followed(scope, reference), key, active)
    parts = [_own(scope, key, active)]
    for word in ("$ref", "$dynamicRef", "$recursiveRef"):
        target = contents.get(word)
        if word in keywords and isinstance(target, str):
            parts.append(_judge(_followed(scope, target, word == "$recursiveRef"), key,
                                active))
    parts.extend(_judge(option, key, active) for option in _all_of(scope))
    parts.extend(_judge_choice(choice, key, active) for choice in _choices(scope))
    judged = _every(parts)
    closing = contents.get("unevaluatedProperties")
    if "unevaluatedProperties" not in keywords or closing is None \
            or judged.verdict is Verdict.FORBIDDEN:
        return judged
    if judged.evaluated:  # the options that do not evaluate it cannot hold it here
        return judged._replace(value=judged.evaluating_value, closed_value=None) \
            if closing is False else judged
    if closing is False:
        return judged._replace(verdict=Verdict.FORBIDDEN, why="unevaluatedProperties: false")
    return judged._replace(evaluated=True, value=(*judged.value, scope.within(closing)))


def _followed(scope: SchemaScope, reference: str, recursive: bool = False) -> _Location:
    try:
        return (scope.follow(reference, recursive=recursive),)
    except referencing.exceptions.Unresolvable:
        return ()


def _all_of(scope: SchemaScope) -> Iterable[_Location]:
    every = scope.contents.get("allOf")
    if "extends" in scope.dialect.VALIDATORS:
        every = scope.contents.get("extends")  # draft 3's allOf: a schema or a list of them
        every = [every] if isinstance(every, dict) else every
    return [(scope.within(child),) for child in every] if isinstance(every, list) else []


def _choices(scope: SchemaScope) -> Iterable[_Choice]:
    """The schemas of which any may apply in place (an absent `then` or `else`, or a
    dependency whose property is absent: none, which allows everything)."""
    contents = scope.contents
    keywords = scope.dialect.VALIDATORS
    for word in ("anyOf", "oneOf"):
        if isinstance(contents.get(word), list):
            yield _Choice(tuple((scope.within(child),) for child in contents[word]))
    if "if" in keywords and "if" in contents:
        yield _Choice(((scope.within(contents["if"]),), ()))  # its annotations count
        yield _Choice(tuple((scope.within(contents[word]),) if word in contents else ()
                            for word in ("then", "else")))
    for word in ("dependentSchemas", "dependencies"):
        dependencies = contents.get(word)
        if word in keywords and isinstance(dependencies, dict):
            yield from (_Choice(((scope.within(child),), ())) for child in
                        dependencies.values() if isinstance(child, (dict, bool)))


def _own(scope: SchemaScope, key: str, active: frozenset[int]) -> _Judged:
    """What a schema's own keywords say of `key`: a list's items are judged for it."""
    contents = scope.contents
    kind = contents.get("type")
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else None
    if kinds is not None and all(isinstance(one, str) for one in kinds) \
            and "object" not in kinds:
        if "array" in kinds:
            return _judge(_items(scope), key, active)._replace(listed=True)
        return _Judged(Verdict.FORBIDDEN, why=f"is {with_article(' or '.join(kinds))}")
    values = contents.get("enum", [contents["const"]] if "const" in contents
                          and "const" in scope.dialect.VALIDATORS else None)
    if isinstance(values, list) and not any(isinstance(one, dict) and key in one
                                            for one in values):
        shown = ", ".join(json.dumps(one) for one in values[:3]) + \
            (", …" if len(values) > 3 else "")
        return _Judged(Verdict.FORBIDDEN, why=f"is one of the values {shown}" if len(values) > 1
                       else f"is the value {shown}")
    names = _property_names(scope)
    if names is not None and not names(key):
        return _Judged(Verdict.FORBIDDEN, known=frozenset(filter(names, _known(contents))),
                       why="propertyNames refuses it")
    return _keyed(scope, key)


def _keyed(scope: SchemaScope, key: str) -> _Judged:
    """What `properties`, `patternProperties`, `additionalProperties` and `required` say."""
    contents = scope.contents
    known = _known(contents)
    properties = contents.get("properties")
    value: list[SchemaScope] = []
    described = isinstance(properties, dict) and key in properties
    if described:
        assert isinstance(properties, dict)
        value.append(scope.within(properties[key]))
    patterns = [(pattern, child) for pattern, child in
                (contents.get("patternProperties") or {}).items() if ecma_matches(pattern, key)]
    value.extend(scope.within(child) for _, child in patterns)
    if any(one.contents is False for one in value):
        return _Judged(Verdict.FORBIDDEN, known=known, why="its schema there is false")
    matched = tuple(pattern for pattern, _ in patterns)
    if described or matched:
        return _Judged(Verdict.DESCRIBED if described else Verdict.ALLOWED, True,
                       tuple(value), known, patterns=matched)
    rest = contents.get("additionalProperties")
    if rest is False:
        return _Judged(Verdict.FORBIDDEN, known=known, why="additionalProperties: false")
    required = contents.get("required")
    verdict = Verdict.DESCRIBED if isinstance(required, list) and key in required \
        else Verdict.ALLOWED
    if rest is None:
        return _Judged(verdict, known=known)
    return _Judged(verdict, True, (scope.within(rest),), known)


def _known(contents: dict[str, Any]) -> frozenset[str]:
    """The keys `properties` names a schema for that is not `false` (one that is forbids
    its key: newuser68)."""
    properties = contents.get("properties")
    return frozenset(str(key) for key, value in properties.items() if value is not False) \
        if isinstance(properties, dict) else frozenset()


def _property_names(scope: SchemaScope) -> Callable[[str], bool] | None:
    """Whether `propertyNames` lets a key through, where the schema has it."""
    names = scope.contents.get("propertyNames")
    if "propertyNames" not in scope.dialect.VALIDATORS or names is None:
        return None
    validator = scope.within(names).validator()

    def allows(key: str) -> bool:
        try:
            return bool(validator.is_valid(key))
        except referencing.exceptions.Unresolvable:
            return True
    return allows


def _items(scope: SchemaScope) -> _Location:
    """The schemas that may apply to an item of the list `scope` describes: the one of
    `items`, or one of those of its first positions and the rest."""
    contents = scope.contents
    keywords = scope.dialect.VALIDATORS
    every = contents.get("items")
    if isinstance(every, dict | bool) and "prefixItems" not in contents:
        return (scope.within(every),)
    firsts = contents.get("prefixItems" if "prefixItems" in keywords else "items")
    rest = next(((scope.within(contents[word]),) for word in
                 ("items", "additionalItems", "unevaluatedItems") if word in keywords
                 and isinstance(contents.get(word), dict | bool)), ())
    return (_Choice((*((scope.within(one),) for one in
                       (firsts if isinstance(firsts, list) else [])), rest)),)

"""Validators whose `pattern`, `patternProperties`, `additionalProperties` and
`unevaluatedProperties` match as ECMA-262 does (`ecma_regex`), not as Python's `re`.

jsonschema's keywords (and the helpers they call, such as the one that finds the properties
`unevaluatedProperties` has seen) call `re.search(pattern, text)` through their module's
global `re`. Rather than copy those keywords, each one that reaches `re` runs here as the
very same code with globals in which `re` is `ECMA_RE`: jsonschema's logic, ECMA-262's
matching. Nothing of jsonschema itself is changed; other users of it in the process are
unaffected. A keyword that would use anything of `re` but `search` fails loudly
(`AttributeError`), never with Python's semantics in silence.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from functools import cache
from typing import Any, Final

import jsonschema.validators
from jsonschema.protocols import Validator

from specrepo.load.ecma_regex import ecma_search

ECMA_RE: Final = types.SimpleNamespace(search=ecma_search)
"""The one part of `re` jsonschema's keywords use, matching as ECMA-262."""


@cache
def ecma_patterns(dialect: type[Validator]) -> type[Validator]:
    """`dialect` with each keyword that matches regular expressions (that reads `re`, or
    calls a jsonschema helper that does) doing so as ECMA-262."""
    keywords = {name: _rebound(function, {}) for name, function in dialect.VALIDATORS.items()
                if isinstance(function, types.FunctionType) and _reaches_re(function)}
    extended: type[Validator] = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        dialect, keywords)
    return extended


def _uses(function: types.FunctionType) -> set[str]:
    """The global names `function`'s code reads (its nested code too: comprehensions)."""
    names: set[str] = set()
    pending = [function.__code__]
    while pending:
        code = pending.pop()
        names.update(code.co_names)
        pending.extend(const for const in code.co_consts if isinstance(const, types.CodeType))
    return names


def _helpers(function: types.FunctionType) -> list[tuple[str, types.FunctionType]]:
    """The module-level functions of jsonschema that `function` calls, by the global name
    it calls them by."""
    found = ((name, function.__globals__.get(name)) for name in sorted(_uses(function)))
    return [(name, helper) for name, helper in found if isinstance(helper, types.FunctionType)
            and helper.__module__.startswith("jsonschema")]


def _reaches_re(function: Callable[..., Any], seen: frozenset[int] = frozenset()) -> bool:
    """Whether `function`, or a jsonschema helper it calls, reads the global `re`."""
    if not isinstance(function, types.FunctionType) or id(function) in seen:
        return False
    if "re" in _uses(function) and function.__globals__.get("re") is re:
        return True
    return any(_reaches_re(helper, seen | {id(function)}) for _, helper in _helpers(function))


def _rebound(function: types.FunctionType, done: dict[int, types.FunctionType]
             ) -> types.FunctionType:
    """`function` with globals in which `re` is `ECMA_RE` and each helper reaching `re` is
    rebound the same way (`done`: those rebound so far, for helpers that call themselves)."""
    if id(function) in done:
        return done[id(function)]
    namespace = dict(function.__globals__)
    copy = types.FunctionType(function.__code__, namespace, function.__name__,
                              function.__defaults__, function.__closure__)
    copy.__kwdefaults__ = function.__kwdefaults__
    done[id(function)] = copy
    if namespace.get("re") is re:
        namespace["re"] = ECMA_RE
    for name, helper in _helpers(function):
        if _reaches_re(helper):
            namespace[name] = _rebound(helper, done)
    return copy

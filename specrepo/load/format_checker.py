"""The format checker of each draft: the formats specrepo asserts in it
(`asserted_formats.DRAFT_FORMATS`), checked the same on every machine.

jsonschema's own checkers depend on what else is installed (`uri` by `rfc3987` where it is
found, else by `rfc3986-validator`; `hostname` only with `fqdn`), and its `regex` is
Python's `re`: specrepo takes jsonschema's checker of the draft for the names it lists,
each one the standard library or `rfc3339-validator` (a dependency) decides (draft-03's
`time` is its own `hh:mm:ss`, its `ip-address` the IPv4 check), and reads `regex` as
ECMA-262 (`ecma_backtracking`: the engine that decides whether a `pattern` is one).
"""

from __future__ import annotations

from functools import cache
from typing import Final

import jsonschema
from jsonschema.protocols import Validator

from specrepo.load.asserted_formats import DRAFT_FORMATS, LATEST_DRAFT
from specrepo.load.ecma_regex import EcmaRegexError, ecma_backtracking
from specrepo.load.schema_vocabulary import DRAFTS, draft_name


def is_ecma_regex(instance: object) -> bool:
    """Whether `instance` is no text or an ECMA-262 regular expression (`u` flag), as the
    `regex` format asks; raises `EcmaRegexError` (the checker's reason) when it is not."""
    return not isinstance(instance, str) or ecma_backtracking(instance) is not None


def asserting_checker(draft: str = LATEST_DRAFT) -> jsonschema.FormatChecker:
    """A new checker of exactly the formats specrepo asserts in `draft` (a key of
    `DRAFT_FORMATS`, "draft-03" to "2020-12"); raises KeyError for another draft, or naming
    a format jsonschema cannot check here (`date-time` and `time` without
    `rfc3339-validator`)."""
    standard = dict(DRAFTS)[draft].FORMAT_CHECKER.checkers
    checker = jsonschema.FormatChecker(())
    checker.checkers = {name: standard[name] for name in DRAFT_FORMATS[draft]
                        if name != "regex"}
    if "regex" in DRAFT_FORMATS[draft]:
        checker.checks("regex", raises=EcmaRegexError)(is_ecma_regex)
    return checker


@cache
def draft_checker(dialect: type[Validator]) -> jsonschema.FormatChecker:
    """The checker of the formats specrepo asserts in the draft `dialect` (a jsonschema
    validator class) implements; one for each draft, made once."""
    draft = draft_name(dialect)
    return FORMAT_CHECKER if draft == LATEST_DRAFT else asserting_checker(draft)


FORMAT_CHECKER: Final = asserting_checker()
"""The checker of the formats specrepo asserts in 2020-12; another format passes every
value."""

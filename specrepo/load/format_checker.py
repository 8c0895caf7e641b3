"""The format checker every validator of specrepo's is given: the formats it asserts
(`asserted_formats.ASSERTED_FORMATS`), checked the same on every machine.

jsonschema's own checkers depend on what else is installed (`uri` by `rfc3987` where it is
found, else by `rfc3986-validator`; `hostname` only with `fqdn`), and its `regex` is
Python's `re`: specrepo takes jsonschema's draft 2020-12 checker for the names it lists,
each one the standard library or `rfc3339-validator` (a dependency) decides, and reads
`regex` as ECMA-262 (`ecma_backtracking`: the engine that decides whether a `pattern` is one).
"""

from __future__ import annotations

from typing import Final

import jsonschema

from specrepo.load.asserted_formats import ASSERTED_FORMATS
from specrepo.load.ecma_regex import EcmaRegexError, ecma_backtracking


def is_ecma_regex(instance: object) -> bool:
    """Whether `instance` is no text or an ECMA-262 regular expression (`u` flag), as the
    `regex` format asks; raises `EcmaRegexError` (the checker's reason) when it is not."""
    return not isinstance(instance, str) or ecma_backtracking(instance) is not None


def asserting_checker() -> jsonschema.FormatChecker:
    """A new checker of exactly `ASSERTED_FORMATS`; raises KeyError naming a format
    jsonschema cannot check here (`date-time` and `time` without `rfc3339-validator`)."""
    standard = jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers
    checker = jsonschema.FormatChecker(())
    checker.checkers = {name: standard[name] for name in ASSERTED_FORMATS if name != "regex"}
    checker.checks("regex", raises=EcmaRegexError)(is_ecma_regex)
    return checker


FORMAT_CHECKER: Final = asserting_checker()
"""The checker of the formats specrepo asserts; another format passes every value."""

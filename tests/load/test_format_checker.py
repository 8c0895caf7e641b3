"""specrepo's format checker holds exactly the formats it lists, whatever else is
installed, and reads `regex` as ECMA-262."""

from __future__ import annotations

import pytest

from specrepo.load.asserted_formats import ASSERTED_FORMATS, FORMAT_NAMES
from specrepo.load.format_checker import FORMAT_CHECKER, asserting_checker


def test_the_checker_asserts_exactly_the_listed_formats() -> None:
    assert sorted(FORMAT_CHECKER.checkers) == sorted(ASSERTED_FORMATS) == sorted(FORMAT_NAMES)
    assert sorted(asserting_checker().checkers) == sorted(ASSERTED_FORMATS)


@pytest.mark.parametrize(("name", "value", "valid"), [
    ("regex", "^\\p{L}+$", True), ("regex", "\\a", False), ("regex", "(?P<x>a)", False),
    ("date-time", "2026-12-05T09:30:00+01:00", True), ("date-time", "2026-12-05", False),
    ("time", "09:30:00Z", True), ("time", "09:30:00", False),
    ("email", "ada@example.com", True), ("email", "ada", False),
    ("ipv6", "::1", True), ("ipv6", "fe80::1%eth0", False),
    ("uuid", "2EB8AA08-AA98-11EA-B4AA-73B441D16380", True), ("date", "2026-02-29", False),
    ("hostname", "not a host!", True), ("uri", "not a uri", True)])
def test_each_format_checks_as_its_library_does(name: str, value: str, valid: bool) -> None:
    """`regex` is ECMA-262's (Python's `re` takes `\\a` and `(?P<x>...)`, refuses `\\p`);
    a format not listed (`hostname`, `uri`) passes every value."""
    assert FORMAT_CHECKER.conforms(value, name) is valid

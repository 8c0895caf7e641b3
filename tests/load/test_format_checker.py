"""specrepo's format checker of each draft holds exactly the formats it lists for that
draft, whatever else is installed, and reads `regex` as ECMA-262."""

from __future__ import annotations

import pytest
from jsonschema.protocols import Validator

from specrepo.load.asserted_formats import (
    ANY_DRAFT_FORMATS,
    ASSERTED_FORMATS,
    DRAFT_FORMATS,
    FORMAT_NAMES,
)
from specrepo.load.format_checker import FORMAT_CHECKER, asserting_checker, draft_checker
from specrepo.load.schema_vocabulary import DRAFTS


def test_the_checker_asserts_exactly_the_listed_formats() -> None:
    assert sorted(FORMAT_CHECKER.checkers) == sorted(ASSERTED_FORMATS)
    assert sorted(asserting_checker().checkers) == sorted(ASSERTED_FORMATS)
    assert sorted(FORMAT_NAMES) == sorted(ANY_DRAFT_FORMATS)


@pytest.mark.parametrize(("draft", "dialect"), DRAFTS)
def test_each_drafts_checker_asserts_exactly_its_formats(draft: str,
                                                         dialect: type[Validator]) -> None:
    """What the draft defines of those specrepo checks exactly (fmt59): draft-04 and
    draft-06 no `date`, `time`, `idn-email` nor `uuid`, draft-07 no `uuid`, draft-03
    its `ip-address`; each one jsonschema's checker of that draft but `regex`."""
    checker = draft_checker(dialect)
    assert sorted(checker.checkers) == sorted(DRAFT_FORMATS[draft])
    assert all(checker.checkers[name] == dialect.FORMAT_CHECKER.checkers[name]
               for name in DRAFT_FORMATS[draft] if name != "regex")


@pytest.mark.parametrize(("draft", "name", "value", "valid"), [
    ("draft-03", "time", "09:30:00", True), ("draft-03", "time", "9:30", False),
    ("draft-03", "time", "09:30:00Z", False), ("2020-12", "time", "09:30:00", False),
    ("draft-03", "ip-address", "192.0.2.1", True), ("draft-03", "ip-address", "192.0.2.300", False),
    ("draft-03", "ipv4", "192.0.2.300", True), ("draft-04", "date", "2026-13-45", True),
    ("draft-06", "time", "nope", True), ("draft-07", "uuid", "nope", True),
    ("draft-07", "date", "2026-13-45", False), ("2019-09", "uuid", "nope", False),
    ("draft-04", "idn-email", "nope", True), ("draft-04", "regex", "\\a", True),
    ("draft-06", "regex", "(", True), ("draft-03", "regex", "\\a", False),
    ("draft-07", "regex", "(", False)])
def test_each_draft_asserts_its_own_formats(draft: str, name: str, value: str,
                                            valid: bool) -> None:
    assert asserting_checker(draft).conforms(value, name) is valid


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

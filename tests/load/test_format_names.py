"""A `format` that misspells one JSON Schema defines checks nothing (newuser56): it is
refused with what was meant, at its line; a defined format and a name of one's own stay."""

from __future__ import annotations

import pytest

from specrepo.base.errors import ConfigError
from specrepo.load.asserted_formats import DEFINED_FORMATS
from specrepo.load.format_names import format_problems, misspelt_format
from specrepo.load.schema_problems import refuse


def _none() -> None:
    return None


@pytest.mark.parametrize(("name", "meant"), [
    ("Date", "date"), ("DATE", "date"), ("date ", "date"), ("full-date", "date"),
    ("Full_Date", "date"), ("datetime", "date-time"), ("DateTime", "date-time"),
    ("date_time", "date-time"), ("date-tme", "date-time"), ("e-mail", "email"),
    ("URI", "uri"), ("uri_reference", "uri-reference"), ("partial-time", "time"),
    ("hostnme", "hostname"), ("hostName", "hostname"), ("Hostname", "hostname"),
    ("IP-Address", "ipv4"), ("url", "uri"), ("URL", "uri"), ("guid", "uuid"),
    ("GUID", "uuid")])
def test_a_misspelt_format_names_the_one_meant(name: str, meant: str) -> None:
    assert misspelt_format(name) == (meant,)


@pytest.mark.parametrize(("name", "meant"), [
    ("ip", ("ipv4", "ipv6")), ("IP", ("ipv4", "ipv6")), ("ipv", ("ipv4", "ipv6")),
    ("ipv5", ("ipv4", "ipv6")), ("ip4", ("ipv4",)), ("IP6", ("ipv6",))])
def test_a_short_name_of_a_versioned_family_names_its_formats(
        name: str, meant: tuple[str, ...]) -> None:
    """A name under five letters gets no one-edit guess (`data` is no `date`), but one
    that names a family of formats without their versions is clearly meant as them."""
    assert misspelt_format(name) == meant


@pytest.mark.parametrize("name", [*sorted(DEFINED_FORMATS), "int64", "int32", "double",
                                  "binary", "password", "markdown", "uuid4", "semver", "dat",
                                  "data", "int", "uid", "byte", "v4", "i", "curl", "grid",
                                  "guide", "urn"])
def test_a_defined_format_or_one_of_ones_own_is_left_alone(name: str) -> None:
    assert misspelt_format(name) == ()


def test_the_value_is_named_at_its_line_with_what_specrepo_asserts() -> None:
    raw = (b"type: object\nproperties:\n  created:\n    format: Date\n"
           b"  when: {format: datetime}\n  for: {format: Duration}\n  at: {format: ip}\n")
    schema = {"type": "object", "properties": {"created": {"format": "Date"},
                                               "when": {"format": "datetime"},
                                               "for": {"format": "Duration"},
                                               "at": {"format": "ip"}}}
    problems = format_problems(schema, "s.yaml", lambda: raw)
    with pytest.raises(ConfigError) as refused:
        refuse(problems)
    assert str(refused.value).splitlines()[1:] == [
        "s.yaml:4:13: the format 'Date' is none JSON Schema defines, so it checks nothing: "
        "did you mean 'date'? specrepo asserts it: a valid calendar date (YYYY-MM-DD)",
        "s.yaml:5:18: the format 'datetime' is none JSON Schema defines, so it checks "
        "nothing: did you mean 'date-time'? specrepo asserts it: a valid RFC 3339 "
        "date-time (2026-12-05T09:30:00Z)",
        "s.yaml:6:17: the format 'Duration' is none JSON Schema defines, so it checks "
        "nothing: did you mean 'duration'? specrepo does not assert 'duration', so it is an "
        "annotation too: add a `pattern` to check the value",
        "s.yaml:7:16: the format 'ip' is none JSON Schema defines, so it checks nothing: did "
        "you mean 'ipv4' or 'ipv6'? specrepo asserts each: a valid IPv4 address or a valid "
        "IPv6 address"]


def test_a_format_beside_a_ref_draft_07_ignores_is_left_to_the_keyword_check() -> None:
    schema = {"$schema": "http://json-schema.org/draft-07/schema#",
              "definitions": {"text": {"type": "string"}},
              "properties": {"a": {"$ref": "#/definitions/text", "format": "Date"}}}
    assert format_problems(schema, "s.json", _none) == []


@pytest.mark.parametrize(("name", "meant"), [
    ("ip", ("ip-address", "ipv6")), ("IP4", ("ip-address",)), ("hostName", ("host-name",)),
    ("Time", ("time",)), ("guid", ("uuid",))])
def test_a_misspelling_in_draft_03_names_draft_03s_format(
        name: str, meant: tuple[str, ...]) -> None:
    """Draft-03 names `ipv4` `ip-address` and `hostname` `host-name` (fmt59)."""
    assert misspelt_format(name, "draft-03") == meant


def _refused(schema: dict[str, object], raw: bytes) -> list[str]:
    return [f"{problem.file}:{problem.line}:{problem.column}: {problem.message}"
            for problem in format_problems(schema, "s.yaml", lambda: raw)]


def test_what_specrepo_asserts_is_said_for_the_draft_of_the_schema() -> None:
    """`Time` in draft-03 is its `hh:mm:ss`; `Date` in draft-04, `GUID` in draft-07 are
    formats those drafts do not define: annotations there (fmt59)."""
    assert _refused({"$schema": "http://json-schema.org/draft-03/schema#", "format": "Time"},
                    b"$schema: http://json-schema.org/draft-03/schema#\nformat: Time\n") == [
        "s.yaml:2:9: the format 'Time' is none JSON Schema defines, so it checks nothing: did "
        "you mean 'time'? specrepo asserts it: a valid time (hh:mm:ss)"]
    assert _refused({"$schema": "http://json-schema.org/draft-04/schema#", "format": "Date"},
                    b"$schema: http://json-schema.org/draft-04/schema#\nformat: Date\n") == [
        "s.yaml:2:9: the format 'Date' is none JSON Schema defines, so it checks nothing: did "
        "you mean 'date'? draft-04 does not define 'date', so it is an annotation too: add a "
        "`pattern` to check it, or a `$schema` of a draft that defines it: draft-07 or later"]
    assert _refused({"$schema": "http://json-schema.org/draft-07/schema#", "format": "GUID"},
                    b"$schema: http://json-schema.org/draft-07/schema#\nformat: GUID\n") == [
        "s.yaml:2:9: the format 'GUID' is none JSON Schema defines, so it checks nothing: did "
        "you mean 'uuid'? draft-07 does not define 'uuid', so it is an annotation too: add a "
        "`pattern` to check it, or a `$schema` of a draft that defines it: 2019-09 or later"]

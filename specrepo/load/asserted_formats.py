"""The formats JSON Schema defines, those specrepo asserts, and what a value of each is:
data only, so that the compiled schema's predicates and the format notes read it without
importing jsonschema."""

from __future__ import annotations

from typing import Final

DEFINED_FORMATS: Final = frozenset({
    "date", "date-time", "time", "duration", "email", "idn-email", "hostname",
    "idn-hostname", "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid",
    "uri-template", "json-pointer", "relative-json-pointer", "regex",
    "utc-millisec", "color", "style", "phone", "ip-address", "host-name"})
"""The formats the drafts define (2020-12 and 2019-09 §7.3, draft-07 to draft-04, and
draft-03's own names)."""

ASSERTED_FORMATS: Final = ("date", "date-time", "time", "email", "idn-email", "ipv4", "ipv6",
                           "uuid", "regex")
"""The formats specrepo asserts (`format_checker.FORMAT_CHECKER`): those checked exactly and
the same on every machine, whatever optional packages jsonschema finds there (the standard
library's, RFC 3339's through `rfc3339-validator`, `regex` as ECMA-262). Not `uri` nor
`uri-reference`: RFC 3986 (`rfc3986-validator`, jsonschema's choice) refuses links people
write (`https://de.wikipedia.org/wiki/Käse`, `?q=[x]`), and the bundled schema's link `url`
is a `uri-reference`; nor those only optional packages check (`hostname`, `duration`)."""

FORMAT_NAMES: Final = {
    "date": "calendar date (YYYY-MM-DD)",
    "date-time": "RFC 3339 date-time (2026-12-05T09:30:00Z)",
    "time": "RFC 3339 time (09:30:00Z)",
    "email": "email address", "idn-email": "email address",
    "ipv4": "IPv4 address", "ipv6": "IPv6 address", "uuid": "UUID",
    "regex": "ECMA-262 regular expression"}
"""What a value of each asserted format is, for messages."""

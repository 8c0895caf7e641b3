"""The formats JSON Schema defines, those specrepo asserts in each draft, and what a value of
each is: data only, so that the compiled schema's predicates and the format notes read it
without importing jsonschema."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

DEFINED_FORMATS: Final = frozenset({
    "date", "date-time", "time", "duration", "email", "idn-email", "hostname",
    "idn-hostname", "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid",
    "uri-template", "json-pointer", "relative-json-pointer", "regex",
    "utc-millisec", "color", "style", "phone", "ip-address", "host-name"})
"""The formats the drafts define (2020-12 and 2019-09 §7.3, draft-07 to draft-04, and
draft-03's own names)."""

LATEST_DRAFT: Final = "2020-12"
"""The draft jsonschema reads a schema in when it names none (`schema_files.LATEST`)."""

_DRAFT_04: Final = ("date-time", "email", "ipv4", "ipv6")
"""Draft-04 §7.3 and draft-06 §8.3 define no `regex` (draft-03 did, draft-07 again)."""
_DRAFT_07: Final = (*_DRAFT_04, "regex", "date", "time", "idn-email")
DRAFT_FORMATS: Final[dict[str, tuple[str, ...]]] = {
    "draft-03": ("date", "time", "date-time", "email", "ip-address", "ipv6", "regex"),
    "draft-04": _DRAFT_04, "draft-06": _DRAFT_04, "draft-07": _DRAFT_07,
    "2019-09": (*_DRAFT_07, "uuid"), "2020-12": (*_DRAFT_07, "uuid")}
"""The formats specrepo asserts in each draft (named as `schema_vocabulary.draft_name`
names them): of those the draft's text defines, the ones checked exactly and the same on
every machine, whatever optional packages jsonschema finds there (the standard library's,
RFC 3339's through `rfc3339-validator`, `regex` as ECMA-262). A format a draft does not
define is an annotation there, as in jsonschema (`_format._checks_drafts`): `date` in
draft-04, `uuid` in draft-07. Not `uri` nor `uri-reference`: RFC 3986
(`rfc3986-validator`, jsonschema's choice) refuses links people write
(`https://de.wikipedia.org/wiki/Käse`, `?q=[x]`), and the bundled schema's link `url` is a
`uri-reference`; nor those only optional packages check (`hostname`, `duration`)."""

ASSERTED_FORMATS: Final = DRAFT_FORMATS[LATEST_DRAFT]
"""The formats specrepo asserts in 2020-12, the draft of the bundled schemas and of a
schema that names none (`format_checker.FORMAT_CHECKER`)."""

ANY_DRAFT_FORMATS: Final = frozenset(name for names in DRAFT_FORMATS.values() for name in names)
"""The formats specrepo asserts in some draft."""

FORMAT_NAMES: Final = {
    "date": "calendar date (YYYY-MM-DD)",
    "date-time": "RFC 3339 date-time (2026-12-05T09:30:00Z)",
    "time": "RFC 3339 time (09:30:00Z)",
    "email": "email address", "idn-email": "email address",
    "ipv4": "IPv4 address", "ip-address": "IPv4 address", "ipv6": "IPv6 address",
    "uuid": "UUID", "regex": "ECMA-262 regular expression"}
"""What a value of each asserted format is, for messages (`format_name`)."""

_DRAFT_03_NAMES: Final = {"time": "time (hh:mm:ss)"}
"""Where draft-03 means another value by a name: its `time` is `hh:mm:ss`, no offset."""

METASCHEMA_IDS: Final = {
    "draft-03": "http://json-schema.org/draft-03/schema#",
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "2020-12": "https://json-schema.org/draft/2020-12/schema"}
"""The `$schema` naming each draft (jsonschema's `DraftNValidator.META_SCHEMA` ids)."""


def format_name(name: str, draft: str = LATEST_DRAFT) -> str | None:
    """What a value of the format `name` is in `draft` ("time (hh:mm:ss)" in draft-03,
    "RFC 3339 time (09:30:00Z)" later), or None for a format no draft has asserted."""
    return (_DRAFT_03_NAMES.get(name) if draft == "draft-03" else None) \
        or FORMAT_NAMES.get(name)


def drafts_asserting(name: str) -> tuple[str, ...]:
    """The drafts in which specrepo asserts the format `name` (oldest first; none for one
    it never asserts)."""
    return tuple(draft for draft, names in DRAFT_FORMATS.items() if name in names)


def draft_named(uri: object) -> str | None:
    """The draft a `$schema` value names, compared as jsonschema compares them (by the URI
    `urlsplit` rebuilds: a trailing empty `#` counts for nothing); None for any other."""
    if not isinstance(uri, str):
        return None
    try:
        written = urlsplit(uri).geturl()
    except ValueError:
        return None
    return next((draft for draft, known in METASCHEMA_IDS.items()
                 if urlsplit(known).geturl() == written), None)


_RENAMED: Final = {"ip-address": ("ipv4", "its name from draft-04 on"),
                   "ipv4": ("ip-address", "draft-03's name for it")}
"""The format draft-03 names otherwise (its `ip-address` is the later `ipv4`)."""


def dialect_remedy(name: str, draft: str) -> str | None:
    """What makes specrepo check the format `name` in a schema of `draft` (a key of
    `DRAFT_FORMATS`) that does not define it, where specrepo asserts it in another draft:
    its name in `draft` (`ipv4` in draft-03 is `ip-address`), else a `pattern` or a
    `$schema` of a later draft that defines it ("draft-07 or later" for `date` in
    draft-04); None where `draft` has it asserted, or no draft does (`hostname`)."""
    if name in DRAFT_FORMATS[draft] or name not in ANY_DRAFT_FORMATS:
        return None
    if name in _RENAMED and _RENAMED[name][0] in DRAFT_FORMATS[draft]:
        written, why = _RENAMED[name]
        return f"write '{written}', {why}, or add a `pattern` to check it"
    order = list(DRAFT_FORMATS)
    later = [each for each in drafts_asserting(name) if order.index(each) > order.index(draft)]
    drafts = "" if not later else f"{later[0]} or later" if later[0] != LATEST_DRAFT \
        else LATEST_DRAFT
    return "add a `pattern` to check it" + (
        f", or a `$schema` of a draft that defines it: {drafts}" if drafts else "")

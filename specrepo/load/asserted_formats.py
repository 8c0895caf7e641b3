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


DRAFT_03_SPELLINGS: Final = {"ip-address": "ipv4", "host-name": "hostname"}
"""The formats draft-03 names otherwise than draft-04 and later: draft-03's name, the later
one (draft-03 §5.23 `ip-address`, `host-name`; draft-04 §7.3 `ipv4`, `hostname`)."""


def draft_spelling(name: str, draft: str) -> str:
    """The name `draft` (a key of `DRAFT_FORMATS`) gives the format `name` names in some
    draft: `host-name` for `hostname` in draft-03, `ipv4` for `ip-address` in a later one;
    `name` itself where the drafts agree on it."""
    later = DRAFT_03_SPELLINGS.get(name, name)
    if draft == "draft-03":
        return next((old for old, new in DRAFT_03_SPELLINGS.items() if new == later), later)
    return later


def dialect_remedy(name: str, draft: str) -> str | None:
    """What to do about the format `name` in a schema of `draft` (a key of
    `DRAFT_FORMATS`) that does not define it by that name, where another draft does or
    specrepo asserts it there: write the draft's name for it (`draft_spelling`: `ipv4`
    in draft-03 is `ip-address`), saying so where specrepo checks that one neither
    (`hostname` in draft-03 is `host-name`), else add a `pattern` or a `$schema` of a
    later draft that defines it ("draft-07 or later" for `date` in draft-04); None where
    `draft` has it asserted, or it is the draft's own name and no draft asserts it
    (`hostname` in 2020-12)."""
    own = draft_spelling(name, draft)
    if own != name:
        checked = "" if own in DRAFT_FORMATS[draft] else ", which specrepo does not check either"
        why = "draft-03's name for it" if draft == "draft-03" else "its name from draft-04 on"
        return f"write '{own}', {why}{checked}, or add a `pattern` to check it"
    if name in DRAFT_FORMATS[draft] or name not in ANY_DRAFT_FORMATS:
        return None
    order = list(DRAFT_FORMATS)
    later = [each for each in drafts_asserting(name) if order.index(each) > order.index(draft)]
    drafts = "" if not later else f"{later[0]} or later" if later[0] != LATEST_DRAFT \
        else LATEST_DRAFT
    return "add a `pattern` to check it" + (
        f", or a `$schema` of a draft that defines it: {drafts}" if drafts else "")

"""Find each `format` of a schema that names no format of JSON Schema but misspells one
(`Date`, `datetime`, `e-mail`, RFC 3339's `full-date`): no validator knows such a name, so
it checks nothing, and a spec holding `2026-13-45` passes where `date` was meant. A name
that misspells none (`int64`, `markdown`, a team's own) is an annotation, as JSON Schema
says an unknown format is (2020-12 validation §7.2).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from jsonschema.protocols import Validator

from specrepo.base.suggest import one_edit_apart
from specrepo.load.asserted_formats import (
    DEFINED_FORMATS,
    DRAFT_FORMATS,
    LATEST_DRAFT,
    dialect_remedy,
    draft_spelling,
    format_name,
)
from specrepo.load.schema_files import LATEST, schema_nodes
from specrepo.load.schema_positions import path_place, steps_to
from specrepo.load.schema_problems import SchemaProblem
from specrepo.load.schema_vocabulary import draft_name

OTHER_NAMES: Final = {"fulldate": "date", "partialtime": "time", "fulltime": "time",
                      "url": "uri", "guid": "uuid"}
"""Other names (squeezed as `_squeezed` squeezes them) for what JSON Schema calls a format:
RFC 3339's (`full-date`, `partial-time`) for `date` and `time`, and the common aliases
OpenAPI users and programmers write for `uri` (`url`) and `uuid` (`guid`, Microsoft's)."""


def misspelt_format(name: str, draft: str = LATEST_DRAFT) -> tuple[str, ...]:
    """The formats JSON Schema defines that the `format` value `name` was meant as (one,
    or each of a family), named as `draft` names them (`draft_spelling`: draft-03's
    `ip-address` for `ipv4`, `ipv4` for `IP-Address` in a later draft): another name of
    it (`OTHER_NAMES`: `full-date`, `url`, `guid`), the same in another letter case or
    with `-`, `_` or spaces added or left out (`Date`, `datetime`, `e_mail`), for a name
    of five letters or more one edit away (`date-tme`), or, for a shorter one, a family's
    name without its version or with a version it lacks (`ip`, `ip4`, `ipv5`: `ipv4`,
    `ipv6`; `versioned_family`); none for a defined format or one that misspells none
    (`int`, `data`, a team's own)."""
    if name in DEFINED_FORMATS:
        return ()
    squeezed = _squeezed(name)
    meant = OTHER_NAMES.get(squeezed) or next(
        (known for known in _CANDIDATES if _squeezed(known) == squeezed
         or (min(len(name), len(known)) >= 5 and one_edit_apart(name, known))), None)
    found = (meant,) if meant is not None else versioned_family(squeezed)
    return tuple(dict.fromkeys(draft_spelling(each, draft) for each in found))


_VERSIONED: Final = re.compile(r"(?P<family>[a-z]+?)v?(?P<version>[0-9]*)")
"""A name and its version (`ipv4`: `ip`, `4`; `ip4` too; `ip`: no version)."""


def versioned_family(squeezed: str) -> tuple[str, ...]:
    """The defined formats of the family `squeezed` (a name as `_squeezed` gives it) names
    without a version of theirs (`ip`, `ipv`, `ipv5`: `ipv4`, `ipv6`), or the one of the
    version written without its `v` (`ip4`: `ipv4`); none when it names no such family
    (`uuid4`: `uuid` has no versions)."""
    written = _VERSIONED.fullmatch(squeezed)
    if written is None:
        return ()
    family = [(known, version) for known in _CANDIDATES
              if (match := _VERSIONED.fullmatch(known)) is not None
              and match["family"] == written["family"] and (version := match["version"])]
    same = [known for known, version in family if version == written["version"]]
    return tuple(same or [known for known, _ in family])


_DRAFT_3_ONLY: Final = frozenset({"utc-millisec", "color", "style", "phone", "ip-address",
                                  "host-name"})
_CANDIDATES: Final = sorted(DEFINED_FORMATS, key=lambda known: (known in _DRAFT_3_ONLY, known))
"""The formats a misspelling may mean, today's before draft-03's own names (`hostName`
means `hostname`, not draft-03's `host-name`, check57)."""


def _squeezed(name: str) -> str:
    return "".join(letter for letter in name.lower() if letter not in "-_ ")


def format_problems(schema: object, name: str, raw: Callable[[], bytes | None],
                    dialect: type[Validator] = LATEST, whole: object = None, *,
                    reached: bool = False) -> list[SchemaProblem]:
    """A problem, naming the file `name` and the line of the value, for each `format` of
    a subschema of `schema` that misspells a format JSON Schema defines
    (`misspelt_format`), saying what was meant and whether specrepo asserts it.
    `dialect`, `whole` and `reached` as `schema_vocabulary.keyword_problems` takes them."""
    return [SchemaProblem.at(name, place, _message(value, meant, draft))
            for value, place, draft in _format_places(schema, raw, dialect, whole, reached)
            if (meant := misspelt_format(value, draft))]


def _format_places(schema: object, raw: Callable[[], bytes | None], dialect: type[Validator],
                   whole: object, reached: bool
                   ) -> Iterator[tuple[str, tuple[int, int] | None, str]]:
    """Each `format` text of a subschema of `schema` jsonschema reads, with the (line,
    column) of the value in the file of bytes `raw()` (None when it cannot be told) and
    the draft whose keywords act there (`schema_vocabulary.draft_name`)."""
    whole = schema if whole is None else whole
    for _, node, here in schema_nodes(schema, "", dialect, reached=reached):
        value = node.get("format")
        if not isinstance(value, str) or (here.ignores_ref_siblings
                                          and isinstance(node.get("$ref"), str)):
            continue  # beside a $ref jsonschema ignores: `keyword_problems` names it
        steps = steps_to(whole, node)
        yield value, None if steps is None else path_place(raw(), (*steps, "format"),
                                                           of_key=False), \
            draft_name(here.keywords)


def _message(value: str, meant: tuple[str, ...], draft: str) -> str:
    asserted = [format_name(each, draft) for each in meant if each in DRAFT_FORMATS[draft]]
    unasserted = next((each for each in meant if each not in DRAFT_FORMATS[draft]), None)
    if unasserted is None:
        checked = (f"specrepo asserts {'it' if len(meant) == 1 else 'each'}: a valid "
                   + " or a valid ".join(map(str, asserted)))
    elif (remedy := dialect_remedy(unasserted, draft)) is not None:
        checked = (f"{draft} does not define '{unasserted}', so it is an annotation too: "
                   f"{remedy}")
    else:
        checked = (f"specrepo does not assert '{unasserted}', so it is an annotation too: "
                   "add a `pattern` to check the value")
    named = " or ".join(f"'{each}'" for each in meant)
    return (f"the format '{value}' is none JSON Schema defines, so it checks nothing: did "
            f"you mean {named}? {checked}")

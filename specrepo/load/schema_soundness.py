"""Refuse a schema file that is not a sound JSON Schema before any document is checked: its
metaschema's verdict and its patterns (ECMA-262), for the schema a configuration names and
for every local file its references reach; each message names the file and, where it can
be told, the line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import jsonschema
from jsonschema.protocols import Validator

from specrepo.base.errors import ConfigError
from specrepo.load.document import describe_kind
from specrepo.load.ecma_regex import EcmaRegexError, ecma_regex
from specrepo.load.schema_files import LATEST, is_known_dialect, schema_nodes
from specrepo.load.schema_positions import keyword_position, path_position
from specrepo.load.schema_vocabulary import check_keywords

FileBytes = Callable[[], "bytes | None"]
"""The bytes of the schema file being checked (read again only for a message's line)."""

_PASSED_METASCHEMA: set[str] = set()
"""Schemas (SHA-256 of their dialect and canonical JSON text) that passed their metaschema
in this process, or in an earlier one that kept the verdict (`trust_metaschema_verdicts`):
a command that reads its schema twice (report: for the history, then for the files now)
checks it once; jsonschema's check of a 2020-12 metaschema costs tens of milliseconds."""


def metaschema_verdicts() -> frozenset[str]:
    """The schemas that passed their metaschema in this process (SHA-256 hex digests of
    their canonical JSON text), for a later process to trust (`trust_metaschema_verdicts`)."""
    return frozenset(_PASSED_METASCHEMA)


def trust_metaschema_verdicts(digests: Iterable[str]) -> None:
    """Take the schemas with these digests (from `metaschema_verdicts`, kept where only
    specrepo writes: the history cache in the git folder) as passing their metaschema.
    A schema whose text changed has another digest, and is checked."""
    _PASSED_METASCHEMA.update(digests)


def check_schema_file(schema: Any, name: str, raw: FileBytes,
                      dialect: type[Validator] = LATEST, *, file: Any = None,
                      at: tuple[str | int, ...] = ()) -> None:
    """Refuse (ConfigError naming the file `name`, and the line where it can be told) a
    schema that is not a mapping or boolean, names a `$schema` jsonschema does not ship,
    fails its metaschema (its own `$schema`'s, else `dialect`'s: the draft of the schema
    the configuration names), holds a pattern that is not ECMA-262, or a key that is a
    keyword of another draft or a misspelt one (`check_keywords`). `schema` is the whole
    file, or the part of the file's contents `file` that the keys and indices `at` lead
    to (a definition a reference points to)."""
    whole = schema if file is None else file
    _check_dialect(schema, name, raw, at)
    check_patterns(schema, name, raw, whole)  # first: it says more than the metaschema
    check_metaschema(schema, name, raw, dialect, at)
    check_keywords(schema, name, raw, dialect, whole)


def _check_dialect(schema: Any, name: str, raw: FileBytes,
                   at: tuple[str | int, ...] = ()) -> None:
    if not isinstance(schema, (dict, bool)):
        raise ConfigError(f"{name}{path_position(raw(), at) if at else ''}: a JSON Schema "
                          f"must be a mapping (or true or false), not {describe_kind(schema)}")
    if isinstance(schema, dict) and not is_known_dialect(schema):
        raise ConfigError(
            f"{name}{path_position(raw(), [*at, '$schema'])}: $schema '{schema['$schema']}' names "
            "no metaschema specrepo knows, and specrepo never fetches one over the network; "
            f"name a draft of JSON Schema (for example '{LATEST.META_SCHEMA['$schema']}')")


def check_metaschema(schema: Any, name: str, raw: FileBytes,
                     dialect: type[Validator] = LATEST, at: tuple[str | int, ...] = ()) -> None:
    """The metaschema part of `check_schema_file`, the `regex` format (of `pattern`) read
    as ECMA-262."""
    _check_dialect(schema, name, raw, at)
    chosen = jsonschema.validators.validator_for(schema, default=dialect)
    text = json.dumps([chosen.META_SCHEMA.get("$schema", ""), schema], sort_keys=True,
                      default=repr)
    digest = hashlib.sha256(text.encode()).hexdigest()
    if digest in _PASSED_METASCHEMA:
        return
    try:
        chosen.check_schema(schema, format_checker=_ecma_formats(chosen))  # type: ignore[call-arg]
    except jsonschema.SchemaError as error:
        steps = [*at, *error.absolute_path]
        where = "/".join(str(part) for part in steps) or "the top level"
        raise ConfigError(f"{name}{path_position(raw(), steps)}: not a valid JSON Schema at "
                          f"{where}: {_spelt(error)}") from None
    _PASSED_METASCHEMA.add(digest)


@cache
def _ecma_formats(dialect: type[Validator]) -> jsonschema.FormatChecker:
    """The formats the metaschema of `dialect` asserts, its `regex` (a `pattern`'s format)
    as ECMA-262: jsonschema's own `regex` check is Python's `re.compile`."""
    formats = jsonschema.FormatChecker(())
    formats.checkers = dict(dialect.FORMAT_CHECKER.checkers)
    formats.checks("regex", raises=EcmaRegexError)(_is_ecma_regex)
    return formats


def _is_ecma_regex(instance: object) -> bool:
    return not isinstance(instance, str) or ecma_regex(instance) is not None


def _spelt(error: jsonschema.SchemaError) -> str:
    """The metaschema's message with the value it is about as JSON (and so YAML) spells
    it: `true`, not Python's `True`."""
    shown = repr(error.instance)
    if not error.message.startswith(shown):
        return error.message
    spelt = json.dumps(error.instance, ensure_ascii=False, default=repr)
    return spelt + error.message[len(shown):]


def check_patterns(schema: Any, name: str, raw: FileBytes, whole: Any = None) -> None:
    """Refuse a `pattern` or `patternProperties` key that is not an ECMA-262 regular
    expression with the `u` flag (`ecma_regex`), before any document needs it. jsonschema
    joins the `patternProperties` of an object with `|` for `additionalProperties`, so the
    joined pattern must compile too. `whole`: the file's contents, where `schema` is a part
    of them (for the line)."""
    for _, node, _dialect in schema_nodes(schema, ""):
        keyed = node.get("patternProperties")
        candidates = [("pattern", node.get("pattern"))]
        if isinstance(keyed, dict):
            candidates += [("patternProperties", pattern) for pattern in keyed]
            if "additionalProperties" in node:
                candidates.append(("patternProperties", "|".join(keyed)))
        for keyword, pattern in candidates:
            if not isinstance(pattern, str):
                continue
            try:
                ecma_regex(pattern)
            except EcmaRegexError as error:
                where = keyword_position(raw(), schema if whole is None else whole, node,
                                         keyword)
                raise ConfigError(
                    f"{name}{where}: the pattern '{pattern}' is not a regular expression of "
                    f"JSON Schema's dialect (ECMA-262, with the u flag): {error}; Python's "
                    r"(?i), (?P<name>…), \A and \Z are not part of it, and a character that "
                    r"needs no escape takes none (write _, not \_)") from None

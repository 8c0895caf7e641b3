"""Find what makes a schema file no sound JSON Schema before any document is checked: its
metaschema's verdict, its patterns (ECMA-262) and its keywords, for the schema a
configuration names and for every local file its references reach; every problem is
named (`SchemaProblem`), at its file and, where it can be told, its line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import jsonschema
from jsonschema.protocols import Validator

from specrepo.load.document import describe_kind
from specrepo.load.ecma_regex import (
    EcmaRegexError,
    UnsafePattern,
    ecma_regex,
    needless_escape,
    past_regex,
)
from specrepo.load.error_relevance import best_of
from specrepo.load.format_checker import FORMAT_CHECKER
from specrepo.load.format_names import format_problems
from specrepo.load.metaschema_passes import has_passed, record_pass
from specrepo.load.schema_files import LATEST, is_known_dialect, schema_nodes
from specrepo.load.schema_positions import keyword_place, path_place, steps_to
from specrepo.load.schema_problems import SchemaProblem, refuse
from specrepo.load.schema_pruning import replaced, without
from specrepo.load.schema_vocabulary import dialect_advice, keyword_problems

FileBytes = Callable[[], "bytes | None"]
"""The bytes of the schema file being checked (read again only for a message's line)."""

Refusal = tuple[tuple[str | int, ...], jsonschema.ValidationError]
"""What a metaschema refuses, and the keys and indices that lead to the subschema it
judged (its errors' paths start there)."""


class Judgement(NamedTuple):
    """The problems of a schema (or a part of a file), and what of it can be walked on."""

    problems: list[SchemaProblem]
    sound: Any
    """The schema less each value its metaschema refuses (the very object where it refuses
    none), to find its references and judge its patterns and keys in; None where nothing
    of it can be judged (it is no schema, of no draft specrepo knows, or its metaschema
    refuses it as a whole)."""


def judge_schema(schema: Any, name: str, raw: FileBytes, dialect: type[Validator] = LATEST,
                 *, file: Any = None, at: tuple[str | int, ...] = (), past: bool = False,
                 reached: bool = False) -> Judgement:
    """Every problem (naming the file `name`, and the line where it can be told) of a
    schema that is not a mapping or boolean, names a `$schema` jsonschema does not ship
    (those two alone: nothing else can be judged then), fails its metaschema (its own
    `$schema`'s, else `dialect`'s: the draft of the schema the configuration names), holds
    a pattern that is not ECMA-262, a key that is a keyword of another draft or a
    misspelt one (`keyword_problems`), or a misspelt `format` (`format_problems`).
    `schema` is the whole file, or the part of the file's contents `file` that the keys
    and indices `at` lead to (a definition a reference points to). With `reached`,
    `schema` is judged as a `$ref` in a subschema of the draft `dialect` reaches it
    (`draft_in_force`), else as a root validated on its own.

    A value the metaschema refuses hides only what lies inside it (`properties: 5` holds
    no subschema to judge; `type: strin` hides nothing): the patterns and keys of the
    rest are judged, and its references followed, in `Judgement.sound`.

    With `past` (a version of the schema in history), only what made it unusable when it
    was committed: its patterns are those Python's `re` refuses too (`past_regex` reads
    the others), and its keys are not judged, so a history read then is read alike now."""
    whole = schema if file is None else file
    unknown = _dialect_problem(schema, name, raw, at)
    if unknown is not None:
        return Judgement([unknown], None)
    refused = _metaschema_refuses(schema, dialect)
    if any(not steps and not error.absolute_path for steps, error in refused):
        return Judgement(_metaschema_problems(refused, name, raw, at), None)
    sound = _without_refused(schema, refused)
    if sound is not schema:
        whole = replaced(whole, at, sound)
    patterns = pattern_problems(sound, name, raw, whole)
    unusable = [problem for pattern, problem in patterns
                if not past or past_regex(pattern) is None]
    named = {pattern for pattern, _ in patterns}
    return Judgement([
        *unusable,  # before the metaschema's word on the same pattern: they say more
        *_metaschema_problems([(steps, error) for steps, error in refused
                               if error.validator != "format" or error.instance not in named],
                              name, raw, at),
        *([] if past else keyword_problems(sound, name, raw, dialect, whole,
                                           reached=reached)),
        *([] if past else format_problems(sound, name, raw, dialect, whole,
                                          reached=reached))], sound)


def _without_refused(schema: Any, refused: list[Refusal]) -> Any:
    """`schema` without the values `refused` names (not a `format`'s: a text of another
    format holds no subschema)."""
    return without(schema, [(*steps, *error.absolute_path) for steps, error in refused
                            if error.validator != "format"])


def _nested_refusals(schema: Any, dialect: type[Validator]) -> list[Refusal]:
    """What the metaschema of each subschema of `schema` that names a `$schema` of its
    own refuses in it: jsonschema reads it in that draft, which `schema`'s metaschema does
    not check it by (`prefixItems: 5` in a 2020-12 part of a draft-07 schema)."""
    refused: list[Refusal] = []
    for _, node, _in_force in schema_nodes(schema, "", dialect):
        if node is not schema and isinstance(node.get("$schema"), str) and \
                is_known_dialect(node) and (steps := steps_to(schema, node)) is not None:
            refused += [(steps, error) for error in _top_refusals(node, dialect)]
    return refused


def _dialect_problem(schema: Any, name: str, raw: FileBytes,
                     at: tuple[str | int, ...] = ()) -> SchemaProblem | None:
    if not isinstance(schema, (dict, bool)):
        return SchemaProblem.at(name, path_place(raw(), at) if at else None,
                                "a JSON Schema must be a mapping (or true or false), not "
                                f"{describe_kind(schema)}")
    if isinstance(schema, dict) and not isinstance(schema.get("$schema", ""), str):
        return SchemaProblem.at(name, path_place(raw(), [*at, "$schema"]),
                                "$schema must be the URI of a metaschema, not "
                                f"{describe_kind(schema['$schema'])}")
    if isinstance(schema, dict) and not is_known_dialect(schema):
        return SchemaProblem.at(
            name, path_place(raw(), [*at, "$schema"]),
            f"$schema '{schema['$schema']}' names no metaschema specrepo knows, and specrepo "
            f"never fetches one over the network; {dialect_advice(schema['$schema'])}")
    return None


def check_metaschema(schema: Any, name: str, raw: FileBytes,
                     dialect: type[Validator] = LATEST, at: tuple[str | int, ...] = ()) -> None:
    """Raise ConfigError naming each problem the metaschema of `schema` finds in it (as
    `judge_schema` names them)."""
    unknown = _dialect_problem(schema, name, raw, at)
    refuse([unknown] if unknown is not None else _metaschema_problems(
        _metaschema_refuses(schema, dialect), name, raw, at))


def _metaschema_refuses(schema: Any, dialect: type[Validator]) -> list[Refusal]:
    """What the metaschema of `schema` (of a dialect jsonschema knows: its own `$schema`'s,
    else `dialect`'s) refuses in it, and the metaschema of each subschema outside what it
    refuses that names another `$schema` in that subschema (`_nested_refusals`)."""
    chosen = jsonschema.validators.validator_for(schema, default=dialect)
    text = json.dumps([chosen.META_SCHEMA.get("$schema", ""), schema], sort_keys=True,
                      default=repr)
    digest = hashlib.sha256(text.encode()).hexdigest()
    if has_passed(digest):
        return []
    refused: list[Refusal] = [((), error) for error in _top_refusals(schema, dialect)]
    nested = text.count('"$schema"') > (isinstance(schema, dict) and "$schema" in schema)
    if nested and all(error.absolute_path for _, error in refused):
        refused += _nested_refusals(_without_refused(schema, refused), dialect)
    if not refused:
        record_pass(digest)
    return refused


def _top_refusals(schema: Any, dialect: type[Validator]) -> list[jsonschema.ValidationError]:
    """What the metaschema of `schema` (its own `$schema`'s, else `dialect`'s) refuses in
    it, one error for each place (the one that says most), the `regex` format (of
    `pattern`) read as ECMA-262."""
    chosen = jsonschema.validators.validator_for(schema, default=dialect)
    return [best_of([error]) or error
            for error in _metaschema_errors(chosen, schema)]


def _metaschema_problems(refused: list[Refusal], name: str, raw: FileBytes,
                         at: tuple[str | int, ...]) -> list[SchemaProblem]:
    """A problem for each of `refused`, in the file `name`, of the part the keys and
    indices `at` lead to."""
    problems = []
    for within, error in refused:
        steps = [*at, *within, *error.absolute_path]
        where = "/".join(str(part) for part in steps) or "the top level"
        problems.append(SchemaProblem.at(name, path_place(raw(), steps),
                                         f"not a valid JSON Schema at {where}: {_spelt(error)}"))
    return problems


def _metaschema_errors(dialect: type[Validator], schema: Any
                       ) -> Iterator[jsonschema.ValidationError]:
    """What the metaschema of `dialect` refuses in `schema`, each where it is."""
    # The formats specrepo asserts, not all jsonschema finds installed: a metaschema's
    # `uri-reference` (`$ref`, `$id`) is then an annotation on every machine, and its
    # `regex` (a `pattern`'s format) is read as ECMA-262, not by Python's `re.compile`.
    validator = dialect(dialect.META_SCHEMA, format_checker=FORMAT_CHECKER)
    return validator.iter_errors(schema)


def _spelt(error: jsonschema.ValidationError) -> str:
    """The metaschema's message with the value it is about as JSON (and so YAML) spells
    it: `true`, not Python's `True`."""
    shown = repr(error.instance)
    if not error.message.startswith(shown):
        return error.message
    spelt = json.dumps(error.instance, ensure_ascii=False, default=repr)
    return spelt + error.message[len(shown):]


def pattern_problems(schema: Any, name: str, raw: FileBytes, whole: Any = None
                     ) -> list[tuple[str, SchemaProblem]]:
    """(pattern, its problem) for each `pattern` or `patternProperties` key that is not an
    ECMA-262 regular expression with the `u` flag (`ecma_regex`), found before any document
    needs it, with the escape to write otherwise where that is what is wrong
    (`needless_escape`). jsonschema joins
    the `patternProperties` of an object with `|` for `additionalProperties`, so the joined
    pattern must compile too (named only when its parts do). `whole`: the file's contents,
    where `schema` is a part of them (for the line)."""
    whole = schema if whole is None else whole
    problems: list[tuple[str, SchemaProblem]] = []
    for _, node, _in_force in schema_nodes(schema, ""):
        keyed = node.get("patternProperties")
        candidates: list[tuple[object, tuple[str, ...]]] = [(node.get("pattern"), ("pattern",))]
        if isinstance(keyed, dict):
            candidates += [(pattern, ("patternProperties", pattern)) for pattern in keyed]
        refused = len(problems)
        for pattern, keys in candidates:
            if isinstance(pattern, str):
                problems += _pattern_problem(pattern, name, raw, whole, node, keys)
        if isinstance(keyed, dict) and "additionalProperties" in node and refused == len(
                problems):
            problems += _pattern_problem("|".join(keyed), name, raw, whole, node,
                                         ("patternProperties",))
    return problems


def _pattern_problem(pattern: str, name: str, raw: FileBytes, whole: Any,
                     node: dict[str, Any], keys: tuple[str, ...]
                     ) -> list[tuple[str, SchemaProblem]]:
    try:
        ecma_regex(pattern)
    except EcmaRegexError as error:
        where = keyword_place(raw(), whole, node, *keys)
        return [(pattern, SchemaProblem.at(name, where, pattern_message(pattern, error)))]
    return []


def pattern_message(pattern: str, error: Exception) -> str:
    """Why `pattern` is not a regular expression of JSON Schema (`error`: the engine's
    words), and what to write instead."""
    if isinstance(error, UnsafePattern):
        return f"the pattern '{pattern}' cannot be matched safely: {error}"
    escape = needless_escape(pattern)
    advice = escape if escape is not None else (
        r"Python's (?i), (?P<name>…), \A and \Z are not part of it, and a character that "
        r"needs no escape takes none")
    return (f"the pattern '{pattern}' is not a regular expression of JSON Schema's dialect "
            f"(ECMA-262, with the u flag): {error}; {advice}")

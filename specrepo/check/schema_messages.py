"""Schema errors in words: a message for every JSON Schema keyword that fails on its own
(2020-12 and 2019-09, draft 4 to 7), naming the limit or rule the value breaks. Values
are shown short (a text cut at 60 characters, a list or mapping by its size), never an
instance or a subschema whole as jsonschema's own messages show them (as Python)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial
from typing import Any, Final

from jsonschema.exceptions import ValidationError

from specrepo.base.caseless import told_apart
from specrepo.base.suggest import read_as, shown_choices, suggested
from specrepo.check.schema_conditions import schema_location, why_holds
from specrepo.check.shown_values import (
    SHOWN_OPTIONS,
    TYPE_NAMES,
    count,
    cut,
    kind,
    names,
    show,
)
from specrepo.load.asserted_formats import format_name
from specrepo.load.dialect_formats import FormatFailure
from specrepo.load.document import JsonValue, describe_kind, format_json_path
from specrepo.load.ecma_regex import EcmaRegexError, ecma_regex
from specrepo.load.error_relevance import best_alternative, own_type_failure
from specrepo.load.no_verdict import NoVerdict
from specrepo.load.yaml_scalars import resolve_plain

_YAML_BOOLEAN_WORDS: Final = frozenset(
    {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}
)
_REQUIRED: Final = re.compile(r"'(.*)' is a required property")
_Wording = Callable[[ValidationError, Any, Any], str]


def keyword_message(error: ValidationError, source: str | None = None,
                    tag: str | None = None) -> str:
    """The message of `error` (one keyword's failure), in words; `source` is the value's
    text as written (YAML), when known, and `tag` the tag written on it (`!!int`), if any.
    A keyword this module has no wording for gets a message naming it, never jsonschema's
    text."""
    wording = WORDINGS.get(str(error.validator)) if error.validator is not None else _false
    if wording is None:
        return f"the value does not satisfy the schema's `{error.validator}`"
    if error.validator == "type":
        instance: Any = error.instance
        return type_message(error.validator_value, instance, source, tag,
                            _union_reason(error))
    return wording(error, error.validator_value, error.instance)


def type_message(expected: Any, instance: JsonValue, source: str | None,
                 tag: str | None = None, failed: str = "") -> str:
    """`type`: what was expected and what was found (then `failed`, why the value fails
    the schema a draft-03 union type lists, `_union_reason`), with how to write it (for a
    value written with a tag, `!!int "12"`, how to write it without the tag that decides
    it)."""
    names = _listed(expected)
    message = f"expected {_wanted(names)}, got {kind(instance)}{failed}"
    if tag is not None:
        return message + _tag_advice(names, instance, source, tag)
    if isinstance(instance, str) and source is not None and "string" not in names:
        # Only a plain scalar read as a number or a boolean keeps its text (`source`):
        # a text value with one is `read_as_text`'s doing, not the file's.
        return (f"{message}: the file writes {source} unquoted, and `read_as_text` in the "
                "configuration reads it as text; take the field out of `read_as_text`, or "
                "let the schema take a string")
    if "string" in names and source is not None and instance is not None:
        if source != str(instance):
            message += f" (YAML reads {source} as a number)"
        return f"{message}; quote it to make it text: '{source}'"
    if "string" in names and instance is None:
        return f"{message}: the value is empty; write one, or remove the key"
    if "boolean" in names and isinstance(instance, str) and instance in _YAML_BOOLEAN_WORDS:
        meant = "true" if instance.lower() in ("yes", "on", "y") else "false"
        return f"{message}: only true and false are booleans here; write {meant}"
    return message


def _wanted(names: list[Any]) -> str:
    """The types `names` (a `type` list) in words; draft-03 also allows schemas in a
    `type` list (§5.1, a union type): they read as "a value matching another schema"."""
    return " or ".join(TYPE_NAMES.get(name, name) if isinstance(name, str)
                       else "a value matching another schema" for name in names)


def _union_reason(error: ValidationError) -> str:
    """What the value fails in the schema of a draft-03 union `type` it was most likely
    meant for (`error_relevance.best_alternative`), as " (the schema in `type` says: 3 is
    less than the minimum, 5)", naming the place below the value it failed at and the
    schema (`type[1]`) where the list holds several; the types the schemas take where each
    refuses the value's type; empty for a `type` that lists no schema."""
    listed = error.validator_value if isinstance(error.validator_value, list) else []
    schemas = sum(isinstance(each, dict) for each in listed)
    chosen = best_alternative(error) if schemas and error.context else error
    if chosen is error:
        return ""
    if own_type_failure(chosen):  # so did every schema's
        taken = [name for child in error.context or () if own_type_failure(child)
                 for name in _listed(child.validator_value)]
        return f" (the schema{'s' if schemas > 1 else ''} in `type` " \
            f"take{'' if schemas > 1 else 's'} {_wanted(list(dict.fromkeys(taken)))})"
    label = "the schema in `type`" if schemas == 1 else \
        f"the schema `type[{chosen.relative_schema_path[0]}]`"
    where = f" at {format_json_path(chosen.absolute_path)}" if chosen.relative_path else ""
    return f" ({label} says{where}: {keyword_message(chosen)})"


def _listed(expected: Any) -> list[Any]:
    """A `type`'s value as a list (one name or a list of them)."""
    return [expected] if isinstance(expected, str) else list(expected)


def _tag_advice(names: list[Any], instance: JsonValue, source: str | None, tag: str) -> str:
    """How to write a value its tag made the wrong type: quoting it again changes nothing
    (`!!int "12"` is a number however quoted), removing the tag does."""
    if "string" in names and source is not None:
        return f", by its {tag} tag; remove the tag and write the value quoted: '{source}'"
    if isinstance(instance, str):  # `!!str 12` where a number is expected
        plain = resolve_plain(instance)
        if any(_is_type(plain, name) for name in names):
            return f", by its {tag} tag; remove the tag to write {kind(plain)}: {instance}"
    return f", by its {tag} tag"


def _is_type(value: JsonValue, name: object) -> bool:
    """Whether `value` is of the JSON Schema type `name`."""
    if isinstance(value, bool) or value is None:
        return name == ("boolean" if isinstance(value, bool) else "null")
    if isinstance(value, int):
        return name in ("integer", "number")
    return isinstance(value, float) and name == "number"


def _enum(_: ValidationError, value: Any, instance: Any) -> str:
    if not isinstance(instance, str):
        return f"{show(instance)} is not one of {names(value)}"
    # Each value shown apart from the one written (`suggest.suggested`): a key
    # `file\u2011name` beside `file-name` reads the same.
    texts = [option for option in value if isinstance(option, str)]
    written, suggestion = suggested(instance, texts)
    shown = dict(zip(texts, shown_choices(texts, (instance,)), strict=True))
    message = f"{show(written)} is not one of " \
        f"{names([shown[option] if isinstance(option, str) else option for option in value])}"
    unquoted = [option for option in value if not isinstance(option, str)
                and json.dumps(option) == instance]
    if unquoted:  # `prio: "2"` for `enum: [1, 2, 3]`
        return f"{message}; did you mean {kind(unquoted[0])}, not {kind(instance)}?"
    return message + (f"; did you mean '{suggestion}'?" if suggestion else "")


def _const(value: Any, instance: Any) -> str:
    if isinstance(value, str) and isinstance(instance, str):  # shown apart (`_enum`)
        instance, value = told_apart(instance, value)
    return f"{show(instance)} must be {show(value)}"


_VISIBLE: Final = "[^\\s\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff]"
"""The bundled schema's pattern of a name, title or person: one character that shows."""


def _pattern(error: ValidationError, value: Any, instance: Any) -> str:
    if value == _VISIBLE:
        return f"{show(instance)} shows nothing: white space and invisible characters " \
            "alone are not a value here"
    examples = error.schema.get("examples") if isinstance(error.schema, dict) else None
    # A text that reads as one of the form (`SPEC<U+2011>0001/FR-1`) is shown so, with it
    shown, meant = read_as(instance, partial(_matches, value)) if isinstance(instance, str) \
        else (instance, None)
    hint = f"; did you mean {show(meant)}?" if meant is not None else ""
    if isinstance(examples, list) and examples:
        return f"{show(shown)} does not have the expected form, for example " \
            f"{show(examples[0])}{hint}"
    return f"{show(shown)} does not match the pattern {cut(str(value))}{hint}"


def _matches(pattern: Any, text: str) -> bool:
    """Whether the schema's `pattern` finds `text` (ECMA-262, as the check does); no
    verdict, no match."""
    try:
        return isinstance(pattern, str) and ecma_regex(pattern).find(text) is not None
    except (EcmaRegexError, NoVerdict):
        return False


def _format(error: ValidationError, value: Any, instance: Any) -> str:
    # What a format means depends on the draft it is checked in (draft-03's `time`).
    named = format_name(str(value), error.draft) if isinstance(error, FormatFailure) \
        else format_name(str(value))
    return f"{show(instance)} is not a valid {named or cut(str(value))}"


def _fewer(kind_of: str, unit: str, keyword: str) -> _Wording:
    def wording(_: ValidationError, value: Any, instance: Any) -> str:
        if isinstance(instance, (list, dict)) and not instance:
            return f"the {kind_of} is empty; add at least {value} {unit}(s) ({keyword})"
        return f"the {kind_of} needs at least {value} {unit}(s) ({keyword}); it has " \
            f"{len(instance)}"
    return wording


def _more(kind_of: str, unit: str, keyword: str) -> _Wording:
    def wording(_: ValidationError, value: Any, instance: Any) -> str:
        if value == 0:
            return f"the {kind_of} must be empty ({keyword}: 0)"
        return f"the {kind_of} has {count(len(instance), unit)}, more than the {value} " \
            f"{keyword} allows"
    return wording


def _min_length(error: ValidationError, value: Any, instance: Any) -> str:
    if value == 1:
        return "the text is empty; write something here"
    return f"the text is shorter than {value} characters (it has {len(instance)})"


def _max_length(_: ValidationError, value: Any, instance: Any) -> str:
    if value == 0:
        return "the text must be empty (maxLength: 0)"
    return f"the text is longer than {value} characters (it has {len(instance)})"


def _bound(relation: str, keyword: str) -> _Wording:
    def wording(error: ValidationError, value: Any, instance: Any) -> str:
        exclusive = isinstance(error.schema, dict) and \
            error.schema.get(f"exclusive{keyword.capitalize()}") is True  # draft 4
        strictly = " or equal to" if exclusive or keyword.startswith("exclusive") else ""
        return f"{show(instance)} is {relation}{strictly} the {keyword}, {show(value)}"
    return wording


def _required_with(error: ValidationError, value: Any, instance: Any) -> str:
    """`dependentRequired` (and draft 4-7 `dependencies` with a list): the properties
    another one present requires."""
    missing = [(need, present) for present, needs in (value or {}).items()
               if isinstance(instance, dict) and present in instance and isinstance(needs, list)
               for need in needs if need not in instance]
    said = [f"'{need}' (required when '{present}' is set, {error.validator})"
            for need, present in missing[:SHOWN_OPTIONS]]
    if len(said) == 1:
        return f"missing required property {said[0]}"
    return f"missing required properties: {', '.join(said)}"


def _not(error: ValidationError, value: Any, instance: Any) -> str:
    forbidden = value if isinstance(value, dict) else {}
    required = forbidden.get("required")
    if set(forbidden) == {"required"} and isinstance(required, list) and required:
        listed = ", ".join(f"'{name}'" for name in required[:SHOWN_OPTIONS])
        many = len(required) > 1
        return f"propert{'ies' if many else 'y'} {listed} must not {'all ' if many else ''}" \
            "be set here (the schema's `not` forbids it)"
    if set(forbidden) == {"const"}:
        return f"the value must not be {show(forbidden['const'])} (not)"
    if set(forbidden) == {"enum"} and isinstance(forbidden["enum"], list):
        return f"the value must not be one of {names(forbidden['enum'])} (not)"
    if set(forbidden) == {"type"}:
        written = forbidden["type"]
        types = [written] if isinstance(written, str) else list(written)
        return "the value must not be " + " or ".join(
            TYPE_NAMES.get(name, show(name)) for name in types if isinstance(name, str)) + \
            " (not)"
    matched = why_holds(forbidden, instance)
    if matched:
        return f"{matched}, which the schema's `not` forbids"
    return f"the value, {show(instance)}, matches the schema under `not` at " \
        f"{cut(schema_location(error.absolute_schema_path))}, which it must not"


def _one_of_many(error: ValidationError, value: Any) -> str:
    """A value valid under more than one `oneOf` alternative, naming each it matches (as
    `alternative N`, counted from 0 as jsonschema's schema paths count them)."""
    alternatives = value if isinstance(value, list) else []
    matched = _valid_under(error, [repr(alternative) for alternative in alternatives])
    listed = " and ".join(f"alternative {index} ({cut(json.dumps(alternatives[index]))})"
                          for index in matched)
    return ("the value matches more than one of the `oneOf` alternatives"
            f"{': ' + listed if listed else ''}; it must match exactly one")


def _valid_under(error: ValidationError, shown: list[str]) -> list[int]:
    """The indexes of the alternatives (`shown`: each one's `repr`) that jsonschema's
    message `X is valid under each of A, B` names: the later valid ones in order, then the
    first (jsonschema `_keywords.oneOf`); empty when the message is not of that form."""
    prefix = f"{error.instance!r} is valid under each of "
    listed = error.message[len(prefix):] if error.message.startswith(prefix) else ""
    for first, text in enumerate(shown):
        later = _ascending(listed.removesuffix(text).removesuffix(", "), shown, first + 1) \
            if listed.endswith(text) and listed != text else None
        if later:
            return [first, *later]
    return []


def _ascending(listed: str, shown: list[str], start: int) -> list[int] | None:
    """`listed` read as `", "`-joined items of `shown` at ascending indexes from `start`;
    None when it is not."""
    if not listed:
        return []
    for index in range(start, len(shown)):
        text = shown[index]
        if listed == text:
            return [index]
        rest = _ascending(listed[len(text) + 2:], shown, index + 1) \
            if listed.startswith(text + ", ") else None
        if rest:
            return [index, *rest]
    return None


def _false(error: ValidationError, __: Any, instance: Any) -> str:
    """A `false` subschema: the key or item it forbids, named where it is one
    (`load.false_subschemas` puts its key or index in the path)."""
    place = error.path[-1] if error.path else None
    if isinstance(place, str):
        return f"{show(place)} is not allowed here (the schema gives it `false`), got " \
            f"{show(instance)}"
    if isinstance(place, int):
        return "no item is allowed at this place in the list (the schema gives it " \
            f"`false`), got {show(instance)}"
    return f"no value is allowed here (the schema here is `false`), got {show(instance)}"


WORDINGS: Final[dict[str, _Wording]] = {
    "type": lambda error, value, instance: "",  # `keyword_message` passes the source
    "enum": _enum,
    "const": lambda _, value, instance: _const(value, instance),
    "pattern": _pattern,
    "format": _format,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _fewer("list", "item", "minItems"),
    "maxItems": _more("list", "item", "maxItems"),
    "minProperties": _fewer("mapping", "key", "minProperties"),
    "maxProperties": _more("mapping", "key", "maxProperties"),
    "minimum": _bound("less than", "minimum"),
    "maximum": _bound("greater than", "maximum"),
    "exclusiveMinimum": _bound("less than", "exclusiveMinimum"),
    "exclusiveMaximum": _bound("greater than", "exclusiveMaximum"),
    "multipleOf": lambda _, value, instance: f"{show(instance)} is not a multiple of "
                                             f"{show(value)} (multipleOf)",
    "divisibleBy": lambda _, value, instance: f"{show(instance)} is not a multiple of "
                                              f"{show(value)} (divisibleBy)",
    "uniqueItems": lambda _, value, instance: "the list's items must all differ "
                                              "(uniqueItems), and some are equal",
    "required": lambda error, value, instance: "missing required property " + (
        f"'{found.group(1)}'" if (found := _REQUIRED.match(error.message)) else names(value)),
    "dependentRequired": _required_with,
    "dependencies": _required_with,
    "not": _not,
    "contains": lambda _, value, instance: "the list has no item that matches the schema's "
                                           "`contains`",
    "minContains": lambda _, value, instance: f"fewer than {value} items of the list match "
                                              "the schema's `contains` (minContains)",
    "maxContains": lambda _, value, instance: f"more than {value} items of the list match "
                                              "the schema's `contains` (maxContains)",
    "items": lambda _, value, instance: "the list has more items than `prefixItems` "
                                        "describes, and `items: false` allows no more",
    "additionalItems": lambda _, value, instance: "the list has more items than `items` "
                                                  "describes, and `additionalItems: false` "
                                                  "allows no more",
    "anyOf": lambda _, value, instance: "the value matches none of the `anyOf` alternatives",
    "oneOf": lambda error, value, instance: (
        "the value matches none of the `oneOf` alternatives" if error.context
        else _one_of_many(error, value)),
    "additionalProperties": lambda _, value, instance: "the mapping has properties the "
                                                       "schema does not allow",
    "unevaluatedProperties": lambda _, value, instance: "the mapping has properties no "
                                                        "subschema that holds here allows "
                                                        "(unevaluatedProperties)",
    "unevaluatedItems": lambda _, value, instance: "the list has items no subschema that "
                                                   "holds here evaluates (unevaluatedItems)",
    "disallow": lambda _, value, instance: f"the value is {describe_kind(instance)}, "
                                           f"which the schema's `disallow` forbids "
                                           f"({_disallowed(value)})",
}
"""The keywords that fail on their own (the others, `properties`, `allOf`, `if`, `$ref`…,
fail through their subschemas' keywords), each with its wording."""


def _disallowed(value: Any) -> str:
    """What a draft-03 `disallow` names (draft-03 §5.25: a type name, or a list of type
    names and schemas), in words: `string, a schema`."""
    names = value if isinstance(value, list) else [value]
    return ", ".join(name if isinstance(name, str) else "a schema" for name in names)

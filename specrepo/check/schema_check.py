"""Turn JSON Schema errors into findings that point at a line and say how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from jsonschema.exceptions import ValidationError

from specrepo.base.caseless import shown_among
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.look_alike import canonical_twin, code_points
from specrepo.base.suggest import shown_choices, suggested
from specrepo.check.compiled_schema import CompiledSchema, plainly_valid
from specrepo.check.schema_messages import keyword_message
from specrepo.check.shown_values import show
from specrepo.check.unevaluated import (
    SchemaReferences,
    defined_properties,
    in_place_branches,
    real_mistakes,
    unevaluated_indexes,
    unevaluated_keys,
)
from specrepo.load.document import Document, JsonPath
from specrepo.load.ecma_regex import ecma_matches
from specrepo.load.error_relevance import best_alternative
from specrepo.model.findings import Finding, Severity

if TYPE_CHECKING:
    from specrepo.check.schema_branches import BranchReason

RULE: Final = "schema"


# When one value breaks several keywords, the first of these says it best ("'1' is not one
# of P0…P3" beats "expected a string"; "not a valid date" beats the date's regex).
_VALUE_KEYWORDS: Final = ("enum", "const", "format", "type", "pattern", "minLength",
                          "maxLength", "minimum", "maximum", "exclusiveMinimum",
                          "exclusiveMaximum", "multipleOf")


def check_schema(schema: CompiledSchema, file: Path, document: Document) -> list[Finding]:
    """Every schema violation in `document`: one finding per problem, the clearest one.

    Raises ConfigError when jsonschema cannot check the document (see `CompiledSchema`).
    """
    if plainly_valid(schema, document.data):
        return []
    return refused_findings(schema, file, document)


def refused_findings(schema: CompiledSchema, file: Path, document: Document) -> list[Finding]:
    """`check_schema`'s findings on a document the compiled verdict (`plainly_valid`) did
    not accept: jsonschema's errors, none when it accepts the document after all."""
    errors = schema.errors(document.data)
    return _chosen(_Context(file, document, schema.validator.schema, schema.references, errors,
                            document.data))


def value_findings(errors: Sequence[ValidationError], document: Document, within: JsonPath,
                   instance: Any, part: Any, references: SchemaReferences) -> list[Finding]:
    """The findings `check_schema` gives on `errors`, what a validator of `part` (a part of
    the schema that applies to the value at `within` in `document`: see
    `check.schema_parts.parts_along`) found in `instance`, that value: the same words at
    the same places (line and column in `document`) as validate's for the same value.
    Their `file` is empty (the caller knows it)."""
    return _chosen(_Context(Path(), document, part, references, errors, instance, within))


def _chosen(context: _Context) -> list[Finding]:
    """One finding per problem of `context.errors` (per value and place), the clearest."""
    findings: dict[tuple[JsonPath, str], Finding] = {}
    by_value: dict[tuple[JsonPath, int, int], tuple[int, Finding]] = {}
    for error in context.errors:
        for keyword, finding in _findings_for(error, context):
            if keyword in _VALUE_KEYWORDS:
                rank = _VALUE_KEYWORDS.index(keyword)
                current = by_value.get(at := (finding.json_path, finding.line, finding.column))
                if current is None or rank < current[0]:
                    by_value[at] = (rank, finding)
            else:
                findings.setdefault((finding.json_path, finding.message), finding)
    return sorted(_merge_misspelled_required(
        [*findings.values(), *(finding for _, finding in by_value.values())]))


@dataclass(frozen=True)
class _Context:
    """What the findings of one document, or of one value in it, are made from."""

    file: Path
    document: Document
    root_schema: Any
    """The schema the errors' schema paths start from."""
    references: SchemaReferences
    errors: Sequence[ValidationError]
    instance: Any
    """The value the errors' paths start from: the document's data, or its value at
    `within`."""
    within: JsonPath = ()

    def finding(self, at: JsonPath, message: str, path: JsonPath,
                details: tuple[str, ...] = (), *, key: bool = False) -> Finding:
        """The finding at the key naming the value at `at` with `key`, else where a finding
        on that value stands: a whole mapping or list (`minItems`, `contains`, `type`...)
        at its key too, as `required`'s (`Document.finding_position`)."""
        at, path = (*self.within, *at), (*self.within, *path)
        position = self.document.key_position(at) if key else \
            self.document.finding_position(at)
        return Finding.at(self.file, position, Severity.ERROR, RULE, message, path, details)


def _findings_for(error: ValidationError, context: _Context
                  ) -> Iterator[tuple[str, Finding]]:
    """The findings of one error, each with the keyword that produced it."""
    # Why a branch failed is asked only of a spec that fails the schema: a run with none
    # never loads it.
    from specrepo.check.schema_branches import branch_reason  # noqa: PLC0415 (see above)

    path: JsonPath = tuple(error.absolute_path)
    details: tuple[str, ...] = ()
    reason = branch_reason(error, context.root_schema, context.instance, context.references)
    because = f" (because {reason.text})" if reason else ""
    if error.validator in ("anyOf", "oneOf") and error.context:
        details = tuple(_describe_alternatives(error.context))
        needed = _alternative_requirements(error)
        if needed:
            message = f"needs at least one of {', '.join(repr(name) for name in needed)}"
            yield "required", context.finding(_at_trigger(path, reason), message + because,
                                              path, details, key=True)
            return
        if (as_enum := _as_enum(error)) is not None:
            enum, others = as_enum
            for keyword, finding in _findings_for(enum, context):
                yield keyword, _with_details(_with_message(
                    finding, ", and ".join([*others, finding.message])), details)
            return
        chosen = best_alternative(error)
        if chosen is not error:
            for keyword, finding in _findings_for(chosen, context):
                yield keyword, _with_details(finding, details)
            return
    if error.validator == "additionalProperties":
        for key in _unexpected_keys(error):
            yield "additionalProperties", context.finding(
                (*path, key), _unknown_key_message(key, _property_names(error.schema)) +
                because, (*path, key), details, key=True)
        return
    if error.validator == "unevaluatedProperties":
        yield from _unevaluated_properties(error, context)
        return
    if error.validator == "unevaluatedItems":
        yield from _unevaluated_items(error, context)
        return
    if error.validator == "required":
        missing = _REQUIRED.match(error.message)
        message = f"missing required property '{missing.group(1) if missing else error.message}'"
        yield "required", context.finding(_at_trigger(path, reason), message + because, path,
                                          details, key=True)
        return
    if (dependency := _dependency(error)) is not None:  # one finding per need, at its cause
        need, present = dependency
        message = f"missing required property '{need}' (required when '{present}' is set, " \
            f"{error.validator}){because}"
        yield str(error.validator), context.finding((*path, present), message, path, details,
                                                    key=True)
        return
    message = _message(error, context.document, (*context.within, *path)) + because
    at = _key_at(error, path)
    at = _at_trigger(path, reason) if at == path else at
    yield str(error.validator), context.finding(at, message, path, details, key=at != path)


def _at_trigger(path: JsonPath, reason: BranchReason | None) -> JsonPath:
    """Where a finding on the mapping at `path` stands: at the key that triggered the
    branch (`if`/`then`, `dependentSchemas`) that brought it, else at the mapping."""
    return path if reason is None or reason.trigger is None else (*path, reason.trigger)


def _dependency(error: ValidationError) -> tuple[str, str] | None:
    """The property missing and the one present that requires it, of a `dependentRequired`
    (draft 3-7 `dependencies` with a list or a name) error; None for another error. Told
    by jsonschema's message for each pair, `'issue' is a dependency of 'tracking'`
    (jsonschema/_keywords.py, _legacy_keywords.py)."""
    value = error.validator_value
    if error.validator not in ("dependentRequired", "dependencies") or not isinstance(
            value, dict):
        return None
    return next(((each, present) for present, needs in value.items() if isinstance(present, str)
                 for each in ([needs] if isinstance(needs, str) else
                              needs if isinstance(needs, list) else [])
                 if isinstance(each, str)
                 and error.message == f"{each!r} is a dependency of {present!r}"), None)


def _key_at(error: ValidationError, path: JsonPath) -> JsonPath:
    """Where a finding stands that is about a key rather than its mapping: the property
    name `propertyNames` refuses, the first property `not: {required: [...]}` forbids,
    the first property present whose `dependentRequired` (draft 4-7 `dependencies` list)
    needs are missing (where `_dependency` cannot tell which)."""
    instance = error.instance
    if "propertyNames" in error.absolute_schema_path and isinstance(instance, str):
        return (*path, instance)
    value = error.validator_value
    names: Any = None
    if error.validator == "not" and isinstance(value, dict):
        names = value.get("required")
    elif error.validator in ("dependentRequired", "dependencies") and isinstance(value, dict):
        names = [name for name, needs in value.items() if isinstance(needs, list) and any(
            need not in instance for need in needs if isinstance(instance, dict))]
    present = [name for name in names if isinstance(instance, dict) and name in instance] \
        if isinstance(names, list) else []
    return (*path, present[0]) if present else path


def _unevaluated_properties(error: ValidationError, context: _Context
                            ) -> Iterator[tuple[str, Finding]]:
    """One finding per unevaluated property that is a mistake of its own; "allowed here"
    names every property the subschemas in place define."""
    path: JsonPath = tuple(error.absolute_path)
    keys = unevaluated_keys(error)
    allowed = defined_properties(in_place_branches(error.schema, context.references))
    if not keys:  # not a property list jsonschema's message could be read from
        yield "unevaluatedProperties", context.finding(path, keyword_message(error), path)
        return
    for key in real_mistakes(error, keys, context.references, context.errors):
        message = _unknown_key_message(key, allowed)
        if message.endswith("?"):
            message += f" Allowed here: {', '.join(allowed)}"
        if key in allowed:
            message = (f"property '{key}' is only allowed by a subschema that does not hold "
                       "here, so it is unevaluated (unevaluatedProperties)")
        yield "unevaluatedProperties", context.finding(
            (*path, key), message, (*path, key), key=True)


def _unevaluated_items(error: ValidationError, context: _Context
                       ) -> Iterator[tuple[str, Finding]]:
    """One finding per unevaluated item that is a mistake of its own."""
    path: JsonPath = tuple(error.absolute_path)
    indexes = unevaluated_indexes(error)
    if not indexes:
        yield "unevaluatedItems", context.finding(path, keyword_message(error), path)
        return
    for index in real_mistakes(error, indexes, context.references, context.errors):
        yield "unevaluatedItems", context.finding(
            (*path, index), "unexpected item: no subschema that holds here evaluates it "
            "(unevaluatedItems)", (*path, index))


def _merge_misspelled_required(findings: list[Finding]) -> list[Finding]:
    """A misspelled required key is one mistake: keep the unknown-key finding at the typo,
    marked `(required)`, and drop the missing-property finding it explains."""
    missing = {(finding.json_path, name): finding for finding in findings
               if (name := _missing_name(finding.message)) is not None}
    merged: list[Finding] = []
    explained: set[int] = set()
    for finding in findings:
        suggested = _SUGGESTION.search(finding.message)
        parent = finding.json_path[:-1]
        cause = missing.get((parent, suggested.group(1))) if suggested else None
        if cause is not None:
            explained.add(id(cause))
        merged.append(finding if cause is None
                      else _with_message(finding, f"{finding.message} (required)"))
    return [finding for finding in merged if id(finding) not in explained]


_SUGGESTION: Final = re.compile(r"^unknown property '.*'; did you mean '(.*?)'\?")
_MISSING: Final = re.compile(
    r"^missing required property '(.*)'(?: \((?:required when|because) .*\))?$")
_REQUIRED: Final = re.compile(r"'(.*)' is a required property")


def _missing_name(message: str) -> str | None:
    found = _MISSING.match(message)
    return found.group(1) if found else None


def _with_message(finding: Finding, message: str) -> Finding:
    return Finding(finding.path, finding.line, finding.column, finding.severity, finding.rule,
                   message, finding.json_path, finding.details)


def _alternative_requirements(error: ValidationError) -> list[str]:
    """For `anyOf: [{required: [a]}, {required: [b]}]` failing whole: the names a, b."""
    context = error.context or []
    if not all(child.validator == "required" and not child.path for child in context):
        return []
    instance: Any = error.instance
    names: list[str] = []
    for child in context:
        required: Any = child.validator_value
        names.extend(name for name in required
                      if isinstance(instance, dict) and name not in instance)
    return names


def _with_details(finding: Finding, details: tuple[str, ...]) -> Finding:
    return Finding(finding.path, finding.line, finding.column, finding.severity, finding.rule,
                   finding.message, finding.json_path, details)


def _as_enum(error: ValidationError) -> tuple[ValidationError, list[str]] | None:
    """An anyOf/oneOf that some `const` or `enum` alternatives of a scalar value failed,
    worded as one enum (`oneOf: [{const: Draft}, {$ref: states}]` is an enum; so are
    alternatives that are anyOf/oneOf of such in turn): the enum's error, with every value
    they allow (in the order written, each once), and the message of each other
    alternative that failed (a `pattern`...); None for any other."""
    if isinstance(error.instance, (dict, list)):
        return None
    values: list[Any] = []
    others: dict[object, str] = {}  # by alternative: its first failure
    if not _gather_constants(error, values, others, ()) or not values:
        return None
    return ValidationError(error.message, validator="enum", validator_value=values,
                           instance=error.instance, schema=error.schema,
                           path=error.absolute_path, schema_path=error.absolute_schema_path
                           ), list(others.values())


def _gather_constants(error: ValidationError, values: list[Any], others: dict[object, str],
                      within: tuple[object, ...]) -> bool:
    """Add to `values` what the const/enum alternatives of the anyOf/oneOf `error` allow,
    and to `others` the first failure of each other alternative (by its place `within`
    the outer one); False when an alternative failed below the value (an item of it)."""
    for child in error.context or ():
        if child.relative_path:
            return False
        branch = (*within, child.relative_schema_path[0] if child.relative_schema_path else None)
        if child.validator in ("anyOf", "oneOf") and child.context:
            if not _gather_constants(child, values, others, branch):
                return False
        elif child.validator in ("const", "enum"):
            allowed = child.validator_value
            for value in allowed if child.validator == "enum" and isinstance(allowed, list) \
                    else [allowed]:
                if not any(value == kept and type(value) is type(kept) for kept in values):
                    values.append(value)
        else:
            others.setdefault(branch, keyword_message(child))
    return True


def _describe_alternatives(errors: Iterable[ValidationError]) -> Iterator[str]:
    for child in errors:
        branch = child.relative_schema_path[0] if child.relative_schema_path else "?"
        yield f"alternative {branch}: {keyword_message(child)}"


def _property_names(schema: Any) -> list[str]:
    properties = schema.get("properties") if isinstance(schema, dict) else None
    return list(properties) if isinstance(properties, dict) else []


def _unexpected_keys(error: ValidationError) -> list[str]:
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    if not isinstance(instance, dict):
        return []
    return [key for key in instance
            if key not in known and not any(ecma_matches(pattern, key) for pattern in patterns)]


def _unknown_key_message(key: str, known: Sequence[str]) -> str:
    if (twin := canonical_twin(key, known)) is not None:
        return (f"unknown property '{key}': the schema's '{twin}' written with other Unicode "
                f"code points ('{code_points(key)}', not '{code_points(twin)}'); retype it")
    shown, suggestion = suggested(key, known)
    if suggestion:
        return f"unknown property '{shown}'; did you mean '{suggestion}'?"
    if known:
        return f"unknown property '{shown}'; allowed here: " \
            f"{', '.join(shown_choices(known, (key,)))}"
    return f"unknown property '{shown}'"


def _message(error: ValidationError, document: Document, path: JsonPath) -> str:
    """The worded message of one keyword's failure (`keyword_message`); a failure inside
    `propertyNames` names the property name it is about."""
    source = tag = None
    if error.validator == "type":
        _, _, source, tag = document.locate(path)
    message = keyword_message(error, source, tag)
    if "propertyNames" in error.absolute_schema_path:
        allowed = error.validator_value if error.validator == "enum" \
            and isinstance(error.validator_value, list) else []
        name = shown_among(error.instance, [str(value) for value in allowed]) \
            if isinstance(error.instance, str) else error.instance
        return f"property name {show(name)}: {message}"
    return message

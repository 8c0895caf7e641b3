"""What one historical version of a spec said, field by field, as far as history needs it.

Each mined field is judged on its own: a version with a bad date still gives its status,
title, reviewers and questions. A field that is present but off-schema (or missing where
the schema requires it) is unreadable, and says why; a version that does not load at all
(bad YAML, too large, a Git LFS pointer whose content is not here) has every field
unreadable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from specrepo.base import inputs
from specrepo.check.compiled_schema import schema_failures
from specrepo.check.mapped_fields import unreadable_field, unreadable_title
from specrepo.history.field_checks import FieldCheck, field_checks
from specrepo.history.readings import Reading, moved_back, moved_fields, with_value
from specrepo.history.skipped import LFS_MISSING, OVERSIZED
from specrepo.load.document import JsonPath, JsonValue, value_at
from specrepo.load.lfs_pointer import is_lfs_pointer
from specrepo.load.markdown_body import body_sections
from specrepo.load.no_verdict import NoVerdict
from specrepo.load.schema_source import SPEC_SCHEMA, SchemaSource, bundled_source
from specrepo.load.spec_files import SpecContent, load_spec_content
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.spec_record import person_name, record_from_content
from specrepo.model.spec_title import titled_document
from specrepo.model.version import (
    MINED_FIELD_OF,
    VERSION_ATTRIBUTE,
    FieldProblem,
    MinedField,
    QuestionState,
    Version,
    VersionContent,
    unloaded_version,
    unreadable_version,
)
from specrepo.model.workflow import unknown_state

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

    from specrepo.check.unevaluated import SchemaReferences
    from specrepo.load.schema_scope import SchemaScope

    _Failure = tuple[SchemaScope, list[ValidationError]]
    """A part of the schema that refuses a value, and every error it finds in it."""

# The schema's parts, jsonschema with them, are imported when a reader is made: a warm run
# that reads no version (every spec's history cached, no file without one) never loads them.

_LFS_OID: Final = re.compile(rb"^oid sha256:([0-9a-f]{64})$", re.MULTILINE)


def _misshapen(content: SpecContent, name: str, path: JsonPath,
               fields: FieldMap) -> FieldProblem | None:
    """Why field `name` at `path` cannot be read though the schema lets it through (a
    loose schema: `questions` a mapping keyed by id, `reviewers` text; a heading's title
    whose way is blocked, `unreadable_title`), as validate's `spec-field` check says it
    (`unreadable_field`: the one definition of readable), and where; None when it
    reads."""
    found = unreadable_field(content.document, name, path)
    if found is None and name == "title" and content.body is not None:
        found = unreadable_title(content, fields)
    if found is None:
        return None
    where, message = found
    return _placed(content, where, message)


def _first_missing(data: Any, path: JsonPath) -> int | None:
    """How many keys of `path` lead into `data` before one a mapping lacks (`len(path)`:
    the value is there, null maybe); None where a value on the way is no mapping."""
    for index, key in enumerate(path):
        if not isinstance(data, dict):
            return None
        if key not in data:
            return index
        data = data[key]
    return len(path)


def _placed(content: SpecContent, path: JsonPath, why: str) -> FieldProblem:
    """`why`, at the place in `content`'s file of the value at `path`."""
    line, column = content.document.finding_position(path)
    return FieldProblem(why, line, column)


class VersionReader:
    """Reads historical versions, checking each mined field against its part of the schema.

    Each field is checked by a compiled predicate where the schema is simple enough (see
    `schema_predicates`), else by jsonschema, once per distinct value. A typo in, say, the
    design section of an old version says nothing about its status: only each mined
    field's own value decides whether that field can be trusted.
    """

    def __init__(self, limits: LoadLimits, source: SchemaSource | None = None,
                 field_map: FieldMap = DEFAULT_FIELDS, lfs_objects: Path | None = None,
                 *, front_matter: bool = False, states: Sequence[str] = ()) -> None:
        self.limits = limits
        self.front_matter = front_matter
        """Whether versions are Markdown files whose data is their front matter."""
        self.source = source or bundled_source(SPEC_SCHEMA)
        self.fields = field_map
        self.states = tuple(states)
        """The workflow's states: a status naming none is unreadable (`unknown_state`)."""
        self.statuses: dict[str, str] = {}
        """Status names -> the names the versions are compared in (`Reading.statuses`)."""
        self.stale: dict[str, str] = {}
        """Old status names -> the names of the states they became (`Reading.stale`)."""
        self.moves: tuple[tuple[JsonPath, JsonPath], ...] = ()
        """Where the fields go in the content compared (`Reading.moves`)."""
        self.compared_as_text: tuple[JsonPath, ...] | None = None
        """The paths the content compared reads as text where they are not this reader's
        `read_as_text`: the target's, so that a configuration adding or dropping
        `read_as_text` changes no value compared (None: this reader's own)."""
        self.fallback: VersionReader | None = None
        """The reader of the fields this one cannot read (see `readings`)."""
        self.unmapped: frozenset[MinedField] = frozenset()
        """The fields the fallback maps and this reader's field map does not."""
        self.checks = field_checks(self.source, field_map)
        self._mined = tuple(field_map.mined().items())
        self.lfs_objects = lfs_objects
        self.lfs_missing: set[str] = set()
        """Git LFS objects that pointers named and that are not here."""
        self.validators: dict[str, list[Validator]] = {}
        self.verdicts: dict[tuple[str, str] | tuple[str, str, None],
                            _Failure | str | None] = {}
        """Each field's distinct values -> the failure of each that fails (`_errors`), or
        why a pattern of its schema did not decide on it (`NoVerdict`)."""
        self._references: SchemaReferences | None = None
        self._files: dict[str, Path] = {}
        """Each path read, as its `Path` (the versions of a file share one)."""
        self._readable: set[tuple[str, str] | tuple[str, str, None]] = set()
        """Mined fields' values (not null) found readable, keyed as `verdicts`."""

    def _validators(self, name: str) -> list[Validator]:
        if name not in self.validators:
            self.validators[name] = [part.validator() for part in self.checks[name].parts]
        return self.validators[name]

    def _errors(self, name: str, value: Any) -> _Failure | None:
        """The first part of the schema that applies to field `name` (`FieldCheck.parts`)
        that refuses `value`, with every error it finds there; ConfigError, naming the
        schema, where jsonschema cannot give a verdict."""
        with schema_failures(self.source.name):
            for part, validator in zip(self.checks[name].parts, self._validators(name),
                                       strict=True):
                errors = list(validator.iter_errors(value))
                if errors:
                    return part, errors
        return None

    def _problem(self, name: str, check: FieldCheck, value: Any,
                 content: SpecContent) -> FieldProblem | None:
        """Why the schema refuses field `name`'s `value` in `content`, as validate says it
        and where (a null too: `open_questions:` with nothing after it is no empty list);
        a required field absent or null is never read, whatever the schema."""
        if value is None:
            found = _first_missing(content.document.data, check.path)
            if found != len(check.path):  # absent (a null is judged as any value)
                if not check.required:
                    return None
                if found is None:  # the schema says what the value on the way is not
                    return _placed(content, check.path, f"{name}: missing")
                line, column = content.document.key_position(check.path[:found])
                return FieldProblem(f"missing required property '{check.path[found]}'",
                                    line, column)
        # Versions mostly repeat their fields' values: each distinct value is judged once
        # (for JSON data, equal reprs mean equal values; text is its own key).
        key = (name, value) if type(value) is str else (name, repr(value), None)
        if key not in self.verdicts:
            try:
                if check.predicate is not None and check.predicate(value):
                    self.verdicts[key] = None  # it passes: no need to ask jsonschema
                else:  # jsonschema decides, and says why
                    self.verdicts[key] = self._errors(name, value)
            except NoVerdict as error:  # a pattern did not decide: the value is not trusted
                self.verdicts[key] = f"{name}: {error}"  # (check61: exit 2, no way out)
        failure = self.verdicts[key]
        if isinstance(failure, str):
            return _placed(content, check.path, failure)
        if failure is not None:
            return self._worded(failure, check.path, value, content)
        if value is None and check.required:  # null where the schema requires a value
            return _placed(content, check.path, f"{name}: missing")
        return None

    def _worded(self, failure: _Failure, path: JsonPath, value: Any,
                content: SpecContent) -> FieldProblem:
        """Why the value at `path` of `content` (`value`) fails its part of the schema, in
        validate's words at validate's place for the same value (`value_findings`: the
        first of its findings there). Worded for each version: where the value stands, and
        how it is written (`1.10` read as a number), are the version's own."""
        from specrepo.check.schema_check import value_findings  # noqa: PLC0415 (a failure)
        from specrepo.check.schema_messages import keyword_message  # noqa: PLC0415
        from specrepo.check.unevaluated import SchemaReferences  # noqa: PLC0415
        from specrepo.load.schema_scope import root_scope  # noqa: PLC0415

        if self._references is None:  # as `CompiledSchema.references`, for the parts' root
            with schema_failures(self.source.name):
                root = root_scope(self.source, checked=True, inline=False)
            self._references = SchemaReferences(root.resolver,
                                                {"": root.contents, **self.source.linked})
        part, errors = failure
        with schema_failures(self.source.name):
            found = value_findings(errors, content.document, path, value, part.contents,
                                   self._references)
        if found:
            return FieldProblem(found[0].message, found[0].line, found[0].column)
        # An error no finding words (validate finds none there either): said as it is
        first = errors[0]
        return _placed(content, (*path, *first.absolute_path), keyword_message(first))

    @classmethod
    def of(cls, reading: Reading, target: VersionReader) -> VersionReader:
        """A reader of versions as `reading` reads them, towards `target`'s reading (its
        limits, Git LFS objects, and the fields it reads where `reading` cannot)."""
        if reading.fields == target.fields and reading.front_matter == target.front_matter \
                and reading.schema == target.source and not reading.statuses \
                and not reading.stale and reading.states == target.states:
            return target
        reader = cls(target.limits, reading.schema, reading.fields, target.lfs_objects,
                     front_matter=reading.front_matter, states=reading.states)
        reader.statuses, reader.moves = dict(reading.statuses), reading.moves
        compared = target.fields.read_as_text if target.compared_as_text is None \
            else target.compared_as_text
        if reading.fields.read_as_text != compared:
            reader.compared_as_text = moved_back(compared, reading.moves)
        reader.stale = dict(reading.stale)
        reader.fallback = target
        reader.unmapped = frozenset(MINED_FIELD_OF[name] for name in target.fields.mined()) \
            - {MINED_FIELD_OF[name] for name in reading.fields.mined()}
        return reader

    def oversized(self, size: int) -> Version:
        """The version of a blob too large to read."""
        return unreadable_version(f"{size:,} bytes, {OVERSIZED} "
                                  f"({self.limits.max_bytes:,}); not read")

    def read(self, raw: bytes, path: str) -> Version:
        """A blob's mined fields, each readable or not."""
        return self.read_with_content(raw, path, content=False)[0]

    def read_with_content(self, raw: bytes, path: str, *, content: bool = True
                          ) -> tuple[Version, VersionContent | None]:
        """A blob's mined fields and (with `content`) the whole document for comparing its
        content, parsed once. The whole document is loaded either way, as `validate` loads
        it: one that does not load (a duplicate key deep in the design section too, which
        `validate` refuses the file for) has every field unreadable, each of its problems
        named at its place, whoever reads it (trial38b, small39: a reader of the mined
        fields alone, the report's work tree files, a branch's ids, the fallback reader,
        built only their top-level keys and missed a problem in another key's value)."""
        if is_lfs_pointer(raw):
            found = self._lfs_content(raw)
            if isinstance(found, Version):
                return found, None
            raw = found
        try:
            loaded = load_spec_content(raw, self.fields.read_as_text, self.limits,
                                       front_matter=self.front_matter)
        except YamlError as error:
            return unloaded_version(error), None
        whole = None
        if content:
            body = None if loaded.parsed_body is None else body_sections(loaded.parsed_body)
            compared = loaded if self.compared_as_text is None else load_spec_content(
                raw, self.compared_as_text, self.limits, front_matter=self.front_matter)
            whole = VersionContent(self._compared(compared.document.data), body)
        version = self._version(loaded, path)
        if (version.unreadable or self.unmapped) and self.fallback is not None:
            version = version.completed_by(self.fallback.read(raw, path), self.unmapped)
        return version, whole

    def _compared(self, data: JsonValue) -> JsonValue:
        """A document (`data`) as versions are compared: its fields at the target's
        paths (`moves`), its status under the name versions are compared in (`_status`:
        a state the configuration renamed since reads as its new name, as the mined
        status does; trial41 diff-shows-state-rename-as-status-change)."""
        moved = moved_fields(data, self.moves)
        if self.fields.status is None or not (self.statuses or self.stale):
            return moved
        path = dict(self.moves).get(self.fields.status, self.fields.status)
        status = value_at(moved, path)
        if not isinstance(status, str) or self._status(status) == status:
            return moved
        return with_value(moved, path, self._status(status))

    def _version(self, content: SpecContent, path: str) -> Version:
        data = content.document.data
        file = self._files.get(path)
        if file is None:
            file = self._files[path] = Path(path)
        record = record_from_content(file, content, self.fields, id_required=False)
        unreadable: dict[MinedField, FieldProblem] = {}
        written_title = None
        titled = content.body is not None
        for name, field_path in self._mined:
            check = self.checks.get(name)
            value = value_at(data, field_path)
            # A value found readable before reads again (each check below judges the value
            # alone where it is there, but a body's title): most versions repeat most values.
            known = None if value is None or (titled and name == "title") else \
                (name, value) if type(value) is str else (name, repr(value), None)
            if known in self._readable:
                continue
            if name == "status" and isinstance(value, str):
                value = self.stale.get(value, value)  # an old name: the state it became
            judged = content
            if name == "title" and content.body is not None:  # its heading's, or none
                judged = replace(content, document=titled_document(content, self.fields))
                value = value_at(judged.document.data, field_path)
            problem = None if check is None else self._problem(name, check, value, judged)
            if problem is None and name == "status":
                # No state names it: validate's `unknown-status`, whatever the schema (which
                # says it first where it refuses the value, as validate does)
                problem = self._unknown(content, field_path, value)
            if problem is None:
                problem = _misshapen(content, name, field_path, self.fields)
            if name == "id" and problem is None and not record.id:
                problem = FieldProblem("id: missing" if value is None
                                       else "id: not text or a number")
            if problem is not None:
                unreadable.setdefault(MINED_FIELD_OF[name], problem)
                if name == "title" and isinstance(value, str) and value.strip():
                    written_title = value
            elif known is not None:
                self._readable.add(known)
        version = Version(
            spec_id=record.id or None,
            title=record.title if self.fields.title else record.title or None,
            status=self._status(record.status) or None,
            authors=record.authors,
            created=record.created,
            updated=record.updated,
            reviewers=tuple((person_name(r.name), r.approved) for r in record.reviewers),
            questions=tuple(QuestionState(q.id, q.text, q.state, q.owner)
                            for q in record.questions),
        )
        if not unreadable:
            return version
        return replace(Version(), **{
            attribute: getattr(version, attribute) for name, attribute in VERSION_ATTRIBUTE.items()
            if name not in unreadable}, unreadable=tuple(sorted(unreadable.items())),
            written_title=written_title)

    def _unknown(self, content: SpecContent, path: JsonPath, status: Any
                 ) -> FieldProblem | None:
        """Why `status` (at `path`, old names already read as their states) is no state
        of the workflow (`unknown_state`, as validate's `unknown-status` says), led by
        where; None for a state, or where the reader has no workflow (`states` empty).
        A loose schema lets `In Reveiw` through; the bundled one's enum does not."""
        if not self.states or not isinstance(status, str) or not status:
            return None
        why = unknown_state(status, self.states)
        return None if why is None else _placed(content, path, f"unknown-status: {why}")

    def _status(self, status: str) -> str:
        """A version's status under the name versions are compared in."""
        status = self.stale.get(status, status)
        return self.statuses.get(status, status)

    def _lfs_content(self, pointer: bytes) -> bytes | Version:
        """The content a Git LFS pointer stands for, read from the local LFS store, or
        the unreadable version that says why it is not there."""
        match = _LFS_OID.search(pointer)
        if match is None or self.lfs_objects is None:
            return unreadable_version("a Git LFS pointer that names no object")
        oid = match.group(1).decode()
        stored = self.lfs_objects / oid[:2] / oid[2:4] / oid
        try:
            size = inputs.reader.stat(stored).st_size
            if size > self.limits.max_bytes:
                return self.oversized(size)
            return inputs.reader.read_bytes(stored)
        except OSError:
            self.lfs_missing.add(oid)
            return unreadable_version(
                f"a Git LFS pointer; this version's content is {LFS_MISSING} "
                "(`git lfs fetch --all` brings every version)")

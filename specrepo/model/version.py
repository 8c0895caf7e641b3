"""What one historical version of a spec said, field by field, as far as history needs it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, Final, Literal

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import JsonValue, Position
from specrepo.load.markdown_body import Section
from specrepo.load.yaml_text import YamlError

MinedField = Literal["id", "title", "status", "authors", "created", "updated", "reviewers",
                     "questions"]
MINED_FIELDS: Final[tuple[MinedField, ...]] = (
    "id", "title", "status", "authors", "created", "updated", "reviewers", "questions")
MINED_FIELD_OF: Final[dict[str, MinedField]] = {
    "id": "id", "title": "title", "status": "status", "authors": "authors",
    "created": "created", "updated": "updated", "reviewers": "reviewers",
    "approvers": "reviewers", "questions": "questions",
}
"""The field map's mined fields -> the version field each feeds."""
VERSION_ATTRIBUTE: Final[dict[MinedField, str]] = {
    "id": "spec_id", "title": "title", "status": "status", "authors": "authors",
    "created": "created", "updated": "updated", "reviewers": "reviewers",
    "questions": "questions",
}
"""Each mined field -> the attribute of `Version` that holds it."""


@dataclass(frozen=True)
class QuestionState:
    """A question as one version states it."""

    id: str
    text: str
    state: str
    owner: str | None


def place_of(path: str, line: int | None, column: int | None) -> str:
    """A place in a file as validate names it: `specs/a.yaml:6:3` (1-based line and
    column), or the file alone (`line` None)."""
    return path if line is None else f"{path}:{line}:{column}"


@dataclass(frozen=True)
class FieldProblem:
    """Why a mined field of one version cannot be read (`why`, in the words validate uses
    for the same value), and where its bad value stands in the version's file: `line` and
    `column`, 1-based (for a file that does not load, its first problem's, as validate's
    `yaml-syntax` names it), or both None for a reason on no one value (a file too large
    to read, a Git LFS pointer whose content is not here)."""

    why: str
    line: int | None = None
    column: int | None = None

    def where(self, path: str, commit: str | None = None) -> str:
        """Where the bad value stands in the file `path`, as validate names a place
        (`specs/a.yaml:6:3`; the file alone for a reason on no one value), a committed
        version's followed by its commit (`specs/a.yaml:6:3 (commit 1a2b3c4d5e)`: the one
        form every message on a version of a commit uses)."""
        place = place_of(path, self.line, self.column)
        return place if commit is None else f"{place} (commit {commit[:10]})"

    def at(self, path: str, commit: str | None = None) -> str:
        """The reason led by its place (`where`), as validate says it:
        `specs/a.yaml:6:3: why`."""
        return f"{self.where(path, commit)}: {self.why}"

    @classmethod
    def joined(cls, problems: Sequence[FieldProblem], path: str,
               commit: str | None = None) -> FieldProblem:
        """One problem for `problems` (at least one) of a version of the file `path`: the
        first's place, and its words followed by each other's led by its own place (`at`),
        so that `at` names each reason at its place."""
        first, *more = problems
        return cls("; ".join([first.why, *(problem.at(path, commit) for problem in more)]),
                   first.line, first.column)


def refused_words(version: Version) -> str:
    """What is wrong with a version some field of which cannot be read, in the words every
    command uses, before its reasons (`said_at`): it `cannot be read` (`Version.loads`
    False), or it `reads, but fails` validate (a field fails the schema, or is of a shape
    specrepo cannot read), as validate names it at its place (low59: a status
    off the schema was said to make the whole version unreadable)."""
    return "reads, but fails `specrepo validate`" if version.loads else "cannot be read"


def skipped_fields(versions: str) -> str:
    """What the history check did with `versions` (`1 committed version of this spec`)
    that do not load or fail the schema, in the words every command uses: never that they
    cannot be read, for one that reads is not unreadable (low59)."""
    return f"the history check skipped the fields it could not read in {versions}"


def said_at(problems: Sequence[FieldProblem], path: str, commit: str | None = None) -> str:
    """`problems` (at least one) of a version of the file `path` (of `commit`, if given),
    each led by its place (`FieldProblem.at`): `specs/a.yaml:9:1: YAML syntax error: ...`."""
    return FieldProblem.joined(problems, path, commit).at(path, commit)


@dataclass(frozen=True)
class Version:
    """The mined fields of one blob, and which of them cannot be trusted."""

    spec_id: str | None = None
    title: str | None = None
    status: str | None = None
    authors: tuple[str, ...] = ()
    created: str | None = None
    updated: str | None = None
    reviewers: tuple[tuple[str, str | None], ...] = ()
    """(name without email, approval date or None), in the spec's order."""
    questions: tuple[QuestionState, ...] = ()
    unreadable: tuple[tuple[MinedField, FieldProblem], ...] = ()
    """(field, why and where) for every field whose value in this version cannot be trusted; its
    value here is empty, or (after `filled_from`) the last readable one."""
    written_title: str | None = None
    """The title as this version writes it where the schema refuses it but it is text that
    shows something (a pattern a custom schema asks for, a length it limits): what the
    report shows of a spec no version of which had a readable title; None for another."""

    @property
    def problems(self) -> tuple[FieldProblem, ...]:
        """Why the version is not wholly readable (none when it is): each reason once, in
        the order of the file (a reason on no one value first)."""
        return tuple(sorted(dict.fromkeys(why for _, why in self.unreadable),
                            key=lambda why: (why.line or 0, why.column or 0)))

    def problem_at(self, path: str, commit: str | None = None) -> FieldProblem | None:
        """Why this version of the file `path` (of `commit`, if given) is not wholly
        readable, as one problem (`FieldProblem.joined`); None when it is."""
        problems = self.problems
        return FieldProblem.joined(problems, path, commit) if problems else None

    @property
    def loads(self) -> bool:
        """Whether some field of the version reads: False for one that does not load (a
        YAML error, too large, a Git LFS pointer whose content is not here) or holds no
        mapping, where no field can be read; True for one that reads, though some of its
        fields may fail the schema (`refused_words`)."""
        return len({name for name, _ in self.unreadable}) < len(MINED_FIELDS)

    def lacks(self, name: MinedField) -> bool:
        """Whether the field cannot be read because the version has no value there (a
        status absent or null: validate's `spec-field` says so, `ABSENT`), not one of a
        shape specrepo cannot read."""
        return any(field == name and why.why.startswith(ABSENT)
                   for field, why in self.unreadable)

    def readable(self, name: MinedField) -> bool:
        """Whether this version's own value of the field can be trusted."""
        return not self.unreadable or all(field != name for field, _ in self.unreadable)

    def value(self, name: MinedField) -> Any:
        """The value of a mined field."""
        return getattr(self, VERSION_ATTRIBUTE[name])

    def filled_from(self, earlier: Version | None) -> Version:
        """This version with each unreadable field given `earlier`'s value: what the spec
        said as far as anyone can tell (the last readable value of each field)."""
        if earlier is None or not self.unreadable:
            return self
        return replace(self, **{VERSION_ATTRIBUTE[name]: earlier.value(name)
                                for name, _ in self.unreadable})

    def completed_by(self, other: Version, unmapped: Iterable[MinedField] = ()) -> Version:
        """This version with each field it cannot read (and those `unmapped`, which it
        does not read at all) taken from `other` (the same blob read otherwise) where
        `other` can read it."""
        taken = [name for name in dict.fromkeys(
            [*(name for name, _ in self.unreadable), *unmapped]) if other.readable(name)]
        if not taken:
            return self
        return replace(self, **{VERSION_ATTRIBUTE[name]: other.value(name) for name in taken},
                       unreadable=tuple(entry for entry in self.unreadable
                                        if entry[0] not in taken))


@dataclass(frozen=True)
class VersionContent:
    """What comparing one blob's content with another's needs (`compare.content_events`):
    the whole document as JSON-shaped data (the field map's `read_as_text` applied), and
    for a Markdown spec (`front_matter: true`) its body's sections (None for a YAML spec).

    History holds it only while it walks (the cache keeps the events it gave, not the
    content), and reads it again from git when a later run needs it.
    """

    data: JsonValue
    body: tuple[Section, ...] | None = None


ABSENT: Final = "the spec has no "
"""How validate's `spec-field` message on a field the spec lacks begins (`lacks`)."""


def unreadable_version(why: str, at: Position | None = None) -> Version:
    """A version none of whose fields can be read, for `why` (a file too large to read, a
    Git LFS pointer whose content is not here), `at` its place in the file when there is
    one."""
    problem = FieldProblem(why) if at is None else FieldProblem(why, at.line, at.column)
    return Version(unreadable=tuple((name, problem) for name in MINED_FIELDS))


def unloaded_version(error: YamlError) -> Version:
    """A version none of whose fields can be read because its file does not load: every
    problem `error` names (`YamlError.every`, each at its place), as plain validate
    reports them all (place37b: not only the first)."""
    return Version(unreadable=tuple((name, problem) for problem in load_problems(error)
                                    for name in MINED_FIELDS))


def load_problems(error: YamlError) -> tuple[FieldProblem, ...]:
    """Each problem of a file that does not load (`YamlError.every`), at its place."""
    return tuple(FieldProblem(problem.message, *(problem.position or (None, None)))
                 for problem in error.every)

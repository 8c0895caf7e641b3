"""The draft each local schema file, or part of one, is reached in: that of the subschemas
whose `$ref`s lead to it (`draft_in_force`), so that its keywords are judged as jsonschema
reads them there, not by its own `$schema` alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urljoin

import jsonschema
from jsonschema.protocols import Validator

from specrepo.base.paths import display_path
from specrepo.load.referenced_parts import pointer_steps
from specrepo.load.schema_files import Reference
from specrepo.load.schema_problems import SchemaProblem
from specrepo.load.schema_vocabulary import draft_name

_PREFERRED: Final[tuple[type[Validator], ...]] = (
    jsonschema.Draft7Validator, jsonschema.Draft6Validator, jsonschema.Draft4Validator,
    jsonschema.Draft3Validator, jsonschema.Draft202012Validator,
    jsonschema.Draft201909Validator)
"""Which of several drafts a place is reached in comes first: the one it is walked in (its
references, and what its judgement takes out; `ReachedDrafts.of`), and the first a problem
found in several is said as found in. It is judged in each (`ReachedDrafts.all_of`): a
keyword one of them ignores checks nothing on the paths entering there, so it is refused
(schema45), as a keyword beside `$ref` is where any draft reaching it ignores it (trial44b).
First the drafts in which keywords beside `$ref` are ignored (`REF_SIBLINGS_IGNORED`, the
latest of them first)."""

Place = tuple[str, tuple[str | int, ...] | None]
"""A file's URI, and the keys and indices of the part of it a JSON Pointer leads to (None:
the file whole, or a place an anchor names in it)."""


class ReachedDrafts:
    """The drafts of the subschemas whose references reach each place (`Place`)."""

    def __init__(self, default: type[Validator]) -> None:
        self.default = default
        """The draft of a place no reference is known to reach yet (the root schema's)."""
        self.drafts: dict[Place, set[type[Validator]]] = {}
        self.seen: set[tuple[str, str, type[Validator]]] = set()
        """The references recorded, with the draft each is made in."""
        self.referrers: dict[tuple[Place, type[Validator]], str] = {}
        """The base URI of the first reference recorded to reach each place in each draft."""
        self.joined: dict[tuple[str, str], tuple[str, str, str]] = {}
        """Each reference's target, by its base URI and itself (URI, `#`, fragment)."""

    def add(self, references: Iterable[Reference], documents: dict[str, Any]) -> bool:
        """Record the draft each of `references` reaches its target in (of the files
        `documents`, by URI); whether that changed the draft of any place (`of`). A
        reference is read once for each draft it is made in, once its file is read."""
        changed = False
        for base, reference, _, here in references:
            seen = (base, reference, here.reaching())
            if seen in self.seen:
                continue
            joined = self.joined.get((base, reference))
            if joined is None:
                joined = self.joined[base, reference] = urljoin(base, reference).partition("#")
            document, _, fragment = joined
            if document not in documents:
                continue  # its file is not read yet: read again on the next call
            self.seen.add(seen)
            fragment = unquote(fragment)
            steps = pointer_steps(documents[document], fragment) \
                if fragment.startswith("/") else None
            place = (document, steps)
            before = self.of(*place)
            self.drafts.setdefault(place, set()).add(here.reaching())
            self.referrers.setdefault((place, here.reaching()), base)
            changed = changed or self.of(*place) is not before
        return changed

    def of(self, uri: str, at: tuple[str | int, ...] | None) -> type[Validator]:
        """The draft the place (`uri`, `at`) is reached in: of several, one that ignores
        keywords beside `$ref` where any does (see `_PREFERRED`); the root's where no
        reference is known to reach it."""
        known = self.drafts.get((uri, at))
        if not known:
            return self.default
        return next(draft for draft in (*_PREFERRED, *sorted(known, key=str))
                    if draft in known)

    def all_of(self, uri: str, at: tuple[str | int, ...] | None
               ) -> tuple[type[Validator], ...]:
        """Every draft the place (`uri`, `at`) is reached in, in `_PREFERRED`'s order (`of`'s
        first): it is judged in each (schema45), for a keyword one of them ignores checks
        nothing on the paths that enter it there."""
        known = self.drafts.get((uri, at))
        if not known:
            return (self.default,)
        return tuple(sorted(known, key=lambda draft: (
            _PREFERRED.index(draft) if draft in _PREFERRED else len(_PREFERRED), str(draft))))

    def problems(self, uri: str, at: tuple[str | int, ...] | None, files: Mapping[str, Path],
                 judge: Callable[[type[Validator]], list[SchemaProblem]]
                 ) -> list[SchemaProblem]:
        """The problems `judge` finds at the place (`uri`, `at`) in each draft it is reached
        in (`all_of`), merged: those at a line and column are the first draft's to find one
        there, noted with each draft that does (`judged_as`); where one draft reaches it,
        its own."""
        drafts = self.all_of(uri, at)
        if len(drafts) < 2:
            return judge(drafts[0])
        found: dict[object, tuple[list[SchemaProblem], list[type[Validator]]]] = {}
        for draft in drafts:
            here: dict[object, list[SchemaProblem]] = {}
            for problem in judge(draft):
                here.setdefault(_place(problem), []).append(problem)
            for key, group in here.items():
                found.setdefault(key, (group, []))[1].append(draft)
        return [SchemaProblem(problem.file, problem.line, problem.column,
                              f"{problem.message} ({self.judged_as(uri, at, files, *by)})")
                for problems, by in found.values() for problem in problems]

    def dialects(self, files: Iterable[str],
                 parts: Mapping[str, tuple[tuple[str | int, ...], ...] | None]
                 ) -> dict[str, str]:
        """The metaschema URI of the draft each of `files` (URIs) is reached in (`of`): as
        a whole, else in the first of its `parts` a pointer reaches."""
        return {uri: self.of(uri, None if not (steps := parts.get(uri)) else steps[0])
                .META_SCHEMA["$schema"] for uri in files}

    def judged_as(self, uri: str, at: tuple[str | int, ...] | None,
                  files: Mapping[str, Path], *drafts: type[Validator]) -> str | None:
        """Where the place (`uri`, `at`) is reached in several drafts, the ones `drafts` a
        problem is found in (default: `of`'s) and the file (of `files`, by URI) whose
        reference reaches it in the first, to say beside the problem; None where one draft
        reaches it."""
        known = self.drafts.get((uri, at), set())
        if len(known) < 2:
            return None
        drafts = drafts or (self.of(uri, at),)
        names = " and ".join(draft_name(draft) for draft in drafts)
        others = ", ".join(sorted(draft_name(other) for other in known if other not in drafts))
        referrer = files.get(self.referrers[(uri, at), drafts[0]].partition("#")[0])
        by = "" if referrer is None else f" from {display_path(referrer)}"
        also = f"; it is reached in {others} too" if others else ""
        return (f"judged as reached{by} in {names}{also}, and a keyword is refused where "
                "any draft that reaches it ignores it")


def _place(problem: SchemaProblem) -> object:
    """What makes problems found in several drafts one: their line and column, where they
    have one; else the problem itself."""
    return (problem.file, problem.line, problem.column) if problem.line else problem

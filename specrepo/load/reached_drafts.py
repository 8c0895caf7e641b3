"""The draft each local schema file, or part of one, is reached in: that of the subschemas
whose `$ref`s lead to it (`draft_in_force`), so that its keywords are judged as jsonschema
reads them there, not by its own `$schema` alone."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final
from urllib.parse import unquote, urljoin

import jsonschema
from jsonschema.protocols import Validator

from specrepo.load.referenced_parts import pointer_steps
from specrepo.load.schema_files import Reference

_PREFERRED: Final[tuple[type[Validator], ...]] = (
    jsonschema.Draft202012Validator, jsonschema.Draft201909Validator,
    jsonschema.Draft7Validator, jsonschema.Draft6Validator, jsonschema.Draft4Validator,
    jsonschema.Draft3Validator)
"""Which of several drafts a place is reached in it is judged in: the latest, in which
keywords beside `$ref` count, so that a keyword is refused as checking nothing only where
every schema that reaches it ignores it."""

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
            changed = changed or self.of(*place) is not before
        return changed

    def of(self, uri: str, at: tuple[str | int, ...] | None) -> type[Validator]:
        """The draft the place (`uri`, `at`) is reached in: of several, the latest (see
        `_PREFERRED`); the root's where no reference is known to reach it."""
        known = self.drafts.get((uri, at))
        if not known:
            return self.default
        return next(draft for draft in (*_PREFERRED, *sorted(known, key=str))
                    if draft in known)

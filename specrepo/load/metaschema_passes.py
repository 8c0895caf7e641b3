"""The schemas known to pass their metaschema, by digest: checked in this process, or kept
by an earlier one (the history cache's header) and trusted. No jsonschema here: a warm run
restores and keeps the verdicts without loading it."""

from __future__ import annotations

from collections.abc import Iterable

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


def has_passed(digest: str) -> bool:
    """Whether the schema of this digest is known to pass its metaschema."""
    return digest in _PASSED_METASCHEMA


def record_pass(digest: str) -> None:
    """Note that the schema of this digest passed its metaschema."""
    _PASSED_METASCHEMA.add(digest)

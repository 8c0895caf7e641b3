"""`approval: protected:` checked against the spec schema: a path no spec can have (a typo
such as `requirments`, a step below a text, a list position) would protect nothing,
silently, so it is a configuration error."""

from __future__ import annotations

from collections.abc import Sequence

from specrepo.load.schema_source import SchemaSource
from specrepo.model.change_paths import FieldPath


def unknown_protected_paths(source: SchemaSource, paths: Sequence[FieldPath]
                            ) -> list[tuple[int, str]]:
    """(index of the path, why) for each path the schema forbids a spec to hold (see
    `key_answer`: a key an object closed by `additionalProperties: false` or
    `unevaluatedProperties: false` does not hold, a key below a text, a number or a
    boolean, a list position). A step below a list names a field of every item; keys
    a pattern or an open object allows pass."""
    from specrepo.check.schema_keys import key_answer  # noqa: PLC0415 (only when some are)
    from specrepo.load.schema_scope import root_scope  # noqa: PLC0415

    root = root_scope(source, checked=True, inline=False)
    answers = [key_answer(root, path) for path in paths]
    return [(index, answer.why) for index, answer in enumerate(answers) if not answer.holds]

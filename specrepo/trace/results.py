"""Which requirements a JUnit testcase verifies.

A testcase verifies a requirement when its `requirement` property names it, or its
`requirements` property (references separated by commas, spaces or both) does, as
`SPEC-0042/FR-3` (names and values in any letter case); or when the reference appears, in
either spelling of the tag finder (in any letter case too), in its name, classname or
display name (JUnit 5's `@DisplayName`). Each is resolved as a tag is, ids that differ only
in case matching when just one does.
"""

from __future__ import annotations

import re
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.junit import JunitTestcase
from specrepo.model.references import ItemReference, ReferenceSyntaxError, parse_item_reference
from specrepo.trace.tags import ReferenceFinder

SINGLE_PROPERTY: Final = "requirement"
LIST_PROPERTY: Final = "requirements"
_SEPARATORS: Final = re.compile(r"[,\s]+")


@dataclass(frozen=True)
class CaseReference:
    """A reference a testcase makes, as written; `reference` is None when a property value
    is not a reference at all."""

    written: str
    reference: ItemReference | None


def testcase_references(case: JunitTestcase,
                        finder: ReferenceFinder) -> list[CaseReference]:
    """Every reference `case` makes, properties first; each reference once."""
    found: dict[tuple[ItemReference | None, str], CaseReference] = {}
    for written_name, value in case.properties:
        name = written_name.strip().casefold()  # `Requirement`, as some runners write it
        pieces = [value] if name == SINGLE_PROPERTY else \
            _SEPARATORS.split(value) if name == LIST_PROPERTY else []
        for piece in (piece.strip() for piece in pieces):
            if piece:
                reference = _parsed(piece)
                found.setdefault((reference, "" if reference else piece),
                                 CaseReference(piece, reference))
    for text in (case.name, case.classname, case.display_name or ""):
        for match in finder.find(text):
            found.setdefault((match.reference, ""),
                             CaseReference(match.written, match.reference))
    return list(found.values())


def _parsed(text: str) -> ItemReference | None:
    try:
        return parse_item_reference(text)
    except ReferenceSyntaxError:
        return None

"""Render the index page: every rendered spec in a table sorted by id, and counts by status."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

from specrepo.model import SpecRecord, person_name
from specrepo.render.blocks import heading, table
from specrepo.render.markdown import plain
from specrepo.render.page import spec_link
from specrepo.render.page_files import marker_comment
from specrepo.workflow import DEFAULT_WORKFLOW

_NUMBERED_ID: Final = re.compile(r"(.*?)([0-9]+)")
_COLUMNS: Final = ("Id", "Title", "Status", "Author", "Last Updated", "Open Questions")


def id_order(spec_id: str) -> tuple[str, int, str]:
    """Sort key putting SPEC-9 before SPEC-10; ids without a number sort by text."""
    numbered = _NUMBERED_ID.fullmatch(spec_id)
    if numbered is None:
        return (spec_id, -1, spec_id)
    return (numbered.group(1), int(numbered.group(2)), spec_id)


def render_index(records: Iterable[SpecRecord],
                 states: Sequence[str] = DEFAULT_WORKFLOW.states) -> str:
    """The index page of the given specs; counts by status follow the order of `states`."""
    ordered = sorted(records, key=lambda record: id_order(record.id))
    blocks = [marker_comment(None), heading(1, "Specifications"), _counts(ordered, states)]
    if ordered:
        blocks.append(table(_COLUMNS, [
            (spec_link(record.id), plain(record.title), plain(record.status),
             plain(", ".join(person_name(author) for author in record.authors)),
             plain(record.updated or ""), str(len(record.open_questions)))
            for record in ordered
        ]))
    return "\n\n".join(blocks) + "\n"


def _counts(records: list[SpecRecord], states: Sequence[str]) -> str:
    if not records:
        return "No specs yet."
    counts = Counter(record.status for record in records)
    known = [status for status in states if status in counts]
    statuses = known + sorted(set(counts) - set(known))
    total = f"{len(records)} spec{'s' if len(records) != 1 else ''}"
    return f"{total}: " + ", ".join(f"{counts[status]} {plain(status)}" for status in statuses) \
        + "."

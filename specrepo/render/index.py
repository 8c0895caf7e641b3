"""Render the index page: every spec that has a page, in a table sorted by id, and counts by
status."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.digit_runs import DigitsKey, number_key
from specrepo.base.name_forms import url_path
from specrepo.base.wording import counted
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.spec_record import person_name
from specrepo.model.spec_summary import SpecSummary
from specrepo.model.workflow import DEFAULT_WORKFLOW
from specrepo.render.blocks import heading, link, table
from specrepo.render.markdown import plain, plain_cell
from specrepo.render.page import spec_link
from specrepo.render.page_files import marker_comment

_NUMBERED_ID: Final = re.compile(r"(.*?)([0-9]+)")
_COLUMNS: Final = ("Id", "Title", "Status", "Author", "Last Updated", "Open Questions")
_OPTIONAL: Final = {"Status": "status", "Author": "authors", "Last Updated": "updated",
                    "Open Questions": "questions"}
"""The columns of fields a format may not have (`fields: NAME: null`): left out then,
rather than a column of empty cells or of 0."""
INVALID: Final = "invalid"
"""The status the index shows for a spec whose page is from its last valid version."""


@dataclass(frozen=True)
class KeptPage:
    """The page of a spec that is invalid now: the last page render drew of it (its file
    name in the output folder), or the spec file itself where specs are pages (a Markdown
    spec: `own_page`); and what can still be read of the spec (None when nothing can)."""

    name: str
    """The page's path from the index's folder, with `/`."""
    summary: SpecSummary | None
    source: str | None = None
    """For a spec that is its own page: its file as messages name it, shown when the spec
    has no id."""

    @property
    def spec_id(self) -> str:
        """The spec's id; when the spec has none now, its file (a spec that is its own
        page), or the page's name without `.md`."""
        if self.summary is not None:
            return self.summary.id
        return self.source if self.source is not None else self.name.removesuffix(".md")


def own_page(file: Path, source: str, summary: SpecSummary | None, folder: Path) -> KeptPage:
    """The index's entry of an invalid spec that is its own page (a Markdown spec): its
    file `file` (named `source` in messages), linked from the index's `folder` as a valid
    one is."""
    return KeptPage(Path(os.path.relpath(file, folder)).as_posix(), summary, source)


_NO_STATUS: Final = "no status"


def id_order(spec_id: str) -> tuple[str, DigitsKey, str]:
    """Sort key putting SPEC-9 before SPEC-10 (and SPEC-99…9 of any length after both);
    ids without a number sort by text."""
    numbered = _NUMBERED_ID.fullmatch(spec_id)
    if numbered is None:
        return (spec_id, (-1, ""), spec_id)
    return (numbered.group(1), number_key(numbered.group(2)), spec_id)


def render_index(specs: Iterable[SpecSummary],
                 states: Sequence[str] = DEFAULT_WORKFLOW.states,
                 kept: Iterable[KeptPage] = (), own_pages: Path | None = None,
                 fields: FieldMap = DEFAULT_FIELDS, unlisted: int = 0) -> str:
    """The index page of the given specs and of the kept pages of invalid specs (their
    status shows as `invalid`); counts by status follow the order of `states`. A column
    of a field the format has not (`fields`: status, authors, updated or questions null)
    is left out.

    Specs link to their pages by id; with `own_pages` (the index's folder), specs are
    pages themselves (Markdown specs) and link to their files, relative to that folder.
    `unlisted`: how many spec files have no row (invalid, and no page of them kept), which
    the counts name, so that an index of spec files none of which is listed never reads as
    a repository without specs."""
    rows = [(spec.id, (_spec_link(spec, own_pages), *_cells(spec, spec.status)))
            for spec in specs]
    rows.extend((page.spec_id, (link(plain(page.spec_id), url_path(page.name)),
                                *_cells(page.summary, INVALID)))
                for page in kept)
    rows.sort(key=lambda row: id_order(row[0]))
    blocks = [marker_comment(None), heading(1, "Specifications"),
              _counts([row[1][2] for row in rows], states, unlisted)]
    shown = [index for index, column in enumerate(_COLUMNS)
             if column not in _OPTIONAL or getattr(fields, _OPTIONAL[column]) is not None]
    if rows:
        blocks.append(table([_COLUMNS[index] for index in shown],
                            [[cells[index] for index in shown] for _, cells in rows]))
    return "\n\n".join(blocks) + "\n"


def _spec_link(spec: SpecSummary, own_pages: Path | None) -> str:
    """A link to the spec's page, or (`own_pages`) to its file seen from that folder (its
    name's bytes percent-encoded, `base.name_forms.url_path`: `caf%E9.md`)."""
    if own_pages is None:
        return spec_link(spec.id)
    relative = Path(os.path.relpath(spec.file, own_pages)).as_posix()
    return link(plain(spec.id), url_path(relative))


def _cells(spec: SpecSummary | None, status: str) -> tuple[str, ...]:
    """Every cell of a row but the id; the status cell is escaped."""
    if spec is None:
        return ("", plain_cell(status), "", "", "")
    return (plain_cell(spec.title), plain_cell(status),
            plain_cell(", ".join(person_name(author) for author in spec.authors)),
            plain_cell(spec.updated or ""), str(spec.open_questions))


def _counts(statuses: list[str], states: Sequence[str], unlisted: int = 0) -> str:
    """`3 specs: 2 Draft, 1 Approved.` from the (escaped) status cells; specs without a
    status are counted as `no status` (last), and a format without statuses (every cell
    empty) gets the total alone: `3 specs.` The spec files that have no row (`unlisted`)
    are named after them; `No specs yet.` only when there are none at all."""
    if not statuses:
        return f"No spec has a page yet: {_unrendered(unlisted)}." if unlisted \
            else "No specs yet."
    total = counted(len(statuses), "spec")
    more = f" {_unrendered(unlisted, 'more spec file')}." if unlisted else ""
    if not any(statuses):
        return f"{total}.{more}"
    counts = Counter(status or _NO_STATUS for status in statuses)
    known = [plain(status) for status in (*states, INVALID) if plain(status) in counts]
    ordered = known + sorted(set(counts) - {*known, _NO_STATUS})
    ordered += [_NO_STATUS] if _NO_STATUS in counts else []
    return f"{total}: " + ", ".join(f"{counts[status]} {status}" for status in ordered) \
        + f".{more}"


def _unrendered(count: int, noun: str = "spec file") -> str:
    return f"{counted(count, noun)} could not be rendered"

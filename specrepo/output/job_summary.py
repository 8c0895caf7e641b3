"""GitHub's job summary: Markdown appended to the file `$GITHUB_STEP_SUMMARY` names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final, Literal, TextIO, TypeVar

from specrepo.base.atomic import folder_problem
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import OutputError

GITHUB_SUMMARY_LIMIT: Final = 1024 * 1024
"""GitHub refuses job summaries over 1 MiB."""
SUMMARY_VARIABLE: Final = "GITHUB_STEP_SUMMARY"
"""The environment variable naming the job summary file (GitHub Actions sets it)."""

Format = TypeVar("Format", bound=str)


def job_summary_file(environment: Mapping[str, str]) -> Path | None:
    """The job summary file the environment names (inside GitHub Actions); None when it
    names none. A run that appends to it checks it first (`refuse_named_outputs`)."""
    named = environment.get(SUMMARY_VARIABLE)
    return Path(named) if named else None


def append_job_summary(environment: Mapping[str, str], text: str) -> None:
    """Append `text` to the job summary file, when the environment names one (inside
    GitHub Actions); raises OutputError when it cannot be written."""
    path = job_summary_file(environment)
    if path is None:
        return
    try:
        with path.open("a", encoding="utf-8") as summary:
            summary.write(text)
    except OSError as error:
        why = folder_problem(path.parent) or error.strerror
        raise OutputError(f"{path}: cannot append the job summary: {why} "
                          f"($GITHUB_STEP_SUMMARY names it)") from None


def deliver_with_summary(text_in: Callable[[Format | Literal["markdown"]], str],
                         output_format: Format, stream: TextIO, summary: bool,
                         environment: Mapping[str, str],
                         write_file: Callable[[str], None] | None = None) -> None:
    """Write a result as `text_in(output_format)` gives it, to `write_file` when given (an
    `--output` file) or else to `stream`; with `summary`, append it in Markdown to the job
    summary too (inside GitHub Actions)."""
    text = text_in(output_format)
    if write_file is None:
        stream.write(text)
    else:
        write_file(text)
    if summary:
        append_job_summary(environment, text_in("markdown"))


@dataclass(frozen=True)
class Unit:
    """Markdown blocks that belong together (a spec's section of a diff), named: a cut
    keeps all of them or none, unless nothing of any unit would be shown."""

    name: str
    blocks: Sequence[str]


def within_limit(parts: Sequence[str | Unit], limit: int, whole: str,
                 unit: str = "spec") -> str:
    """Markdown blocks (plain, or grouped in `Unit`s) joined by blank lines, cut when they
    pass `limit` bytes, with a note naming the `unit`s left out (or counting the blocks)
    and saying that `whole` (a command) has everything. A cut falls between two units; a
    first unit too large to fit whole is cut at a block boundary (the note says so).
    Tables are cut by row instead: see `tables_within_limit`."""
    separator = "\n\n"
    flat = [block for part in parts for block in _blocks(part)]
    text = separator.join(flat) + "\n"
    if len(text.encode()) <= limit:
        return text
    kept: list[str] = []
    room = limit - _NOTE_ROOM
    shown_unit = False
    short: str | None = None
    short_kept = 0  # the blocks of it shown
    position = len(parts)  # where the cut falls
    for index, part in enumerate(parts):
        blocks = _blocks(part)
        sizes = [len(block.encode()) + len(separator) for block in blocks]
        if sum(sizes) <= room:
            kept.extend(blocks)
            room -= sum(sizes)
            shown_unit |= isinstance(part, Unit)
            continue
        position = index
        if isinstance(part, Unit) and not shown_unit:  # show what fits of it
            for block, size in zip(blocks, sizes, strict=True):
                if size > room:
                    break
                kept.append(block)
                room -= size
                short_kept += 1
            short = part.name
        break
    left = parts[position + (short is not None):]  # what the note counts: none of it shown
    names = [part.name for part in left if isinstance(part, Unit)]
    if names:
        listed = ", ".join(name[:_NAME_LENGTH] for name in names[:_NAMED]) + \
            (", …" if len(names) > _NAMED else "")
        gone = f"{len(names)} more {unit}{'' if len(names) == 1 else 's'} ({listed})"
    else:
        gone = _blocks_counted(sum(len(_blocks(part)) for part in left), "more ")
    cut = ""
    if short is not None:  # its own blocks left out are counted, not the ones shown
        total = len(_blocks(parts[position]))
        of_it = f"{total - short_kept} of its {total} blocks"
        cut = f"{short[:_NAME_LENGTH]} is cut short"
        cut, gone = (f"{cut} ({of_it} left out); ", gone) if left else (f"{cut}; ", of_it)
    note = (f"**Truncated:** {cut}{gone} did not fit in {size_words(limit)}; `{whole}` has "
            "everything.")
    return (separator.join(kept) + "\n\n" if kept else "") + note + "\n"


def size_words(limit: int) -> str:
    """A limit in bytes as a note says it: in KiB when it is a whole number of them (`8
    KiB`), else in bytes (`9000 bytes`, never rounded to a limit not given)."""
    return f"{limit // 1024} KiB" if limit % 1024 == 0 else f"{limit} bytes"


def _blocks_counted(count: int, more: str = "") -> str:
    return f"{count} {more}block{'' if count == 1 else 's'}"


_NOTE_ROOM: Final = 600
"""Bytes kept for the note."""
_NAMED: Final = 5
"""Units the note names at most."""
_NAME_LENGTH: Final = 60
"""Characters of a unit's name the note shows at most (with six names, within its room)."""


def _blocks(part: str | Unit) -> Sequence[str]:
    return part.blocks if isinstance(part, Unit) else (part,)


@dataclass(frozen=True)
class Row:
    """A GFM table row (one line), what it is (`failing`: the note counts the rows left
    out by it) and whether a reader must see it (kept before any row that is not)."""

    line: str
    kind: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class RowTable:
    """A GFM table a cut shortens by rows: `head` is its header and delimiter lines."""

    head: str
    rows: Sequence[Row]


@dataclass(frozen=True)
class Droppable:
    """A block shown whole or left out (a chart): `name` says what the note left for it
    leaves out."""

    name: str
    block: str


def tables_within_limit(parts: Sequence[str | RowTable | Droppable], limit: int,
                        whole: str) -> str:
    """Markdown blocks and tables joined by blank lines, cut by row when they pass `limit`
    bytes: plain blocks stay, then urgent rows (every table's, in order) are kept, then the
    other rows and droppable blocks, in order, while they fit. Each table that lost rows is
    followed by a note counting them (by kind) and saying that `whole` (a command) has
    everything; so is each block left out. Only plain blocks too large for the limit cut
    at a block boundary (`within_limit`)."""
    full = [part if isinstance(part, str) else
            part.block if isinstance(part, Droppable) else
            "\n".join([part.head, *(row.line for row in part.rows)]) for part in parts]
    if len("\n\n".join(full).encode()) + 1 <= limit:
        return "\n\n".join(full) + "\n"
    noted = sum(not isinstance(part, str) for part in parts)
    room = limit - noted * _TABLE_NOTE_ROOM - sum(
        len(part.encode()) + 2 if isinstance(part, str) else
        len(part.head.encode()) + 2 if isinstance(part, RowTable) else 0 for part in parts)
    if room < 0:
        return within_limit(full, limit, whole)
    kept: set[tuple[int, int]] = set()
    for urgent in (True, False):
        for index, part in enumerate(parts):
            if isinstance(part, Droppable) and not urgent:
                room = _keep(kept, (index, 0), len(part.block.encode()) + 2, room)
            elif isinstance(part, RowTable):
                for number, row in enumerate(part.rows):
                    if row.urgent == urgent:
                        room = _keep(kept, (index, number), len(row.line.encode()) + 1, room)
    return "\n\n".join(_shown(part, index, kept, limit, whole)
                       for index, part in enumerate(parts)) + "\n"


def _keep(kept: set[tuple[int, int]], key: tuple[int, int], size: int, room: int) -> int:
    """Keep `key` when its `size` fits in `room`; the room left."""
    if size > room:
        return room
    kept.add(key)
    return room - size


def _shown(part: str | RowTable | Droppable, index: int, kept: set[tuple[int, int]],
           limit: int, whole: str) -> str:
    """A part as the cut shows it: what was kept of it, and a note for what was not."""
    if isinstance(part, str):
        return part
    why = f"did not fit in GitHub's {size_words(limit)} job summary; `{whole}` has everything"
    if isinstance(part, Droppable):
        return part.block if (index, 0) in kept else f"_Left out: {part.name} {why}._"
    rows = [row for number, row in enumerate(part.rows) if (index, number) in kept]
    left = [row.kind for number, row in enumerate(part.rows) if (index, number) not in kept]
    if not left:
        return "\n".join([part.head, *(row.line for row in rows)])
    kinds = Counter(kind for kind in left if kind)
    which = f" ({', '.join(f'{count} {kind}' for kind, count in kinds.items())})" \
        if kinds else ""
    note = f"_{len(left)} of {len(part.rows)} rows left out{which}: they {why}._"
    return "\n".join([part.head, *(row.line for row in rows)]) + "\n\n" + note \
        if rows else note


_TABLE_NOTE_ROOM: Final = 300
"""Bytes kept for each table's note (and a droppable block's)."""


def cut_table(headers: Sequence[str], cells: Sequence[Sequence[str]],
              marks: Sequence[tuple[str, bool]]) -> RowTable:
    """A GFM table of escaped `cells` whose rows a cut may leave out; `marks` gives each
    row's kind and whether it is urgent (see `Row`)."""
    from specrepo.render.blocks import table  # noqa: PLC0415 (Markdown only; see output.report)

    head, _, body = table(headers, cells).partition("\n")
    delimiter, _, body = body.partition("\n")
    return RowTable(f"{head}\n{delimiter}",
                    [Row(line, kind, urgent) for line, (kind, urgent)
                     in zip(body.split("\n") if cells else [], marks, strict=True)])

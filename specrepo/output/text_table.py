"""Plain-text tables as the table formats print them: tabulate's `simple` format, cells
shown as written (no number parsing).

A table of plain ASCII text (the usual case: ids, dates, statuses, commit ids) is laid out
here, as tabulate lays it out; only other tables import tabulate, whose import (with the
package metadata it reads) costs more than a short command's own work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def simple_table(rows: Iterable[Sequence[str]], headers: Sequence[str]) -> str:
    """`rows` under `headers`, in columns: exactly what tabulate's `simple` format writes
    (`disable_numparse`)."""
    listed = [list(row) for row in rows]
    plain = _plain_table(listed, headers)
    if plain is not None:
        return plain
    from tabulate import tabulate  # noqa: PLC0415 (see the module's docstring)

    return tabulate(listed, headers, tablefmt="simple", disable_numparse=True)


def _plain_table(rows: list[list[str]], headers: Sequence[str]) -> str | None:
    """The `simple` table of rows as long as `headers`, every cell and header text of
    printable ASCII, as tabulate writes it: each column left-aligned, as wide as its
    widest cell and at least two wider than its header, cells stripped of surrounding
    spaces, columns two spaces apart, a line of dashes under the headers, no trailing
    space. None for any other table (no rows, rows of other lengths, other text: tabs,
    line breaks, escape codes and wide characters are tabulate's to measure)."""
    if not rows or not headers or any(len(row) != len(headers) for row in rows):
        return None
    texts = [*headers, *(cell for row in rows for cell in row)]
    if not all(type(text) is str for text in texts):
        return None
    joined = "".join(texts)
    if not (joined.isascii() and joined.isprintable()):
        return None
    cells = [[cell.strip() for cell in row] for row in rows]
    widths = [max(len(header) + 2, *(len(row[index]) for row in cells))
              for index, header in enumerate(headers)]
    lines = ["  ".join(map(str.ljust, headers, widths)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines.extend("  ".join(map(str.ljust, row, widths)).rstrip() for row in cells)
    return "\n".join(lines)

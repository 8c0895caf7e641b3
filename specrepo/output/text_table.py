"""Plain-text tables as the table formats print them: tabulate's `simple` format, cells
shown as written (no number parsing)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def simple_table(rows: Iterable[Sequence[str]], headers: Sequence[str]) -> str:
    """`rows` under `headers`, in columns; tabulate is imported with the first table, not
    with the formats' modules (the command line imports those for every command)."""
    from tabulate import tabulate  # noqa: PLC0415 (see the docstring)

    return tabulate(rows, headers, tablefmt="simple", disable_numparse=True)

"""A schema's problems, each at its file, line and column, gathered so that one run names
them all (final32 F8, final33 F8): a schema adopted from elsewhere often holds several, and
naming one per run costs a run for each."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError


@dataclass(frozen=True, order=True)
class SchemaProblem:
    """One problem of a schema file: the file as the user names it, the line and column
    (1-based; 0 where they cannot be told) and what is wrong, in words."""

    file: str
    line: int
    column: int
    message: str

    @classmethod
    def at(cls, file: str, place: tuple[int, int] | None, message: str) -> SchemaProblem:
        """The problem `message` of `file` at `place` (line, column; None: unknown)."""
        line, column = place or (0, 0)
        return cls(file, line, column, message)

    def __str__(self) -> str:
        where = f":{self.line}:{self.column}" if self.line else ""
        return f"{self.file}{where}: {self.message}"


def refuse(problems: Iterable[SchemaProblem], *, more: tuple[str, ...] = ()) -> None:
    """Raise ConfigError naming each of `problems` on a line of its own, sorted by file,
    line and column, then the problems `more` says in words (one problem: its line
    alone); nothing when there are none."""
    lines = [*map(str, sorted(set(problems))), *more]
    if lines:
        raise ConfigError(problems_text(lines))


def problems_text(problems: Iterable[SchemaProblem | str]) -> str:
    """The words of an error naming `problems` (at least one) in their order: one problem
    alone, else their number then each on a line of its own."""
    lines = list(map(str, problems))
    if len(lines) == 1:
        return lines[0]
    return f"{len(lines)} problems in the schema:\n" + "\n".join(lines)

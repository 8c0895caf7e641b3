"""How a command asks for mining (`MineOptions`): kept apart from the miner, so a command
that mines only when asked (validate without --history) need not import it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from specrepo.base.deferred_dataclass import dataclass

if TYPE_CHECKING:
    from specrepo.load.schema_source import SchemaSource

Progress = Callable[[str], None]


@dataclass(frozen=True)
class MineOptions:
    """How to mine: whether a shallow clone is acceptable, where progress and one-line
    warnings about the run itself (not the history: those are in `History.warnings`) go."""

    allow_shallow: bool = False
    refuse_submodules: bool = False
    """A gate's mining (`validate --history`, `report --fail-on`): a spec file inside a
    submodule, whose history this repository cannot read, is a `HistoryError`."""
    progress: Progress | None = None
    warn: Progress | None = None
    spec_files: Callable[[], Sequence[Path]] | None = None
    """The spec files, when the caller needs them too (a `SpecFileListing`); else listed."""
    schema: Callable[[], SchemaSource] | None = None
    """The spec schema, when the caller needs it too (a `SpecSchemaOnce`); else loaded."""
    judged: bool = False
    """The caller judges status moves by the workflow (`model.judged_specs`: report,
    validate --history's illegal-transition): a cold walk asks git at its start for the
    configuration file's changes (`History.departures`), which it answers beside the walk."""
    boundary_base: str | None = None
    """The checked range's base (`validate --history --since`, `report --since REF`, `diff
    --since-approval --since`: a revision), which a shallow clone's boundary commits no
    merge merges are compared with when it does not contain them
    (`boundary_moves.boundary_comparisons`); compared while mining, so what that
    comparison shows a boundary commit changing is there before its trailers are judged
    (`boundary_trailers`), and a spec it holds approved, outside HEAD's history, is the
    approved version the boundary's changes are judged against (`Compared.based_on`)."""

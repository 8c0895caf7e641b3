"""What a validate run returns: its findings, and what it says about the run beside them."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from specrepo.base.errors import ExitCode
from specrepo.model.findings import ValidationResult


class ValidateResult(NamedTuple):
    """The findings, and warnings about the run to show beside them."""

    validation: ValidationResult
    strict: bool = False
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """The paths named that are no specs, and why (they are not checked); with
    `changed_since`, why every spec is checked; `index_notes` too."""
    index_notes: tuple[str, ...] = ()
    """Those of `notes` a hook's run says of the index (a staged version checked, a file
    no spec of the commit being made): what the verdict is on, said under `--quiet` too."""

    @property
    def exit_code(self) -> ExitCode:
        """1 when there are errors (or warnings, when strict), else 0."""
        return self.validation.exit_code(self.strict)

    @property
    def shown(self) -> ValidationResult:
        """The findings as the outputs show them: with the run's `warnings`, the ones
        stderr says (`ValidationResult.said`), as `ReportResult.shown` is a report's."""
        return replace(self.validation, said=self.warnings)

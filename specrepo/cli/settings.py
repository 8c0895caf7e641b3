"""What the group's options decide for every command, and the warnings a command prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from specrepo.cli.boundary import say

if TYPE_CHECKING:
    from specrepo.model.config import Config


class Settings:
    """What the group's options decide for every command."""

    def __init__(self, config_path: Path | None, debug: bool) -> None:
        self.config_path = config_path
        self.debug = debug
        self._writes: list[Callable[[], None]] = []
        """What the run keeps for the next one once it succeeds (`succeeded`)."""

    def succeeded(self) -> None:
        """The command ended with 0 (clean) or 1 (findings): keep what the run read for
        the next run (the configuration's document, `kept_config`). A command that ends in
        a usage, configuration or environment error (2), wherever it finds it, before or
        after reading the configuration, writes nothing of it (yaml38, small39)."""
        writes, self._writes = self._writes, []
        for write in writes:
            write()

    def config(self, *, notes: bool = True) -> Config:
        """The configuration `--config` names, else the nearest one (`command_config`),
        its warnings said on stderr (`workflow_roles.unnamed_roles`,
        `starred_names.starred_names`), and, unless `notes` is False (`validate --quiet`),
        a note for each format of its own schema that specrepo does not assert
        (`format_notes`)."""
        from specrepo.commands.working_folder import command_config  # noqa: PLC0415 (a command's)

        config = command_config(self.config_path, self._writes.append)
        if ("statuses",) in config.setting_positions:  # a workflow of the team's own
            from specrepo.configuration.workflow_roles import unnamed_roles  # noqa: PLC0415

            warn(unnamed_roles(config))
        if config.file is not None:  # globs of the team's own
            from specrepo.configuration.starred_names import starred_names  # noqa: PLC0415

            warn(starred_names(config))
        if notes and config.schema_path is not None:  # a format of the team's own
            from specrepo.commands.working_folder import format_notes  # noqa: PLC0415

            warn(format_notes(config, self._writes.append), "note")
        return config


def warn(warnings: tuple[str, ...], kind: str = "warning") -> None:
    """Each of `warnings` on stderr as `specrepo: KIND: ...`."""
    for warning in warnings:
        say(f"specrepo: {kind}: {warning}")


class Told(Protocol):
    """A command's result that has something to say on stderr besides its output."""

    @property
    def notes(self) -> tuple[str, ...]:
        """What to know, never a failure (a hidden folder the listing skipped)."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """What went wrong or was left out."""


def tell(result: Told) -> None:
    """The result's notes, then its warnings, on stderr (`warn`): one way for every
    command, so that a note the listing leaves is said wherever specs are listed."""
    warn(result.notes, "note")
    warn(result.warnings)

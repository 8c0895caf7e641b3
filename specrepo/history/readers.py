"""The readers of versions (`VersionReader`) of a walk's readings (`reading_plan`), each
made on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from specrepo.history.readings import Reading
from specrepo.history.versions import VersionReader

if TYPE_CHECKING:
    from specrepo.history.reading_plan import ReadingPlan


class Readers:
    """A reader of versions (`VersionReader`) for each reading of a plan, made on first
    use, each towards `target`, the reader of reading 0."""

    def __init__(self, target: VersionReader) -> None:
        self.target = target
        self.plan: ReadingPlan | None = None
        """Where the readings not defined here are (in the process that walks)."""
        self._readers: dict[int, VersionReader] = {0: target}
        self._readings: dict[int, Reading] = {}

    def define(self, number: int, reading: Reading) -> None:
        """Say what reading `number` is."""
        self._readings[number] = reading

    def __getitem__(self, number: int) -> VersionReader:
        if number not in self._readers:
            reading = self._readings.get(number)
            if reading is None:
                assert self.plan is not None
                reading = self.plan.readings[number]
            self._readers[number] = VersionReader.of(reading, self.target)
        return self._readers[number]

    def at(self, commit: str | None, path: str) -> VersionReader:
        """The reader of the versions in `commit` (None: unknown, today's) of the file at
        `path`, read as its kind of file is (`format_switch`)."""
        if commit is None or self.plan is None:
            return self.target
        return self[self.plan.fitting(self.plan.number_at(commit), path)]

    @property
    def lfs_missing(self) -> set[str]:
        """The Git LFS objects every reader found missing."""
        return {oid for reader in self._readers.values() for oid in reader.lfs_missing}

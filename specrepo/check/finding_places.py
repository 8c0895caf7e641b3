"""Where the history rules' findings on a mined spec go (its file, and its summary if it
was checked), and which files they judged: what a run's summary counts as checked."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from specrepo.base.paths import real_path
from specrepo.load.spec_files import spec_file_identity
from specrepo.model.config import Config
from specrepo.model.findings import Finding
from specrepo.model.history import History, SpecHistory
from specrepo.model.merging import MergedBranch
from specrepo.model.spec_summary import SpecSummary


def file_of(history: History, mined: SpecHistory) -> Path:
    """A mined spec's file now (or, for a deleted spec, its last file)."""
    return history.work_tree / (mined.current_path or mined.paths[-1])


class FindingPlaces:
    """Where the findings on a mined spec go: its file, and its summary if it was checked
    (only the specs `wanted`, if given)."""

    def __init__(self, config: Config, history: History, summaries: Sequence[SpecSummary],
                 wanted: set[Path] | None) -> None:
        self.config, self.history, self.wanted = config, history, wanted
        self.by_file = {summary.file: summary for summary in summaries}  # files by identity
        self._by_text = {os.fspath(file): summary for file, summary in self.by_file.items()}
        self._top = os.fspath(real_path(history.work_tree))
        self._folders: dict[str, str] = {}

    def of(self, mined: SpecHistory, *, anyway: bool = False
           ) -> tuple[Path, SpecSummary | None] | None:
        """Where the findings on `mined` go; None when it is not wanted (unless `anyway`)."""
        identity = self.identity(mined.current_path or mined.paths[-1])
        if self.wanted is not None and identity not in self.wanted and not anyway:
            return None
        return file_of(self.history, mined), self.by_file.get(identity)

    def checked(self) -> Iterator[SpecSummary]:
        """The checked specs that are wanted."""
        return (summary for file, summary in self.by_file.items()
                if self.wanted is None or file in self.wanted)

    def checked_in_merge(self, merging: Sequence[MergedBranch]) -> list[SpecSummary]:
        """The checked specs that are wanted, and while a merge is concluded (`merging`)
        those a merged branch changed too, at its file or at HEAD's file of the spec
        (`BranchSpec.head_path`: main renamed or renumbered it): a merge that keeps HEAD's
        file over a branch's move (`git checkout --ours`) changes nothing since HEAD, and
        settles that move all the same, as history judges it once committed."""
        checked = list(self.checked())
        if merging and self.wanted is not None:
            seen = {summary.file for summary in checked}
            for path in (path for branch in merging for spec in branch.specs
                         for path in (spec.path, spec.head_path) if path is not None):
                summary = self.by_file.get(self.identity(path))
                if summary is not None and summary.file not in seen:
                    seen.add(summary.file)
                    checked.append(summary)
        return checked

    def summary_at(self, path: str) -> SpecSummary | None:
        """The checked spec whose file is `path` (from the repository's top), if any and
        wanted."""
        identity = self.identity(path)
        if self.wanted is not None and identity not in self.wanted:
            return None
        return self.by_file.get(identity)

    def identity(self, path: str) -> Path:
        """The identity of the file `path` (from the repository's top). A checked file's
        identity whose text is the real top folder joined with `path` is it: its folders
        are real, and it is no link that leads to a spec (that link's identity is where it
        leads), so the look-up costs no `Path` and no system call per spec."""
        checked = self._by_text.get(f"{self._top}/{path}")
        if checked is not None:
            return checked.file
        return spec_file_identity(self.history.work_tree / path, self.config.root,
                                  self._folders)

    def judged(self, findings: Iterable[Finding], merging: Sequence[MergedBranch]
               ) -> set[Path]:
        """The files (by identity) the history rules judged besides the checked ones: each
        that one of `findings` lands on (a spec the commit being made removes, at its last
        file; one a range moved and moved back), and while a merge is concluded each spec
        a merged branch changed (`checked_in_merge`): a run's summary counts them checked."""
        judged = {spec_file_identity(finding.path, self.config.root, self._folders)
                  for finding in findings}
        judged.update(summary.file for summary in self.checked_in_merge(merging))
        return judged

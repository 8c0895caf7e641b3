"""HEAD's specs paired with those of the commit being made (the work tree's files, the
moves the index stages: `spec_pairs.changed_specs`, `staged`), asked of git and read once
for the two readers of a `validate --history` run that need it: the moves
(`moved_specs`, each side read as history reads it) and the specs taken out
(`taken_out`, each side with its own `exclude:`), which differ only where the current
`exclude:` changes a side's spec locations (`spec_pairs.PairedSides`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from specrepo.model.config import Config

if TYPE_CHECKING:
    from specrepo.history.index_side import IndexSide, StagedConfig
    from specrepo.history.spec_pairs import PairedSides, SpecPair


class CommitPairing:
    """The pairing of a commit's specs (HEAD's, or the parent an amend replaces HEAD on)
    with the commit being made's, each asked once; `close` stops its git."""

    def __init__(self, config: Config, side: IndexSide | None, top: Path,
                 index: Mapping[str, str] | None = None, left_out: frozenset[str] = frozenset()
                 ) -> None:
        self.config = config
        self.left_out = left_out
        """Work-tree files (paths from the top) the commit being made does not hold, in a
        hook's run (`History.staged_away`: never added, or added with intent to add only):
        a new one is on neither side, one HEAD holds is removed."""
        self.side = side
        """The index's side of the commit being made (`index_side`: a hook's run); None:
        the work tree's, whose configuration reads its side."""
        self.top = top
        """The repository's top folder."""
        self.index = index if index is not None or side is None else side.entries
        """The index's entries in the spec locations (`IndexSide.entries`, a plain run's
        too), read once: which of HEAD's spec files it changes (`moved_specs`); None: not
        read."""
        self._staged: list[StagedConfig | None] = []
        self._sides: dict[str, PairedSides] = {}

    def staged_config(self) -> StagedConfig | None:
        """The configuration the index stages where it is not the work tree's
        (`IndexSide.staged_config`: one `git cat-file`, asked once); None where it stages
        the work tree's, or there is no index side. Raises what that raises."""
        if self.side is None:
            return None
        if not self._staged:
            self._staged.append(self.side.staged_config(self.config, self.top))
        return self._staged[0]

    def pairs(self, base: str, *, as_history: bool) -> tuple[SpecPair, ...]:
        """The specs that differ between commit `base` and the commit being made
        (`changed_specs(config, base, staged=True, as_history=...)`, the new side read
        with `staged_config`; in a hook's run, with an index `side`, the new side is the
        index itself, each file's staged version: its id says which spec it continues,
        whatever the work tree's copy says), git asked and the files read once for both
        views. Raises what `changed_specs` raises."""
        if base not in self._sides:
            # Loaded only when a pairing is asked: a warm run loads no walking module.
            from specrepo.history.spec_pairs import PairedSides  # noqa: PLC0415

            self._sides[base] = PairedSides(self.config, base, staged=True,
                                            index_config=self.staged_config(),
                                            left_out=self.left_out,
                                            index=self.side is not None)
        return self._sides[base].view(as_history=as_history).pairs

    def close(self) -> None:
        """Stop the git of each pairing asked."""
        for sides in self._sides.values():
            sides.close()
        self._sides.clear()

"""A warning of the mined history with the specs it concerns: every output says the run's,
and a reader of some specs only (a timeline) says those about them, worded for them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Protocol

from specrepo.base.deferred_dataclass import dataclass


class HistoryWarning(Protocol):
    """A warning of the mined history (`History.warnings`), made where what it warns about
    is found: its words, and itself as a reader of only some specs sees it."""

    @property
    def text(self) -> str:
        """The warning, in the words every output of the whole history says it in."""

    def about(self, keys: Collection[str]) -> HistoryWarning | None:
        """The warning as a reader of only the specs `keys` (`SpecHistory.key`) says it:
        itself when it concerns the whole run, its part about them when it names several
        specs' (worded for that part), None when it concerns none of them."""


@dataclass(frozen=True)
class WordedWarning:
    """A warning worded once, where it is made, and the specs it concerns."""

    text: str
    specs: frozenset[str] | None = None
    """The keys of the specs it concerns (`SpecHistory.key`); None: the whole run (a
    shallow clone, a configuration that could not be read); empty: no spec of this
    history (a spec file inside a submodule, whose history is another repository's)."""

    def about(self, keys: Collection[str]) -> WordedWarning | None:
        """Itself when it concerns the whole run or one of the specs `keys`, else None."""
        return self if self.specs is None or not self.specs.isdisjoint(keys) else None


def said(warnings: Iterable[HistoryWarning]) -> tuple[str, ...]:
    """The words of `warnings`, in their order."""
    return tuple(warning.text for warning in warnings)


def about_specs(warnings: Iterable[HistoryWarning], keys: Collection[str]
                ) -> tuple[HistoryWarning, ...]:
    """The warnings a reader of only the specs `keys` says (`HistoryWarning.about`), in
    their order."""
    return tuple(about for warning in warnings if (about := warning.about(keys)) is not None)

"""Tags in a test file that no test result reaches while the file's results could not be
placed in it: said as a warning, never a silent `unverified`."""

from __future__ import annotations

from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.model.trace import Tag


@dataclass(frozen=True)
class UnlinkedTags:
    """Tags in a test file that no test result was linked to, while results of tests in
    that file could not be placed in it: their requirements read `unverified`, and this
    says why."""

    file: str
    """The test file, from the top of the work tree."""
    tags: tuple[Tag, ...]
    """The tags linked to no result, by line."""
    tests: tuple[str, ...]
    """The tests of the file that could not be placed (`classname.name`), in report order."""
    reason: str
    """Why the first of them could not be placed: `the report gives no line ...`."""
    fits_several: bool = False
    """Whether its file fits several tagged test files, which no line tells apart."""

    @property
    def message(self) -> str:
        """The warning: which tags, which test, why, and what to do."""
        shown = ", ".join(f"{tag.line} ({tag.written})" for tag in self.tags[:_LISTED])
        more = f" and {len(self.tags) - _LISTED} more" if len(self.tags) > _LISTED else ""
        others = f"; {len(self.tests) - 1} more of its tests alike" \
            if len(self.tests) > 1 else ""
        remedy = ("run the tests from the repository's top, so that the report's paths tell "
                  "the files apart") if self.fits_several else \
            "write reports with lines (pytest: -o junit_family=xunit1)"
        return (f"{self.file}: no test result reaches the tags on lines {shown}{more}, so "
                f"they verify nothing (unverified): test {self.tests[0]} could not be "
                f"placed in the file: {self.reason}{others}; name the requirement in the "
                f"test's name or a `requirement` property, or {remedy}")


_LISTED: Final = 5  # tags an `UnlinkedTags` warning lists at most

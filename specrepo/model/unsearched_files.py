"""The tracked files of the `trace:` globs whose tags were not read, each named in a warning:
a gate never passes in silence on what it did not read."""

from __future__ import annotations

from typing import Final, Literal

from specrepo.base.deferred_dataclass import dataclass

UnsearchedReason = Literal["binary", "outside", "folder", "nowhere"]
"""Why a file's tags were not read: its content is binary (a NUL byte among its first 8000
bytes, git's test), or it is a symbolic link that leads out of the repository's work tree
(or into its `.git`), to a folder, or to no file."""

_LINKS: Final[dict[UnsearchedReason, str]] = {
    "outside": "a symbolic link that leads out of the repository's work tree (trace reads "
               "only what the repository holds)",
    "folder": "a symbolic link to a folder (git tracks no file below a link)",
    "nowhere": "a symbolic link that leads to no file",
}


@dataclass(frozen=True)
class UnsearchedFile:
    """A tracked file of the `trace:` globs not searched for tags: a binary file in which
    something reads as a tag, or a symbolic link not followed."""

    file: str
    """From the top of the work tree, `/`-separated."""
    reason: UnsearchedReason
    written: str | None = None
    """For a binary file, the first reference that reads as a tag there."""
    line: int = 0
    """Its line (1-based)."""

    @property
    def message(self) -> str:
        """The warning: which file, why, and what to do."""
        if self.reason == "binary":
            return (f"{self.file}: not searched for tags: its content is binary (a NUL byte "
                    f"among its first 8000 bytes, as git tells), though line {self.line} "
                    f"reads as the tag {self.written}; no reference there counts: keep tags "
                    "in text files, or leave the file out of the `trace:` globs")
        return (f"{self.file}: not searched for tags: {_LINKS[self.reason]}, so a tag in "
                "what it leads to counts for nothing, and a test result there links no "
                "requirement through it; link to a file inside the repository, or leave "
                "the link out of the `trace:` globs")

"""Which sections of a Markdown body changed between two versions, named by heading path.

History turns these into `section-changed` events: a change to the body alone is no
change of status or metadata, but the changelog and `changed-after-approval` see it,
under the heading it falls in. Sections are matched by path (`Proposal > Design
Details`, see `body_sections`) and compared by their own text, so an edit inside a
subsection is a change of that subsection only; a section moved elsewhere with its text
unchanged is no change; a renamed heading is its old path removed and its new one added.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from specrepo.load.markdown_body import Section, body_sections, parse_body, section_label

__all__ = [
    "SectionChange",
    "SectionChangeKind",
    "SectionPath",
    "compare_bodies",
    "compare_sections",
    "section_digests",
]

SectionChangeKind = Literal["added", "removed", "changed"]
SectionPath = tuple[str, ...]


@dataclass(frozen=True)
class SectionChange:
    """One section added, removed or changed; `path` is empty for the introduction."""

    kind: SectionChangeKind
    path: SectionPath

    @property
    def label(self) -> str:
        """`Proposal > Design Details`, or `(introduction)`."""
        return section_label(self.path)


def section_digests(sections: Iterable[Section]) -> dict[SectionPath, str]:
    """Each section's path and a digest of its text (BLAKE2b, 16 hex digits), in order:
    what a history cache keeps of a version's body to compare it with the next."""
    return {section.path: hashlib.blake2b(section.text.encode(), digest_size=8).hexdigest()
            for section in sections}


def compare_sections(old: Mapping[SectionPath, str],
                     new: Mapping[SectionPath, str]) -> tuple[SectionChange, ...]:
    """The changes from `old` to `new`, each a mapping of section path to its text or its
    digest (`section_digests`), in document order.

    Sections of `new` come first, in its order (added or changed), then those only in
    `old`, in its order (removed): the same two versions always give the same changes.
    """
    changes = [SectionChange("added" if path not in old else "changed", path)
               for path, text in new.items() if old.get(path) != text]
    changes += [SectionChange("removed", path) for path in old if path not in new]
    return tuple(changes)


def compare_bodies(old: str, new: str) -> tuple[SectionChange, ...]:
    """The section changes from the Markdown body `old` to `new` (see `compare_sections`)."""
    return compare_sections(_texts(old), _texts(new))


def _texts(body: str) -> dict[SectionPath, str]:
    return {section.path: section.text for section in body_sections(parse_body(body))}

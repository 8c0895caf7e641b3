"""Which sections of a Markdown body changed between two versions, named by heading path.

A Markdown spec's body is compared section by section (see `body_sections`): each section
is named by its heading path, `Proposal > Design Details`, and compared by its own text
(its heading line included), so an edit inside a subsection is a change of that
subsection only; an edit of formatting only (a re-wrapped paragraph, another bullet
marker, trailing spaces: `shows_same`) is no change; a section moved elsewhere with its
text unchanged is no change; a renamed heading is its old path removed and its new one
added. The changes are `Change`s at `body.<heading path>` (`BODY_KEY`), beside those of
the front matter: history makes each a `section-changed` event, the diff command shows it
with a diff of its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

from specrepo.compare.comparison import CompareOptions, compare
from specrepo.compare.section_pairs import section_pairs
from specrepo.load.document import JsonValue
from specrepo.load.markdown_body import HeadingText, Section, heading_key, section_label
from specrepo.load.markdown_shown import shows_same
from specrepo.model.change_paths import BODY_KEY, FieldPath
from specrepo.model.diff import Change

__all__ = ["BODY_KEY", "body_changes", "protected_body_paths", "section_texts",
           "versions_body_changes"]

_TEXT_ONLY: Final = CompareOptions(item_lists=(), code_keys=frozenset())


def section_texts(sections: Iterable[Section]) -> dict[str, JsonValue]:
    """Each section's label (`Proposal > Design Details`, `(introduction)`) and its text
    with the reference definitions it uses (`Section.content`), in document order."""
    return {section.label: section.content for section in sections}


def body_changes(old: Sequence[Section], new: Sequence[Section]) -> tuple[Change, ...]:
    """The changes from the body sections `old` to `new`: one per section added, removed
    or changed, at `(BODY_KEY, label)`, a changed one with a diff of its text; sections of
    `new` in its order first, then those only in `old`; a section whose text differs in
    formatting only (`shows_same`) is unchanged. Sections of a heading path written
    several times are matched by their text (`section_pairs`), not their number: a section
    added or changed is named as it is in `new` (`Notes (2)`), a section removed as it was
    in `old`, unless a change already has that name: then the path's next free number."""
    pairs = section_pairs(old, new)
    removed: dict[str, Section] = {}
    keyed_old: dict[str, JsonValue] = {}
    for index, section in enumerate(old):
        if index in pairs:
            counterpart = new[pairs[index]]
            keyed_old[counterpart.label] = (
                counterpart.content if shows_same(section.content, counterpart.content)
                else section.content)
        else:  # a key no section of `new` has
            key = f"\0{section.label}"
            keyed_old[key], removed[key] = section.content, section
    changes = compare(keyed_old, section_texts(new), _TEXT_ONLY)
    labels = _removed_labels(removed, {str(change.path[0]) for change in changes})
    return tuple(replace(change, path=(BODY_KEY, labels.get(str(change.path[0]),
                                                            change.path[0]), *change.path[1:]))
                 for change in changes)


def versions_body_changes(old: Sequence[Section] | None, new: Sequence[Section] | None
                          ) -> tuple[Change, ...]:
    """`body_changes` between two versions' bodies (None: a YAML spec's, which has none):
    across a change of format (a YAML spec rewritten as Markdown with front matter, or a
    Markdown spec split into a YAML file and a plain Markdown file beside it) the side
    with no body has no section, so each section of the other is added or removed (README
    "Approval": what an approval covered stays covered across a format change; trial42b
    yaml-to-md-protected-headings-never-fire, kep-split-drops-protected-body); nothing
    when neither has one. A section with no text (the empty introduction of an empty
    body) is none there."""
    if old is None and new is None:
        return ()
    if old is None or new is None:
        old, new = (_written(old or ()), _written(new or ()))
    return body_changes(old, new)


def _written(sections: Sequence[Section]) -> tuple[Section, ...]:
    """`sections` without those of no text."""
    return tuple(section for section in sections if str(section.content).strip())


def _removed_labels(removed: dict[str, Section], keys: set[str]) -> dict[str, str]:
    """The label each removed section (by key) is shown with, beside the changes at `keys`
    (the labels of sections of the new version, and the removed sections' keys): its own,
    unless a section of the new version that changed has it; then the next number of its
    heading path that neither version's changes use."""
    changed = {key for key in keys if key not in removed}
    taken = changed | {section.label for section in removed.values()}
    labels = {}
    for key, section in removed.items():
        label, number = section.label, 1
        while label in changed or (label != section.label and label in taken):
            number += 1
            label = section_label((*section.path[:-1], f"{section.headings[-1]} ({number})"))
        labels[key] = label
        taken.add(label)
    return labels


def protected_body_paths(sections: Iterable[Section],
                         headings: Iterable[HeadingText]) -> tuple[FieldPath, ...]:
    """The change paths (`(BODY_KEY, label)`) of the sections a protected heading covers:
    its own section and those under it, wherever it stands, a repeated heading's every
    section (`Notes (2)`) too; headings match by level and by the text they show, as
    `required-sections` matches them (`heading_key`)."""
    wanted = {(heading.level, heading.key) for heading in headings}
    if not wanted:
        return ()
    return tuple(dict.fromkeys(
        (BODY_KEY, section.label) for section in sections
        if any((level, heading_key(text)) in wanted
               for level, text in zip(section.levels, section.headings, strict=True))))

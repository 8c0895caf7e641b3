"""What a comparison of two spec versions finds: text diffs, changes at paths, the changes
grouped by item or section, and specs matched across two revisions."""

from __future__ import annotations

from typing import Final, Literal, NamedTuple, TypeAlias

from specrepo.base.deferred_dataclass import dataclass
from specrepo.load.document import JsonValue
from specrepo.model.change_paths import ChangePath, FieldPath, ItemId, format_path

TextUnit: TypeAlias = Literal["word", "line"]
Operation: TypeAlias = Literal["=", "-", "+"]
ChangeKind: TypeAlias = Literal["added", "removed", "changed", "moved"]
ContentChangeKind: TypeAlias = Literal[
    "item-added", "item-removed", "item-changed", "item-moved", "section-changed"]
SpecChangeKind: TypeAlias = Literal["added", "removed", "moved", "renumbered", "modified",
                                    "not-compared"]

SECTION_DEPTH: Final = 2
"""How many keys name a section: `design.architecture` (the template's `##` and `###`)."""


class Segment(NamedTuple):
    """A piece of text kept (`=`), deleted (`-`) or inserted (`+`)."""

    op: Operation
    text: str


@dataclass(frozen=True)
class TextDiff:
    """How one text became another, by words (prose) or by lines (code): the kept and
    deleted segments in order give the text before, the kept and inserted ones the text
    after, character for character."""

    unit: TextUnit
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a spec, at one path.

    - `added`: `after` is new at `path`: a mapping key, an item (`list[id]`), or an element
      of a list without ids (or without an id of its own) at the list's path;
    - `removed`: `before` is gone from `path`, likewise;
    - `changed`: the value at `path` was `before` and is `after`: a scalar, or a value whose
      JSON type changed (mappings and lists are compared inside, never changed whole);
    - `moved`: the item at `path` changed places relative to the items around it (what it
      says, if it changed too, is reported by changes of its own, below its path).

    `before` is None when the kind has no value before (added, moved) and `after` when it
    has none after (removed, moved); otherwise None is the JSON null the spec holds.
    `old_index` and `new_index` are the positions, counted from 0, of an element or item
    added (new), removed (old) or moved (both) in its list, and None for anything else:
    they tell an element added to the list at `path` from a value added at `path`
    (`is_element`), and are data of the change, never part of its path. `text` is a word
    diff (prose) or a line diff (code) of a changed string.
    """

    kind: ChangeKind
    path: ChangePath
    before: JsonValue = None
    after: JsonValue = None
    old_index: int | None = None
    new_index: int | None = None
    text: TextDiff | None = None

    @property
    def path_text(self) -> str:
        """The printed path: `requirements.functional[FR-3].acceptance_criteria`."""
        return format_path(self.path)

    @property
    def is_element(self) -> bool:
        """Whether this adds or removes an element of the list at `path` (one without an
        id), rather than the value at `path` itself: its position is known."""
        in_list = self.old_index is not None or self.new_index is not None
        return in_list and not (self.path and isinstance(self.path[-1], ItemId))


@dataclass(frozen=True)
class ContentChange:
    """The changes to one item or one section, as a timeline or a diff table lists them.

    The path of an item is that of the outermost item the changes lie in
    (`requirements.functional[FR-3]`; a task of a phase counts as a change to its phase);
    the path of a section is at most `SECTION_DEPTH` keys long (`design.architecture`,
    `summary`, `status`). `item-moved` is an item that only moved.
    """

    kind: ContentChangeKind
    path: ChangePath
    changes: tuple[Change, ...]

    @property
    def path_text(self) -> str:
        """The printed path: `requirements.functional[FR-3]`."""
        return format_path(self.path)


@dataclass(frozen=True)
class SpecVersion:
    """One side of a compared spec: its id and file (relative to the repository, with
    `/`), the commit it was read from (None for the work tree), and its title."""

    id: str
    path: str
    commit: str | None
    title: str | None = None


@dataclass(frozen=True)
class SpecDiff:
    """A spec on both sides of a diff, matched by lineage (its history, not its path):
    `old` is None for a spec added, `new` for one removed; `compared` is False when a side
    does not load (a warning says why), so neither its content nor its title is known."""

    old: SpecVersion | None
    new: SpecVersion | None
    changes: tuple[Change, ...]
    protected: tuple[FieldPath, ...] = ()
    """With `--since-approval`: what the configuration at its approval protected beyond
    the diff's `protected` (what today's protects), protected for it too."""
    compared: bool = True
    from_shallow_start: bool = False
    """With `--since-approval` in a shallow clone: `old` is its version where the clone's
    history starts (a boundary commit that holds it already approved: approved at or before
    it, `model.boundary_approval`), since which commit approved it is not known."""
    before_unread_approval: bool = False
    """With `--since-approval`: `old` is its last readable version before its approval,
    whose own version could not be read (a warning says so)."""

    @property
    def kinds(self) -> tuple[SpecChangeKind, ...]:
        """`added` or `removed` alone; else, in this order, those that apply of `moved`
        (another file), `renumbered` (another id) and `modified` (its content or its title
        changed), or `not-compared` in `modified`'s place when a side does not load."""
        if self.old is None:
            return ("added",)
        if self.new is None:
            return ("removed",)
        kinds: list[SpecChangeKind] = []
        if self.old.path != self.new.path:
            kinds.append("moved")
        if self.old.id != self.new.id:
            kinds.append("renumbered")
        if not self.compared:
            kinds.append("not-compared")
        elif self.changes or self.old.title != self.new.title:
            kinds.append("modified")
        return tuple(kinds)


ContentEventKind: TypeAlias = Literal[
    "item-added", "item-changed", "item-removed", "item-moved", "section-changed"]


@dataclass(frozen=True)
class ContentEvent:
    """What a commit changed in a spec's content, as its timeline records it: an item
    (`field` names its list, `requirements.functional`; `item` its id, `FR-3`) or a
    section (`field` is its path, `design.architecture`; `item` is None); `protected`
    when the change touches what an approval covers."""

    kind: ContentEventKind
    field: str
    item: str | None
    protected: bool


@dataclass(frozen=True)
class Diff:
    """What `specrepo diff` found: the specs that differ, in order (new paths, then removed
    specs by old path), the revisions as named (None for `to`: the work tree; None for
    `from`: each spec's own approved version), the protected paths when changes are
    judged against an approval (`--since-approval`), and warnings about what could not
    be compared."""

    from_revision: str | None
    to_revision: str | None
    specs: tuple[SpecDiff, ...]
    protected: tuple[FieldPath, ...] | None = None
    warnings: tuple[str, ...] = ()
    history_warnings: tuple[str, ...] = ()
    """`--since-approval`: what the mined history could not say (a shallow clone's, spec
    files in a submodule, versions skipped unread; specs approved before a shallow clone's
    history starts, compared with their version there). Said with `warnings` wherever they
    are (small62: stderr said them, the JSON did not), but no comparison failed for them."""

    @property
    def said_warnings(self) -> tuple[str, ...]:
        """Every warning about this diff, in the order stderr says them: the history's, then
        what could not be compared."""
        return (*self.history_warnings, *self.warnings)

    def protected_for(self, spec: SpecDiff) -> tuple[FieldPath, ...] | None:
        """The protected paths of one spec's changes (None: no approval judges them)."""
        return None if self.protected is None else (*self.protected, *spec.protected)

    @property
    def changed(self) -> tuple[SpecDiff, ...]:
        """The specs that differ in any way (`kinds` not empty)."""
        return tuple(spec for spec in self.specs if spec.kinds)

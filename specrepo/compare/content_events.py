"""A spec's content events between two versions: the one place where comparisons become
what a timeline records (`item-added`, `item-changed`, `item-removed`, `item-moved`,
`section-changed`).

History calls `content_events` for every commit that changes a spec's file; the diff
command shows the same groups. Fields that history follows with events of their own (id,
title, status, reviewers, questions) and the spec's dates (created, updated) give no
content event, unless an approval protects them: their changes are already events, or
bookkeeping.
"""

from __future__ import annotations

from functools import cached_property
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.compare.comparison import BUNDLED_OPTIONS, CompareOptions, compare
from specrepo.compare.groups import group_changes
from specrepo.compare.item_lists import BUNDLED_ITEM_LISTS, field_map_item_lists
from specrepo.compare.protected import is_protected
from specrepo.compare.sections import protected_body_paths, versions_body_changes
from specrepo.load.document import JsonValue
from specrepo.load.markdown_body import HeadingText
from specrepo.model.change_paths import FieldPath, ItemId, field_path_of, format_path
from specrepo.model.config import Config
from specrepo.model.diff import ContentChange, ContentEvent
from specrepo.model.fields import FieldMap
from specrepo.model.version import VersionContent

_FOLLOWED_FIELDS: Final = ("id", "title", "status", "reviewers", "approvers", "questions",
                           "created", "updated")
"""The field map's fields whose changes are not content events (see the module)."""


@dataclass(frozen=True)
class ContentSettings:
    """How a repository's specs are compared: the format's item lists and code keys, what
    an approval covers, and the fields history follows on its own."""

    options: CompareOptions = BUNDLED_OPTIONS
    protected: tuple[FieldPath, ...] = ()
    followed: tuple[FieldPath, ...] = ()
    protected_sections: tuple[HeadingText, ...] = ()
    """The headings whose sections of a Markdown body an approval covers."""

    @cached_property
    def _skipped_keys(self) -> frozenset[str]:
        return frozenset(path[0] for path in self.followed if len(path) == 1
                         and not any(protected[0] == path[0] for protected in self.protected))

    def unfollowed(self, data: JsonValue) -> JsonValue:
        """`data` without the top-level fields history follows on its own (and that no
        protected path reaches into): their changes would give no content event, and
        leaving them out spares comparing them (a status change, a new reviewer)."""
        skipped = self._skipped_keys
        if not isinstance(data, dict) or not skipped.intersection(data):
            return data
        return {key: value for key, value in data.items() if key not in skipped}

    def is_followed(self, group: ContentChange) -> bool:
        """Whether a group lies in a field history follows (and no approval covers)."""
        keys = field_path_of(group.path)
        return any(keys[:len(path)] == path for path in self.followed) \
            and not self.is_protected(group)

    def is_protected(self, group: ContentChange) -> bool:
        """Whether any change of the group touches protected content."""
        return any(is_protected(change, self.protected) for change in group.changes)


def compare_options(config: Config) -> CompareOptions:
    """The bundled format's item lists (and the field map's), or a format of your own's
    from its field map (`item_lists`, questions, reviewers, approvers)."""
    if config.schema_path is None:
        if config.fields == FieldMap():
            return BUNDLED_OPTIONS
        return CompareOptions((*BUNDLED_ITEM_LISTS, *field_map_item_lists(config.fields)))
    return CompareOptions(field_map_item_lists(config.fields))


def content_settings(config: Config) -> ContentSettings:
    """The settings a repository's configuration gives."""
    named = (getattr(config.fields, name) for name in _FOLLOWED_FIELDS)
    return ContentSettings(compare_options(config), config.protected,
                           tuple(tuple(map(str, path)) for path in named if path is not None),
                           config.protected_sections)


def content_events(old: VersionContent, new: VersionContent,
                   settings: ContentSettings = ContentSettings()) -> tuple[ContentEvent, ...]:
    """What changed from `old` to `new`, item by item and section by section, in the
    order of `compare.group_changes`, then (Markdown specs) each section of the body
    added, removed or changed, at `body.<heading path>` (a YAML version, which has no
    body, against a Markdown one: each section added or removed,
    `sections.versions_body_changes`); nothing when the two are the same."""
    groups = group_changes(compare(settings.unfollowed(old.data),
                                   settings.unfollowed(new.data), settings.options))
    events = [_event(group, settings.is_protected(group)) for group in groups
              if group.path and not settings.is_followed(group)]
    if old.body is not None or new.body is not None:
        protected = protected_body_paths((*(old.body or ()), *(new.body or ())),
                                         settings.protected_sections)
        events.extend(
            ContentEvent("section-changed", format_path(group.path), None,
                         any(is_protected(change, protected) for change in group.changes))
            for group in group_changes(versions_body_changes(old.body, new.body)))
    return tuple(events)


def _event(group: ContentChange, protected: bool) -> ContentEvent:
    last = group.path[-1]
    if isinstance(last, ItemId):
        kind = group.kind
        assert kind != "section-changed"
        return ContentEvent(kind, format_path(group.path[:-1]), last.id, protected)
    return ContentEvent("section-changed", format_path(group.path), None, protected)


"""What the formats of `specrepo diff` share: a spec's name and moves, a change's path within
its item or section, a value in one line, the summary line."""

from __future__ import annotations

import json
from collections import Counter
from typing import Final, get_args

from specrepo.compare.protected import is_protected
from specrepo.load.yaml_scalars import resolve_plain
from specrepo.model.change_paths import BODY_KEY, format_path
from specrepo.model.diff import (
    Change,
    ContentChange,
    ContentChangeKind,
    Diff,
    SpecChangeKind,
    SpecDiff,
    SpecVersion,
)

GROUP_WORDS: Final[dict[ContentChangeKind, str]] = {
    "item-added": "added", "item-removed": "removed", "item-changed": "changed",
    "item-moved": "moved", "section-changed": "changed"}
"""What happened to an item or section, in a word."""


def group_word(group: ContentChange) -> str:
    """What happened to an item or section, in a word (`GROUP_WORDS`): a section added or
    removed whole (its one change is at the section's own path: a Markdown section, a
    mapping) says so, never "changed"."""
    if group.kind == "section-changed" and len(group.changes) == 1:
        change, = group.changes
        if change.path == group.path and change.kind in ("added", "removed"):
            return change.kind
    return GROUP_WORDS[group.kind]


def is_body_text(change: Change) -> bool:
    """Whether the change's value is a Markdown section's text (`body.Risks`), shown as the
    lines it is, never as a quoted scalar."""
    return bool(change.path) and change.path[0] == BODY_KEY \
        and isinstance(change.after if change.kind == "added" else change.before, str)


def newer_side(spec: SpecDiff) -> SpecVersion:
    """The spec's version on its newer side (its older one when it was deleted)."""
    version = spec.new or spec.old
    assert version is not None
    return version


def spec_name(spec: SpecDiff) -> str:
    """`SPEC-0001: Rate limits`: the spec's id and title on its newer side."""
    version = newer_side(spec)
    return f"{version.id}: {version.title}" if version.title else version.id


def spec_moves(spec: SpecDiff) -> list[str]:
    """How the spec changed file, id or title: `specs/a.yaml -> specs/b.yaml`,
    `SPEC-7 -> SPEC-2`, `title: Rate limits -> Rate limiting` (a Markdown spec's title is
    its `# heading`: its change is otherwise only a change of the introduction's text;
    unknown when a side does not load)."""
    if spec.old is None or spec.new is None:
        return []
    moves = []
    if spec.old.path != spec.new.path:
        moves.append(f"{spec.old.path} -> {spec.new.path}")
    if spec.old.id != spec.new.id:
        moves.append(f"{spec.old.id} -> {spec.new.id}")
    if spec.compared and spec.old.title != spec.new.title:
        moves.append(f"title: {spec.old.title or '(none)'} -> {spec.new.title or '(none)'}")
    return moves


def kind_words(spec: SpecDiff) -> str:
    """How the spec changed, in words: `moved, modified`, `not compared`."""
    return ", ".join(kind.replace("-", " ") for kind in spec.kinds)


def since_words(spec: SpecDiff, commit: str) -> str:
    """What `--since-approval` compared `spec` with, its old side's commit shown as `commit`:
    `its approval in commit C`, or, where a shallow clone's history starts after the
    approval (`SpecDiff.from_shallow_start`), that start, no approval; where the approved
    version could not be read (`SpecDiff.before_unread_approval`), the last readable one
    before it."""
    if spec.from_shallow_start:
        return (f"commit {commit}, where this shallow clone's history starts (its approval "
                "is before it, not known)")
    if spec.before_unread_approval:
        return (f"commit {commit}, its last readable version before its approval (the "
                "approved version could not be read: see the warnings)")
    return f"its approval in commit {commit}"


def spec_path(spec: SpecDiff) -> str:
    """The spec's file on its newer side."""
    return newer_side(spec).path


def relative_path(change: Change, group: ContentChange) -> str:
    """Where a change is within its item or section (`acceptance_criteria`); its whole
    path when it is the item or section itself."""
    rest = change.path[len(group.path):]
    return format_path(rest) if rest else (group.path_text or "(the whole spec)")


def is_whole(change: Change, group: ContentChange) -> bool:
    """Whether the change is an item added or removed whole (the group says which; a
    section's elements added or removed say it themselves)."""
    return change.path == group.path and group.kind in ("item-added", "item-removed")


def value_text(value: object) -> str:
    """A value in one line: text as written, anything else as JSON; text that, written
    plain, would read as another type (`"1"`, `"true"`, `"null"`, empty text: YAML 1.2's
    core schema, `resolve_plain`) as JSON too, so that a change of type only shows
    (`1 -> "1"`, `+ "1"` beside `- 1`)."""
    if isinstance(value, str) and isinstance(resolve_plain(value), str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def protected(diff: Diff, spec: SpecDiff, change: Change) -> bool:
    """Whether a change of `spec` touches protected content (only with --since-approval)."""
    paths = diff.protected_for(spec)
    return paths is not None and is_protected(change, paths)


def summary_line(diff: Diff) -> str:
    """`3 specs changed: 1 added, 1 removed, 1 modified, 1 not compared.` or `No spec
    changed.`; with warnings (a file that could not be compared), never a plain "No spec
    changed.", nor where a spec was compared with a shallow clone's start, its approval
    not known (`SpecDiff.from_shallow_start`)."""
    changed = diff.changed
    if not changed:
        if diff.warnings:
            return "No spec changed that could be compared: see the warnings."
        if any(spec.from_shallow_start for spec in diff.specs):
            return ("No spec changed since this shallow clone's history starts (approvals "
                    "before it are not known): see the warnings.")
        return "No spec changed."
    counts = Counter(kind for spec in changed for kind in spec.kinds)
    kinds = ", ".join(f"{counts[kind]} {kind.replace('-', ' ')}"
                      for kind in get_args(SpecChangeKind) if counts[kind])
    return f"{len(changed)} spec{'s' if len(changed) != 1 else ''} changed: {kinds}."

"""How alike two versions of a spec are in their own content, for telling one spec moved
and renumbered from two specs made from one template (README, "Which spec a file is").

git's rename detection compares whole files: a new spec made by `specrepo new` is mostly the
template's comment lines, so any other spec of the same template looks like it. Here a
version is what it says, not how its file reads: its data as lines (each string value's
lines, each other value, under its place in the document: `/requirements/functional/*/id:
FR-1`), and a Markdown body's text (without its headings, HTML comments and blank lines,
which the template gives every spec). Comments of a YAML file are no data, so they never
count. Pure.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Final

from specrepo.load.document import JsonValue
from specrepo.model.kept_title import kept_title
from specrepo.model.version import VersionContent

_HTML_COMMENT: Final = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HEADING: Final = re.compile(r"#{1,6}(?:\s|$)|[=-]+$")
"""An ATX heading, or a setext heading's underline."""


def own_lines(content: VersionContent) -> Counter[str]:
    """The version's own content as a multiset of lines (see the module's docstring).
    List elements are named `*`, not by position, so an item inserted before others
    changes one line, not all that follow."""
    lines = Counter(_leaves(content.data, ""))
    for section in content.body or ():
        lines.update(f"{'/'.join(section.path)}:{line.strip()}"
                     for line in _HTML_COMMENT.sub("", section.text).splitlines()
                     if line.strip() and not _HEADING.match(line.strip()))
    return lines


def likeness(old: VersionContent, new: VersionContent) -> float:
    """The share (0 to 1) of the larger version's own lines that the other has too."""
    before, after = own_lines(old), own_lines(new)
    shared = sum((before & after).values())
    return shared / max(sum(before.values()), sum(after.values()), 1)


def same_spec(old_title: str | None, new_title: str | None, old: VersionContent | None,
              new: VersionContent | None) -> bool:
    """Whether two versions git's rename detection paired are one spec moved and
    renumbered: the same title (where both have one: a spec moved, renumbered and
    retitled at once is a new one), and more than half of their own content the same
    (`likeness`, where both load). Two specs from one template, made the same day and
    alike in everything but id and title, are told apart by their titles alone."""
    return kept_title(old_title, new_title) \
        and (old is None or new is None or likeness(old, new) > 0.5)


def _leaves(value: JsonValue, pointer: str) -> Iterator[str]:
    """Each value under its place: a string's lines one by one, an empty mapping or list
    as itself, any other value as JSON."""
    if isinstance(value, dict):
        if not value:
            yield f"{pointer}: {{}}"
        for key, item in value.items():
            yield from _leaves(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        if not value:
            yield f"{pointer}: []"
        for item in value:
            yield from _leaves(item, f"{pointer}/*")
    elif isinstance(value, str):
        yield from (f"{pointer}: {line.strip()}" for line in value.splitlines()
                    if line.strip())
    else:
        yield f"{pointer}: {json.dumps(value)}"

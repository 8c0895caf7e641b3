"""Where the symbolic links among spec files led, through history: git keeps a link, not
the spec it leads to, so the files links ever led to are walked too. A spec whose link
becomes the file itself, or is pointed at another file, then keeps its life: the link's
target and the new file are one spec, moved or copied (see `history.lineage`)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from specrepo.load.locations import SpecLocation, location_matcher, spec_suffixes


def link_target(path: str, target: bytes) -> str | None:
    """The path (from the repository's top) a link at `path` leads to, whose blob holds
    `target`; None when it leads outside the repository, is absolute, or is no text."""
    try:
        text = target.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text or text.startswith("/") or "\0" in text:
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), text))
    if resolved in (".", "..") or resolved.startswith("../"):
        return None
    return resolved


def linked_locations(links: Iterable[tuple[str, str]], read: Callable[[str, str], bytes | None],
                     covered: Iterable[SpecLocation], markdown: bool) -> set[SpecLocation]:
    """The spec files the links (`(path, blob)`, `read(blob, path)` giving a blob's
    content) led to that the locations `covered` do not hold: one file location each.
    Only targets named like spec files count (a link to a folder among spec files is not
    followed into the folder)."""
    in_locations = location_matcher(covered)
    found: set[SpecLocation] = set()
    for path, blob in sorted(set(links)):
        content = read(blob, path)
        target = link_target(path, content) if content is not None else None
        if target is not None and target.endswith(spec_suffixes(markdown)) \
                and not in_locations(target):
            found.add(SpecLocation("file", target, markdown))
    return found

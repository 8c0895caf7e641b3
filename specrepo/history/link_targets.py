"""Where the symbolic links among spec files led, through history: git keeps a link, not
the spec it leads to, so the files and folders links ever led to are walked too. A spec
whose link becomes the file itself, is pointed at another file, or whose linked folder is
replaced by the real one then keeps its life: the link's target and the new file are one
spec, moved or copied (see `history.lineage`)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from specrepo.gitio.log import CommitRecord
from specrepo.gitio.objects import ObjectReader
from specrepo.load.locations import SpecLocation, location_matcher, spec_named, spec_suffixes


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


def linked_locations(links: Iterable[tuple[str, bytes | None]],
                     covered: Iterable[SpecLocation], markdown: bool) -> set[SpecLocation]:
    """Where the links (`(path, content of its blob)`) led that the locations `covered`
    do not hold: a file location for a linked spec file (its target named like a spec
    file), a folder location for a linked spec folder (a link not named like a spec)."""
    in_locations = location_matcher(covered)
    folders = {location.path for location in covered if location.kind == "folder"}
    suffixes = spec_suffixes(markdown)
    found: set[SpecLocation] = set()
    for path, content in sorted(set(links)):
        target = link_target(path, content) if content is not None else None
        if target is None:
            continue
        if not spec_named(path, suffixes):
            if target not in folders:
                found.add(SpecLocation("folder", target, markdown))
        elif spec_named(target, suffixes) and not in_locations(target):
            found.add(SpecLocation("file", target, markdown))
    return found


def folder_links(commits: Iterable[CommitRecord], folders: Iterable[str],
                 blob_at: Callable[[str, str], str | None]) -> list[tuple[str, str]]:
    """(folder, blob) for each spec folder that was a symbolic link just before the first
    of `commits` (in walk order) that adds a file to it: a linked spec folder replaced by
    the real one. Git's log of the folder's spec files does not show the link itself, so
    the folder is looked up once, in the first parent of that commit."""
    waiting = {folder for folder in folders if folder not in ("", ".")}
    found = []
    for commit in commits:
        if not waiting:
            break
        added = [folder for folder in sorted(waiting) if any(
            change.old_blob is None and change.path.startswith(f"{folder}/")
            for change in commit.changes)]
        for folder in added:
            waiting.discard(folder)
            blob = blob_at(commit.parents[0], folder) if commit.parents else None
            if blob is not None:
                found.append((folder, blob))
    return found


def linked_folders(objects: ObjectReader, commits: list[CommitRecord],
                   order: dict[str, tuple[int, int]], locations: list[SpecLocation],
                   front_matter: bool) -> set[SpecLocation]:
    """The folders that spec folders of `locations` were links to, just before the commits
    that replaced them by real folders (`order`: the walk's), as new locations (none:
    nothing to walk again)."""
    walked = sorted(commits, key=lambda commit: order[commit.sha])
    links = folder_links(walked, [location.path for location in locations
                                  if location.kind == "folder"], objects.blob_at)
    return linked_locations([(path, objects.read(blob, path).content) for path, blob in links],
                            locations, front_matter) - set(locations)

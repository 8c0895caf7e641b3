"""Whether a spec location takes only files that other locations take already, read the
same way: a configuration that narrowed `specs:` to part of what the walk over history
follows (`keps/sig-node/**/kep.yaml` under `keps/**/kep.yaml`) names no file to walk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from specrepo.load.locations import SpecLocation, location_matcher

_UNSURE = ("[", "\\")
"""Glob characters whose reach `covered` does not work out (a bracket expression may
hold a `/`, an escape may stand before one): a glob with one is never covered."""


def covered(location: SpecLocation, others: Iterable[SpecLocation]) -> bool:
    """Whether every spec file `location` takes, one of `others` takes too (so
    `location_matcher` and git's pathspecs of `others` with it take the same files as
    without it): it is one of them, or it reads specs as one does (YAML or Markdown) with
    every `exclude:` glob of that one, and it is a file that one takes, a folder inside
    that folder (no hidden folder between: discovery skips those), or a glob
    `<start>/<...>/<name>` inside a glob `<folder>/**/<name>` (`<start>` inside `<folder>`,
    written without glob characters; the same `<name>`). False when unsure, as for
    other globs: the walk then follows `location` on its own."""
    return any(location == other or _inside(location, other) for other in others)


def reads_within(located: Sequence[SpecLocation], walked: Sequence[SpecLocation]) -> bool:
    """Whether `location_matcher(walked)` takes every file `location_matcher(located)`
    takes: the same locations, or each of `located` `covered` by `walked` with no folder
    among either (a folder's reach leaves out its hidden folders, which another location
    may take: unsure, so the walk follows `located` on its own)."""
    if sorted(located) == sorted(walked):
        return True
    return not any(place.kind == "folder" for place in (*located, *walked)) \
        and all(covered(place, walked) for place in located)


def _inside(inner: SpecLocation, outer: SpecLocation) -> bool:
    if inner.markdown != outer.markdown or not set(outer.exclude) <= set(inner.exclude):
        return False
    if inner.kind == "file":
        return location_matcher([outer])(inner.path.strip("/"))
    if inner.kind == "folder" and outer.kind == "folder":
        below = _below(inner.path, outer.path)
        return below is not None and not any(part.startswith(".") for part in below)
    if inner.kind != "glob" or outer.kind != "glob" \
            or any(mark in inner.path or mark in outer.path for mark in _UNSURE):
        return False
    folder, stars, name = outer.path.rpartition("**/")
    start, _, last = inner.path.rpartition("/")
    # The `/` before `<name>` stands for itself (or ends one `/**/`, any folders), so what
    # comes before `<name>` in a path `location` takes is `<start>` and a `/`.
    if stars != "**/" or (folder and not folder.endswith("/")) or "/" in name \
            or "**" in name or last != name or start.removesuffix("/**").endswith("**") \
            or _globbed(folder):
        return False
    return not folder or f"{start}/".startswith(folder)


def _below(path: str, folder: str) -> list[str] | None:
    """The names of the folders leading from `folder` to `path` (None: not inside it)."""
    inner, outer = path.strip("/"), folder.strip("/")
    if outer in ("", "."):
        return inner.split("/") if inner not in ("", ".") else []
    if inner == outer:
        return []
    return inner[len(outer) + 1:].split("/") if inner.startswith(f"{outer}/") else None


def _globbed(text: str) -> bool:
    return any(character in text for character in "*?[\\")

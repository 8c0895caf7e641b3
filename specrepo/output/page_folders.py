"""Where render's pages are compared with the pages drawn: the output folder of the work
tree (what `render` writes and `render --check` judges), or the files the index stages in
it (`render --check --staged`: what the commit being made holds, as a clone of it will
hold them)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath
from typing import Protocol

from specrepo.base.deferred_dataclass import dataclass
from specrepo.output.page_set import (
    RENDER_PAGES,
    FolderScan,
    GeneratedPage,
    PageState,
    PlannedPage,
    compared_page,
    held_page,
    inside,
    plan_page,
    real_folders,
    scan_folder,
)


class PageFolder(Protocol):
    """The pages of render's output folder a run compares with: `folder` is the output
    folder (resolved), each page named by its `/`-separated path below it."""

    @property
    def folder(self) -> Path: ...

    def plan(self, name: str, text: str) -> PlannedPage:
        """What writing the page `text` at `name` would be (`page_set.plan_page`)."""

    def holds(self, name: str, size: int, lines: int, digest: str) -> bool:
        """Whether the page at `name` is, as `plan` would find it unchanged, the page of
        `size` bytes (UTF-8), `lines` line feeds and SHA-256 `digest` (hexadecimal), known
        without its text (a cached page's)."""

    def scan(self, rendered: Collection[str], *, generated: bool) -> FolderScan:
        """What else the folder holds of render's (`page_set.scan_folder`)."""


@dataclass(frozen=True)
class WorkTreePages:
    """The output folder as the work tree holds it."""

    folder: Path

    def plan(self, name: str, text: str) -> PlannedPage:
        return plan_page(self.folder, name, text)

    def holds(self, name: str, size: int, lines: int, digest: str) -> bool:
        path = self.folder / inside(name)
        parent = PurePosixPath(name).parent.as_posix()
        if parent != "." and real_folders(self.folder, parent) is not None:
            return False
        held = held_page(path, size, lines)
        if held is None:
            return False
        return _is_page(name, held, digest)

    def scan(self, rendered: Collection[str], *, generated: bool) -> FolderScan:
        return scan_folder(self.folder, rendered, generated=generated)


@dataclass(frozen=True)
class StagedPages:
    """The output folder as the index stages it: each file's bytes by its path below
    `folder` (`/`-separated), or why the index holds it as no file (a symbolic link, a
    submodule, a conflict not marked resolved). A file the index does not hold is missing,
    whatever the work tree holds there."""

    folder: Path
    files: Mapping[str, bytes | str]

    def plan(self, name: str, text: str) -> PlannedPage:
        path = self.folder / inside(name)
        held = self.files.get(name)
        if held is None:
            return PlannedPage(path, PageState.NEW, text)
        if isinstance(held, str):
            return PlannedPage(path, PageState.CONFLICT, detail=held)
        return compared_page(path, name, text, held)

    def holds(self, name: str, size: int, lines: int, digest: str) -> bool:
        held = self.files.get(name)
        return isinstance(held, bytes) and _is_page(name, held.replace(b"\r\n", b"\n"), digest)

    def scan(self, rendered: Collection[str], *, generated: bool) -> FolderScan:
        """The generated pages the index stages in the folder itself (render writes no
        subfolder) that are not `rendered` (compared case-insensitively); a temporary file
        of an interrupted render is never staged as one, so there are no leftovers."""
        if not generated:
            return FolderScan()
        wanted = {name.casefold() for name in rendered}
        pages = []
        for name, held in sorted(self.files.items()):
            if "/" in name or not isinstance(held, bytes) or name.casefold() in wanted \
                    or PurePosixPath(name).suffix not in RENDER_PAGES.suffixes:
                continue
            mark = RENDER_PAGES.mark(name, held)
            if mark is not None:
                pages.append(GeneratedPage(self.folder / name, mark.source))
        return FolderScan(tuple(pages))


def _is_page(name: str, held: bytes, digest: str) -> bool:
    """Whether `held` (a file's bytes at `name`, line endings as `\\n`) is render's page of
    SHA-256 `digest`; a file without the marker is never specrepo's, whatever a cache says
    it holds."""
    return RENDER_PAGES.mark(name, held) is not None \
        and hashlib.sha256(held).hexdigest() == digest

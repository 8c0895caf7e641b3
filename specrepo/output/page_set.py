"""A folder of generated pages, written safely: plan which pages are new, changed,
unchanged, orphaned or refused, then carry the plan out.

Planning only reads. It never follows a symbolic link, and it treats a file as specrepo's
only when its first line is the marker (or, for a temporary file of an interrupted write,
when its name says so): anything else where a page should go is a conflict, and only
specrepo's files are ever offered for removal.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

from specrepo.base.atomic import is_temporary_name, write_atomically
from specrepo.base.errors import OutputError
from specrepo.base.paths import display_path
from specrepo.output.owned_files import read_head, refusal
from specrepo.render.page_files import PAGE_SUFFIX, Marker, Page, read_marker

_GIT_FOLDER: Final = ".git"


class PageState(str, Enum):
    """What a render does, or would do, to one file of the output folder."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ORPHANED = "orphaned"
    LEFTOVER = "leftover"
    """A temporary file that a killed render left behind."""
    CONFLICT = "conflict"


@dataclass(frozen=True)
class PlannedPage:
    """One file of the output folder and what happens to it.

    `text` is what to write (new and changed pages). `detail` says why a file is a conflict,
    or which source an orphaned page was generated from.
    """

    path: Path
    state: PageState
    text: str = ""
    detail: str = ""


@dataclass(frozen=True)
class RenderPlan:
    """Every file a render touches or refuses, sorted by path."""

    folder: Path
    pages: tuple[PlannedPage, ...]

    def having(self, *states: PageState) -> tuple[PlannedPage, ...]:
        """The pages in any of `states`."""
        return tuple(page for page in self.pages if page.state in states)

    @property
    def drift(self) -> tuple[PlannedPage, ...]:
        """Files that differ from what the specs give: new, changed, orphaned, leftover."""
        return self.having(PageState.NEW, PageState.CHANGED, PageState.ORPHANED,
                           PageState.LEFTOVER)

    @property
    def conflicts(self) -> tuple[PlannedPage, ...]:
        """Files in the way of a page that specrepo did not generate."""
        return self.having(PageState.CONFLICT)


@dataclass(frozen=True)
class GeneratedPage:
    """A page specrepo generated that is already in the output folder, and its source."""

    path: Path
    source: str | None


@dataclass(frozen=True)
class FolderScan:
    """What else the output folder holds of specrepo's: generated pages besides those being
    rendered, and temporary files of interrupted renders."""

    generated: tuple[GeneratedPage, ...] = ()
    leftovers: tuple[Path, ...] = ()


def output_folder(out: Path, root: Path) -> Path:
    """The output folder with links resolved; it must be a folder inside the repository's
    work tree (never inside its `.git` folder)."""
    resolved = out.resolve()
    repository = root.resolve()
    if not resolved.is_relative_to(repository):
        raise OutputError(f"{out}: the output folder is {resolved}, outside the repository "
                          f"{repository}; render writes only inside the repository")
    if any(part.casefold() == _GIT_FOLDER for part in resolved.relative_to(repository).parts):
        raise OutputError(f"{out}: the output folder is inside the git folder "
                          f"{repository / _GIT_FOLDER}; render writes only to the work tree")
    existing = next(folder for folder in (resolved, *resolved.parents) if folder.exists())
    if not existing.is_dir():
        where = "" if existing == resolved else f" ({display_path(existing)} is a file)"
        raise OutputError(f"{out}: the output folder is not a folder{where}")
    return resolved


def scan_folder(folder: Path, rendered: Collection[str], *, generated: bool) -> FolderScan:
    """The leftovers in `folder` and, with `generated`, the generated pages whose names
    (compared case-insensitively) are not in `rendered`.

    Files that cannot be read are not provably specrepo's, so they are left out.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except FileNotFoundError:
        return FolderScan()
    except OSError as error:
        raise OutputError(f"{folder}: cannot list the output folder: {error.strerror}") from None
    wanted = {name.casefold() for name in rendered}
    pages, leftovers = [], []
    for entry in entries:
        if not entry.is_file(follow_symlinks=False):
            continue
        if is_temporary_name(entry.name):
            leftovers.append(Path(entry.path))
        # A folder whose names ignore case shows `spec-1.md` for the page `SPEC-1.md`.
        elif generated and entry.name.endswith(PAGE_SUFFIX) \
                and entry.name.casefold() not in wanted:
            try:
                marker = _marker_of(read_head(Path(entry.path)))
            except OSError:
                continue
            if marker is not None:
                pages.append(GeneratedPage(Path(entry.path), marker.source))
    return FolderScan(tuple(pages), tuple(leftovers))


def plan_pages(folder: Path, pages: Iterable[Page | PlannedPage],
               scan: FolderScan = FolderScan(), kept: Collection[Path] = ()) -> RenderPlan:
    """Compare `pages` with the files in `folder` (already checked by `output_folder`);
    pages already planned (`plan_page`) are taken as they are.

    The generated pages of `scan` are orphans to remove, except those in `kept` (the last
    pages of specs that exist but could not be rendered this time); its leftovers are
    removed too.
    """
    planned = [page if isinstance(page, PlannedPage) else plan_page(folder / page.name,
                                                                      page.text)
               for page in pages]
    planned.extend(PlannedPage(page.path, PageState.ORPHANED, detail=page.source or "")
                   for page in scan.generated if page.path not in kept)
    planned.extend(PlannedPage(path, PageState.LEFTOVER) for path in scan.leftovers)
    return RenderPlan(folder, tuple(sorted(planned, key=lambda page: page.path)))


def plan_page(path: Path, text: str) -> PlannedPage:
    """What writing the page `text` to `path` would be: new, changed, unchanged (whatever
    the line endings of the file) or a conflict (a file that is not a generated page)."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return PlannedPage(path, PageState.NEW, text)
    except OSError as error:
        return PlannedPage(path, PageState.CONFLICT, detail=f"cannot be read: {error.strerror}")
    why = refusal(status)
    if why:
        return PlannedPage(path, PageState.CONFLICT, detail=why)
    wanted = text.encode("utf-8")
    same_size = _may_hold(status, len(wanted), wanted.count(b"\n"))
    try:
        head = read_head(path, status.st_size + 1) if same_size else read_head(path)
    except OSError as error:
        return PlannedPage(path, PageState.CONFLICT, detail=f"cannot be read: {error.strerror}")
    if _marker_of(head) is None:
        return PlannedPage(path, PageState.CONFLICT,
                           detail="not generated by specrepo (its first line is not the "
                                  "marker comment); move or delete it to have it rendered")
    if same_size and head.replace(b"\r\n", b"\n") == wanted:
        return PlannedPage(path, PageState.UNCHANGED)
    return PlannedPage(path, PageState.CHANGED, text)


def holds_page(path: Path, size: int, lines: int, digest: str) -> bool:
    """Whether the file at `path` holds, as `plan_page` would find it unchanged, the page of
    `size` bytes (UTF-8), `lines` line feeds and SHA-256 `digest` (hexadecimal), known
    without its text."""
    try:
        status = path.lstat()
        if refusal(status) or not _may_hold(status, size, lines):
            return False
        head = read_head(path, status.st_size + 1)
    except OSError:
        return False
    # A file without the marker is never specrepo's, whatever a cache says it holds.
    return _marker_of(head) is not None \
        and hashlib.sha256(head.replace(b"\r\n", b"\n")).hexdigest() == digest


def _may_hold(status: os.stat_result, size: int, lines: int) -> bool:
    # A checkout with core.autocrlf has CRLF line endings: the same page, one byte more a line.
    return size <= status.st_size <= size + lines


def _marker_of(head: bytes) -> Marker | None:
    first_line = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    return read_marker(first_line)


def apply_plan(plan: RenderPlan) -> None:
    """Write what `plan` says (`write_page`); conflicts and unchanged pages are left alone.
    Orphans and leftovers of interrupted renders are removed only after every page was
    written (`remove_orphans`)."""
    for page in plan.having(PageState.NEW, PageState.CHANGED):
        write_page(page)
    remove_orphans(plan)


def write_page(page: PlannedPage) -> PlannedPage:
    """Write a new or changed page, creating its folder, and return it without its text.

    The page is written to a temporary file and renamed over the old one, so it is either
    whole or not there; a page planned as new must still be new (a file created meanwhile
    is not replaced).
    """
    try:
        page.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{display_path(page.path.parent)}: cannot create the output "
                          f"folder: {error.strerror}") from None
    write_atomically(page.path, page.text, must_be_new=page.state is PageState.NEW)
    return PlannedPage(page.path, page.state, detail=page.detail)


def remove_orphans(plan: RenderPlan) -> None:
    """Remove the orphaned pages and the leftovers of interrupted renders in `plan`."""
    for page in plan.having(PageState.ORPHANED, PageState.LEFTOVER):
        try:
            page.path.unlink(missing_ok=True)
        except OSError as error:
            raise OutputError(f"{display_path(page.path)}: cannot remove: {error.strerror}") \
                from None

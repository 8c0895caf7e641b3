"""A folder of generated pages, written safely: plan which pages are new, changed,
unchanged, orphaned or refused, then carry the plan out. Shared by render (Markdown pages
in one folder) and site (HTML, JSON, Atom and assets in a folder and its subfolders).

Planning only reads. It never follows a symbolic link (a page's subfolder that is a link is
a conflict), and it treats a file as specrepo's only when it starts with its page set's
marker (or, for a temporary file of an interrupted write, when its name says so): anything
else where a page should go is a conflict, and only specrepo's files are ever offered for
removal.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Collection, Iterable
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Final, Protocol

from specrepo.base import inputs
from specrepo.base.atomic import (
    FileAppeared,
    is_leftover,
    is_temporary_name,
    remove_unheld,
    write_atomically,
)
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import OutputError
from specrepo.base.paths import display_path, outside_why, real_path
from specrepo.base.writable_folders import write_refused
from specrepo.output.output_folder_made import make_output_folder, refuse_long_names
from specrepo.output.owned_files import read_head, refusal
from specrepo.render.page_files import PAGE_SUFFIX, read_marker
from specrepo.site.marker import SITE_FOLDERS, SITE_SUFFIXES, is_site_file

_GIT_FOLDER: Final = ".git"


class Page(Protocol):
    """A file to write: its path in the output folder (`/`-separated) and its text."""

    @property
    def name(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Mark:
    """What a page's marker says: the source it was generated from, if it names one."""

    source: str | None = None


@dataclass(frozen=True)
class PageOwner:
    """Which command writes a page set, and how its files are told from anyone else's.

    `folders` are the subfolders (relative, `""` for the folder itself) its pages live in,
    searched for orphans and leftovers; `suffixes` the file types it writes; `mark` reads a
    file's first bytes (given its relative path) and says whether the command wrote it.
    """

    command: str
    suffixes: frozenset[str]
    folders: tuple[str, ...]
    mark: Callable[[str, bytes], Mark | None]
    marker: str
    """How the marker is described in a conflict's message."""


def _render_mark(_: str, head: bytes) -> Mark | None:
    found = read_marker(head.split(b"\n", 1)[0].decode("utf-8", "replace"))
    return None if found is None else Mark(found.source)


def _site_mark(path: str, head: bytes) -> Mark | None:
    return Mark() if is_site_file(path, head) else None


RENDER_PAGES: Final = PageOwner("render", frozenset({PAGE_SUFFIX}), ("",), _render_mark,
                                "its first line is not the marker comment")
SITE_FILES: Final = PageOwner("site", SITE_SUFFIXES, SITE_FOLDERS, _site_mark,
                              "it does not start with the site's marker")


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


def output_folder(out: Path, root: Path, command: str = "render", *,
                  setting: str | None = None, root_named: str = "the repository",
                  top: Path | None = None) -> Path:
    """The output folder with links resolved; it must be a folder inside `root` (the
    repository's work tree, or the configuration's folder in the repository whose top
    folder is `top`: `root_named` says which, `Config.root_named`), never inside its
    `.git` folder. `setting`: where specrepo.yaml names `out` (`specrepo.yaml:3:8:
    render.out`, `Config.written_at`), which an error starts with. Raises OutputError."""
    resolved = real_path(out)
    repository = real_path(root)
    named = f"{setting}: {out}" if setting else f"{out}"
    # as `refuse_outside` decides
    if outside_why(repository, inputs.reader.absolute(out)) is not None:
        outside = root_named
        if top is not None and outside_why(top, inputs.reader.absolute(out)) is not None:
            repository, outside = real_path(top), "the repository"
        raise OutputError(f"{named}: the output folder is {resolved}, outside {outside} "
                          f"{repository}; {command} writes only inside {root_named}")
    if any(part.casefold() == _GIT_FOLDER for part in resolved.relative_to(repository).parts):
        raise OutputError(f"{named}: the output folder is inside the git folder "
                          f"{repository / _GIT_FOLDER}; {command} writes only to the work tree")
    existing = next(folder for folder in (resolved, *resolved.parents)
                    if inputs.reader.exists(folder))
    if not inputs.reader.isdir(existing):
        where = "" if existing == resolved else f" ({display_path(existing)} is a file)"
        raise OutputError(f"{named}: the output folder is not a folder{where}")
    refuse_long_names(resolved, existing, named)
    return resolved


def scan_folder(folder: Path, rendered: Collection[str], *, generated: bool,
                owner: PageOwner = RENDER_PAGES) -> FolderScan:
    """The leftovers (temporary files no running writer holds) in `owner`'s folders of
    `folder` and, with `generated`, the generated pages whose paths (compared
    case-insensitively) are not in `rendered`.

    Files that cannot be read are not provably specrepo's, so they are left out; a
    subfolder that is a symbolic link is never entered.
    """
    wanted = {name.casefold() for name in rendered}
    pages: list[GeneratedPage] = []
    leftovers: list[Path] = []
    for subfolder in owner.folders:
        for entry in _entries(folder, subfolder):
            if not inputs.reader.entry_is_file(entry, follow_symlinks=False):
                continue
            relative = f"{subfolder}/{entry.name}" if subfolder else entry.name
            if is_temporary_name(entry.name):
                if is_leftover(Path(entry.path)):  # not another run's, being written
                    leftovers.append(Path(entry.path))
            # A folder whose names ignore case shows `spec-1.md` for the page `SPEC-1.md`.
            elif generated and PurePosixPath(entry.name).suffix in owner.suffixes \
                    and relative.casefold() not in wanted:
                try:
                    mark = owner.mark(relative, read_head(Path(entry.path)))
                except OSError:
                    continue
                if mark is not None:
                    pages.append(GeneratedPage(Path(entry.path), mark.source))
    return FolderScan(tuple(pages), tuple(leftovers))


def _entries(folder: Path, subfolder: str) -> list[os.DirEntry[str]]:
    """The entries of a subfolder of `folder`, by name; none when it is missing or is
    not a real folder (a link is never followed)."""
    path = folder / subfolder if subfolder else folder
    if subfolder and real_folders(folder, subfolder) is not None:
        return []
    try:
        return sorted(inputs.reader.scandir(path), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise OutputError(f"{display_path(path)}: cannot list the output folder: "
                          f"{error.strerror}") from None


def real_folders(folder: Path, relative: str) -> str | None:
    """Why the folders leading to `relative` inside `folder` cannot hold a page (one is
    a link or a file), or None when each is a real folder or does not exist yet."""
    current = folder
    for part in PurePosixPath(relative).parts:
        current = current / part
        try:
            mode = inputs.reader.lstat(current).st_mode
        except FileNotFoundError:
            return None
        except OSError as error:
            return f"its folder {part} cannot be read: {error.strerror}"
        if stat.S_ISLNK(mode):
            return f"its folder {part} is a symbolic link, which specrepo never writes through"
        if not stat.S_ISDIR(mode):
            return f"its folder {part} is not a folder"
    return None


def plan_pages(folder: Path, pages: Iterable[Page | PlannedPage],
               scan: FolderScan = FolderScan(), kept: Collection[Path] = (),
               owner: PageOwner = RENDER_PAGES) -> RenderPlan:
    """Compare `pages` with the files in `folder` (already checked by `output_folder`);
    pages already planned (`plan_page`) are taken as they are.

    The generated pages of `scan` are orphans to remove, except those in `kept` (the last
    pages of specs that exist but could not be rendered this time); its leftovers are
    removed too. Raises OutputError for a page whose path could leave the folder.
    """
    planned = [page if isinstance(page, PlannedPage)
               else plan_page(folder, page.name, page.text, owner) for page in pages]
    planned.extend(PlannedPage(page.path, PageState.ORPHANED, detail=page.source or "")
                   for page in scan.generated if page.path not in kept)
    planned.extend(PlannedPage(path, PageState.LEFTOVER) for path in scan.leftovers)
    return RenderPlan(folder, tuple(sorted(planned, key=lambda page: page.path)))


def inside(name: str) -> str:
    """A page's relative path, refused unless it names a file below the folder."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or any(part in ("..", ".", "") for part in parts) \
            or "\\" in name or "\0" in name:
        raise OutputError(f"{name!r} is not a path inside the output folder")
    return name


def plan_page(folder: Path, name: str, text: str,
              owner: PageOwner = RENDER_PAGES) -> PlannedPage:
    """What writing the page `text` to `name` (a `/`-separated path below `folder`) would
    be: new, changed, unchanged (whatever the line endings of the file) or a conflict (a
    file that is not `owner`'s, or a folder on the way that is a link or a file). Raises
    OutputError for a name that could leave the folder."""
    path = folder / inside(name)
    parent = PurePosixPath(name).parent.as_posix()
    blocked = real_folders(folder, parent) if parent != "." else None
    if blocked:
        return PlannedPage(path, PageState.CONFLICT, detail=blocked)
    try:
        status = inputs.reader.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return PlannedPage(path, PageState.NEW, text)
    except OSError as error:
        return PlannedPage(path, PageState.CONFLICT, detail=f"cannot be read: {error.strerror}")
    why = refusal(status)
    if why:
        return PlannedPage(path, PageState.CONFLICT, detail=why)
    wanted = text.encode("utf-8")
    same_size = may_hold(status, len(wanted), wanted.count(b"\n"))
    try:
        head = read_head(path, status.st_size + 1) if same_size else read_head(path)
    except OSError as error:
        return PlannedPage(path, PageState.CONFLICT, detail=f"cannot be read: {error.strerror}")
    return compared_page(path, name, text, head, owner, complete=same_size)


def compared_page(path: Path, name: str, text: str, held: bytes,
                  owner: PageOwner = RENDER_PAGES, *, complete: bool = True) -> PlannedPage:
    """What writing the page `text` to `path` (`name` below the folder) over a file that
    holds `held` (all of it, or unless `complete` its first bytes) would be: a conflict
    when the file is not `owner`'s, unchanged (whatever its line endings) or changed."""
    if owner.mark(name, held) is None:
        verb = "rendered" if owner.command == "render" else "built"
        return PlannedPage(path, PageState.CONFLICT,
                           detail=f"not generated by specrepo ({owner.marker}); move or "
                                  f"delete it to have it {verb}")
    if complete and held.replace(b"\r\n", b"\n") == text.encode("utf-8"):
        return PlannedPage(path, PageState.UNCHANGED)
    return PlannedPage(path, PageState.CHANGED, text)


def held_page(path: Path, size: int, lines: int) -> bytes | None:
    """What the regular file `path` holds, line endings as `\\n`, when it could hold a page
    of `size` bytes and `lines` line feeds; None when it cannot (or cannot be read)."""
    try:
        status = inputs.reader.lstat(path)
        if refusal(status) or not may_hold(status, size, lines):
            return None
        return read_head(path, status.st_size + 1).replace(b"\r\n", b"\n")
    except OSError:
        return None


def may_hold(status: os.stat_result, size: int, lines: int) -> bool:
    # A checkout with core.autocrlf has CRLF line endings: the same page, one byte more a line.
    return size <= status.st_size <= size + lines


def apply_plan(plan: RenderPlan) -> None:
    """Write what `plan` says (`write_page`); conflicts and unchanged pages are left alone.
    Orphans and leftovers of interrupted renders are removed only after every page was
    written (`remove_orphans`)."""
    for page in plan.having(PageState.NEW, PageState.CHANGED):
        write_page(plan.folder, page)
    remove_orphans(plan)


def write_page(folder: Path, page: PlannedPage) -> PlannedPage:
    """Write a new or changed page below the output `folder`, creating its folders (a
    subfolder that turned into a link since planning is refused), and return it without
    its text.

    The page is written to a temporary file and renamed over the old one, so it is either
    whole or not there; a page planned as new must still be new: a file created meanwhile
    is not replaced, and is an error unless it holds this very page (another render or
    site run at the same time wrote it: the same page, and nothing of anyone's is lost).
    """
    _make_folder(folder, page.path.parent)
    try:
        write_atomically(page.path, page.text, must_be_new=page.state is PageState.NEW)
    except FileAppeared:
        wanted = page.text.encode("utf-8")
        if held_page(page.path, len(wanted), wanted.count(b"\n")) != wanted:
            raise
    return PlannedPage(page.path, page.state, detail=page.detail)


def remove_orphans(plan: RenderPlan) -> None:
    """Remove the orphaned pages and the leftovers of interrupted renders in `plan`."""
    for page in plan.having(PageState.ORPHANED, PageState.LEFTOVER):
        try:
            if page.state is PageState.LEFTOVER:
                remove_unheld(page.path)  # never one another run took up meanwhile
            else:
                page.path.unlink(missing_ok=True)
        except OSError as error:
            raise OutputError(f"{display_path(page.path)}: cannot remove: {error.strerror}") \
                from None


def _make_folder(top: Path, folder: Path) -> None:
    """Create the output folder (`make_output_folder`), or a subfolder of it, unless it is
    there; a subfolder that turned into a link since planning is refused."""
    make_output_folder(top)
    if folder == top:
        return
    blocked = real_folders(top, folder.relative_to(top).as_posix())
    if blocked:
        raise OutputError(f"{display_path(folder)}: {blocked}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_refused(folder, "create this folder in the output folder",
                            error.strerror or str(error), "its pages not written") from None

"""The kept listing answers as the walk does: the spec files are listed again whenever a
folder they were found in (or on the way there) changed, or the listing was made too soon
after a change to tell; never kept where a link or a file location could change it unseen.

A change here is followed by a fresh modification time on each folder it touched, as the
file system's clock would give it later (changes within one tick of a coarse clock are
what `RACY_MARGIN` is for, tested on its own)."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specrepo.load.document import JsonPath
from specrepo.load.listing_cache import RACY_MARGIN, kept_listing
from specrepo.load.locations import SpecLocation
from specrepo.load.spec_files import discover_spec_files

FUTURE = 2**62
"""A listing's start (ns, year 2116): every folder is older than it by far."""
_TICKS = itertools.count(1)


@dataclass(frozen=True)
class Settings:
    root: Path
    locations: tuple[SpecLocation, ...]
    file: Path | None = None
    schema_path: Path | None = None
    absent_folders: tuple[str, ...] = ()
    exclude_places: tuple[tuple[str, JsonPath], ...] = ()

    def placed(self, setting: JsonPath) -> str:
        return f"{self.file}:1:1"


class Lister:
    """`kept_listing` as a command calls it, counting the walks it needed."""

    def __init__(self, settings: Settings, git_dir: Path,
                 clock: Callable[[], int] = lambda: FUTURE) -> None:
        self.settings, self.git_dir, self.clock, self.walks = settings, git_dir, clock, 0
        with contextlib.suppress(Exception):  # a first run only marks a listing as wanted
            self()
        self.walks = 0

    def __call__(self) -> list[Path]:
        def listed() -> list[Path]:
            self.walks += 1
            return discover_spec_files(self.settings)

        found = kept_listing(self.settings, self.git_dir, "v", listed, self.clock)
        assert found == discover_spec_files(self.settings)
        return found

    def kept_file(self) -> Path | None:
        """The file a listing is kept in (None: there is none, or only the mark a first
        run leaves)."""
        files = list((self.git_dir / "specrepo").glob("listing-*.json"))
        return files[0] if files and files[0].stat().st_size > 100 else None

    def written_long_after(self) -> None:
        """The kept file's time on the file system's clock: long after every change."""
        kept = self.kept_file()
        assert kept is not None
        os.utime(kept, ns=(FUTURE, FUTURE))


def changed(*folders: Path) -> None:
    """A later modification time for folders a change touched (a clock that moved on)."""
    for folder in folders:
        tick = 1_000_000_000_000_000_000 + next(_TICKS) * 1_000_000_000
        os.utime(folder, ns=(tick, tick))


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("id: x\n")


def kep_tree(root: Path) -> Settings:
    for relative in ["keps/sig-a/1-one/kep.yaml", "keps/sig-a/2-two/kep.yaml",
                     "keps/sig-b/3-three/kep.yaml", "keps/sig-b/3-three/README.md",
                     "keps/NNNN-kep-template/kep.yaml", "specs/a.yaml", "specs/sub/b.yml"]:
        write(root / relative)
    (root / ".git").mkdir()
    return Settings(root, (SpecLocation("glob", "keps/**/kep.yaml",
                                        exclude=("keps/NNNN-kep-template",)),
                           SpecLocation("folder", "specs")))


def listed_and_kept(tmp_path: Path) -> tuple[Lister, Path]:
    """A lister of the KEP tree at `tmp_path` that has listed once, and the file it kept."""
    lister = Lister(kep_tree(tmp_path), tmp_path / ".git")
    lister()
    kept = lister.kept_file()
    assert kept is not None
    return lister, kept


def test_a_second_run_is_answered_from_the_folders_status(tmp_path: Path) -> None:
    settings = kep_tree(tmp_path)
    lister = Lister(settings, tmp_path / ".git")
    first = lister()
    lister.written_long_after()
    assert lister() == first
    assert lister.walks == 1


def _change(root: Path, change: str) -> None:
    keps = root / "keps"
    if change == "a spec added deep down":
        write(keps / "sig-a/9-new/kep.yaml")
        changed(keps / "sig-a", keps / "sig-a/9-new")
    elif change == "a spec removed":
        (keps / "sig-a/2-two/kep.yaml").unlink()
        changed(keps / "sig-a/2-two")
    elif change == "a folder renamed":
        (keps / "sig-a/1-one").rename(keps / "sig-a/1-uno")
        changed(keps / "sig-a")
    elif change == "a folder moved to another":
        (keps / "sig-a/1-one").rename(keps / "sig-b/1-one")
        changed(keps / "sig-a", keps / "sig-b")
    elif change == "a folder put in another's place":
        shutil.rmtree(keps / "sig-b")
        (keps / "sig-a").rename(keps / "sig-b")
        changed(keps)
    elif change == "the glob's folder removed":
        shutil.rmtree(keps)
        changed(root)
    elif change == "a hidden folder with a spec":
        write(keps / ".old/kep.yaml")
        changed(keps, keps / ".old")
    elif change == "a spec added to the folder location":
        write(root / "specs/sub/c.yaml")
        changed(root / "specs/sub")
    elif change == "a folder named like a spec file":
        (root / "specs/sub/d.yaml").mkdir()
        changed(root / "specs/sub")
    elif change == "a spec whose time was set back":
        write(root / "specs/e.yaml")
        os.utime(root / "specs", ns=(1, 1))  # its change time still moves


CHANGES = ["a spec added deep down", "a spec removed", "a folder renamed",
           "a folder moved to another", "a folder put in another's place",
           "the glob's folder removed", "a hidden folder with a spec",
           "a spec added to the folder location", "a folder named like a spec file",
           "a spec whose time was set back"]


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_lists_again(tmp_path: Path, change: str) -> None:
    settings = kep_tree(tmp_path)
    lister = Lister(settings, tmp_path / ".git")
    lister()
    lister.written_long_after()
    _change(tmp_path, change)
    lister()  # as a fresh walk finds them (asserted in the call)
    assert lister.walks == 2


def test_no_listing_is_kept_right_after_a_change(tmp_path: Path) -> None:
    settings = kep_tree(tmp_path)
    just_changed = os.lstat(tmp_path / "specs").st_ctime_ns
    lister = Lister(settings, tmp_path / ".git", clock=lambda: just_changed + RACY_MARGIN)
    lister()
    assert lister.kept_file() is None
    lister()
    assert lister.walks == 2


def test_a_listing_kept_too_soon_on_the_file_systems_clock_is_not_used(tmp_path: Path) -> None:
    lister, kept = listed_and_kept(tmp_path)  # the machine's clock far ahead
    newest = max(os.lstat(tmp_path / folder).st_ctime_ns for folder in ("keps", "specs"))
    os.utime(kept, ns=(newest, newest))  # the file system: written as the folders changed
    lister()
    assert lister.walks == 2


@pytest.mark.parametrize("link", ["keps/sig-a/link", "specs/sub/to-a.yaml", "keps/sig-c"])
def test_a_link_among_the_folders_keeps_nothing(tmp_path: Path, link: str) -> None:
    settings = kep_tree(tmp_path)
    (tmp_path / link).symlink_to(tmp_path / "specs/a.yaml" if link.endswith(".yaml")
                                 else tmp_path / "keps/sig-b")
    lister = Lister(settings, tmp_path / ".git")
    lister()
    assert lister.kept_file() is None


@pytest.mark.parametrize("location", [
    SpecLocation("file", "specs/a.yaml"), SpecLocation("glob", "keps/../specs/*.yaml"),
    SpecLocation("glob", "**/*.yaml"), SpecLocation("folder", "."),
    SpecLocation("glob", "/abs/*.yaml")])
def test_locations_a_status_cannot_follow_keep_nothing(tmp_path: Path,
                                                      location: SpecLocation) -> None:
    kep_tree(tmp_path)
    lister = Lister(Settings(tmp_path, (location,)), tmp_path / ".git")
    if location.path.startswith("/"):
        with pytest.raises(NotImplementedError):
            lister()
        return
    lister()
    assert lister.kept_file() is None


def test_a_damaged_or_foreign_file_is_no_listing(tmp_path: Path) -> None:
    lister, kept = listed_and_kept(tmp_path)
    kept.write_bytes(kept.read_bytes().replace(b"kep.yaml", b"kep.yamm"))
    lister.written_long_after()
    lister()
    other = Lister(Settings(tmp_path, lister.settings.locations[:1]), tmp_path / ".git")
    other()  # another configuration, another key
    assert (lister.walks, other.walks) == (2, 1)


OPERATIONS = st.lists(st.tuples(st.sampled_from(["add", "remove", "mkdir", "rmdir", "move"]),
                                st.integers(0, 30), st.integers(0, 30)), max_size=8)


@settings(max_examples=40, deadline=None)
@given(OPERATIONS)
def test_any_changes_list_as_a_fresh_walk(operations: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings_ = kep_tree(root)
        lister = Lister(settings_, root / ".git")
        lister()
        for operation, first, second in operations:
            lister.written_long_after()
            _apply(root, operation, first, second)
            lister()  # asserts the fresh walk's answer


def _apply(root: Path, operation: str, first: int, second: int) -> None:
    folders = sorted(path for top in ("keps", "specs") if (root / top).is_dir()
                     for path in [root / top, *(root / top).rglob("*")] if path.is_dir())
    files = sorted(path for folder in folders for path in folder.iterdir() if path.is_file())
    if not folders:
        return
    where = folders[first % len(folders)]
    if operation == "add":
        write(where / ("kep.yaml" if second % 2 else f"s{second}.yaml"))
        changed(where)
    elif operation == "remove" and files:
        gone = files[first % len(files)]
        gone.unlink()
        changed(gone.parent)
    elif operation == "mkdir":
        (where / f"d{second}").mkdir(exist_ok=True)
        changed(where)
    elif operation == "rmdir" and where.parent != root:
        shutil.rmtree(where)
        changed(where.parent)
    elif operation == "move" and where.parent != root:
        target = folders[second % len(folders)]
        if target != where and not target.is_relative_to(where):
            destination = target / f"m{second}"
            if not destination.exists():
                where.rename(destination)
                changed(where.parent, target)


def test_a_kept_file_that_is_no_regular_file_is_no_listing(tmp_path: Path) -> None:
    lister, kept = listed_and_kept(tmp_path)
    kept.unlink()
    os.mkfifo(kept)  # a pipe would block a reader forever
    lister()
    assert lister.walks == 2


def test_a_folder_changed_just_now_is_listed_without_keeping(tmp_path: Path) -> None:
    settings = kep_tree(tmp_path)
    lister = Lister(settings, tmp_path / ".git")
    lister()
    lister.written_long_after()
    kept = lister.kept_file()
    assert kept is not None
    before = kept.read_bytes()
    write(tmp_path / "keps/sig-a/9-new/kep.yaml")
    just_now = os.lstat(tmp_path / "keps/sig-a").st_ctime_ns
    lister.clock = lambda: just_now + 1
    lister()  # a fresh walk's answer, and the kept file left as it was
    assert (lister.walks, kept.read_bytes()) == (2, before)


def test_a_first_run_only_marks_that_a_listing_is_wanted(tmp_path: Path) -> None:
    settings = kep_tree(tmp_path)
    git_dir = tmp_path / ".git"
    walks = []

    def listed() -> list[Path]:
        walks.append(1)
        return discover_spec_files(settings)

    for run in range(4):
        assert kept_listing(settings, git_dir, "v", listed, lambda: FUTURE) \
            == discover_spec_files(settings)
        if run == 1:  # kept: written long after the folders changed
            os.utime(next((git_dir / "specrepo").glob("listing-*.json")), ns=(FUTURE, FUTURE))
    assert len(walks) == 2  # marked, kept, then answered twice from the folders' status


def test_a_change_beside_the_way_to_a_base_keeps_the_listing(tmp_path: Path) -> None:
    settings = kep_tree(tmp_path)
    lister = Lister(settings, tmp_path / ".git")
    lister()
    lister.written_long_after()
    write(tmp_path / "README.md")  # the top folder's entries change, not `keps/`
    changed(tmp_path)
    lister()
    assert lister.walks == 1


def test_a_folder_on_the_way_put_in_anothers_place_lists_again(tmp_path: Path) -> None:
    kep_tree(tmp_path)
    settings = Settings(tmp_path, (SpecLocation("glob", "keps/sig-a/*/kep.yaml"),))
    lister = Lister(settings, tmp_path / ".git")
    lister()
    lister.written_long_after()
    (tmp_path / "keps").rename(tmp_path / "old")
    write(tmp_path / "keps/sig-a/5-five/kep.yaml")
    changed(tmp_path)
    lister()
    assert lister.walks == 2


def test_the_hidden_folders_skipped_are_the_same_warm_and_cold(tmp_path: Path) -> None:
    """A note on a hidden folder's specs (trial35) comes from the kept listing as from a
    walk, and a hidden folder given a spec later changes the answer."""
    settings = kep_tree(tmp_path)
    write(tmp_path / "specs/.wip/c.yaml")
    write(tmp_path / "specs/.obsidian/notes.txt")  # no spec: no note
    git_dir, walks = tmp_path / ".git", []

    def listing() -> tuple[list[Path], list[Path]]:
        hidden: list[Path] = []

        def listed() -> list[Path]:
            walks.append(1)
            return discover_spec_files(settings, hidden=hidden)

        return kept_listing(settings, git_dir, "v", listed, lambda: FUTURE,
                            hidden=hidden), hidden

    cold = listing()  # marks a listing as wanted
    assert cold == listing()  # kept
    os.utime(next((git_dir / "specrepo").glob("listing-*.json")), ns=(FUTURE, FUTURE))
    assert listing() == cold and len(walks) == 2  # answered from the folders' status
    assert cold[1] == [tmp_path.resolve() / "specs/.wip"]
    write(tmp_path / "specs/.obsidian/d.yaml")
    changed(tmp_path / "specs/.obsidian")
    assert listing()[1] == [tmp_path.resolve() / f"specs/{name}" for name in (".obsidian", ".wip")]


def test_the_exclude_globs_that_left_a_file_out_are_the_same_warm_and_cold(
        tmp_path: Path) -> None:
    """fix53b: the note on an `exclude:` glob that leaves nothing out asks the listing
    which globs left a file out (a hidden folder's too); the kept listing answers alike."""
    settings = kep_tree(tmp_path)
    settings = Settings(tmp_path, (settings.locations[0], SpecLocation(
        "folder", "specs", exclude=("specs/.wip", "specs/none", "specs/sub/b.YML"))))
    write(tmp_path / "specs/.wip/c.yaml")
    git_dir, walks = tmp_path / ".git", []

    def listing() -> tuple[list[Path], set[str]]:
        used: set[str] = set()

        def listed() -> list[Path]:
            walks.append(1)
            return discover_spec_files(settings, hidden=[], used_excludes=used)

        return kept_listing(settings, git_dir, "v", listed, lambda: FUTURE,
                            hidden=[], used_excludes=used), used

    cold = listing()  # marks a listing as wanted
    assert cold == listing()  # kept
    os.utime(next((git_dir / "specrepo").glob("listing-*.json")), ns=(FUTURE, FUTURE))
    assert listing() == cold and len(walks) == 2  # answered from the folders' status
    assert cold[1] == {"keps/NNNN-kep-template", "specs/.wip", "specs/sub/b.YML"}

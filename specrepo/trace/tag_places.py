"""Which test tags a JUnit testcase stands over, by where its test is: its source file and
line (pytest's xunit1 family writes both); without a line, a Python test's name in the
module its classname names (pytest's xunit2 family), or a Go test's name in the package its
classname (or, when that is empty, its suite) names: the folder of tagged `_test.go` files
whose import path (by the `go.mod` at or above it) is that path, or ends with the whole of it
(gotestsum's `relative` and `short` names; `.` its module's top), or, for a folder no
`go.mod` is above, whose last folder names end it (go-junit-report, gotestsum: see
`go_tests`); or, for a failure of a whole file, package or suite that names no test (a
module that failed to import, a package that failed to build, a failed `beforeAll` or
`@BeforeAll`), its file, module or package path. A testcase of a tagged file whose test cannot be
placed is kept with the reason (`unplaced`), so that its tags are never unverified in
silence.

A testcase's test is where an `ExtentFinder` says it is (a Python test: its `def` or
class, and the comments right above it); else it runs from its line up to the next line a
testcase of the same file starts at (the last one to the end of the file): the tag on its
`def` line, in the comment just above it (pytest counts from 0, so its line is the one
above the `def`, or above its first decorator) and inside it. A testcase's file names a
tagged test file when one path ends with the other, whole folder names only (pytest names
files from its root folder, PHPUnit in full); a module path (`tests.test_login`,
`com.example.LoginTest`, Java's `$` and what follows left out) names the file that has
that path without its extension; the classname, the name and then the suite's name are
read so, the first that names a file winning. A name that fits several files names none: its test is
placed nowhere (a warning names the files), and its failure counts in each of them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, NamedTuple, TypeVar

from specrepo.load.junit import JunitTestcase
from specrepo.trace.go_tests import TEST_FILE_SUFFIX
from specrepo.trace.python_tests import Extent, ExtentFinder

Target = TypeVar("Target")


class _Named(NamedTuple):
    """The tagged test files a testcase may name (one, or several a name fits)."""

    files: list[str]
    classes: tuple[str, ...] = ()
    """The classes its classname names after the module (`tests.test_login.TestLockout`:
    `("TestLockout",)`)."""
    packages: tuple[str, ...] = ()
    """The package folders its package path names (Go's); `files` are their tagged test
    files, and its test is the one of its name among their `_test.go` files."""

    @property
    def several(self) -> bool:
        """Whether the name fits several files (several packages), which nothing in the
        report tells apart."""
        return len(self.packages) > 1 if self.packages else len(self.files) > 1


class TagPlaces(Generic[Target]):
    """The test tags' targets by file and line, and the lines the testcases start at."""

    def __init__(self, tagged: Iterable[tuple[str, int, Target]],
                 testcases: Sequence[JunitTestcase], extent: ExtentFinder | None = None) -> None:
        """`tagged`: (file from the top of the work tree, 1-based line, target) of each test
        tag; `testcases`: every testcase read, whose lines split each file into tests where
        `extent` cannot tell a test's lines."""
        self.extent = extent
        self.tags: dict[str, list[tuple[int, Target]]] = defaultdict(list)
        for file, line, target in tagged:
            self.tags[file].append((line, target))
        for found in self.tags.values():
            found.sort(key=lambda entry: entry[0])
        self.by_path = _suffixes(self.tags, _whole)
        self.by_module = _suffixes(self.tags, _without_extension)
        self.in_package: dict[str, list[str]] = defaultdict(list)
        """Each folder of tagged Go test files -> those files (a Go package is a folder)."""
        for file in sorted(self.tags):
            if file.endswith(TEST_FILE_SUFFIX):
                self.in_package[file.rpartition("/")[0]].append(file)
        modules = {folder: extent.package_path(folder) if extent is not None else None
                   for folder in self.in_package}
        self.import_paths = {folder: "/".join(part for part in module if part)
                             for folder, module in modules.items() if module is not None}
        """Each folder of tagged Go test files a `go.mod` gives an import path -> that path."""
        self.by_import = _suffixes(self.import_paths, self.import_paths.__getitem__)
        """Each trailing run of whole names of those import paths (the path itself, and
        gotestsum's `relative` and `short` names), and `.` (gotestsum's `relative` name of a
        module's top package) -> the folders."""
        self.by_import["."].update(folder for folder, module in modules.items()
                                   if module is not None and not module[1])
        self.by_package = _suffixes([folder for folder, module in modules.items()
                                     if module is None], _whole)
        """The folders no `go.mod` gives an import path, by their trailing folder names."""
        starts: dict[str, set[int]] = defaultdict(set)
        for case in testcases:
            named = self.file_of(case)
            if named is not None and case.test_line is not None:
                starts[named].add(case.test_line)
        self.starts = {file: sorted(lines) for file, lines in starts.items()}
        self.unplaced: defaultdict[str, list[tuple[JunitTestcase, str]]] = defaultdict(list)
        """Tagged test file -> its testcases that could not be placed in it, and why."""

    def file_of(self, case: JunitTestcase) -> str | None:
        """The tagged test file `case` names by its `file`, or else by its classname or name
        read as a path or a module path; None when it names none, or several."""
        files = self._named(case).files
        return files[0] if len(files) == 1 else None

    def _named(self, case: JunitTestcase) -> _Named:
        """The tagged test files `case` may name, by its file, or else by its classname,
        name or suite's name read as a path, a module path or a package path."""
        if case.test_file is not None:
            return _Named(_lookup(self.by_path, case.test_file, _whole))
        for text, kind in ((case.classname, "class"), (case.name, "name"),
                           (case.suite, "suite")):
            module = text.partition("$")[0].strip()
            if "/" in module:
                found = _lookup(self.by_path, module, _whole)
                if found:
                    return _Named(found)
            else:
                named = self._module(module, kind == "class")
                if named is not None:
                    return named
            packages = self._packages(module) if kind != "name" else []
            if packages:
                return _Named([file for folder in packages for file in self.in_package[folder]],
                              packages=tuple(packages))
        return _Named([])

    def _packages(self, path: str) -> list[str]:
        """The folders of tagged Go test files the package path `path` names: those a
        `go.mod` gives that import path, or else those whose import path ends with the whole
        of it (`internal/auth`, `auth`: gotestsum's `relative` and `short` names); or else
        the folders without a `go.mod` whose trailing folder names end it (GOPATH's
        layout). A path that only shares its last names with a folder's import path
        (`example.com/app/auth`, `internal/auth/`'s `example.com/app/internal/auth`) is
        another package, and names none."""
        folders = self.by_import.get(path.strip(), set())
        whole = [folder for folder in folders if self.import_paths[folder] == path.strip()]
        return sorted(whole or folders) or _lookup(self.by_package, path, _whole)

    def _module(self, module: str, with_classes: bool) -> _Named | None:
        """The files the module path `module` names (`tests.test_login`), with the classes
        after it when `with_classes`; None when it names none."""
        parts = module.split(".")
        end = len(parts)
        while end:
            found = _lookup(self.by_module, "/".join(parts[:end]), _without_extension)
            if found:
                return _Named(found, tuple(parts[end:]) if with_classes else ())
            if not parts[end - 1][:1].isupper():  # a class's module: a shorter path
                break  # (classes are CapWords, PEP 8; a module path is not shortened)
            end -= 1
        return None

    def locate(self, case: JunitTestcase) -> tuple[list[Target], bool]:
        """The targets of the tags inside `case`'s test (by its file and line; without a
        line, by its name: see `python_tests`), and whether the test was placed in a tagged
        file. A testcase of a tagged file that gives no line and whose test cannot be found
        by its name is added to `unplaced` with the reason (ask once per testcase)."""
        named = self._named(case)
        files, classes, start = named.files, named.classes, case.test_line
        if named.packages:
            return self._in_packages(named.packages, files, case)
        if len(files) > 1:  # two services' tests/test_api.py, pytest's module path for both
            for file in files:
                self.unplaced[file].append((case, (
                    f"its {'file' if case.test_file else 'name'} fits {len(files)} tagged "
                    f"test files ({', '.join(files)}), so it names none")))
            return [], False
        if not files:
            return [], False
        file = files[0]
        if start is None:
            by_name = self._by_name(file, classes, case)
            if isinstance(by_name, str):
                self.unplaced[file].append((case, f"the report gives no line, and {by_name}"))
                return [], False
            return self._inside(file, by_name), True
        extent = self.extent(file, start) if self.extent is not None else None
        if extent is not None:
            return self._inside(file, extent), True
        starts = self.starts[file]
        after = bisect_left(starts, start + 1)
        end = starts[after] if after < len(starts) else None
        return [target for line, target in self.tags[file]
                if line >= start and (end is None or line < end)], True

    def _in_packages(self, packages: tuple[str, ...], files: list[str],
                     case: JunitTestcase) -> tuple[list[Target], bool]:
        """`locate` for a test named by its package path, which names `packages` and so
        the tagged `files` in them."""
        if self.extent is None:
            reason = "the test files cannot be read (no work tree)"
        elif not case.classname:  # gotestsum's TestMain failure: its package's
            reason = "it names the package, not a test in it"
        else:
            found = [self.extent.in_package(folder, case.name) for folder in packages]
            placed = [where for where in found if not isinstance(where, str)]
            if len(placed) == 1:
                return self._inside(*placed[0]), True
            reason = str(found[0]) if len(packages) == 1 else (
                f"its package path fits {len(packages)} folders of tagged test files "
                f"({', '.join(packages)}), so it names none")
        for file in files:
            self.unplaced[file].append((case, f"the report gives no line, and {reason}"))
        return [], False

    def _inside(self, file: str, extent: Extent) -> list[Target]:
        first, last = extent
        return [target for line, target in self.tags[file] if first <= line <= last]

    def _by_name(self, file: str, classes: tuple[str, ...],
                 case: JunitTestcase) -> Extent | str:
        """The extent of `case`'s test found by its name (without parameters, `[3]`) and
        classes in `file`; else why it cannot be found."""
        if not case.classname:
            return "it names the file, not a test in it"
        if self.extent is None:
            return "the test files cannot be read (no work tree)"
        return self.extent.named(file, (*classes, case.name.partition("[")[0]))

    def fits_several(self, case: JunitTestcase) -> bool:
        """Whether `case`'s file (or name) fits several tagged test files, which no line
        the report gives can tell apart."""
        return self._named(case).several

    def in_file(self, case: JunitTestcase) -> list[Target]:
        """The targets of every tag in the file `case` names, or in each of the files it may
        name when its name fits several (none when it names none): where a failure of it
        counts when it cannot be placed, so that it is never lost."""
        return [target for file in self._named(case).files for _, target in self.tags[file]]


def _suffixes(files: Iterable[str], key: Callable[[str], str]) -> dict[str, set[str]]:
    """Each trailing run of whole folder names of each file's `key` (the path itself, or
    it without its extension), and the files that end so."""
    found: dict[str, set[str]] = defaultdict(set)
    for file in files:
        parts = key(file).split("/")
        for index in range(len(parts)):
            found["/".join(parts[index:])].add(file)
    return found


def _whole(file: str) -> str:
    return file


def _without_extension(file: str) -> str:
    folder, _, name = file.rpartition("/")
    stem = name.rpartition(".")[0] or name
    return f"{folder}/{stem}" if folder else stem


def _lookup(by_suffix: dict[str, set[str]], written: str,
            key: Callable[[str], str]) -> list[str]:
    """The files `written` names: take the longest trailing part of it that ends the `key`
    of a file; the file whose whole `key` it is, or else the files that end so (sorted;
    several when the name fits several); none when none does."""
    parts = [part for part in written.strip().split("/") if part not in ("", ".")]
    for index in range(len(parts)):
        trailing = "/".join(parts[index:])
        files = by_suffix.get(trailing)
        if files:
            whole = [file for file in files if key(file) == trailing]
            return sorted(whole if whole else files)
    return []

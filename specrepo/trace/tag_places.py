"""Which test tags a JUnit testcase stands over, by where its test is: its source file and
line (pytest's xunit1 family writes both); without a line, a Python test's name in the
module its classname names (pytest's xunit2 family); or, for a failure of a whole file or
suite that names no test (a module that failed to import, a failed `beforeAll` or
`@BeforeAll`), its file or module path. A testcase of a tagged file whose test cannot be
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
that path without its extension. A name that fits several files names none: its test is
placed nowhere (a warning names the files), and its failure counts in each of them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from specrepo.load.junit import JunitTestcase
from specrepo.trace.python_tests import Extent, ExtentFinder

Target = TypeVar("Target")


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
        files, _ = self._named(case)
        return files[0] if len(files) == 1 else None

    def _named(self, case: JunitTestcase) -> tuple[list[str], tuple[str, ...]]:
        """The tagged test files `case` may name (one, or several a name fits), and the
        classes its classname names after the module (`tests.test_login.TestLockout`:
        `("TestLockout",)`)."""
        if case.test_file is not None:
            return _lookup(self.by_path, case.test_file, _whole), ()
        for text in (case.classname, case.name):
            module = text.partition("$")[0].strip()
            if "/" in module:
                found = _lookup(self.by_path, module, _whole)
                if found:
                    return found, ()
                continue
            parts = module.split(".")
            end = len(parts)
            while end:
                found = _lookup(self.by_module, "/".join(parts[:end]), _without_extension)
                if found:
                    return found, tuple(parts[end:]) if text is case.classname else ()
                if not parts[end - 1][:1].isupper():  # a class's module: a shorter path
                    break  # (classes are CapWords, PEP 8; a module path is not shortened)
                end -= 1
        return [], ()

    def locate(self, case: JunitTestcase) -> tuple[list[Target], bool]:
        """The targets of the tags inside `case`'s test (by its file and line; without a
        line, by its name: see `python_tests`), and whether the test was placed in a tagged
        file. A testcase of a tagged file that gives no line and whose test cannot be found
        by its name is added to `unplaced` with the reason (ask once per testcase)."""
        files, classes = self._named(case)
        start = case.test_line
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
            named = self._by_name(file, classes, case)
            if isinstance(named, str):
                self.unplaced[file].append((case, f"the report gives no line, and {named}"))
                return [], False
            return self._inside(file, named), True
        extent = self.extent(file, start) if self.extent is not None else None
        if extent is not None:
            return self._inside(file, extent), True
        starts = self.starts[file]
        after = bisect_left(starts, start + 1)
        end = starts[after] if after < len(starts) else None
        return [target for line, target in self.tags[file]
                if line >= start and (end is None or line < end)], True

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
        return len(self._named(case)[0]) > 1

    def in_file(self, case: JunitTestcase) -> list[Target]:
        """The targets of every tag in the file `case` names, or in each of the files it may
        name when its name fits several (none when it names none): where a failure of it
        counts when it cannot be placed, so that it is never lost."""
        files, _ = self._named(case)
        return [target for file in files for _, target in self.tags[file]]


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

"""Where a Go test begins and ends, found by its name in its package: Go reports (go-junit-report,
gotestsum) give no file and no line, only the package's import path as the classname and the
test's name (`TestLogin`, or `TestLogin/empty_password` for a subtest, which runs inside
`TestLogin`).

A package is a folder: the test is the one top-level `func` of that name among the folder's
`*_test.go` files (tagged or not: a test of an untagged file is placed there, and reaches no
tag). It runs from its `func` line to the first line that is a lone `}` (gofmt's end of a
top-level function), and takes in the comment lines right above it (`// SPEC-0042/FR-3`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.trace.python_tests import MAX_BYTES, Extent

TEST_FILE_SUFFIX: Final = "_test.go"
_FUNCTION: Final = re.compile(r"func\s+([A-Za-z_][A-Za-z0-9_]*)\s*[\[(]")
"""A top-level function (at the start of its line; a method, `func (s *S) Test…`, is none)."""
_TEST_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class GoTestFunctions:
    """The Go tests of a work tree whose top is `top`, by package folder and name: each
    `_test.go` file read once, when a testcase first names its package."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.files: dict[str, dict[str, list[Extent]]] = {}

    def in_package(self, folder: str, name: str) -> tuple[str, Extent] | str:
        """The file and extent of the test `name` (a subtest: its test) of the package in
        `folder` (from the top of the work tree, `""` the top); else why it cannot be told."""
        test = name.partition("/")[0]
        shown = f"{folder}/" if folder else "the top folder"
        if not _TEST_NAME.fullmatch(test):  # go-junit-report's `[build failed]`
            return f"it names the package in {shown}, not a test in it"
        found = [(file, extent) for file in self._test_files(folder)
                 for extent in self._functions(file).get(test, [])]
        if len(found) == 1:
            return found[0]
        if found:
            return f"the {TEST_FILE_SUFFIX} files in {shown} define {test} {len(found)} times"
        return f"no {TEST_FILE_SUFFIX} file in {shown} defines func {test}"

    def _test_files(self, folder: str) -> list[str]:
        try:
            names = sorted(name for name in inputs.reader.listdir(self.top / folder)
                           if name.endswith(TEST_FILE_SUFFIX)
                           and inputs.reader.isfile(self.top / folder / name))
        except OSError:  # a folder gone, or one that cannot be listed: no test found
            return []
        return [f"{folder}/{name}" if folder else name for name in names]

    def _functions(self, file: str) -> dict[str, list[Extent]]:
        if file not in self.files:
            self.files[file] = _functions(self.top / file)
        return self.files[file]


def _functions(path: Path) -> dict[str, list[Extent]]:
    """Each top-level function of the Go file at `path` -> its extents (none when the file
    cannot be read)."""
    try:
        lines = read_bounded(path, MAX_BYTES).decode("utf-8", "replace").splitlines()
    except UnreadableFile:
        return {}
    found: dict[str, list[Extent]] = {}
    for index, line in enumerate(lines):
        match = _FUNCTION.match(line)
        if match is None:
            continue
        last = index
        if not line.rstrip().endswith("}"):  # not a one-line function
            last = next((after for after in range(index + 1, len(lines))
                         if lines[after].rstrip() == "}" or _FUNCTION.match(lines[after])),
                        len(lines))
            if last == len(lines) or lines[last].rstrip() != "}":
                last -= 1  # no lone `}`: up to the next function, or the end
        first = index
        while first > 0 and lines[first - 1].lstrip().startswith("//"):
            first -= 1
        found.setdefault(match[1], []).append((first + 1, last + 1))
    return found

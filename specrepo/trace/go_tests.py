"""Where a Go test begins and ends, found by its name in its package: Go reports (go-junit-report,
gotestsum) give no file and no line, only the package's import path as the classname and the
test's name (`TestLogin`, or `TestLogin/empty_password` for a subtest, which runs inside
`TestLogin`).

A package is a folder, whose import path is the `module` path of the nearest `go.mod` at or
above it, followed by the folders below that `go.mod` (Go's own rule, "Modules, packages, and
versions" in the Go Modules Reference; a workspace's `go.work` only lists such modules). The
test is the one top-level `func` of that name among the folder's `*_test.go` files (tagged or
not: a test of an untagged file is placed there, and reaches no tag). A testify suite's test,
`TestAuthSuite/TestLogin`, is its method `func (s *AuthSuite) TestLogin()` where a test file of
the package defines one (on the suite type `TestAuthSuite` names, where several types do);
when `TestAuthSuite` runs a suite (`suite.Run(t, ...)`) that no such method is of, the test
cannot be placed. A function or method runs from its `func` line to the first line that is a
lone `}` (gofmt's end of a top-level function), and takes in the comment lines right above it
(`// SPEC-0042/FR-3`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Final, NamedTuple

from specrepo.base import inputs
from specrepo.base.reading import UnreadableFile, read_bounded
from specrepo.trace.python_tests import MAX_BYTES, Extent

TEST_FILE_SUFFIX: Final = "_test.go"
MODULE_FILE: Final = "go.mod"
_FUNCTION: Final = re.compile(
    r"func(?:\s*\(\s*(?:[A-Za-z_]\w*\s+)?\*?\s*([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)\s*|\s+)"
    r"([A-Za-z_]\w*)\s*[\[(]")
"""A top-level function or method (at the start of its line): its receiver's type (a
method's, `func (s *AuthSuite) TestLogin()`: `AuthSuite`), its name."""
_TEST_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MODULE: Final = re.compile(r"\s*module\s+(?:\"([^\"]+)\"|`([^`]+)`|([^\s/]\S*?))\s*(?://.*)?$")
"""`go.mod`'s module line: `module example.com/app`, its path quoted or not."""
_T_PARAMETER: Final = re.compile(r"\(\s*([A-Za-z_]\w*)\s+\*\s*testing\.T\b")


class _GoFile(NamedTuple):
    lines: list[str]
    functions: dict[str, list[Extent]]
    """Each top-level function's name -> its extents; a method's as `Type.Name`."""


class GoTestFunctions:
    """The Go tests of a work tree whose top is `top`, by package folder and name: each
    `_test.go` file read once, when a testcase first names its package."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.files: dict[str, _GoFile] = {}
        self.modules: dict[str, str | None] = {}
        """Each folder looked in -> the module path of its `go.mod` (None: it has none)."""

    def package_path(self, folder: str) -> tuple[str, str] | None:
        """The module path of the package in `folder` (from the top of the work tree, `""`
        the top) and the folder it is below its module's top (`""` the top): by the nearest
        `go.mod` at or above it, whose import path is the module path and that folder;
        None when no `go.mod` up to the top has a module line (GOPATH's layout, or an
        unreadable one)."""
        parts = folder.split("/") if folder else []
        for end in range(len(parts), -1, -1):
            module = self._module("/".join(parts[:end]))
            if module is not None:
                return (module, "/".join(parts[end:])) if module else None
        return None

    def _module(self, folder: str) -> str | None:
        """The module path of `folder`'s `go.mod`; `""` when it has one without a module
        line; None when it has none."""
        if folder not in self.modules:
            path = self.top / folder / MODULE_FILE
            self.modules[folder] = None
            if inputs.reader.isfile(path):
                try:
                    text = read_bounded(path, MAX_BYTES).decode("utf-8", "replace")
                except UnreadableFile:
                    text = ""
                found = (_MODULE.match(line) for line in text.splitlines())
                self.modules[folder] = next((next(part for part in match.groups() if part)
                                             for match in found if match), "")
        return self.modules[folder]

    def in_package(self, folder: str, name: str) -> tuple[str, Extent] | str:
        """The file and extent of the test `name` (a subtest: its test; a testify suite's
        method: the method) of the package in `folder` (from the top of the work tree, `""`
        the top); else why it cannot be told."""
        test, _, subtest = name.partition("/")
        shown = f"{folder}/" if folder else "the top folder"
        if not _TEST_NAME.fullmatch(test):  # go-junit-report's `[build failed]`
            return f"it names the package in {shown}, not a test in it"
        found = self._defined(folder, lambda key: key == test)
        if len(found) > 1:
            return f"the {TEST_FILE_SUFFIX} files in {shown} define {test} {len(found)} times"
        if not found:
            return f"no {TEST_FILE_SUFFIX} file in {shown} defines func {test}"
        method = subtest.partition("/")[0]
        if _TEST_NAME.fullmatch(method):
            in_suite = self._suite_method(folder, found[0], method)
            if in_suite is not None:
                return in_suite
        return found[0][0], found[0][2]

    def _suite_method(self, folder: str, runner: tuple[str, str, Extent],
                      method: str) -> tuple[str, Extent] | str | None:
        """Where the testify suite method `method` that the test `runner` (its file, name
        and extent) runs is; else why it cannot be told; None when `method` is a plain
        subtest of `runner` (no method of that name, and `runner` runs no suite)."""
        file, test, (first, last) = runner
        lines = self._file(file).lines[first - 1:last]
        methods = self._defined(folder, lambda key: key.partition(".")[2] == method)
        parameter = next((match[1] for line in lines
                          if (match := _T_PARAMETER.search(line))), "t")
        runs = re.compile(rf"\bRun\(\s*{parameter}\s*,")  # `suite.Run(t, new(AuthSuite))`
        runs_suite = any(runs.search(line) for line in lines)
        named = [found for found in methods if any(
            re.search(rf"\b{found[1].partition('.')[0]}\b", line) for line in lines)]
        chosen = named if named else methods if runs_suite else []
        if len(chosen) == 1:
            return chosen[0][0], chosen[0][2]
        shown = f"{folder}/" if folder else "the top folder"
        if chosen:
            return (f"the {TEST_FILE_SUFFIX} files in {shown} define the suite method "
                    f"{method} {len(chosen)} times "
                    f"({', '.join(sorted(found[1] for found in chosen))})")
        if runs_suite:
            return (f"{test} runs a test suite, and no {TEST_FILE_SUFFIX} file in {shown} "
                    f"defines a method {method} of it")
        return None

    def _defined(self, folder: str, wanted: Callable[[str], bool]
                 ) -> list[tuple[str, str, Extent]]:
        """Each function (or method, `Type.Name`) of the package's test files whose name
        `wanted` takes: its file, name and extent."""
        return [(file, key, extent) for file in self._test_files(folder)
                for key, extents in self._file(file).functions.items() if wanted(key)
                for extent in extents]

    def _test_files(self, folder: str) -> list[str]:
        try:
            names = sorted(name for name in inputs.reader.listdir(self.top / folder)
                           if name.endswith(TEST_FILE_SUFFIX)
                           and inputs.reader.isfile(self.top / folder / name))
        except OSError:  # a folder gone, or one that cannot be listed: no test found
            return []
        return [f"{folder}/{name}" if folder else name for name in names]

    def _file(self, file: str) -> _GoFile:
        if file not in self.files:
            self.files[file] = _functions(self.top / file)
        return self.files[file]


def _functions(path: Path) -> _GoFile:
    """The lines of the Go file at `path` and the extents of its top-level functions and
    methods (none when the file cannot be read)."""
    try:
        lines = read_bounded(path, MAX_BYTES).decode("utf-8", "replace").splitlines()
    except UnreadableFile:
        return _GoFile([], {})
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
        key = f"{match[1]}.{match[2]}" if match[1] else match[2]
        found.setdefault(key, []).append((first + 1, last + 1))
    return _GoFile(lines, found)

"""Where a Python test begins and ends, from the line pytest reports for it or from its
name: so that a testcase is linked to the tags inside its own test, and never to those of
a test the run left out (deselected with `-k`, say) that follows it.

pytest's xunit1 family writes, as `line`, the line of the test's `def` (or of its first
decorator) counted from 0. Its xunit2 family (the default) writes no line: there the
test is found by its name, the classes of its `classname` after the module and its `name`
without parameters (`tests.test_login.TestLockout`, `test_locks[3]`), where the module
defines exactly one such function. The test runs from there to the end of its `def` (or
class), as Python's parser says, and takes in the comment lines right above it.
"""

from __future__ import annotations

import ast
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import field
from pathlib import Path
from typing import Final, Protocol

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.reading import UnreadableFile, read_bounded

Extent = tuple[int, int]
"""The first and last line of a test, 1-based, both included."""

MAX_BYTES: Final = 10 * 1024 * 1024
"""The largest test file read: 10 MiB."""


class ExtentFinder(Protocol):
    """Where a testcase's test is in its file (from the top of the work tree)."""

    def __call__(self, file: str, reported: int) -> Extent | None:
        """The extent of the test reported at line `reported`; None when it cannot be
        told."""

    def named(self, file: str, names: tuple[str, ...]) -> Extent | str:
        """The extent of the one test `names` (its classes, then its function) names; else
        why it cannot be told (`... defines it 2 times`)."""

    def in_package(self, folder: str, name: str) -> tuple[str, Extent] | str:
        """The file and extent of the test `name` of the package that is the folder
        `folder` (Go's: see `go_tests`); else why it cannot be told."""

    def package_path(self, folder: str) -> tuple[str, str] | None:
        """The module path of the Go package that is the folder `folder`, by the `go.mod`
        at or above it, and its folder below the module's top (see `go_tests`); None when
        no `go.mod` tells."""


@dataclass
class _Parsed:
    lines: list[str]
    ends: dict[int, int] = field(default_factory=dict)
    """Where each definition that starts on a line ends."""
    starts: defaultdict[tuple[str, ...], list[int]] = field(
        default_factory=lambda: defaultdict(list))
    """Each function's names (its classes, then itself; never one inside a function) ->
    the lines its definitions start at."""


class PythonTestExtents:
    """`ExtentFinder` for the Python files of a work tree whose top is `top`: each file read
    and parsed once, when a testcase first points into it."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.files: dict[str, _Parsed | None] = {}

    def __call__(self, file: str, reported: int) -> Extent | None:
        parsed = self._file(file)
        return None if parsed is None else _with_comments(parsed, reported + 1)  # from 0

    def named(self, file: str, names: tuple[str, ...]) -> Extent | str:
        if not file.endswith(".py"):
            return "tests are found by name in Python files only"
        parsed = self._file(file)
        if parsed is None:
            return f"{file} cannot be parsed"
        starts = parsed.starts.get(names, [])
        if len(starts) != 1:
            return f"{file} defines {'.'.join(names)} {len(starts)} times" if starts else \
                f"{file} defines no {'.'.join(names)}"
        extent = _with_comments(parsed, starts[0])
        assert extent is not None  # every definition's start has its end
        return extent

    def _file(self, file: str) -> _Parsed | None:
        if not file.endswith(".py"):
            return None
        if file not in self.files:
            self.files[file] = self._parsed(file)
        return self.files[file]

    def _parsed(self, file: str) -> _Parsed | None:
        """The file's lines and definitions; None when it cannot be read or parsed (a test
        file that does not parse reports no line)."""
        try:
            text = read_bounded(self.top / file, MAX_BYTES).decode("utf-8", "replace")
            with warnings.catch_warnings():  # invalid escape sequences and the like
                warnings.simplefilter("ignore")
                tree = ast.parse(text)
        except (UnreadableFile, SyntaxError, ValueError, RecursionError):
            return None
        parsed = _Parsed(text.splitlines())
        pending: list[tuple[Iterable[ast.AST], tuple[str, ...] | None]] = [(tree.body, ())]
        while pending:  # not recursive: a deeply nested file must not overflow the stack
            body, names = pending.pop()
            for node in body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    start = min([node.lineno, *(decorator.lineno
                                                for decorator in node.decorator_list)])
                    parsed.ends[start] = max(parsed.ends.get(start, 0),
                                             node.end_lineno or node.lineno)
                    inner = None if names is None else (*names, node.name)
                    if inner is not None and not isinstance(node, ast.ClassDef):
                        parsed.starts[inner].append(start)
                    pending.append((ast.iter_child_nodes(node),
                                    inner if isinstance(node, ast.ClassDef) else None))
                else:  # `if`, `try`, `with` bodies define at the same level
                    pending.append((ast.iter_child_nodes(node), names))
        return parsed


def _with_comments(parsed: _Parsed, first: int) -> Extent | None:
    """The definition starting at line `first`, with the comment lines right above it."""
    last = parsed.ends.get(first)
    if last is None:
        return None
    while first > 1 and parsed.lines[first - 2].lstrip().startswith("#"):
        first -= 1
    return first, last

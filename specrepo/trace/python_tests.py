"""Where a Python test begins and ends, from the line pytest reports for it: so that a
testcase is linked to the tags inside its own test, and never to those of a test the run
left out (deselected with `-k`, say) that follows it.

pytest's xunit1 family writes, as `line`, the line of the test's `def` (or of its first
decorator) counted from 0. The test runs from there to the end of its `def` (or class),
as Python's parser says, and takes in the comment lines right above it.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Final

from specrepo.base.reading import UnreadableFile, read_bounded

Extent = tuple[int, int]
"""The first and last line of a test, 1-based, both included."""
ExtentFinder = Callable[[str, int], "Extent | None"]
"""The extent of the test a testcase reports at (its file from the top of the work tree,
its line as reported); None when it cannot be told."""

MAX_BYTES: Final = 10 * 1024 * 1024
"""The largest test file read: 10 MiB."""


class PythonTestExtents:
    """`ExtentFinder` for the Python files of a work tree whose top is `top`: each file read
    and parsed once, when a testcase first points into it."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.files: dict[str, tuple[list[str], dict[int, int]] | None] = {}

    def __call__(self, file: str, reported: int) -> Extent | None:
        if not file.endswith(".py"):
            return None
        if file not in self.files:
            self.files[file] = self._parsed(file)
        parsed = self.files[file]
        if parsed is None:
            return None
        lines, ends = parsed
        first = reported + 1  # pytest counts from 0
        last = ends.get(first)
        if last is None:
            return None
        while first > 1 and lines[first - 2].lstrip().startswith("#"):
            first -= 1
        return first, last

    def _parsed(self, file: str) -> tuple[list[str], dict[int, int]] | None:
        """The file's lines, and where each definition that starts on a line ends; None when
        it cannot be read or parsed (a test file that does not parse reports no line)."""
        try:
            text = read_bounded(self.top / file, MAX_BYTES).decode("utf-8", "replace")
            with warnings.catch_warnings():  # invalid escape sequences and the like
                warnings.simplefilter("ignore")
                tree = ast.parse(text)
        except (UnreadableFile, SyntaxError, ValueError, RecursionError):
            return None
        ends: dict[int, int] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                start = min([node.lineno, *(decorator.lineno
                                            for decorator in node.decorator_list)])
                ends[start] = max(ends.get(start, 0), node.end_lineno or node.lineno)
        return text.splitlines(), ends

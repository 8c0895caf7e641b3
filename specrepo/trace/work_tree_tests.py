"""Where the tests of a work tree are, whatever their language: the `ExtentFinder` trace
places testcases with (Python tests by line or by name, Go tests by name in their package)."""

from __future__ import annotations

from pathlib import Path

from specrepo.trace.go_tests import GoTestFunctions
from specrepo.trace.python_tests import Extent, PythonTestExtents


class WorkTreeTests:
    """`ExtentFinder` for the work tree whose top is `top`."""

    def __init__(self, top: Path) -> None:
        self.python = PythonTestExtents(top)
        self.go = GoTestFunctions(top)

    def __call__(self, file: str, reported: int) -> Extent | None:
        return self.python(file, reported)

    def named(self, file: str, names: tuple[str, ...]) -> Extent | str:
        return self.python.named(file, names)

    def in_package(self, folder: str, name: str) -> tuple[str, Extent] | str:
        return self.go.in_package(folder, name)

    def package_path(self, folder: str) -> tuple[str, str] | None:
        return self.go.package_path(folder)

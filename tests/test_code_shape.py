"""The shape of the code: small modules with one job, short functions (see the README's
Development section); the YAML builder's measured hot loop is the one long function."""

from __future__ import annotations

import ast
from itertools import pairwise
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "specrepo"
MODULE_LINES = 400
FUNCTION_LINES = 60
LONGER = {
    ("load/yaml_builder.py", "_read"): "the builder's hot loop: one function, measured",
}
LONGER_MODULES: dict[str, str] = {}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    long = {path.relative_to(PACKAGE).as_posix(): len(path.read_text().splitlines())
            for path in _modules()}
    assert {name: lines for name, lines in long.items()
            if lines > MODULE_LINES and name not in LONGER_MODULES} == {}
    assert all(long[name] <= MODULE_LINES * 1.1 for name in LONGER_MODULES)


def test_no_function_is_over_60_lines() -> None:
    found = {}
    for path in _modules():
        name = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > FUNCTION_LINES and (name, node.name) not in LONGER:
                    found[f"{name}:{node.name}"] = lines
    assert found == {}


def test_every_module_starts_with_a_docstring() -> None:
    missing = [path.relative_to(PACKAGE).as_posix() for path in _modules()
               if ast.get_docstring(ast.parse(path.read_text())) is None
               and path.name != "__main__.py"]
    assert missing == []


def test_paths_are_resolved_without_raising_on_link_loops() -> None:
    """`Path.resolve()` raises `RuntimeError` on a symbolic-link loop before Python 3.13 (a
    traceback for one stray link in a spec folder); `base.paths.real_path` does not."""
    calls = [f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno}"
             for path in _modules()
             for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == "resolve" and not node.args and not node.keywords]
    assert calls == []


def test_definitions_stand_two_blank_lines_apart_at_most() -> None:
    """PEP 8's blank lines (two around top-level definitions, one around methods), which
    ruff checks only in preview (E303): no run of more than two blank lines between two
    statements of a module or class body."""
    found = []
    for path in [*_modules(), *sorted(PACKAGE.parent.joinpath("tests").rglob("*.py"))]:
        lines = path.read_text().split("\n")
        bodies = [ast.parse("\n".join(lines)).body]
        while bodies:
            body = bodies.pop()
            bodies += [node.body for node in body if isinstance(node, ast.ClassDef)]
            for before, after in pairwise(body):
                start = min([after.lineno, *(decorator.lineno for decorator in
                                             getattr(after, "decorator_list", []))])
                gap = lines[before.end_lineno or before.lineno:start - 1]
                if len(gap) > 2 and not any(line.strip() for line in gap):
                    found.append(f"{path.name}:{start}")
    assert found == []

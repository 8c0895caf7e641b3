"""Every read of the file system, the environment and the clock goes through
`specrepo.base.inputs` (its module docstring says why): the raw calls are refused
anywhere else in the package, by their names in the code (AST), as tests/test_code_shape.py
refuses `Path.resolve()`.

Refused, outside specrepo/base/inputs.py (and base/recording.py, base/questions.py: its other half):
- these functions, called or named (`islink = os.path.islink` too), or imported by name:
  `REFUSED_FUNCTIONS`;
- these methods, called on anything (the AST has no types: a method of that name on
  another object must be renamed or listed in `EXCEPTIONS`): `REFUSED_METHODS`;
- `open(...)` and `x.open(...)` unless the mode is a literal that writes (`w`, `a`, `x`,
  `+`), and `os.open(...)` unless its flags name `O_WRONLY`, `O_RDWR` or `O_CREAT`
  (writes stay where they are);
- `from specrepo.base.inputs import reader`, and `inputs.reader.X` named but not called
  outside a function's body (a default argument, a class field's default factory): both
  would keep the reader of the import's time, not the run's.
Not refused: `os.fdopen` (it wraps a descriptor opened before, through the reader when it
reads), `os.path.relpath` (the package gives it absolute paths), `stream.isatty()` of a
stream handed in, `os.getpid`. `Path.owner`/`Path.group` are not used (and `group` is a
regular expression match's).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent.parent / "specrepo"
DOORS = frozenset({"base/inputs.py", "base/recording.py", "base/questions.py"})
"""The door, and its other half: the recording reader and its questions (asked again by
the whole-result cache; tests/base/test_result_cache.py checks the reader overrides every
`Reader` method)."""

REFUSED_FUNCTIONS = frozenset({
    "os.stat", "os.lstat", "os.fstat", "os.scandir", "os.listdir", "os.walk", "os.access",
    "os.getcwd", "os.getcwdb", "os.environ", "os.environb", "os.getenv", "os.readlink",
    "os.cpu_count", "os.process_cpu_count", "os.sched_getaffinity", "os.geteuid", "os.getegid",
    "os.getgroups", "os.getuid", "os.getgid", "os.getlogin",
    "os.path.exists", "os.path.lexists", "os.path.isfile", "os.path.isdir", "os.path.islink",
    "os.path.ismount", "os.path.realpath", "os.path.abspath", "os.path.getsize",
    "os.path.getmtime", "os.path.getctime", "os.path.getatime", "os.path.samefile",
    "os.path.expanduser", "os.path.expandvars",
    "time.time", "time.time_ns", "time.monotonic", "time.monotonic_ns", "time.perf_counter",
    "time.perf_counter_ns", "time.process_time", "time.localtime", "time.ctime",
    "datetime.now", "datetime.today", "datetime.utcnow", "date.today",
    "datetime.datetime.now", "datetime.datetime.today", "datetime.datetime.utcnow",
    "datetime.date.today", "Path.cwd", "Path.home", "shutil.which", "glob.glob",
    "glob.iglob", "resources.files", "importlib.resources.files",
})
"""Functions that read: the file system (status, listings, links, the working folder),
the environment, the machine (cores, the process's user), the clock, the package's data
files."""

REFUSED_METHODS = frozenset({
    "read_bytes", "read_text", "exists", "is_file", "is_dir", "is_symlink", "is_mount",
    "iterdir", "glob", "rglob", "absolute", "expanduser", "stat", "lstat", "readlink",
    "samefile", "walk",
})
"""`pathlib.Path`'s readers, and `os.DirEntry`'s (`is_dir`, `is_file`, `is_symlink`,
`stat`)."""

_WRITE_FLAGS = frozenset({"O_WRONLY", "O_RDWR", "O_CREAT"})

EXCEPTIONS: dict[tuple[str, str, str], str] = {
    ("gitio/environment_paths.py", "settle_git_paths", "os.environ"):
        "a write: the CLI makes git's relative path variables absolute in the process's "
        "environment once, at its start (reading them as it rewrites them), before any "
        "command reads; a recording reader reads the rewritten values after it",
}
"""(module, function, refused name) -> why it may read directly. Reviewed: keep empty
unless a read truly cannot go through the door."""

def _dotted(node: ast.expr) -> str | None:
    """`os.path.exists` for that expression, None for one that is not a dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return None if inner is None else f"{inner}.{node.attr}"
    return None


def _mode_writes(call: ast.Call, position: int) -> bool:
    """Whether `call` (an `open`) has a literal mode that writes."""
    mode = call.args[position] if len(call.args) > position else next(
        (keyword.value for keyword in call.keywords if keyword.arg == "mode"), None)
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) \
        and any(letter in mode.value for letter in "wax+")


def _flags_write(call: ast.Call) -> bool:
    """Whether an `os.open` call's flags name a flag that writes."""
    return len(call.args) > 1 and any(
        isinstance(node, ast.Attribute) and node.attr in _WRITE_FLAGS
        for node in ast.walk(call.args[1]))


def _refused_call(call: ast.Call) -> str | None:
    """The refused name `call` makes, if any."""
    func = call.func
    name = _dotted(func)
    if name == "open":
        return None if _mode_writes(call, 1) else "open"
    if name == "os.open":
        return None if _flags_write(call) else "os.open"
    if isinstance(func, ast.Attribute) and name not in REFUSED_FUNCTIONS \
            and _dotted(func.value) != "inputs.reader":
        if func.attr == "open":
            return None if _mode_writes(call, 0) else ".open"
        if func.attr in REFUSED_METHODS:
            return f".{func.attr}"
    return None


def _refused_in(tree: ast.Module) -> list[tuple[int, str, str]]:
    """(line, enclosing function, refused name) of each refused read in `tree`."""
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, function: str, called: bool = False) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for outer in (*node.args.defaults, *node.args.kw_defaults,
                          *getattr(node, "decorator_list", ())):
                if outer is not None:
                    visit(outer, function)
            for inner in node.body if isinstance(node.body, list) else [node.body]:
                visit(inner, getattr(node, "name", function or "<lambda>"))
            return
        name = _refused_node(node, function, called)
        if name is not None:
            found.append((getattr(node, "lineno", 0), function or "<module>", name))
        for child in ast.iter_child_nodes(node):
            visit(child, function, isinstance(node, ast.Call) and child is node.func)

    visit(tree, "")
    return found


def _refused_node(node: ast.AST, function: str, called: bool) -> str | None:
    """The refused name `node` reads with, if any; `function` is "" outside a function's
    body (at import, in a default argument), where `inputs.reader.X` named, not called,
    would keep the reader of the import's time."""
    if isinstance(node, ast.Call):
        return _refused_call(node)
    if isinstance(node, (ast.Attribute, ast.Name)) and _dotted(node) in REFUSED_FUNCTIONS:
        return _dotted(node)
    if isinstance(node, ast.ImportFrom):
        return _refused_import(node)
    if isinstance(node, ast.Attribute) and not called and not function \
            and _dotted(node.value) == "inputs.reader":
        return f"inputs.reader.{node.attr} at import"
    return None


def _refused_import(node: ast.ImportFrom) -> str | None:
    """The refused name an import takes by name (`from os import environ`), if any."""
    for alias in node.names:
        if f"{node.module}.{alias.name}" in REFUSED_FUNCTIONS \
                or f"{(node.module or '').rsplit('.', 1)[-1]}.{alias.name}" in REFUSED_FUNCTIONS:
            return f"{node.module}.{alias.name}"
        if node.module == "specrepo.base.inputs" and alias.name == "reader":
            return "specrepo.base.inputs.reader"
    return None


def _modules() -> list[tuple[str, ast.Module]]:
    return [(path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text()))
            for path in sorted(PACKAGE.rglob("*.py"))]


def test_reads_go_through_the_door() -> None:
    found = sorted(
        f"{name}:{line} {function}: {refused}"
        for name, tree in _modules() if name not in DOORS
        for line, function, refused in _refused_in(tree)
        if (name, function, refused) not in EXCEPTIONS)
    assert found == []


def test_every_exception_is_still_needed() -> None:
    met = {(name, function, refused) for name, tree in _modules()
           for _, function, refused in _refused_in(tree)}
    assert set(EXCEPTIONS) - met == set()


@pytest.mark.parametrize("code, refused", [
    ("path.exists()", ".exists"), ("entry.is_dir(follow_symlinks=False)", ".is_dir"),
    ("os.path.islink(x)", "os.path.islink"), ("f = os.path.realpath", "os.path.realpath"),
    ("os.environ.get('A')", "os.environ"), ("time.time()", "time.time"),
    ("open(p)", "open"), ("open(p, 'rb')", "open"), ("p.open()", ".open"),
    ("os.open(p, os.O_RDONLY)", "os.open"), ("from os import environ", "os.environ"),
    ("from os.path import isdir", "os.path.isdir"), ("Path.cwd()", "Path.cwd"),
    ("date.today()", "date.today"),
    ("from specrepo.base.inputs import reader", "specrepo.base.inputs.reader"),
    ("open(p, 'w')", None), ("p.open('a')", None), ("os.open(p, os.O_WRONLY)", None),
    ("inputs.reader.exists(p)", None), ("time.gmtime(t)", None),
    ("def f(clock=inputs.reader.time_ns): pass", "inputs.reader.time_ns at import"),
    ("x = field(default_factory=inputs.reader.cwd)", "inputs.reader.cwd at import"),
    ("x = field(default_factory=lambda: inputs.reader.cwd())", None),
    ("def f():\n    exists = inputs.reader.exists", None),
])
def test_the_check_sees_each_refused_read(code: str, refused: str | None) -> None:
    found = [name for _, _, name in _refused_in(ast.parse(code))]
    assert found == ([] if refused is None else [refused])

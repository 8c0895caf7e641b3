"""The digest of specrepo's code changes whenever a module does (as Python's bytecode
cache tells a changed module: by its size and modification time)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.base import code_digest as module
from specrepo.base.code_digest import code_digest


def test_the_digest_changes_with_a_module_and_not_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "specrepo"
    (package / "base").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "__init__.py").write_text("")
    module_file = package / "base" / "code_digest.py"
    module_file.write_text("x = 1\n")
    monkeypatch.setattr(module, "__file__", str(module_file))

    def digest() -> str:
        code_digest.cache_clear()
        return code_digest()

    first = digest()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"bytecode")
    (package / "README.txt").write_text("not code")
    assert digest() == first
    module_file.write_text("x = 2\n")  # the same size: its time tells
    os.utime(module_file, ns=(1, 1))
    second = digest()
    assert second != first
    (package / "base" / "new.py").write_text("")
    assert digest() not in (first, second)
    code_digest.cache_clear()

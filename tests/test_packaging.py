"""The wheel carries every package and the schemas."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import tomli  # tomllib is 3.11+, and specrepo supports 3.10

ROOT = Path(__file__).parent.parent


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(tomli.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts)
             for path in (ROOT / "specrepo").rglob("__init__.py")}
    assert found | {"specrepo.schemas"} == listed


def test_the_repository_holds_no_link_leading_out_of_it() -> None:
    """A committed symbolic link to a folder elsewhere (an engineer's `.venv`) breaks the
    README's quick start in every clone (`python3 -m venv .venv` cannot make it); outside
    a git checkout (an sdist) there is nothing to ask."""
    listed = subprocess.run(["git", "ls-files", "-s", "-z"], cwd=ROOT, capture_output=True,
                            check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    links = [entry.split(b"\t", 1)[1].decode() for entry in listed.stdout.split(b"\0")
             if entry.startswith(b"120000 ")]
    leading_out = [link for link in links if not (ROOT / link).resolve().is_relative_to(ROOT)]
    assert leading_out == []

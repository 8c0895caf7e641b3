"""The wheel carries every package and the schemas."""

from __future__ import annotations

from pathlib import Path

import tomli  # tomllib is 3.11+, and specrepo supports 3.10

ROOT = Path(__file__).parent.parent


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(tomli.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts)
             for path in (ROOT / "specrepo").rglob("__init__.py")}
    assert found | {"specrepo.schemas"} == listed

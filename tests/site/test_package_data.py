"""The wheel carries the site's templates and assets (package data globs cover every file)."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import tomli

ROOT = Path(__file__).parent.parent.parent
SITE = ROOT / "specrepo" / "site"


def test_every_template_and_asset_is_package_data() -> None:
    settings = tomli.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    globs = settings["package-data"]["specrepo.site"]
    files = [path.relative_to(SITE).as_posix()
             for folder in ("templates", "assets") for path in (SITE / folder).rglob("*")
             if path.is_file()]
    assert len(files) > 10
    assert [name for name in files if not any(fnmatch(name, glob) for glob in globs)] == []
    assert "specrepo.site" in settings["packages"]

"""A folder a location takes for a spec file, told as a submodule when it is one."""

from __future__ import annotations

from pathlib import Path

from specrepo.load.nested_repositories import is_nested_repository


def test_a_submodule_checked_out_or_not_is_told_apart_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitmodules").write_text(
        '[submodule "vendor"]\n\tpath = "specs/vendor.yaml"\n\turl = ../vendor\n')
    for name in ("vendor.yaml", "checked-out.yaml", "plain.yaml"):
        (tmp_path / "specs" / name).mkdir(parents=True)
    (tmp_path / "specs" / "checked-out.yaml" / ".git").write_text("gitdir: ../../.git/x\n")
    assert is_nested_repository(tmp_path / "specs" / "vendor.yaml")  # named, not checked out
    assert is_nested_repository(tmp_path / "specs" / "checked-out.yaml")
    assert not is_nested_repository(tmp_path / "specs" / "plain.yaml")

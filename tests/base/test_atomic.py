"""The one atomic writer: whole or not at all, and never a temporary file left behind."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from specrepo.base import atomic
from specrepo.base.atomic import (
    is_temporary_name,
    remove_stale_temporaries,
    write_atomically,
)
from specrepo.base.errors import OutputError


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    (tmp_path / "taken").mkdir()  # rename over a folder fails after the text is written
    with pytest.raises(OutputError, match="taken: cannot write"):
        write_atomically(tmp_path / "taken", "text")
    with pytest.raises(OutputError, match="already exists"):
        write_atomically(tmp_path / "taken", "text", must_be_new=True)
    assert [path.name for path in tmp_path.iterdir()] == ["taken"]


def test_a_write_replaces_whole_and_stale_temporaries_go(tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "page.md"
    write_atomically(target, "one")
    write_atomically(target, "two")
    stale = tmp_path / ".page.md.abcd1234.specrepo-tmp"
    stale.write_text("half")
    assert is_temporary_name(stale.name) and not is_temporary_name(target.name)
    remove_stale_temporaries(tmp_path)
    assert [(path.name, path.read_text()) for path in tmp_path.iterdir()] == [("page.md", "two")]


@pytest.mark.parametrize("interrupted", ["flock", "replace"])
def test_ctrl_c_while_writing_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interrupted: str) -> None:
    """Ctrl-C while the temporary file waits for its lock, or before its rename: it is
    removed, and the file named keeps what it held."""
    target = tmp_path / "out" / "report.xml"
    target.parent.mkdir()
    target.write_text("before\n")

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fcntl if interrupted == "flock" else os, interrupted, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "after\n")
    monkeypatch.undo()
    assert os.listdir(target.parent) == ["report.xml"]
    assert target.read_text() == "before\n"


def test_a_folder_that_holds_no_new_file_is_named_as_the_user_sees_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder the user may not write in (root may write anywhere, so the refusal is
    stood in for) is named from the working folder, as every other message names paths."""
    def refused(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(atomic, "temporary_file", refused)
    with pytest.raises(OutputError) as raised:
        atomic.write_atomically(tmp_path / "docs" / "a.md", "text")
    assert str(raised.value) == ("docs: cannot write in this folder: Permission denied; "
                                 "docs/a.md not written")


@pytest.mark.parametrize("must_be_new", [False, True])
def test_a_text_in_parts_is_written_one_after_another(tmp_path: Path,
                                                      must_be_new: bool) -> None:
    target = tmp_path / "parts"
    write_atomically(target, [b"one", memoryview(b" two"), b"", b" three"],
                     must_be_new=must_be_new)
    assert target.read_bytes() == b"one two three"

"""A folder that cannot be written is said one way by every command: the folder as the
user sees it, what was being done, the system's reason and what was or was not written."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.errors import ExitCode, OutputError
from specrepo.base.writable_folders import make_folder, write_refused


def test_a_folder_that_cannot_be_made_is_named_from_the_working_folder_with_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "specs").write_text("a file where a folder should be\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as raised:
        make_folder(tmp_path / "specs" / "drafts")
    assert str(raised.value) == "specs/drafts: cannot create this folder: Not a directory"
    assert raised.value.exit_code is ExitCode.USAGE


def test_the_message_names_what_was_written(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    refused = write_refused(tmp_path / "docs", "create the output folder", "Permission denied",
                            "nothing written")
    assert str(refused) == ("docs: cannot create the output folder: Permission denied; "
                            "nothing written")
    assert str(write_refused("out/x", "create the output folder", "File name too long")) == (
        "out/x: cannot create the output folder: File name too long")

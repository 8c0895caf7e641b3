"""Which ids may name a file: safe characters only, and no Windows device name."""

from __future__ import annotations

import pytest

from specrepo.base.file_names import names_a_file


@pytest.mark.parametrize("spec_id", ["CON", "con", "Nul", "PRN", "aux.txt", "COM1", "lpt9.md"])
def test_a_windows_device_name_names_no_file(spec_id: str) -> None:
    """A committed page named so could not be checked out on Windows."""
    assert not names_a_file(spec_id)


@pytest.mark.parametrize("spec_id", ["SPEC-0001", "CONSOLE", "NULL-1", "COM10", "aux-2",
                                     "ADR-0007.v2"])
def test_names_that_only_start_like_a_device_name_are_files(spec_id: str) -> None:
    assert names_a_file(spec_id)


@pytest.mark.parametrize("spec_id", ["../x", "a/b", "", ".hidden", "x\x00", "x" * 201])
def test_a_name_that_could_leave_its_folder_names_no_file(spec_id: str) -> None:
    assert not names_a_file(spec_id)

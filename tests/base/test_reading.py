"""Reading a named file whole, within bounds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specrepo.base import inputs, reading
from specrepo.base.reading import UnreadableFile, read_bounded


@pytest.mark.parametrize("size", [0, 1, 99, 100])
def test_a_file_up_to_the_limit_is_read_whole(tmp_path: Path, size: int) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(bytes(range(256)) * (size // 256) + b"\r\n" * (size % 256 // 2)
                     + b"x" * (size % 2))
    assert read_bounded(file, 100) == file.read_bytes()


def test_a_larger_file_is_refused_with_its_size(tmp_path: Path) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"x" * 101)
    with pytest.raises(UnreadableFile) as refused:
        read_bounded(file, 100)
    assert (refused.value.size, refused.value.limit) == (101, 100)


def test_a_file_that_grows_after_its_size_is_read_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the read finds decides, not the size `stat` said before: a file that grew past
    the limit is refused, one that grew within it is read whole, in several reads."""
    file = tmp_path / "f.yaml"
    file.write_bytes(b"x" * 10)
    status, real_stat = os.stat(file), os.stat
    monkeypatch.setattr(reading, "_CHUNK", 7)

    def stale_stat(path: Path, **options: bool) -> os.stat_result:
        if path != file:
            return real_stat(path, **options)
        file.write_bytes(b"y" * grown)
        return status

    monkeypatch.setattr(inputs.reader, "stat", stale_stat)
    grown = 100
    assert read_bounded(file, 100) == b"y" * 100
    grown = 101
    with pytest.raises(UnreadableFile) as refused:
        read_bounded(file, 100)
    assert refused.value.size == 101


def test_what_is_not_a_regular_file_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    for path in (fifo, tmp_path):
        with pytest.raises(UnreadableFile) as refused:
            read_bounded(path, 100)
        assert (refused.value.strerror, refused.value.size) == (None, None)


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="No such file"):
        read_bounded(tmp_path / "missing.yaml", 100)

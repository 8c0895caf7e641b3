"""The one cache file format, a JSON header line and a payload whose SHA-256 it keeps: what
`write_headed` writes reads back whole, and a file that is damaged (any byte changed, cut
short, no header) or foreign (another format or key) reads as absent, never as an answer."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specrepo.base.atomic import Remade, is_temporary_name
from specrepo.base.headed_cache import (
    DamagedCache,
    ForeignCache,
    read_headed,
    read_headed_or_empty,
    read_header,
    trusted_json,
    write_headed,
)

_CONTEXT = multiprocessing.get_context("fork")
_WAIT = 60  # seconds, at most: a loaded machine
_EXAMPLES = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
_KEYS = st.text(max_size=20)
_PAYLOADS = st.binary(max_size=200)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """Where a cache file goes: a folder that does not exist yet (`write_headed` makes it)."""
    return tmp_path / "specrepo" / "cache.json"


@pytest.mark.parametrize("kind", ["file", "pipe", "link", "folder"])
def test_a_cache_file_replaces_what_is_there(cache: Path, kind: str) -> None:
    """A cache is written whole in place of an older cache, a pipe or a link (the link's
    target left as it is); a folder in the way keeps it from being written, silently."""
    folder, elsewhere = cache.parent, cache.parent.parent / "mine.txt"
    folder.mkdir()
    elsewhere.write_text("not specrepo's")
    if kind == "file":
        write_headed(cache, {"format": 1}, b"[0]")
    elif kind == "pipe":
        os.mkfifo(cache)
    elif kind == "link":
        cache.symlink_to(elsewhere)
    else:
        cache.mkdir()
    write_headed(cache, {"format": 2}, b"[1]")
    assert elsewhere.read_text() == "not specrepo's"
    assert [path.name for path in folder.iterdir()] == ["cache.json"]
    if kind == "folder":
        assert cache.is_dir()
        return
    header, payload = cache.read_bytes().split(b"\n")
    assert (json.loads(header), payload) == (
        {"format": 2, "sha256": hashlib.sha256(b"[1]").hexdigest()}, b"[1]")
    assert not cache.is_symlink()


@_EXAMPLES
@given(st.integers(0, 99), _KEYS, _PAYLOADS)
def test_what_is_written_reads_back_whole(cache: Path, form: int, key: str,
                                          payload: bytes) -> None:
    write_headed(cache, {"format": form, "key": key}, payload)
    headed = read_headed(cache)
    assert headed.checked(format=form, key=key) == payload
    assert headed.header["format"] == form and read_header(cache) == headed.header
    assert headed.written == cache.stat().st_mtime_ns


@_EXAMPLES
@given(_KEYS, st.lists(st.binary(max_size=40), max_size=8), st.booleans())
def test_a_payload_in_parts_is_the_file_of_its_parts_joined(
        cache: Path, key: str, parts: list[bytes], views: bool) -> None:
    """The history cache writes its payload in parts (never joined: its peak memory) and
    its file is byte for byte the one the joined payload makes, digest and all; so too
    with parts made again each time they are read (`Remade`: hashed, then written, none
    held longer, mem66b)."""
    joined, remade = cache.with_name("joined.json"), cache.with_name("remade.json")
    write_headed(joined, {"format": 1, "key": key}, b"".join(parts))
    write_headed(cache, {"format": 1, "key": key},
                 [memoryview(part) if views else part for part in parts])
    write_headed(remade, {"format": 1, "key": key}, Remade(lambda: (bytes(part) for part in parts)))
    assert cache.read_bytes() == joined.read_bytes() == remade.read_bytes()
    assert read_headed(cache).checked(format=1, key=key) == b"".join(parts)

@_EXAMPLES
@given(_KEYS, _PAYLOADS, st.data())
def test_a_file_cut_short_reads_as_damaged(cache: Path, key: str, payload: bytes,
                                           data: st.DataObject) -> None:
    write_headed(cache, {"format": 3, "key": key}, payload)
    whole = cache.read_bytes()
    cache.write_bytes(whole[:data.draw(st.integers(0, len(whole) - 1))])
    with pytest.raises(DamagedCache):
        read_headed(cache).checked(format=3, key=key)
    assert trusted_json(cache, format=3, key=key) is None


@_EXAMPLES
@given(_KEYS, _PAYLOADS, st.data())
def test_a_changed_byte_never_reads_as_another_payload(cache: Path, key: str, payload: bytes,
                                                       data: st.DataObject) -> None:
    """Any byte changed: the file reads as absent, or (whitespace in the header, say) as
    the very payload written."""
    write_headed(cache, {"format": 3, "key": key}, payload)
    whole = bytearray(cache.read_bytes())
    at = data.draw(st.integers(0, len(whole) - 1))
    whole[at] = data.draw(st.integers(0, 255).filter(lambda byte: byte != whole[at]))
    cache.write_bytes(bytes(whole))
    assert read_headed(cache).payload_for(format=3, key=key) in (None, payload)


@pytest.mark.parametrize("first_line", [b"", b"not json", b'{"format": 1', b"[1]", b'"x"'])
def test_a_header_that_is_no_json_object_is_damaged(cache: Path, first_line: bytes) -> None:
    cache.parent.mkdir()
    cache.write_bytes(first_line + b"\n[]")
    headed = read_headed(cache)
    assert headed.header == {} and read_header(cache) == {}
    with pytest.raises(DamagedCache, match="header"):
        headed.checked(format=1)
    assert headed.payload_for() is None


def test_a_payload_that_is_not_the_one_the_digest_names_is_damaged(cache: Path) -> None:
    write_headed(cache, {"format": 1}, b'{"answer": 1}')
    cache.write_bytes(cache.read_bytes().replace(b"1}", b"2}"))
    with pytest.raises(DamagedCache, match="checksum"):
        read_headed(cache).checked(format=1)
    cache.write_bytes(cache.read_bytes().split(b"\n")[0])  # the header line alone
    with pytest.raises(DamagedCache, match="checksum"):
        read_headed(cache).checked(format=1)


@pytest.mark.parametrize(("written", "asked"), [
    ({"format": 2}, {"format": 1}),
    ({"format": True}, {"format": 1}),  # JSON's true is no format 1
    ({"format": 1.0}, {"format": 1}),
    ({"format": 1}, {"format": 1, "key": "k"}),
    ({"format": 1, "key": "other"}, {"format": 1, "key": "k"}),
])
def test_another_format_or_key_is_foreign(cache: Path, written: dict[str, object],
                                          asked: dict[str, Any]) -> None:
    write_headed(cache, written, b"[]")
    with pytest.raises(ForeignCache):
        read_headed(cache).checked(**asked)
    assert trusted_json(cache, **asked) is None


def test_trusted_json_is_absent_for_what_cannot_be_read(cache: Path) -> None:
    assert trusted_json(cache, format=1) is None  # no file, no folder
    write_headed(cache, {"format": 1, "head": "abc"}, b"[1, 2]")
    assert trusted_json(cache, format=1) == ({"format": 1, "head": "abc", "sha256": hashlib
                                             .sha256(b"[1, 2]").hexdigest()}, [1, 2])
    write_headed(cache, {"format": 1}, b"[1, 2")  # trusted, but no JSON
    assert trusted_json(cache, format=1) is None
    cache.unlink()
    os.mkfifo(cache)  # would block a plain read forever
    assert trusted_json(cache, format=1) is None and read_header(cache) == {}
    with pytest.raises(OSError):
        read_headed(cache)
    empty = read_headed_or_empty(cache)
    assert (empty.header, empty.payload_for(), bytes(empty.payload)) == ({}, None, b"")


def _write_many(cache: Path, writer: int, start: Any) -> None:
    start.wait(_WAIT)
    for turn in range(40):
        write_headed(cache, {"format": 1}, json.dumps([writer, turn]).encode())


def test_concurrent_writers_leave_one_whole_cache_and_no_temporary_file(cache: Path) -> None:
    """Writers in four processes take turns at random; a reader meanwhile finds no cache
    (each writer removes the old one first) or one writer's whole cache, and once they are
    done one whole cache is there, and nothing else."""
    start = _CONTEXT.Event()
    writers = [_CONTEXT.Process(target=_write_many, args=(cache, writer, start))
               for writer in range(4)]
    for process in writers:
        process.start()
    start.set()
    seen = []
    while any(process.is_alive() for process in writers):
        seen.append(trusted_json(cache, format=1))
    for process in writers:
        process.join(_WAIT)
        assert process.exitcode == 0
    assert all(found is None or found[1][0] in range(4) for found in seen)
    assert [path.name for path in cache.parent.iterdir()] == ["cache.json"]
    assert not any(is_temporary_name(name) for name in os.listdir(cache.parent))
    found = trusted_json(cache, format=1)
    assert found is not None and found[1][1] == 39

"""Atomic writes in concurrent processes: a temporary file is never removed by another
run's clean-up while its writer lives, from its creation to its rename, and a killed
writer's is removed by the next clean-up (trial33 F4). Each writer is a real process,
paused at a chosen step (events, no timing)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from specrepo.base import atomic
from specrepo.base.atomic import is_leftover, remove_stale_temporaries, write_atomically
from specrepo.output.page_set import scan_folder

_CONTEXT = multiprocessing.get_context("fork")
_WAIT = 60  # seconds, at most: a loaded machine


def _paused(step: Callable[..., Any], ready: Any, go: Any, *, after: bool) -> Callable[..., Any]:
    """`step`, which says it is reached (`ready`, before or `after` it is taken) and waits
    to be let on (`go`)."""
    def paused(*arguments: Any, **options: Any) -> Any:
        result = step(*arguments, **options) if after else None
        ready.set()
        go.wait(_WAIT)
        return result if after else step(*arguments, **options)
    return paused


def _write_pausing(page: Path, at: str, ready: Any, go: Any) -> None:
    """In a child process (its own modules patched): write `page`, pausing after the
    temporary file is made (`at` "mkstemp") or before it is renamed ("replace")."""
    if at == "mkstemp":
        tempfile.mkstemp = _paused(tempfile.mkstemp, ready, go, after=True)
    else:
        os.replace = _paused(os.replace, ready, go, after=False)
    write_atomically(page, "whole page\n")


def _start(page: Path, at: str) -> tuple[Any, Any, Any]:
    ready, go = _CONTEXT.Event(), _CONTEXT.Event()
    writer = _CONTEXT.Process(target=_write_pausing, args=(page, at, ready, go))
    writer.start()
    assert ready.wait(_WAIT)
    return writer, ready, go


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder (tmp_path holds the tests' home folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if atomic.is_temporary_name(path.name)]


def test_a_written_temporary_file_stays_locked_until_renamed(out: Path) -> None:
    page = out / "page.md"
    writer, _, go = _start(page, "replace")  # written whole, not renamed yet
    [temporary] = temporaries(out)
    assert not is_leftover(temporary)
    assert scan_folder(out, [], generated=False).leftovers == ()  # render's clean-up
    remove_stale_temporaries(out)  # the caches' clean-up
    atomic.remove_unheld(temporary)
    assert temporaries(out) == [temporary]
    go.set()
    writer.join(_WAIT)
    assert writer.exitcode == 0
    assert [path.name for path in out.iterdir()] == ["page.md"]
    assert page.read_text() == "whole page\n"


def test_a_temporary_file_removed_before_it_was_locked_is_made_again(out: Path) -> None:
    page = out / "page.md"
    writer, _, go = _start(page, "mkstemp")  # made, not locked yet
    [temporary] = temporaries(out)
    assert not is_leftover(temporary)  # empty: render says no leftover was removed
    assert scan_folder(out, [], generated=False).leftovers == ()
    remove_stale_temporaries(out)  # the caches' clean-up removes it nonetheless
    assert not temporary.exists()
    go.set()
    writer.join(_WAIT)
    assert writer.exitcode == 0
    assert [path.name for path in out.iterdir()] == ["page.md"]
    assert page.read_text() == "whole page\n"


def test_a_killed_writers_temporary_file_is_removed_by_the_next_clean_up(
        out: Path) -> None:
    writer, _, _ = _start(out / "page.md", "replace")
    assert writer.pid is not None
    os.kill(writer.pid, signal.SIGKILL)
    writer.join(_WAIT)
    [temporary] = temporaries(out)
    assert is_leftover(temporary)
    assert scan_folder(out, [], generated=False).leftovers == (temporary,)
    remove_stale_temporaries(out)
    assert list(out.iterdir()) == []

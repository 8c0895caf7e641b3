"""regress runs in a worker process of its own, killed past the budget (newuser59 HIGH: a back
reference to a repeated group held validate for minutes with regress in-process)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import regress
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.load import ecma_regex as ecma_regex_module
from specrepo.load import regress_process
from specrepo.load.ecma_regex import ecma_regex
from specrepo.load.ecma_to_regex import regex_syntax
from specrepo.load.no_verdict import EngineEnded, SlowMatch
from tests.support import fuzz

SLUG = "^([a-z0-9]+-?)+(?<!-)-\\1$"
"""newuser59's pattern: a back reference to a repeated group (only regress reads it as
ECMA-262 does) after a repetition whose parts split a slug in many ways."""
LONG_SLUG = "abcdefghijklmnopqrstuvwxyz0123456789abcdefgh-" + "abcdefghij" * 4 + "z"
TWO_WAYS = "^(a|aa)+\\1b$"
"""newuser60b's: one repetition with overlapping alternatives, then a back reference."""
STAYING = [SLUG, TWO_WAYS, "^(?:(a)|b)+\\1$", "^(a+)+-\\1$", "^(a|)*\\1$", "(?<=\\1(a))b"]


def _worker_pid() -> int:
    """The process id of this process's regress worker (one match made first)."""
    return regress_process._workers[0].process.pid


def _gone(pid: int) -> bool:
    """Whether process `pid` has ended and been collected (not left a zombie)."""
    try:
        return "State:\tZ" in Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return True


def _reaped(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


@pytest.mark.parametrize("pattern", STAYING)
def test_the_patterns_only_regress_reads_stay_with_it(pattern: str) -> None:
    assert regex_syntax(pattern) is None


@given(pattern=st.sampled_from(STAYING), text=st.text("ab-cd", max_size=12))
@fuzz(200)
def test_the_worker_answers_as_regress_does_in_process(pattern: str, text: str) -> None:
    in_process = regress.Regex(pattern, "u").find(text) is not None
    assert (ecma_regex(pattern).find(text) is not None) is in_process


def test_a_slow_match_kills_the_worker_and_the_next_starts_another(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ecma_regex_module, "MATCH_SECONDS", 0.3)
    slug = ecma_regex(SLUG)
    assert slug.find("ab-cd-cd") is not None
    first = _worker_pid()
    started = time.monotonic()
    with pytest.raises(SlowMatch) as raised:
        slug.find(LONG_SLUG)
    assert time.monotonic() - started < 5
    assert isinstance(raised.value, ConfigError)  # exit 2: no verdict, never a pass
    assert f"the pattern '{SLUG}' did not decide on the value 'abcdef" in str(raised.value)
    assert _reaped(first)
    assert slug.find("ab-cd-ab") is None
    assert _worker_pid() != first


def test_a_worker_killed_during_a_match_is_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ecma_regex_module, "MATCH_SECONDS", 30)
    slug = ecma_regex(SLUG)
    assert slug.find("ab-cd-cd") is not None
    pid = _worker_pid()
    threading.Timer(0.3, os.kill, (pid, signal.SIGKILL)).start()
    with pytest.raises(EngineEnded, match="ended \\(signal 9\\) before it answered"):
        slug.find(LONG_SLUG)
    assert _reaped(pid)
    assert slug.find("ab-cd-cd") is not None


def test_a_worker_ended_between_matches_is_started_again() -> None:
    slug = ecma_regex(SLUG)
    assert slug.find("ab-cd-cd") is not None
    pid = _worker_pid()
    os.kill(pid, signal.SIGKILL)
    while not _gone(pid):
        time.sleep(0.01)
    assert slug.find("ab-cd-cd") is not None
    assert _reaped(pid)


def test_a_forked_process_asks_its_own_worker() -> None:
    slug = ecma_regex(SLUG)
    assert slug.find("ab-cd-cd") is not None
    parents = _worker_pid()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the forked child's report comes through the pipe)
        verdicts = [slug.find(text) is not None for text in ("ab-cd-cd", "ab-cd-ab")]
        os.write(write, f"{verdicts} {_worker_pid() != parents}".encode())
        os._exit(0)
    os.close(write)
    _, status = os.waitpid(child, 0)
    with os.fdopen(read, "rb") as answer:
        assert answer.read() == b"[True, False] True"
    assert status == 0
    assert slug.find("ab-cd-ab") is None and _worker_pid() == parents


def test_the_worker_ends_with_the_process_that_asked() -> None:
    """Even one that exits without its clean-up (`os._exit`): the closed pipe ends it."""
    script = (f"from specrepo.load.ecma_regex import ecma_regex\n"
              f"from specrepo.load import regress_process\n"
              f"import os\n"
              f"assert ecma_regex({SLUG!r}).find('ab-cd-cd')\n"
              f"print(regress_process._workers[0].process.pid, flush=True)\n"
              f"os._exit(0)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=60)
    pid = int(done.stdout)
    deadline = time.monotonic() + 10
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid)


def test_windows_without_select_on_pipes_matches_in_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    find = regress_process.bounded_regress(SLUG, SLUG, lambda: 0.3)
    assert find("ab-cd-cd") is not None
    assert find("ab-cd-ab") is None

"""regress runs in a worker process of its own, killed past the budget (newuser59 HIGH: a back
reference to a repeated group held validate for minutes with regress in-process)."""

from __future__ import annotations

import json
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
from specrepo.load.no_verdict import EngineEnded, EngineUnstarted, SlowMatch
from tests.support import fuzz, run_cli

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
        os.write(write, f"{verdicts} {_worker_pid()}".encode())
        os._exit(0)  # as base.parallel's workers end: no clean-up of its own
    os.close(write)
    _, status = os.waitpid(child, 0)
    with os.fdopen(read, "rb") as answer:
        said, childs = answer.read().decode().rsplit(" ", 1)
    assert (said, status) == ("[True, False]", 0)
    assert int(childs) != parents
    assert slug.find("ab-cd-ab") is None and _worker_pid() == parents
    _ends_soon(int(childs), within=10)


def test_a_worker_ends_with_its_asker_killed_during_a_match(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """check61 M2: a forked validate process ended (Ctrl-C, exit 2 elsewhere) while its
    worker matched; the worker lived on until its alarm (11 s), on a core of its own."""
    monkeypatch.setattr(ecma_regex_module, "MATCH_SECONDS", 60)
    slug = ecma_regex(SLUG)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (killed during its slow match)
        slug.find("ab-cd-cd")
        os.write(write, str(_worker_pid()).encode())
        slug.find(LONG_SLUG)
        os._exit(0)
    os.close(write)
    worker = int(os.read(read, 20))  # the child keeps its end open
    os.close(read)
    time.sleep(0.3)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    _ends_soon(worker, within=3)


def _ends_soon(pid: int, within: float) -> None:
    deadline = time.monotonic() + within
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _gone(pid)


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
    _ends_soon(int(done.stdout), within=10)


def test_the_worker_imports_as_the_asking_interpreter_does(tmp_path: Path) -> None:
    """check61 M5: under `python -I`, the worker imported a `PYTHONPATH`'s `regress.py`."""
    marker = tmp_path / "imported"
    (tmp_path / "regress.py").write_text(f"open({str(marker)!r}, 'w').close()\n",
                                         encoding="utf-8")
    script = (f"from specrepo.load.ecma_regex import ecma_regex\n"
              f"print(ecma_regex({SLUG!r}).find('ab-cd-cd'))\n")
    done = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True,
                          text=True, check=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert done.stdout == "True\n"
    assert not marker.exists()


def test_no_process_to_match_in_is_no_verdict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """check61 M4: a limit on processes (`ulimit -u`) ended the run as an internal error."""
    def refused(_: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(regress_process._Worker, "__init__", refused)
    monkeypatch.setattr(regress_process, "_workers", [])
    (tmp_path / "specrepo.yaml").write_text("specs: specs\nschema: s.json\n", encoding="utf-8")
    schema = {"properties": {"slug": {"type": "string", "pattern": SLUG}}}
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "SPEC-0001.yaml").write_text("slug: ab-cd-cd\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(EngineUnstarted):
        ecma_regex(SLUG).find("ab-cd-cd")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2
    assert ("SPEC-0001.yaml:1:7: the pattern '^([a-z0-9]+-?)+(?<!-)-\\1$' could not be "
            "matched against the value 'ab-cd-cd': no process to match it in could be "
            "started (Resource temporarily unavailable)") in result.output


def test_windows_without_select_on_pipes_matches_in_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    find = regress_process.bounded_regress(SLUG, SLUG, lambda: 0.3)
    assert find("ab-cd-cd") is not None
    assert find("ab-cd-ab") is None

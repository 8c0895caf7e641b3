"""A run under `nohup` keeps SIGHUP ignored; the handlers a run installs go when it ends."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from specrepo.base.signals import signals_end_the_run
from tests.support import run_cli


@pytest.fixture
def nohup() -> Iterator[None]:
    """SIGHUP ignored and SIGTERM at its default, as `nohup` starts a command."""
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN), signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGHUP, before[0])
    signal.signal(signal.SIGTERM, before[1])


@pytest.mark.usefixtures("nohup")
def test_a_signal_the_run_was_started_ignoring_stays_ignored() -> None:
    with signals_end_the_run():
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


@pytest.mark.usefixtures("nohup")
def test_a_command_leaves_the_signal_handlers_as_it_found_them(repo: Path) -> None:
    assert run_cli("validate", "--allow-empty").exit_code == 0
    assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL

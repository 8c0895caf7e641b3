"""SIGTERM (a CI job cancelled, `timeout`) and SIGHUP (a terminal closed) end a run as
Ctrl-C does: its clean-up runs (temporary folders and files removed, workers stopped) and
it exits 128 + the signal's number, with one line on stderr."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.history.gitrepo import GitRepo, spec_text

ENDINGS = [(signal.SIGINT, 130, "specrepo: interrupted\n"),
           (signal.SIGTERM, 143, "specrepo: terminated (SIGTERM)\n"),
           (signal.SIGHUP, 129, "specrepo: terminated (SIGHUP)\n")]

WAITING = """
import os, runpy, sys, time
{patch}
def waiting(*arguments, **options):
    open({marker!r}, "w").close()
    time.sleep(60)
    return original(*arguments, **options)
{install}
sys.argv = ["specrepo", *sys.argv[1:]]
runpy.run_module("specrepo", run_name="__main__")
"""
"""`python -m specrepo ARGUMENTS`, which waits at a chosen call (`install`) until a signal
ends it, having made `marker`."""


def _signalled(root: Path, number: int, arguments: list[str], patch: str, install: str,
               env: dict[str, str]) -> tuple[int, str]:
    """Run `arguments` (`WAITING`) in a process group of its own, send signal `number`
    once it waits: its exit code and stderr. No process of the group may be left."""
    marker = root.parent / "waiting"
    script = WAITING.format(patch=patch, marker=str(marker), install=install)
    process = subprocess.Popen(
        [sys.executable, "-c", script, *arguments], cwd=root, text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        env={**os.environ, "SPECREPO_NO_RESULT_CACHE": "1", **env},
        # As a terminal delivers them, even where the tests run with them ignored.
        preexec_fn=lambda: [signal.signal(ending, signal.SIG_DFL)  # noqa: PLW1509
                            for ending, _, _ in ENDINGS])
    deadline = time.monotonic() + 60
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    deadline = time.monotonic() + 10  # one that is ending (reaped by init) is given time
    while str(process.pid) in _process_groups() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert str(process.pid) not in _process_groups(), "a process of the command outlived it"
    return process.returncode, stderr


def _process_groups() -> list[str]:
    return subprocess.run(["ps", "-e", "-o", "pgid="], capture_output=True, text=True,
                          check=True).stdout.split()


@pytest.mark.parametrize(("number", "code", "said"), ENDINGS)
def test_a_history_run_ended_by_a_signal_leaves_no_temporary_folder(
        git_repo: GitRepo, tmp_path: Path, number: int, code: int, said: str) -> None:
    git_repo.write(".gitattributes", "# no filter used here\n")  # applied in a folder of TMPDIR
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.commit("Review", {"specs/SPEC-0001.yaml": spec_text(status="In Review")})
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # Waits once the folder is made, in the forked worker that parses versions (two
    # cores) when git's attributes are asked there.
    patch = ("from specrepo.history import version_worker\n"
             "version_worker.usable_cores = lambda: 2\n"
             "from specrepo.gitio import historical_filters as place\n"
             "original = place.FilterAttributes\n")
    done = _signalled(git_repo.root, number, ["timeline", "SPEC-0001"], patch,
                      "place.FilterAttributes = waiting", {"TMPDIR": str(temporary)})
    assert done == (code, said)
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize(("number", "code", "said"), ENDINGS)
def test_a_write_ended_by_a_signal_leaves_no_temporary_file(
        git_repo: GitRepo, number: int, code: int, said: str) -> None:
    git_repo.commit("Draft", {"specs/SPEC-0001.yaml": spec_text()})
    # Waits with the page written in full to its temporary file, before it takes its name.
    patch = "original = os.link\n"
    done = _signalled(git_repo.root, number, ["render"], patch, "os.link = waiting", {})
    assert done == (code, said)
    assert [path.name for path in (git_repo.root / "docs" / "specs").iterdir()] == []


BACKTRACKING_SCHEMA = ('{"$schema": "https://json-schema.org/draft/2020-12/schema", '
                       '"type": "object", "properties": {"slug": '
                       '{"type": "string", "pattern": "^([a-z]|[a-z]{2})+(?=!)"}}}')
"""Two ways to split letters, repeated, before a lookahead that is not at the text's start
(so RE2 cannot take it): against 40 letters and a `?`, a backtracking engine tries every
split (the `regex` package too, until its budget: `SlowMatch`)."""


@pytest.mark.parametrize(("number", "code", "said"), ENDINGS)
def test_a_signal_ends_a_backtracking_match_at_once(
        git_repo: GitRepo, number: int, code: int, said: str) -> None:
    """check57 P1: Python's handler ran only once the native match returned (`timeout -k`
    needed its SIGKILL); the signal's default action now ends the run during it."""
    git_repo.write("specrepo.yaml", "specs: specs\nschema: spec.schema.json\n")
    git_repo.write("spec.schema.json", BACKTRACKING_SCHEMA)
    git_repo.write("specs/SPEC-0001.yaml", "slug: " + "abcdefghij" * 4 + "?\n")
    marker = git_repo.root.parent / "waiting"
    patch = ("from specrepo.load import ecma_regex as place\n"
             "original = place.ended_at_once\n"
             "import subprocess\n"
             "def marking(native):\n"  # the marker made once the native call has begun
             "    run = original(native)\n"
             f"    touch = ['sh', '-c', 'sleep 0.5; touch {marker}']\n"
             "    return lambda text: (subprocess.Popen(touch), run(text))[1]\n")
    done = _signalled(git_repo.root, number, ["validate"], patch,
                      "place.ended_at_once = marking", {})
    assert done == (-number, "")


@pytest.mark.parametrize(("number", "code", "said"), ENDINGS)
def test_a_signal_ends_a_regress_match_and_its_worker(
        git_repo: GitRepo, number: int, code: int, said: str) -> None:
    """A pattern only regress reads (a back reference to a repeated group) is matched in a
    worker process: the run's own handler ends it, and the worker with it."""
    git_repo.write("specrepo.yaml", "specs: specs\nschema: spec.schema.json\n")
    git_repo.write("spec.schema.json", BACKTRACKING_SCHEMA.replace("(?=!)", "\\\\1!"))
    git_repo.write("specs/SPEC-0001.yaml", "slug: " + "abcdefghij" * 4 + "?!\n")
    marker = git_repo.root.parent / "waiting"
    patch = ("from specrepo.load import regress_process as place\n"
             "original = place._Worker.ask\n"
             "import subprocess\n"
             "def marking(self, request, seconds):\n"  # the marker made once it has begun
             f"    subprocess.Popen(['sh', '-c', 'sleep 0.5; touch {marker}'])\n"
             "    return original(self, request, seconds)\n")
    done = _signalled(git_repo.root, number, ["validate"], patch,
                      "place._Worker.ask = marking", {})
    assert done == (code, said)

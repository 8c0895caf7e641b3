"""The versions parsed beside the walk: a version git cannot read stops mining with git's
reason, whether a worker process or this one read it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import HistoryError
from specrepo.history import version_worker
from specrepo.history.mine import mine_history
from specrepo.history.versions import VersionReader
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli


@pytest.mark.parametrize("forked", [True, False])
def test_a_missing_version_is_an_error_naming_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {"specs/a.yaml": spec_text(title="First")})
    old = repo.git("rev-parse", "HEAD:specs/a.yaml")
    repo.commit("Edit", {"specs/a.yaml": spec_text(title="Second")})
    (repo.root / ".git" / "objects" / old[:2] / old[2:]).unlink()  # a damaged repository
    monkeypatch.setattr(version_worker, "can_fork_workers", lambda: forked)
    with pytest.raises(HistoryError, match=f"git cannot read specs/a.yaml \\(object {old}\\)"):
        mine_history(load_config(None, repo.root))


class Unpicklable(Exception):
    """An exception pickle cannot carry back (its class takes another argument)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{reason} in {path}")


@pytest.mark.parametrize("forked", [True, False])
@pytest.mark.parametrize(("raised", "code", "message"), [
    (ConfigError("schema.json: $ref 'x' points to nothing"), 2,
     re.escape("specrepo: error: schema.json: $ref 'x' points to nothing\n")),
    (Unpicklable("specs/a.yaml", "a bug"), 3,
     "specrepo: internal error: {worker}Unpicklable: a bug in specs/a.yaml "
     "\\(run again with --debug for the traceback, and please report it\\)\n"),
])
def test_an_error_parsing_a_version_is_the_message_it_is_without_a_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool,
        raised: Exception, code: int, message: str) -> None:
    """A `SpecrepoError` keeps its message and exit code; anything else is an internal
    error in one line (exit 3): never a traceback as the message."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {"specs/a.yaml": spec_text()})

    def fail(*_: object, **__: object) -> None:
        raise raised

    monkeypatch.setattr(VersionReader, "read_with_content", fail)
    monkeypatch.setattr(version_worker, "can_fork_workers", lambda: forked)
    monkeypatch.setattr(version_worker, "usable_cores", lambda: 2)
    monkeypatch.chdir(repo.root)
    result = run_cli("validate", "--history")
    assert (result.exit_code, "Traceback" in result.output) == (code, False)
    # A worker names what it could not send back (as it cannot send the exception itself).
    worker = "WorkerBug: " if forked else ""
    assert re.fullmatch(message.replace("{worker}", worker), result.output), result.output


def test_a_commit_of_thousands_of_specs_is_mined(tmp_path: Path) -> None:
    """One commit adding 3,000 specs fills both of `git cat-file`'s pipes: the process
    reading git's answers must learn of them before they are asked for (the walk hung).
    Run in a child process, so that a hang fails the test instead of stopping the run."""
    repo = GitRepo(tmp_path / "many")
    for number in range(1, 3001):
        repo.write(f"specs/SPEC-{number:04d}.yaml", spec_text(f"SPEC-{number:04d}"))
    repo.commit("Three thousand specs")
    script = ("import sys; from pathlib import Path; "
              "from specrepo.configuration.config_file import load_config; "
              "from specrepo.history.mine import mine_history; "
              "print(len(mine_history(load_config(None, Path(sys.argv[1]))).specs))")
    done = subprocess.run([sys.executable, "-c", script, str(repo.root)], capture_output=True,
                          text=True, timeout=300, check=True)
    assert done.stdout.strip() == "3000"


def _many_commits(root: Path, count: int) -> GitRepo:
    """`count` commits, each adding a spec of about 1 KB (through `git fast-import`)."""
    repo = GitRepo(root)
    stream = []
    for number in range(count):
        content = spec_text(f"SPEC-{number:04d}", extra="notes: " + "word " * 150 + "\n")
        data = content.encode()
        stream += [b"commit refs/heads/main\n",
                   b"committer A <a@example.com> %d +0000\n" % (1_700_000_000 + number * 60),
                   b"data 1\nx\n",
                   b"M 100644 inline specs/SPEC-%04d.yaml\ndata %d\n%s\n" % (
                       number, len(data), data)]
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo.root, input=b"".join(stream),
                   check=True)
    repo.git("reset", "-q", "--hard", "main")
    return repo


INTERRUPTED_MINING = """
import sys, time
from pathlib import Path
from specrepo.base.errors import ConfigError
from specrepo.configuration.config_file import load_config
from specrepo.history import version_worker
from specrepo.history.mine import mine_history
from specrepo.history.options import MineOptions
from specrepo.base import pipes

# Pipes as wide as the system makes them: 2,000 commits fill them (1 MiB ones would take
# many more), and the walk is to stop while they are full.
pipes.PIPE_BYTES = 1 << 16

def stream_waits():
    # Whether the stream's reading thread waits to hand commits to the worker.
    for frame in sys._current_frames().values():
        names = []
        while frame is not None:
            names.append(frame.f_code.co_name)
            frame = frame.f_back
        if "submit" in names and names[0] in ("_send", "request", "submit"):
            return True
    return False

def progress(message):
    if message.startswith("parsed"):
        # The walk stops reading: git and the worker run ahead until every pipe between
        # them is full and the stream's thread waits (seen half a second on end), or ends.
        waited = 0
        for _ in range(600):
            time.sleep(0.05)
            waited = waited + 1 if stream_waits() else 0
            if waited == 10:
                break
        raise KeyboardInterrupt

version_worker.can_fork_workers = lambda: sys.argv[2] == "forked"
try:
    mine_history(load_config(None, Path(sys.argv[1])), MineOptions(progress=progress))
except KeyboardInterrupt:
    print("interrupted")
"""


@pytest.mark.parametrize("forked", ["forked", "here"])
def test_an_error_in_the_walk_stops_mining_while_the_stream_runs_ahead(
        tmp_path: Path, forked: str) -> None:
    """Ctrl-C (or any error) in the walk while git and the worker are far ahead: the
    stream's reading thread waits for the worker, which waits for the walk to read its
    results; stopping the stream first waited for that thread for ever. Run in a child
    process, so that a hang fails the test instead of stopping the run."""
    repo = _many_commits(tmp_path / "repo", 2000)
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_MINING, str(repo.root), forked],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "interrupted", done.stderr


def test_git_writing_much_to_standard_error_does_not_stop_mining(tmp_path: Path) -> None:
    """A trace the user asked git for (here one line per object read) fills the pipe of
    git's standard error long before git ends: nobody read it while git's output was
    read, and mining hung. Run in a child process, so that a hang fails the test."""
    repo = _many_commits(tmp_path / "repo", 400)
    script = ("import sys; from pathlib import Path; "
              "from specrepo.configuration.config_file import load_config; "
              "from specrepo.history.mine import mine_history; "
              "print(len(mine_history(load_config(None, Path(sys.argv[1]))).specs))")
    done = subprocess.run([sys.executable, "-c", script, str(repo.root)], capture_output=True,
                          text=True, timeout=60, check=False,
                          env={**os.environ, "GIT_TRACE_PACK_ACCESS": "2"})
    assert done.stdout.strip() == "400", done.stderr[-2000:]

"""Checking specs in worker processes changes nothing a user sees: the same output, byte for
byte and in the same order, in every format; errors and Ctrl-C as in one process."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from specrepo.base import parallel
from specrepo.check import spec_set
from specrepo.output import spec_pages
from specrepo.site import build as site_build
from tests.base.finishing_order import FirstFinishesLast
from tests.history.gitrepo import GitRepo
from tests.support import EXAMPLES, MINIMAL_SPEC, exit_and_output

FORMATS = ("text", "json", "github", "sarif", "junit")


@pytest.fixture
def many_specs(repo: Path) -> Path:
    """Every example spec, valid and invalid (every kind of finding), twice over, with a
    rule lowered to a warning, a link that leads nowhere, and thirty specs that link to
    each other (the last to one that does not exist)."""
    for copy in ("a", "b"):
        for example in sorted((EXAMPLES / "invalid").glob("*.yaml")) + \
                sorted((EXAMPLES / "valid").glob("*.yaml")):
            target = repo / "specs" / copy / example.name
            target.parent.mkdir(exist_ok=True)
            shutil.copy(example, target)
    for number in range(500, 530):  # and specs of their own, which render has pages for
        text = MINIMAL_SPEC.format(id=f"SPEC-{number}") + \
            f"background:\n  related_work:\n    - spec: SPEC-{number + 1}\n"
        (repo / "specs" / f"SPEC-{number}.yaml").write_text(text)
    (repo / "specs" / "SPEC-0999-gone.yaml").symlink_to(repo / "nowhere.yaml")
    (repo / "specrepo.yaml").write_text("specs: specs\nrules:\n  date-order: warning\n")
    return repo


@pytest.fixture
def workers_used(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Workers start from two files (and two site pages) on, with two cores; counts the runs
    that forked them."""
    forked: list[int] = []
    in_workers = parallel._in_workers

    def counted(*arguments: object) -> Iterator[object]:
        forked.append(1)
        return in_workers(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(spec_set, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(site_build, "PARALLEL_MIN_PAGES", 2)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(parallel, "_in_workers", counted)
    yield forked


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
@pytest.mark.parametrize("output_format", FORMATS)
def test_validate_in_workers_prints_what_one_process_prints(
        many_specs: Path, workers_used: list[int], monkeypatch: pytest.MonkeyPatch,
        output_format: str) -> None:
    in_workers = exit_and_output("validate", "--format", output_format, "--verbose")
    assert workers_used
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    alone = exit_and_output("validate", "--format", output_format, "--verbose")
    assert len(workers_used) == 1
    assert in_workers == alone
    assert in_workers[0] == 1
    assert "duplicate-spec-id" in in_workers[1] and "yaml-syntax" in in_workers[1]


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_render_in_workers_writes_what_one_process_writes(
        many_specs: Path, workers_used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    in_workers = exit_and_output("render", "--out", "workers")
    assert workers_used
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    alone = exit_and_output("render", "--out", "alone")
    assert in_workers[0] == alone[0] == 1
    assert in_workers[1].replace("workers/", "alone/") == alone[1]
    written = {path.name: path.read_bytes() for path in (many_specs / "workers").iterdir()}
    assert written == {path.name: path.read_bytes() for path in (many_specs / "alone").iterdir()}
    assert len(written) == 30  # 29 pages and the index


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_site_in_workers_builds_what_one_process_builds(
        many_specs: Path, workers_used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    config = (many_specs / "specrepo.yaml").read_text()
    repo = GitRepo(many_specs)
    (many_specs / "specrepo.yaml").write_text(config)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Specs")
    in_workers = exit_and_output("site", "--out", "workers")
    assert len(workers_used) == 2  # the specs checked and drawn, then the pages drawn
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    alone = exit_and_output("site", "--out", "alone")
    assert in_workers[0] == alone[0] == 1
    assert in_workers[1].replace("workers/", "alone/") == alone[1]

    def built(folder: Path) -> dict[str, bytes]:
        return {path.relative_to(folder).as_posix(): path.read_bytes()
                for path in folder.rglob("*") if path.is_file()}

    written = built(many_specs / "workers")
    assert written == built(many_specs / "alone")
    assert len([name for name in written if name.startswith("specs/")]) == 29


@pytest.fixture
def first_finishes_last(workers_used: list[int],
                        monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Workers as `workers_used` (pages to write drawn again in workers too, none held),
    and the first spec's work finishing after two others'; whether it did, for each run."""
    monkeypatch.setattr(spec_pages, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(spec_pages, "HELD_TEXT_LIMIT", 0)
    waited: list[bool] = []
    originals = {module: module.map_in_order for module in (spec_set, spec_pages)}

    def out_of_order(module: Any) -> Callable[..., Iterator[object]]:
        def mapped(work: Callable[[Any], object], items: Sequence[Any],
                   **options: Any) -> Iterator[object]:
            delayed = FirstFinishesLast(work, items[0], 2, monkeypatch)
            yield from originals[module](delayed, items, **options)
            waited.append(delayed.waited)
        return mapped

    for module in originals:
        monkeypatch.setattr(module, "map_in_order", out_of_order(module))
    yield waited


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_output_is_the_same_whatever_order_the_workers_finish_in(
        many_specs: Path, first_finishes_last: list[bool],
        monkeypatch: pytest.MonkeyPatch) -> None:
    shuffled = [exit_and_output("validate", "--format", "json", "--verbose"),
                exit_and_output("render", "--out", "shuffled")]
    assert first_finishes_last == [True, True, True]  # validate, render's checks, its pages
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    alone = [exit_and_output("validate", "--format", "json", "--verbose"),
             exit_and_output("render", "--out", "alone")]
    assert shuffled[0] == alone[0]
    assert shuffled[1][1].replace("shuffled/", "alone/") == alone[1][1]
    pages = {path.name: path.read_bytes() for path in (many_specs / "shuffled").iterdir()}
    assert pages == {path.name: path.read_bytes() for path in (many_specs / "alone").iterdir()}


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_validate_keeps_every_result_and_render_reads_its_pages_in_turn(
        many_specs: Path, workers_used: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """validate keeps every spec's findings and summary to the end anyway: its processes
    never wait for a late chunk's results to be read. render's prepared pages are written
    as they come, so only a few chunks run ahead of the one read next."""
    asked: list[bool] = []
    mapped = parallel.map_in_order

    def recorded(*arguments: Any, keeps_all: bool = False, **options: Any) -> Any:
        asked.append(keeps_all)
        return mapped(*arguments, keeps_all=keeps_all, **options)

    monkeypatch.setattr(spec_set, "map_in_order", recorded)
    assert exit_and_output("validate")[0] == 1
    exit_and_output("render", "--out", "pages")
    assert asked == [True, False]
    assert len(workers_used) >= 2


WORKER_SCRIPT = """
import os, signal, sys
from specrepo.base import parallel
from specrepo.check import spec_file_check, spec_set
parallel.usable_cores = lambda: 2
spec_set.PARALLEL_MIN_FILES = 2
examine = spec_file_check.examine_spec_file
def interrupted(path, **options):
    if path.name.startswith("SPEC-0230"):
        {action}
    return examine(path, **options)
spec_file_check.examine_spec_file = interrupted
sys.argv = ["specrepo", "validate"]
from specrepo.cli import main
main()
"""


def run_in_group(root: Path, action: str) -> tuple[int, str, str]:
    """specrepo validate in a process group of its own, `action` run by the worker that
    checks one of the files: its exit code, output and errors. Afterwards no process of the
    group may be left."""
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT.replace("{action}", action)], cwd=root,
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        # Ctrl-C as a terminal delivers it, even where the tests run with it ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509
    stdout, stderr = process.communicate(timeout=120)
    listed = subprocess.run(["ps", "-e", "-o", "pgid="], capture_output=True, text=True,
                            check=True).stdout.split()
    assert str(process.pid) not in listed, "a process of the command outlived it"
    return process.returncode, stdout, stderr


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_ctrl_c_while_workers_run_exits_130_and_leaves_no_process(many_specs: Path) -> None:
    # Ctrl-C reaches every process of the terminal's foreground group: here, the worker
    # sends it to the whole group, parent and workers alike.
    done = run_in_group(many_specs, "os.killpg(os.getpgid(0), signal.SIGINT)")
    assert done == (130, "", "specrepo: interrupted\n")


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
@pytest.mark.parametrize("group", [True, False])
def test_sigterm_while_workers_run_exits_143_and_leaves_no_process(
        many_specs: Path, group: bool) -> None:
    # A cancelled CI job signals the whole group; `timeout` only the command itself (the
    # group's leader).
    kill = "os.killpg(os.getpgid(0), signal.SIGTERM)" if group \
        else "os.kill(os.getpgid(0), signal.SIGTERM); import time; time.sleep(60)"
    done = run_in_group(many_specs, kill)
    assert done == (143, "", "specrepo: terminated (SIGTERM)\n")


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_an_error_in_a_worker_is_a_message_and_exit_2(many_specs: Path) -> None:
    done = run_in_group(many_specs, "from specrepo.base.errors import ConfigError; "
                                    "raise ConfigError('the schema cannot judge this')")
    assert done == (2, "", "specrepo: error: the schema cannot judge this\n")


FRESH_SCRIPT = """
import sys
from specrepo.base import parallel
from specrepo.check import spec_set
parallel.usable_cores = lambda: {cores}
spec_set.PARALLEL_MIN_FILES = 2
sys.argv = ["specrepo", "validate", "--format", "json", "--verbose"]
from specrepo.cli import main
main()
"""


@pytest.mark.skipif(not parallel.can_fork_workers(), reason="workers are forked on Linux")
def test_workers_forked_before_jsonschema_loads_word_findings_as_one_process(
        many_specs: Path) -> None:
    """A fresh process forks its workers before jsonschema is loaded (the compiled verdict
    accepts valid specs without it): each process loads it at the first spec it refuses."""
    def fresh(cores: int) -> tuple[int, str, str]:
        (many_specs / ".git" / "specrepo" / "findings-cache.json").unlink(missing_ok=True)
        done = subprocess.run([sys.executable, "-c", FRESH_SCRIPT.replace("{cores}", str(cores))],
                              cwd=many_specs, capture_output=True, text=True, check=False,
                              timeout=120)
        return done.returncode, done.stdout, done.stderr

    in_workers = fresh(2)
    assert in_workers == fresh(1)
    assert in_workers[0] == 1 and '"rule": "schema"' in in_workers[1]

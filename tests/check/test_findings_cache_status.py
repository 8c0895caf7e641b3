"""validate reads an unchanged spec file again only when its status cannot vouch for it: the
findings cache keeps each file's size, times, inode and device, taken before the file was
read, and trusts them as git's index does, but only for a file that had settled a while
before the run (git's racy-git problem): an edit that keeps the size and the modification
time, a file put in another's place, or an edit in the same tick of the file system's
clock as the run that read the file, is read and checked; the output is that of a run
without the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from specrepo.base import inputs
from specrepo.base import settled as settled_rule
from specrepo.check import findings_cache
from specrepo.load.spec_files import read_spec_file
from tests.support import MINIMAL_SPEC, exit_and_output

ARGUMENTS = ("--verbose", "--format", "json")
keeps_status = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows keeps no change time: every file is read there")


@pytest.fixture
def specs(repo: Path) -> list[Path]:
    """Three specs in a git work tree, the second with a finding (a title over 5 letters
    under a schema that allows no more)."""
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "specrepo.yaml").write_text("specs: specs\nschema: schema.yaml\n")
    (repo / "schema.yaml").write_text(
        "type: object\nrequired: [id]\nproperties:\n  title: {maxLength: 5}\n")
    paths = []
    for number, title in enumerate(("Short", "Longer", "Brief"), start=1):
        path = repo / "specs" / f"SPEC-000{number}.yaml"
        path.write_text(MINIMAL_SPEC.format(id=f"SPEC-000{number}")
                        .replace("title: A spec", f"title: {title}"))
        paths.append(path)
    return paths


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as settled, as if the run started an hour later."""
    monkeypatch.setattr(settled_rule, "SETTLED_NS", -3600 * 10**9)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the spec files read (for their digest or to be checked)."""
    names: list[str] = []

    def counted(path: Path, root: Path, max_bytes: int) -> bytes:
        names.append(path.name)
        return read_spec_file(path, root, max_bytes)

    monkeypatch.setattr("specrepo.check.spec_set.read_spec_file", counted)
    return names


def without_cache(repo: Path) -> tuple[int, str]:
    (repo / ".git" / findings_cache.CACHE_FILE).unlink(missing_ok=True)
    return exit_and_output("validate", *ARGUMENTS)


def kept_statuses(repo: Path) -> dict[str, object]:
    payload = (repo / ".git" / findings_cache.CACHE_FILE).read_bytes().partition(b"\n")[2]
    return {Path(path).name: entry[4] for path, entry in json.loads(payload)["entries"].items()}


@keeps_status
def test_a_settled_file_whose_status_is_kept_is_not_read_again(
        repo: Path, specs: list[Path], settled: None, reads: list[str]) -> None:
    cold = without_cache(repo)
    assert cold[0] == 1
    assert all(status is not None for status in kept_statuses(repo).values())
    reads.clear()
    assert exit_and_output("validate", *ARGUMENTS) == cold
    assert reads == []


def test_a_status_as_new_as_the_cache_file_is_not_trusted(
        repo: Path, specs: list[Path], settled: None, reads: list[str]) -> None:
    """A file system whose clock runs behind this machine's: the files' times, settled by
    this machine's clock, are not before the cache file's own time (as git's index trusts
    no entry as new as itself)."""
    cold = without_cache(repo)
    cache = repo / ".git" / findings_cache.CACHE_FILE
    oldest = min(min(path.stat().st_mtime_ns, path.stat().st_ctime_ns) for path in specs)
    os.utime(cache, ns=(oldest, oldest))
    reads.clear()
    assert exit_and_output("validate", *ARGUMENTS) == cold
    assert sorted(reads) == sorted(path.name for path in specs)


def test_a_file_written_within_the_margin_is_read_until_it_settles(
        repo: Path, specs: list[Path], reads: list[str]) -> None:
    """Just written, no file is settled: none keeps a status, each is read every run."""
    cold = without_cache(repo)
    assert set(kept_statuses(repo).values()) == {None}
    reads.clear()
    assert exit_and_output("validate", *ARGUMENTS) == cold
    assert sorted(reads) == sorted(path.name for path in specs)


def edit_in_place(path: Path, text: str) -> None:
    path.write_text(text)


def put_in_its_place(path: Path, text: str) -> None:
    new = path.with_name("new.tmp")
    new.write_text(text)
    os.replace(new, path)


@pytest.mark.parametrize("write", [edit_in_place, put_in_its_place],
                         ids=["edited in place", "another file put in its place"])
def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(
        repo: Path, specs: list[Path], settled: None,
        write: Callable[[Path, str], None]) -> None:
    before = without_cache(repo)
    exit_and_output("validate", *ARGUMENTS)  # warm
    path = specs[1]
    old = path.stat()
    write(path, path.read_text().replace("Longer", "Tiny  "))
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    after = exit_and_output("validate", *ARGUMENTS)
    assert after != before and after[0] == 0
    assert after == without_cache(repo)


def test_an_edit_in_the_tick_the_file_was_read_in_is_seen(
        repo: Path, specs: list[Path], reads: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system whose clock ticks coarsely: the file read, then written again in the
    same tick, shows the same status (size, times, inode) before and after. Its times were
    within the margin of the run that read it, so that run kept no status for it."""
    path = specs[1]
    real = path.stat()
    lstat = os.lstat

    def one_tick(name: str | os.PathLike[str], *arguments: Any, **options: Any
                 ) -> os.stat_result:
        found = lstat(name, *arguments, **options)
        if os.fspath(name) != os.fspath(path):
            return found
        return os.stat_result(tuple(found)[:10], {"st_mtime_ns": real.st_mtime_ns,
                                                  "st_ctime_ns": real.st_ctime_ns})

    monkeypatch.setattr(inputs.reader, "lstat", one_tick)
    before = without_cache(repo)
    assert kept_statuses(repo)[path.name] is None
    path.write_text(path.read_text().replace("Longer", "Tiny  "))
    reads.clear()
    after = exit_and_output("validate", *ARGUMENTS)
    assert path.name in reads
    assert after != before and after == without_cache(repo)


@keeps_status
def test_a_link_led_elsewhere_reads_the_file_it_leads_to(
        repo: Path, specs: list[Path], settled: None, reads: list[str]) -> None:
    """A link is checked as the file it leads to (its identity): led to another file of
    the same times, it is that file that is read (once)."""
    link = repo / "specs" / "SPEC-0004.yaml"
    targets = [repo / "four.yaml", repo / "four-again.yaml"]
    for target, title in zip(targets, ("Four", "Fourth"), strict=True):
        target.write_text(MINIMAL_SPEC.format(id="SPEC-0004").replace("A spec", title))
        os.utime(target, ns=(0, 10**9))
    link.symlink_to(targets[0])
    before = without_cache(repo)
    link.unlink()
    link.symlink_to(targets[1])
    reads.clear()
    after = exit_and_output("validate", *ARGUMENTS)
    assert reads == [targets[1].name]
    assert after != before and after == without_cache(repo)


@keeps_status
def test_a_status_change_alone_reads_the_file_and_keeps_its_new_status(
        repo: Path, specs: list[Path], settled: None, reads: list[str]) -> None:
    """A file touched (or its mode changed) but whose bytes are the same keeps its findings
    and its new status: read once, then trusted again."""
    cold = without_cache(repo)
    os.utime(specs[0], ns=(0, 10**9))
    reads.clear()
    assert exit_and_output("validate", *ARGUMENTS) == cold
    assert reads == [specs[0].name]
    reads.clear()
    assert exit_and_output("validate", *ARGUMENTS) == cold
    assert reads == []


def test_where_files_have_no_change_time_every_file_is_read(
        repo: Path, specs: list[Path], settled: None, reads: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows: an edit that sets the modification time back would leave the status as
    it was."""
    monkeypatch.setattr(settled_rule, "CHANGE_TIMES", False)
    cold = without_cache(repo)
    reads.clear()
    assert exit_and_output("validate", *ARGUMENTS) == cold
    assert sorted(reads) == sorted(path.name for path in specs)

"""The run's reader (`base.inputs`): swapped for a block, and asked for what a command
reads, so that a recording reader sees a run's reads (tests/base/test_inputs_door.py
refuses the reads that would pass it by)."""

from __future__ import annotations

import ast
import os
from datetime import date
from pathlib import Path

import pytest

from specrepo.base import inputs
from tests.support import WriteSpec, run_cli


class Recording(inputs.Reader):
    """A reader that keeps what it was asked: (method, path) pairs."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def isfile(self, path: inputs.StrPath) -> bool:
        self.asked.append(("isfile", os.fspath(path)))
        return super().isfile(path)

    def stat(self, path: inputs.StrPath) -> os.stat_result:
        self.asked.append(("stat", os.fspath(path)))
        return super().stat(path)

    def open_descriptor(self, path: inputs.StrPath, flags: int) -> int:
        self.asked.append(("open_descriptor", os.fspath(path)))
        return super().open_descriptor(path, flags)

    def cwd(self) -> Path:
        self.asked.append(("cwd", ""))
        return super().cwd()


def test_a_block_reads_through_the_reader_chosen_then_through_the_one_before() -> None:
    before = inputs.reader
    chosen = Recording()
    with pytest.raises(KeyError), inputs.reading_through(chosen):
        assert inputs.reader is chosen
        raise KeyError
    assert inputs.reader is before


def test_a_command_reads_its_configuration_and_specs_through_the_reader(
        repo: Path, write_spec: WriteSpec) -> None:
    write_spec("SPEC-0001.yaml")
    recording = Recording()
    with inputs.reading_through(recording):
        result = run_cli("validate")
    assert result.exit_code == 0
    configuration = os.fspath(repo / "specrepo.yaml")
    spec = os.path.realpath(repo / "specs" / "SPEC-0001.yaml")
    assert ("isfile", configuration) in recording.asked  # found
    assert ("stat", configuration) in recording.asked  # read, within bounds
    assert ("open_descriptor", configuration) in recording.asked
    assert any(what == "open_descriptor" and os.path.realpath(path) == spec
               for what, path in recording.asked)
    assert ("cwd", "") in recording.asked


def test_a_reader_that_answers_otherwise_is_what_a_command_sees(repo: Path) -> None:
    """The reader is not only told: its answers are what the command reads (a replaying
    reader can stand in for the clock, the file system and the environment)."""

    class Then(inputs.Reader):
        def today(self) -> date:
            return date(2001, 2, 3)

    with inputs.reading_through(Then()):
        result = run_cli("new", "A title", "--author", "Ada")
    assert result.exit_code == 0, result.output
    written = [path.read_text() for path in (repo / "specs").iterdir()]
    assert len(written) == 1
    assert "created: 2001-02-03" in written[0]


def test_every_method_typed_for_the_package_is_the_readers_at_run_time() -> None:
    """`Reader` declares its methods' signatures for type checkers and binds the standard
    library's functions at run time: the two lists are one."""
    tree = ast.parse(Path(inputs.__file__).read_text())
    reader = next(node for node in tree.body
                  if isinstance(node, ast.ClassDef) and node.name == "Reader")
    split = next(node for node in reader.body if isinstance(node, ast.If))
    declared = {node.name for node in split.body if isinstance(node, ast.FunctionDef)}
    bound = {target.id for node in split.orelse if isinstance(node, ast.Assign)
             for target in node.targets if isinstance(target, ast.Name)}
    assert declared == bound
    assert all(callable(getattr(inputs.reader, name)) for name in declared)


@pytest.mark.parametrize("reader", [inputs.Reader(), inputs.reader])
def test_a_path_that_cannot_be_examined_is_no_file_folder_or_link(
        tmp_path: Path, reader: inputs.Reader) -> None:
    """`exists`, `is_file`, `is_dir` and `is_symlink` answer False where the path cannot be
    examined, as os.path's do (pathlib's raise before Python 3.14: a spec in a folder that
    cannot be searched, `chmod 000 specs/sub`, stopped validate --history with a traceback,
    trial43b; a name too long is the same error for any user, root included)."""
    (tmp_path / "spec.yaml").write_text("id: 1\n")
    too_long = tmp_path / ("x" * 300) / "spec.yaml"
    for ask in (reader.exists, reader.isfile, reader.isdir, reader.islink):
        assert ask(too_long) is False
    assert reader.isfile(tmp_path / "spec.yaml") and reader.exists(tmp_path / "spec.yaml")
    assert reader.isdir(tmp_path) and not reader.islink(tmp_path)

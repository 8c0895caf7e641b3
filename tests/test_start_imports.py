"""What a command imports: its own command's modules and output only (`specrepo.cli`'s
lazily loading group). Checked by the modules a fresh process holds after the command,
never by timing: each import a command does not need is start-up time every run pays."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from specrepo.cli import COMMANDS, cli
from tests.history.gitrepo import GitRepo, spec_text

_IMPORTED_AFTER = """\
import json, sys
from specrepo.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)))
"""

OTHER_OUTPUT = ("specrepo.output.trace", "specrepo.output.json_trace", "specrepo.model.trace",
                "specrepo.output.diff", "specrepo.output.json_diff", "specrepo.model.diff",
                "specrepo.output.findings_formats", "specrepo.output.sarif",
                "specrepo.output.junit", "specrepo.load.junit", "specrepo.site", "specrepo.trace")
"""Output (and models) of trace, diff, site and validate's files: report and timeline
need none of them."""


def _imported(cwd: Path, *arguments: str) -> set[str]:
    """The modules a new `specrepo ARGUMENTS` process has imported when it is done."""
    done = subprocess.run([sys.executable, "-c", _IMPORTED_AFTER, *arguments], cwd=cwd,
                          capture_output=True, text=True, check=False)
    return set(json.loads(done.stderr.rsplit("\n", 1)[-1]))


def _commands_of(modules: set[str]) -> set[str]:
    """The commands whose CLI module or library module is among `modules`."""
    return {name for name in COMMANDS if f"specrepo.cli.{name}_command" in modules
            or f"specrepo.commands.{name}" in modules}


def test_version_imports_no_command_and_no_library_but_click(tmp_path: Path) -> None:
    modules = _imported(tmp_path, "--version")
    assert _commands_of(modules) == set()
    ours = {module.split(".")[1] for module in modules if module.startswith("specrepo.")}
    assert ours <= {"base", "cli", "history", "output"}  # history.options, standard_output
    assert not {"specrepo.commands", "specrepo.configuration", "specrepo.gitio",
                "specrepo.load", "specrepo.model", "yaml", "jsonschema", "referencing",
                "git"} & modules


@pytest.fixture
def committed(git_repo: GitRepo) -> GitRepo:
    git_repo.commit("add", {"specs/SPEC-0001.yaml": spec_text("SPEC-0001")})
    return git_repo


@pytest.mark.parametrize(("command", "arguments"), [
    ("report", ("report", "--format", "json")),
    ("report", ("report",)),
    ("timeline", ("timeline", "SPEC-0001")),
    ("timeline", ("timeline", "SPEC-0001", "--format", "json")),
])
def test_report_and_timeline_import_their_own_command_and_output_only(
        committed: GitRepo, command: str, arguments: tuple[str, ...]) -> None:
    cold = _imported(committed.root, *arguments)  # the walk compares versions (model.diff)
    assert _commands_of(cold) == {command}
    warm = _imported(committed.root, *arguments)  # the history cache written
    assert f"specrepo.output.{command}" in warm  # it ran
    assert _commands_of(warm) == {command}
    assert not set(OTHER_OUTPUT) & warm


def test_render_imports_findings_in_its_own_format_only(committed: GitRepo) -> None:
    modules = _imported(committed.root, "render", "--check")
    assert _commands_of(modules) == {"render"}
    assert "specrepo.output.findings" in modules
    assert "specrepo.output.findings_formats" not in modules


def test_help_lists_every_command() -> None:
    listed = cli.list_commands(cli.make_context("specrepo", ["--help"], resilient_parsing=True))
    assert listed == sorted(COMMANDS)
    assert all(cli.get_command(cli.make_context("specrepo", [], resilient_parsing=True), name)
               is not None for name in COMMANDS)

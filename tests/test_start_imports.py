"""What a command imports: its own command's modules and output only (`specrepo.cli`'s
lazily loading group). Checked by the modules a fresh process holds after the command,
never by timing: each import a command does not need is start-up time every run pays."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from specrepo.check.findings_cache import CACHE_FILE
from specrepo.cli import COMMANDS, cli
from specrepo.load.schema_source import SPEC_SCHEMA, bundled_schema_text
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
    return _ran(cwd, *arguments)[1]


def _ran(cwd: Path, *arguments: str) -> tuple[str, set[str]]:
    """What a new `specrepo ARGUMENTS` process wrote to stdout, and the modules it has
    imported when it is done."""
    done = subprocess.run([sys.executable, "-c", _IMPORTED_AFTER, *arguments], cwd=cwd,
                          capture_output=True, text=True, check=False)
    return done.stdout, set(json.loads(done.stderr.rsplit("\n", 1)[-1]))


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


SCHEMA_CHECKER = ("jsonschema", "referencing", "jsonschema_specifications",
                  "specrepo.load.schema_scope", "specrepo.check.schema_check")
"""jsonschema, and what specrepo builds on it: a warm run whose configuration and specs the
compiled verdicts accept, and whose findings the cache holds, needs none of it."""
MARKDOWN = ("specrepo.render.markdown", "specrepo.render.blocks", "specrepo.base.links")
"""Markdown's escaping and blocks: only the Markdown formats (and job summaries) need them."""


@pytest.mark.parametrize("arguments", [
    ("report",), ("report", "--format", "json"), ("timeline", "SPEC-0001"),
    ("validate", "--history"), ("validate",),
])
def test_a_warm_run_of_valid_files_loads_no_schema_checker(
        committed: GitRepo, arguments: tuple[str, ...]) -> None:
    _imported(committed.root, *arguments)  # the caches written
    assert (committed.root / ".git" / CACHE_FILE).is_file() or arguments[0] != "validate"
    warm = _imported(committed.root, *arguments)
    assert _commands_of(warm) == {arguments[0]}  # it ran
    assert not set(SCHEMA_CHECKER) & warm
    assert not set(MARKDOWN) & warm
    assert "multiprocessing" not in warm  # no worker started: a file checked is none


@pytest.mark.parametrize("arguments", [("validate",), ("validate", "--format", "json")])
def test_a_cold_validate_of_valid_files_loads_no_schema_checker(
        committed: GitRepo, arguments: tuple[str, ...]) -> None:
    """The compiled verdict accepts every spec: jsonschema would only word findings. (A
    cold `--history` loads it to read the history's versions.)"""
    output, cold = _ran(committed.root, *arguments)  # no findings cache: every spec checked
    assert (committed.root / ".git" / CACHE_FILE).is_file()  # it checked, and kept them
    assert "error:" not in output and "SPEC-0001" not in output  # no finding
    assert "specrepo.commands.validate" in cold
    assert not set(SCHEMA_CHECKER) & cold


RULE_REGISTRY = ("specrepo.check.rules", "specrepo.check.rules.changed_after_approval",
                 "specrepo.check.rules.rule", "specrepo.configuration.field_use")
"""The rules (`check/rules/`, the registry `check.rules.registry` every one) and the check of
`fields:` entries: mining history needs the judgement of approvals
(`model.approval_standing`) and the configuration the positions of those entries
(`configuration.field_positions`), never a rule. A warm timeline checks nothing."""
REPORT_RULES = frozenset(f"specrepo.check.rules.{name}" for name in (
    "rule", "illegal_transition", "changed_after_approval", "unused_field", "unused_acceptance",
    "unread_yaml_spec"))
"""The rules a report runs: moves and approvals judged, the configuration's `fields:` and
`acceptance:` entries and YAML files outside the spec glob checked; never the registry
(`check.rules.registry`: every rule's module, 21 M instructions, warm40)."""


@pytest.mark.parametrize("arguments", [("report",), ("report", "--format", "json")])
def test_a_report_loads_only_the_rules_it_runs(committed: GitRepo,
                                               arguments: tuple[str, ...]) -> None:
    committed.commit("edit", {"specs/SPEC-0001.yaml": spec_text().replace(
        "Why and what.", "Why, and what.")})  # a section changed: approvals judged
    cold = _imported(committed.root, *arguments)
    warm = _imported(committed.root, *arguments)
    assert "specrepo.check.rules.illegal_transition" in warm  # moves judged
    assert "difflib" not in warm  # no name to suggest, no workflow renamed
    for modules in (cold, warm):
        assert _commands_of(modules) == {"report"}  # it ran
        assert {module for module in modules
                if module.startswith("specrepo.check.rules.")} <= REPORT_RULES


FINDINGS_FILES = ("specrepo.output.sarif", "specrepo.output.junit",
                  "specrepo.output.json_shapes", "xml.etree.ElementTree")
"""SARIF, JUnit and JSON findings: only `validate` in those formats (or writing their
files) needs them."""


@pytest.mark.parametrize("arguments", [
    ("timeline", "SPEC-0001"), ("timeline", "SPEC-0001", "--format", "json")])
def test_a_timeline_loads_no_rule(committed: GitRepo, arguments: tuple[str, ...]) -> None:
    committed.commit("edit", {"specs/SPEC-0001.yaml": spec_text().replace(
        "Why and what.", "Why, and what.")})  # a section changed
    cold = _imported(committed.root, *arguments)
    assert "specrepo.history.approved_changes" in cold  # content changed: approvals judged
    warm = _imported(committed.root, *arguments)
    assert _commands_of(warm) == {"timeline"}  # it ran
    assert not set(RULE_REGISTRY) & cold
    assert not set(RULE_REGISTRY) & warm


@pytest.mark.parametrize("arguments", [("validate", "--history"), ("validate",)])
def test_a_warm_validate_in_text_loads_no_other_findings_format(
        committed: GitRepo, arguments: tuple[str, ...]) -> None:
    _imported(committed.root, *arguments)  # the caches written
    warm = _imported(committed.root, *arguments)
    assert "specrepo.output.findings_formats" in warm  # it ran
    assert not set(FINDINGS_FILES) & warm
    json_output, modules = _ran(committed.root, *arguments, "--format", "json")
    assert json.loads(json_output)["summary"]["errors"] == 0
    assert "specrepo.output.json_shapes" in modules


def test_a_markdown_format_loads_markdown(committed: GitRepo) -> None:
    output, modules = _ran(committed.root, "report", "--format", "markdown")
    assert "| SPEC-0001 | A spec | Draft |" in output
    assert set(MARKDOWN) <= modules


def test_a_spec_the_schema_refuses_is_reported_warm_as_cold(committed: GitRepo) -> None:
    committed.commit("bad", {"specs/SPEC-0002.yaml": spec_text("SPEC-0002",
                                                               extra="colour: red\n")})
    cold_output, cold = _ran(committed.root, "validate", "--history")
    assert {"jsonschema", "specrepo.check.schema_check"} <= cold  # the findings worded
    warm_output, warm = _ran(committed.root, "validate", "--history")
    assert "SPEC-0002.yaml:8:1: error: unknown property 'colour'" in warm_output
    assert warm_output == cold_output  # from the findings cache
    assert not set(SCHEMA_CHECKER) & warm


def test_an_invalid_configuration_is_refused_with_its_line(committed: GitRepo) -> None:
    (committed.root / "specrepo.yaml").write_text("specs: specs\nstale_after_days: 3\n")
    done = subprocess.run([sys.executable, "-m", "specrepo", "report"], cwd=committed.root,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "specrepo.yaml:2:" in done.stderr


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


_MADE_AFTER = """\
import sys
from specrepo.base.deferred_dataclass import pending
from specrepo.cli import main
try:
    main()
except SystemExit:
    pass
from specrepo.model.event import Event
from specrepo.model.report import Report
sys.stderr.write(f"\\nEvent {pending(Event)} Report {pending(Report)}")
"""


def test_a_warm_timeline_makes_only_the_dataclasses_it_instantiates(committed: GitRepo
                                                                     ) -> None:
    """Generating a dataclass's methods costs more than importing most modules: a command
    pays for those of the classes it makes instances of (`base.deferred_dataclass`)."""
    for _ in range(2):  # cold, then warm
        done = subprocess.run([sys.executable, "-c", _MADE_AFTER, "timeline", "SPEC-0001"],
                              cwd=committed.root, capture_output=True, text=True, check=False)
    assert "Draft" in done.stdout
    assert done.stderr.rsplit("\n", 1)[-1] == "Event False Report True"


PYYAML = ("yaml", "specrepo.load.yaml_builder")
"""PyYAML and specrepo's event loop on it: a warm run whose configuration is kept
(`configuration.kept_config`) and whose files are unchanged parses no YAML."""
PACKAGE_DATA = ("importlib.resources",)
"""What reading package data brings (`tempfile` and `zipfile` too): a warm run with a schema
of its own reads no bundled schema. (`tempfile` alone is no sign: a run writes a cache, the
spec listing, a few seconds after the spec folders changed.)"""


@pytest.mark.parametrize("own_schema", ["", "schema: spec.schema.json\n",
                                        "schema: spec.schema.json\napproval:\n"
                                        "  protected: [title, summary]\n"])
@pytest.mark.parametrize("arguments", [
    ("report", "--format", "json"), ("timeline", "SPEC-0001"), ("validate", "--history")])
def test_a_warm_run_parses_no_yaml_until_the_configuration_changes(
        committed: GitRepo, arguments: tuple[str, ...], own_schema: str) -> None:
    """With a schema of its own whose protected paths the configuration names too (their
    check is kept by the schema's files), and with the bundled one."""
    config = "specs: specs\n" + own_schema
    committed.commit("config", {"specrepo.yaml": config, "spec.schema.json":
                                bundled_schema_text(SPEC_SCHEMA)})
    cold_output, cold = _ran(committed.root, *arguments)  # the caches written
    assert "yaml" in cold
    for _ in range(2):  # the spec listing is kept by the second run
        warm_output, warm = _ran(committed.root, *arguments)
    assert _commands_of(warm) == {arguments[0]}  # it ran
    assert warm_output == cold_output
    assert not set(PYYAML) & warm
    assert not set(PACKAGE_DATA) & warm or not own_schema
    assert not set(SCHEMA_CHECKER) & warm
    (committed.root / "specrepo.yaml").write_text(config + "id_prefix: SPEC\n")
    edited_output, edited = _ran(committed.root, *arguments)
    assert "yaml" in edited  # another configuration: parsed
    assert edited_output == cold_output
    assert not set(PYYAML) & _ran(committed.root, *arguments)[1]

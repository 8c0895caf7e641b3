"""Shell completion of spec ids, through Click's completion machinery."""

from __future__ import annotations

from pathlib import Path

from click.shell_completion import ShellComplete

from specrepo.cli import cli
from specrepo.config import load_config
from specrepo.spec_files import spec_ids
from tests.support import WriteSpec


def complete(arguments: list[str], incomplete: str) -> list[str]:
    completion = ShellComplete(cli, {}, "specrepo", "_SPECREPO_COMPLETE")
    return [item.value for item in completion.get_completions(arguments, incomplete)]


def test_spec_ids_come_from_the_id_line_or_the_file_name(repo: Path,
                                                         write_spec: WriteSpec) -> None:
    write_spec("SPEC-0002-b.yaml", spec_id="SPEC-0002")
    write_spec("SPEC-0001.yaml")
    write_spec("quoted.yaml", 'title: x\nid: "SPEC-0003"  # a comment\n')
    write_spec("SPEC-0004-no-id.yml", "title: no id line\n")
    assert spec_ids(load_config(None, repo)) == [
        "SPEC-0001", "SPEC-0002", "SPEC-0003", "SPEC-0004-no-id"]


def test_timeline_completes_spec_ids(write_spec: WriteSpec) -> None:
    write_spec("SPEC-0001.yaml")
    write_spec("SPEC-0012.yaml")
    write_spec("OTHER-0001.yaml", spec_id="OTHER-0001")
    assert complete(["timeline"], "") == ["OTHER-0001", "SPEC-0001", "SPEC-0012"]
    assert complete(["timeline"], "SPEC-001") == ["SPEC-0012"]


def test_completion_honours_the_config_option(tmp_path: Path, repo: Path,
                                              write_spec: WriteSpec) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "docs").mkdir(parents=True)
    (elsewhere / "docs" / "ADR-0007.yaml").write_text("id: ADR-0007\n")
    (elsewhere / "specrepo.yaml").write_text("specs: docs\n")
    write_spec("SPEC-0001.yaml")
    assert complete(["--config", str(elsewhere / "specrepo.yaml"), "timeline"], "") == [
        "ADR-0007"]


def test_a_broken_configuration_completes_nothing(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text("specs: [unclosed\n")
    assert complete(["timeline"], "") == []

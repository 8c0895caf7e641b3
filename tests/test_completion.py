"""Shell completion of spec ids, through Click's completion machinery."""

from __future__ import annotations

from pathlib import Path

from click.shell_completion import ShellComplete

from specrepo.check.spec_ids import spec_ids
from specrepo.cli import cli
from specrepo.configuration.config_file import load_config
from tests.support import WriteSpec


def complete(arguments: list[str], incomplete: str) -> list[str]:
    completion = ShellComplete(cli, {}, "specrepo", "_SPECREPO_COMPLETE")
    return [item.value for item in completion.get_completions(arguments, incomplete)]


def test_spec_ids_are_read_through_the_yaml_and_unreadable_files_by_their_name(
        repo: Path, write_spec: WriteSpec) -> None:
    write_spec("SPEC-0002-b.yaml", spec_id="SPEC-0002")
    write_spec("SPEC-0001.yaml")
    write_spec("quoted.yaml", 'title: x\nid: "SPEC-0003"  # a comment\n')
    write_spec("flow.yaml", '{title: x, id: SPEC-0005}\n')
    write_spec("SPEC-0004-no-id.yml", "title: no id\n")
    write_spec("SPEC-0007-broken.yaml", "id: SPEC-0007\ntitle: [unclosed\n")
    assert spec_ids(load_config(None, repo)) == [
        "SPEC-0001", "SPEC-0002", "SPEC-0003", "SPEC-0005", "SPEC-0007"]


def test_completion_reads_ids_through_the_field_map(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text(
        "specs: keps/**/kep.yaml\nschema: s.json\nfields: {id: kep-number, "
        "read_as_text: [kep-number]}\n")
    (repo / "s.json").write_text("{}")
    for number in ("0034", "2400"):
        folder = repo / "keps" / f"{number}-x"
        folder.mkdir(parents=True)
        (folder / "kep.yaml").write_text(f"title: x\nkep-number: {number}\n")
    assert complete(["timeline"], "") == ["0034", "2400"]


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

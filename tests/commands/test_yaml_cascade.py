"""A YAML problem is reported once, where it is, in words for the file it is in: a spec that
refers to a spec that cannot be read is told so, not that no such spec exists; specrepo.yaml's
own misreadings name specrepo.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import MINIMAL_SPEC, run_cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RECORD = "docs/decisions/0003-keep-decision-metadata-in-front-matter.md"


def validate(*arguments: str) -> tuple[int, list[str]]:
    result = run_cli("validate", *arguments)
    return result.exit_code, result.output.splitlines()


@pytest.mark.parametrize("broken", ["x: {: bar}", "x: &a: value", "title: [unclosed"])
def test_a_reference_to_a_record_that_cannot_be_read_is_not_unknown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    # MADR's files are named 0003-title.md, not by their id: the id line tells the record.
    shutil.copytree(EXAMPLES / "madr-markdown", tmp_path / "adr")
    monkeypatch.chdir(tmp_path / "adr")
    record = Path(RECORD)
    lines = record.read_text().split("\n")
    record.write_text("\n".join([*lines[:3], broken, *lines[3:]]))
    code, output = validate()
    assert code == 1
    assert not any("no spec has the id" in line for line in output), output
    assert any(line.startswith(f"{RECORD}:4:") for line in output), output
    assert any(line.startswith("docs/decisions/0002-keep-decision-metadata-in-the-text.md:4:")
               and f"ADR-0003 exists in {RECORD} but could not be read" in line
               for line in output), output


def test_a_yaml_spec_named_otherwise_is_known_by_its_id_line(repo: Path) -> None:
    (repo / "specs/first.yaml").write_text(MINIMAL_SPEC.format(id="SPEC-0001") + (
        "background:\n  related_work:\n    - spec: SPEC-0002\n"))
    (repo / "specrepo.yaml").write_text("specs: specs\nrules: {file-name: off}\n")
    (repo / "specs/second.yaml").write_text(
        "# the second spec\nid: 'SPEC-0002'  # quoted\ntitle: {: x}\n")
    code, output = validate()
    assert code == 1
    assert output[:2] == [
        "specs/first.yaml:10:13: error: SPEC-0002 exists in specs/second.yaml but could not "
        "be read; see its own finding [unknown-reference] ($.background.related_work[0].spec)",
        "specs/second.yaml:3:9: error: a key is missing (an empty key reads as null); write "
        "the key before its `:` [yaml-key]"]


def test_a_misreading_in_the_configuration_names_the_configuration(repo: Path) -> None:
    (repo / "specrepo.yaml").write_text("specs: specs\nsite:\n  name: &a: value\n")
    code, output = validate()
    assert code == 2
    message = "\n".join(output)
    assert "specrepo.yaml:3:9" in message
    assert "anchor name `&a` is followed by `:`" in message
    assert "YAML tools would read this file differently" in message
    assert "spec differently" not in message

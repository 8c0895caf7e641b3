"""A file name that is not UTF-8 (git repositories may hold one) in every JSON output:
valid JSON a strict parser (serde_json, Go's encoding/json) reads, the name spelt as the text
outputs spell it (`caf\\xe9.yaml`); SARIF's URI percent-encodes the byte, JUnit is
well-formed XML."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.commands.test_trace import LOGIN
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

SPEC = os.fsdecode(b"specs/SPEC-0042-caf\xe9.yaml")
CODE = os.fsdecode(b"src/caf\xe9.py")
SHOWN = r"specs/SPEC-0042-caf\xe9.yaml"
# A lone surrogate's escape, outside an escaped backslash: what strict parsers refuse.
_LONE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\ud[89a-f][0-9a-f]{2}", re.IGNORECASE)


def strict_json(data: bytes) -> Any:
    """`data` read as a strict parser reads JSON: UTF-8 with no lone surrogate, neither as
    a character nor as an escape (RFC 8259 section 8.2; serde_json refuses both; a pair
    of escapes for a character beyond the Basic Multilingual Plane is fine)."""
    text = data.decode("utf-8")  # strict: a surrogate's bytes are no UTF-8
    for match in _LONE_ESCAPE.finditer(text):
        pair = text[match.end() - 6:match.end() + 6]
        assert re.fullmatch(r"\\ud[89ab]..\\ud[c-f]..", pair, re.IGNORECASE), pair
    document = json.loads(text)

    def walk(value: Any) -> None:
        if isinstance(value, str):
            assert not re.search("[\ud800-\udfff]", value), value
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)
    return document


@pytest.fixture
def repo(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A spec whose file name and a source file whose name are Latin-1 bytes, and a
    spec that breaks a rule (a finding on the Latin-1 file)."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    git_repo.commit("Specs and code", {
        "specrepo.yaml": "specs: specs\ntrace: {implementation: ['src/**']}\n",
        SPEC: LOGIN.replace("status: Approved", "status: Draft"),
        CODE: "def login():  # implements SPEC-0042/FR-3\n    pass\n"})
    git_repo.commit("Break", {SPEC: LOGIN.replace("status: Approved", "status: Drafty")})
    return git_repo


def test_every_json_output_is_strict_json_naming_the_file_as_text_does(
        repo: GitRepo) -> None:
    outputs = {
        "validate": run_cli("validate", "--format", "json"),
        "sarif": run_cli("validate", "--format", "sarif"),
        "report": run_cli("report", "--format", "json"),
        "timeline": run_cli("timeline", "SPEC-0042", "--format", "json"),
        "trace": run_cli("trace", "--format", "json"),
        "diff": run_cli("diff", "HEAD~1", "--format", "json"),
    }
    documents = {}
    for name, result in outputs.items():
        assert result.exit_code in (0, 1), (name, result.output)
        documents[name] = strict_json(result.stdout_bytes)
        if name != "sarif":  # names a file by its URI alone
            assert r"caf\\xe9" in result.stdout, name  # `caf\xe9` as JSON writes it
    assert {finding["file"] for finding in documents["validate"]["findings"]} == {SHOWN}
    [result] = documents["sarif"]["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "specs/SPEC-0042-caf%E9.yaml"


def test_files_written_and_the_site_are_strict_json_and_xml(repo: GitRepo) -> None:
    result = run_cli("validate", "--sarif", "out.sarif", "--junit", "out.xml")
    assert result.exit_code == 1, result.output
    log = strict_json(Path("out.sarif").read_bytes())
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "specs/SPEC-0042-caf%E9.yaml"
    junit = Path("out.xml").read_bytes()
    junit.decode("utf-8")  # strict
    names = [case.get("name") for case in ElementTree.fromstring(junit).iter("testcase")]
    assert names == [SHOWN]
    repo.commit("Mend", {SPEC: LOGIN.replace("status: Approved", "status: Draft")})
    assert run_cli("site").exit_code == 0
    index = strict_json((repo.root / "_site" / "specs.json").read_bytes())
    assert [entry["source"] for entry in index["specs"]] == [SHOWN]
    page = (repo.root / "_site" / "index.html").read_text(encoding="utf-8")
    script = page.partition('<script type="application/json"')[2].partition(">")[2] \
        .partition("</script>")[0]
    assert script.isascii()
    assert SHOWN in json.dumps(strict_json(script.encode())).replace("\\\\", "\\")


def test_every_markdown_output_names_the_file_as_the_table_does(
        repo: GitRepo, tmp_path: Path) -> None:
    """trial43 markdown-formats-replace-non-utf8-name: `--format markdown` (and the job
    summary) wrote U+FFFD for the byte, hiding it, while the table wrote `caf\\xe9`."""
    summary = tmp_path / "summary.md"
    commands = [("trace",), ("report",), ("timeline", "SPEC-0042"), ("diff", "HEAD~1")]
    named = 0
    for command in commands:
        table = run_cli(*command)
        markdown = run_cli(*command, "--format", "markdown")
        assert markdown.exit_code == table.exit_code, (command, markdown.output)
        assert "\ufffd" not in markdown.stdout and "\\udce9" not in markdown.stdout, command
        for shown in (SHOWN, r"src/caf\xe9.py"):
            if shown in table.stdout:
                named += 1
                assert shown in markdown.stdout, (command, markdown.stdout)
    assert named >= 2  # the trace's file and the diff's spec at least
    run_cli("trace", "--summary", env={"GITHUB_STEP_SUMMARY": str(summary)})
    written = summary.read_text(encoding="utf-8")  # strict: no lone surrogate's bytes
    assert r"src/caf\xe9.py" in written and "\ufffd" not in written

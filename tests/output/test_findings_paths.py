"""Where validate's machine formats say a finding is: GitHub's annotations, SARIF and JUnit
name files from the repository's top, whatever folder the step runs in."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest

from specrepo.base.name_forms import UNNAMED_IN_ANNOTATIONS
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli

BROKEN = MINIMAL_SPEC.format(id="SPEC-0001").replace("status: Draft", "status: Drafty")


@pytest.fixture
def design(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose specs live in `design/`, where the step runs."""
    repo = GitRepo(tmp_path / "mono")
    repo.commit("Specs", {"design/specrepo.yaml": "specs: specs\n",
                          "design/specs/SPEC-0001.yaml": BROKEN})
    monkeypatch.chdir(repo.root / "design")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return repo.root / "design"


def validate(*arguments: str) -> str:
    result = run_cli("validate", *arguments)
    assert result.exit_code == 1, result.output
    return result.output


def test_annotations_and_sarif_name_files_from_the_repository_top(design: Path) -> None:
    assert validate("--format", "text").startswith("specs/SPEC-0001.yaml:")
    assert validate("--format", "github").startswith(
        "::error file=design/specs/SPEC-0001.yaml,")
    log = json.loads(validate("--format", "sarif"))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "design/specs/SPEC-0001.yaml"
    (design / "docs").mkdir()
    os.chdir(design / "docs")
    validate("--sarif", "out.sarif", "--junit", "out.xml")
    sarif = json.loads(Path("out.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "design/specs/SPEC-0001.yaml"
    case = ElementTree.parse("out.xml").getroot().find(".//testcase")
    assert case is not None and "design/specs/SPEC-0001.yaml" in ElementTree.tostring(
        case, encoding="unicode")


def test_a_file_name_that_is_not_utf8_is_percent_encoded(design: Path) -> None:
    """A name of Latin-1 bytes (`café`) is what the file system holds: SARIF's URI takes
    its bytes percent-encoded (RFC 3986), never an internal error."""
    name = os.fsdecode(b"specs/SPEC-0002-caf\xe9.yaml")
    Path(name).write_text(BROKEN.replace("SPEC-0001", "SPEC-0002"), encoding="utf-8")
    log = json.loads(validate("--format", "sarif"))
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in log["runs"][0]["results"]]
    assert "design/specs/SPEC-0002-caf%E9.yaml" in uris
    validate("--format", "sarif", "--sarif", "out.sarif", "--junit", "out.xml")
    assert "caf%E9" in Path("out.sarif").read_text(encoding="utf-8")
    assert ElementTree.parse("out.xml").getroot().find(".//testcase") is not None


def test_sarif_and_junit_into_one_file_is_refused_before_writing(design: Path) -> None:
    result = run_cli("validate", "--sarif", "same", "--junit", "./same")
    assert result.exit_code == 2
    assert "--sarif and --junit name the same file" in result.output
    assert not Path("same").exists()


def test_a_file_name_that_is_not_utf8_is_spelt_one_way_per_kind_of_format(
        git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text formats (text, github, JUnit, messages on stderr) write the byte as `\\xe9`,
    as they write control characters; JSON as the text outputs write it (`\\\\xe9` in its
    text: strict parsers refuse the escape `\\udce9`); SARIF percent-encodes the URI. A
    GitHub annotation names no such file (no form of `file=` does: `base.name_forms`), and
    says so in its text (trial43 markdown-formats-replace-non-utf8-name)."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    name = os.fsdecode(b"specs/SPEC-0002-caf\xe9.yaml")
    git_repo.commit("Specs", {name: BROKEN.replace("SPEC-0001", "SPEC-0002")})
    shown = r"specs/SPEC-0002-caf\xe9.yaml"
    assert f"{shown}:3:9: error:" in validate("--format", "text")
    annotated = validate("--format", "github")
    assert f"::error title=specrepo schema::{shown}:3:9 ({UNNAMED_IN_ANNOTATIONS}): " \
        in annotated and "file=" not in annotated
    junit = validate("--format", "junit")
    assert f'name="{shown}"' in junit and "\\udce9" not in junit
    document = validate("--format", "json")
    assert '"file": "specs/SPEC-0002-caf\\\\xe9.yaml"' in document
    files = {finding["file"] for finding in json.loads(document)["findings"]}
    assert shown in files and Path(name).exists()
    report = run_cli("report")  # its status is unreadable in every version: warned
    assert f"specrepo: warning: {shown}" in report.stderr
    assert "\\udce9" not in report.stderr


@pytest.mark.parametrize("form", ["text", "github", "junit", "json"])
def test_the_file_name_rule_shows_a_byte_that_is_not_utf8_as_the_name_does(
        git_repo: GitRepo, form: str) -> None:
    """The character after the id, shown in quotes, was Python's `repr` of it: the
    name read `\\xe9`, the character `\\udce9` (newuser67 L5)."""
    name = os.fsdecode(b"specs/SPEC-0002\xe9.yaml")
    git_repo.commit("Spec", {name: MINIMAL_SPEC.format(id="SPEC-0002")})
    output = validate("--format", form)
    assert "goes on from the id 'SPEC-0002' with '\\" in output, output
    assert "udce9" not in output and "\ufffd" not in output


@pytest.mark.parametrize(("configuration", "annotation"), [
    ("specs: specs\nrules: {file-nam: off}\n",
     "::error file=design/specrepo.yaml,line=2,col=9,title=specrepo::invalid configuration:"
     "%0Aspecrepo.yaml:2:9: property name 'file-nam'"),
    ("specs: specs\nschema: s.json\n",
     "::error file=design/s.json,line=2,col=2,title=specrepo::s.json:2:2: cannot load the "
     "schema: duplicate key 'required' (first defined at line 1); each key may appear once\n"),
    ("specs: specs\nschema: nope.json\n",  # what is wrong is the value at this line
     "::error file=design/specrepo.yaml,line=2,col=9,title=specrepo::specrepo.yaml:2:9: "
     "schema: nope.json: cannot read the schema: No such file or directory\n"),
    ("specs: nothere\n",
     "::error file=design/specrepo.yaml,line=1,col=8,title=specrepo::specrepo.yaml:1:8: "
     "the specs folder 'nothere' does not exist\n"),
    ("specs: specs\nexclude: ['specs/**']\n",
     "::error file=design/specrepo.yaml,line=2,col=10,title=specrepo::specrepo.yaml:2:10: "
     "the specs folder 'specs' holds 1 spec file"),
    ("specs:\n  - specs\n  - 'other/*.yaml'\n",
     "::error file=design/specrepo.yaml,line=3,col=5,title=specrepo::specrepo.yaml:3:5: "
     "the glob 'other/*.yaml' matches no spec file"),
])
def test_an_error_that_stops_validate_is_an_annotation_too(
        design: Path, monkeypatch: pytest.MonkeyPatch, configuration: str,
        annotation: str) -> None:
    """Configuration and environment errors (exit 2) are `::error` workflow commands in the
    github format (chosen, or inside GitHub Actions), naming the file and line the message
    starts with, from the repository's top; the message stays on stderr."""
    (design / "specrepo.yaml").write_text(configuration)
    (design / "s.json").write_text('{"required": ["x"],\n "required": ["y"]}')
    for arguments, environment in ((["--format", "github"], "false"), ([], "true")):
        monkeypatch.setenv("GITHUB_ACTIONS", environment)
        result = run_cli("validate", *arguments)
        assert result.exit_code == 2
        assert result.stdout.startswith(annotation), result.stdout
        assert result.stderr.startswith("specrepo: error: ")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run_cli("validate").stdout == ""  # text: stderr only


def test_each_problem_of_a_stopped_run_is_an_annotation_at_its_place(design: Path) -> None:
    """newuser66 LOW 1: a duplicate key and a syntax error in specrepo.yaml were one
    annotation at the first's line, with a literal `\\n` between them."""
    (design / "specrepo.yaml").write_text("specs: specs\nid_prefix: SPEC\nspecs: [\n")
    result = run_cli("validate", "--format", "github")
    assert result.exit_code == 2
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert [line.split("::")[1] for line in annotations] == [
        f"error file=design/specrepo.yaml,line={line},col=1,title=specrepo" for line in (3, 4)]
    assert annotations[1].endswith("::specrepo.yaml:4:1: YAML syntax error: did not find "
                                   "expected node content (while parsing a flow node on "
                                   "line 4)"), annotations[1]


def test_an_error_that_stops_validate_names_no_file_whose_name_is_not_utf8(
        git_repo: GitRepo) -> None:
    """No `file=` names a file whose name holds a byte that is not UTF-8 (`base.name_forms`):
    the annotation of an error about one (exit 2: a Git LFS pointer) says so instead."""
    name = os.fsdecode(b"specs/SPEC-0001-caf\xe9.yaml")
    git_repo.write(name, "version https://git-lfs.github.com/spec/v1\noid sha256:"
                   f"{'4d' * 32}\nsize 12345\n")
    result = run_cli("validate", "--format", "github")
    assert result.exit_code == 2, result.output
    shown = r"specs/SPEC-0001-caf\xe9.yaml"
    assert result.stdout.startswith(f"::error title=specrepo::{shown}: a Git LFS pointer")
    assert result.stdout.endswith(f" ({shown}: {UNNAMED_IN_ANNOTATIONS})\n")

"""The shipped examples on the real repositories' layouts (trial 25): kubernetes/enhancements
keeps its template at `keps/NNNN-kep-template/kep.yaml`, openshift/enhancements a README in
`enhancements/`, adr/madr an index page and templates in `docs/decisions/`. The examples'
`exclude:` leaves those out everywhere specs are found; and a path named on the command
line counts only when the configuration makes it a spec."""

from __future__ import annotations

import json
import shutil
from functools import partial
from pathlib import Path

import pytest
import yaml

from tests.history.gitrepo import GitRepo
from tests.support import run_cli

TOP = Path(__file__).parent.parent
EXAMPLES = TOP / "examples"
REAL = Path(__file__).parent / "examples" / "real_layouts"
TEMPLATE = "keps/NNNN-kep-template/kep.yaml"


run = partial(run_cli, no_traceback=True)


def example_on_real_layout(root: Path, example: str, real: str) -> GitRepo:
    """The example, with the real repository's files at their places, committed."""
    repo = GitRepo(root)
    (repo.root / "specrepo.yaml").unlink()
    shutil.copytree(EXAMPLES / example, repo.root, dirs_exist_ok=True)
    shutil.copytree(REAL / real, repo.root, dirs_exist_ok=True)
    repo.commit("Import")
    return repo


@pytest.fixture
def keps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = example_on_real_layout(tmp_path / "enhancements", "kep", "kep")
    monkeypatch.chdir(repo.root)
    return repo


def test_the_kep_example_leaves_the_real_template_out(keps: GitRepo) -> None:
    assert (keps.root / TEMPLATE).is_file()
    result = run("validate")
    assert (result.exit_code, result.output) == (0, "3 files checked: no problems\n")
    assert run("validate", "--history").exit_code == 0


def test_the_excluded_template_is_no_spec_anywhere(keps: GitRepo) -> None:
    report = json.loads(run("report", "--format", "json").output)
    assert "NNNN" not in json.dumps(report)
    assert report["integrity"]["skipped_versions"] == 0
    assert run("render").exit_code == 0
    assert not (keps.root / "docs/specs/NNNN.md").exists()
    assert (keps.root / "docs/specs/1143.md").exists()
    assert run("site").exit_code == 0
    assert sorted(path.name for path in (keps.root / "_site/specs").glob("*.html")) == [
        "1029.html", "1143.html", "2400.html"]
    assert "NNNN" not in run("trace", "--format", "json").output
    assert "NNNN" not in run("timeline", "1143").output
    assert "NNNN" not in run("diff", "HEAD~1..HEAD").output


def test_a_template_committed_then_deleted_leaves_no_skipped_version(keps: GitRepo) -> None:
    keps.commit("Drop the template", {TEMPLATE: None})
    report = json.loads(run("report", "--format", "json").output)
    assert report["integrity"]["skipped_versions"] == 0
    assert run("report", "--fail-on", "skipped-versions").exit_code == 0


def test_excluding_nothing_makes_the_template_a_failing_spec(keps: GitRepo) -> None:
    # The exclusion is what makes the example pass on the real layout.
    config = keps.root / "specrepo.yaml"
    config.write_text("\n".join(line for line in config.read_text().splitlines()
                                if not line.startswith("exclude:")) + "\n")
    result = run("validate")
    assert result.exit_code == 1
    assert f"{TEMPLATE}:" in result.output


def test_a_folder_named_stands_for_the_configured_specs_below_it(keps: GitRepo) -> None:
    # kubernetes/enhancements keeps hundreds of production readiness files beside the KEPs.
    keps.write("keps/prod-readiness/sig-node/2400.yaml",
               'kep-number: 2400\nalpha:\n  approver: "@deads2k"\n')
    keps.write("keps/sig-node/2400-node-swap/README.md", "# KEP-2400: Node system swap\n")
    result = run("validate", "keps")
    assert (result.exit_code, result.output) == (0, "3 files checked: no problems\n")
    assert run("validate", "keps/prod-readiness").exit_code == 2


def test_a_file_named_that_is_no_spec_is_skipped_with_a_note(keps: GitRepo) -> None:
    readme = "keps/sig-node/2400-node-swap/README.md"
    keps.write(readme, "# KEP-2400: Node system swap\n")
    result = run("validate", readme, "keps/sig-node/2400-node-swap/kep.yaml", TEMPLATE)
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems\n")
    assert result.stderr.splitlines() == [
        f"specrepo: note: {readme}: not a spec file (specrepo.yaml's specs are *.yaml, *.yml "
        "files); not checked",
        f"specrepo: note: {TEMPLATE}: excluded by `exclude:` in specrepo.yaml; not checked"]


def test_only_files_that_are_no_specs_is_exit_2_unless_allowed(keps: GitRepo) -> None:
    keps.write("keps/prod-readiness/sig-node/2400.yaml", "kep-number: 2400\n")
    alone = run("validate", "keps/prod-readiness/sig-node/2400.yaml")
    assert alone.exit_code == 2
    assert alone.stderr == (
        "specrepo: error: no path given is a spec, so nothing would be checked ("
        "keps/prod-readiness/sig-node/2400.yaml: not a spec per specrepo.yaml (outside "
        "specs: keps/**/kep.yaml; exclude: keps/NNNN-kep-template)); pass --allow-empty to "
        "accept that\n")
    allowed = run("validate", "--allow-empty", "keps/prod-readiness/sig-node/2400.yaml")
    assert (allowed.exit_code, allowed.stdout) == (0, "0 files checked: no problems\n")
    assert allowed.stderr.startswith("specrepo: note: keps/prod-readiness/")


def test_the_pre_commit_hook_s_command_passes_a_readme_under_the_spec_folder(
        keps: GitRepo) -> None:
    # `files: ^keps/` on the hook hands over every staged file below keps/.
    [hook] = [hook for hook in yaml.safe_load((TOP / ".pre-commit-hooks.yaml").read_text())
              if hook["id"] == "specrepo-validate"]
    arguments = hook["entry"].split()[1:]
    readme = "keps/sig-node/2400-node-swap/README.md"
    keps.write(readme, "# KEP-2400\n")
    keps.git("add", readme)
    result = run(*arguments, readme)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")  # --quiet: no
    # note on the README (low58); without --quiet, the note says why it is not checked
    assert "README.md: not a spec file" in run(*(argument for argument in arguments
                                                 if argument != "--quiet"), readme).stderr
    broken = "keps/sig-node/2400-node-swap/kep.yaml"
    keps.write(broken, (keps.root / broken).read_text().replace("status: ", "status: x"))
    keps.git("add", broken)  # the hook's run checks what the commit holds, the index's
    assert run(*arguments, readme, broken).exit_code == 1


def test_render_skips_a_file_named_that_is_no_spec(keps: GitRepo) -> None:
    result = run("render", TEMPLATE, "1143")
    assert result.exit_code == 0
    assert f"specrepo: note: {TEMPLATE}: excluded by `exclude:`" in result.stderr
    assert not (keps.root / "docs/specs/NNNN.md").exists()
    assert (keps.root / "docs/specs/1143.md").exists()
    assert run("render", TEMPLATE).exit_code == 2


def test_new_ids_ignore_an_excluded_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("specrepo.yaml", "specs: specs\nexclude: specs/drafts\n")
    repo.commit("Start", {"specs/drafts/SPEC-0009-x.yaml": "id: SPEC-0009\n"})
    monkeypatch.chdir(repo.root)
    result = run("new", "A title", "--author", "Ada")
    assert (result.exit_code, result.output) == (0, "specs/SPEC-0001-a-title.yaml\n")


@pytest.mark.parametrize(("example", "real", "left_out"), [
    ("enhancements", "enhancements", "enhancements/README.md"),
    ("madr-markdown", "madr", "docs/decisions/index.md"),
])
def test_the_markdown_examples_leave_the_real_pages_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str, real: str,
        left_out: str) -> None:
    repo = example_on_real_layout(tmp_path / real, example, real)
    monkeypatch.chdir(repo.root)
    assert (repo.root / left_out).is_file()
    result = run("validate", "--history")
    assert result.exit_code == 0, result.output
    assert left_out not in run("report", "--format", "json").output
    assert run("validate", left_out).exit_code == 2


def test_the_madr_example_leaves_its_templates_out(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # adr/madr keeps adr-template.md, adr-template-minimal.md... beside its records.
    repo = example_on_real_layout(tmp_path / "madr", "madr-markdown", "madr")
    template = (repo.root / "templates/adr-template.md").read_text()
    repo.commit("Templates", {"docs/decisions/adr-template.md": template,
                              "docs/decisions/adr-template-minimal.md": template})
    monkeypatch.chdir(repo.root)
    result = run("validate")
    assert (result.exit_code, result.output) == (0, "3 files checked: no problems\n")


def test_the_enhancements_schema_takes_the_real_empty_path_entries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `replaces: [""]`: how the real files leave an unused entry of the template.
    repo = example_on_real_layout(tmp_path / "openshift", "enhancements", "enhancements")
    path = "enhancements/dns/dns-over-tls-upstreams.md"
    text = (repo.root / path).read_text()
    assert "replaces: []\nsuperseded-by: []\n" in text
    repo.write(path, text.replace("replaces: []\nsuperseded-by: []\n",
                                  'replaces:\n  - ""\nsuperseded-by:\n  - ""\n'))
    monkeypatch.chdir(repo.root)
    result = run("validate", path)
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")

"""`validate --quiet` prints findings and errors only: no note on a file named that is no
spec, nor on a format specrepo does not assert (low58); a warning that says a setting is
read otherwise than written still prints, as does a hook's note that its staged version is
the one checked. Real git repositories, the CLI in-process."""

from __future__ import annotations

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

CONFIG = ("specs: 'specs/**.yaml'\nschema: spec.schema.yaml\nfields: {updated: null, "
          "reviewers: null, questions: null, related: [], item_lists: [], "
          "superseded_by: null}\nrules: {file-name: 'off'}\n")
"""`**` inside a name: read as `specs/*.yaml`, a warning (`starred_names`)."""
SCHEMA = ("type: object\nrequired: [id, title, status]\nproperties:\n"
          "  site: {type: string, format: hostname}\n")
WARNING = ("specrepo: warning: specrepo.yaml:1:8: specs: 'specs/**.yaml' has `**` inside a "
           "name, which git reads as one `*`")
NAMED = ("specs/README.md", "specs/SPEC-0001.yaml")


def _repository(git_repo: GitRepo) -> None:
    git_repo.commit("specs", {"specrepo.yaml": CONFIG, "spec.schema.yaml": SCHEMA,
                              "specs/SPEC-0001.yaml": spec_text(),
                              "specs/README.md": "Not a spec.\n"})


def test_without_quiet_the_notes_and_the_warning_are_said(git_repo: GitRepo) -> None:
    _repository(git_repo)
    result = run_cli("validate", *NAMED, no_traceback=True)
    assert result.exit_code == 0, result.output
    assert "specrepo: note: spec.schema.yaml:4:32: format 'hostname'" in result.stderr
    assert "specrepo: note: specs/README.md: not a spec file" in result.stderr
    assert WARNING in result.stderr


def test_quiet_says_the_warning_and_no_note(git_repo: GitRepo) -> None:
    _repository(git_repo)
    result = run_cli("validate", "--quiet", *NAMED, no_traceback=True)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith(WARNING), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr


def test_quiet_prints_the_findings(git_repo: GitRepo) -> None:
    _repository(git_repo)
    git_repo.write("specs/SPEC-0001.yaml", spec_text().replace("status: Draft", "status: 7"))
    result = run_cli("validate", "-q", *NAMED, no_traceback=True)
    assert result.exit_code == 1
    assert result.stdout.endswith("1 file checked: 1 error\n"), result.output
    assert "note" not in result.stderr


def test_a_hooks_note_on_the_staged_version_checked_stays(git_repo: GitRepo) -> None:
    git_repo.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.write("specs/SPEC-0001.yaml", spec_text(title="Staged"))
    git_repo.git("add", "specs/SPEC-0001.yaml")
    git_repo.write("specs/SPEC-0001.yaml", spec_text(title="Work tree"))
    result = run_cli("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD",
                     "--history", "--since", "HEAD", no_traceback=True)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", (
        "specrepo: note: specs/SPEC-0001.yaml: its staged version differs from the work "
        "tree's: the staged one is checked, what the commit being made holds\n"))


def test_a_hooks_note_on_a_spec_file_the_index_lacks_stays(git_repo: GitRepo) -> None:
    git_repo.commit("spec", {"specs/SPEC-0001.yaml": spec_text()})
    git_repo.write("specs/SPEC-0002.yaml", spec_text("SPEC-0002"))
    result = run_cli("validate", "--quiet", "--allow-empty", "--changed-since", "HEAD",
                     "--history", "--since", "HEAD", no_traceback=True)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", (
        "specrepo: note: specs/SPEC-0002.yaml: not added to the index (untracked): no spec "
        "of the commit being made, so not checked\n"))

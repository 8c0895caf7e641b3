"""A file whose name is a spec file's but for spaces, dots or line breaks after its ending
(`SPEC-0002.yaml `, `SPEC-0002.yaml.`: Windows drops them, git and the glob keep them) is
no spec file to the listing nor to the history, and every command that lists the specs
names it in a note (trial52: it was skipped in silence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specrepo.load.locations import MISNAMED_ENDINGS, misnamed
from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli

SUFFIXES = (".yaml", ".yml")


@pytest.mark.parametrize(("name", "expected"), [
    ("x.yaml ", True), ("x.yaml.", True), ("x.yml\n", True), ("x.YAML. .", True),
    ("x.yaml", False), ("x.yaml.bak", False), ("x .yaml", False), ("x.txt ", False),
    ("x.yaml\n.", True), ("x\n.yaml", False)])
def test_a_name_misnamed_is_a_spec_files_name_but_for_what_follows_its_ending(
        name: str, expected: bool) -> None:
    assert misnamed(name, SUFFIXES) is expected


@pytest.mark.parametrize(("name", "shown", "ending"), [
    ("SPEC-0002.yaml ", "SPEC-0002.yaml ", " "), ("SPEC-0002.yaml.", "SPEC-0002.yaml.", "."),
    ("SPEC-0002.yaml\n", "SPEC-0002.yaml\\n", "\\n")])
def test_every_listing_names_a_misnamed_file_and_the_history_agrees(
        git_repo: GitRepo, name: str, shown: str, ending: str) -> None:
    git_repo.commit("specs", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
                              f"specs/{name}": "id: SPEC-0002\ntitle: T\nstatus: Drafty\n"})
    note = (f"specrepo: note: 'specs/{shown}': not checked: its name ends with '{ending}' "
            "after '.yaml', so it is no spec file to specrepo nor to the history (and names "
            "another file on Windows, which drops trailing spaces and dots); rename it to "
            "'SPEC-0002.yaml', or `exclude:` it\n")
    for arguments in (("validate",), ("validate", "--history"), ("report", "--format",
                                                                  "json")):
        result = run_cli(*arguments, no_traceback=True)
        assert result.exit_code == 0, (arguments, result.output)
        assert result.stderr.count(note) == 1, (arguments, result.stderr)
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [spec["id"] for spec in report["specs"]] == ["SPEC-0001"]
    excluded = json.dumps(f"specs/{name}")
    (git_repo.root / "specrepo.yaml").write_text(f"specs: specs\nexclude: [{excluded}]\n")
    assert "not checked" not in run_cli("validate").stderr


@pytest.mark.parametrize(("skipped", "note"), [
    ("specs/SPEC-0002.yaml ", "'specs/SPEC-0002.yaml ': not checked"),
    ("specs/.wip/SPEC-0002.yaml", "specs/.wip: holds spec files that are not checked")])
def test_new_takes_no_id_a_skipped_spec_file_holds_and_names_the_file(
        git_repo: GitRepo, skipped: str, note: str) -> None:
    """Renamed (or moved out of the hidden folder) as the note says, the file would be a
    second SPEC-0002 beside the one `new` wrote: `new` takes the next number, and names the
    file as every other listing does (newuser52)."""
    git_repo.commit("specs", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001")})
    git_repo.write(skipped, MINIMAL_SPEC.format(id="SPEC-0002"))
    result = run_cli("new", "Another", "--author", "Grace Hopper")
    assert result.exit_code == 0, result.output
    assert "specs/SPEC-0003-another.yaml" in result.output
    assert note in result.output


@pytest.mark.parametrize(("specs", "name", "shown"), [
    ("specs/*.yaml", "specs/SPEC-0002.yaml ", "specs/SPEC-0002.yaml "),
    ("specs/**", "specs/sub/SPEC-0002.yaml\n", "specs/sub/SPEC-0002.yaml\\n"),
    ("specs/SPEC-*", "specs/SPEC-0002.yaml.", "specs/SPEC-0002.yaml."),
    ("specs/**/SPEC-0001.yaml", "specs/sub/SPEC-0001.yaml.", "specs/sub/SPEC-0001.yaml."),
])
def test_a_glob_location_names_a_misnamed_file_as_a_folder_does(
        git_repo: GitRepo, specs: str, name: str, shown: str) -> None:
    """fix53b: below a glob location (`specs: specs/*.yaml`), a misnamed file was skipped
    in silence; the glob's walk sees it beside its matches, and the same note names it,
    whatever part of the glob it misses (a wildcard's, a name written out)."""
    git_repo.commit("specs", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
                              name: "id: SPEC-0002\ntitle: T\nstatus: Drafty\n",
                              "specrepo.yaml": f"specs: {json.dumps(specs)}\n"})
    ending = name[len(name.rstrip(MISNAMED_ENDINGS)):].replace("\n", "\\n")
    note = (f"specrepo: note: '{shown}': not checked: its name ends with '{ending}' "
            "after '.yaml', so it is no spec file to specrepo nor to the history (and names "
            "another file on Windows, which drops trailing spaces and dots); rename it to "
            f"'{Path(name.rstrip(MISNAMED_ENDINGS)).name}', or `exclude:` it\n")
    for arguments in (("validate",), ("report", "--format", "json")):
        result = run_cli(*arguments, no_traceback=True)
        assert result.stderr.count(note) == 1, (arguments, result.stderr)
    (git_repo.root / "specrepo.yaml").write_text(
        f"specs: {json.dumps(specs)}\nexclude: [{json.dumps(name)}]\n")
    assert "not checked" not in run_cli("validate").stderr


@pytest.mark.parametrize(("specs", "unchecked"), [
    ("specs/*.yaml", "specs/SPEC-0002.yaml "),
    # Given its ending as the note says, the file would be a second SPEC-0002.
    ("specs/SPEC-*", "specs/SPEC-0002"),
])
def test_new_below_a_glob_location_takes_no_id_a_file_it_does_not_check_holds(
        git_repo: GitRepo, specs: str, unchecked: str) -> None:
    git_repo.commit("specs", {
        "specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
        "template.yaml": MINIMAL_SPEC.format(id="{{id}}"),
        "specrepo.yaml": f"specs: {specs}\nnew: {{template: template.yaml, folder: specs}}\n"})
    git_repo.write(unchecked, MINIMAL_SPEC.format(id="SPEC-0002"))
    result = run_cli("new", "Another", "--author", "Grace Hopper")
    assert result.exit_code == 0, result.output
    assert "specs/SPEC-0003-another.yaml" in result.output
    assert f"specrepo: note: '{unchecked}': not checked" in result.stderr


def test_new_of_the_bundled_format_below_a_glob_location_needs_only_its_folder(
        git_repo: GitRepo) -> None:
    """fix54 (newuser54): with every location a glob, `new` asks for `new.folder`, and
    `new: {folder: specs}` alone writes the bundled format (no template to name), taking
    no id a misnamed file holds and noting that file as validate does."""
    git_repo.commit("specs", {"specs/SPEC-0001.yaml": MINIMAL_SPEC.format(id="SPEC-0001"),
                              "specrepo.yaml": "specs: specs/*.yaml\n"})
    git_repo.write("specs/SPEC-0002.yaml ", MINIMAL_SPEC.format(id="SPEC-0002"))
    refused = run_cli("new", "Another", "--author", "Grace Hopper")
    assert refused.exit_code == 2, refused.output
    assert "`new: {folder: specs}` for a spec of the bundled format" in refused.stderr
    (git_repo.root / "specrepo.yaml").write_text("specs: specs/*.yaml\nnew: {folder: specs}\n")
    result = run_cli("new", "Another", "--author", "Grace Hopper")
    assert result.exit_code == 0, result.output
    assert "specs/SPEC-0003-another.yaml" in result.stdout
    assert result.stderr.count("specrepo: note: 'specs/SPEC-0002.yaml ': not checked") == 1
    assert "warning" not in result.stderr, result.stderr
    validated = run_cli("validate")
    assert validated.exit_code == 0, validated.output

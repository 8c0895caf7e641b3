"""A file a glob location matches whose name lacks a spec file's ending (grpc's
`A15-binary-logging` for `specs: "A*"`) is no spec file to the listing nor to the history,
and every command that lists the specs names it in a note, as it names a misnamed file
(trial55: it was skipped in silence, `1 file checked: no problems`)."""

from __future__ import annotations

import json

import pytest

from tests.history.gitrepo import GitRepo
from tests.support import MINIMAL_SPEC, run_cli

SPEC = MINIMAL_SPEC.format(id="SPEC-0001")


def test_every_listing_names_a_file_its_glob_matches_without_a_spec_files_ending(
        git_repo: GitRepo) -> None:
    git_repo.commit("specs", {
        "specs/SPEC-0001.yaml": SPEC, "specs/SPEC-0002": MINIMAL_SPEC.format(id="SPEC-0002"),
        "specs/.gitkeep": "", "specs/SPEC-0003/README.md": "# a folder the glob matches\n",
        "specrepo.yaml": "specs: specs/SPEC-*\n"})
    note = ("specrepo: note: 'specs/SPEC-0002': not checked: a `specs:` glob matches it, but "
            "its name lacks a spec file's ending (.yaml, .yml); if it is a spec, add the "
            "ending to its name, else `exclude:` it (or end the glob with the ending) to say "
            "it is none\n")
    for arguments in (("validate",), ("validate", "--history"),
                      ("report", "--format", "json")):
        result = run_cli(*arguments, no_traceback=True)
        assert result.exit_code == 0, (arguments, result.output)
        assert result.stderr.count("specrepo: note:") == 1, (arguments, result.stderr)
        assert note in result.stderr, (arguments, result.stderr)
    report = json.loads(run_cli("report", "--format", "json").stdout)
    assert [spec["id"] for spec in report["specs"]] == ["SPEC-0001"]
    git_repo.write("specrepo.yaml", "specs: specs/SPEC-*\nexclude: [specs/SPEC-0002]\n")
    assert "note" not in run_cli("validate").stderr
    git_repo.write("specrepo.yaml", "specs: specs/SPEC-*.yaml\n")
    assert "note" not in run_cli("validate").stderr


@pytest.mark.parametrize(("count", "named"), [(3, 3), (12, 10)])
def test_one_note_names_the_files_a_glob_matches_without_a_spec_files_ending(
        git_repo: GitRepo, count: int, named: int) -> None:
    """However many there are (a folder of diagrams under `proposals/*`), one note counts
    them and names the first ten, so a wide glob does not flood the log."""
    names = [f"proposals/diagram-{number:02}.png" for number in range(count)]
    git_repo.commit("specs", {"proposals/SPEC-0001.yaml": SPEC, **dict.fromkeys(names, "PNG"),
                              "specrepo.yaml": "specs: proposals/*\n"})
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("specrepo: note:")]
    assert len(notes) == 1, result.stderr
    assert notes[0].startswith(
        f"specrepo: note: {count} files a `specs:` glob matches are not checked: their names "
        "lack a spec file's ending (.yaml, .yml): 'proposals/diagram-00.png', ")
    assert [name for name in names if f"'{name}'" in notes[0]] == names[:named]
    assert notes[0].count(" more;") == (count > named)
    assert f" and {count - named} more;" in notes[0] or count == named


@pytest.mark.parametrize(("specs", "noted"), [
    ("*/*", ["specs/notes.txt"]),  # never `.git/HEAD` nor `specs/.wip/x.txt`'s folder
    ("specs/**/*", ["specs/notes.txt", "specs/sub/diagram.svg"]),
    ("**", []), ("specs/**", []),  # git's every file below: a folder's spec files
])
def test_no_hidden_file_and_no_trailing_double_star_gets_the_note(
        git_repo: GitRepo, specs: str, noted: list[str]) -> None:
    git_repo.commit("specs", {"specs/SPEC-0001.yaml": SPEC, "specs/notes.txt": "notes\n",
                              "specs/sub/diagram.svg": "<svg/>\n", "specs/.wip/x.txt": "x\n",
                              "specrepo.yaml": f"specs: {json.dumps(specs)}\n"})
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 0, result.output
    assert [name for name in ("specs/notes.txt", "specs/sub/diagram.svg", ".git/HEAD",
                              "specs/.wip/x.txt", "specrepo.yaml")
            if f"'{name}'" in result.stderr] == noted, result.stderr
    assert result.stderr.count("specrepo: note:") == (1 if noted else 0), result.stderr

"""git's answers that echo a name back (`cat-file --batch`'s `<name> missing`, `--raw -z`
diffs, `ls-tree -z`) are read right whatever the name holds: spaces, tabs, line feeds,
carriage returns, quotes, bytes that are not UTF-8, words git itself writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from specrepo.gitio.blob_pipe import BlobPipe
from specrepo.gitio.diff_sides import DiffSides, changed_spec_files, tracked_files
from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from specrepo.load.locations import SpecLocation
from tests.history.gitrepo import GitRepo
from tests.support import fuzz, run_cli
from tests.trace.git_scans import last_touch

NAMES = ["design docs", "a\tb", "line\nfeed", "ends\r", "quo\"te's", "x missing",
         "0 blob 12", "ambiguous", " lead", "trail ", "\udce9t\udce9",  # b"\xe9t\xe9"
         "é dir"]
"""Folder names (each holding a spec and no `.gitattributes`) git answers oddly about."""

_NAME_TEXT = st.text(st.characters(blacklist_characters="\0/",
                                   ), min_size=1, max_size=12)
_NAME = st.one_of(_NAME_TEXT, st.binary(min_size=1, max_size=8).filter(
    lambda raw: b"\0" not in raw and b"/" not in raw).map(
    lambda raw: raw.decode("utf-8", "surrogateescape")))


@pytest.fixture(scope="module")
def odd_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[GitRepo, str, str]:
    """A repository whose specs sit in oddly named folders, changed by a second commit:
    (repository, first commit, second commit)."""
    repo = GitRepo(tmp_path_factory.mktemp("odd") / "repo")
    first = repo.commit("One", {f"specs/{name}/a.yaml": "n: 1\n" for name in NAMES})
    second = repo.commit("Two", {f"specs/{name}/a.yaml": "n: 2\n" for name in NAMES})
    return repo, first, second


def test_lookups_of_files_in_odd_folders(odd_repo: tuple[GitRepo, str, str]) -> None:
    """Every way of asking `cat-file` finds the files there and finds no `.gitattributes`
    (git's `<name> missing` echoes the name, spaces and all)."""
    repo, _, head = odd_repo
    objects = ObjectReader(Git(repo.root), 1000)
    try:
        wanted = [(f"{head}:specs/{name}/{file}", f"specs/{name}/{file}")
                  for name in NAMES for file in ("a.yaml", ".gitattributes")]
        objects.prefetch(wanted)
        for name in NAMES:
            found = objects.file_at(head, f"specs/{name}/a.yaml")
            assert found is not None and found.content == b"n: 2\n", name
            assert objects.file_at(head, f"specs/{name}/.gitattributes") is None
            assert objects.blob_at(head, f"specs/{name}/.gitattributes") is None
            assert objects.blob_at(head, f"specs/{name}/a.yaml") == found.sha
    finally:
        objects.close()


def test_the_blob_pipe_locates_files_in_odd_folders(
        odd_repo: tuple[GitRepo, str, str]) -> None:
    repo, _, head = odd_repo
    pipe = BlobPipe(Git(repo.root))
    try:
        asked = [name for name in NAMES if "\n" not in name and not name.endswith("\r")]
        pipe.request(f"{head}:specs/{name}/{file}" for name in asked
                     for file in ("a.yaml", ".gitattributes"))
        for name in asked:
            assert pipe.located(head, f"specs/{name}/a.yaml").blob is not None, name
            assert pipe.located(head, f"specs/{name}/.gitattributes").blob is None, name
    finally:
        pipe.close()


def test_diffs_and_listings_name_odd_paths_whole(odd_repo: tuple[GitRepo, str, str]) -> None:
    repo, first, second = odd_repo
    expected = {f"specs/{name}/a.yaml" for name in NAMES}
    assert set(tracked_files(Git(repo.root), second)) == {*expected, "specrepo.yaml"}
    sides = DiffSides(repo.root, repo.root / ".git", first, second, first, second)
    changed = changed_spec_files(Git(repo.root), sides,
                                 [SpecLocation("folder", "specs")])
    assert {change.path for change in changed} == expected
    assert all(change.old_blob and change.new_blob for change in changed)


@fuzz(30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(_NAME, min_size=1, max_size=6))
def test_any_missing_name_is_answered_none(odd_repo: tuple[GitRepo, str, str],
                                           names: list[str]) -> None:
    """Whatever a missing name holds, its answer is None and the answers after it stay in
    step (the last one, a file that is there, is still found)."""
    repo, _, head = odd_repo
    objects = ObjectReader(Git(repo.root), 1000)
    try:
        objects.prefetch([(f"{head}:nowhere/{name}", name) for name in names]
                         + [(f"{head}:specs/design docs/a.yaml", "a.yaml")])
        for name in names:
            assert objects.file_at(head, f"nowhere/{name}") is None
            assert objects.blob_at(head, f"nowhere/{name} x") is None
        found = objects.file_at(head, "specs/design docs/a.yaml")
        assert found is not None and found.content == b"n: 2\n"
    finally:
        objects.close()


@pytest.mark.parametrize(  # line breaks: the lookups above; a spec id from such a path is refused
    "name", [name for name in NAMES if "\r" not in name and "\n" not in name])
def test_changed_since_and_diff_in_an_odd_spec_folder(git_repo: GitRepo, name: str) -> None:
    """trial29b finding 2: `specs/design docs/` crashed `--changed-since` and `diff`."""
    spec = "id: SPEC-0001\ntitle: A\nstatus: Draft\nauthors: [A]\ncreated: 2026-01-01\n" \
        "updated: 2026-01-02\nsummary: S.\n"
    git_repo.commit("One", {f"specs/{name}/SPEC-0001.yaml": spec})
    git_repo.git("branch", "base")
    git_repo.commit("Two", {f"specs/{name}/SPEC-0001.yaml": spec.replace("Draft", "Bogus")})
    checked = run_cli("validate", "--changed-since", "base", no_traceback=True)
    assert checked.exit_code == 1 and "1 file checked" in checked.output, checked.output
    for arguments in (("base...HEAD",), ("base",)):
        compared = run_cli("diff", *arguments, no_traceback=True)
        assert compared.exit_code == 0 and "1 spec changed" in compared.output, \
            compared.output


def test_a_name_ending_in_a_carriage_return_is_still_found(tmp_path: Path) -> None:
    """git's batch reads a line and drops a carriage return before its line feed: such a
    name is asked for on its own, not reported missing."""
    repo = GitRepo(tmp_path / "repo")
    head = repo.commit("One", {"notes\r": "n: 1\n"})
    objects = ObjectReader(Git(repo.root), 1000)
    try:
        objects.prefetch([(f"{head}:notes\r", "notes\r")])
        found = objects.file_at(head, "notes\r")
        assert found is not None and found.content == b"n: 1\n"
        assert objects.blob_at(head, "notes\r") == found.sha
    finally:
        objects.close()


def test_last_touches_of_files_named_with_control_bytes(tmp_path: Path) -> None:
    """`git log -z --name-status` entries after `\\x01`-headed commits: a path holding
    `\\x01` (or starting with a line feed) is a path, not the next commit."""
    repo = GitRepo(tmp_path / "repo")
    names = ["src/a\x01b.py", "src/\x01lead.py", "src/\nfeed.py", "src/sp ace.py"]
    first = repo.commit("One", dict.fromkeys(names, "x = 1\n"))
    second = repo.commit("Two", {names[0]: "x = 2\n"})
    touches = last_touch(repo.root, ["src/**"])
    assert {path: touch.commit for path, touch in touches.items()} == {
        names[0]: second, **dict.fromkeys(names[1:], first)}

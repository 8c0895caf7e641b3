"""The history stream reads every path git allows, and every author name and trailer,
whatever bytes they hold: the separators of its own framing among them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.gitio.graph import commit_meta
from specrepo.gitio.log import CommitRecord, FileChange, _parse_record, stream_history
from specrepo.history.mine import mine_history
from specrepo.load.locations import SpecLocation, location_matcher
from tests.history.gitrepo import GitRepo, spec_ids, spec_text
from tests.support import fuzz

# Bytes that frame records in git's output (NUL never reaches a path), line and field
# breaks, quotes and bytes that are not UTF-8.
ODD = ["\x1e", "\x1f", "\x1d", "\x01", "\n", "\t", "\r", '"', "'", "\\", " ", ":",
       "\udce9", "\udcff", "é"]
NAMES = ["a\x1eb", "a\x1fb", "\x1e", "x\x1d\x1e\x1f", "new\nline", "tab\there", '"q"',
         "caf\udce9", ":100644", "\x1e:100644 100644"]


def streamed(repo: GitRepo) -> list[CommitRecord]:
    commits = repo.git("rev-list", "--reverse", "HEAD").split()
    listed: list[CommitRecord] = []
    with stream_history(Git(repo.root), commits, [SpecLocation("folder", "specs")],
                        lambda taken: listed.extend(each.commit for each in taken),
                        lambda: None) as stream:
        stream.wait()
    return listed


def logged(repo: GitRepo) -> set[tuple[str, str]]:
    """(commit, path) of every spec file each commit changed, as `git log -z` says."""
    output = subprocess.run(["git", "log", "-z", "--format=%x00%H", "--name-only",
                             "--no-renames", "HEAD", "--", "specs"], cwd=repo.root,
                            capture_output=True, check=True).stdout
    found: set[tuple[str, str]] = set()
    sha = ""
    for token in output.split(b"\0"):
        name = token.lstrip(b"\n")
        if len(name) == 40 and not name.startswith(b"specs/"):
            sha = name.decode()
        elif name:
            found.add((sha, name.decode("utf-8", "surrogateescape")))
    return found


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def test_paths_holding_the_framing_bytes_arrive_whole(repo: GitRepo) -> None:
    for index, name in enumerate(NAMES):
        repo.commit(f"Add {index}", {f"specs/{name}.yaml": spec_text(f"SPEC-{index:04}")})
    repo.commit("Edit all", {f"specs/{name}.yaml": spec_text(f"SPEC-{index:04}", "Approved")
                             for index, name in enumerate(NAMES)})
    records = streamed(repo)
    assert {(record.sha, change.path) for record in records
            for change in record.changes} == logged(repo)
    assert [change.path for change in records[-1].changes] == sorted(
        f"specs/{name}.yaml" for name in NAMES)
    history = mine_history(load_config(None, repo.root))
    assert spec_ids(history) == [f"SPEC-{index:04}" for index in range(len(NAMES))]
    assert {spec.current_path for spec in history.specs} == {
        f"specs/{name}.yaml" for name in NAMES}


def test_authors_and_trailers_holding_the_framing_bytes_arrive_whole(repo: GitRepo) -> None:
    repo.write("specs/a.yaml", spec_text())
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Add\n\nReviewed-by: Gr\x1eace\x1fH\nApproved-by: Bo",
             author="Ada\x1e\x1f Lovelace")
    repo.commit("Edit\n\nApproved-by: E\x1ed", {"specs/a.yaml": spec_text(status="Approved")})
    first, second = streamed(repo)
    assert (first.author, first.email) == ("Ada\x1e\x1f Lovelace", "ada@example.com")
    meta = commit_meta(Git(repo.root), first.sha)
    assert (meta.author, meta.email, meta.authored) == (first.author, first.email,
                                                        first.authored)
    assert [(record.authored, record.approvers) for record in (first, second)] == [
        (first.committed, ("Gr\x1eace\x1fH", "Bo")), (second.committed, ("E\x1ed",))]


@fuzz(6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.sampled_from(ODD), min_size=1, max_size=6), min_size=1,
                max_size=5, unique=True))
def test_any_name_git_allows_is_read_as_git_wrote_it(tmp_path_factory: pytest.TempPathFactory,
                                                      names: list[str]) -> None:
    repo = GitRepo(tmp_path_factory.mktemp("odd"))
    for index, name in enumerate(names):
        repo.commit(f"Add {index}", {f"specs/{name}.yaml": spec_text(f"SPEC-{index:04}")})
    repo.commit("Remove", {f"specs/{names[0]}.yaml": None})
    assert {(record.sha, change.path) for record in streamed(repo)
            for change in record.changes} == logged(repo)


def test_a_record_of_files_the_stream_does_not_list_is_no_commit() -> None:
    # Over half a KEP repository's records change only files beside the specs: their
    # headers are never decoded (this one's times are not even numbers).
    header = [b"a" * 40, b"", b"Ann", b"ann@example.org", b"never", b"never", b"-", b"", b""]
    change = [b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" M"]
    is_spec = location_matcher([SpecLocation("folder", "specs")])
    assert _parse_record([*header, *change, b"specs/README.md"], is_spec) is None
    header[4:7] = [b"1700000000", b"1700000000", b"2023-11-14 22:13:20 +0100"]
    listed = _parse_record([*header, *change, b"specs/a.yaml"], is_spec)
    assert listed is not None
    assert (listed.sha, listed.author_offset, listed.changes) == (
        "a" * 40, 60, (FileChange("specs/a.yaml", "1" * 40, "2" * 40),))

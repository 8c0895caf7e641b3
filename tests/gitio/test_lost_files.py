"""A file whose blob git lacks is no absent file to a reader of `commit:path`
(`ObjectReader.blob_at`, `file_at`, a prefetched answer; the configuration at a commit):
`cat-file --batch` answers `missing` for both, and the reader now looks in the folder's
tree (`tree_files.refuse_lost_file`) and names the file lost, exit 2 (newuser72)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.gitio.git_command import Git, HistoryError
from specrepo.gitio.objects import ObjectReader
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

PATH = "specs/SPEC-0001.yaml"


def _lose(repo: GitRepo, name: str) -> str:
    lost = repo.git("rev-parse", name)
    (repo.root / ".git" / "objects" / lost[:2] / lost[2:]).unlink()
    return lost


def test_a_reader_names_a_lost_blob_and_answers_none_for_no_file(tmp_path: Path) -> None:
    """Was None for the lost file, as for `nowhere.yaml`: read as no file there."""
    repo = GitRepo(tmp_path / "repo")
    head = repo.commit("c1", {PATH: spec_text()})
    blob = _lose(repo, f"HEAD:{PATH}")
    lost = f"^git cannot read {PATH} \\(object {blob}\\): it is missing; "
    for ask in ("blob_at", "file_at", "prefetched"):
        objects = ObjectReader(Git(repo.root), 1000)
        try:
            assert objects.blob_at(head, "specs/nowhere.yaml") is None
            assert objects.file_at(head, "specs") is None  # a folder: no file either
            if ask == "prefetched":
                objects.prefetch([(f"{head}:{PATH}", PATH)])
            with pytest.raises(HistoryError, match=lost):
                getattr(objects, "file_at" if ask == "file_at" else "blob_at")(head, PATH)
        finally:
            objects.close()


def test_changed_since_a_commit_whose_configuration_is_lost_exits_2(
        git_repo: GitRepo) -> None:
    """newuser72: the configuration at REF, its blob lost, read as none there: today's
    used for REF's specs, "1 file checked: no problems", exit 0."""
    git_repo.commit("c1", {"specrepo.yaml": "specs: specs\n", PATH: spec_text()})
    git_repo.commit("c2", {"specrepo.yaml": "specs: specs\n# changed\n",
                           PATH: spec_text(extra="summary: s2\n")})
    blob = _lose(git_repo, "HEAD~1:specrepo.yaml")
    result = run_cli("validate", "--changed-since", "HEAD~1", no_traceback=True)
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"git cannot read specrepo.yaml (object {blob}): it is missing; " in result.stderr

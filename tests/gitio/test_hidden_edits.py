"""A spec edited in the work tree behind its assume-unchanged or skip-worktree bit, which
`git diff-index` never compares with the work tree: `validate --changed-since` selects it
as changed, as plain `validate` reads it (hid74 HIGH: "0 files checked", exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from specrepo.base.paths import real_path
from specrepo.configuration.config_file import load_config
from specrepo.gitio.git_command import Git
from specrepo.gitio.hidden_edits import edited_behind_flags
from specrepo.gitio.sparse import refuse_specs_outside_sparse_checkout
from specrepo.history.since_change import items_before
from tests.history.gitrepo import GitRepo, spec_text
from tests.support import exit_and_output

pytestmark = pytest.mark.usefixtures("each_git")

BITS = ["--assume-unchanged", "--skip-worktree"]


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    """SPEC-0001 links to SPEC-0002; SPEC-0003 stands alone; all committed."""
    git_repo.commit("Specs", {
        "specs/SPEC-0001.yaml": spec_text(
            extra="background:\n  related_work:\n    - spec: SPEC-0002\n"),
        "specs/SPEC-0002.yaml": spec_text("SPEC-0002"),
        "specs/SPEC-0003.yaml": spec_text("SPEC-0003")})
    return git_repo


def _edit_behind(repo: GitRepo, bit: str, path: str, old: str, new: str) -> None:
    """Set `bit` on `path`, then replace `old` by `new` in it: `git status` shows nothing."""
    repo.git("update-index", bit, path)
    file = repo.root / path
    file.write_bytes(file.read_bytes().replace(old.encode(), new.encode()))
    assert repo.git("status", "--porcelain") == ""


def _edited(root: Path) -> list[str]:
    config = load_config(None, root)
    checkout = refuse_specs_outside_sparse_checkout(config)
    assert checkout.top is not None
    return edited_behind_flags(Git(config.root), checkout.top, checkout.flagged)


@pytest.mark.parametrize("bit", BITS)
def test_the_listing_names_flagged_specs_and_the_edited_ones_are_told(
        repo: GitRepo, bit: str) -> None:
    repo.git("update-index", bit, "specs/SPEC-0003.yaml")  # flagged, not edited
    _edit_behind(repo, bit, "specs/SPEC-0002.yaml", "Draft", "Bogus")
    config = load_config(None, repo.root)
    flagged = refuse_specs_outside_sparse_checkout(config).flagged
    assert [file.path for file in flagged] == ["specs/SPEC-0002.yaml", "specs/SPEC-0003.yaml"]
    assert _edited(repo.root) == ["specs/SPEC-0002.yaml"]


def test_nothing_is_flagged_without_a_bit(repo: GitRepo) -> None:
    (repo.root / "specs/SPEC-0002.yaml").write_text("edited, and git status shows it\n")
    assert refuse_specs_outside_sparse_checkout(load_config(None, repo.root)).flagged == ()


def test_line_endings_git_would_clean_are_no_edit(repo: GitRepo) -> None:
    """The bytes differ from the blob, git would store the blob: git hashes it, through
    `core.autocrlf`, from the top of the work tree for a configuration in a subfolder."""
    repo.commit("Design", {"design/specrepo.yaml": "specs: specs\n",
                           "design/specs/SPEC-0009.yaml": spec_text("SPEC-0009")})
    repo.git("config", "core.autocrlf", "true")
    repo.git("update-index", "--assume-unchanged", "design/specs/SPEC-0009.yaml")
    spec = repo.root / "design/specs/SPEC-0009.yaml"
    spec.write_bytes(spec.read_bytes().replace(b"\n", b"\r\n"))
    assert _edited(repo.root / "design") == []
    spec.write_bytes(spec.read_bytes().replace(b"Draft", b"Bogus"))
    assert _edited(repo.root / "design") == ["specs/SPEC-0009.yaml"]


@pytest.mark.parametrize("bit", BITS)
def test_changed_since_checks_a_spec_edited_behind_its_bit(repo: GitRepo, bit: str) -> None:
    _edit_behind(repo, bit, "specs/SPEC-0003.yaml", "Draft", "Bogus")
    code, output = exit_and_output("validate", "--changed-since", "HEAD")
    assert code == 1, output
    assert "specs/SPEC-0003.yaml:3:9: error: 'Bogus' is not one of" in output
    assert output.endswith("1 file checked: 1 error\n")


def test_a_flagged_spec_left_as_it_is_is_not_selected(repo: GitRepo) -> None:
    repo.git("update-index", "--assume-unchanged", "specs/SPEC-0003.yaml")
    assert exit_and_output("validate", "--changed-since", "HEAD") == (
        0, "0 files checked: no problems\n")


@pytest.mark.parametrize("bit", BITS)
def test_an_id_changed_behind_its_bit_brings_its_referrers(repo: GitRepo, bit: str) -> None:
    """SPEC-0002 re-identified where git does not look: the spec naming its old id is
    checked, as for an edit git shows (`items_before`)."""
    _edit_behind(repo, bit, "specs/SPEC-0002.yaml", "id: SPEC-0002", "id: SPEC-0005")
    config = load_config(None, repo.root)
    hidden = frozenset({real_path(repo.root / "specs/SPEC-0002.yaml")})
    assert set(items_before(config, "HEAD", also=hidden).items) == {"SPEC-0002"}
    code, output = exit_and_output("validate", "--changed-since", "HEAD")
    assert code == 1, output
    assert "specs/SPEC-0001.yaml:10:13: error: no spec has the id 'SPEC-0002'" in output

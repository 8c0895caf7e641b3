"""`gitio.object_presence`: which objects git no longer holds, in one `cat-file`."""

from __future__ import annotations

from specrepo.gitio.git_command import Git
from specrepo.gitio.object_presence import all_present, missing_objects
from tests.history.gitrepo import GitRepo


def test_missing_objects_names_the_lost_ones_in_order(git_repo: GitRepo) -> None:
    first = git_repo.commit("one", {"a.txt": "a\n"})
    second = git_repo.commit("two", {"a.txt": "b\n"})
    tree = git_repo.git("rev-parse", f"{first}^{{tree}}")
    (git_repo.root / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    names = [f"{second}^{{tree}}", f"{first}^{{tree}}", "0" * 40, second]
    assert missing_objects(Git(git_repo.root), names) == [f"{first}^{{tree}}", "0" * 40]
    assert missing_objects(Git(git_repo.root), []) == []


def test_all_present_asks_again_as_a_replay_does(git_repo: GitRepo) -> None:
    commit = git_repo.commit("one", {"a.txt": "a\n"})
    folder = str(git_repo.root)
    assert all_present(folder, f"{commit}\n{commit}^{{tree}}\n")
    assert not all_present(folder, f"{commit}\n{'0' * 40}\n")
    assert not all_present(str(git_repo.root / "no such folder"), f"{commit}\n")


def test_an_item_may_hold_many_names_one_a_line(git_repo: GitRepo) -> None:
    first = git_repo.commit("one", {"a.txt": "a\n"})
    second = git_repo.commit("two", {"a.txt": "b\n"})
    git = Git(git_repo.root)
    assert missing_objects(git, [f"{first}\n{second}", "", second]) == []
    assert missing_objects(git, [f"{first}\n{'0' * 40}\n{second}"]) == ["0" * 40]

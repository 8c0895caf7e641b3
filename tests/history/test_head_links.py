"""`history.head_links.broken_at_head`: the spec links HEAD holds as the work tree has them
that lead to no file HEAD holds, asked of a real repository."""

from __future__ import annotations

from specrepo.history.head_links import broken_at_head
from tests.history.gitrepo import GitRepo


def test_only_links_head_holds_as_they_are_and_broken_there(git_repo: GitRepo) -> None:
    specs = git_repo.root / "specs"
    (git_repo.root / "shared").mkdir()
    git_repo.write("shared/a.yaml", "id: A\n")
    for name, target in [("gone.yaml", "../drafts/gone.yaml"), ("held.yaml", "../shared/a.yaml"),
                         ("folder.yaml", "../shared"), ("out.yaml", "../../elsewhere.yaml"),
                         ("moved.yaml", "../drafts/old.yaml")]:
        (specs / name).symlink_to(target)
    head = git_repo.commit("Links")
    (specs / "moved.yaml").unlink()
    (specs / "moved.yaml").symlink_to("../drafts/new.yaml")  # retargeted, not committed
    asked = {f"specs/{path.name}": str(path.readlink()).encode()
             for path in sorted(specs.iterdir())}
    assert broken_at_head(git_repo.root, head, asked) == {"specs/gone.yaml": "drafts/gone.yaml"}
    assert broken_at_head(git_repo.root, None, asked) == {}

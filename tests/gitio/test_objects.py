"""Many objects asked of one `git cat-file --batch` at once."""

from __future__ import annotations

from pathlib import Path

from specrepo.gitio.git_command import Git
from specrepo.gitio.objects import ObjectReader
from tests.history.gitrepo import GitRepo


def test_prefetch_answers_many_objects_in_batches_and_each_once(tmp_path: Path) -> None:
    """More requests than one batch holds (ids and `commit:path` names), the missing ones
    answered None; each answer is taken once, then git is asked again."""
    repo = GitRepo(tmp_path / "repo")
    files = {f"specs/{number:03d}-{'x' * 80}.yaml": f"n: {number}\n" for number in range(300)}
    head = repo.commit("Many", dict(files))
    blobs = {path: repo.git("rev-parse", f"HEAD:{path}") for path in files}
    objects = ObjectReader(Git(repo.root), 1000)
    try:
        wanted = [*((blob, path) for path, blob in blobs.items()),
                  *((f"{head}:{path}", path) for path in files),
                  (f"{head}:nowhere.yaml", "nowhere.yaml")]
        assert sum(len(name) + 1 for name, _ in wanted) > 3 * 8192
        objects.prefetch(wanted)
        for path, blob in blobs.items():
            assert objects.read(blob, path).content == files[path].encode()
            found = objects.file_at(head, path)
            assert found is not None and found.content == files[path].encode()
        assert objects.file_at(head, "nowhere.yaml") is None
        first = next(iter(blobs))
        assert objects.read(blobs[first], first).content == files[first].encode()  # again
    finally:
        objects.close()

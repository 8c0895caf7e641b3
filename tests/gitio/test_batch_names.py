"""`gitio.batch_names`: an object `git cat-file --batch` stops at, asked by `commit:path`,
is worded as a read by id words it: the file and its blob's id (newuser65b M2: a warm run
said `object COMMIT:specs/SPEC-0001.yaml`, a cold one `specs/SPEC-0001.yaml (object ID)`)."""

from __future__ import annotations

import subprocess
from io import BytesIO

import pytest

from specrepo.gitio.batch_names import DamagedObject, read_answer
from tests.gitio.test_object_reread import damage
from tests.history.gitrepo import GitRepo, spec_text

PATH = "specs/SPEC-0001.yaml"


def test_a_damaged_version_asked_by_commit_and_path_names_its_file_and_id(
        git_repo: GitRepo) -> None:
    git_repo.commit("add", {PATH: spec_text(title="x" * 4000)})  # stored whole, no delta
    commit = git_repo.git("rev-parse", "HEAD")
    blob = git_repo.git("rev-parse", f"HEAD:{PATH}")
    git_repo.git("repack", "-a", "-d", "-q")
    git_repo.git("prune", "--expire=now")
    damage(git_repo, blob, "pack")
    name = f"{commit}:{PATH}"
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=git_repo.root,
                          input=f"{name}\n".encode(), capture_output=True, check=False)
    answers = BytesIO(done.stdout)
    with pytest.raises(DamagedObject) as raised:
        read_answer(answers, 1 << 20, (git_repo.root, name))
    assert (raised.value.name, raised.value.path) == (blob, PATH)
    assert str(raised.value).startswith(f"git cannot read {PATH} (object {blob}): it is "
                                        "damaged (git: "), str(raised.value)

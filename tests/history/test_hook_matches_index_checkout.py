"""A hook's run (`validate --history --changed-since HEAD`, every spec named, as
`pre-commit run --all-files` names them) gives the plain checks' findings `validate` gives
on a checkout of the index (`git checkout-index`), whatever part of the edits to the spec
files is staged (hookleft45): a property test over random partial stagings, each staged
version and each work-tree copy drawn from a table of edits (valid, refused by the schema,
broken YAML, another spec's id, over the size limit, deleted from the work tree)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.history.gitrepo import GitRepo, spec_text
from tests.support import run_cli

HOOK = ("validate", "--format", "json", "--allow-empty", "--changed-since", "HEAD",
        "--history", "--since", "HEAD", "--allow-shallow")
IDS = ("SPEC-0001", "SPEC-0002", "SPEC-0003")
STAGED = ("as committed", "retitled", "refused", "broken", "another's id", "padded")
WORK = (*STAGED, "deleted")
LIMIT = 1024
"""`max_file_size`: a padded version is over it."""


def version(spec_id: str, edit: str) -> str | None:
    """The text of `spec_id`'s file after `edit` (one of `WORK`); None: no file."""
    if edit == "deleted":
        return None
    if edit == "another's id":
        return spec_text(IDS[1] if spec_id == IDS[0] else IDS[0], title="Copy")
    text = spec_text(spec_id, title="Retitled" if edit == "retitled" else "A spec")
    if edit == "refused":
        return "# edited\n" + text.replace("authors: [Ada Lovelace]", "authors: 7")
    if edit == "broken":
        return text.replace("title: A spec", "title: [unclosed")
    if edit == "padded":  # over the size limit
        return text + "".join(f"# padding line {line:03}\n" for line in range(LIMIT // 20))
    return text


def findings(output: str) -> list[tuple[str, str, int | None, str]]:
    """Each finding's rule, file (from the spec folder's parent), line and message."""
    return sorted((item["rule"], "/".join(Path(item["file"]).parts[-2:]), item.get("line"),
                   item["message"]) for item in json.loads(output)["findings"])


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    """The working folder `folder` for the block."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STAGED), st.sampled_from(WORK)),
                min_size=len(IDS), max_size=len(IDS)))
def test_the_hook_judges_what_a_checkout_of_the_index_holds(
        edits: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        repo = GitRepo(Path(temporary) / "repo")
        repo.commit("Drafts", {"specrepo.yaml": f"specs: specs\nmax_file_size: {LIMIT}\n",
                               **{f"specs/{spec_id}.yaml": spec_text(spec_id) for spec_id in IDS}})
        names = [f"specs/{spec_id}.yaml" for spec_id in IDS]
        for spec_id, name, (staged, work) in zip(IDS, names, edits, strict=True):
            repo.write(name, version(spec_id, staged) or "")
            repo.git("add", name)
            if (text := version(spec_id, work)) is None:
                (repo.root / name).unlink()
            else:
                repo.write(name, text)
        with inside(repo.root):
            hook = run_cli(*HOOK, *names)
        checkout = Path(temporary) / "index"
        repo.git("checkout-index", "-a", f"--prefix={checkout}/")
        with inside(checkout):  # no git repository: the index's files as they are
            plain = run_cli("validate", "--format", "json")
        assert (hook.exit_code, plain.exit_code) in ((0, 0), (1, 1)), (edits, hook.output,
                                                                        plain.output)
        assert findings(hook.stdout) == findings(plain.stdout), edits

"""A merge that keeps two specs' files as one side swapped them reads each spec's status in
every parent by the spec's lineage, wherever that parent has its file, never by the path
the merge keeps it at (swapwalk49: a branch swapped SPEC-0001's and SPEC-0002's files, main
moved SPEC-0001 Draft -> Review -> OK, and the merge kept main's OK in the branch's files:
the walk paired SPEC-0001 with the spec main's side holds at its new path, SPEC-0002's
Draft, and `validate --history` named a move Draft -> OK of the merge that the pre-commit
hook, pairing by lineage, had passed).

Property: swapping the files changes nothing of the specs' status lives. Each history is
built twice, once with one side swapping the files (by `git mv`, or by their `id:` lines
swapped in place) and once with that side committing an unrelated file instead, over the
statuses each side moved SPEC-0001 through, resolved as ours or theirs (files by hand,
after `git merge -s ours --no-commit`), merged alone or in an octopus merge with another
branch: both give each spec the same status events (commit, kind, from, to, on HEAD's
line or not), the same status periods and the same `validate --history` verdict."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from tests.history.gitrepo import GitRepo
from tests.history.test_hook_merge_shapes import CONFIG, FINDING, LINES, SCHEMA, other, spec
from tests.support import run_cli

SPEC = "specs/SPEC-0001.yaml"
OTHER = "specs/SPEC-0002.yaml"
SWAPS = ("mv", "ids")
"""How a side swaps the files: `git mv` (each file holds the other's spec whole), or the
`id:` lines swapped in place (each file keeps its text and takes the other's id)."""
STATUS_PAIRS = (("ok", "none"), ("none", "ok"), ("review", "rejected"),
                ("rejected", "review"), ("ok", "ok"))
"""main's moves of SPEC-0001 and the branch's: one side only, or both."""


def files(swap: str | None, status: str) -> dict[str, str]:
    """The two spec files with SPEC-0001 in `status` (SPEC-0002 a Draft), as at the fork
    (`swap` None) or swapped."""
    if swap is None:
        return {SPEC: spec(status), OTHER: other()}
    if swap == "mv":
        return {SPEC: other(), OTHER: spec(status)}
    return {SPEC: spec("Draft", "SPEC-0002"),
            OTHER: other().replace("SPEC-0002", "SPEC-0001")
            .replace("status: Draft", f"status: {status}")}


def side(repo: GitRepo, name: str, statuses: tuple[str, ...], swap: str | None) -> None:
    """On the branch `name` checked out: the files swapped (an unrelated file for `swap`
    None, so both histories have as many commits), then SPEC-0001 moved through
    `statuses`, then a file of the side's own."""
    if swap == "mv":
        repo.git("mv", SPEC, "specs/swapped.yaml")
        repo.git("mv", OTHER, SPEC)
        repo.git("mv", "specs/swapped.yaml", OTHER)
    repo.commit(f"{name} swap", files(swap, "Draft") if swap else {f"{name}.swap": "-\n"})
    for status in statuses:
        repo.commit(f"{name} {status}", files(swap, status))
    repo.commit(f"{name} notes", {f"{name}.txt": f"{name}\n"})


def history(repo: GitRepo, swap: str | None, swapper: str, main: tuple[str, ...],
            branch: tuple[str, ...], resolution: str, octopus: bool) -> None:
    """main and `br` move SPEC-0001 through `main` and `branch`, `swapper`'s side swapping
    the files first (`swap`); merged into main (with `br2`, a branch of notes, merged
    before `br` for an `octopus`), the files kept as `swapper` left them, SPEC-0001 in
    main's last status (`resolution` ours) or the branch's (theirs)."""
    repo.commit("start", {"specrepo.yaml": f"{CONFIG}rules:\n  file-name: off\n",
                          "schema.json": SCHEMA, **files(None, "Draft")})
    merged = ["br2", "br"] if octopus else ["br"]
    if octopus:
        repo.git("checkout", "-q", "-b", "br2")
        repo.commit("br2 notes", {"br2.txt": "br2\n"})
        repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "br")
    side(repo, "br", branch, swap if swapper == "br" else None)
    repo.git("checkout", "-q", "main")
    side(repo, "main", main, swap if swapper == "main" else None)
    repo.git("merge", "-q", "--no-ff", "--no-commit", "-s", "ours", *merged)
    status = ((main if resolution == "ours" else branch) or ("Draft",))[-1]
    repo.commit("merge", files(swap, status))


Lives = dict[str, tuple[list[tuple[str, str, str | None, str | None, bool]],
                        list[tuple[str, int, int | None]]]]


def lives(repo: GitRepo) -> Lives:
    """Each spec's status events (commit subject, kind, from, to, on HEAD's line) and
    status periods (status, since, until), as the walk reads them."""
    subjects = dict(line.split(" ", 1) for line in repo.git(
        "log", "--all", "--format=%H %s").splitlines())
    mined = mine_history(load_config(None, repo.root))
    found: Lives = {}
    for spec_id in ("SPEC-0001", "SPEC-0002"):
        life = mined.spec(spec_id)
        found[spec_id] = ([(subjects[event.commit], event.kind, event.before, event.after,
                            event.mainline)
                           for event in life.events if event.field == "status"],
                          [(period.status, period.since, period.until)
                           for period in life.statuses])
    return found


def verdict(repo: GitRepo) -> tuple[int, list[str], tuple[str, ...]]:
    """`validate --history`'s exit code, rules named and SPEC-0001's status at HEAD."""
    result = run_cli("validate", "--history")
    current = mine_history(load_config(None, repo.root)).spec("SPEC-0001").current
    return (result.exit_code, sorted(rule for _, rule in FINDING.findall(result.output)),
            (current.status or "",) if current is not None else ())


SHAPES = [
    pytest.param(swap, swapper, main, branch, resolution, octopus,
                 id=f"{swap}-{swapper}-{main}-{branch}-{resolution}{'-octopus' * octopus}")
    for swap, swapper, (main, branch), resolution, octopus in itertools.product(
        SWAPS, ("br", "main"), STATUS_PAIRS, ("ours", "theirs"), (False, True))
    # an octopus merge of each swap and side, the statuses of the first table
    if not octopus or (main, branch) == ("ok", "none")]


@pytest.mark.parametrize(("swap", "swapper", "main", "branch", "resolution", "octopus"),
                         SHAPES)
def test_a_merge_of_swapped_files_reads_each_parent_by_lineage(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str,
        swapper: str, main: str, branch: str, resolution: str, octopus: bool) -> None:
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Ada Lovelace")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "ada@example.com")
    runs = []
    for made in (swap, None):
        repo = GitRepo(tmp_path / f"{made}")
        monkeypatch.chdir(repo.root)
        history(repo, made, swapper, LINES[main], LINES[branch], resolution, octopus)
        runs.append((lives(repo), verdict(repo)))
    swapped, unswapped = runs
    assert swapped == unswapped
    kept = ((LINES[main] if resolution == "ours" else LINES[branch]) or ("Draft",))[-1]
    assert swapped[1][2] == (kept,)

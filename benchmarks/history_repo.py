"""Generate a git repository with a realistic, branchy spec history, fast (git fast-import).

Shaped like kubernetes/enhancements: specs about the size of a `kep.yaml`, pull requests
on short branches merged with merge commits (about a third of all commits are merges),
several open at once, most commits touching other files. Each spec goes Draft -> In Review
-> Approved -> Implemented with reviewers and questions along the way, some specs move to
another folder, and author dates are sometimes out of order. Deterministic by seed.
"""

from __future__ import annotations

import argparse
import random
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generate import WORDS, make_spec, spec_text

DAY = 86400
START = 1_600_000_000


@dataclass
class _Branch:
    base: int  # mark of the commit it forked from
    tip: int
    changes: dict[str, int | None] = field(default_factory=dict)  # path -> blob mark or delete


class _Script:
    """Builds a fast-import stream."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.mark = 0

    def blob(self, content: bytes) -> int:
        self.mark += 1
        self.parts.append(b"blob\nmark :%d\ndata %d\n%s\n" % (self.mark, len(content), content))
        return self.mark

    def commit(self, ref: str, author: str, when: int, message: str, parents: list[int],
               changes: dict[str, int | None]) -> int:
        self.mark += 1
        email = author.split(maxsplit=1)[0].lower() + "@example.com"
        encoded = message.encode()
        lines = [f"commit {ref}", f"mark :{self.mark}",
                 f"author {author} <{email}> {when} +0000",
                 f"committer {author} <{email}> {max(when, 0)} +0000",
                 f"data {len(encoded)}"]
        head = "\n".join(lines).encode() + b"\n" + encoded + b"\n"
        if parents:
            head += b"from :%d\n" % parents[0]
        for parent in parents[1:]:
            head += b"merge :%d\n" % parent
        for path, blob in sorted(changes.items()):
            head += (b"M 100644 :%d %s\n" % (blob, path.encode())) if blob is not None \
                else b"D %s\n" % path.encode()
        self.parts.append(head + b"\n")
        return self.mark


def _lifecycle(spec: dict[str, object], step: int) -> dict[str, object]:
    """The spec at a later step of its life: review, question, approval, implementation."""
    spec = dict(spec)
    questions = [dict(q) for q in spec.get("open_questions", [])]  # type: ignore[attr-defined]
    if step >= 1:
        spec["status"] = "In Review"
        spec["reviewers"] = ["Grace Hopper"]
    if step >= 2:
        questions.append({"id": "Q-9", "question": "Is this measured?", "state": "open"})
    if step >= 3:
        spec["status"] = "Approved"
        spec["reviewers"] = [{"name": "Grace Hopper", "approved": "2026-02-01"}]
        questions = [q | {"state": "resolved", "resolution": "Yes."} for q in questions]
    if step >= 4:
        spec["status"] = "Implemented"
    spec["open_questions"] = questions
    return spec


_KEP_SIZED_KEYS = ("id", "title", "status", "authors", "reviewers", "created", "updated",
                   "target_release", "summary", "background", "open_questions")


def _kep_sized(spec: dict[str, object]) -> dict[str, object]:
    """The spec cut to about the size of a Kubernetes `kep.yaml` (1-1.5 KB)."""
    return {key: spec[key] for key in _KEP_SIZED_KEYS if key in spec}


def _pick(rng: random.Random, count: int, usable: Callable[[int], bool]) -> int | None:
    """A random usable number below `count`, or None if a few tries find none."""
    for _ in range(50):
        number = rng.randrange(count)
        if usable(number):
            return number
    return None


def _readme(rng: random.Random, edit: int) -> bytes:
    """A few kilobytes of design prose."""
    words = " ".join(rng.choice(WORDS) for _ in range(900))
    return f"# KEP\n\n{words}\n\nEdit {edit}.\n".encode()


def generate_history(root: Path, commits: int, specs: int, seed: int = 7) -> None:
    """Create a repository at `root` with about `commits` commits and `specs` specs."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "specrepo.yaml").write_text("specs: keps\n")
    script = _Script()
    people = ["Ada Lovelace", "Grace Hopper", "Linus Pauling", "Barbara Liskov", "Alan Kay"]
    base_specs = [_kep_sized(make_spec(number, rng, specs)) for number in range(1, specs + 1)]
    stage = [0] * specs  # 0: not created yet; n: created, at lifecycle step n - 1
    folders = {number: f"keps/sig-{number % 17}/{number:04d}" for number in range(specs)}
    paths = {number: f"{folder}/kep.yaml" for number, folder in folders.items()}
    created: list[int] = []
    main_tip = script.commit("refs/heads/main", people[0], START, "Start", [],
                             {"README.md": script.blob(b"# enhancements\n")})
    clock = START
    open_branches: list[_Branch] = []
    busy: set[int] = set()  # specs with an open pull request
    made = 1
    while made < commits:
        clock += rng.randint(600, 4 * 3600)
        author = rng.choice(people)
        when = clock - (rng.randint(0, 40) * DAY if rng.random() < 0.05 else 0)  # skewed
        if open_branches and (len(open_branches) >= 6 or rng.random() < 0.35):
            branch = open_branches.pop(rng.randrange(len(open_branches)))
            main_tip = script.commit("refs/heads/main", author, clock, "Merge pull request",
                                     [main_tip, branch.tip], branch.changes)
            busy.difference_update(number for number in range(specs)
                                   if paths[number] in branch.changes)
            made += 1
            continue
        if open_branches and rng.random() < 0.4:
            branch = rng.choice(open_branches)
        else:
            branch = _Branch(main_tip, main_tip)
            open_branches.append(branch)
        changes: dict[str, int | None] = {}
        number = _pick(rng, specs, lambda n: n not in busy and stage[n] < 5)
        if number is not None and rng.random() < 0.42:
            busy.add(number)
            if stage[number] >= 2 and rng.random() < 0.08:  # move to another folder
                old = paths[number]
                paths[number] = f"keps/moved/{number:04d}/kep.yaml"
                changes[old] = None
            content = spec_text(_lifecycle(base_specs[number], stage[number]))
            changes[paths[number]] = script.blob(content.encode())
            if stage[number] == 0:  # a KEP comes with its README, the design in prose
                created.append(number)
                changes[f"{folders[number]}/README.md"] = script.blob(_readme(rng, made))
            stage[number] += 1
        elif created:  # most commits edit the prose of some KEP
            folder = folders[rng.choice(created)]
            changes[f"{folder}/README.md"] = script.blob(_readme(rng, made))
        else:
            changes["README.md"] = script.blob(f"# enhancements {made}\n".encode())
        branch.tip = script.commit(f"refs/heads/pr-{branch.base}", author, when, "Change",
                                   [branch.tip], changes)
        branch.changes.update(changes)
        made += 1
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(script.parts),
                   check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    branches = subprocess.run(["git", "branch", "--format=%(refname:short)"], cwd=root,
                              capture_output=True, text=True, check=True).stdout.split()
    for name in branches:
        if name != "main":
            subprocess.run(["git", "branch", "-q", "-D", name], cwd=root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--commits", type=int, default=11_000)
    parser.add_argument("--specs", type=int, default=700)
    arguments = parser.parse_args()
    generate_history(arguments.folder, arguments.commits, arguments.specs)


if __name__ == "__main__":
    main()

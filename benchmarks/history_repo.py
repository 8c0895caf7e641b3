"""Generate a git repository shaped like kubernetes/enhancements, fast (git fast-import).

Every change arrives as a pull request: a branch forked from main (open for a day to
months, dozens at once), one or more commits, then a two-parent merge commit, as Prow
merges them on GitHub. The pull requests are those of the KEP process: new KEPs (some
first written under the template's placeholder number NNNN), a KEP's opt-in to a release
(latest milestone, stage, milestones, status, a production-readiness approval file),
design prose, sweeps that change many kep.yaml files at once (the production-readiness
fields added, graduated KEPs marked implemented, KEPs that missed a release moved to the
next, milestones and handles written one way), folders renamed or moved to another SIG
(some renumbered), deletions, and changes to the repository's own code and documents.
The first KEPs are single Markdown files, moved into folders with a kep.yaml SIG by SIG
when the format changes. A merge writes main's version of each file with the branch's
changes (field by field for a kep.yaml), so a branch that was open while main changed the
same kep.yaml merges a version neither parent had, as git's three-way merge does. Rarely,
a branch merges main into itself. The configuration (`specrepo.yaml`, with its schema) is
committed in the first commit, as an adopter's is, and changed by a few pull requests of
its own (`CONFIG_CHANGES`): the template excluded once it exists, `specs:` narrowed to a
list of SIGs and widened back, a setting changed. Deterministic by seed.

benchmarks/README.md says which properties match the real repository, and how.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import math
import random
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from generate import WORDS
from kep_files import (
    REMOVED,
    SIGS,
    STAGES,
    SWEEPS,
    Fields,
    fix_up,
    new_kep,
    old_kep_text,
    opt_in,
    patched,
    prose,
    prr_text,
    render,
)

SPEC_GLOB = "keps/**/kep.yaml"
"""Where the specs are (examples/kep's configuration). The same folders hold each KEP's
README.md, and keps/prod-readiness/ the approval files (YAML, outside the glob)."""
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kep"
START = 1_451_606_400  # 2016-01-01
DAY = 86400
RELEASE_DAYS = 120
MIGRATION = 0.25
"""The part of the history written before KEPs moved from single files into folders."""
ENDED = ("implemented", "withdrawn", "rejected", "replaced")
OTHER_FILES = ["README.md", "OWNERS_ALIASES", "keps/README.md", "api/proposal.go",
               "api/approval.go", "api/groups.go", "cmd/kepctl/main.go", "pkg/repo/repo.go",
               "pkg/kepval/validate.go", "hack/verify-kep-metadata.sh", "go.mod", "go.sum",
               ".github/PULL_REQUEST_TEMPLATE.md", "keps/prod-readiness/README.md"]
PEOPLE = [f"{first} {last}" for first in ("Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gil", "Hal")
          for last in ("Ames", "Berg", "Cole", "Dunn", "Eze", "Fox")]
ROBOT = "Kubernetes Prow Robot"
MAIN = "refs/heads/main"
CONFIG = "specrepo.yaml"
SCHEMA = "kep.schema.yaml"
LEFT_OUT = "sig-windows"
"""The SIG the narrowed `specs:` leaves out (its KEPs leave the spec set and come back)."""
CONFIG_CHANGES = ((0.0, "exclude the template"), (0.55, f"only the SIGs other than {LEFT_OUT}"),
                  (0.7, "all SIGs again"), (0.85, "stale provisional KEPs after 180 days"))
"""The pull requests that change the configuration: each opened once this part of the
history is made (the first once the template exists), one at a time, in this order."""


def config_versions() -> list[bytes]:
    """The configuration of the first commit, then after each of `CONFIG_CHANGES`: the
    last one is examples/kep's `specrepo.yaml`."""
    final = (EXAMPLE / CONFIG).read_text()
    exclude = next(line for line in final.splitlines(keepends=True)
                   if line.startswith("exclude:"))
    specs = "specs: keps/**/kep.yaml\n"
    early = final.replace("provisional: 180", "provisional: 120")
    narrowed = early.replace(specs, "specs:   # the SIGs that review their KEPs here\n" + "".join(
        f"  - keps/{sig}/**/kep.yaml\n" for sig in sorted(SIGS) if sig != LEFT_OUT))
    versions = [early.replace(exclude, ""), early, narrowed, early, final]
    assert all(versions[index] != versions[index + 1] for index in range(len(versions) - 1))
    return [version.encode() for version in versions]


@dataclass
class Kep:
    """A KEP: its place, its kep.yaml as data and its design prose."""

    key: int
    number: str
    sig: str
    slug: str
    fields: Fields
    prose: bytes
    weight: float
    """How often it changes, relative to other KEPs (a long tail)."""
    old: bool = False
    """Still a single Markdown file with front matter (before the migration)."""
    alive: bool = True

    def files(self) -> dict[str, bytes]:
        """Its files, by path."""
        name = f"keps/{self.sig}/{self.number}-{self.slug}" if self.sig else f"keps/{self.slug}"
        if self.old:
            return {f"{name}.md": old_kep_text(self.fields, self.prose)}
        return {f"{name}/kep.yaml": render(self.fields), f"{name}/README.md": self.prose}


@dataclass
class PullRequest:
    """A branch and what it changes."""

    number: int
    kind: str
    author: str
    synced: int
    """How many of main's commits the branch holds (its fork point, or its last sync)."""
    tip: int
    remaining: int
    """Commits still to make before it can merge."""
    merge_at: int
    keps: dict[int, Kep] = field(default_factory=dict)
    """The branch's version of each KEP it touches."""
    origins: dict[int, Kep] = field(default_factory=dict)
    """Main's version of each, when the branch took it (or last synced)."""
    new: set[int] = field(default_factory=set)
    moved: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)
    renumber: dict[int, str] = field(default_factory=dict)
    """Placeholder KEPs to give their number in a later commit."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Other files it writes."""
    tree: dict[str, bytes | None] = field(default_factory=dict)
    """What the branch holds at the paths of its KEPs and files (None: deleted)."""


class _Stream:
    """A fast-import stream: each distinct content written once, commits with changes."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.mark = 0
        self.blobs: dict[bytes, int] = {}  # content digest -> mark

    def blob(self, content: bytes) -> int:
        digest = hashlib.sha1(content).digest()
        if digest not in self.blobs:
            self.mark += 1
            self.out.write(b"blob\nmark :%d\ndata %d\n%s\n" % (self.mark, len(content),
                                                                content))
            self.blobs[digest] = self.mark
        return self.blobs[digest]

    def commit(self, ref: str, author: str, dates: tuple[int, int], message: str,
               parents: list[int], changes: dict[str, bytes | None]) -> int:
        marks = {path: None if content is None else self.blob(content)
                 for path, content in changes.items()}
        self.mark += 1
        email = author.replace(" ", ".").lower() + "@example.com"
        head = (f"commit {ref}\nmark :{self.mark}\nauthor {author} <{email}> {dates[0]} +0000\n"
                f"committer {author} <{email}> {dates[1]} +0000\n"
                f"data {len(message)}\n{message}\n").encode()
        head += b"".join(b"%s :%d\n" % (b"merge" if index else b"from", parent)
                         for index, parent in enumerate(parents))
        for path, mark in sorted(marks.items()):
            head += (b"M 100644 :%d %s\n" % (mark, path.encode())) if mark is not None \
                else b"D %s\n" % path.encode()
        self.out.write(head + b"\n")
        return self.mark


class _History:
    """Main, the open pull requests, and how many of each kind of change are left to make."""

    def __init__(self, commits: int, specs: int, seed: int, out: IO[bytes]) -> None:
        self.rng = random.Random(seed)
        self.commits = commits
        self.stream = _Stream(out)
        self.keps: dict[int, Kep] = {}
        self.main_tree: dict[str, bytes | None] = {}
        self.main_log: list[list[str]] = []
        self.clock = START
        self.made = 0
        self.open: dict[int, PullRequest] = {}
        self.pull_requests = 0
        self.due: list[tuple[int, int]] = []  # (merge_at, number) of finished branches
        self.moving: set[int] = set()
        self.numbers: set[int] = set()
        self.migrating: dict[int, str] = {}  # pull request -> the SIG whose KEPs it moves
        self.configs = config_versions()
        self.configured = 0  # the configuration changes opened
        self.configuring = False  # one is open
        pull_requests = commits / 2.55
        releases = max(2, commits * 6 * 3600 // (RELEASE_DAYS * DAY))
        kinds = {"new": specs * 1.05, "update": specs * 2.8, "sweep": releases * 1.2,
                 "move": specs * 0.1, "delete": specs * 0.03}
        scale = min(1.0, 0.8 * pull_requests / sum(kinds.values()))
        self.budget = {kind: count * scale for kind, count in kinds.items()}
        rest = max(0.0, pull_requests - sum(self.budget.values()))
        self.budget |= {"readme": rest * 0.45, "other": rest * 0.55}
        self.main = self._commit(MAIN, PEOPLE[0], "Start", [], {
            **{path: prose(self.rng, path, 300) for path in OTHER_FILES},
            CONFIG: self.configs[0], SCHEMA: (EXAMPLE / SCHEMA).read_bytes()})

    @property
    def release(self) -> int:
        return (self.clock - START) // (RELEASE_DAYS * DAY)

    def _number(self) -> str:
        """A new KEP's number: its issue's, which grow with time (and never repeat)."""
        number = 10 + self.made * 6000 // self.commits + self.rng.randrange(5)
        while number in self.numbers:
            number += 1
        self.numbers.add(number)
        return str(number)

    def _commit(self, ref: str, author: str, message: str, parents: list[int],
                changes: dict[str, bytes | None]) -> int:
        self.clock += self.rng.randint(3600, 12 * 3600)
        skew = self.rng.randint(1, 40) * DAY if self.rng.random() < 0.05 else 0
        self.made += 1
        if ref == MAIN:
            self.main_tree.update(changes)
            self.main_log.append(list(changes))
        return self.stream.commit(ref, author, (self.clock - skew, self.clock), message,
                                  parents, changes)

    def run(self) -> None:
        """Write the fast-import stream of the whole history."""
        while self.made < self.commits:
            if self.due and self.due[0][0] <= self.made:
                self._merge(self.open.pop(heapq.heappop(self.due)[1]))
            elif (busy := [pr for pr in self.open.values() if pr.remaining]) \
                    and self.rng.random() < 0.5:
                self._follow_up(self.rng.choice(busy))
            else:
                self._open()

    # Opening pull requests -------------------------------------------------------------

    def _alive(self, active: bool = False) -> list[Kep]:
        return [kep for kep in self.keps.values() if kep.alive and kep.key
                and not (active and kep.fields.get("status") in ENDED)]

    def _pick(self, keps: list[Kep]) -> Kep:
        return self.rng.choices(keps, [kep.weight for kep in keps])[0]

    def _open(self) -> None:
        rng = self.rng
        alive = self._alive()
        unmigrated = sorted({kep.sig for kep in alive if kep.old} - set(self.migrating.values()))
        if unmigrated and self.made >= MIGRATION * self.commits and rng.random() < 0.1:
            return self._start("migrate", lambda pr: self._migrate(pr, unmigrated[0]))
        if self._configuration_due():
            return self._start("config", self._configure)
        share = len(alive) / max(1.0, self.budget["new"] + len(alive))
        weights = {kind: left * (share if kind in ("update", "move", "delete", "readme")
                                 else 1.0) for kind, left in self.budget.items()}
        if not alive:
            weights = {kind: weights[kind] for kind in ("new", "other")}
        if sum(weights.values()) <= 0:
            weights = {"other": 1.0}
        kind = rng.choices(list(weights), list(weights.values()))[0]
        self.budget[kind] = max(0.0, self.budget[kind] - 1)
        actions: dict[str, Callable[[PullRequest], str]] = {
            "new": self._new, "update": self._update, "sweep": self._sweep, "move": self._move,
            "delete": self._delete, "readme": self._readme, "other": self._other}
        return self._start(kind, actions[kind])

    def _start(self, kind: str, first: Callable[[PullRequest], str]) -> None:
        rng = self.rng
        remaining = 0
        while rng.random() < 0.35:
            remaining += 1
        lifetime = int(rng.lognormvariate(math.log(25), 1.2))
        self.pull_requests += 1
        pr = PullRequest(self.pull_requests, kind, rng.choice(PEOPLE), len(self.main_log),
                         self.main, remaining, self.made + lifetime)
        self.open[pr.number] = pr
        self._branch_commit(pr, first(pr))

    def _configuration_due(self) -> bool:
        if self.configuring or self.configured == len(CONFIG_CHANGES):
            return False
        share, _ = CONFIG_CHANGES[self.configured]
        return self.made >= share * self.commits and 0 in self.keps

    def _configure(self, pr: PullRequest) -> str:
        """The next change of the configuration (`CONFIG_CHANGES`)."""
        self.configuring = True
        self.configured += 1
        pr.merge_at = self.made + self.rng.randint(3, 20)  # reviewed in days, not months
        pr.files[CONFIG] = self.configs[self.configured]
        return f"specrepo.yaml: {CONFIG_CHANGES[self.configured - 1][1]}"

    def _take(self, pr: PullRequest, kep: Kep) -> Kep:
        """The branch's version of a KEP, copied from main the first time it is touched."""
        if kep.key not in pr.keps:
            pr.keps[kep.key] = replace(kep)
            pr.origins[kep.key] = replace(kep)
            for path, content in kep.files().items():
                pr.tree.setdefault(path, content)
        return pr.keps[kep.key]

    def _new(self, pr: PullRequest) -> str:
        rng = self.rng
        old = self.made < MIGRATION * self.commits
        sig = rng.choices(list(SIGS), list(SIGS.values()))[0]
        number = self._number()
        placeholder = not old and rng.random() < 0.06
        fields = new_kep(rng, "NNNN" if placeholder else number, sig, self.release,
                         (self.clock - START) // DAY, old)
        kep = Kep(pr.number, "NNNN" if placeholder else number, sig,
                  "-".join(rng.sample(WORDS, 3)), fields,
                  prose(rng, fields["title"], 1500 if old else 900),
                  min(40.0, rng.paretovariate(0.7)), old)
        if placeholder and rng.random() < 0.8:  # numbered before it merges
            pr.remaining = max(pr.remaining, 1)
            pr.renumber[kep.key] = number
        pr.keps[kep.key] = kep
        pr.new.add(kep.key)
        if not old and rng.random() < 0.7:
            self._approve(pr, kep, "alpha")
        return f"KEP-{number}: {fields['title']}"

    def _approve(self, pr: PullRequest, kep: Kep, stage: str) -> None:
        """The production-readiness approvals of each stage reached, in their own file."""
        pr.files[f"keps/prod-readiness/{kep.sig}/{kep.number}.yaml"] = prr_text(
            kep.number, STAGES[:STAGES.index(stage) + 1])

    def _update(self, pr: PullRequest) -> str:
        rng = self.rng
        kep = self._take(pr, self._pick(self._alive(active=True) or self._alive()))
        patch = opt_in(kep.fields, rng, self.release, 0.15 if kep.weight > 3 else 0.5)
        kep.fields = patched(kep.fields, patch)
        if rng.random() < 0.6:
            kep.prose = prose(rng, kep.fields["title"])
        stage = patch.get("stage")
        if stage and not kep.old:
            self._approve(pr, kep, stage)
        return f"KEP-{kep.number}: " + (f"graduate to {stage}" if stage else "update") \
            + f" in {kep.fields.get('latest-milestone')}"

    def _sweep(self, pr: PullRequest) -> str:
        rng = self.rng
        alive = [kep for kep in self._alive() if not kep.old]
        for _ in range(20):
            message, change = rng.choice(SWEEPS)
            scope = rng.random()
            if scope < 0.55:
                sig = rng.choices(list(SIGS), list(SIGS.values()))[0]
                chosen = [kep for kep in alive if kep.sig == sig]
            elif scope < 0.75:
                chosen = rng.sample(alive, len(alive) // rng.randint(2, 10))
            else:
                chosen = alive
            patches = [(kep, patch) for kep in chosen
                       if (patch := change(kep.fields, self.release)) is not None]
            template = self.keps.get(0)
            if patches and template is not None and rng.random() < 0.3 \
                    and (patch := change(template.fields, self.release)) is not None:
                patches.append((template, patch))
            if patches:
                for kep, patch in patches:
                    mine = self._take(pr, kep)
                    mine.fields = patched(mine.fields, patch)
                return f"{message} ({len(patches)} KEPs)"
        return self._other(pr)

    def _move(self, pr: PullRequest) -> str:
        rng = self.rng
        candidates = [kep for kep in self._alive() if not kep.old and kep.key not in self.moving]
        if not candidates:
            return self._other(pr)
        placeholders = [kep for kep in candidates if kep.number == "NNNN"]
        kep = self._take(pr, placeholders[0] if placeholders else self._pick(candidates))
        if kep.number == "NNNN" or rng.random() < 0.1:  # renumbered as it moves
            kep.number = self._number()
            kep.fields = patched(kep.fields, {"kep-number": kep.number})
        if rng.random() < 0.2:
            kep.sig = rng.choice(sorted(SIGS))
            kep.fields = patched(kep.fields, {"owning-sig": kep.sig})
        else:
            kep.slug = "-".join(rng.sample(WORDS, 2))
        pr.moved.add(kep.key)
        self.moving.add(kep.key)
        return f"KEP-{kep.number}: move to {kep.sig}/{kep.number}-{kep.slug}"

    def _delete(self, pr: PullRequest) -> str:
        kep = self._take(pr, self._pick(self._alive()))
        pr.deleted.add(kep.key)
        return f"Remove KEP-{kep.number}"

    def _readme(self, pr: PullRequest) -> str:
        kep = self._take(pr, self._pick(self._alive()))
        kep.prose = prose(self.rng, kep.fields["title"])
        return f"KEP-{kep.number}: update the design"

    def _other(self, pr: PullRequest) -> str:
        path = self.rng.choice(OTHER_FILES)
        pr.files[path] = prose(self.rng, path, 300)
        return f"Update {path}"

    def _migrate(self, pr: PullRequest, sig: str) -> str:
        self.migrating[pr.number] = sig
        if 0 not in self.keps and not any(0 in other.keps for other in self.open.values()):
            template = new_kep(self.rng, "NNNN", "sig-xyz", self.release, 0, False)
            template |= {"status": "provisional|implementable|implemented|deferred|rejected|"
                                   "withdrawn|replaced", "creation-date": "yyyy-mm-dd",
                         "stage": "alpha|beta|stable", "_style": "c"}
            pr.keps[0] = Kep(0, "NNNN", "", "NNNN-kep-template", template,
                             prose(self.rng, "KEP template"), 0.0)
            pr.new.add(0)
        for kep in self._alive():
            if kep.old and kep.sig == sig and kep.key not in self.moving:
                self._take(pr, kep).old = False
                pr.moved.add(kep.key)
                self.moving.add(kep.key)
        return f"Move the KEPs of {sig} into folders with a kep.yaml"

    # Commits ---------------------------------------------------------------------------

    def _follow_up(self, pr: PullRequest) -> None:
        rng = self.rng
        pr.remaining -= 1
        if pr.renumber:
            key, number = pr.renumber.popitem()
            kep = pr.keps[key]
            approval = pr.files.pop(f"keps/prod-readiness/{kep.sig}/{kep.number}.yaml", None)
            kep.number = number
            kep.fields = patched(kep.fields, {"kep-number": number})
            if approval is not None:
                self._approve(pr, kep, "alpha")
            return self._branch_commit(pr, f"KEP-{number}: take the issue's number")
        if len(self.main_log) > pr.synced and not (pr.moved or pr.deleted) \
                and rng.random() < 0.02:
            return self._sync(pr)
        if pr.kind in ("new", "update") and rng.random() < 0.5:
            kep = pr.keps[min(pr.keps)]
            kep.fields = patched(kep.fields, fix_up(kep.fields, rng, self.release))
        elif pr.keps:
            kep = pr.keps[rng.choice(sorted(pr.keps))]
            kep.prose = prose(rng, str(kep.fields["title"]))
        else:
            self._other(pr)
        return self._branch_commit(pr, "Address review comments")

    def _branch_commit(self, pr: PullRequest, message: str,
                       from_main: dict[str, bytes | None] | None = None) -> None:
        """Commit the branch's files that differ from what it holds (a deleted or moved
        KEP's old files are deleted); with `from_main`, a merge of main's changes."""
        wanted: dict[str, bytes | None] = {}
        for key, kep in sorted(pr.keps.items()):
            wanted.update(dict.fromkeys(kep.files()) if key in pr.deleted else kep.files())
        wanted.update(pr.files)
        wanted.update({path: None for path, content in pr.tree.items()
                       if content is not None and path not in wanted})
        changes = {**(from_main or {}), **{path: content for path, content in wanted.items()
                                           if pr.tree.get(path, b"") != content}}
        pr.tree.update({path: content for path, content in changes.items()
                        if path in wanted or path in pr.tree})
        parents = [pr.tip] if from_main is None else [pr.tip, self.main]
        pr.tip = self._commit(f"refs/heads/pr-{pr.number}", pr.author, message, parents,
                              changes)
        if pr.remaining == 0:
            heapq.heappush(self.due, (pr.merge_at, pr.number))

    def _sync(self, pr: PullRequest) -> None:
        """Merge main into the branch: main's changes since the fork, with the branch's
        own changes over main's versions."""
        changes = {path: self.main_tree[path]
                   for paths in self.main_log[pr.synced:] for path in paths}
        for key in sorted(pr.keps):
            kep = self.keps.get(key)
            if kep is not None and kep.alive and key not in pr.new:
                pr.keps[key] = _merged(kep, pr.origins[key], pr.keps[key], moved=False)
                pr.origins[key] = replace(kep)
        pr.synced = len(self.main_log)
        self._branch_commit(pr, "Merge branch 'main' into the pull request", changes)

    def _merge(self, pr: PullRequest) -> None:
        """Merge a pull request: main's version of each file with the branch's changes."""
        changes: dict[str, bytes | None] = dict(pr.files)
        for key, mine in sorted(pr.keps.items()):
            kep = self.keps.get(key)
            if key in pr.new:
                self.keps[key] = kep = mine
            elif kep is None or not kep.alive:
                continue  # deleted on main meanwhile: the deletion stands
            else:
                before = kep.files()
                self.keps[key] = kep = _merged(kep, pr.origins[key], mine, key in pr.moved)
                kep.alive = key not in pr.deleted
                after = kep.files() if kep.alive else {}
                changes.update({path: None for path in before if path not in after})
            if kep.alive:
                changes.update(kep.files())
        self.moving -= pr.moved
        self.migrating.pop(pr.number, None)
        self.configuring = self.configuring and pr.kind != "config"
        self.main = self._commit(MAIN, ROBOT, f"Merge pull request #{pr.number} from "
                                 f"{pr.author.split()[0].lower()}/{pr.kind}",
                                 [self.main, pr.tip], changes)


def _merged(main: Kep, origin: Kep, branch: Kep, moved: bool) -> Kep:
    """Main's version of a KEP with the changes a branch made to its origin: the fields it
    changed, its prose if changed, its place if it moved it."""
    fields = patched(main.fields, {
        **{key: value for key, value in branch.fields.items()
           if origin.fields.get(key, REMOVED) != value},
        **{key: REMOVED for key in origin.fields if key not in branch.fields}})
    merged = replace(main, fields=fields,
                     prose=branch.prose if branch.prose != origin.prose else main.prose)
    if moved:
        merged = replace(merged, number=branch.number, sig=branch.sig, slug=branch.slug,
                         old=branch.old)
    return merged


def generate_history(root: Path, commits: int, specs: int, seed: int = 7) -> None:
    """Create a repository at `root` with about `commits` commits (pull requests still open
    at the end are not reachable) and about `specs` kep.yaml files, with examples/kep's
    configuration and schema committed (the configuration's earlier versions in history:
    `CONFIG_CHANGES`)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    with subprocess.Popen(["git", "fast-import", "--quiet", "--active-branches=200"],
                          cwd=root, stdin=subprocess.PIPE) as importer:
        assert importer.stdin is not None
        _History(commits, specs, seed, importer.stdin).run()
        importer.stdin.close()
    if importer.returncode:
        raise subprocess.CalledProcessError(importer.returncode, "git fast-import")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    branches = subprocess.run(["git", "branch", "--format=%(refname:short)"], cwd=root,
                              capture_output=True, text=True, check=True).stdout.split()
    others = [name for name in branches if name != "main"]
    if others:
        subprocess.run(["git", "branch", "-q", "-D", *others], cwd=root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--commits", type=int, default=11_000)
    parser.add_argument("--specs", type=int, default=655)
    arguments = parser.parse_args()
    generate_history(arguments.folder, arguments.commits, arguments.specs)


if __name__ == "__main__":
    main()

"""Measure the shape of a spec repository's history: what benchmarks/README.md compares
between the generated repository and real ones. Works on any clone:

    python benchmarks/repo_shape.py PATH [--glob 'keps/**/kep.yaml']

Reads one `git log --raw` of the spec files (the mining's flags: full history, merges
diffed against their first parent) and the commit graph; prints one line per property.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

LOG = ["log", "--topo-order", "--reverse", "--full-history", "--diff-merges=first-parent",
       "--raw", "--no-renames", "--no-abbrev", "-z", "--format=%x1e%H %P", "HEAD", "--"]


def _git(root: Path, *arguments: str) -> bytes:
    return subprocess.run(["git", *arguments], cwd=root, capture_output=True,
                          check=True).stdout


def _spread(values: list[int]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    return (f"median {statistics.median(ordered):g}, p10 {ordered[len(ordered) // 10]}, "
            f"p90 {ordered[len(ordered) * 9 // 10]}, max {ordered[-1]}")


def _branches(graph: list[list[str]]) -> tuple[list[int], list[int], int]:
    """For each merge on HEAD's first-parent line: how many commits it brought, and how
    many of that line's commits it spans (from the oldest line commit its branch started
    from); and how many merges are not on the line (main merged into a branch)."""
    parents = {line[0]: line[1:] for line in graph}
    line = []
    commit: str | None = graph[0][0]
    while commit is not None:
        line.append(commit)
        commit = parents[commit][0] if parents[commit] else None
    line.reverse()
    place = {sha: index for index, sha in enumerate(line)}
    seen = set(line)
    sizes, spans = [], []
    for index, merge in enumerate(line):
        if len(parents[merge]) < 2:
            continue
        stack, brought, start = list(parents[merge][1:]), 0, index
        while stack:
            sha = stack.pop()
            if sha in place:
                start = min(start, place[sha])
            if sha in seen:
                continue
            seen.add(sha)
            brought += 1
            stack.extend(parents[sha])
        sizes.append(brought)
        spans.append(index - start)
    side_merges = sum(1 for sha, ups in parents.items() if len(ups) > 1 and sha not in place)
    return sizes, spans, side_merges


def shape(root: Path, glob: str) -> dict[str, str]:
    """Each property's measured value, as text."""
    pathspec = f":(glob){glob}"
    graph = [line.split() for line in _git(root, "rev-list", "--parents", "HEAD")
             .decode().splitlines()]
    parents = Counter(len(line) - 1 for line in graph)
    staged = [line.split(maxsplit=3) for line in _git(
        root, "ls-files", "-s", "-z", "--", pathspec).decode().split("\0")[:-1]]
    at_head = [path for *_, path in staged]
    sizes = [int(line.split()[2]) for line in subprocess.run(
        ["git", "cat-file", "--batch-check"], cwd=root, capture_output=True, check=True,
        input="".join(f"{blob}\n" for _, blob, *_ in staged).encode()).stdout.splitlines()]
    yaml_elsewhere = [path for path in _git(root, "ls-files", "-z").decode().split("\0")
                      if path.endswith((".yaml", ".yml")) and path not in set(at_head)]
    blobs: set[str] = set()
    made: set[str] = set()
    versions: dict[str, set[str]] = defaultdict(set)
    per_commit: list[int] = []
    merges_with_new = renaming = 0
    for record in _git(root, *LOG, pathspec).split(b"\x1e")[1:]:
        header, _, raw = record.partition(b"\0")
        is_merge = len(header.split()) > 2
        tokens = raw.lstrip(b"\n").split(b"\0")
        changes = [(meta.split()[2:5], path.decode()) for meta, path
                   in zip(tokens[0::2], tokens[1::2], strict=False) if meta.startswith(b":")]
        news = {ids[1].decode() for ids, _ in changes if ids[1].strip(b"0")}
        blobs.update(news | {ids[0].decode() for ids, _ in changes if ids[0].strip(b"0")})
        for ids, path in changes:
            if ids[1].strip(b"0"):
                versions[path].add(ids[1].decode())
        statuses = {ids[2][:1] for ids, _ in changes}
        if is_merge:
            merges_with_new += bool(news - made)
        else:
            per_commit.append(len(changes))
            renaming += {b"A", b"D"} <= statuses
        made |= news
    touched = [count for count in per_commit if count]
    brought, spans, side_merges = _branches(graph)
    return {
        "commits": f"{len(graph):,}",
        "merges": f"{parents[2]:,} ({parents[2] / len(graph):.0%}); octopus "
                  f"{sum(count for n, count in parents.items() if n > 2)}",
        "commits a merge brings (its branch)": _spread(brought),
        "main's commits a merged branch spans": _spread(spans),
        "merges of main into a branch": f"{side_merges:,}",
        "spec files at HEAD": f"{len(at_head):,}",
        "spec file size at HEAD (bytes)": _spread(sizes),
        "YAML files outside the spec glob at HEAD": f"{len(yaml_elsewhere):,}",
        "distinct spec versions in history": f"{len(blobs):,}",
        "versions per spec at HEAD": _spread([len(versions[path]) for path in at_head])
        + f"; one version: {sum(len(versions[p]) == 1 for p in at_head) / len(at_head):.0%}"
        if at_head else "none",
        "non-merge commits touching specs": f"{len(touched):,}",
        "specs per such commit": _spread(touched),
        "commits touching >= 10 specs": f"{sum(count >= 10 for count in touched)}",
        "commits touching >= 100 specs": f"{sum(count >= 100 for count in touched)}",
        "merges bringing a version no commit made": f"{merges_with_new}",
        "commits adding and deleting spec files": f"{renaming}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--glob", default="keps/**/kep.yaml")
    arguments = parser.parse_args()
    for name, value in shape(arguments.root, arguments.glob).items():
        print(f"{name:44} {value}")


if __name__ == "__main__":
    main()

"""Generate synthetic spec repositories for the benchmarks, deterministic by seed."""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

STATUSES = ["Draft", "In Review", "Approved", "Implemented"]
PEOPLE = ["Ada Lovelace", "Grace Hopper", "Linus Pauling", "Barbara Liskov", "Edsger Dijkstra",
          "Katherine Johnson", "Alan Kay", "Frances Allen"]
WORDS = [
    "cache", "gateway", "token", "bucket", "latency", "request", "schema", "index", "replica",
    "shard", "queue", "retry", "budget", "rollout", "canary", "metric", "alert", "owner",
    "review", "migration", "storage",
]
LARGE_SCALE = 16
"""The `scale` of specs of about 35 KB (a long design document)."""


def _other(rng: random.Random, number: int, total: int) -> int:
    """Another spec's number (a spec may not reference itself: unknown-reference)."""
    other = rng.randint(1, max(total - 1, 1))
    return other + 1 if other >= number else other


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_spec(number: int, rng: random.Random, total: int, scale: int = 1) -> dict[str, Any]:
    """One valid spec, varied by `rng`: about 3.5 KB, and about 2.1 KB more for each step of
    `scale` above 1, which multiplies the lists (goals, requirements, components, phases,
    risks, questions) and lengthens the prose, as in a spec that grew over a long review."""
    status = rng.choice(STATUSES)
    reviewers: list[Any] = [{"name": rng.choice(PEOPLE), "approved": "2026-03-01"}]
    if rng.random() < 0.5:
        reviewers.append(rng.choice(PEOPLE))
    title = _sentence(rng, 5)[:-1]
    author = rng.choice(PEOPLE)
    if reviewers[0]["name"] == author:  # an author's own approval is no review
        reviewers[0]["name"] = PEOPLE[(PEOPLE.index(author) + 1) % len(PEOPLE)]
    spec: dict[str, Any] = {
        "id": f"SPEC-{number:04d}",
        "title": title,
        "status": status,
        "authors": [f"{author} <dev{number}@example.com>"],
        "reviewers": reviewers,
        "created": "2026-01-15",
        "updated": "2026-03-02",
        "target_release": f"{rng.randint(1, 4)}.{rng.randint(0, 20)}",
        "summary": _sentence(rng, 24),
        "background": {
            "current_state": _sentence(rng, 25 * scale),
            "why_now": _sentence(rng, 20),
            "related_work": [{"spec": f"SPEC-{_other(rng, number, total):04d}",
                              "note": _sentence(rng, 6)}],
        },
        "goals": {
            "primary": [_sentence(rng, 10) for _ in range(3 * scale)],
            "success_metrics": [{"metric": _sentence(rng, 3), "current": "12 ms", "target": "5 ms"}
                                for _ in range(2)],
            "non_goals": [_sentence(rng, 8)],
        },
        "requirements": {
            "functional": [{"id": f"FR-{n}", "description": _sentence(rng, 12),
                            "priority": rng.choice(["P0", "P1", "P2"]),
                            "acceptance_criteria": _sentence(rng, 10)}
                           for n in range(1, 3 * scale + 1)],
            "non_functional": [{"id": f"NFR-{n}", "category": "Performance",
                                "requirement": _sentence(rng, 6), "target": "< 200 ms p99"}
                               for n in range(1, scale + 1)],
        },
        "design": {
            "architecture": {"description": _sentence(rng, 20),
                             "diagram": {"language": "mermaid",
                                         "code": "flowchart LR\n  A --> B\n"}},
            "components": [{"name": rng.choice(WORDS).title(), "purpose": _sentence(rng, 8),
                            "dependencies": [rng.choice(WORDS)]} for _ in range(2 * scale)],
        },
        "implementation_plan": [{"phase": f"Phase {n}", "timeline": f"Week {n}",
                                 "tasks": [{"task": _sentence(rng, 5), "done": rng.random() < 0.5},
                                           _sentence(rng, 4)]} for n in range(1, 2 * scale + 1)],
        "testing": [{"type": "Unit", "coverage": "80%", "tools": ["pytest"]}],
        "risks": [{"risk": _sentence(rng, 8), "probability": "Low", "impact": "High",
                   "mitigation": _sentence(rng, 8)} for _ in range(scale)],
        "open_questions": [{"id": f"Q-{n}", "question": _sentence(rng, 10), "state": "resolved",
                            "resolution": _sentence(rng, 8)} for n in range(1, scale + 1)],
    }
    if status in ("Draft", "In Review"):
        spec["open_questions"].append({"id": f"Q-{scale + 1}", "question": _sentence(rng, 10),
                                       "state": "open", "owner": rng.choice(PEOPLE)})
    return spec


def spec_text(spec: dict[str, Any]) -> str:
    """The spec as YAML, in the order it was built (libyaml's emitter where PyYAML has it:
    the same text, ten times sooner)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(spec, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def write_specs(folder: Path, count: int, seed: int = 1, scale: int = 1) -> list[Path]:
    """Write `count` specs to `folder` (with a specrepo.yaml); return their paths. `scale`
    as for `make_spec` (`LARGE_SCALE`: about 35 KB a spec)."""
    rng = random.Random(seed)
    specs = folder / "specs"
    specs.mkdir(parents=True, exist_ok=True)
    (folder / "specrepo.yaml").write_text("specs: specs\n")
    paths = []
    for number in range(1, count + 1):
        path = specs / f"SPEC-{number:04d}.yaml"
        path.write_text(spec_text(make_spec(number, rng, count, scale)), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--specs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, default=1,
                        help=f"spec size: 1 is about 3.5 KB, {LARGE_SCALE} about 35 KB")
    arguments = parser.parse_args()
    write_specs(arguments.folder, arguments.specs, arguments.seed, arguments.scale)


if __name__ == "__main__":
    main()

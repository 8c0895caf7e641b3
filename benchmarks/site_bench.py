"""Measure `build_site` on a large repository's worth of data (not yet part of run.py).

    python benchmarks/site_bench.py                 # 2,000 specs, best of 3
    python benchmarks/site_bench.py --specs 200 --runs 1

The specs are the benchmark's generated ones (benchmarks/generate.py), their Markdown pages
the real output of `specrepo render`; each gets a made-up life of about 5 status periods
and 20 events, a changelog and open questions. Measured side by side: render of the same
specs (load, check and write), and build_site alone (the site's own work, the history and
render layers' data already in hand).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from generate import PEOPLE, STATUSES, write_specs

from specrepo.commands.render import RenderOptions
from specrepo.commands.render import run as render
from specrepo.configuration.config_file import load_config
from specrepo.site.build import build_site
from specrepo.site.data import (
    ItemChange,
    Requirement,
    SiteData,
    SiteSpec,
    SpecEvent,
    SpecQuestion,
    SpecReviewer,
    StaleSpec,
    StatusPeriod,
    WaitingReview,
)

DAY = 86400
START = 1_735_689_600  # 2025-01-01T00:00:00Z
HEAD_TIME = START + 500 * DAY


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` wall-clock timings of `work`."""
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        timings.append(time.perf_counter() - began)
    return min(timings)


def _life(rng: random.Random, spec_id: str, status: str) -> tuple[
        tuple[StatusPeriod, ...], tuple[SpecEvent, ...]]:
    """About 5 status periods ending in `status`, and about 20 events."""
    moments = sorted(rng.sample(range(START, HEAD_TIME - DAY, 3600), 21))
    statuses = [rng.choice(STATUSES) for _ in range(4)] + [status]
    periods = tuple(StatusPeriod(name, since, until) for name, since, until
                    in zip(statuses, moments[:5], [*moments[1:5], None], strict=True))
    kinds = ["status-changed", "reviewer-added", "question-added", "question-resolved",
             "approved", "item-changed"]
    events = tuple(
        SpecEvent(rng.choice(kinds), f"{rng.getrandbits(160):040x}", rng.choice(PEOPLE), moment,
                  "status", rng.choice(STATUSES), rng.choice(STATUSES))
        for moment in moments[:20])
    return periods, events


def site_data(folder: Path, count: int) -> SiteData:
    """The site's data for the generated specs and their rendered pages."""
    rng = random.Random(5)
    specs = []
    for path in sorted((folder / "specs").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = (folder / "docs" / "specs" / f"{spec['id']}.md").read_text(encoding="utf-8")
        periods, events = _life(rng, spec["id"], spec["status"])
        specs.append(SiteSpec(
            id=spec["id"], title=spec["title"], status=spec["status"],
            authors=tuple(spec["authors"]), last_change=events[-1].date,
            source=f"specs/{path.name}", summary=spec["summary"],
            content_markdown=page.split("\n", 1)[1],
            reviewers=tuple(SpecReviewer(r["name"], r.get("approved")) if isinstance(r, dict)
                            else SpecReviewer(r) for r in spec["reviewers"]),
            open_questions=tuple(SpecQuestion(q["id"], q["question"], q.get("owner"),
                                              rng.choice(PEOPLE), events[0].date)
                                 for q in spec["open_questions"] if q["state"] == "open"),
            requirements=tuple(Requirement(item["id"], item["description"])
                               for item in spec["requirements"]["functional"]),
            periods=periods, events=events,
            changelog=tuple(ItemChange("item-changed", f"requirements.functional[FR-{n}]",
                                       event.commit, event.author, event.date)
                            for n, event in enumerate(events[::5], start=1)),
        ))
    waiting = tuple(WaitingReview(rng.choice(PEOPLE), spec.id, spec.periods[-1].since)
                    for spec in specs if spec.status == "In Review")
    stale = tuple(StaleSpec(spec.id, 30) for spec in specs[: count // 10])
    return SiteData("bench/specs", "f" * 40, HEAD_TIME, tuple(specs), waiting, stale)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--specs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_specs(folder, arguments.specs)
        config = load_config(None, folder)

        def render_all() -> None:
            shutil.rmtree(folder / "docs", ignore_errors=True)
            render(config, RenderOptions())

        rendered = best_of(arguments.runs, render_all)
        data = site_data(folder, arguments.specs)
        files: dict[str, bytes] = {}

        def build() -> None:
            files.update(build_site(data))

        built = best_of(arguments.runs, build)
        size = sum(len(content) for content in files.values())
    print(f"{arguments.specs} specs, ~5 periods and ~20 events each "
          f"(best of {arguments.runs})")
    print(f"  render (load, check, write pages): {rendered:.2f} s")
    print(f"  build_site:                        {built:.2f} s "
          f"({built / rendered:.2f}x render; {len(files)} files, {size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

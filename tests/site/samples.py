"""Sample site data: a few specs with lives, questions, waits, a trace matrix, hostile text."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from specrepo.model.event import Event
from specrepo.model.history import SkippedVersion
from specrepo.model.report import Integrity, SpecNote, StatusMove
from specrepo.model.trace import TraceMatrix
from specrepo.model.version import FieldProblem
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
from specrepo.site.markdown import convert_markdown, item_anchors
from tests.site.trace_samples import Change, TraceSample, build_matrix

DAY = 86400
START = 1_767_225_600  # 2026-01-01T00:00:00Z
HEAD_TIME = START + 120 * DAY
HEAD = "f" * 40

CONTENT = """\
# Technical Specification: {title}

## Metadata

| Field | Value |
|-------|-------|
| **Id** | {id} |
| **Status** | {status} |

## Executive Summary

{summary}

### Related Work

- [SPEC-0002](SPEC-0002.md) - The cache this builds on.
- [Unknown](SPEC-9999.md) - Not a spec of this site.

## Requirements

| ID | Requirement | Priority |
|----|-------------|----------|
| <a name="fr-1"></a>FR-1 | Parse every file with line numbers. | P0 |
| <a name="fr-2"></a>FR-2 | Report duplicate keys at the second one. | P1 |

## Plan

- [x] Loader
- [ ] Rules

```yaml
id: {id}
```
"""


def page_content(markdown: str) -> dict[str, Any]:
    """A spec's content and anchors, as a Markdown page gives them (`content_html`,
    `anchors` of `SiteSpec`)."""
    return {"content_html": convert_markdown(markdown), "anchors": item_anchors(markdown)}


def commit(number: int) -> str:
    """A made-up commit id."""
    return hashlib.sha1(str(number).encode()).hexdigest()


def event(kind: str, number: int, day: float, author: str = "Ada Lovelace",
          field: str = "status", before: str | None = None,
          after: str | None = None) -> SpecEvent:
    """An event `day` days after START."""
    return SpecEvent(kind, commit(number), author, START + int(day * DAY), field, before,
                     after)


def spec(spec_id: str, title: str, status: str, periods: tuple[StatusPeriod, ...],
         events: tuple[SpecEvent, ...], **fields: object) -> SiteSpec:
    """A spec whose page text follows the bundled template's shape."""
    summary = str(fields.pop("summary", f"Why and what of {title.lower()}."))
    made = SiteSpec(
        id=spec_id, title=title, status=status,
        authors=("Ada Lovelace <ada@example.com>",),
        last_change=max((event.date for event in events), default=START),
        source=f"specs/{spec_id}.yaml", summary=summary,
        **page_content(CONTENT.format(id=spec_id, title=title, status=status,
                                      summary=summary)),
        periods=periods, events=events,
        requirements=(Requirement("FR-1", "Parse every file with line numbers."),
                      Requirement("FR-2", "Report duplicate keys at the second one.")),
    )
    return replace(made, **fields)  # type: ignore[arg-type]


def validate_spec() -> SiteSpec:
    """An approved spec with a full life: draft, review, back to draft, review, approved."""
    return spec(
        "SPEC-0001", "Validate specs with errors that point at the line", "Approved",
        periods=(
            StatusPeriod("Draft", START, START + 10 * DAY),
            StatusPeriod("In Review", START + 10 * DAY, START + 20 * DAY),
            StatusPeriod("Draft", START + 20 * DAY, START + 30 * DAY),
            StatusPeriod("In Review", START + 30 * DAY, START + 45 * DAY),
            StatusPeriod("Approved", START + 45 * DAY),
        ),
        events=(
            event("created", 1, 0, after="Draft"),
            event("status-changed", 2, 10, before="Draft", after="In Review"),
            event("reviewer-added", 3, 10, field="reviewers", after="Grace Hopper"),
            event("question-added", 4, 12, author="Grace Hopper",
                  field="open_questions[Q-1]", after="Which YAML version?"),
            event("status-changed", 5, 20, before="In Review", after="Draft"),
            event("status-changed", 6, 30, before="Draft", after="In Review"),
            event("question-resolved", 7, 40, author="Grace Hopper",
                  field="open_questions[Q-1]", before="open", after="resolved"),
            event("approved", 8, 44, author="Grace Hopper",
                  field="reviewers[Grace Hopper]", after="2026-02-14"),
            event("status-changed", 9, 45, before="In Review", after="Approved"),
            event("changed-after-approval", 10, 60, field="requirements"),
        ),
        reviewers=(SpecReviewer("Grace Hopper <grace@example.com>", "2026-02-14", True,
                                approval="approved 2026-02-14"),
                   SpecReviewer("Linus Pauling")),
        open_questions=(SpecQuestion("Q-2", "Should warnings fail CI?", "Ada Lovelace",
                                     "Linus Pauling", START + 50 * DAY),),
        changelog=(
            ItemChange("item-added", "requirements.functional[FR-2]", commit(6),
                       "Ada Lovelace", START + 30 * DAY),
            ItemChange("item-changed", "requirements.functional[FR-1]", commit(10),
                       "Ada Lovelace", START + 60 * DAY, "acceptance criteria changed"),
        ),
    )


def cache_spec() -> SiteSpec:
    """A spec still in review, waiting on two reviewers."""
    return spec(
        "SPEC-0002", "Cache mined history between runs", "In Review",
        periods=(StatusPeriod("Draft", START + 5 * DAY, START + 70 * DAY),
                 StatusPeriod("In Review", START + 70 * DAY)),
        events=(event("created", 11, 5, author="Linus Pauling", after="Draft"),
                event("status-changed", 12, 70, author="Linus Pauling", before="Draft",
                      after="In Review")),
        authors=("Linus Pauling",),
        reviewers=(SpecReviewer("Ada Lovelace"), SpecReviewer("Grace Hopper")),
        summary="Keep mined history in a cache so a second run is fast.",
    )


def report_spec() -> SiteSpec:
    """A draft nobody touched for a long time, with a status of the repository's own."""
    return spec(
        "SPEC-0010", "Report where every spec stands", "Parked",
        periods=(StatusPeriod("Draft", START + 2 * DAY, START + 3 * DAY),
                 StatusPeriod("Parked", START + 3 * DAY)),
        events=(event("created", 13, 2, author="Grace Hopper", after="Draft"),
                replace(event("status-changed", 14, 3, author="Grace Hopper",
                              before="Draft", after="Parked"), problem=ILLEGAL_PROBLEM)),
        problems=("The version of specs/SPEC-0010.yaml in commit 0d0d0d0d0d could not be "
                  "read (bad YAML); its fields kept their last readable values",),
        authors=("Grace Hopper",),
        summary="A résumé of every spec's status, reviewers and questions.",
    )


def sample_trace() -> TraceMatrix:
    """A matrix with a row in each state, test results, a suspect tag and item link, and a
    dangling reference; SPEC-0003 has no page (a spec the site leaves out)."""
    return build_matrix(TraceSample(
        rows=[("SPEC-0001", "FR-1", "P0"), ("SPEC-0001", "FR-2", "P1"),
              ("SPEC-0002", "FR-1", "P0"), ("SPEC-0003", "FR-1", None)],
        implementation=[("specrepo/yaml_loader.py", 12, "SPEC-0001/FR-1"),
                        ("specrepo/yaml_loader.py", 80, "SPEC-0001/FR-2"),
                        ("specrepo/cache.py", 3, "SPEC-0002/FR-1"),
                        ("src/hash.rs", 1, "SPEC-0001/FR-9")],
        tests=[("tests/test_yaml_loader.py", 8, "SPEC-0001/FR-1"),
               ("tests/test_yaml_loader.py", 20, "SPEC-0001/FR-2")],
        results=[("test_lines", "passed", "SPEC-0001/FR-1"),
                 ("test_cache_hits", "failed", "SPEC-0002/FR-1")],
        links=[("SPEC-0002", "FR-1", "SPEC-0001/FR-2")],
        changes={"SPEC-0001/FR-2": Change(
            commit(40), START + 40 * DAY, {"id": "FR-2", "description": "Report keys."},
            {"id": "FR-2", "description": "Report duplicate keys."})},
        touched={"specrepo/yaml_loader.py": (commit(30), START + 30 * DAY),
                 "tests/test_yaml_loader.py": (commit(50), START + 50 * DAY)},
        approved={"SPEC-0002": (commit(31), START + 31 * DAY)}))


ILLEGAL_PROBLEM = "Not allowed by the workflow; from Draft it allows In Review"


def sample_integrity() -> Integrity:
    """The report's integrity section of the sample: SPEC-0010's Draft -> Parked move is
    illegal, one version could not be read, one spec is unreadable at HEAD."""
    moved = Event("SPEC-0010", commit(14), "Grace Hopper", "grace@example.com",
                  START + 3 * DAY, START + 3 * DAY, "status-changed", "status", "Draft",
                  "Parked", "specs/SPEC-0010.yaml", True)
    return Integrity((StatusMove("SPEC-0010", moved),), 1, False,
                     (SpecNote("SPEC-0004", "specs/SPEC-0004.yaml", "bad YAML"),))


def sample_site(**fields: object) -> SiteData:
    """A small site with every page in use."""
    made = SiteData(
        repository="acme/specs", head=HEAD, head_time=HEAD_TIME,
        specs=(report_spec(), validate_spec(), cache_spec()),
        waiting=(WaitingReview("Ada Lovelace", "SPEC-0002", START + 70 * DAY),
                 WaitingReview("Grace Hopper <grace@example.com>", "SPEC-0002",
                               START + 72 * DAY)),
        stale=(StaleSpec("SPEC-0010", 30),),
        trace=sample_trace(),
        integrity=sample_integrity(),
        illegal_problems=(ILLEGAL_PROBLEM,),
        skipped=(SkippedVersion("specs/SPEC-0010.yaml", "0d" * 20,
                                (FieldProblem("bad YAML", 3, 1),), "SPEC-0010"),),
    )
    return replace(made, **fields)  # type: ignore[arg-type]

"""The files of a Kubernetes-style enhancements repository, as the history generator writes
them: `kep.yaml` documents (as plain data, rendered in the layouts the real ones have), the
changes a KEP goes through (a release's opt-in, review fix-ups, repository-wide sweeps),
production-readiness approval files, design prose and old single-file KEPs.

Shapes follow kubernetes/enhancements (see benchmarks/README.md for what was measured):
`kep.yaml` files of 350 B to 2.6 KB with lists of GitHub handles, a milestone mapping,
feature gates and metrics; older ones with `editor`, `last-updated` and
`participating-groups`, newer ones with the template's comment blocks.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

from generate import WORDS

Fields = dict[str, Any]
"""A kep.yaml as data. `_style` holds layout flags, which sweeps change like any field:
`c` the template's comment blocks, `o` the old `editor` and `last-updated` fields, `g` the
old spelling `participating-groups`, `f` list items flush with their key, `n` handles
without `@`."""

REMOVED: Any = object()
"""A patch value that removes the key."""

SIGS = {  # owning group -> weight (kep.yaml paths in the history; see README)
    "sig-node": 265, "sig-api-machinery": 137, "sig-network": 120, "sig-storage": 99,
    "sig-auth": 70, "sig-apps": 60, "sig-scheduling": 60, "sig-cli": 40,
    "sig-instrumentation": 40, "sig-cluster-lifecycle": 40, "sig-windows": 35,
    "sig-architecture": 35, "sig-release": 30, "sig-cloud-provider": 25,
    "sig-autoscaling": 20, "sig-multicluster": 15, "sig-testing": 10, "sig-scalability": 10,
    "sig-contributor-experience": 10, "sig-security": 5, "sig-docs": 5,
}
COMPONENTS = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet",
              "kube-proxy", "kubectl"]
HANDLES = [f"{first}{second}" for first in ("alexk", "samuel", "kimberly", "leeroy", "jonas",
                                            "maxime", "renata", "arianne", "deepak", "elias",
                                            "fayola", "gustavo")
           for second in ("", "-k8s", "42", "dev", "-x", "wang", "son", "ova")]
_COMMENTS = {
    "stage": "# The target maturity stage in the current dev cycle for this KEP.\n",
    "latest-milestone": (
        "# The most recent milestone for which work toward delivery of this KEP has been\n"
        "# done. This can be the current (upcoming) milestone, if it is being actively\n"
        "# worked on.\n"),
    "milestone": "# The milestone at which this feature was, or is targeted to be, at each "
                 "stage.\n",
    "feature-gates": (
        "# The following PRR answers are required at alpha release\n"
        "# List the feature gate name and the components for which it must be enabled\n"),
    "metrics": "# The following PRR answers are required at beta release\n",
}
_HEAD_KEYS = ("title", "kep-number", "authors", "owning-sig", "participating-sigs", "status",
              "creation-date", "reviewers", "approvers", "prr-approvers", "editor",
              "last-updated", "see-also", "replaces", "superseded-by")
_TAIL_KEYS = ("stage", "latest-milestone", "milestone", "feature-gates", "disable-supported",
              "metrics")
_HANDLE_LISTS = frozenset({"authors", "reviewers", "approvers", "prr-approvers"})
STAGES = ("alpha", "beta", "stable")


def milestone(release: int) -> str:
    """The milestone name of a release cycle (cycle 0 is v1.10)."""
    return f"v1.{10 + release}"


def date(day: int) -> str:
    """The calendar date `day` days after 2016-01-01."""
    return (datetime.date(2016, 1, 1) + datetime.timedelta(days=day)).isoformat()


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _handles(rng: random.Random, mean: float, high: int) -> list[str]:
    """One or more handles: `mean` of them on average, at most `high`."""
    return rng.sample(HANDLES, min(high, 1 + round(rng.expovariate(1 / (mean - 1)))))


def new_kep(rng: random.Random, number: str, sig: str, release: int, day: int,
            old: bool) -> Fields:
    """A KEP as its author first writes it: provisional, targeting the coming release."""
    fields: Fields = {
        "_style": ("o" + "g" * (rng.random() < 0.6) if old else "c" * (rng.random() < 0.75))
                  + ("f" if rng.random() < 0.1 else "") + ("n" if rng.random() < 0.05 else ""),
        "title": _words(rng, rng.randint(3, 7)).capitalize(),
        "kep-number": number,
        "authors": _handles(rng, 2.4, 6),
        "owning-sig": sig,
        "participating-sigs": rng.sample(sorted(SIGS), rng.randint(0, 2)) or None,
        "status": "provisional",
        "creation-date": date(day),
        "reviewers": _handles(rng, 3.1, 9),
        "approvers": _handles(rng, 2.0, 5),
        "see-also": [f"/keps/{sig}/{rng.randint(100, 4000)}-{rng.choice(WORDS)}"]
                    if rng.random() < 0.3 else None,
        "replaces": None,
        "stage": "alpha",
        "latest-milestone": milestone(release + 1),
        "milestone": {"alpha": milestone(release + 1), "beta": milestone(release + 2),
                      "stable": milestone(release + 4)},
        "feature-gates": [{"name": _gate(rng), "components": rng.sample(COMPONENTS,
                                                                         rng.randint(1, 3))}]
                         if rng.random() < 0.6 else None,
        "disable-supported": True,
        "metrics": _metrics(rng) if rng.random() < 0.4 else None,
    }
    if old:  # the first format: fewer fields, no production-readiness answers yet
        for key in ("see-also", "milestone", "feature-gates", "disable-supported", "metrics"):
            del fields[key]
        fields |= {"editor": "TBD", "last-updated": date(day),
                   "latest-milestone": f"1.{10 + release}"}
        if rng.random() < 0.5:
            del fields["stage"]
        if rng.random() < 0.02:  # as 284-enable-volume-expansion's kep.yaml has none
            del fields["kep-number"]
    if rng.random() < 0.02:  # a typo the tooling of the time let through
        fields["creation-date"] = fields["creation-date"][:5] + "14" + fields["creation-date"][7:]
    return fields


def _gate(rng: random.Random) -> str:
    return "".join(word.capitalize() for word in rng.sample(WORDS, 3))


def _metrics(rng: random.Random) -> list[str]:
    count = rng.randint(1, 3) if rng.random() < 0.95 else rng.randint(10, 32)
    return [f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_total" for _ in range(count)]


def opt_in(fields: Fields, rng: random.Random, release: int, pace: float) -> Fields:
    """The patch of a KEP's opt-in to a release: the latest milestone, the next stage with
    probability `pace` (with its milestone, status, gates or metrics), sometimes another
    reviewer or an end. A second opt-in in one release revises the first."""
    if fields.get("latest-milestone") == milestone(release):
        return fix_up(fields, rng, release)
    patch: Fields = {"latest-milestone": milestone(release)}
    style = _style(fields)
    if "o" in style and rng.random() < 0.3:  # rewritten after the current template
        patch |= {"_style": style.replace("o", "").replace("g", "") + "c" * (rng.random() < 0.6),
                  "editor": REMOVED, "last-updated": REMOVED, "disable-supported": True,
                  "milestone": fields.get("milestone") or {}, "stage": fields.get("stage"),
                  "feature-gates": fields.get("feature-gates"),
                  "metrics": fields.get("metrics")}
    stage, status = fields.get("stage"), fields.get("status")
    if rng.random() < 0.05:
        patch["status"] = rng.choice(["deferred", "withdrawn", "rejected", "replaced"])
        return patch
    if stage in STAGES[:2] and status != "implemented" and rng.random() < pace:
        stage = STAGES[STAGES.index(stage) + 1]
        patch["stage"] = stage
        patch["milestone"] = {**(fields.get("milestone") or {}), stage: milestone(release)}
        if stage == "beta" and not fields.get("metrics"):
            patch["metrics"] = _metrics(rng)
    if status in ("provisional", "deferred"):
        patch["status"] = "implementable"
    elif stage == "stable" and status == "implementable" and rng.random() < pace:
        patch["status"] = "implemented"
    if rng.random() < 0.15 and len(fields.get("reviewers") or []) < 9:
        patch["reviewers"] = [*(fields.get("reviewers") or []), rng.choice(HANDLES)]
    if rng.random() < 0.25 and "prr-approvers" not in fields:
        patch["prr-approvers"] = [rng.choice(HANDLES)]
    return patch


def fix_up(fields: Fields, rng: random.Random, release: int) -> Fields:
    """A review fix-up: another reviewer, a later target, a gate's components, a metric."""
    choice = rng.randrange(4)
    if choice == 0 and len(fields.get("approvers") or []) < 5:
        return {"approvers": [*(fields.get("approvers") or []), rng.choice(HANDLES)]}
    if choice == 1:
        targets = dict(fields.get("milestone") or {})
        targets["stable"] = milestone(release + rng.randint(2, 5))
        return {"milestone": targets}
    if choice == 2 and fields.get("feature-gates"):
        gates = [dict(gate) for gate in fields["feature-gates"]]
        gates[0]["components"] = [*gates[0]["components"], rng.choice(COMPONENTS)]
        return {"feature-gates": gates}
    return {"metrics": [*(fields.get("metrics") or []), f"{rng.choice(WORDS)}_seconds"]}


def _style(fields: Fields) -> str:
    return str(fields.get("_style", ""))


def _without(flag: str) -> Callable[[Fields, int], Fields | None]:
    def change(fields: Fields, release: int) -> Fields | None:
        style = _style(fields)
        return {"_style": style.replace(flag, "")} if flag in style else None
    return change


def _v_prefix(fields: Fields, release: int) -> Fields | None:
    latest = fields.get("latest-milestone")
    return {"latest-milestone": f"v{latest}"} if latest and latest[0] != "v" else None


def _implemented(fields: Fields, release: int) -> Fields | None:
    done = fields.get("stage") == "stable" and fields.get("status") == "implementable"
    return {"status": "implemented"} if done else None


def _prr_fields(fields: Fields, release: int) -> Fields | None:
    if "disable-supported" in fields:
        return None
    return {"feature-gates": fields.get("feature-gates"), "disable-supported": True,
            "metrics": fields.get("metrics")}


def _slipped(fields: Fields, release: int) -> Fields | None:
    if fields.get("latest-milestone") != milestone(release):
        return None
    targets = {stage: milestone(release + 1) if value == milestone(release) else value
               for stage, value in (fields.get("milestone") or {}).items()}
    return {"latest-milestone": milestone(release + 1), "milestone": targets}


SWEEPS: list[tuple[str, Callable[[Fields, int], Fields | None]]] = [
    ("Use @handles in kep.yaml", _without("n")),
    ("Indent lists in kep.yaml", _without("f")),
    ("Prefix milestones with v", _v_prefix),
    ("Mark graduated KEPs implemented", _implemented),
    ("Add the PRR fields to kep.yaml", _prr_fields),
    ("Move KEPs that missed the release to the next one", _slipped),
]
"""Changes made to many kep.yaml files at once: (commit message, the patch of one file, or
None where it does not apply)."""


def patched(fields: Fields, patch: Fields) -> Fields:
    """`fields` with a patch applied (REMOVED removes a key)."""
    return {key: value for key, value in {**fields, **patch}.items() if value is not REMOVED}


def render(fields: Fields) -> bytes:
    """The kep.yaml text, in the key order and layout of the KEP template."""
    style = _style(fields)
    indent = "" if "f" in style else "  "
    lines: list[str] = []
    for key in _HEAD_KEYS + _TAIL_KEYS:
        if key not in fields:
            continue
        value = fields[key]
        name = "participating-groups" if key == "participating-sigs" and "g" in style else key
        if "c" in style and key in _COMMENTS:
            lines.append("\n" + _COMMENTS[key])
        if isinstance(value, list) and value:
            lines.append(f"{name}:\n")
            for item in value:
                lines.append(_item(key, item, indent, "n" in style))
        elif isinstance(value, dict) and value:
            lines.append(f"{name}:\n" + "".join(f'  {stage}: "{target}"\n'
                                                 for stage, target in value.items()))
        else:
            lines.append(f"{name}:{_scalar(key, value)}\n")
    return "".join(lines).encode()


def _item(key: str, item: Any, indent: str, bare: bool) -> str:
    if isinstance(item, dict):  # a feature gate
        components = "".join(f"{indent}    - {component}\n" for component in item["components"])
        return f"{indent}- name: {item['name']}\n{indent}  components:\n{components}"
    if key in _HANDLE_LISTS:
        return f"{indent}- {item}\n" if bare else f'{indent}- "@{item}"\n'
    return f'{indent}- "{item}"\n' if key in ("see-also", "replaces") else f"{indent}- {item}\n"


def _scalar(key: str, value: Any) -> str:
    if value is None or value == []:
        return ""
    if isinstance(value, bool):
        return f" {str(value).lower()}"
    if key == "latest-milestone":
        return f' "{value}"'
    return f" {value}"


def prr_text(number: str, stages: tuple[str, ...]) -> bytes:
    """A production-readiness approval file, `keps/prod-readiness/<sig>/<number>.yaml`:
    one approver for each stage reached."""
    approvers = [random.Random(number + stage).choice(HANDLES) for stage in stages]
    approvals = "".join(f'{stage}:\n  approver: "@{approver}"\n'
                        for stage, approver in zip(stages, approvers, strict=True))
    return f"kep-number: {number}\n{approvals}".encode()


def prose(rng: random.Random, title: str, words: int = 900) -> bytes:
    """Design prose in Markdown: a KEP's README.md, or a file of the repository's own."""
    paragraphs = "\n\n".join(_words(rng, 90) for _ in range(words // 90))
    return f"# {title}\n\n## Summary\n\n{paragraphs}\n".encode()


def old_kep_text(fields: Fields, text: bytes) -> bytes:
    """A KEP in the first format: one Markdown file with the metadata as front matter."""
    return b"---\n" + render(fields) + b"---\n\n" + text

"""Generate Markdown specs with YAML front matter for the benchmarks, and their YAML twins.

`write_markdown_specs` writes two repositories configured as `examples/enhancements/` is:
`markdown/`, enhancement proposals of about 8 KB (front matter, then a body with every
heading of the template: paragraphs, lists, a table, code that holds `---` and a heading),
and `yaml/`, the same front matter alone in `.yaml` files, with the same schema, fields and
workflow. Deterministic by seed.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml
from generate import PEOPLE, WORDS

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "enhancements"
DOMAINS = ["dns", "machine-config", "monitoring", "installer", "storage", "networking"]
STATUSES = ["provisional", "implementable", "implemented"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(7, 13)) for _ in range(sentences))


def _handle(rng: random.Random) -> str:
    return "@" + rng.choice(PEOPLE).split()[0].lower()


def front_matter(title: str, rng: random.Random, others: list[str]) -> dict[str, Any]:
    """An enhancement's metadata, as the example's schema wants it."""
    status = rng.choice(STATUSES)
    return {
        "title": title,
        "authors": [_handle(rng)],
        "reviewers": [f"{_handle(rng)}, for the {rng.choice(WORDS)}" for _ in range(2)],
        "approvers": [_handle(rng)],
        "api-approvers": ["None"] if rng.random() < 0.5 else [_handle(rng)],
        "creation-date": "2025-01-15",
        "last-updated": "2025-03-02",
        "status": status,
        "tracking-link": [f"https://issues.example.com/browse/EP-{rng.randint(1, 9999)}"],
        "see-also": rng.sample(others, 2),
        "replaces": [],
        "superseded-by": [],
    }


def _section_text(rng: random.Random, index: int) -> str:
    """A section's text: a paragraph or two, and now and then a list, a table or code."""
    parts = [_paragraph(rng, 2)]
    kind = index % 4
    if kind == 1:
        parts.append("\n".join(f"* {_sentence(rng, 9)}" for _ in range(3)))
    elif kind == 2:
        rows = "\n".join(f"| {rng.choice(WORDS)} | {_sentence(rng, 5)} |" for _ in range(3))
        parts.append(f"| field | meaning |\n|---|---|\n{rows}")
    elif index % 8 == 3:
        parts.append(f"```yaml\n---\nkind: {rng.choice(WORDS)}\n---\n## Not a heading\n```")
    return "\n\n".join(parts)


def body(title: str, headings: list[str], rng: random.Random) -> str:
    """A body with every heading of the template, in order."""
    blocks = [f"# {title.replace('-', ' ').title()}", _paragraph(rng, 2)]
    for index, heading in enumerate(headings):
        blocks += [heading, _section_text(rng, index)]
    return "\n\n".join(blocks) + "\n"


def _headings(config: dict[str, Any]) -> list[str]:
    return [entry if isinstance(entry, str) else entry["heading"]
            for entry in config["sections"]]


def write_markdown_specs(folder: Path, count: int, seed: int = 1) -> None:
    """Write `count` enhancements to `folder/markdown` and their front matter to
    `folder/yaml`, each a repository with the example's configuration."""
    rng = random.Random(seed)
    config = yaml.safe_load((EXAMPLE / "specrepo.yaml").read_text(encoding="utf-8"))
    twin = {key: value for key, value in config.items()
            if key not in ("front_matter", "sections", "new", "approval")}
    for name, settings in (("markdown", config), ("yaml", twin)):
        (folder / name).mkdir(parents=True)
        shutil.copy(EXAMPLE / "enhancement.schema.yaml", folder / name)
        (folder / name / "specrepo.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))
    headings = _headings(config)
    places = [f"{DOMAINS[number % len(DOMAINS)]}/enhancement-{number:04d}"
              for number in range(1, count + 1)]
    for place in places:
        title = place.rpartition("/")[2]
        others = [f"/enhancements/{other}.md" for other in rng.sample(places, 2)]
        metadata = yaml.safe_dump(front_matter(title, rng, others), sort_keys=False,
                                  width=100)
        markdown = folder / "markdown" / "enhancements" / f"{place}.md"
        markdown.parent.mkdir(parents=True, exist_ok=True)
        markdown.write_text(f"---\n{metadata}---\n\n{body(title, headings, rng)}",
                            encoding="utf-8")
        plain = folder / "yaml" / "enhancements" / f"{place}.yaml"
        plain.parent.mkdir(parents=True, exist_ok=True)
        plain.write_text(metadata, encoding="utf-8")

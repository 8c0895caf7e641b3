"""How alike two versions are in their own content (compare/likeness.py), measured both
ways on real specs: no two different specs of the corpus are judged one, and every spec
moved, renumbered and edited a little still is (README, "Which spec a file is")."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.check.compiled_schema import spec_schema_source
from specrepo.commands.bundled_spec import spec_text
from specrepo.commands.new import NewSpec
from specrepo.compare.likeness import likeness, own_lines, same_spec
from specrepo.configuration.config_file import load_config
from specrepo.history.versions import VersionReader
from specrepo.load.markdown_body import body_sections, parse_body
from specrepo.load.yaml_loader import LoadLimits
from specrepo.model.version import Version, VersionContent
from tests.support import fuzz

ROOT = Path(__file__).parents[2]
CORPUS = sorted([*ROOT.glob("specs/*.yaml"), *ROOT.glob("tests/examples/valid/*.yaml")])
FRESH = [("Rate limiting", date(2026, 1, 1), "Rejected"), ("Billing", date(2026, 1, 1),
                                                            "In Review"),
         ("Audit log", date(2026, 3, 1), "Draft"), ("Quotas", date(2026, 3, 1), "Draft")]
"""Specs as `specrepo new` writes them (mostly template comments), some made the same day."""


@pytest.fixture(scope="module")
def reader() -> VersionReader:
    config = load_config(None, ROOT)
    return VersionReader(LoadLimits(max_bytes=1 << 22), spec_schema_source(config),
                         config.fields)


def read(reader: VersionReader, text: str) -> tuple[Version, VersionContent]:
    version, content = reader.read_with_content(text.encode(), "specs/x.yaml")
    assert content is not None
    return version, content


def corpus(reader: VersionReader) -> dict[str, tuple[Version, VersionContent]]:
    found = {path.name: read(reader, path.read_text(encoding="utf-8")) for path in CORPUS}
    for number, (title, day, status) in enumerate(FRESH, start=10):
        text = spec_text(f"SPEC-{number:04d}", NewSpec(title, "Ada Lovelace", day), "")
        found[title] = read(reader, text.replace("status: Draft", f"status: {status}"))
    return found


def judged_one(old: tuple[Version, VersionContent], new: tuple[Version, VersionContent]
               ) -> bool:
    return same_spec(old[0].title, new[0].title, old[1], new[1])


def test_no_two_specs_of_the_corpus_are_one(reader: VersionReader) -> None:
    specs = corpus(reader)
    assert len(specs) >= 8
    assert [(one, other) for one, other in itertools.combinations(specs, 2)
            if judged_one(specs[one], specs[other])] == []


def test_every_spec_moved_renumbered_and_edited_a_little_is_still_one(
        reader: VersionReader) -> None:
    for path in CORPUS:
        text = path.read_text(encoding="utf-8")
        version, content = read(reader, text)
        assert version.spec_id is not None and version.status is not None
        edited = text.replace(f"id: {version.spec_id}", "id: SPEC-0999", 1) \
            .replace(f"status: {version.status}", "status: Draft", 1)
        assert judged_one((version, content), read(reader, edited)), path.name


def test_a_new_title_or_half_the_content_changed_is_another_spec(
        reader: VersionReader) -> None:
    text = (ROOT / "specs" / "SPEC-0002-render-markdown.yaml").read_text(encoding="utf-8")
    version, content = read(reader, text)
    assert version.title is not None
    retitled = text.replace(version.title, "Something else", 1)
    assert not judged_one((version, content), read(reader, retitled))
    assert likeness(content, read(reader, retitled)[1]) > 0.9  # the title alone decides


def test_comments_headings_and_html_comments_are_no_content() -> None:
    body = body_sections(parse_body(
        "# Title\n\n## Context\n\n<!-- What is the issue?\n  Describe it. -->\n\n"
        "We need a cache.\n\n## Decision\n\nUse Redis.\n"))
    content = VersionContent({"status": "Draft"}, body)
    assert sorted(own_lines(content)) == ["/status: Draft", "Context:We need a cache.",
                                          "Decision:Use Redis."]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


@fuzz(50)
@given(JSON, JSON)
def test_likeness_is_symmetric_and_whole_for_the_same(one: object, other: object) -> None:
    first, second = VersionContent(one), VersionContent(other)  # type: ignore[arg-type]
    assert likeness(first, second) == likeness(second, first)
    assert likeness(first, first) == (1.0 if own_lines(first) else 0.0)  # nothing: no evidence

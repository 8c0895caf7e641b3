"""The `sections:` setting: headings as written in the template, optional ones marked."""

from __future__ import annotations

from typing import Any

import pytest

from specrepo.base.errors import ConfigError
from specrepo.configuration.sections import SectionsConfigError, parse_required_sections
from specrepo.model.config import RequiredSection


def test_entries_are_heading_lines_or_mappings_with_optional() -> None:
    assert parse_required_sections([
        "## Summary", "### **Goals**", {"heading": "## Open Questions", "optional": True},
        {"heading": "#### Deep"}, "# Title",
    ]) == (
        RequiredSection(2, "Summary"), RequiredSection(3, "Goals"),
        RequiredSection(2, "Open Questions", optional=True), RequiredSection(4, "Deep"),
        RequiredSection(1, "Title"),
    )


def test_no_sections_means_none_required() -> None:
    assert parse_required_sections(None) == ()
    assert parse_required_sections([]) == ()


def test_a_required_section_shows_as_its_heading_line() -> None:
    section = RequiredSection(3, "Non-Goals")
    assert section.shown == "### Non-Goals"
    assert section.key == "non-goals"


@pytest.mark.parametrize(
    ("value", "json_path", "words"),
    [
        ("## Summary", ("sections",), "must be a list of headings"),
        (["Summary"], ("sections", 0), "'Summary' is not a heading line"),
        (["## Summary", "##Motivation"], ("sections", 1), "'##Motivation' is not a heading"),
        (["####### Seven"], ("sections", 0), "not a heading line"),
        (["##"], ("sections", 0), "not a heading line"),
        (["## A\n\ntext"], ("sections", 0), "not a heading line"),
        ([2], ("sections", 0), "2 is not a heading line"),
        ([None], ("sections", 0), "None is not a heading line"),
        ([{"optional": True}], ("sections", 0), "has `heading`"),
        ([{"heading": "## A", "level": 2}], ("sections", 0), "may have `optional`"),
        ([{"heading": "A"}], ("sections", 0, "heading"), "'A' is not a heading line"),
        ([{"heading": "## A", "optional": "yes"}], ("sections", 0, "optional"),
         "`optional` is true or false"),
    ],
)
def test_a_bad_entry_is_a_config_error_at_its_place(value: Any, json_path: tuple[Any, ...],
                                                    words: str) -> None:
    with pytest.raises(SectionsConfigError) as caught:
        parse_required_sections(value)
    assert isinstance(caught.value, ConfigError)
    assert caught.value.json_path == json_path
    assert words in str(caught.value)


def test_a_heading_listed_twice_under_the_same_parents_is_a_config_error() -> None:
    with pytest.raises(SectionsConfigError) as caught:
        parse_required_sections(["## Summary", "## Motivation", "## Summary"])
    assert caught.value.json_path == ("sections", 2)
    assert "## Summary is listed twice under the same headings (also sections[0])" in str(
        caught.value)
    # The same heading under different parents is two sections.
    assert len(parse_required_sections(["## Option A", "### Pros", "## Option B",
                                        "### Pros"])) == 4

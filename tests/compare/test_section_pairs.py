"""Which sections of two versions are one section: repeated heading paths matched as a diff
matches lines."""

from __future__ import annotations

from specrepo.compare.section_pairs import SIMILARITY_BUDGET, section_pairs
from specrepo.load.markdown_body import body_sections, parse_body


def pairs(old: str, new: str) -> dict[int, int]:
    return section_pairs(body_sections(parse_body(old)), body_sections(parse_body(new)))


def notes(*texts: str) -> str:
    return "".join(f"## Notes\n\n{text}\n\n" for text in texts)


def test_sections_written_once_pair_by_path() -> None:
    assert pairs("Intro.\n\n## A\n\nx\n\n## B\n\ny\n", "## B\n\nz\n\n## C\n") == {0: 0, 2: 1}


def test_a_changed_section_pairs_with_the_most_similar_between_unchanged_ones() -> None:
    old = notes("The queue keeps jobs in order.", "Keep.")
    new = notes("Something else entirely.", "The queue keeps jobs in order, mostly.", "Keep.")
    assert pairs(old, new) == {0: 0, 1: 2, 2: 3}


def test_too_many_changed_sections_between_unchanged_ones_pair_in_order() -> None:
    count = int(SIMILARITY_BUDGET ** 0.5) + 1
    old = notes(*(f"Old {number}." for number in range(count)))
    new = notes(*(f"New {number}." for number in range(count + 1)))
    assert pairs(old, new) == {0: 0, **{number: number for number in range(1, count + 1)}}


def test_a_heading_retyped_in_another_case_or_unicode_form_is_the_same_section() -> None:
    """`## Sécurité` saved decomposed (e + U+0301) or upper-cased is the section it was
    (`heading_key`), changed, not one removed and another added (trial43)."""
    old = "## S\u00e9curit\u00e9\n\nx\n\n## B\n\ny\n"
    assert pairs(old, "## Se\u0301curite\u0301\n\nx\n\n## B\n\ny\n") == {0: 0, 1: 1, 2: 2}
    assert pairs(old, "## S\u00c9CU\u200bRIT\u00c9\n\nx\n") == {0: 0, 1: 1}

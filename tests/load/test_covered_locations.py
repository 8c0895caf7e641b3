"""A location another takes whole adds no spec file: what lets the walk over history go on
past a narrowed `specs:` without walking it all again."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specrepo.load.covered_locations import covered, reads_within
from specrepo.load.locations import SpecLocation, location_matcher

TEMPLATE = ("keps/NNNN-kep-template",)
KEPS = SpecLocation("glob", "keps/**/kep.yaml", False, TEMPLATE)


@pytest.mark.parametrize(("inner", "outer", "expected"), [
    (SpecLocation("glob", "keps/sig-node/**/kep.yaml", False, TEMPLATE), KEPS, True),
    (SpecLocation("glob", "keps/sig-node/*/kep.yaml", False, TEMPLATE), KEPS, True),
    (SpecLocation("glob", "keps/*/kep.yaml", False, TEMPLATE), KEPS, True),
    (SpecLocation("glob", "keps/kep.yaml", False, TEMPLATE), KEPS, True),
    (KEPS, KEPS, True),
    # An exclusion the walked one has and the named one lacks: the template's file.
    (SpecLocation("glob", "keps/sig-node/**/kep.yaml"), KEPS, False),
    # Markdown specs are read otherwise.
    (SpecLocation("glob", "keps/sig-node/**/kep.yaml", True, TEMPLATE), KEPS, False),
    (SpecLocation("glob", "keps/**/other.yaml", False, TEMPLATE), KEPS, False),
    (SpecLocation("glob", "kep/**/kep.yaml", False, TEMPLATE), KEPS, False),
    (SpecLocation("glob", "keps*/kep.yaml", False, TEMPLATE), KEPS, False),
    # `x**/` reaches `keps/xkep.yaml`, which `keps/**/kep.yaml` does not take.
    (SpecLocation("glob", "keps/x**/kep.yaml", False, TEMPLATE), KEPS, False),
    (SpecLocation("glob", "keps/[ab]/kep.yaml", False, TEMPLATE), KEPS, False),
    (SpecLocation("glob", "**/kep.yaml", False, TEMPLATE), KEPS, False),
    (SpecLocation("file", "keps/a/kep.yaml", False, TEMPLATE), KEPS, True),
    (SpecLocation("file", "keps/NNNN-kep-template/kep.yaml", False, TEMPLATE), KEPS, False),
    (SpecLocation("folder", "specs/team"), SpecLocation("folder", "specs"), True),
    (SpecLocation("folder", "specs"), SpecLocation("folder", "."), True),
    # Discovery skips hidden folders: below `specs` these files are no specs.
    (SpecLocation("folder", "specs/.old/x"), SpecLocation("folder", "specs"), False),
    (SpecLocation("folder", "spec"), SpecLocation("folder", "specs"), False),
    (SpecLocation("folder", "specs/team"), SpecLocation("glob", "specs/**/*.yaml"), False),
])
def test_what_a_location_covers(inner: SpecLocation, outer: SpecLocation,
                                expected: bool) -> None:
    assert covered(inner, [SpecLocation("folder", "elsewhere"), outer]) is expected


_PARTS = ["k", "a", "*", "**", "?", "k*", "*k", ".h", "x.yaml", "[ab]", "\\*"]
_NAMES = ["k", "a", "b", "ab", "kk", ".h", "x.yaml", "x.YAML", "y.yaml", "*"]
_parts = st.lists(st.sampled_from(_PARTS), max_size=2)


@settings(max_examples=200, deadline=None)
@given(_parts, _parts, _parts, st.sampled_from(_PARTS), st.booleans(),
       st.sampled_from(["folder", "glob"]), st.sampled_from(["folder", "glob"]),
       st.lists(st.sampled_from(["k/a", "a", "k/*"]), max_size=2))
def test_a_covered_location_takes_no_file_the_other_does_not(
        start: list[str], more: list[str], middle: list[str], name: str, below: bool,
        inner_kind: str, outer_kind: str, excluded: list[str]) -> None:
    """Locations shaped as `covered` looks for (`<start>/**/<name>` and a glob or folder
    inside or beside it), and any others: where one is covered, the matcher of both
    takes the files of the other alone."""
    exclude = tuple(sorted(set(excluded)))
    outer = SpecLocation(outer_kind, "/".join([*start, "**", name]) if outer_kind == "glob"  # type: ignore[arg-type]
                         else "/".join(start) or ".", False, exclude[:1])
    inner = SpecLocation(inner_kind, "/".join([*start, *more, *middle,  # type: ignore[arg-type]
                                               *([name] if inner_kind == "glob" else [])])
                         if below else "/".join([*more, *middle, name]), False, exclude)
    if not covered(inner, [outer]):
        return
    alone, together = location_matcher([outer]), location_matcher([outer, inner])
    for depth in range(1, 4):
        for names in itertools.product(_NAMES, repeat=depth):
            path = "/".join(names)
            assert together(path) == alone(path), path


_place = st.builds(SpecLocation, st.sampled_from(["file", "folder", "glob"]),
                   st.sampled_from(["k", "k/a", "k/**/x.yaml", "k/*/x.yaml", "k/a/**/x.yaml",
                                    "k/a/x.yaml", "**/x.yaml", "k/.h/x.yaml"]),
                   st.just(False),
                   st.lists(st.sampled_from(["k/a", "k/*"]), max_size=1).map(tuple))


@settings(max_examples=200, deadline=None)
@given(st.lists(_place, min_size=1, max_size=3), st.lists(_place, min_size=1, max_size=3))
def test_locations_read_within_others_take_no_file_those_do_not(
        located: list[SpecLocation], walked: list[SpecLocation]) -> None:
    """What set membership skips listing a commit's tree for: a configuration version
    whose every spec file the walk's locations take."""
    if not reads_within(located, walked):
        return
    reads, follows = location_matcher(located), location_matcher(walked)
    for depth in range(1, 4):
        for names in itertools.product(_NAMES, repeat=depth):
            path = "/".join(names)
            assert follows(path) or not reads(path), path

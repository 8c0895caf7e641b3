"""Item references: their syntax, and resolving them with a did-you-mean on both parts."""

from __future__ import annotations

import pytest

from specrepo.model.references import (
    ItemReference,
    KnownItems,
    ReferenceSyntaxError,
    UnknownReference,
    parse_item_reference,
)

KNOWN = KnownItems.of({"SPEC-0042": ["FR-1", "FR-3", "NFR-1"], "SPEC-0007": [],
                       "ADR-0001": ["O-1", "O-2"], "sig/kep-12": ["r-1"]})


@pytest.mark.parametrize(("text", "spec", "item"), [
    ("SPEC-0042/FR-3", "SPEC-0042", "FR-3"),
    ("  SPEC-0042/FR-3 ", "SPEC-0042", "FR-3"),
    ("sig/kep-12/r-1", "sig/kep-12", "r-1"),  # a custom id holding `/`: split at the last
])
def test_parse(text: str, spec: str, item: str) -> None:
    reference = parse_item_reference(text)
    assert reference == ItemReference(spec, item)
    assert str(reference) == f"{spec}/{item}"


@pytest.mark.parametrize("text", ["FR-3", "SPEC-0042/", "/FR-3", "", "SPEC 0042/FR-3",
                                  "SPEC-0042/FR 3"])
def test_not_a_reference(text: str) -> None:
    with pytest.raises(ReferenceSyntaxError, match="is not a reference to an item; write spec "
                       "id/item id, such as SPEC-0042/FR-3"):
        parse_item_reference(text)


def test_known_references_resolve_to_themselves() -> None:
    for text in ("SPEC-0042/FR-3", "ADR-0001/O-2", "sig/kep-12/r-1"):
        assert KNOWN.resolve(parse_item_reference(text)) == parse_item_reference(text)


@pytest.mark.parametrize(("text", "unknown", "suggestion", "message"), [
    # Another number is another spec or item, not a typo: no suggestion.
    ("SPEC-0043/FR-3", "spec", None, "SPEC-0043/FR-3 names no spec SPEC-0043"),
    ("SPEC-0042/FR-4", "item", None, "SPEC-0042/FR-4 names no item FR-4 of SPEC-0042"),
    # A misspelt prefix, padding, case or dash.
    ("SPCE-0042/FR-4", "spec", "SPEC-0042",
     "SPCE-0042/FR-4 names no spec SPCE-0042; did you mean SPEC-0042?"),
    ("SPEC-042/Q-99", "spec", "SPEC-0042",
     "SPEC-042/Q-99 names no spec SPEC-042; did you mean SPEC-0042?"),
    ("SPEC-42/FR-3", "spec", "SPEC-0042/FR-3",
     "SPEC-42/FR-3 names no spec SPEC-42; did you mean SPEC-0042/FR-3?"),
    ("SPCE-0042/FR-3", "spec", "SPEC-0042/FR-3",
     "SPCE-0042/FR-3 names no spec SPCE-0042; did you mean SPEC-0042/FR-3?"),
    ("spec-0042/FR-3", "spec", "SPEC-0042/FR-3",
     "spec-0042/FR-3 names no spec spec-0042; did you mean SPEC-0042/FR-3?"),
    ("SPEC-0042/FR3", "item", "SPEC-0042/FR-3",
     "SPEC-0042/FR3 names no item FR3 of SPEC-0042; did you mean SPEC-0042/FR-3?"),
    ("SPEC-0042/fr-3", "item", "SPEC-0042/FR-3",
     "SPEC-0042/fr-3 names no item fr-3 of SPEC-0042; did you mean SPEC-0042/FR-3?"),
    ("SPEC-0007/FR-1", "item", None, "SPEC-0007/FR-1 names no item FR-1 of SPEC-0007"),
    ("PROJ-1/X-1", "spec", None, "PROJ-1/X-1 names no spec PROJ-1"),
    # newuser71: a look-alike dash, shown apart from the id meant (`caseless.told_apart`).
    ("SPEC\u20110042/FR-3", "spec", "SPEC-0042/FR-3", "SPEC<U+2011>0042/FR-3 names no spec "
     "SPEC<U+2011>0042; did you mean SPEC-0042/FR-3?"),
    ("SPEC-0042/FR\u20133", "item", "SPEC-0042/FR-3", "SPEC-0042/FR<U+2013>3 names no item "
     "FR<U+2013>3 of SPEC-0042; did you mean SPEC-0042/FR-3?"),
])
def test_unknown_references(text: str, unknown: str, suggestion: str | None,
                            message: str) -> None:
    resolved = KNOWN.resolve(parse_item_reference(text))
    assert isinstance(resolved, UnknownReference)
    assert (resolved.unknown, resolved.suggestion, resolved.message) == (
        unknown, suggestion, message)


def test_spec_suggestions_among_thousands() -> None:
    known = KnownItems.of({f"SPEC-{number:04d}": ["FR-1"] for number in range(1, 3001)})
    for written, suggested in [("SPEC-3001/FR-1", None),
                               ("SPEC-13/FR-1", "SPEC-0013/FR-1"),
                               ("SEPC-0013/FR-1", "SPEC-0013/FR-1"),
                               ("SPEC-00130/FR-1", "SPEC-0130/FR-1"),
                               ("TICKET-77/FR-1", None)]:
        resolved = known.resolve(parse_item_reference(written))
        assert isinstance(resolved, UnknownReference)
        assert resolved.suggestion == suggested


def test_ignore_case_matches_one_spelling_and_gives_the_specs() -> None:
    assert KNOWN.resolve(ItemReference("spec-0042", "fr-3"), ignore_case=True) == \
        ItemReference("SPEC-0042", "FR-3")
    assert isinstance(KNOWN.resolve(ItemReference("spec-0042", "FR-3")), UnknownReference)
    twins = KnownItems.of({"S-1": ["a-b", "A-b"]})
    assert twins.resolve(ItemReference("S-1", "A-b"), ignore_case=True) == \
        ItemReference("S-1", "A-b")
    # Two items spelled alike but for case: which one is meant is not known.
    assert isinstance(twins.resolve(ItemReference("S-1", "A-B"), ignore_case=True),
                      UnknownReference)

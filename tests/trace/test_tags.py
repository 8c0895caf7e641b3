"""The tag finder: references in any language's comments, strings and test names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.model.references import ItemReference
from specrepo.trace.tags import ReferenceFinder, reference_grammar
from tests.support import fuzz

FINDER = ReferenceFinder(reference_grammar("SPEC", ["SPEC-0042", "ADR-0001", "0034",
                                                    "kep.12"]))


def found(text: str) -> list[tuple[str, str, int, str]]:
    return [(str(match.reference), match.written, match.column, match.spelling)
            for match in FINDER.find(text)]


@pytest.mark.parametrize(("line", "expected"), [
    # Comments and strings of many languages: the canonical spelling.
    ("# Implements SPEC-0042/FR-3.", [("SPEC-0042/FR-3", "SPEC-0042/FR-3", 14, "canonical")]),
    ("// SPEC-0042/FR-3, SPEC-0042/NFR-1: limits",
     [("SPEC-0042/FR-3", "SPEC-0042/FR-3", 4, "canonical"),
      ("SPEC-0042/NFR-1", "SPEC-0042/NFR-1", 20, "canonical")]),
    ("/* see (SPEC-0042/FR-3) */", [("SPEC-0042/FR-3", "SPEC-0042/FR-3", 9, "canonical")]),
    ("-- SQL: SPEC-0042/FR-12", [("SPEC-0042/FR-12", "SPEC-0042/FR-12", 9, "canonical")]),
    ('it("rejects an empty password [SPEC-0042/FR-4]", () => {',
     [("SPEC-0042/FR-4", "SPEC-0042/FR-4", 32, "canonical")]),
    ('    t.Run("SPEC-0042/FR-3", func(t *testing.T) {',
     [("SPEC-0042/FR-3", "SPEC-0042/FR-3", 12, "canonical")]),
    ('@DisplayName("SPEC-0042/FR-3 accepts a valid password")',
     [("SPEC-0042/FR-3", "SPEC-0042/FR-3", 15, "canonical")]),
    ('#[doc = "ADR-0001/O-2"]', [("ADR-0001/O-2", "ADR-0001/O-2", 10, "canonical")]),
    ("<!-- 0034/R-1 --> ", [("0034/R-1", "0034/R-1", 6, "canonical")]),
    ("SPEC-0042/FR-3/SPEC-0042/FR-4", [("SPEC-0042/FR-3", "SPEC-0042/FR-3", 1, "canonical"),
                                       ("SPEC-0042/FR-4", "SPEC-0042/FR-4", 16, "canonical")]),
    ("SPEC-0099/req_login.v2-beta;", [("SPEC-0099/req_login.v2-beta",
                                       "SPEC-0099/req_login.v2-beta", 1, "canonical")]),
    # Names: functions, methods and classes of many languages.
    ("def test_spec_0042_fr_3_rejects_empty():",
     [("SPEC-0042/FR-3", "spec_0042_fr_3", 10, "name")]),
    ("func TestSPEC_0042_FR_4(t *testing.T) {", [("SPEC-0042/FR-4", "SPEC_0042_FR_4", 10, "name")]),
    ("    void SPEC_0042_FR_5_storesSessions() {",
     [("SPEC-0042/FR-5", "SPEC_0042_FR_5", 10, "name")]),
    ("fn adr_0001_o_2_is_chosen() {", [("ADR-0001/O-2", "adr_0001_o_2", 4, "name")]),
    ("class Test_SPEC_0042_NFR_12x:", [("SPEC-0042/NFR-12", "SPEC_0042_NFR_12", 12, "name")]),
    # Any letter case, in both spellings (resolved ignoring case, as a property's value).
    ("t.Run(\"spec-0042/fr-1\") Spec-0042/FR-2 kep.12/a KEP.12/b",
     [("spec-0042/fr-1", "spec-0042/fr-1", 8, "canonical"),
      ("Spec-0042/FR-2", "Spec-0042/FR-2", 25, "canonical"),
      ("kep.12/a", "kep.12/a", 40, "canonical"), ("KEP.12/b", "KEP.12/b", 49, "canonical")]),
    ("void testSpec_0042_fr_3() TestSpec_0042_Fr_4",
     [("SPEC-0042/FR-3", "Spec_0042_fr_3", 10, "name"),
      ("SPEC-0042/FR-4", "Spec_0042_Fr_4", 31, "name")]),
    # Not references.
    ("XSPEC-0042/FR-1 SPEC1-0042/FR-1 SPEC-0042 FR-3 SPEC-0042/ x \u017fpec-0042/FR-1", []),
    ("myspec_0042_fr_3 specs_0042_fr_3 spec_0042_fr spec_0042_3", []),
    ("2024/05/01 1/2 PROJ-12/X-1 1234/FR-1", []),  # 0034 is known; other numbers are not
])
def test_references_in_a_line(line: str, expected: list[tuple[str, str, int, str]]) -> None:
    assert found(line) == expected


def test_grammar_takes_prefixes_from_the_config_and_the_known_ids() -> None:
    grammar = reference_grammar("SPEC", ["REQ-1", "ADR-0001", "kep.12", "0034", "SPEC-1"])
    assert grammar.prefixes == ("SPEC", "ADR", "REQ")
    assert grammar.other_ids == {"kep.12", "0034"}
    finder = ReferenceFinder(grammar)
    assert [str(match.reference) for match in finder.find(
        "REQ-9/a kep.12/b kep.13/c 0034/d 0035/e")] == ["REQ-9/a", "kep.12/b", "0034/d"]


def test_the_git_pattern() -> None:
    finder = ReferenceFinder(reference_grammar("SPEC", ["ADR-0001", "kep.12", "0034"]))
    assert finder.git_pattern() == (
        r"(([Ss][Pp][Ee][Cc]|[Aa][Dd][Rr])-[0-9]+|[Kk][Ee][Pp]\.[0-9]+|[0-9]+)"
        "/([A-Za-z0-9]|[^ -~])"
        "|([Ss][Pp][Ee][Cc]|[Aa][Dd][Rr])_[0-9]+_[A-Za-z]+_[0-9]")


def test_a_name_reads_as_the_canonical_spelling() -> None:
    (match,) = FINDER.find("test_Spec_0042_nFr_7")
    assert match.reference == ItemReference("SPEC-0042", "NFR-7")


TEXT = st.text(st.sampled_from(list("SPECspecADRkKepP0123456789_-/.FRNfrn xX(")), max_size=40)


@fuzz(300)
@given(TEXT)
def test_the_git_pattern_matches_every_line_with_a_reference(line: str) -> None:
    # The ERE is also a Python expression with the same meaning (no look-around, no
    # flags, no escapes but `\.`), so Python's `re` can stand in for git here.
    if FINDER.find(line):
        assert re.search(FINDER.git_pattern(), line)


@fuzz(100)
@given(TEXT)
def test_found_references_are_where_they_are_written(line: str) -> None:
    end = 0
    for match in FINDER.find(line):
        start = match.column - 1
        assert line[start:start + len(match.written)] == match.written
        assert start >= end  # none overlap
        end = start + len(match.written)


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2212", "\uff0d"])
def test_an_item_id_with_a_look_alike_hyphen_is_read_whole(dash: str) -> None:
    """`FR<U+2011>1` is a look-alike of `FR-1` (a dangling reference that suggests it),
    never the item `FR`; an en or em dash, which prose writes, still ends the id."""
    assert found(f"# SPEC-0042/FR{dash}1 here") == [
        (f"SPEC-0042/FR{dash}1", f"SPEC-0042/FR{dash}1", 3, "canonical")]
    assert found("SPEC-0042/FR-3\u2014see") == [
        ("SPEC-0042/FR-3", "SPEC-0042/FR-3", 1, "canonical")]

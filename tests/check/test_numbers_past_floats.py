"""Schema keywords on numbers past a float's range, and JSON Pointers past any list's
length, give a finding or a schema error naming the place, never an internal error
(trial52: jsonschema's `multipleOf` divided a 400-digit integer by a float and raised
`OverflowError`; `referencing` read a pointer's step into a list with Python's `int()`)."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.multiples import is_multiple
from tests.history.gitrepo import GitRepo
from tests.support import run_cli

BIG = 10 ** 400
NUMBERS = st.one_of(st.integers(min_value=-(10 ** 500), max_value=10 ** 500),
                    st.floats(allow_nan=True, allow_infinity=True))
DIVISORS = st.one_of(st.integers(min_value=1, max_value=10 ** 500),
                     st.floats(min_value=1e-300, max_value=1e300))


@given(NUMBERS, DIVISORS)
def test_is_multiple_agrees_with_jsonschema_wherever_it_gives_a_verdict(
        instance: int | float, divisor: int | float) -> None:
    stock = jsonschema.Draft202012Validator({"multipleOf": divisor})
    try:
        expected = stock.is_valid(instance)
    except (OverflowError, ValueError):  # no verdict: ours must still give one
        assert isinstance(is_multiple(instance, divisor), bool)
        return
    if isinstance(instance, float) and not math.isfinite(instance):
        assert not is_multiple(instance, divisor)
    elif (isinstance(instance, int) and isinstance(divisor, int)) or abs(
            instance / divisor) < 2 ** 52:  # float division without overflow: the same
        assert is_multiple(instance, divisor) == expected


@given(st.integers(min_value=-(10 ** 500), max_value=10 ** 500),
       st.sampled_from([0.5, 0.25, 0.1, 0.01, 2.0, 3.0]))
def test_an_integer_past_a_floats_range_is_judged_exactly(base: int, divisor: float) -> None:
    """The decimal the divisor is written as decides (`0.1` is a tenth)."""
    instance = base * BIG
    exact = Fraction(instance) / Fraction(repr(divisor))
    assert is_multiple(instance, divisor) == (exact.denominator == 1)
    assert is_multiple(instance + 1, 2.0) == ((instance + 1) % 2 == 0)


SCHEMA = {"type": "object", "properties": {
    "tenth": {"multipleOf": 0.1}, "three": {"multipleOf": 3},
    "huge": {"multipleOf": BIG}, "half": {"multipleOf": 0.5},
    "least": {"minimum": BIG}, "most": {"exclusiveMaximum": -BIG}}}


def _own_schema(git_repo: GitRepo, schema: object, spec: str) -> None:
    git_repo.write("s.json", json.dumps(schema))
    git_repo.write("specrepo.yaml", "specs: specs\nschema: s.json\nfields: {id: id, title: "
                   "null, status: null, authors: null, reviewers: null, created: null, "
                   "updated: null}\nrules: {file-name: off}\n")
    git_repo.write("specs/a.yaml", f"id: A-1\n{spec}")


def test_numbers_past_a_floats_range_get_findings_at_their_lines(git_repo: GitRepo) -> None:
    """Every integer is a multiple of a tenth and of a half (exactly, past a float)."""
    _own_schema(git_repo, SCHEMA, f"tenth: {BIG * 10 + 1}\nthree: {BIG - 2}\nhuge: 1.5\n"
                f"half: {BIG + 1}\nleast: 1e300\nmost: {-BIG}\n")
    result = run_cli("validate", "--format", "json", no_traceback=True)
    assert result.exit_code == 1, result.output
    assert [(one["line"], one["rule"]) for one in json.loads(result.stdout)["findings"]] == [
        (3, "schema"), (4, "schema"), (6, "schema"), (7, "schema")]
    _own_schema(git_repo, SCHEMA, f"tenth: {BIG * 10}\nthree: {BIG - 1}\nhuge: {BIG * 7}\n"
                f"half: {BIG + 1}\nleast: {BIG}\n")
    assert run_cli("validate", no_traceback=True).exit_code == 0


def test_a_subschema_naming_its_own_draft_judges_exactly_too(git_repo: GitRepo) -> None:
    """A subschema's own `$schema` keeps specrepo's `divisibleBy` (fmt59: it brought
    jsonschema's own back, and a number past a float's range stopped the run, exit 2)."""
    for divisor, code in ((0.5, 0), (2, 1)):
        _own_schema(git_repo, {"properties": {"n": {
            "$schema": "http://json-schema.org/draft-03/schema#", "divisibleBy": divisor}}},
            f"n: {BIG + 1}\n")
        result = run_cli("validate", no_traceback=True)
        assert result.exit_code == code, result.output


@pytest.mark.parametrize("token", ["-1", "abc", "9" * 5000, "99999999999999999999999",
                                   " 0", "0_0", "01", "+0", "0/type/0", "%2D1"])
def test_a_pointer_step_that_is_no_array_index_points_to_nothing(
        git_repo: GitRepo, token: str) -> None:
    """RFC 6901: an array index is `0` or digits without a leading zero; Python's
    `int()` would read `-1` as the last item and fail on `abc` or 5,000 digits."""
    _own_schema(git_repo, {"allOf": [{"type": "object"}, {}], "properties": {
        "n": {"$ref": f"#/allOf/{token}"}}}, "n: 3\n")
    result = run_cli("validate", no_traceback=True)
    assert result.exit_code == 2, result.output
    assert "points to nothing: no value at the JSON Pointer '/allOf/" in result.output


def test_a_pointer_step_that_is_an_array_index_leads_there(git_repo: GitRepo) -> None:
    _own_schema(git_repo, {"allOf": [{"type": "object"}, {}], "properties": {
        "n": {"$ref": "#/allOf/0"}, "m": {"$ref": "#/allOf/1"}}}, "n: 3\nm: 3\n")
    result = run_cli("validate", "--format", "json", no_traceback=True)
    assert [(one["line"], one["rule"]) for one in json.loads(result.stdout)["findings"]] == [
        (2, "schema")]

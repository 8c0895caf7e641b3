"""The YAML test suite (yaml/yaml-test-suite, vendored in tests/yaml_test_suite/) against
specrepo's YAML loader, with each of PyYAML's parsers (libyaml's, when installed, and the
pure-Python one).

What a spec repository relies on: no YAML text is read as a value other than the one YAML
1.2 gives it (a spec must mean the same in every tool), and whatever cannot be read is
refused with a finding, never with a traceback. PyYAML is not a complete YAML 1.2 parser,
so some valid text is refused and some invalid text is read; those cases are listed here,
each set exactly (a case that starts or stops deviating fails the test, so the lists and
the README's "YAML" section stay true).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest
import yaml

from specrepo.load.yaml_builder import PARSER, USING_LIBYAML
from specrepo.load.yaml_loader import load_yaml_value
from specrepo.load.yaml_text import YamlError

SUITE: Final = Path(__file__).parents[1] / "yaml_test_suite" / "cases.json"


@dataclass(frozen=True)
class Case:
    """One test: the YAML text, whether YAML 1.2 refuses it, and its documents as JSON."""

    id: str
    name: str
    yaml: str
    fail: bool
    json: list[Any] | None


CASES: Final = [Case(**entry) for entry in json.loads(SUITE.read_text(encoding="utf-8"))]
PARSERS: Final = {"SafeLoader": yaml.SafeLoader,
                  **({"CSafeLoader": PARSER} if USING_LIBYAML else {})}

POLICY_RULES: Final = {
    "yaml-empty": "a spec file must hold a document",
    "yaml-structure": "one document per file",
    "yaml-key": "keys are strings (no null, list or mapping keys)",
    "yaml-tag": "plain data only: no tags beyond the core schema's",
}
"""Refusals by design (README, "YAML"), whatever YAML 1.2 allows."""

MISREAD: Final = {"L24T:1"}
"""Read, as a different value: a literal block scalar whose last line holds only spaces,
at the end of a file with no final line break (`foo: |\\n  x\\n   `): YAML 1.2 gives
"x\\n \\n", PyYAML "x\\n ". The one such case left; the others PyYAML misreads are refused
(`specrepo/load/yaml_misreads.py`)."""


def _ids(*groups: str) -> set[str]:
    """Case ids written as space-separated groups."""
    return {case for group in groups for case in group.split()}


_BOTH_REFUSE: Final = _ids(
    # flow collections: a key or value on the line after its `:`, `:` right before a value,
    # a multi-line key
    "4MUZ:0 4MUZ:1 4MUZ:2 58MP:0 5MUD:0 5T43:0 9SA2:0 DBG4:0 FRK4:0 HM87:0 K3WX:0 "
    "NJ66:0 UT92:0 VJP3:1 "
    # tabs where YAML 1.2 allows them as separation
    "6BCT:0 6CA3:0 A2M4:0 DK95:0 DK95:3 DK95:4 Q5MG:0 Y79Y:10 "
    # anchor names of characters beyond letters, digits, `-` and `_`
    "2SXE:0 8XYN:0 W5VH:0 "
    # `%YAML 1.3`, which YAML 1.2 reads with a warning: libyaml refuses it, and specrepo
    # names the versions it reads with both parsers (`yaml_versions`)
    "BEC7:0 "
    # document markers: a bare document after `...`, `...` alone, a zero-indented block
    # scalar on the `---` line
    "7Z25:0 DK3J:0 FP8R:0 HWV9:0 M7A3:0 QT73:0 W4TN:0 "
    # misread otherwise, refused (yaml_misreads): `?` right before a flow node, an anchor
    # name PyYAML ends at `:`
    "652Z:0 HM87:1 Y2GN:0",
)
EMPTY_KEYS: Final = _ids(
    # an entry with no key (`: value`, `{: value}`): YAML 1.2 reads a null key, PyYAML's
    # parsers refuse it; refused as the key that is not text (`{? : value}`) is, by policy
    "2JQS:0 6M2F:0 CFD4:0 NHX8:0 NKF9:0 S3PD:0 SM9W:1 UKK6:0")
REFUSED_VALID: Final = {
    "CSafeLoader": {*_BOTH_REFUSE, *_ids(
        # libyaml: unknown directives (`%FOO`, `%YAM`); tabs in block scalars; a plain
        # scalar holding `:` in a flow mapping (`http://foo.com,`)
        "2LFX:0 6LVF:0 MUS6:5 MUS6:6 96NN:0 96NN:1 R4YG:0 Y79Y:1 4ABK:0")},
    "SafeLoader": {*_BOTH_REFUSE, *_ids(
        # the pure-Python scanner: more tabs as separation (a tab in a `%YAML` directive
        # too), `?` inside plain text in a flow collection
        "6HB6:0 DC7X:0 DK95:5 DK95:7 HS5T:0 J3BT:0 K54U:0 NB6Z:0 UV7Q:0 Y79Y:2 MUS6:3 "
        "JR7V:0")},
}
"""Valid YAML 1.2 that PyYAML's parser refuses (a syntax error naming the place; never a
policy rule's finding, never a wrong value)."""

_BOTH_ACCEPT: Final = _ids(
    # flow and quoted scalars less indented than their mapping; a comment with no space
    # before `#` after a flow collection or a quoted scalar; `-` as a flow value; more
    # indented spaces before a block scalar's first line; a tab starting a quoted line
    "9C9N:0 QB6E:0 9JBA:0 CVW2:0 SU5Z:0 G5U8:0 YJV2:0 S98Z:0 DK95:1",
)
ACCEPTED_INVALID: Final = {
    "CSafeLoader": {*_BOTH_ACCEPT, *_ids(
        # libyaml: `%YAML 1.1#...`, `>#` with no space, a tab indenting a flow entry
        "MUS6:0 X4QW:0 Y79Y:3")},
    "SafeLoader": _BOTH_ACCEPT,
}
"""Invalid YAML 1.2 that PyYAML reads anyway, as the value a reader would expect."""


def _outcome(case: Case, parser: Callable[[str], Any]) -> tuple[str, Any]:
    """('refused', rule) or ('read', data); any other exception fails the test."""
    try:
        return "read", load_yaml_value(case.yaml.encode("utf-8"), parser=parser).data
    except YamlError as error:
        assert error.message and error.rule, case.id
        return "refused", error.rule


@pytest.fixture(params=sorted(PARSERS), scope="module")
def outcomes(request: pytest.FixtureRequest) -> tuple[str, dict[str, tuple[str, Any]]]:
    name = request.param
    return name, {case.id: _outcome(case, PARSERS[name]) for case in CASES}


def test_the_suite_is_all_there() -> None:
    assert len(CASES) == 402
    assert sum(case.fail for case in CASES) == 94


def test_no_value_is_read_other_than_yaml_1_2_reads_it(
        outcomes: tuple[str, dict[str, tuple[str, Any]]]) -> None:
    _, found = outcomes
    misread = {case.id for case in CASES
               if not case.fail and case.json is not None and len(case.json) == 1
               and found[case.id][0] == "read" and found[case.id][1] != case.json[0]}
    assert misread == MISREAD


def test_valid_yaml_is_refused_only_by_policy_or_a_known_parser_limit(
        outcomes: tuple[str, dict[str, tuple[str, Any]]]) -> None:
    name, found = outcomes
    refused = {case.id: found[case.id][1] for case in CASES
               if not case.fail and found[case.id][0] == "refused"}
    assert set(refused.values()) <= {*POLICY_RULES, "yaml-syntax"}
    assert {case for case, rule in refused.items() if rule == "yaml-syntax"} == \
        REFUSED_VALID[name]
    assert {case for case in EMPTY_KEYS if refused.get(case) == "yaml-key"} == EMPTY_KEYS


def test_invalid_yaml_read_anyway_is_the_known_list(
        outcomes: tuple[str, dict[str, tuple[str, Any]]]) -> None:
    name, found = outcomes
    accepted = {case.id for case in CASES if case.fail and found[case.id][0] == "read"}
    assert accepted == ACCEPTED_INVALID[name]

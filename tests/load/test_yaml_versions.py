"""The `%YAML` directive (trial52: `%YAML 1.1` was read as YAML 1.2 in silence, and
`%YAML 2.0` gave libyaml's bare "found incompatible YAML document")."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from specrepo.load.document import Position
from specrepo.load.yaml_loader import YamlError, load_yaml

PARSERS: list[Any] = [yaml.SafeLoader, *([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])]
WORDS = ["yes", "No", "ON", "off", "y", "n", "0777", "-017", "1_000", "1:20", "-1:30:00.5",
         "=", "1e3", "0o17", "0b101", "0x1F", "+12", "1.5", ".inf", "~", "null", "true",
         "2024-01-02", "2024-01-02 10:00:00", "text", "12", "0", "-0.0", "<<x", ".5", "1."]


def _read_11(text: str) -> Any:
    """What a YAML 1.1 tool (PyYAML) reads `text` as, made JSON-shaped as specrepo makes
    values: dates and times the text written, infinities text."""
    value = yaml.safe_load(f"k: {text}\n")["k"]
    if isinstance(value, datetime.date) or (isinstance(value, float)
                                            and not math.isfinite(value)):
        return text
    return value


def _problems(raw: str, parser: Any) -> tuple[YamlError, ...]:
    try:
        load_yaml(raw.encode(), parser=parser)
    except YamlError as error:
        return error.every
    return ()


@pytest.mark.parametrize("parser", PARSERS)
@given(st.sampled_from(WORDS))
def test_a_value_yaml_1_1_reads_otherwise_is_named_with_both_readings(
        parser: Any, text: str) -> None:
    declared = _problems(f"%YAML 1.1\n---\nid: A-1\nk: {text}\n", parser)
    data = load_yaml(f"id: A-1\nk: {text}\n".encode(), parser=parser).data
    assert isinstance(data, dict)
    undeclared = data["k"]
    read_11 = _read_11(text) if text != "=" else "the value type"
    if type(read_11) is type(undeclared) and read_11 == undeclared:
        assert declared == ()
        return
    assert [(one.rule, one.position) for one in declared] == [("yaml-syntax", Position(4, 4))]
    assert declared[0].message.startswith(f"`{text}` reads as ")
    assert "in YAML 1.2, which specrepo reads, but as " in declared[0].message
    assert "in YAML 1.1, which the file's `%YAML 1.1` declares" in declared[0].message


@pytest.mark.parametrize("parser", PARSERS)
def test_each_value_and_key_read_otherwise_is_a_problem_and_the_data_stays_yaml_1_2(
        parser: Any) -> None:
    problems = _problems("%YAML 1.1\n---\nid: A-1\nyes: on\nmode: 0777\nok: 'yes'\n", parser)
    assert [(one.position, one.message.split(" in YAML 1.2")[0]) for one in problems] == [
        (Position(4, 1), "`yes` reads as the text 'yes'"),
        (Position(4, 6), "`on` reads as the text 'on'"),
        (Position(5, 7), "`0777` reads as the number 777")]
    assert "but as the number 511 in YAML 1.1" in problems[2].message


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("directive", ["%YAML 1.1", "%YAML 1.2"])
def test_a_file_both_versions_read_alike_has_no_problem(parser: Any, directive: str) -> None:
    raw = f"# a spec\n{directive}\n---\nid: A-1\ncount: 12\ncreated: 2024-01-02\nok: true\n"
    assert load_yaml(raw.encode(), parser=parser).data == {
        "id": "A-1", "count": 12, "created": "2024-01-02", "ok": True}


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("version", ["1.0", "1.3", "1.10", "2.0"])
def test_a_version_neither_1_1_nor_1_2_is_named_at_its_directive(parser: Any,
                                                                 version: str) -> None:
    problems = _problems(f"# a spec\n%YAML {version}\n---\nid: A-1\n", parser)
    assert [(one.rule, one.position) for one in problems] == [("yaml-syntax", Position(2, 1))]
    assert problems[0].message.startswith(
        f"`%YAML {version}` declares a YAML version specrepo does not read: it reads YAML "
        "1.2")

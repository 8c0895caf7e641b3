"""A document kept as JSON reads back as the document parsed: data of the same types and every
node at the same place (`load.document_json`)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given

from specrepo.load.document import Document
from specrepo.load.document_json import document_from_json, document_json
from specrepo.load.yaml_loader import load_yaml
from tests.load.test_yaml_loader import _positions, _QuotingDumper, json_documents
from tests.support import fuzz


def _read_back(document: Document) -> Document:
    text = document_json(document)
    assert text is not None
    restored = document_from_json(text)
    assert restored is not None
    return restored


def _same(restored: Document, document: Document) -> None:
    """The same data, value types included (`True` is no `1`, `1.0` no `1`), and every node
    at the same key and value position with the same source text."""
    assert json.dumps(restored.data, sort_keys=True) == json.dumps(document.data, sort_keys=True)
    assert restored.root == document.root
    assert _positions(restored) == _positions(document)


@fuzz(200, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents)
def test_a_block_yaml_document_reads_back_whole(data: dict[str, Any]) -> None:
    text = yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False)
    document = load_yaml(text.encode())
    _same(_read_back(document), document)


@fuzz(200, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents)
def test_a_flow_document_reads_back_whole(data: dict[str, Any]) -> None:
    document = load_yaml(json.dumps(data).encode())
    _same(_read_back(document), document)


WRITTEN = """\
id: 0034
version: 1.20
big: 123456789012345678901234567890
answer: yes
flags: [on, off, true, null, ~, '', -0.0]
others: [.inf, .nan, 0x1F, 0o17, 1e3]
dates: {created: 2026-01-01, at: 2026-01-01T10:00:00Z}
text: |
  two
  lines
"quoted key": "value"
tagged: !!int "12"
? complex
: value
list:
- a: 1
  b: [2, 3]
- []
- {}
"""


def test_numbers_booleans_and_the_text_written_read_back() -> None:
    document = load_yaml(WRITTEN.encode())
    restored = _read_back(document)
    _same(restored, document)
    assert restored.locate(("id",)).source == "0034"
    assert restored.locate(("flags", 6)).source == "-0.0"
    assert restored.locate(("tagged",))[2:] == ("12", "!!int")
    flags: Any = restored.data["flags"]  # type: ignore[index,call-overload]
    assert math.copysign(1, flags[6]) == -1
    assert restored.data["others"] == [".inf", ".nan", 31, 15, 1000.0]  # type: ignore[index,call-overload]
    assert restored.key_position(("quoted key",)) == document.key_position(("quoted key",))


@pytest.mark.parametrize("text", [
    "base: &base {a: 1}\nother: *base\n",
    "base: &base {a: [1]}\nmerged:\n  <<: *base\n  b: 2\n",
    "list: &l [1]\nagain: [*l]\n",
])
def test_a_document_with_a_shared_node_is_not_kept(text: str) -> None:
    assert document_json(load_yaml(text.encode())) is None


@pytest.mark.parametrize("text", [
    b"a: &n 0034\nb: *n\n", b"base: &base {a: 1}\nmerged:\n  <<: *base\n  b: 2\n"])
def test_anchored_scalars_are_no_shared_node(text: bytes) -> None:
    document = load_yaml(text)
    _same(_read_back(document), document)


@pytest.mark.parametrize("text", [
    b"", b"not json", b"[]", b'{"data": {}}', b'{"data": {"a": []}, "root": [1, 1], '
    b'"entries": [[]]}', b'{"data": {}, "root": [1], "entries": [[]]}',
    b'{"data": {"a": 1}, "root": [1, 1], "entries": [[["a", 1, 1, 1]]]}',
])
def test_text_that_is_no_kept_document_reads_as_none(text: bytes) -> None:
    assert document_from_json(text) is None

"""A spec's title: the mapped field, else (Markdown specs) the body's level-1 heading."""

from __future__ import annotations

from pathlib import Path

from specrepo.load.document import Position
from specrepo.load.spec_files import load_spec_content
from specrepo.model.fields import DEFAULT_FIELDS, FieldMap
from specrepo.model.spec_record import SpecRecord, record_from_content

DATA = Path(__file__).parent.parent / "load" / "data"
FILE = Path("spec.md")


def record(text: str, fields: FieldMap = DEFAULT_FIELDS, *,
           front_matter: bool = True) -> SpecRecord:
    content = load_spec_content(text.encode(), front_matter=front_matter)
    return record_from_content(FILE, content, fields, id_required=False)


def test_without_a_title_field_the_heading_is_the_title_at_its_line() -> None:
    found = record("---\nid: ADR-0001\nstatus: accepted\n---\n\n# Use *PostgreSQL*\n")
    assert (found.id, found.title, found.title_position) == (
        "ADR-0001", "Use PostgreSQL", Position(6, 1))


def test_a_title_in_the_front_matter_wins() -> None:
    found = record("---\nid: X-1\ntitle: From the front matter\n---\n# From the heading\n")
    assert (found.title, found.title_position) == ("From the front matter", None)


def test_a_null_title_field_reads_the_heading_as_does_an_unmapped_one() -> None:
    text = "---\nid: X-1\ntitle:\n---\n# Heading\n"
    assert record(text).title == "Heading"
    assert record("---\nid: X-1\ntitle: slug\n---\n# Heading\n",
                  FieldMap(title=None)).title == "Heading"


def test_openshift_enhancements_take_the_human_title_when_title_is_unmapped() -> None:
    text = (DATA / "openshift-dns-over-tls.md").read_text()
    assert record(text, FieldMap(id=("title",))).title == "dns-over-tls-upstreams"
    human = record(text, FieldMap(id=("title",), title=None))
    assert (human.id, human.title) == ("dns-over-tls-upstreams",
                                       "DNS over TLS for Upstream Resolvers")


def test_a_kep_keeps_its_number_prefix_as_written() -> None:
    text = "---\nid: KEP-1234\n---\n# KEP-1234: Sidecar Containers\n\n## Summary\n"
    assert record(text).title == "KEP-1234: Sidecar Containers"


def test_no_heading_no_title_and_yaml_specs_never_read_comments() -> None:
    assert record("---\nid: X-1\n---\n## Summary\n").title == ""
    assert record("id: X-1\n# Title\n", front_matter=False).title == ""

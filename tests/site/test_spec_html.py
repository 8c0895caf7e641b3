"""A spec's page drawn as HTML from render's layout: what converting render's Markdown page
gave, safe whatever the spec holds."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
from hypothesis import HealthCheck, given

from specrepo.base.links import LINK_SCHEMES
from specrepo.configuration.config_file import load_config
from specrepo.load.spec_files import discover_spec_files
from specrepo.load.yaml_loader import load_yaml
from specrepo.model.spec import Spec
from specrepo.model.spec_reader import spec_from_document
from specrepo.model.spec_record import record_from_document
from specrepo.render.generic import render_generic
from specrepo.render.page import render_spec
from specrepo.render.writer import MarkdownWriter
from specrepo.site.markdown import convert_markdown, item_anchors, reserved_id
from specrepo.site.spec_html import HtmlWriter
from tests.render import test_page as model_test
from tests.render.strategies import specs
from tests.site.html_support import parse_fragment
from tests.site.test_markdown import ALLOWED_TAGS
from tests.support import EXAMPLES, fuzz

REPOSITORY = Path(__file__).parents[2]
TEMPLATE_SPECS = [*sorted((EXAMPLES / "valid").glob("*.yaml")),
                  *sorted((REPOSITORY / "examples" / "template" / "specs").glob("*.yaml"))]
SOURCE = "specs/SPEC-0001.yaml"
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


class UndatedMarkdown(MarkdownWriter):
    """render's Markdown without reviewers' `approved:` values, which the site's pages
    show judged by history above the page instead (`PageWriter.approval_dates`)."""

    approval_dates = False


def as_html(spec: Spec) -> tuple[str, frozenset[str]]:
    writer = HtmlWriter()
    return render_spec(spec, SOURCE, writer=writer), frozenset(writer.anchors)


def converted(markdown: str) -> tuple[str, frozenset[str]]:
    """render's page converted as the site converted it before drawing HTML itself."""
    return convert_markdown(markdown.split("\n", 1)[1]), item_anchors(markdown)


@pytest.mark.parametrize("path", TEMPLATE_SPECS, ids=lambda path: path.name)
def test_a_spec_is_the_html_of_its_markdown_page(path: Path) -> None:
    spec = spec_from_document(path, load_yaml(path.read_bytes()))
    assert as_html(spec) == converted(render_spec(spec, SOURCE, writer=UndatedMarkdown()))


@pytest.mark.parametrize("example", ["kep", "madr"])
def test_a_spec_of_a_format_of_its_own_is_the_html_of_its_markdown_page(example: str) -> None:
    config = load_config(None, REPOSITORY / "examples" / example)
    paths = discover_spec_files(config)
    assert paths
    for path in paths:
        document = load_yaml(path.read_bytes())
        record = record_from_document(path, document, config.fields)
        assert record is not None
        writer = HtmlWriter()
        html = render_generic(document.data, record, SOURCE, writer=writer)
        assert (html, frozenset(writer.anchors)) == \
            converted(render_generic(document.data, record, SOURCE,
                                     writer=UndatedMarkdown())), path


def test_lines_of_a_cell_are_broken_lines_not_the_text_of_a_tag() -> None:
    """Converting render's page showed its `<br>` as text (raw HTML is text); drawn from the
    layout, a cell's lines and a requirement's links are lines."""
    spec = model_test.model("""\
        id: SPEC-0007
        title: T
        status: Draft
        authors: [Ada]
        created: 2026-01-15
        summary: S.
        requirements:
          functional:
            - id: FR-1
              description: "Two\\nlines | and `a|b`"
              priority: P0
              depends_on: [S-9/FR-2]
        """)
    html, _ = as_html(spec)
    assert "&lt;br&gt;" in converted(render_spec(spec, SOURCE))[0]
    assert "&lt;br&gt;" not in html
    assert "<td>Two<br>lines | and <code>a|b</code><br><strong>Depends on</strong>: " \
        '<a href="S-9.md#fr-2">S-9/FR-2</a></td>' in html


def _headings(document: Element) -> list[tuple[str, str]]:
    return [(element.tag, element.get("id") or "") for element in document.iter()
            if element.tag in ("h2", "h3", "h4", "h5", "h6")]


@fuzz(75, suppress_health_check=[HealthCheck.too_slow])
@given(specs)
def test_any_spec_is_drawn_safely_with_the_structure_of_its_markdown_page(spec: Spec) -> None:
    html, anchors = as_html(spec)
    document = parse_fragment(html)  # strict: any parse error raises
    expected, expected_anchors = converted(render_spec(spec, SOURCE,
                                                       writer=UndatedMarkdown()))
    reference = parse_fragment(expected)
    assert [tag for tag, _ in _headings(document)] == [tag for tag, _ in _headings(reference)]
    assert anchors <= expected_anchors  # each once: not an id a heading took before
    assert [len(list(table.iter("tr"))) for table in document.iter("table")] == \
        [len(list(table.iter("tr"))) for table in reference.iter("table")]
    ids = [element.get("id") for element in document.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    heading_ids = {element_id for _, element_id in _headings(document)}
    assert set(ids) == heading_ids | anchors
    assert not any(reserved_id(element_id) for element_id in heading_ids)
    for element in document.iter():
        assert element.tag in ALLOWED_TAGS, element.tag
        assert not [name for name in element.attrib if name.startswith("on")]
        href = element.get("href")
        if href is not None:  # a scheme starts with a letter: `6x:y` is a relative path
            scheme = SCHEME.match(href)
            assert scheme is None or scheme.group(1).lower() in LINK_SCHEMES, href

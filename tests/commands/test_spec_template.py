"""The repository's own template for `specrepo new`: placeholders filled in, quoted in YAML,
plain in a Markdown body, other `{{...}}` left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from specrepo.base.errors import ConfigError
from specrepo.commands.spec_template import (
    SpecTemplate,
    fill_placeholders,
    placeholders_in,
    read_template,
)
from specrepo.load.front_matter import load_front_matter
from specrepo.model.config import Config
from tests.support import fuzz

VALUES = {"id": "ADR-0007", "number": "0007", "title": 'Fix: "it" {{slug}}',
          "slug": "fix-it", "author": "Ada", "date": "2026-01-02"}
MARKDOWN = """---
id: {{id}}
title: {{ title }}
authors:
  - {{author}}
# {{date}} in a comment is the text itself
---
# {{title}} ({{number}})

{{ site.baseurl }}/{{slug}} by {{author}}
"""


def test_placeholders_are_quoted_in_the_front_matter_and_plain_in_the_body() -> None:
    filled = SpecTemplate(Path("t.md"), MARKDOWN, 7).filled(VALUES)
    assert filled == """---
id: "ADR-0007"
title: "Fix: \\"it\\" {{slug}}"
authors:
  - "Ada"
# 2026-01-02 in a comment is the text itself
---
# Fix: "it" {{slug}} (0007)

{{ site.baseurl }}/fix-it by Ada
"""
    assert load_front_matter(filled.encode()).document.data == {
        "id": "ADR-0007", "title": 'Fix: "it" {{slug}}', "authors": ["Ada"]}


def test_what_a_template_uses_decides_its_default_file_name() -> None:
    assert placeholders_in(MARKDOWN) == {"id", "title", "author", "date", "number", "slug"}
    assert SpecTemplate(Path("t/x.md"), MARKDOWN, 7).default_file_name == "{{id}}-{{slug}}.md"
    plain = SpecTemplate(Path("t/x.yaml"), "title: {{title}}\n", 1)
    assert not plain.uses_id
    assert plain.default_file_name == "{{slug}}.yaml"
    numbered = SpecTemplate(Path("t/x.md"), "---\nn: {{number}}\n---\n# {{title}}\n", 1)
    assert numbered.default_file_name == "{{number}}-{{slug}}.md"


@given(st.text())
@fuzz(200)
def test_any_value_stays_one_yaml_string_of_itself(value: str) -> None:
    filled = fill_placeholders("title: {{title}}\n", {"title": value}, quoted=True)
    assert filled.count("\n") == 1
    assert yaml.safe_load(filled) == {"title": value}


@given(st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co",
                                                   "Cn")) | st.just("\n")))
@fuzz(200)
def test_in_a_block_scalar_any_value_is_its_own_text(value: str) -> None:
    """Inside `|` or `>` the text is literal: a value is written as it is (a line break
    followed by the line's indentation), never quoted and escaped."""
    template = "id: {{id}}\nsummary: |\n  By {{author}}, for {{title}}.\nnote: >-\n  {{title}}\n"
    filled = SpecTemplate(Path("t.yaml"), template, 5).filled({**VALUES, "title": value})
    data = yaml.safe_load(filled)
    assert (data["id"], data["summary"]) == ("ADR-0007", f"By Ada, for {value}.\n")


LINES = {
    "plain": ("plain: {{title}}\n", "{title}"),
    "single": ("single: 'On {{date}}'\n", "On 2026-01-02"),
    "double": ('double: "{{author}} {{title}}"\n', "Ada {title}"),
    "block": ("block: |\n  About {{title}}, by {{author}}.\n", "About {title}, by Ada.\n"),
    "folded": ("folded: >-\n  {{title}}\n", "{title}"),
}


@given(st.permutations(sorted(LINES)), st.sampled_from(['T: "x"', "Plain", "a # b", "'q'"]))
@fuzz(100)
def test_each_placeholder_is_filled_for_its_own_scalar_whatever_comes_before(
        order: list[str], title: str) -> None:
    """A scalar written again double-quoted moves what follows it: every later placeholder
    is still judged where it stands in the template (trial 32: a block scalar's text came
    out quoted, a plain scalar's raw)."""
    template = "".join(LINES[name][0] for name in order)
    data = yaml.safe_load(SpecTemplate(Path("t.yaml"), template, template.count("\n")).filled(
        {**VALUES, "title": title}))
    assert data == {name: LINES[name][1].format(title=title) for name in order}


@pytest.mark.parametrize(("files", "front_matter", "words"), [
    ({}, False, "cannot read the file"),
    ({"t.md": b"\xff\xfe"}, False, "is not UTF-8 text"),
    ({"t.md": b"# no front matter\n"}, True, "the file has no YAML front matter"),
])
def test_a_template_that_cannot_serve_is_a_config_error(
        tmp_path: Path, files: dict[str, bytes], front_matter: bool, words: str) -> None:
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    config = Config(root=tmp_path, front_matter=front_matter, new_template=tmp_path / "t.md")
    with pytest.raises(ConfigError, match=words):
        read_template(config)


def test_a_markdown_templates_yaml_ends_at_its_closing_line(tmp_path: Path) -> None:
    (tmp_path / "t.md").write_text(MARKDOWN)
    template = read_template(Config(root=tmp_path, front_matter=True,
                                    new_template=tmp_path / "t.md"))
    assert template.yaml_lines == 7
    yaml_template = read_template(Config(root=tmp_path, new_template=tmp_path / "t.md"))
    assert yaml_template.yaml_lines == len(MARKDOWN.splitlines())

"""The repository's own template for `specrepo new` (`new.template`): read it, fill in its
placeholders.

Placeholders are `{{id}}`, `{{number}}`, `{{title}}`, `{{slug}}`, `{{author}}` and
`{{date}}` (spaces inside the braces allowed); any other `{{...}}` (a Jekyll or Hugo
template's own) is left as written. In YAML (the front matter of a Markdown spec, or a
whole YAML spec) a placeholder becomes a double-quoted string, JSON's escapes being
YAML's, so that no title can break the file: the template writes `title: {{title}}`; a
placeholder within a quoted or plain scalar (`title: "{{title}}"`, `'KEP {{number}}'`)
fills that scalar's text, and the whole scalar is written double-quoted; inside a block
scalar (`|`, `>`), whose text is literal, it becomes the text itself (a line
break followed by the line's indentation), and in a comment the text on one line. In a
Markdown body it is written so that it reads back as itself: escaped in text, as it is
in code, HTML-escaped in raw HTML (`markdown_fill`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

import yaml

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError
from specrepo.base.name_patterns import NUMBERING, PLACEHOLDER
from specrepo.base.name_patterns import PLACEHOLDER_NAMES as _NAMES
from specrepo.base.paths import display_path
from specrepo.commands.markdown_fill import markdown_filled
from specrepo.load.front_matter import split_front_matter
from specrepo.load.spec_files import read_spec_file
from specrepo.load.yaml_loader import YamlError
from specrepo.model.config import Config

_UNPRINTED: Final = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BRACED: Final = re.compile(r"\{+\s*([^{}/]*?)\s*\}+|[{}]")
"""Braces `new.file_name` writes: each a placeholder (`PLACEHOLDER`) or refused."""


def file_name_pattern(config: Config, template: SpecTemplate) -> str:
    """The file name `specrepo new` fills in: `new.file_name`, else the template's own.
    Raises `ConfigError` when `new.file_name` writes braces no placeholder fills (`{id}`,
    `{{Slug}}`, `{{{id}}}`), which would be kept as they stand in the file's name."""
    pattern = config.new_file_name
    if pattern is None:
        return template.default_file_name
    left = next((found for found in _BRACED.finditer(pattern)
                 if not PLACEHOLDER.fullmatch(found.group(0))), None)
    if left is not None:
        named = (left.group(1) or "").lower()
        hint = f"{{{{{named}}}}}" if named in _NAMES else ", ".join(
            f"{{{{{name}}}}}" for name in _NAMES)
        raise ConfigError(
            f"{config.placed(('new', 'file_name'))}: new.file_name writes {left.group(0)}, "
            "which no placeholder fills: it would be kept as it stands in the file's name "
            f"(placeholders are written in double braces: {hint})")
    return pattern


def placeholders_in(text: str) -> frozenset[str]:
    """The names of the placeholders `text` uses."""
    return frozenset(match.group(1) for match in PLACEHOLDER.finditer(text))


def fill_placeholders(text: str, values: Mapping[str, str], *, quoted: bool) -> str:
    """`text` with each placeholder replaced by its value (`quoted`: as a YAML
    double-quoted string)."""
    def value(match: re.Match[str]) -> str:
        filled = values[match.group(1)]
        return _double_quoted(filled) if quoted else filled

    return PLACEHOLDER.sub(value, text)


def fill_yaml_placeholders(text: str, values: Mapping[str, str],
                           plain: frozenset[str] = frozenset()) -> str:
    """The YAML `text` with each placeholder replaced by its value: a double-quoted string
    where it is a value (within a scalar's text, that scalar's text filled in, written
    double-quoted), the text itself inside a block scalar (line breaks followed by
    the indentation of the placeholder's line) or in a comment (on one line), unless it
    holds a character YAML does not print as itself (then quoted there too). Where
    PyYAML's scanner cannot read the template, every placeholder is quoted (the spec
    written is checked afterwards). A placeholder named in `plain` that is a whole value,
    however the template quotes it (`{{number}}`, `"{{number}}"`), is written as it is:
    the number of a repository whose ids are integers."""
    try:
        tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return fill_placeholders(text, values, quoted=True)
    blocks = [(token.start_mark.index, token.end_mark.index) for token in tokens
              if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">")]
    covered = [(token.start_mark.index, token.end_mark.index) for token in tokens]
    scalars = [(token.start_mark.index, token.end_mark.index, token.value) for token in tokens
               if isinstance(token, yaml.ScalarToken) and token.style in (None, "'", '"')
               and PLACEHOLDER.search(text, token.start_mark.index, token.end_mark.index)]

    def value(match: re.Match[str]) -> str:
        filled, at = values[match.group(1)], match.start()
        if match.group(1) in plain:
            return filled
        if _UNPRINTED.search(filled.replace("\n", "")):
            return _double_quoted(filled)  # no block scalar or comment holds it as it is
        if any(start <= at < end for start, end in blocks):
            line = text[text.rfind("\n", 0, at) + 1:at]
            return filled.replace("\n", "\n" + line[:len(line) - len(line.lstrip(" "))])
        if not any(start <= at < end for start, end in covered):  # a comment
            return " ".join(filled.splitlines())
        return _double_quoted(filled)

    def raw(match: re.Match[str]) -> str:
        return values[match.group(1)]

    def between(start: int, stop: int) -> Iterator[str]:
        """text[start:stop] filled, each placeholder judged at its place in `text`."""
        for match in PLACEHOLDER.finditer(text, start, stop):
            yield text[start:match.start()]
            yield value(match)
            start = match.end()
        yield text[start:stop]

    filled: list[str] = []
    end = 0
    for start, stop, scalar in scalars:  # each scalar written again, double-quoted
        whole = PLACEHOLDER.fullmatch(scalar)
        filled += [*between(end, start), values[whole.group(1)] if whole is not None
                   and whole.group(1) in plain else _double_quoted(PLACEHOLDER.sub(raw, scalar))]
        end = stop
    return "".join([*filled, *between(end, len(text))])


def _double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar on one line: characters YAML does not print
    as themselves (line breaks, tabs, control characters) written as `\\uXXXX`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNPRINTED.sub(lambda found: f"\\u{ord(found.group()):04x}", escaped) + '"'


@dataclass(frozen=True)
class SpecTemplate:
    """A template's file and text; its first `yaml_lines` lines are YAML (all of them for a
    YAML spec, the front matter with its `---` lines for a Markdown one)."""

    path: Path
    text: str
    yaml_lines: int

    @property
    def uses_id(self) -> bool:
        """Whether the template needs the next free id."""
        return bool(placeholders_in(self.text) & NUMBERING)

    @property
    def default_file_name(self) -> str:
        """`{{id}}-{{slug}}` when the template uses the id, `{{number}}-{{slug}}` when it
        uses only its number, else `{{slug}}`; then the template's own extension."""
        used = placeholders_in(self.text)
        stem = "{{id}}-{{slug}}" if "id" in used else \
            "{{number}}-{{slug}}" if "number" in used else "{{slug}}"
        return stem + self.path.suffix

    def filled(self, values: Mapping[str, str], plain: frozenset[str] = frozenset()) -> str:
        """The template with its placeholders filled in: in YAML as
        `fill_yaml_placeholders` does (`plain` as it says), in a Markdown body as
        `markdown_filled` does (so that each value reads back as given)."""
        lines = self.text.splitlines(keepends=True)
        front = "".join(lines[:self.yaml_lines])
        body = "".join(lines[self.yaml_lines:])
        return fill_yaml_placeholders(front, values, plain) + markdown_filled(body, [
            (match.start(), match.end(), values[match.group(1)])
            for match in PLACEHOLDER.finditer(body)])


def read_template(config: Config) -> SpecTemplate:
    """The configured template (`new.template`), read within the spec files' bounds.

    Raises `ConfigError` when it cannot be read, is not UTF-8, or (for Markdown specs) has
    no front matter.
    """
    assert config.new_template is not None
    path = config.new_template
    shown = display_path(path)
    try:
        raw = read_spec_file(path, config.root, config.max_file_size)
    except YamlError as error:  # what is wrong is the setting naming it, at its line
        raise ConfigError(f"{config.placed(('new', 'template'))}: new.template names {shown}"
                          f", which cannot be used: {error.message}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
        lines = len(text.splitlines())
        if config.front_matter:
            lines = split_front_matter(raw).closing_line
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: the template of new specs (new.template) is not "
                          "UTF-8 text") from None
    except YamlError as error:
        raise ConfigError(f"{shown}: the template of new specs (new.template) cannot be "
                          f"used: {error.message}") from None
    return SpecTemplate(path, text, lines)

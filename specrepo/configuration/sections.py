"""The `sections:` setting: the headings a Markdown spec's body must have, in order.

Each entry is a heading written as in the template, an ATX heading line (`## Summary`:
the number of `#` is the level), or a mapping `{heading: "## Open Questions", optional:
true}`. An optional section may be missing; when it is there, it must be in its place.
Headings are read with the same CommonMark parser as the bodies, so `## **Summary**` in
the configuration means the same heading as `## Summary`.
"""

from __future__ import annotations

from specrepo.base.errors import ConfigError
from specrepo.load.document import JsonPath, JsonValue
from specrepo.load.markdown_body import parse_heading
from specrepo.model.config import RequiredSection

__all__ = ["SectionsConfigError", "parse_required_sections"]


class SectionsConfigError(ConfigError):
    """A `sections:` entry that is not a heading; `json_path` is where it stands in the
    configuration (`("sections", 2)`), so the caller can give its line."""

    def __init__(self, message: str, json_path: JsonPath) -> None:
        super().__init__(message)
        self.json_path = json_path


def parse_required_sections(value: JsonValue) -> tuple[RequiredSection, ...]:
    """The required sections of a `sections:` value (a list; None means none).

    Raises `SectionsConfigError` at the first entry that is not an ATX heading line or a
    mapping of `heading` (such a line) and `optional` (a boolean).
    """
    if value is None:
        return ()
    if not isinstance(value, list):
        raise SectionsConfigError(
            "sections must be a list of headings, such as `## Summary`", ("sections",))
    sections = tuple(_entry(entry, ("sections", index)) for index, entry in enumerate(value))
    _refuse_repeats(sections)
    return sections


def _refuse_repeats(sections: tuple[RequiredSection, ...]) -> None:
    """A heading listed twice under the same parent headings could never be told apart
    from itself in a body: the second would always be 'missing' or 'misordered'."""
    first: dict[tuple[tuple[int, str], ...], int] = {}
    parents: list[tuple[int, str]] = []
    for index, section in enumerate(sections):
        while parents and parents[-1][0] >= section.level:
            parents.pop()
        parents.append((section.level, section.text))
        earlier = first.setdefault(tuple(parents), index)
        if earlier != index:
            raise SectionsConfigError(
                f"{'#' * section.level} {section.text} is listed twice under the same "
                f"headings (also sections[{earlier}]); list each heading once", ("sections",
                                                                                 index))


def _entry(entry: JsonValue, where: JsonPath) -> RequiredSection:
    optional: JsonValue = False
    heading = entry
    if isinstance(entry, dict):
        unknown = sorted(set(entry) - {"heading", "optional"})
        if unknown or "heading" not in entry:
            raise SectionsConfigError(
                "a sections entry that is a mapping has `heading` (a heading line such as "
                "`## Summary`) and may have `optional` (true or false)", where)
        heading = entry["heading"]
        optional = entry.get("optional", False)
        where = (*where, "heading")
    if not isinstance(optional, bool):
        raise SectionsConfigError("`optional` is true or false", (*where[:-1], "optional"))
    parsed = parse_heading(heading) if isinstance(heading, str) else None
    if parsed is None:
        raise SectionsConfigError(
            f"{heading!r} is not a heading line: write the heading as in the template, its "
            "level as `#` marks, such as `## Summary` or `### Goals`", where)
    return RequiredSection(parsed.level, parsed.text, optional)

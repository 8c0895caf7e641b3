"""The fields specrepo reads from a spec (`fields:` in specrepo.yaml), checked where every
command will look for them: an id and a status it can read, and each other mapped field of
a shape the rules, `report` and `render` understand.

A loose schema (`{"type": "object"}`) lets anything through; these checks make sure a spec
validate passes is one the other commands can use, instead of one they drop or refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Final

from specrepo.base.caseless import is_blank
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.file_names import names_a_file
from specrepo.base.page_names import PAGE_NAME_RULE, page_name
from specrepo.load.document import (
    Document,
    JsonPath,
    JsonValue,
    describe_kind,
    value_at,
)
from specrepo.load.markdown_body import MarkdownBody
from specrepo.load.spec_files import SpecContent
from specrepo.model.fields import FieldMap
from specrepo.model.findings import Finding, Severity
from specrepo.model.review_round import approved_day
from specrepo.model.spec_record import OPEN, RESOLVED, question_state, spec_id
from specrepo.model.spec_title import front_matter_title, title_blocked_at
from specrepo.model.version import ABSENT


@dataclass(frozen=True)
class _Shape:
    """What specrepo reads at a field: text, or a list whose items `fits` accepts."""

    fits: Callable[[JsonValue], bool]
    expected: str
    is_list: bool = False
    dated: bool = False
    """Whether an item that is a mapping may hold an `approved:` date (`_undated`)."""


def _text_under(key: str, *, required: bool) -> Callable[[JsonValue], bool]:
    """Text, or a mapping whose `key` is text (or, unless `required`, absent)."""
    def fits(value: JsonValue) -> bool:
        if isinstance(value, dict):
            return isinstance(value.get(key), str) or (not required and key not in value)
        return isinstance(value, str)
    return fits


def _mapping_with_text(key: str) -> Callable[[JsonValue], bool]:
    return lambda value: isinstance(value, dict) and isinstance(value.get(key, ""), str)


_TEXT = _Shape(lambda value: isinstance(value, str), "text")
_STATUS = _Shape(lambda value: isinstance(value, str) and value != "",
                 "text")
"""Empty text is no status: history would read it as none, a move to nothing (trial36)."""
_NEEDED: Final = frozenset({"status"})
"""The mined fields every command needs where the format maps them (`_problems`): absent
or null, the field is as unreadable as one of the wrong shape."""
_NAMES = _Shape(_text_under("name", required=True),
                "a name (text, or a mapping with a text `name`)", is_list=True, dated=True)
_DATE = "a date (YYYY-MM-DD, a real day)"
_SHAPES: dict[str, _Shape] = {
    "title": _TEXT, "status": _STATUS, "created": _TEXT, "updated": _TEXT,
    "superseded_by": _TEXT, "reviewers": _NAMES, "approvers": _NAMES,
    "authors": _Shape(lambda value: isinstance(value, str), "a name (text)", is_list=True),
    "questions": _Shape(lambda value: isinstance(value, dict) and isinstance(
        value.get("id"), str), "a mapping with a text `id`", is_list=True),
}
_RELATED = _Shape(_text_under("spec", required=False),
                  "a spec id (text, or a mapping whose `spec` is text)", is_list=True)
_ITEMS = _Shape(_mapping_with_text("id"), "a mapping whose `id` is text", is_list=True)


def check_mapped_fields(file: Path, document: Document, fields: FieldMap,
                        schema_findings: Sequence[Finding] = (), *,
                        markdown: bool = False) -> list[Finding]:
    """A `spec-field` error for each field of `fields` the spec lacks (the id, always; the
    status, where the format has one) or holds in a shape specrepo cannot read, and for an
    id that cannot name the spec's page (render's, or for `markdown` specs, which render
    draws no page for, the site's); none where
    one of `schema_findings` already says so (at the field, or a missing one at its
    parent)."""
    said = {(finding.json_path, finding.message) for finding in schema_findings}
    return [finding for finding in _problems(file, document, fields, markdown)
            if not any(path == finding.json_path or (
                path == finding.json_path[:-1] and f"'{finding.json_path[-1]}'" in message)
                       for path, message in said)]


def _problems(file: Path, document: Document, fields: FieldMap,
              markdown: bool) -> Iterator[Finding]:
    data = document.data
    found_id = spec_id(data, fields)
    if found_id is None:
        yield _wrong(file, document, fields.id, "id", value_at(data, fields.id),
                     "text or a whole number")
    elif page_name(found_id) is None:
        yield Finding.at(file, document.position(fields.id), Severity.ERROR, "spec-field",
                         f"the id {found_id!r} {_unnamed_page(found_id, markdown)}: use "
                         f"{PAGE_NAME_RULE}", fields.id)
    if fields.status is not None and value_at(data, fields.status) is None:
        yield _wrong(file, document, fields.status, "status", None, _TEXT.expected)
    named = [(name, getattr(fields, name), shape) for name, shape in _SHAPES.items()]
    named += [("related", path, _RELATED) for path in fields.related]
    named += [("item_lists", path, _ITEMS) for path in fields.item_lists]
    for name, path, shape in named:
        for where, value, expected in _misshapen(data, path, shape):
            yield _wrong(file, document, where, name, value, expected)
    yield from _unread_question_states(file, document, fields.questions)


def _misshapen(data: JsonValue, path: JsonPath | None, shape: _Shape
               ) -> Iterator[tuple[JsonPath, JsonValue, str]]:
    """(path, value, what specrepo reads there) for each place at or below `path` whose
    value is not of `shape`; none for an absent field (the schema, or `_problems`, says
    whether it must be there)."""
    value = value_at(data, path)
    if path is None or value is None:
        return
    if not shape.is_list:
        if not shape.fits(value):
            yield path, value, shape.expected
    elif not isinstance(value, list):
        yield path, value, f"a list, each item {shape.expected}"
    else:
        for index, item in enumerate(value):
            if not shape.fits(item):
                yield (*path, index), item, shape.expected
            elif shape.dated and isinstance(item, dict):
                yield from _undated(item, (*path, index))


def _undated(person: dict[str, JsonValue], path: JsonPath
             ) -> Iterator[tuple[JsonPath, JsonValue, str]]:
    """A reviewer's `approved:` (`person` at `path`) that is neither absent, null nor a
    day (`approved_day`: the day report, the site and the rules read): `tomorrow` would
    count as an approval, `20260102` as none, and validate would pass both (trial36)."""
    approved = person.get("approved")
    if approved is not None and (not isinstance(approved, str)
                                 or approved_day(approved) is None):
        yield (*path, "approved"), approved, _DATE


def unreadable_field(document: Document, name: str, path: JsonPath | None
                     ) -> tuple[JsonPath, str] | None:
    """Where the mined field `name` (a key of `FieldMap.mined`: `questions`, `reviewers`,
    `status`...) mapped to `path` is first of a shape specrepo cannot read, and validate's
    `spec-field` message for it (`issues` (the spec's questions) is a mapping where
    specrepo reads a list, ...); None when it reads, or is absent (but for a status). The
    one definition of a readable field: validate's check above, and history's versions
    (`VersionReader`), which report and its `--fail-on` gates read, both ask it. A status
    (`_NEEDED`) that is absent or null is unreadable too: validate's `_problems` says
    every command needs it (a version without one cannot launder a move across it:
    trial36)."""
    shape = _SHAPES.get(name)
    if shape is None:
        return None
    if name in _NEEDED and path is not None and value_at(document.data, path) is None:
        return path, _wrong_message(path, name, None, _TEXT.expected)
    for where, value, expected in _misshapen(document.data, path, shape):
        return where, _wrong_message(where, name, value, expected)
    return None


def blocked_title(file: Path, content: SpecContent, fields: FieldMap,
                  schema_findings: Sequence[Finding] = ()) -> list[Finding]:
    """A `spec-field` error where a Markdown spec's title is its body's heading but a value
    on the way to the title's field is no mapping (`unreadable_title`); none where one of
    `schema_findings` already refuses that value."""
    found = unreadable_title(content, fields)
    if found is None or any(finding.json_path == found[0] for finding in schema_findings):
        return []
    where, message = found
    return [Finding.at(file, content.document.finding_position(where), Severity.ERROR,
                       "spec-field", message, where)]


def untitled(file: Path, content: SpecContent, fields: FieldMap,
             schema_findings: Sequence[Finding] = ()) -> list[Finding]:
    """A `spec-field` error where a Markdown spec has no title, neither in its front matter
    nor as its body's heading (with `fields: title: null`, the heading alone), at the line
    to add it (README: "when neither gives a title, validate's finding says so"); none
    where a schema that requires the title says so (`with_body_title`), or a value on the
    way blocks it (`blocked_title`)."""
    title = fields.title
    if content.body is None or content.body_title is not None:
        return []
    if not title:  # `fields: title: null`: the heading alone is the title
        where = ("`fields: title: null` takes it from the body's heading alone, and the body "
                 "gives none")
    elif front_matter_title(content, fields) or any(
            finding.json_path == title[:-1] and f"'{title[-1]}'" in finding.message
            for finding in schema_findings):
        return []
    else:
        empty = f" (its `{title[-1]}:` is empty)" if _has_key(content, title) else ""
        where = f"neither in its front matter{empty} nor in its body"
    why, line = _no_title_heading(content.parsed_body, content.body_line)
    return [Finding(file, line, 1, Severity.ERROR, "spec-field",
                    f"the spec has no title, {where}, {why}; every command would "
                    "show it untitled", title or ())]


def unreadable_title(content: SpecContent, fields: FieldMap) -> tuple[JsonPath, str] | None:
    """Where a Markdown spec whose title is its body's heading holds a value on the way to
    the title's field that is no mapping (`title_blocked_at`: `meta: [a]` for
    `meta.name`), and validate's `spec-field` message for it: the heading is the title
    every command shows, but the schema cannot judge it there, so history reads no title
    in such a version (as `unreadable_field` says of a field of the wrong shape); None
    otherwise."""
    blocked = title_blocked_at(content, fields)
    if blocked is None or fields.title is None or content.body_title is None:
        return None
    kind = describe_kind(value_at(content.document.data, blocked))
    where = _dotted(blocked)
    return blocked, (
        f"`{where}` is {kind} where the spec's title stands (`{_dotted(fields.title)}`, as "
        "`fields: title:` in specrepo.yaml says), which only a mapping holds: the title is "
        f"the body's heading (line {content.body_title.position.line}), which the schema "
        f"cannot judge until `{where}` is a mapping (`{blocked[-1]}: {{}}`, or the title "
        "written under it)")


def _unread_question_states(file: Path, document: Document,
                            questions: JsonPath | None) -> Iterator[Finding]:
    """A `spec-field` error for each question whose `state` is neither `open` nor
    `resolved` (`question_state`): specrepo counts it as open, and says so."""
    items = value_at(document.data, questions) if questions is not None else None
    if questions is None or not isinstance(items, list):
        return
    for index, item in enumerate(items):
        state = item.get("state", OPEN) if isinstance(item, dict) else OPEN
        if isinstance(state, str) and question_state(state) in (OPEN, RESOLVED):
            continue
        path = (*questions, index, "state")
        where = _dotted(path)
        shown = repr(state) if isinstance(state, str) else describe_kind(state)
        yield Finding.at(file, document.position(path), Severity.ERROR, "spec-field",
                         f"`{where}` (a question's state) is {shown} where specrepo reads "
                         f"`{OPEN}` or `{RESOLVED}` (any letter case); until then the "
                         "question counts as open", path)


def _unnamed_page(found_id: str, markdown: bool) -> str:
    """Why `found_id` names no page (`page_name`), as the format's pages are written: a
    Markdown spec is a page already, so the page is the site's (`site.build.page_path`)."""
    if not markdown:
        return f"cannot name the spec's page ({found_id}.md, `specrepo render`)"
    if names_a_file(found_id):  # `index`
        return (f"names render's index page ({found_id}.md, `specrepo render`), which "
                "lists the specs")
    return f"cannot name the spec's page in the site (specs/{found_id}.html, `specrepo site`)"


def _wrong(file: Path, document: Document, path: JsonPath, name: str, value: JsonValue,
           expected: str) -> Finding:
    """The finding on a field `fields: NAME:` maps to `path`: missing, or not `expected`."""
    return Finding.at(file, document.finding_position(path), Severity.ERROR, "spec-field",
                      _wrong_message(path, name, value, expected), path)


def _wrong_message(path: JsonPath, name: str, value: JsonValue, expected: str) -> str:
    where = _dotted(path)
    if value is None:
        return (f"{ABSENT}`{where}` (its {name}, as `fields: {name}:` in "
                f"specrepo.yaml says); every command needs it: add it ({expected})")
    kind = "empty text" if value == "" else describe_kind(value)
    if isinstance(value, str) and value and path[-1] == "approved":
        kind = f"text {value!r}"  # which text: a date written wrong, or no date at all
    return f"`{where}` ({_field_words(name)}) is {kind} where specrepo reads {expected}"


def _dotted(path: JsonPath) -> str:
    """`path` as `issues[0].state`: the keys as the spec's author wrote them."""
    return "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in path)[1:]


def _field_words(name: str) -> str:
    return {"related": "a list of related specs", "item_lists": "a list of items with ids",
            "questions": "the spec's questions"}.get(name, f"the spec's {name}")


def with_body_title(schema_findings: Sequence[Finding], content: SpecContent,
                    fields: FieldMap) -> list[Finding]:
    """The schema's findings on a spec (judged as `titled_document` gives it: a Markdown
    spec's heading is its title), where the schema still misses the title field of a
    Markdown spec: its "missing required property" says that neither the front matter nor
    the body gives one, and why the body does not, at the line to add it."""
    title = fields.title
    if content.body is None or not title or content.body_title is not None \
            or front_matter_title(content, fields):
        return list(schema_findings)
    empty = f" (its `{title[-1]}:` is empty)" if _has_key(content, title) else ""
    missing = f"missing required property '{title[-1]}'"
    kept = []
    for finding in schema_findings:
        if finding.rule == "schema" and finding.json_path == title[:-1] \
                and finding.message.startswith(missing):
            why, line = _no_title_heading(content.parsed_body, content.body_line)
            kept.append(Finding(
                finding.path, line, 1, finding.severity, finding.rule,
                f"{finding.message}: the spec has no title, neither in its front matter"
                f"{empty} nor in its body, {why}", finding.json_path, finding.details))
        else:
            kept.append(finding)
    return kept


def _has_key(content: SpecContent, path: JsonPath) -> bool:
    """Whether the front matter holds the key `path` ends in (with any value)."""
    parent = value_at(content.document.data, path[:-1])
    return isinstance(parent, dict) and path[-1] in parent


def _no_title_heading(body: MarkdownBody | None, body_line: int) -> tuple[str, int]:
    """Why a body gives no title, with what to do, and the line to do it at."""
    headings = body.headings if body is not None else ()
    level_ones = [heading for heading in headings if heading.level == 1]
    if not level_ones:
        top = body_line if body is None else min(body_line, body.last_line)  # empty: above
        return "which has no level-1 heading: add the title as `# Title` at its top", top
    if len(level_ones) > 1:
        lines = ", ".join(str(heading.line) for heading in level_ones[:4])
        return (f"which has {len(level_ones)} level-1 headings (lines {lines}): the title "
                "is the body's only level-1 heading, above every other heading",
                level_ones[1].line)
    if is_blank(level_ones[0].text):
        return f"whose level-1 heading on line {level_ones[0].line} is empty", \
            level_ones[0].line
    return (f"whose level-1 heading on line {level_ones[0].line} comes after another "
            "heading: the title is the body's first heading", level_ones[0].line)

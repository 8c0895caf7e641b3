"""Whether a new spec's title reads back as its template places `{{title}}` in it."""

from __future__ import annotations

import re

from specrepo.commands.spec_template import SpecTemplate, placeholders_in


def marked(template: SpecTemplate) -> tuple[str, dict[str, str]]:
    """`template` filled with a marker for each placeholder it uses, and the markers by
    placeholder name: letters alone (`SpecrepoTitleMark`), which YAML and Markdown write
    as themselves in every place, so that the template's title read from the text shows
    where each value goes."""
    marks = {name: f"Specrepo{name.title()}Mark" for name in placeholders_in(template.text)}
    return template.filled(marks), marks


def placed_as_marked(read: str, given: str, marked_title: str, marks: dict[str, str]) -> bool:
    """Whether `read`, a new spec's title, is `marked_title` (its template's, read from
    `marked`'s text) with `given` where `{{title}}`'s marker stands and any text where
    another placeholder's does: `# KEP-{{number}}: {{title}}` reads back as `KEP-0002:
    Sidecar containers` for the title `Sidecar containers` (newuser69), while a title the
    template shows otherwise (inside a code span, with a backtick) does not, nor one the
    template's title has no `{{title}}` for."""
    title_mark = marks.get("title")
    if title_mark is None or title_mark not in marked_title:
        return False
    pattern = re.escape(marked_title)
    for name, mark in marks.items():  # the title's last: it may hold a marker's letters
        pattern = pattern.replace(mark, ".*?") if name != "title" else pattern
    return re.fullmatch(pattern.replace(title_mark, re.escape(given)), read,
                        re.DOTALL) is not None

"""The Jinja environment of the site: templates from the package, escaping always on.

Every value a template prints goes through `text.showable` (no control, noncharacter or
bidirectional-override character reaches a page) and then through HTML/XML escaping;
only `Markup` made by the site itself (the Markdown's HTML, JSON for a script element)
is printed as is. A file's path goes through `path` first, which spells it as the text
outputs do, on one line (`base.one_line`: `\\n`, `\\t`, a byte that is not UTF-8 as
`\\xe9`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from specrepo.base.name_forms import url_path
from specrepo.base.one_line import one_line
from specrepo.base.timestamps import iso_time, local_date
from specrepo.model.spec_record import person_name
from specrepo.site.statuses import status_tone
from specrepo.site.text import (
    SHORT_COMMIT,
    display_time,
    duration,
    showable,
)

_NOT_TOKEN: Final = re.compile(r"[^a-z0-9]+")


def _finalize(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, Markup):
        return showable(value)
    return value


def css_token(text: str) -> str:
    """Text as a CSS class name part: `In Review` -> `in-review`."""
    return _NOT_TOKEN.sub("-", text.casefold()).strip("-") or "none"


@cache
def environment() -> Environment:
    """The site's Jinja environment (made once)."""
    site = Environment(
        loader=PackageLoader("specrepo.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    site.filters.update(
        tone=status_tone,
        person=person_name,
        short=lambda commit: commit[:SHORT_COMMIT],
        day=local_date,
        time=display_time,
        rfc3339=iso_time,
        duration=duration,
        token=css_token,
        # A name's bytes that are not UTF-8 (`surrogateescape`) percent-encoded as bytes.
        url_path=url_path,
        path=one_line,
    )
    return site

"""`specs.json`: the site's machine index of every spec (version 2, described by
`schemas/site-index.schema.json`), and its copy inside `index.html` for the filters.

Versioning (the schema's own rule): new members may appear without a version change (each
spec's `trace`, the top's `history`, each spec's `known_since_boundary` and `unreadable` did);
`version` changes when a member changes meaning or disappears (2: a spec's suspect count
is null where links were not judged, and the states took `unverified`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from json.encoder import encode_basestring_ascii
from typing import Any, Final

from markupsafe import Markup

from specrepo.base.one_line import undecodable_in_json
from specrepo.base.timestamps import iso_time, optional_iso_time
from specrepo.model.events import HISTORY_STARTS
from specrepo.model.trace import RequirementTrace
from specrepo.site.data import SiteData, SiteSpec
from specrepo.site.marker import MARKER_TEXT
from specrepo.site.trace_view import coverage_entry, spec_rows

INDEX_VERSION: Final = 2
GENERATOR: Final = "specrepo site"
# In a script element, `</script>` or `<!--` in a string would end or change it.
_SCRIPT_UNSAFE: Final = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                       "\x7f": "\\u007f"})
# Outside ASCII: only inside strings of JSON text (its syntax is ASCII).
_NOT_ASCII: Final = re.compile("[^\x00-\x7f]+")


def spec_entry(spec: SiteSpec, page: str | None, trace: list[RequirementTrace] | None,
               judged: bool = True) -> dict[str, Any]:
    """The index's entry for one spec; `page` is its page's path in the site (None: none),
    `trace` its rows of the trace matrix (None: trace is not configured), `judged` whether
    its links were judged suspect (not in a shallow clone)."""
    return {
        "id": spec.id,
        "title": spec.title,
        "status": spec.status,
        "status_since": iso_time(spec.periods[-1].since) if spec.periods else None,
        "authors": list(spec.authors),
        "reviewers": [{"name": reviewer.name, "approved": reviewer.approved,
                       "approval_counts": reviewer.counts, "recorded_by": reviewer.recorded_by}
                      for reviewer in spec.reviewers],
        "last_change": optional_iso_time(spec.last_change),
        "open_questions": [{"id": question.id, "text": question.text, "owner": question.owner}
                           for question in spec.open_questions],
        "summary": spec.summary,
        "requirements": [{"id": item.id, "text": item.text} for item in spec.requirements],
        "source": spec.source,
        "page": page,
        "trace": coverage_entry(trace, judged),
        "known_since_boundary": bool(spec.events) and spec.events[0].kind == HISTORY_STARTS,
        "unreadable": spec.unreadable or None,
    }


def index_document(data: SiteData, specs: tuple[SiteSpec, ...], pages: Mapping[str, str],
                   trace: Mapping[str, list[RequirementTrace]] | None) -> dict[str, Any]:
    """The whole index: `specs` in the site's order, with their pages' paths and (when
    `trace` is configured) their coverage."""
    return {
        "$comment": MARKER_TEXT,
        "version": INDEX_VERSION,
        "generator": GENERATOR,
        "repository": data.repository,
        "head": data.head,
        "head_time": optional_iso_time(data.head_time),
        "history": {"complete": not (data.shallow_boundary or (data.integrity is not None
                                     and data.integrity.shallow)),
                    "starts_at": list(data.shallow_boundary)},
        "specs": [spec_entry(spec, pages.get(spec.id), spec_rows(trace, spec.id),
                             data.trace is None or data.trace.suspect_not_judged is None)
                  for spec in specs],
    }


def index_file(document: dict[str, Any]) -> bytes:
    """`specs.json` as written: UTF-8, one member a line, the marker member first.

    A lone surrogate (a file name's byte git gave that is not UTF-8) is written as every
    JSON output writes it, `caf\\xe9.yaml` (`undecodable_in_json`).
    """
    return (undecodable_in_json(json.dumps(document, ensure_ascii=False, indent=1))
            + "\n").encode("utf-8")


def script_json(value: object) -> Markup:
    """JSON to put inside `<script type="application/json">`: nothing in it can end the
    element or hold a character an HTML page may not carry; a file name's byte that is not
    UTF-8 as specs.json writes it (`undecodable_in_json`), every other character outside
    ASCII as its JSON escape (`\\u00e9`)."""
    text = undecodable_in_json(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return Markup(_NOT_ASCII.sub(lambda match: encode_basestring_ascii(match.group())[1:-1],
                                 text).translate(_SCRIPT_UNSAFE))

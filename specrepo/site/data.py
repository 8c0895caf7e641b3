"""What a site is built from: plain, frozen data the integration fills from history, report
and render, and trace's own matrix (`model.trace.TraceMatrix`).

Times are seconds since the Unix epoch (UTC), as git records them. Every age the site shows
(of a question, a wait, an idle spec, the current status period) is measured up to
`SiteData.head_time`, never to the wall clock, so the same data always gives the same site.
"""

from __future__ import annotations

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.links import NO_REBASE, LinkBase
from specrepo.model.fields import FieldMap
from specrepo.model.history import SkippedVersion
from specrepo.model.report import Integrity
from specrepo.model.trace import TraceMatrix


@dataclass(frozen=True)
class SpecReviewer:
    """A reviewer of a spec, the date they approved (as written in the spec), if they did,
    and what history says of their approval (`model.review_round.reviewer_approvals`, the
    `waiting-reviews` gate's definition): whether it `counts` (for a spec in review, an
    approval of the round it is in), who recorded it when not the reviewer, and all of
    it in words for the pages (`approval`: "" when nothing is to be said)."""

    name: str
    approved: str | None = None
    counts: bool = False
    recorded_by: str | None = None
    approval: str = ""


@dataclass(frozen=True)
class SpecQuestion:
    """An open question of a spec: its id and text, its owner, who raised it and when."""

    id: str
    text: str
    owner: str | None = None
    raised_by: str | None = None
    raised_at: int | None = None
    raised_offset: int = 0
    """The offset from UTC (minutes east) `raised_at` is shown in: its author's."""


@dataclass(frozen=True)
class Requirement:
    """A requirement (or any item with an id) of a spec; its text is searched on the index."""

    id: str
    text: str


@dataclass(frozen=True)
class StatusPeriod:
    """A status a spec held, from `since` until `until` (None: it still holds it at HEAD)."""

    status: str
    since: int
    until: int | None = None
    offset: int = 0
    """The offsets from UTC (minutes east) `since` and `until` are shown in: those of the
    authors of the commits that began and ended it (`model.event.StatusPeriod`)."""
    until_offset: int = 0


@dataclass(frozen=True)
class SpecEvent:
    """Something that happened to a spec in one commit, as the history layer names it.

    `kind` is one of history's event kinds (`created`, `status-changed`, `approved`,
    `question-added`, `question-resolved`, `changed-after-approval`, ...); `field` is the
    field it concerns (`status`, `reviewers[Grace Hopper]`, `open_questions[Q-1]`);
    `before` and `after` are its values on either side (None: absent). `date` is the
    commit's author date.
    """

    kind: str
    commit: str
    author: str
    date: int
    field: str = ""
    before: str | None = None
    after: str | None = None
    offset: int = 0
    """The author's offset from UTC (minutes east): `date` is shown in it."""
    problem: str = ""
    """What the report's integrity section says of it, in words ("" when nothing): a status
    move the workflow does not allow, a change no approval covers."""
    spec_id: str = ""
    """The id the spec had in that commit ("" when not known): what the feed's entry ids
    name, so that renumbering a spec later re-issues none of its past entries."""
    note: str = ""
    """What the event is when its kind does not say it all (`model.review_times.event_note`):
    an approval not the reviewer's own (`recorded by Ada Lovelace`), a move a shallow clone
    saw at its boundary only by comparison (`compared with commit 1a2b3c4d5e: ...`); ""
    otherwise."""
    taken: int | None = None
    """When the commit graph takes it as (Unix time; `history.event_times.event_taken`: its
    author date, no later than what the graph puts after it), as the report and the
    timeline do: the feed's `updated`; None when not known (`date` no later than HEAD's
    time is then)."""


@dataclass(frozen=True)
class ItemChange:
    """One line of a spec's requirement-level changelog: an item or section that changed.

    `kind` is `item-added`, `item-changed`, `item-removed`, `item-moved` or
    `section-changed` (the content events of the history layer); `item` names it
    (`requirements.functional[FR-3]`);
    `detail` is an optional one-line description of the change.
    """

    kind: str
    item: str
    commit: str
    author: str
    date: int
    detail: str | None = None
    offset: int = 0
    """The author's offset from UTC (minutes east): `date` is shown in it."""


@dataclass(frozen=True)
class SiteSpec:
    """One spec as HEAD holds it, with its life.

    `content_html` is the spec's page as HTML (`spec_html.HtmlWriter`, or a Markdown spec's
    body converted, `markdown.convert_markdown`), its links as written: links to `<id>.md`
    of other specs, and to other specs' files (resolved by `links`), become links to their
    site pages; `anchors` are its items' anchors
    (`fr-3`), what a link to an item of the page may name. `summary` is plain text.
    `source` is the spec file's path from the top of the work tree.
    `last_change` is the commit time of the last commit that changed the spec's content
    (`SpecHistory.last_touched`; None: the spec is not committed yet).
    Periods and events are oldest first; the changelog is in any order (the site sorts it).
    """

    id: str
    title: str
    status: str
    authors: tuple[str, ...]
    last_change: int | None
    source: str
    last_change_offset: int = 0
    """The offset from UTC (minutes east) `last_change` is shown in: its author's."""
    other_ids: tuple[str, ...] = ()
    """Every other id it had in its history, sorted: the ids it had before a renumbering,
    and HEAD's where the work tree renumbers it (not those of a copy's inherited events).
    Pages that name a spec by an id from history (the report's) link it to this spec's
    page by them (`build.page_lookup`)."""
    summary: str = ""
    content_html: str = ""
    anchors: frozenset[str] = frozenset()
    links: LinkBase = NO_REBASE
    """How relative links in `content_html` are rebased for the spec's site page (a
    Markdown spec's body links from its file's folder; the HTML drawn from a spec's data
    already from the site's spec folder)."""
    reviewers: tuple[SpecReviewer, ...] = ()
    """Everyone who reviews or approves it, each once (the rules' and the report's view)."""
    roles: tuple[tuple[str, tuple[SpecReviewer, ...]], ...] = ()
    """Its people by the role its file gives them, as its page shows them
    (`SpecRecord.roles`: Reviewers, Approvers)."""
    open_questions: tuple[SpecQuestion, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    periods: tuple[StatusPeriod, ...] = ()
    events: tuple[SpecEvent, ...] = ()
    changelog: tuple[ItemChange, ...] = ()
    problems: tuple[str, ...] = ()
    """What the report's integrity section says of the spec that no event of it shows
    (historical versions that could not be read), in words."""
    unreadable: str = ""
    """Why the work tree's file of the spec cannot be read (the report's note,
    `SpecNote.unreadable`: `cannot read the file: Permission denied: HEAD's version is
    reported`), "" when it can: the spec is listed as HEAD has it, marked, and no page is
    drawn of it (an earlier build's is kept, `SiteData.kept_pages`)."""


@dataclass(frozen=True)
class WaitingReview:
    """A reviewer a spec in review waits on, and since when (seconds since the epoch;
    None when nothing dates the wait: a spec with no history)."""

    reviewer: str
    spec_id: str
    since: int | None
    since_offset: int = 0
    """The offset from UTC (minutes east) `since` is shown in: that of the author of the
    commit it is the time of."""


@dataclass(frozen=True)
class StaleSpec:
    """A spec idle for longer than its status allows (idle since its `last_change`)."""

    spec_id: str
    limit_days: int


@dataclass(frozen=True)
class SiteData:
    """Everything a site shows.

    `repository` names the site (and the feed's ids: keep it stable). `head` and
    `head_time` are HEAD's commit and commit time (None in a repository without commits).
    Open questions across specs are the specs' own. `trace` is the matrix `specrepo trace`
    builds (its rows every spec's requirements, in their order), None when traceability is
    not configured (then no trace page or tables); a spec's trace table is its rows there.
    `feed_entries` caps the Atom feed at the newest events. `repository_url` is where links
    to the repository's files lead (`site.repository_url`, its `{commit}` replaced; the
    file's path from the top of the work tree follows); None: they are not linked.
    """

    repository: str
    head: str | None
    head_time: int | None
    specs: tuple[SiteSpec, ...]
    waiting: tuple[WaitingReview, ...] = ()
    stale: tuple[StaleSpec, ...] = ()
    trace: TraceMatrix | None = None
    feed_entries: int = 100
    repository_url: str | None = None
    columns: frozenset[str] = frozenset({"authors", "reviewers", "questions"})
    """The optional fields the format has (`format_columns`): the index and the spec
    pages leave out the columns and rows of the others, rather than show `none` or 0."""
    shallow_boundary: tuple[str, ...] = ()
    """A shallow clone's boundary commits, sorted (`History.shallow_boundary`): the
    history the site shows starts there. Empty for a complete history."""
    integrity: Integrity | None = None
    """The report's integrity section (`Report.integrity`); None: not known."""
    illegal_problems: tuple[str, ...] = ()
    """What each of the integrity section's illegal status moves breaks, in words (the
    moves the workflow allows instead), in their order."""
    skipped: tuple[SkippedVersion, ...] = ()
    """The historical versions that could not be read (`History.skipped`), which the
    integrity section counts."""
    kept_pages: frozenset[str] = frozenset()
    """The pages (`build.page_path`) of the specs whose files cannot be read that an
    earlier build drew and this one keeps as they are: the specs are linked to them."""


def format_columns(fields: FieldMap) -> frozenset[str]:
    """Which of the site's optional columns (`authors`, `reviewers`, `questions`) a format
    with the field map `fields` has: reviewers where it has reviewers or approvers."""
    has = {"authors": fields.authors is not None,
           "reviewers": fields.reviewers is not None or fields.approvers is not None,
           "questions": fields.questions is not None}
    return frozenset(name for name, present in has.items() if present)

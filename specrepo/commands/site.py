"""`specrepo site`: a static HTML site of every spec and its life, written safely or only
checked. One pass of mining (through the history cache), one report, one render, and
(when `trace:` is configured, or JUnit reports are given) one trace, `specrepo trace`'s own,
its links judged against the history mined here.

The specs are checked and drawn as `render` does (`check.spec_set.examine_spec_set`): one
at a time, keeping of each only what the site shows, never every document at once."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field, replace
from functools import partial
from pathlib import Path

from specrepo.base import inputs
from specrepo.base.collection import cycle_collection_paused
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ExitCode, UsageError
from specrepo.base.links import LinkBase, RepositoryLinks
from specrepo.base.paths import real_path
from specrepo.check.spec_file_check import LoadedSpec
from specrepo.check.spec_set import Preparation, examine_spec_set
from specrepo.configuration.protected_headings import refuse_unknown_protected_headings
from specrepo.configuration.repository_url import (
    RepositoryUrlError,
    check_repository_url,
    repository_url_at,
)
from specrepo.gitio.flagged_files import FlaggedFile
from specrepo.gitio.marker_sizes import conflict_marker_sizes
from specrepo.gitio.remotes import origin_repository_name
from specrepo.gitio.sparse import (
    refuse_output_outside_sparse_checkout,
    refuse_specs_outside_sparse_checkout,
    refuse_traced_files_outside_sparse_checkout,
)
from specrepo.history.built_from import built_from_sources
from specrepo.history.committed_headings import committed_headings
from specrepo.history.graph_times import with_clock_warning, with_graph_times
from specrepo.history.mine import current_specs_only, mine_history
from specrepo.history.moved_specs import moved_in_work_tree
from specrepo.history.options import MineOptions
from specrepo.load.junit import JunitTestcase, read_junit_reports
from specrepo.load.spec_files import SpecFileListing
from specrepo.model.config import Config
from specrepo.model.fields import require_field
from specrepo.model.findings import Finding, ValidationResult
from specrepo.model.history import History
from specrepo.model.history_warning import said
from specrepo.model.report import Report
from specrepo.model.spec_record import SpecRecord, known_items
from specrepo.model.trace import TraceMatrix
from specrepo.output.page_set import (
    SITE_FILES,
    PageState,
    PlannedPage,
    RenderPlan,
    output_folder,
    plan_page,
    plan_pages,
    remove_orphans,
    scan_folder,
    write_page,
)
from specrepo.output.site_commits import SiteFiles
from specrepo.output.spec_pages import draw_page, is_valid
from specrepo.output.submodule_output import submodule_output_warning
from specrepo.render.pages import (
    page_folder,
    page_source,
    pages_to_render,
    spec_links,
    valid_specs,
    work_tree_folder,
)
from specrepo.report.build import ReportScope, build_report
from specrepo.report.spec_set import match_spec_files
from specrepo.site.build import page_path, site_files
from specrepo.site.data import SiteData
from specrepo.site.gather import RenderedSpec, rendered_spec, site_data
from specrepo.site.html_cache import HtmlCache, load_html_cache, save_html_cache
from specrepo.site.markdown import convert_markdown, item_anchors
from specrepo.site.marker import SPEC_FOLDER
from specrepo.site.spec_html import HtmlWriter
from specrepo.trace.repository import check_trace_globs, trace_repository
from specrepo.trace.scans import TagScans
from specrepo.trace.unloaded_specs import with_unloaded_specs


@dataclass(frozen=True)
class SiteOptions:
    """Where to build the site (None: `site.out` of the configuration), whether only to
    check it, and how to mine."""

    out: Path | None = None
    check: bool = False
    allow_empty: bool = False
    """Build the site even when a configured location holds no spec file."""
    mine: MineOptions = field(default_factory=MineOptions)
    junit: tuple[Path, ...] = ()
    """JUnit XML files, or folders of them, whose testcases verify requirements (as
    `specrepo trace --junit`); giving any draws the trace matrix even without `trace:`."""
    default_repository_url: str | None = None
    """Where links to repository files lead when `site.repository_url` is not set (the
    GitHub Action passes the commit's address on GitHub); checked as that setting is."""


@dataclass(frozen=True)
class SiteResult:
    """The findings on the specs, the history's warnings, and the plan that was carried out
    (or only checked)."""

    validation: ValidationResult
    history: History
    plan: RenderPlan
    check: bool = False
    junit_warnings: tuple[str, ...] = ()
    """What was left out of the JUnit reports (as `TraceResult.warnings`)."""
    notes: tuple[str, ...] = ()
    """The listing's notes (`SpecFileListing.notes`)."""
    output_warnings: tuple[str, ...] = ()
    """An output folder inside a submodule (`submodule_output`)."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """What to warn about: the output folder's, the history's warnings, then the JUnit
        reports'."""
        return (*self.output_warnings, *said(self.history.warnings), *self.junit_warnings)

    @property
    def exit_code(self) -> ExitCode:
        """1 for spec errors (those specs are left out), conflicts, or (when checking) a
        site that is not up to date."""
        failed = self.plan.conflicts or (self.check and self.plan.drift)
        return ExitCode.FINDINGS if failed or self.validation.errors else ExitCode.CLEAN


def site_name(config: Config) -> str:
    """`site.name`, else the origin remote's repository name, else the folder's name."""
    return (config.site_name or origin_repository_name(config.root)
            or real_path(config.root).name or "specs")


def _history(config: Config, mined: History, spec_files: Sequence[Path]
             ) -> tuple[History, dict[str, str]]:
    """The history of today's specs (`current_specs_only` of `mined`), with graph times
    and a warning on a clock behind HEAD, and the work tree's moves by the walk's pairing
    (`moved_in_work_tree`), as validate's hooks pair them."""
    return with_clock_warning(with_graph_times(current_specs_only(
        config, mined, spec_files)), int(inputs.reader.time())), \
        moved_in_work_tree(config, mined, spec_files)


def run(config: Config, options: SiteOptions) -> SiteResult:
    """Build the site and write it unless only checking; raises `SpecrepoError` when
    something asked for cannot be read (exit 2), a JUnit report or a `trace:` glob as
    `specrepo trace` does."""
    require_field(config.fields, "status", "specrepo site")
    checkout = refuse_specs_outside_sparse_checkout(config)
    folder = output_folder(options.out or config.root / config.site_out, config.root, "site",
                           setting=None if options.out else config.written_at(("site", "out")),
                           root_named=config.root_named, top=config.repository)
    refuse_output_outside_sparse_checkout(config, checkout, folder, "site",
                                          check=options.check)
    traced = config.trace.configured or bool(options.junit)
    testcases, junit_warnings = read_junit_reports(options.junit)
    if traced:
        junit_warnings = (*junit_warnings, *check_trace_globs(config))
        refuse_traced_files_outside_sparse_checkout(config, checkout)
    listing = SpecFileListing(config, allow_empty=options.allow_empty)
    mined = mine_history(config, replace(options.mine, spec_files=listing))
    spec_files = listing()
    # Built from the newest commit that changed more than sites' files, a site's in its
    # folder or any other's: the commit that adds the site leaves it up to date.
    mined = built_from_sources(mined, SiteFiles(
        config.repository, folder.relative_to(config.repository).as_posix()).only_site_files)
    refuse_unknown_protected_headings(config, lambda: spec_files,
                                      partial(committed_headings, config))
    history, moved = _history(config, mined, spec_files)
    repository = _repository_links(config, options, history, folder)
    cache = load_html_cache(history.git_dir)
    reports: list[Report] = []

    def report_beside() -> None:  # while worker processes check the first specs
        reports.append(build_report(history, ReportScope(
            now=history.head_time or 0, stale_after_days=config.stale_after_days,
            workflow=config.workflow, dates_recorded_by=config.dates_recorded_by),
            match_spec_files(config, history, spec_files, moved=moved)))

    validation, specs, records = _rendered(config, history, folder / SPEC_FOLDER, cache,
                                           repository, report_beside)
    report, = reports
    trace = _traced(config, history, records, validation, testcases if options.junit
                    else None, checkout.flagged) if traced else None
    data = _with_kept_pages(folder, site_data(
        site_name(config), history, report, specs, trace, config.workflow, repository.url
        if repository is not None else None, config.fields, config.dates_recorded_by, moved))
    # Each file is written as it comes, while worker processes draw the next ones.
    planned = [_planned_file(folder, name, content, write=not options.check)
               for name, content in site_files(data)]
    scan = scan_folder(folder, [page.path.relative_to(folder).as_posix() for page in planned],
                       generated=True, owner=SITE_FILES)
    plan = plan_pages(folder, planned, scan, {*map(folder.joinpath, data.kept_pages)}, SITE_FILES)
    if not options.check:
        remove_orphans(plan)
        save_html_cache(history.git_dir, cache)
    unread = () if trace is None else (*(entry.message for entry in trace.unlinked),
                                       *trace.unclaimed,
                                       *(file.message for file in trace.unsearched))
    return SiteResult(validation, history, plan, options.check, (*junit_warnings, *unread),
                      listing.notes(),
                      submodule_output_warning(folder, config.repository, "site"))


def _traced(config: Config, history: History, records: list[SpecRecord],
            validation: ValidationResult, testcases: tuple[JunitTestcase, ...] | None,
            flagged: Sequence[FlaggedFile]) -> TraceMatrix:
    """The trace page's matrix, as `specrepo trace` builds it: the links of `records`
    (every spec with an id) judged against `history` (not in a shallow clone, which is
    said), `testcases` (None: no `--junit`), and a tag naming a spec that exists but does
    not load said so (`with_unloaded_specs`, from `validation`'s findings). `flagged`
    (`Checkout.flagged`): spec files whose edits behind their bit are uncommitted ones."""
    with TagScans(config, flagged=flagged) as scans:
        trace = trace_repository(config, known_items(records), records, records, testcases,
                                 lambda: None if history.shallow else history, scans)
    if history.shallow:  # as `specrepo trace` says it (`--allow-shallow`)
        trace = replace(trace, suspect_not_judged="shallow clone")
    return with_unloaded_specs(trace, validation, records, config)


def _with_kept_pages(folder: Path, data: SiteData) -> SiteData:
    """`data` with the pages an earlier build drew of the specs whose files cannot be read
    now (`SiteSpec.unreadable`: a file or a folder above it that cannot be read; HEAD's
    version listed), named as the build names pages (`page_path`): kept as they are, as
    `render` keeps its pages (unreadable is not removed), and linked from the listings."""
    pages = (page_path(spec.id) for spec in data.specs if spec.unreadable)
    return replace(data, kept_pages=frozenset(
        page for page in pages if page is not None and inputs.reader.isfile(folder / page)))


def _planned_file(folder: Path, name: str, content: bytes, *, write: bool) -> PlannedPage:
    """The file `name` of the site planned (`plan_page`) and, with `write`, written when it
    is new or changed; without its text."""
    page = plan_page(folder, name, content.decode("utf-8"), SITE_FILES)
    if write and page.state in (PageState.NEW, PageState.CHANGED):
        return write_page(folder, page)
    return replace(page, text="")


def _repository_links(config: Config, options: SiteOptions, history: History,
                      folder: Path) -> RepositoryLinks | None:
    """Where links to repository files lead: `site.repository_url`, else the option's
    default (raises `UsageError` when that is no plain http(s) URL); None when neither is
    set, or the URL names `{commit}` and there is no commit."""
    url = default = None
    if options.default_repository_url is not None:
        try:
            default = check_repository_url(options.default_repository_url)
        except RepositoryUrlError as error:
            raise UsageError(f"--default-repository-url: {error}") from None
    url = config.site_repository_url or default
    url = None if url is None else repository_url_at(url, history.head)
    root = work_tree_folder(config)
    if url is None or root is None:
        return None
    return RepositoryLinks(url, posixpath.normpath(posixpath.join(root,
                                                                  page_folder(folder, config))))


def _rendered(config: Config, history: History, pages: Path, cache: HtmlCache,
              repository: RepositoryLinks | None = None,
              beside: Callable[[], None] | None = None
              ) -> tuple[ValidationResult, list[RenderedSpec], list[SpecRecord]]:
    """The findings on every spec, with render's own, each spec render can draw, drawn as
    HTML with its links rebased for a page in `pages` (and to `repository` files, see
    `LinkBase`) (Markdown specs, `front_matter: true`, are pages already: each valid one,
    its body as its page), and the record of every spec with an id (what trace reads,
    valid or not, as `specrepo trace` does). Conversions of Markdown are taken from
    `cache`, and those used kept in it. `beside`: other work, done while worker processes
    check the first specs (`Preparation.beside`)."""
    drawn: dict[Path, RenderedSpec | Finding | None] = {}
    records: list[SpecRecord] = []

    def keep(path: Path, prepared: _Drawn) -> None:
        record, drawn[path], used = prepared
        cache.used.update((key, cache.known[key] if html is None else html)
                          for key, html in used.items())
        if record is not None:
            records.append(record)

    # Drawing a page makes hundreds of small objects, none in a cycle.
    with cycle_collection_paused(promote=True):
        checked = examine_spec_set(config, preparation=Preparation(
            partial(_draw, config=config, folder=page_folder(pages, config),
                    top=real_path(history.work_tree), known=cache.known,
                    repository=repository), keep, beside),
            marker_sizes=partial(conflict_marker_sizes, config.root))
    if config.front_matter:
        validation, named = checked.validation, valid_specs(checked)
    else:
        undrawable = {path: spec for path, spec in drawn.items() if isinstance(spec, Finding)}
        validation, named = pages_to_render(checked, undrawable)
    specs = [drawn[spec.file] for spec in named]
    return validation, [spec for spec in specs if isinstance(spec, RenderedSpec)], records


_Drawn = tuple[SpecRecord | None, RenderedSpec | Finding | None, dict[str, str | None]]
"""A spec's record, what the site shows of it (`_draw`), and the conversions of Markdown
drawing it used: by key, each new one's HTML (None: the cache knew it, as the worker that
drew it may have sent only its key)."""


def _draw(loaded: LoadedSpec, *, config: Config, folder: str, top: Path,
          known: Mapping[str, str], repository: RepositoryLinks | None = None) -> _Drawn:
    """The spec's record, and a valid spec's page as HTML (a Markdown spec's body
    converted) with what the site shows of it (None for a spec with an error or no id; a
    finding when the page cannot show it); its file named relative to the repository's top
    (as the history names it); its Markdown converted through a cache that knows `known`;
    links to `repository` files lead there (see `LinkBase`)."""
    if not is_valid(loaded) or loaded.record is None:
        return loaded.record, None, {}
    cache = HtmlCache(known)
    content = _content(loaded, config, folder, cache)
    used = {key: None if known.get(key) == html else html for key, html in cache.used.items()}
    if isinstance(content, Finding):
        return loaded.record, content, used
    real = real_path(loaded.path)
    source = real.relative_to(top).as_posix() if real.is_relative_to(top) \
        else loaded.path.name
    # A Markdown spec's body links from its file's folder; render's page already from
    # the site's spec folder.
    links = spec_links(page_source(loaded.path, config), folder, config, repository) \
        if config.front_matter else LinkBase(folder, folder, repository,
                                             work_tree_folder(config))
    return loaded.record, rendered_spec(loaded.record, loaded.document.data, content,
                                        source, config.fields, links,
                                        body=config.front_matter), used


def _content(loaded: LoadedSpec, config: Config, folder: str,
             cache: HtmlCache) -> tuple[str, frozenset[str]] | Finding:
    """A valid spec's page as HTML, and its items' anchors: a Markdown spec's body
    converted, any other spec drawn as render lays its page out; a finding when the page
    cannot show the spec."""
    if config.front_matter:
        body = loaded.body or ""
        return convert_markdown(body, cache), item_anchors(body)
    writer = HtmlWriter(cache)
    content = draw_page(loaded, config, folder, writer)
    return content if isinstance(content, Finding) else (content, frozenset(writer.anchors))

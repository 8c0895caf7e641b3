"""`specrepo render`: a Markdown page per spec and an index, written safely or only checked.

Pages are drawn while their spec is loaded and checked, and only when their inputs changed
(see `output.spec_pages` and `output.page_cache`); they are written one at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError, ExitCode, UsageError
from specrepo.base.paths import display_path, real_path
from specrepo.check.spec_file_check import LoadedSpec
from specrepo.check.spec_ids import spec_files_of_arguments
from specrepo.check.spec_set import Preparation, examine_spec_set
from specrepo.commands.staged_render import StagedRender, staged_render
from specrepo.gitio.marker_sizes import conflict_marker_sizes
from specrepo.gitio.repository import refuse_unread_repository, work_tree_git_dir
from specrepo.gitio.sparse import (
    Checkout,
    refuse_output_outside_sparse_checkout,
    refuse_specs_outside_sparse_checkout,
)
from specrepo.gitio.sparse_writes import (
    refuse_files_outside_sparse_patterns,
    refuse_folder_outside_cone,
)
from specrepo.load.locations import location_matcher
from specrepo.load.spec_files import SpecFileListing
from specrepo.load.unlisted_folders import unexaminable, unlisted_above
from specrepo.model.config import Config
from specrepo.model.findings import Finding, ValidationResult
from specrepo.model.spec_summary import SpecSummary
from specrepo.output.page_cache import load_page_cache, page_key, save_page_cache, shared_key
from specrepo.output.page_folders import PageFolder, WorkTreePages
from specrepo.output.page_set import (
    FolderScan,
    PageState,
    RenderPlan,
    apply_plan,
    output_folder,
    plan_pages,
    remove_orphans,
    write_page,
)
from specrepo.output.spec_pages import (
    PageSetup,
    PreparedPages,
    draw_page,
    finish_pages,
    is_valid,
    prepare_page,
    reloaded,
)
from specrepo.output.submodule_output import submodule_output_warning
from specrepo.render.index import KeptPage, own_page, render_index
from specrepo.render.page_files import INDEX_PAGE, page_name
from specrepo.render.pages import (
    LinkedFiles,
    page_folder,
    page_source,
    pages_to_render,
    spec_file_pages,
    valid_specs,
)

_WRITES: Final = (PageState.NEW, PageState.CHANGED)


@dataclass(frozen=True)
class RenderOptions:
    """What to render and how.

    No `paths` means every configured spec, the index, and removing orphaned pages; specs
    named (by file, folder or id) get their pages only. `out` overrides the configured
    output folder. With `to_stdout`, the page of the one spec named is only returned.
    Unless `allow_empty`, a configured location or a folder named that holds no spec file
    is an error: rendering nothing must never pass in silence.
    """

    paths: tuple[str, ...] = ()
    out: Path | None = None
    check: bool = False
    to_stdout: bool = False
    allow_empty: bool = False
    staged: bool = False
    """With `check`: judge the commit being made, the specs and pages as the index stages
    them (`commands.staged_render`), not the work tree's."""


@dataclass(frozen=True)
class RenderResult:
    """The findings on the specs, and the plan that was carried out (or only checked) or,
    for `to_stdout`, the one page (None when it could not be rendered)."""

    validation: ValidationResult
    plan: RenderPlan | None
    check: bool = False
    page: str | None = None
    staged: bool = False
    """Checked against the pages the index stages (`RenderOptions.staged`)."""
    notes: tuple[str, ...] = ()
    """The paths named that are no specs, and why (they are not rendered); with none
    named, the listing's notes (`SpecFileListing.notes`)."""
    warnings: tuple[str, ...] = ()
    """What to warn about: an output folder inside a submodule (`submodule_output`)."""

    @property
    def exit_code(self) -> ExitCode:
        """1 for spec errors, conflicts, a page that could not be rendered, or (when
        checking) pages that are not up to date."""
        if self.plan is None:
            failed = self.page is None
        else:
            failed = bool(self.plan.conflicts or (self.check and self.plan.drift))
        return ExitCode.FINDINGS if failed or self.validation.errors else ExitCode.CLEAN


def run(config: Config, options: RenderOptions) -> RenderResult:
    """Render what `options` ask for, and write the pages unless only checking or printing."""
    checkout = refuse_specs_outside_sparse_checkout(config)
    if config.front_matter and (options.paths or options.to_stdout):
        raise UsageError("the specs are Markdown files (`front_matter: true`), pages "
                         "already: render writes only the index of them, so it takes no "
                         "spec and no --stdout")
    if options.staged and (not options.check or options.paths or options.to_stdout):
        raise UsageError("--staged checks every page as the index stages it, what the "
                         "commit being made holds: it needs --check, and takes no spec and "
                         "no --stdout")
    if options.staged:  # the index's files, not the work tree's listing
        return _rendered(config, checkout, options, None)
    if not options.paths:  # every spec: no hidden folder skipped in silence
        listing = SpecFileListing(config, allow_empty=options.allow_empty)
        rendered = _rendered(config, checkout, options, None, listing)
        return replace(rendered, notes=listing.notes())
    named = spec_files_of_arguments(options.paths, config, allow_empty=options.allow_empty)
    return replace(_rendered(config, checkout, options, named.files), notes=named.skipped)


def _rendered(config: Config, checkout: Checkout, options: RenderOptions,
              selected: tuple[Path, ...] | None,
              listing: SpecFileListing | None = None) -> RenderResult:
    """Render the `selected` spec files (None: every configured spec, from `listing` if
    given) as `run` does."""
    if options.to_stdout:
        if options.check or options.out is not None or selected is None or len(selected) != 1:
            raise UsageError("--stdout prints the page of exactly one spec file; it takes "
                             "neither --check nor --out")
        return _page_alone(config, selected)
    folder = _pages_folder(config, checkout, options)
    warnings = submodule_output_warning(folder, config.repository, "render")
    staged = staged_render(config, folder) if options.staged else None
    pages: PageFolder = staged.pages if staged is not None else WorkTreePages(folder)
    configured = staged.spec_files if staged is not None \
        else listing() if listing is not None else None
    if config.front_matter:
        return replace(_index_only(config, checkout, pages, options, staged),
                       warnings=warnings)
    relative = page_folder(folder, config)
    cache = load_page_cache(work_tree_git_dir(config.root), shared_key(config, relative))
    setup = PageSetup(config, pages, relative, cache, staged.specs if staged else {})
    prepared = PreparedPages()
    checked = examine_spec_set(
        config, selected, allow_empty=options.allow_empty, configured=configured,
        preparation=Preparation(partial(prepare_page, setup=setup), prepared.keep),
        marker_sizes=partial(conflict_marker_sizes, config.root),
        staged=staged.specs if staged is not None else None)
    validation, named = pages_to_render(checked, prepared.findings)
    every = selected is None
    if not options.check:
        refuse_files_outside_sparse_patterns(
            checkout, folder, [*_page_names(named), *([INDEX_PAGE] if every else [])],
            "render")
    scan = pages.scan([*_page_names(named), INDEX_PAGE], generated=every)
    by_id: defaultdict[str, list[SpecSummary]] = defaultdict(list)
    for spec in checked.summaries:
        by_id[spec.id].append(spec)
    planned, entries = [], {}
    for spec, page, entry in finish_pages(setup, prepared, named, by_id, checked.summaries,
                                          write=not options.check):
        planned.append(page)
        if entry is not None:
            entries[page_source(spec.file, config)] = entry
    kept, unlisted = _kept_pages(
        scan, _unrendered(config, validation.files, checked.summaries, named), config.root)
    if every:
        index = pages.plan(INDEX_PAGE, render_index(named, config.workflow.states, kept.values(),
                                                     fields=config.fields, unlisted=unlisted))
        planned.append(index if options.check or index.state not in _WRITES
                       else write_page(folder, index))
    plan = plan_pages(folder, planned, scan, kept=kept.keys())
    if not options.check:
        remove_orphans(plan)
        save_page_cache(cache, entries if every else {**cache.pages, **entries})
    return RenderResult(validation, plan, options.check, staged=options.staged,
                        warnings=warnings)


def _pages_folder(config: Config, checkout: Checkout, options: RenderOptions) -> Path:
    """The output folder (resolved), refused where render may not write or check it."""
    folder = output_folder(options.out or config.root / config.render_out, config.root,
                           setting=None if options.out else config.written_at(("render", "out")),
                           root_named=config.root_named, top=config.repository)
    _refuse_pages_among_specs(config, folder)
    refuse_output_outside_sparse_checkout(config, checkout, folder, "render",
                                          check=options.check)
    if not options.check:
        refuse_folder_outside_cone(config, checkout, folder, "render")
    return folder


def _refuse_pages_among_specs(config: Config, folder: Path) -> None:
    """Raises `ConfigError` when render's pages would be spec files (Markdown specs whose
    location holds render's folder): the index would be read as a spec on the next run."""
    index = real_path(folder / INDEX_PAGE)
    root = real_path(config.root)
    if index.is_relative_to(root) and location_matcher(config.locations)(
            index.relative_to(root).as_posix()):
        raise ConfigError(
            f"render writes its pages to {display_path(folder)}, where `specs:` of "
            f"{display_path(config.file or config.root)} reads spec files, so its "
            f"{INDEX_PAGE} would be read as a spec; set `render: out:` (or --out) to "
            "another folder")


def _page_names(specs: Iterable[SpecSummary]) -> Iterator[str]:
    for spec in specs:
        name = page_name(spec.id)
        assert name is not None, "only specs with a page name are rendered"
        yield name


@dataclass(frozen=True)
class _UnrenderedSpec:
    """A spec that exists but was not rendered: its file, its source (the file as pages
    name it), and its summary if it has one."""

    file: Path
    source: str
    summary: SpecSummary | None


def _unrendered(config: Config, files: Iterable[Path], summaries: Iterable[SpecSummary],
                rendered: Iterable[SpecSummary]) -> list[_UnrenderedSpec]:
    """The selected specs that were not rendered; their last pages stay."""
    by_file = {spec.file: spec for spec in summaries}
    done = {spec.file for spec in rendered}
    return [_UnrenderedSpec(path, page_source(path, config), by_file.get(path))
            for path in files if path not in done]


def _index_only(config: Config, checkout: Checkout, pages: PageFolder,
                options: RenderOptions, staged: StagedRender | None) -> RenderResult:
    """Markdown specs (`front_matter: true`) are pages already: no page is drawn, the index
    lists every spec, linking to its file, an invalid one with the status `invalid` as a
    YAML spec's kept page is listed (`staged`: as the index stages them)."""
    refuse_unread_repository(config.root)  # no page cache: no git asked otherwise
    checked = examine_spec_set(config, allow_empty=options.allow_empty,
                               configured=staged.spec_files if staged is not None else None,
                               marker_sizes=partial(conflict_marker_sizes, config.root),
                               staged=staged.specs if staged is not None else None)
    folder = pages.folder
    scan = pages.scan([INDEX_PAGE], generated=True)
    valid = valid_specs(checked)
    kept = [own_page(spec.file, spec.source, spec.summary, folder) for spec in _unrendered(
        config, checked.validation.files, checked.summaries, valid)]
    index = pages.plan(INDEX_PAGE, render_index(
        valid, config.workflow.states, kept, folder, config.fields))
    plan = plan_pages(folder, [index], scan)
    if not options.check:
        refuse_files_outside_sparse_patterns(checkout, folder, [INDEX_PAGE], "render")
        apply_plan(plan)
    return RenderResult(checked.validation, plan, options.check, staged=options.staged)


def _page_alone(config: Config, selected: Sequence[Path]) -> RenderResult:
    """`--stdout`: the findings on the one spec selected, and its page if it has one: the
    page `render` writes (drawn again once every spec is known when its links name spec
    files, as `output.spec_pages.finish_pages` does)."""
    drawn: dict[Path, _AlonePage | Finding] = {}
    folder = page_folder(config.root / config.render_out, config)
    draw = partial(_draw_alone, config=config, folder=folder)
    checked = examine_spec_set(config, selected, preparation=Preparation(
        draw, drawn.__setitem__), marker_sizes=partial(conflict_marker_sizes, config.root))
    undrawable = {path: page for path, page in drawn.items() if isinstance(page, Finding)}
    validation, named = pages_to_render(checked, undrawable)
    page = drawn[named[0].file] if named else None
    if not isinstance(page, _AlonePage):
        return RenderResult(validation, None)
    spec_files = spec_file_pages(checked.summaries, config) if page.files else {}
    file_pages = {file: spec_files[file] for file in page.files if file in spec_files}
    text = page.text if not file_pages else draw_page(
        reloaded(named[0].file, config, page.key, ""), config, folder, spec_pages=file_pages)
    return RenderResult(validation, None, page=text if isinstance(text, str) else None)


@dataclass(frozen=True)
class _AlonePage:
    """`--stdout`'s page as drawn while its spec was checked, the files its links name, and
    the key of its spec's bytes (`page_key`, with no shared inputs)."""

    text: str
    files: tuple[str, ...]
    key: str


def _draw_alone(loaded: LoadedSpec, *, config: Config, folder: str) -> _AlonePage | Finding | None:
    """The page of a spec checked alone as `_page_alone` keeps it; None for an invalid one."""
    if not is_valid(loaded):
        return None
    files = LinkedFiles()
    text = draw_page(loaded, config, folder, spec_pages=files)
    if isinstance(text, Finding):
        return text
    return _AlonePage(text, files.files, page_key("", page_source(loaded.path, config), loaded.raw))


def _kept_pages(scan: FolderScan, unrendered: Sequence[_UnrenderedSpec],
                root: Path) -> tuple[dict[Path, KeptPage], int]:
    """The generated pages that stay: those of specs that exist but were not rendered, found
    by the spec's id (so a spec renamed and made invalid at once keeps its page) or by the
    source the page was generated from; and those whose source (from `root`) cannot be
    examined (`unexaminable`: in a folder that cannot be searched) or that lies in a folder
    that cannot be listed (`unlisted_above`: mode 111), as a spec file that
    cannot be read keeps its page: unreadable is not removed. With them, how many of the
    `unrendered` specs have no page kept (which the index counts)."""
    by_name: dict[str, _UnrenderedSpec] = {}
    by_source: dict[str, _UnrenderedSpec] = {}
    for spec in unrendered:
        by_source[spec.source] = spec
        name = page_name(spec.summary.id) if spec.summary is not None else None
        if name is not None:
            by_name[name.casefold()] = spec
    kept = {}
    owned: set[str] = set()
    for page in scan.generated:
        owner = by_name.get(page.path.name.casefold()) or by_source.get(page.source or "")
        if owner is not None:
            kept[page.path] = KeptPage(page.path.name, owner.summary)
            owned.add(owner.source)
        elif page.source and (unexaminable(root / page.source, root)
                              or unlisted_above(root / page.source, root)) is not None:
            kept[page.path] = KeptPage(page.path.name, None)
    return kept, sum(spec.source not in owned for spec in unrendered)

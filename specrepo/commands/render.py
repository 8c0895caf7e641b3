"""`specrepo render`: a Markdown page per spec and an index, written safely or only checked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from specrepo.base.errors import ConfigError, ExitCode, UsageError
from specrepo.base.paths import display_path
from specrepo.check.spec_ids import spec_files_of_arguments
from specrepo.load.locations import location_matcher
from specrepo.model.config import Config
from specrepo.model.findings import ValidationResult
from specrepo.output.page_set import (
    FolderScan,
    RenderPlan,
    apply_plan,
    output_folder,
    plan_pages,
    scan_folder,
)
from specrepo.render.index import KeptPage, render_index
from specrepo.render.page_files import INDEX_PAGE, Page, page_name
from specrepo.render.pages import UnrenderedSpec, render_specs


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


@dataclass(frozen=True)
class RenderResult:
    """The findings on the specs, and the plan that was carried out (or only checked) or,
    for `to_stdout`, the one page (None when it could not be rendered)."""

    validation: ValidationResult
    plan: RenderPlan | None
    check: bool = False
    page: str | None = None

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
    if config.front_matter and (options.paths or options.to_stdout):
        raise UsageError("the specs are Markdown files (`front_matter: true`), pages "
                         "already: render writes only the index of them, so it takes no "
                         "spec and no --stdout")
    selected = tuple(spec_files_of_arguments(options.paths, config,
                                             allow_empty=options.allow_empty)) \
        if options.paths else None
    if options.to_stdout:
        if options.check or options.out is not None or selected is None or len(selected) != 1:
            raise UsageError("--stdout prints the page of exactly one spec file; it takes "
                             "neither --check nor --out")
        rendered = render_specs(config, selected, config.root / config.render_out)
        return RenderResult(rendered.validation, None,
                            page=rendered.pages[0].text if rendered.pages else None)
    folder = output_folder(options.out or config.root / config.render_out, config.root)
    _refuse_pages_among_specs(config, folder)
    rendered = render_specs(config, selected, folder, allow_empty=options.allow_empty)
    pages = list(rendered.pages)
    everything = selected is None
    scan = scan_folder(folder, [page.name for page in pages] + [INDEX_PAGE],
                       generated=everything)
    kept = _kept_pages(scan, rendered.unrendered)
    if everything:
        index = render_index(rendered.records, config.workflow.states, kept.values(),
                             folder if config.front_matter else None)
        pages.append(Page(INDEX_PAGE, index, None))
    plan = plan_pages(folder, pages, scan, kept=kept.keys())
    if not options.check:
        apply_plan(plan)
    return RenderResult(rendered.validation, plan, options.check)


def _refuse_pages_among_specs(config: Config, folder: Path) -> None:
    """Raises `ConfigError` when render's pages would be spec files (Markdown specs whose
    location holds render's folder): the index would be read as a spec on the next run."""
    index = (folder / INDEX_PAGE).resolve()
    root = config.root.resolve()
    if index.is_relative_to(root) and location_matcher(config.locations)(
            index.relative_to(root).as_posix()):
        raise ConfigError(
            f"render writes its pages to {display_path(folder)}, where `specs:` of "
            f"{display_path(config.file or config.root)} reads spec files, so its "
            f"{INDEX_PAGE} would be read as a spec; set `render: out:` (or --out) to "
            "another folder")


def _kept_pages(scan: FolderScan, unrendered: Iterable[UnrenderedSpec]) -> dict[Path, KeptPage]:
    """The generated pages that stay: those of specs that exist but were not rendered, found
    by the spec's id (so a spec renamed and made invalid at once keeps its page) or by the
    source the page was generated from."""
    by_name: dict[str, UnrenderedSpec] = {}
    by_source: dict[str, UnrenderedSpec] = {}
    for spec in unrendered:
        by_source[spec.source] = spec
        name = page_name(spec.record.id) if spec.record is not None else None
        if name is not None:
            by_name[name.casefold()] = spec
    kept = {}
    for page in scan.generated:
        owner = by_name.get(page.path.name.casefold()) or by_source.get(page.source or "")
        if owner is not None:
            kept[page.path] = KeptPage(page.path.name, owner.record)
    return kept

"""`specrepo site`: a static HTML site of every spec and its life, written safely or only
checked. One pass of mining (through the history cache), one report, one render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from specrepo.base.errors import ExitCode
from specrepo.gitio.remotes import origin_repository_name
from specrepo.history.mine import MineOptions, current_specs_only, mine_history
from specrepo.load.spec_files import discover_spec_files, load_spec_content, read_spec_file
from specrepo.load.yaml_loader import LoadLimits
from specrepo.model.config import Config
from specrepo.model.fields import require_field
from specrepo.model.findings import ValidationResult
from specrepo.model.history import History
from specrepo.output.page_set import (
    SITE_FILES,
    RenderPlan,
    apply_plan,
    output_folder,
    plan_pages,
    scan_folder,
)
from specrepo.render.page_files import Page
from specrepo.render.pages import RenderedSpecs, render_specs
from specrepo.report.build import ReportScope, build_report
from specrepo.report.spec_set import match_spec_files
from specrepo.site.build import build_site
from specrepo.site.gather import RenderedSpec, site_data
from specrepo.site.html_cache import load_html_cache, save_html_cache
from specrepo.site.marker import SPEC_FOLDER


@dataclass(frozen=True)
class SiteOptions:
    """Where to build the site (None: `site.out` of the configuration), whether only to
    check it, and how to mine."""

    out: Path | None = None
    check: bool = False
    allow_empty: bool = False
    """Build the site even when a configured location holds no spec file."""
    mine: MineOptions = field(default_factory=MineOptions)


@dataclass(frozen=True)
class SiteResult:
    """The findings on the specs, the history's warnings, and the plan that was carried out
    (or only checked)."""

    validation: ValidationResult
    history: History
    plan: RenderPlan
    check: bool = False

    @property
    def warnings(self) -> tuple[str, ...]:
        """What to warn about: the history's warnings."""
        return self.history.warnings

    @property
    def exit_code(self) -> ExitCode:
        """1 for spec errors (those specs are left out), conflicts, or (when checking) a
        site that is not up to date."""
        failed = self.plan.conflicts or (self.check and self.plan.drift)
        return ExitCode.FINDINGS if failed or self.validation.errors else ExitCode.CLEAN


def site_name(config: Config) -> str:
    """`site.name`, else the origin remote's repository name, else the folder's name."""
    return (config.site_name or origin_repository_name(config.root)
            or config.root.resolve().name or "specs")


def run(config: Config, options: SiteOptions) -> SiteResult:
    """Build the site and write it unless only checking."""
    require_field(config.fields, "status", "specrepo site")
    folder = output_folder(options.out or config.root / config.site_out, config.root,
                           "site")
    spec_files = discover_spec_files(config, allow_empty=options.allow_empty)
    history = current_specs_only(config, mine_history(config, options.mine), spec_files)
    rendered = render_specs(config, None, folder / SPEC_FOLDER)
    now = history.head_time if history.head_time is not None else 0
    report = build_report(history, ReportScope(
        now=now, stale_after_days=config.stale_after_days, workflow=config.workflow),
        match_spec_files(config, history, spec_files))
    data = site_data(site_name(config), history, report,
                     _rendered(rendered, history, _page_texts(config, rendered)),
                     config.fields)
    cache = load_html_cache(history.git_dir)
    files = [Page(path, content.decode("utf-8"), None)
             for path, content in build_site(data, cache).items()]
    scan = scan_folder(folder, [page.name for page in files], generated=True,
                       owner=SITE_FILES)
    plan = plan_pages(folder, files, scan, owner=SITE_FILES)
    if not options.check:
        apply_plan(plan)
        save_html_cache(history.git_dir, cache)
    return SiteResult(rendered.validation, history, plan, options.check)


def _page_texts(config: Config, rendered: RenderedSpecs) -> list[str]:
    """The Markdown of each spec's page: the page render drew, or for a Markdown spec
    (`front_matter: true`, which render draws no page for) its body, read again."""
    if not config.front_matter:
        return [page.text for page in rendered.pages]
    limits = LoadLimits(max_bytes=config.max_file_size)
    return [load_spec_content(read_spec_file(record.file, config.root, config.max_file_size),
                              limits=limits, front_matter=True).body or ""
            for record in rendered.records]


def _rendered(rendered: RenderedSpecs, history: History,
              texts: list[str]) -> list[RenderedSpec]:
    """Each spec render drew (`texts`: its page's Markdown), its file named relative to
    the repository's top (as the history names it)."""
    top = history.work_tree.resolve()
    specs = []
    for text, record in zip(texts, rendered.records, strict=True):
        real = record.file.resolve()
        source = real.relative_to(top).as_posix() if real.is_relative_to(top) \
            else record.file.name
        specs.append(RenderedSpec(record, rendered.validation.documents[record.file].data,
                                  text, source))
    return specs

"""Render a repository: validate, model the valid specs, render pages, plan, then write or check."""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from specrepo.base.errors import ExitCode
from specrepo.base.paths import display_path
from specrepo.configuration.config_file import Config
from specrepo.load.document import Document
from specrepo.model.fields import DEFAULT_FIELDS
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec import SpecShapeError, spec_from_document
from specrepo.model.spec_record import SpecRecord, record_from_document
from specrepo.render.apply import apply_plan
from specrepo.render.generic import render_generic
from specrepo.render.index import KeptPage, render_index
from specrepo.render.links import LinkBase
from specrepo.render.page import render_spec
from specrepo.render.page_files import INDEX_PAGE, Page, page_name
from specrepo.render.plan import FolderScan, RenderPlan, output_folder, plan_pages, scan_folder
from specrepo.validate import ValidationResult, validate


@dataclass(frozen=True)
class RenderSettings:
    """What to render and how.

    `selected` None means every configured spec, the index, and removing orphaned pages;
    given files get their pages only. `out` overrides the configured output folder.
    """

    selected: tuple[Path, ...] | None = None
    out: Path | None = None
    check: bool = False


@dataclass(frozen=True)
class RenderResult:
    """The findings on the specs, and the plan that was carried out (or only checked)."""

    validation: ValidationResult
    plan: RenderPlan
    check: bool

    @property
    def exit_code(self) -> ExitCode:
        """1 for spec errors, conflicts, or (when checking) pages that are not up to date."""
        if self.validation.errors or self.plan.conflicts or (self.check and self.plan.drift):
            return ExitCode.FINDINGS
        return ExitCode.CLEAN


@dataclass(frozen=True)
class PageResult:
    """One spec's page, or the findings that kept it from being rendered."""

    validation: ValidationResult
    text: str | None

    @property
    def exit_code(self) -> ExitCode:
        """1 when the page could not be rendered or the spec has errors."""
        return ExitCode.FINDINGS if self.validation.errors or self.text is None \
            else ExitCode.CLEAN


@dataclass(frozen=True)
class _Unrendered:
    """A spec that exists but was not rendered: its source, and its record if it has one."""

    source: str
    record: SpecRecord | None


@dataclass(frozen=True)
class _Rendered:
    validation: ValidationResult
    pages: tuple[Page, ...]
    records: tuple[SpecRecord, ...]
    unrendered: tuple[_Unrendered, ...]
    """Specs that exist but were not rendered; their last pages stay."""


@dataclass(frozen=True)
class _Modelled:
    path: Path
    record: SpecRecord
    document: Document
    draw: Callable[[str, LinkBase], str]
    """The page, given its source's name and how its relative links are rebased."""


def render(config: Config, settings: RenderSettings) -> RenderResult:
    """Render the pages `settings` asks for, and write them unless only checking."""
    folder = output_folder(settings.out or config.root / config.render_out, config.root)
    rendered = _render_specs(config, settings.selected, folder)
    pages = list(rendered.pages)
    everything = settings.selected is None
    scan = scan_folder(folder, [page.name for page in pages] + [INDEX_PAGE],
                       generated=everything)
    kept = _kept_pages(scan, rendered.unrendered)
    if everything:
        index = render_index(rendered.records, config.workflow.states, kept.values())
        pages.append(Page(INDEX_PAGE, index, None))
    plan = plan_pages(folder, pages, scan, kept=kept.keys())
    if not settings.check:
        apply_plan(plan)
    return RenderResult(rendered.validation, plan, settings.check)


def _kept_pages(scan: FolderScan, unrendered: Iterable[_Unrendered]) -> dict[Path, KeptPage]:
    """The generated pages that stay: those of specs that exist but were not rendered, found
    by the spec's id (so a spec renamed and made invalid at once keeps its page) or by the
    source the page was generated from."""
    by_name: dict[str, _Unrendered] = {}
    by_source: dict[str, _Unrendered] = {}
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


def render_page(config: Config, path: Path) -> PageResult:
    """The page of one spec file as it would be written, without writing anything."""
    rendered = _render_specs(config, (path,), config.root / config.render_out)
    return PageResult(rendered.validation, rendered.pages[0].text if rendered.pages else None)


def _render_specs(config: Config, selected: Sequence[Path] | None, folder: Path) -> _Rendered:
    validation = validate(config, selected)
    failed = {finding.path for finding in validation.findings
              if finding.severity is Severity.ERROR}
    findings = list(validation.findings)
    modelled = []
    for path in validation.files:
        if path not in failed:
            loaded = _model(path, validation.documents[path], config)
            if isinstance(loaded, Finding):
                findings.append(loaded)
            else:
                modelled.append(loaded)
    named, refused = _page_names(modelled)
    findings.extend(refused)
    pages = []
    page_folder = Path(os.path.relpath(folder.resolve(), config.root.resolve())).as_posix()
    for name, item in named:
        source = _source(item.path, config)
        links = LinkBase(posixpath.dirname(source) or ".", page_folder)
        pages.append(Page(name, item.draw(source, links), source))
    rendered = {item.path for _, item in named}
    unrendered = tuple(
        _Unrendered(_source(path, config),
                    record_from_document(path, validation.documents[path], config.fields)
                    if path in validation.documents else None)
        for path in validation.files if path not in rendered)
    return _Rendered(
        ValidationResult(validation.files, tuple(sorted(findings)), validation.documents),
        tuple(pages), tuple(item.record for _, item in named), unrendered)


def _source(path: Path, config: Config) -> str:
    return display_path(path, config.root)


def _model(path: Path, document: Document, config: Config) -> _Modelled | Finding:
    """The spec as the renderer sees it: the bundled format's full model, or (for a format
    mapped with `fields:`) its record and data, drawn generically."""
    if config.fields != DEFAULT_FIELDS:
        record = record_from_document(path, document, config.fields)
        if record is None:
            return Finding.at(path, document.root, Severity.ERROR, "render-shape",
                              "the spec has no id; it is not rendered")
        return _Modelled(path, record, document,
                         partial(render_generic, document.data, record))
    try:
        spec = spec_from_document(path, document)
        return _Modelled(path, spec.record, document, partial(render_spec, spec))
    except SpecShapeError as error:
        return Finding.at(path, document.key_position(error.path), Severity.ERROR,
                          "render-shape", error.message, error.path)


def _page_names(modelled: list[_Modelled]) -> tuple[list[tuple[str, _Modelled]], list[Finding]]:
    """Each spec's page name; specs whose id is unsafe or shared get a finding instead."""
    by_name: defaultdict[str, list[tuple[str, _Modelled]]] = defaultdict(list)
    refused = []
    for item in modelled:
        spec_id = item.record.id
        name = page_name(spec_id)
        if name is None:
            refused.append(_id_finding(
                item, "render-page-name",
                f"id {spec_id!r} cannot name a page: use letters, digits, '.', '_' and '-' "
                "(at most 200, not 'index'); the spec is not rendered"))
        else:
            # Folders that ignore case would give two such pages one file.
            by_name[name.casefold()].append((name, item))
    named = []
    for sharing in by_name.values():
        if len(sharing) == 1:
            named.extend(sharing)
            continue
        for name, item in sharing:
            others = ", ".join(display_path(other.path) for _, other in sharing
                               if other is not item)
            refused.append(_id_finding(
                item, "render-duplicate-page",
                f"{name} would also be the page of {others}; none of these specs is "
                "rendered until their ids differ by more than letter case"))
    return named, refused


def _id_finding(item: _Modelled, rule: str, message: str) -> Finding:
    where = item.record.fields.id
    return Finding.at(item.path, item.document.key_position(where), Severity.ERROR, rule,
                      message, where)

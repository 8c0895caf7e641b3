"""Draw the pages of a repository's specs: check them, model the valid ones, and draw each
as Markdown (the bundled format's template, or any format generically)."""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from specrepo.base.paths import display_path
from specrepo.check.spec_set import check_spec_set
from specrepo.load.document import Document
from specrepo.model.config import Config
from specrepo.model.fields import DEFAULT_FIELDS
from specrepo.model.findings import Finding, RenderRuleId, Severity, ValidationResult
from specrepo.model.spec_reader import SpecShapeError, spec_from_document
from specrepo.model.spec_record import SpecRecord, record_from_document
from specrepo.render.generic import render_generic
from specrepo.render.links import LinkBase
from specrepo.render.page import render_spec
from specrepo.render.page_files import Page, page_name


@dataclass(frozen=True)
class UnrenderedSpec:
    """A spec that exists but was not rendered: its source, and its record if it has one."""

    source: str
    record: SpecRecord | None


@dataclass(frozen=True)
class RenderedSpecs:
    """Pages of the specs that could be rendered, and what kept the others from it."""

    validation: ValidationResult
    pages: tuple[Page, ...]
    records: tuple[SpecRecord, ...]
    unrendered: tuple[UnrenderedSpec, ...]
    """Specs that exist but were not rendered; their last pages stay."""


@dataclass(frozen=True)
class _Modelled:
    path: Path
    record: SpecRecord
    document: Document
    draw: Callable[[str, LinkBase], str]
    """The page, given its source's name and how its relative links are rebased."""


def render_specs(config: Config, selected: Sequence[Path] | None, folder: Path, *,
                 allow_empty: bool = True) -> RenderedSpecs:
    """Check the selected specs (default: every configured spec) and draw the page of each
    valid one, its relative links rebased for a page in `folder`; nothing is written.
    Unless `allow_empty`, no spec file to render is a `ConfigError` (see
    `check_spec_set`)."""
    validation = check_spec_set(config, selected, allow_empty=allow_empty)
    failed = {finding.path for finding in validation.findings
              if finding.severity is Severity.ERROR}
    if config.front_matter:
        return _listed_only(config, validation, failed)
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
        UnrenderedSpec(_source(path, config),
                    record_from_document(path, validation.documents[path], config.fields)
                    if path in validation.documents else None)
        for path in validation.files if path not in rendered)
    return RenderedSpecs(
        ValidationResult(validation.files, tuple(sorted(findings)), validation.documents),
        tuple(pages), tuple(item.record for _, item in named), unrendered)


def _listed_only(config: Config, validation: ValidationResult,
                 failed: set[Path]) -> RenderedSpecs:
    """Markdown specs are pages already: no page is drawn, the index lists the valid ones."""
    findings = list(validation.findings)
    records = []
    for path in validation.files:
        if path in failed:
            continue
        document = validation.documents[path]
        record = record_from_document(path, document, config.fields)
        if record is None:
            findings.append(Finding.at(path, document.root, Severity.ERROR, "render-shape",
                                       "the spec has no id; the index does not list it"))
        else:
            records.append(record)
    return RenderedSpecs(
        ValidationResult(validation.files, tuple(sorted(findings)), validation.documents),
        (), tuple(records), ())


def _source(path: Path, config: Config) -> str:
    return display_path(path, config.root)


def _model(path: Path, document: Document, config: Config) -> _Modelled | Finding:
    """The spec as the renderer sees it: the bundled format's full model, or (for a format
    mapped with `fields:`, or a spec of a schema of its own that lacks what the template
    needs) its record and data, drawn generically."""
    if config.fields == DEFAULT_FIELDS:
        try:
            spec = spec_from_document(path, document)
            return _Modelled(path, spec.record, document, partial(render_spec, spec))
        except SpecShapeError as error:
            if config.schema_path is None:  # the bundled schema promised the template's shape
                return Finding.at(path, document.key_position(error.path), Severity.ERROR,
                                  "render-shape", error.message, error.path)
    record = record_from_document(path, document, config.fields)
    if record is None:  # validate's spec-field rule refuses such a spec first
        return Finding.at(path, document.root, Severity.ERROR, "render-shape",
                          "the spec has no id; it is not rendered")
    return _Modelled(path, record, document, partial(render_generic, document.data, record))


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


def _id_finding(item: _Modelled, rule: RenderRuleId, message: str) -> Finding:
    where = item.record.fields.id
    return Finding.at(item.path, item.document.key_position(where), Severity.ERROR, rule,
                      message, where)

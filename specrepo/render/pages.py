"""Draw the pages of a repository's specs: model a valid spec and draw it (as Markdown, or
with another `PageWriter`: the bundled format's template, or any format generically), and
name the pages."""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Protocol

from specrepo.base import inputs
from specrepo.base.links import LinkBase, RepositoryLinks
from specrepo.base.page_names import PAGE_NAME_RULE
from specrepo.base.paths import display_path, real_path
from specrepo.base.work_tree import repository_top
from specrepo.check.spec_set import SpecSetCheck
from specrepo.load.document import Document
from specrepo.model.config import Config
from specrepo.model.fields import DEFAULT_FIELDS
from specrepo.model.findings import Finding, RenderRuleId, Severity, ValidationResult
from specrepo.model.spec_record import SpecRecord, record_from_document
from specrepo.model.spec_summary import SpecSummary
from specrepo.render.generic import render_generic
from specrepo.render.page import render_spec
from specrepo.render.page_files import page_name
from specrepo.render.writer import MARKDOWN, PageWriter


class Drawing(Protocol):
    """Draws a spec's page, given its source's name, how its relative links are rebased,
    and the format it is written in (render's Markdown by default)."""

    def __call__(self, source: str, links: LinkBase, writer: PageWriter = MARKDOWN) -> str:
        """The page."""


def page_folder(folder: Path, config: Config) -> str:
    """The output folder relative to the repository, with `/` separators (for `links`)."""
    return Path(os.path.relpath(real_path(folder), real_path(config.root))).as_posix()


def page_source(path: Path, config: Config) -> str:
    """The name of a spec file on its page: relative to the repository, with `/`."""
    return display_path(path, config.root)


def work_tree_folder(config: Config) -> str | None:
    """The folder holding specrepo.yaml from the top of its git work tree (`.`, `team/specs`;
    see `base.work_tree.repository_top`), with `/`; None outside a work tree."""
    return _work_tree_folder_of(config.root, inputs.reader.environment().get("GIT_WORK_TREE"))


@cache
def _work_tree_folder_of(root: Path, named_top: str | None) -> str | None:
    """`work_tree_folder` of the folder `root` as named: asked for every page drawn, its
    real path is found once (the links followed cost 5% of drawing a page)."""
    return _work_tree_folder(real_path(root), named_top)


@cache
def _work_tree_folder(root: Path, named_top: str | None) -> str | None:
    """`work_tree_folder`, found once for a real folder and `GIT_WORK_TREE`."""
    del named_top  # `repository_top` reads it; here it only keys the cache
    top = repository_top(root)
    return None if top is None else Path(os.path.relpath(root, top)).as_posix()


def spec_links(source: str, folder: str, config: Config,
               repository: RepositoryLinks | None = None,
               spec_pages: Mapping[str, str] | None = None) -> LinkBase:
    """How the relative links of the spec `source` (and paths from the top of the work
    tree) are rebased on a page in `folder` (both as `page_source` and `page_folder` give
    them), links to the repository's files leading to `repository` if given, and links to
    the spec files of `spec_pages` (see `spec_file_pages`) to their pages: the rule of
    render's pages and the site's (see `LinkBase`)."""
    return LinkBase(posixpath.dirname(source) or ".", folder, repository,
                    work_tree_folder(config), {} if spec_pages is None else spec_pages)


def spec_file_pages(specs: Iterable[SpecSummary], config: Config) -> dict[str, str]:
    """Where a link to each spec file leads on render's pages (`LinkBase.spec_pages`): the
    page its id names (`page_name`, as a reference to the id leads), in the one folder of
    render's pages; keyed by the file's path from the top of the work tree (from the
    folder holding specrepo.yaml outside one), as `LinkBase` resolves links. Specs whose
    id names no page are left out: links to them lead to their files."""
    top = work_tree_folder(config) or "."
    return {posixpath.normpath(posixpath.join(top, page_source(spec.file, config))): name
            for spec in specs if (name := page_name(spec.id)) is not None}


class LinkedFiles(Mapping[str, str]):
    """`LinkBase.spec_pages` for a page drawn before every spec is known: the spec files'
    pages given (`pages`), and every file a link of the page was looked up by (`files`),
    spec or not. A page's text depends on `pages` only through those
    files: it is the same for any `pages` that agree on them."""

    def __init__(self, pages: Mapping[str, str] | None = None) -> None:
        self.pages = pages or {}
        self.asked: dict[str, None] = {}

    @property
    def files(self) -> tuple[str, ...]:
        """The files looked up, sorted."""
        return tuple(sorted(self.asked))

    def __getitem__(self, file: str) -> str:
        self.asked[file] = None
        return self.pages[file]

    def __iter__(self) -> Iterator[str]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)


def model_spec(path: Path, document: Document, config: Config,
               record: SpecRecord | None = None) -> Drawing | Finding:
    """How a valid spec's page is drawn: from the bundled format's full model, or (for a
    format mapped with `fields:`, or a spec of a schema of its own that lacks what the
    template needs) from its record and data, generically; a finding when the page cannot
    show the spec. `record`: the document's record as `config.fields` read it, if known
    (it is read again otherwise)."""
    if config.fields == DEFAULT_FIELDS:
        # The template's model loads with the first page drawn: a render with nothing
        # changed draws none (12 ms of its start).
        from specrepo.model.spec_reader import SpecShapeError, spec_from_document  # noqa: PLC0415

        try:
            return partial(render_spec, spec_from_document(path, document, record))
        except SpecShapeError as error:
            if config.schema_path is None:  # the bundled schema promised the template's shape
                return Finding.at(path, document.key_position(error.path), Severity.ERROR,
                                  "render-shape", error.message, error.path)
    if record is None:
        record = record_from_document(path, document, config.fields)
    if record is None:  # validate's spec-field rule refuses such a spec first
        return Finding.at(path, document.root, Severity.ERROR, "render-shape",
                          "the spec has no id; it is not rendered")
    return partial(render_generic, document.data, record)


def pages_to_render(checked: SpecSetCheck, undrawable: Mapping[Path, Finding]
                    ) -> tuple[ValidationResult, list[SpecSummary]]:
    """The specs to render, in file order: those selected with no error, that the page can
    show (`undrawable`: the findings of those it cannot) and whose id names a page of their
    own; and the findings, with render's own."""
    validation = checked.validation
    candidates = valid_specs(checked)
    named, refused = page_names([spec for spec in candidates if spec.file not in undrawable])
    files = {spec.file for spec in candidates}
    findings = [*validation.findings, *refused,
                *(finding for path, finding in undrawable.items() if path in files)]
    return ValidationResult(validation.files, tuple(sorted(findings))), named


def valid_specs(checked: SpecSetCheck) -> list[SpecSummary]:
    """The selected specs with an id and no error, in file order."""
    validation = checked.validation
    failed = {finding.path for finding in validation.findings
              if finding.severity is Severity.ERROR}
    candidates = set(validation.files) - failed
    return [spec for spec in checked.summaries if spec.file in candidates]


def page_names(specs: Sequence[SpecSummary]) -> tuple[list[SpecSummary], list[Finding]]:
    """The specs that may have a page (see `page_name`), in their order; those whose id is
    unsafe or whose page would be another's get a finding instead."""
    by_name: defaultdict[str, list[SpecSummary]] = defaultdict(list)
    refused = []
    for spec in specs:
        name = page_name(spec.id)
        if name is None:
            refused.append(_id_finding(
                spec, "render-page-name",
                f"id {spec.id!r} cannot name a page: use {PAGE_NAME_RULE}; the spec is not "
                "rendered"))
        else:
            # Folders that ignore case would give two such pages one file.
            by_name[name.casefold()].append(spec)
    named = set()
    for sharing in by_name.values():
        if len(sharing) == 1:
            named.add(sharing[0].file)
            continue
        for spec in sharing:
            others = ", ".join(display_path(other.file) for other in sharing if other is not spec)
            refused.append(_id_finding(
                spec, "render-duplicate-page",
                f"{page_name(spec.id)} would also be the page of {others}; none of these specs "
                "is rendered until their ids differ by more than letter case"))
    return [spec for spec in specs if spec.file in named], refused


def _id_finding(spec: SpecSummary, rule: RenderRuleId, message: str) -> Finding:
    where = spec.fields.id
    return Finding.at(spec.file, spec.positions.key_position(where), Severity.ERROR, rule,
                      message, where)

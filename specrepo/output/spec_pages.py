"""The pages of a render: prepared while each spec is loaded (in the process that loaded it,
see `check.spec_set.Preparation`), then planned and written one at a time once every spec
is checked.

A page is taken as it is when the cache (`page_cache`) knows its inputs and its file still
holds what was drawn from them; otherwise it is drawn and compared with its file. A page
is drawn before the other specs are known, its links to spec files left as they are: it is
drawn again (as a cached one whose linked specs changed is) when one of the files its links
name is a spec's (`render.pages.LinkedFiles`), so that the link leads to its page. The text
of a new or changed page waits until every spec is checked (a spec that fails a check
across specs is not rendered), up to `HELD_TEXT_LIMIT` in all: pages beyond it are drawn
again when they are written, so memory does not grow with the repository.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import field, replace
from functools import partial
from pathlib import Path
from typing import Final

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import OutputError
from specrepo.base.parallel import map_in_order
from specrepo.check.spec_file_check import LoadedSpec, read_spec
from specrepo.check.spec_set import PARALLEL_MIN_FILES
from specrepo.load.staged_versions import StagedVersion
from specrepo.load.yaml_loader import YamlError
from specrepo.model.config import Config
from specrepo.model.findings import Finding, Severity
from specrepo.model.spec_record import record_from_content
from specrepo.model.spec_summary import SpecSummary
from specrepo.output.page_cache import CachedPage, PageCache, linked_key, page_key
from specrepo.output.page_folders import PageFolder
from specrepo.output.page_set import PageState, PlannedPage, write_page
from specrepo.render.page_files import page_name
from specrepo.render.pages import (
    LinkedFiles,
    model_spec,
    page_source,
    spec_file_pages,
    spec_links,
)
from specrepo.render.writer import MARKDOWN, PageWriter

HELD_TEXT_LIMIT: Final = 16_000_000
"""How many characters of new and changed pages are held until every spec is checked."""


@dataclass(frozen=True)
class PageSetup:
    """What preparing pages needs besides the specs: the configuration, the pages compared
    with (`pages`: the output folder's, resolved; `page_folder` relative to the
    repository) and the cache. `staged`: the spec files (by identity) read as the index
    stages them (`render --check --staged`), whose pages are drawn again from those."""

    config: Config
    pages: PageFolder
    page_folder: str
    cache: PageCache
    staged: Mapping[Path, StagedVersion] = field(default_factory=dict)


@dataclass(frozen=True)
class PreparedPage:
    """A spec's page as prepared: planned against its file (`planned`; None once its text
    was let go, to be drawn again), and its cache entry (`from_cache`: as it was cached,
    its linked specs still to be compared)."""

    planned: PlannedPage | None
    entry: CachedPage
    from_cache: bool = False


def draw_page(loaded: LoadedSpec, config: Config, folder: str,
              writer: PageWriter = MARKDOWN,
              spec_pages: Mapping[str, str] | None = None) -> str | Finding:
    """The page of a valid spec, written by `writer`, its links rebased for a page in
    `folder` (relative to the repository), links to the spec files of `spec_pages` leading
    to their pages (see `LinkBase.spec_pages`); a finding when the page cannot show the
    spec."""
    # A Markdown spec's record may take its title from the body: the model reads its own.
    drawing = model_spec(loaded.path, loaded.document, config,
                         loaded.record if loaded.body is None else None)
    if isinstance(drawing, Finding):
        return drawing
    source = page_source(loaded.path, config)
    return drawing(source, spec_links(source, folder, config, spec_pages=spec_pages), writer)


def is_valid(loaded: LoadedSpec) -> bool:
    """Whether a spec checked alone has no error (so it may be rendered)."""
    return not any(finding.severity is Severity.ERROR for finding in loaded.findings)


def prepare_page(loaded: LoadedSpec, setup: PageSetup) -> PreparedPage | Finding | None:
    """The page of a spec checked alone; a finding when the page cannot show the spec; None
    when there is no page to prepare: the spec has an error, or an id that cannot name a
    page (`render.pages.page_names` says why)."""
    if not is_valid(loaded):
        return None
    name = page_name(loaded.record.id) if loaded.record is not None else None
    if name is None:
        drawn = model_spec(loaded.path, loaded.document, setup.config)
        return drawn if isinstance(drawn, Finding) else None
    source = page_source(loaded.path, setup.config)
    key = page_key(setup.cache.shared, source, loaded.raw)
    cached = setup.cache.pages.get(source)
    if cached is not None and cached.key == key \
            and setup.pages.holds(name, cached.size, cached.lines, cached.digest):
        return PreparedPage(PlannedPage(setup.pages.folder / name, PageState.UNCHANGED), cached,
                            from_cache=True)
    files = LinkedFiles()
    text = draw_page(loaded, setup.config, setup.page_folder, spec_pages=files)
    if isinstance(text, Finding):
        return text
    return PreparedPage(setup.pages.plan(name, text),
                        CachedPage.of(key, "", text, files.files))


@dataclass
class PreparedPages:
    """What `prepare_page` made of each spec, by file (`keep` receives it); beyond
    `HELD_TEXT_LIMIT`, the text of new and changed pages is let go."""

    pages: dict[Path, PreparedPage] = field(default_factory=dict)
    findings: dict[Path, Finding] = field(default_factory=dict)
    held: int = 0

    def keep(self, path: Path, prepared: PreparedPage | Finding | None) -> None:
        """Keep what was prepared of the spec at `path`."""
        if isinstance(prepared, Finding):
            self.findings[path] = prepared
        elif prepared is not None:
            text = prepared.planned.text if prepared.planned is not None else ""
            if self.held + len(text) > HELD_TEXT_LIMIT:
                prepared = replace(prepared, planned=None)
            else:
                self.held += len(text)
            self.pages[path] = prepared


def finish_pages(setup: PageSetup, prepared: PreparedPages, specs: Sequence[SpecSummary],
                 by_id: Mapping[str, Sequence[SpecSummary]], every: Sequence[SpecSummary], *,
                 write: bool) -> Iterator[tuple[SpecSummary, PlannedPage, CachedPage | None]]:
    """Plan the page of each of `specs` (each prepared) and, with `write`, write it when it
    is new or changed, one page at a time; pages prepared without their text, whose linked
    specs changed since they were cached, or whose links name spec files (of `every` spec
    that loaded: see `render.pages.spec_file_pages`) they were drawn without, are drawn
    again. Yields each spec with its page planned, without its text, and its cache entry
    (None for a conflict). A page's text is let go once it is written, before workers are
    forked to draw pages again."""
    spec_files: Mapping[str, str] | None = None
    again, linked_again = [], []
    for spec in specs:
        page = prepared.pages.pop(spec.file)
        files = page.entry.files
        if files and spec_files is None:
            spec_files = spec_file_pages(every, setup.config)
        file_pages = {file: spec_files[file] for file in files
                      if file in spec_files} if spec_files is not None else {}
        linked = linked_key(spec, by_id, file_pages)
        # A page drawn here leads no link to a page yet; a cached one as `linked` said.
        stale = page.entry.linked != linked if page.from_cache else bool(file_pages)
        if page.planned is None or stale:
            again.append((spec, page.entry.key, file_pages))
            linked_again.append(linked)
        else:
            yield _finish(setup.pages.folder, spec, page.planned, page.entry if
                          page.entry.linked == linked else replace(page.entry, linked=linked),
                          write)
    drawn = map_in_order(partial(_draw_again, setup=setup), again, min_items=PARALLEL_MIN_FILES)
    for (spec, _, _), linked, (planned, entry) in zip(again, linked_again, drawn, strict=True):
        yield _finish(setup.pages.folder, spec, planned, replace(entry, linked=linked), write)


def _finish(folder: Path, spec: SpecSummary, planned: PlannedPage, entry: CachedPage,
            write: bool) -> tuple[SpecSummary, PlannedPage, CachedPage | None]:
    if write and planned.state in (PageState.NEW, PageState.CHANGED):
        planned = write_page(folder, planned)
    return (spec, PlannedPage(planned.path, planned.state, detail=planned.detail)
            if planned.text else planned, None if planned.state is PageState.CONFLICT else entry)


def reloaded(path: Path, config: Config, key: str, shared: str,
             staged: StagedVersion | None = None) -> LoadedSpec:
    """The spec at `path` (or its `staged` version) loaded again to draw its page, its
    checks left out; raises `OutputError` when its bytes no longer give the page key `key`
    (see `page_key` with `shared`): the spec changed since it was checked."""
    source = page_source(path, config)
    try:
        raw, content = read_spec(path, config, staged)
    except YamlError:
        raw, content = b"", None
    if content is None or page_key(shared, source, raw) != key:
        raise OutputError(f"{source}: changed while render was running; run it again")
    record = record_from_content(path, content, config.fields)
    return LoadedSpec(path, raw, content.document, record, (), content.body, content.body_line)


def _draw_again(item: tuple[SpecSummary, str, Mapping[str, str]],
                setup: PageSetup) -> tuple[PlannedPage, CachedPage]:
    """Load a spec again and draw its page, its links to the spec files of `item`'s
    mapping leading to their pages; the spec must not have changed since it was
    checked."""
    spec, key, file_pages = item
    files = LinkedFiles(file_pages)
    text = draw_page(reloaded(spec.file, setup.config, key, setup.cache.shared,
                              setup.staged.get(spec.file)),
                     setup.config, setup.page_folder, spec_pages=files)
    name = page_name(spec.id)
    assert isinstance(text, str) and name is not None, "the spec is drawn as it was before"
    return setup.pages.plan(name, text), CachedPage.of(key, "", text, files.files)

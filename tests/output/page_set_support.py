"""Plan a whole render of a folder, as `render` without paths does."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from specrepo.output.page_set import RenderPlan, plan_pages, scan_folder
from specrepo.render.page_files import Page


def plan_everything(folder: Path, pages: Sequence[Page],
                    keep_sources: Collection[str] = ()) -> RenderPlan:
    """The plan with orphans and leftovers; pages generated from `keep_sources` stay."""
    scan = scan_folder(folder, [page.name for page in pages], generated=True)
    kept = [page.path for page in scan.generated if page.source in keep_sources]
    return plan_pages(folder, pages, scan, kept)

"""Carry out a render plan: write new and changed pages atomically, then remove orphans."""

from __future__ import annotations

from specrepo.base.atomic import write_atomically
from specrepo.base.errors import OutputError
from specrepo.base.paths import display_path
from specrepo.render.plan import PageState, RenderPlan


def apply_plan(plan: RenderPlan) -> None:
    """Write what `plan` says; conflicts and unchanged pages are left alone.

    Each page is written to a temporary file and renamed over the old one, so a page is
    either whole or not there. Orphans and leftovers of interrupted renders are removed only
    after every page was written.
    """
    writes = plan.having(PageState.NEW, PageState.CHANGED)
    if writes:
        try:
            plan.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{display_path(plan.folder)}: cannot create the output folder: "
                              f"{error.strerror}") from None
    for page in writes:
        # A page planned as new must still be new: a file created meanwhile is not replaced.
        write_atomically(page.path, page.text, must_be_new=page.state is PageState.NEW)
    for page in plan.having(PageState.ORPHANED, PageState.LEFTOVER):
        try:
            page.path.unlink(missing_ok=True)
        except OSError as error:
            raise OutputError(f"{display_path(page.path)}: cannot remove: {error.strerror}") \
                from None

"""The title half of the rule that tells one spec moved, renumbered or copied from a new
one (README, "Which spec a file is"): a spec that changed its id or place and its title at
once is a new spec. The content half is `compare.likeness`, which needs both versions'
content; the pre-commit hook's question, with only titles at hand, asks this alone."""

from __future__ import annotations


def kept_title(old_title: str | None, new_title: str | None) -> bool:
    """Whether two versions' titles let them be one spec: the same title, or either has
    none (None: no title to compare, so the title tells nothing)."""
    return old_title is None or new_title is None or old_title == new_title

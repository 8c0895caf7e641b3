"""Link destinations in spec text as render's escapes must keep them: which may be linked,
and where a `<` that render escapes as raw HTML stands in a destination's place, so that
escaping it makes no link of text (CommonMark 0.31, 6.3 "Links": link destinations). Which
destinations may be linked is `base.links.linkable`, the site's rule too."""

from __future__ import annotations


def destination_opening(src: str, position: int) -> int | None:
    """The `(` of a `](`, or the `:` of a `]:`, whose destination the `<` at `position`
    would start, or stand in after the `<` that starts it (on its line, no unescaped `>`
    between); None when there is none."""
    start = _destination_start(src, position)
    if start is not None:
        return start
    before = src.rfind("<", 0, position)
    while before > 0 and _escaped(src, before):  # `\\<` is no `<` to a destination
        before = src.rfind("<", 0, before)
    between = src[before + 1:position]
    if before < 0 or "\n" in between or any(
            char == ">" and not _escaped(between, index) for index, char in enumerate(between)):
        return None
    return _destination_start(src, before)


def _escaped(src: str, position: int) -> bool:
    """Whether the character at `position` follows an odd run of backslashes."""
    start = position
    while start > 0 and src[start - 1] == "\\":
        start -= 1
    return (position - start) % 2 == 1


def _destination_start(src: str, position: int) -> int | None:
    """The position of the `(` of a `](`, or the `:` of a `]:`, that `position` follows
    where a link's or a definition's destination would start (after spaces and tabs, and
    one line break); None when it follows none."""
    start = _after_spaces(src, position)
    if src[start - 1:start] == "\n":
        start = _after_spaces(src, start - 1)
    return start - 1 if start >= 2 and src[start - 2:start] in ("](", "]:") else None


def _after_spaces(src: str, position: int) -> int:
    """Where the run of spaces and tabs that ends at `position` starts."""
    while position > 0 and src[position - 1] in " \t":
        position -= 1
    return position

"""`new.file_name`'s placeholders, and whether a spec file's path is one such a pattern
writes for its id: the KEP layout's `{{number}}-{{slug}}/README.md` carries the id in
the folder's name."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Final, NamedTuple

PLACEHOLDER_NAMES: Final = ("id", "number", "title", "slug", "author", "date")
PLACEHOLDER: Final = re.compile(rf"\{{\{{\s*({'|'.join(PLACEHOLDER_NAMES)})\s*\}}\}}")
NUMBERING: Final = frozenset({"id", "number"})
"""The placeholders that need the next free id."""


class NamePattern(NamedTuple):
    """A configured `new.file_name` and the id prefix its `{{number}}` goes without."""

    pattern: str
    id_prefix: str

    @property
    def carries_id(self) -> bool:
        """Whether a file so named carries its spec's id (`{{id}}` or `{{number}}`)."""
        return any(match.group(1) in NUMBERING for match in PLACEHOLDER.finditer(self.pattern))

    def fits(self, path: PurePath, spec_id: str) -> bool:
        """Whether `path` ends as the pattern writes it for `spec_id`: its id and number
        as they are, any title, slug, author or date (never a `/`)."""
        depth = self.pattern.count("/") + 1
        if len(path.parts) < depth:
            return False
        values = {"id": re.escape(spec_id), "number": re.escape(self._number(spec_id))}
        parts, at = [], 0
        for match in PLACEHOLDER.finditer(self.pattern):
            parts += [re.escape(self.pattern[at:match.start()]),
                      values.get(match.group(1), "[^/]*")]
            at = match.end()
        parts.append(re.escape(self.pattern[at:]))
        return re.fullmatch("".join(parts), "/".join(path.parts[-depth:])) is not None

    def shown(self, spec_id: str) -> str:
        """The pattern as it names `spec_id`'s file: `2401-<slug>/README.md`."""
        values = {"id": spec_id, "number": self._number(spec_id)}
        return PLACEHOLDER.sub(lambda match: values.get(match.group(1), f"<{match.group(1)}>"),
                               self.pattern)

    def _number(self, spec_id: str) -> str:
        """What `{{number}}` writes for `spec_id`: the id without its prefix."""
        return spec_id.removeprefix(f"{self.id_prefix}-")

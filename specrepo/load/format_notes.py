"""Name each `format` of a user's schema that JSON Schema defines and specrepo does not
assert (`hostname`, `duration`), or does not in the schema's draft (`date` in draft-04,
which defines none): it checks nothing, where a team may believe it does.

Read without jsonschema (a run whose findings are kept loads none): the schema file and
the local files its `$ref`s name, walked as data, the values of `enum`, `const`,
`default` and `examples` (data, not schemas) left out. The notes are kept in the git
folder (`.git/specrepo/format-notes.json`, a headed cache: format, specrepo's code digest,
the files read by path, real path and bytes as `schema_digest` records them): a warm run
reads those files' bytes, and parses none. The draft of a `format` is that of the nearest
`$schema` around it in its file, else the one of the place whose `$ref` names the file,
else 2020-12, as jsonschema reads them (`draft_in_force`): a file's own `$schema` counts
where a `$ref` reaches the file whole, not a part of it (`common.json#/$defs/a`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, urlsplit

from specrepo.base.code_digest import code_digest
from specrepo.base.errors import ConfigError
from specrepo.base.headed_cache import read_header, write_headed
from specrepo.base.paths import display_path, outside_why, real_path
from specrepo.load.asserted_formats import (
    DEFINED_FORMATS,
    DRAFT_FORMATS,
    LATEST_DRAFT,
    dialect_remedy,
    draft_named,
)
from specrepo.load.schema_digest import recorded_schema_part, schema_key_part
from specrepo.load.schema_reading import read_schema_bytes

_DATA_KEYWORDS: Final = frozenset({"enum", "const", "default", "examples"})
"""Keywords whose values are instances, where a `format` key is no keyword."""

CACHE_FORMAT: Final = 2
"""2: a format noted by the draft it is in (fmt59)."""
CACHE_FILE: Final = Path("specrepo") / "format-notes.json"
Steps = tuple[str | int, ...]


def kept_format_notes(path: Path, repository: Path, git_dir: Path | None,
                      keep: Callable[[Callable[[], None]], None]) -> tuple[str, ...]:
    """`unasserted_format_notes` of the schema file `path`, as kept in `git_dir` while its
    files hold what they held (and specrepo's code is the same); else found, and kept
    for the next run by the call given to `keep` (when the command succeeds)."""
    header = {} if git_dir is None else read_header(git_dir / CACHE_FILE)
    notes = header.get("notes")
    if header.get("format") == CACHE_FORMAT and header.get("code") == code_digest() \
            and isinstance(notes, list) and all(isinstance(note, str) for note in notes) \
            and recorded_schema_part(header, path, repository) is not None:
        return tuple(notes)
    found, files = _notes_and_files(path, repository)
    part = schema_key_part(files, repository) if files else None
    if git_dir is not None and part is not None:
        keep(lambda: write_headed(git_dir / CACHE_FILE, {
            "format": CACHE_FORMAT, "code": code_digest(), "notes": list(found),
            "schema_files": list(map(str, files)), "schema_part": part}, b""))
    return found


def unasserted_format_notes(path: Path, repository: Path) -> tuple[str, ...]:
    """A note, `FILE:LINE:COLUMN: format 'NAME' is an annotation...`, for each `format`
    naming a format JSON Schema defines that specrepo does not assert in the draft in force
    there (not in its `DRAFT_FORMATS`; saying so and what to write where another draft has
    it asserted, `dialect_remedy`) with no `pattern` beside it to check the value (the bundled
    schema's link `url`, copied into one's own, has one), in the schema file `path` and
    each local file inside the folder `repository` its references name, in the order met.
    A file that cannot be read or parsed is left out: loading the schema names what is
    wrong with it."""
    return _notes_and_files(path, repository)[0]


def _notes_and_files(path: Path, repository: Path) -> tuple[tuple[str, ...], list[Path]]:
    """`unasserted_format_notes`, and the files read for them (`path` first, as named)."""
    from specrepo.load.schema_positions import path_place  # noqa: PLC0415 (PyYAML's)
    from specrepo.load.schema_reading import parse_schema_bytes  # noqa: PLC0415

    notes: list[str] = []
    files: list[Path] = []
    waiting, seen, read = [(real_path(path), LATEST_DRAFT, True)], set(), set()
    while waiting:
        file, entered_in, whole = entered = waiting.pop(0)
        if entered in seen or outside_why(real_path(repository), file) is not None:
            continue
        seen.add(entered)
        try:
            raw = read_schema_bytes(file)
            contents = parse_schema_bytes(file, raw)
        except ConfigError:
            continue
        if file not in read:  # a file reached in two drafts is walked in each
            read.add(file)
            files.append(path if not files else file)
        own = draft_named(contents.get("$schema")) if whole and isinstance(contents, dict) \
            else None
        for steps, value, holder, draft in _strings(contents, (), own or entered_in):
            if steps[-1] == "format" and value in DEFINED_FORMATS \
                    and value not in DRAFT_FORMATS[draft] and "pattern" not in holder:
                place = path_place(raw, steps, of_key=False)
                where = "" if place is None else f":{place[0]}:{place[1]}"
                notes.append(f"{display_path(file)}{where}: {_unasserted(value, draft)}")
            elif steps[-1] == "$ref" and (named := _local_file(value)):
                waiting.append((real_path(file.parent / named), draft,
                                not urlsplit(value).fragment))
    return tuple(dict.fromkeys(notes)), files


def _unasserted(name: str, draft: str) -> str:
    """Why the format `name` checks nothing in a schema of `draft`, and what would."""
    remedy = dialect_remedy(name, draft)
    if remedy is None:
        return (f"format '{name}' is an annotation: specrepo does not check it (add a "
                "`pattern` to check it)")
    return (f"format '{name}' is an annotation in {draft}, which does not define it: "
            f"specrepo does not check it there ({remedy})")


def _strings(node: Any, steps: Steps, draft: str
             ) -> Iterator[tuple[Steps, str, dict[str, Any], str]]:
    """Each text value of a mapping's key in `node` (a schema's contents, read in `draft`),
    with the keys and indices leading to it, the mapping and the draft in force there (the
    one the nearest `$schema` inside `node` names), but under a data keyword
    (`_DATA_KEYWORDS`)."""
    if isinstance(node, dict):
        if steps:
            draft = draft_named(node.get("$schema")) or draft
        for key, value in node.items():
            if isinstance(value, str):
                yield (*steps, key), value, node, draft
            elif key not in _DATA_KEYWORDS:
                yield from _strings(value, (*steps, key), draft)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*steps, index), draft)


def _local_file(reference: str) -> str | None:
    """The relative file path a `$ref` names (`common.json#/$defs/a`), None for one inside
    its own file (`#/$defs/a`) or an absolute URI."""
    parts = urlsplit(reference)
    return None if parts.scheme or parts.netloc or not parts.path else unquote(parts.path)

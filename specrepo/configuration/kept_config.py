"""The configuration file's document kept between runs, in the git folder
(`.git/specrepo/config-cache.json`): a run whose `specrepo.yaml` holds the bytes an
earlier run loaded takes the document from there, and neither parses the file (nor
imports PyYAML, about a tenth of a warm `timeline`) nor checks it against the
configuration schema again.

What the document is, and that it passed the configuration schema, follows from the
file's bytes and specrepo's code alone, so the key is the SHA-256 of the two
(`code_digest` and the bytes, read every run); the checks of what the configuration names
on disk (its schema file, spec locations inside the repository...) run on every run, on
the kept document as on a parsed one. A document is kept only by a run that loaded the
whole configuration without an error: a file that fails to load is parsed, and refused,
every time. The file is a headed cache (`base.headed_cache`): one of another format or
key, or damaged, is read as absent and the configuration is parsed; it is written only
when what it holds is not the file's. Deleting it is always safe; outside a git
repository there is none.

One check reads more than the file: the paths `approval: protected:` names are checked
against the spec schema. The bundled schema is specrepo's code; a schema of one's own is
recorded in the header by its files (`schema_files`, `schema_part`: each file's path, real
path and bytes, as the findings cache records them), and the check is trusted while they
hold what they held (`protected_paths_checked`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple

from specrepo.base.code_digest import code_digest
from specrepo.base.headed_cache import read_headed_or_empty, write_headed
from specrepo.load.document import Document
from specrepo.load.document_json import document_from_json, document_json
from specrepo.load.schema_digest import recorded_schema_part, schema_key_part
from specrepo.model.config import Config

CACHE_FORMAT: Final = 2
CACHE_FILE: Final = Path("specrepo") / "config-cache.json"


class Kept(NamedTuple):
    """A kept configuration document, and the header it was kept with."""

    document: Document
    header: dict[str, Any]


def kept_document(git_dir: Path | None, raw: bytes) -> Kept | None:
    """The document of a configuration file of bytes `raw` that a run kept in `git_dir`
    (`keep_document`), or None: no git folder, no such file, or one for other bytes or
    code, or damaged."""
    if git_dir is None:
        return None
    headed = read_headed_or_empty(git_dir / CACHE_FILE)
    payload = headed.payload_for(format=CACHE_FORMAT, key=_key(raw))
    document = None if payload is None else document_from_json(bytes(payload))
    return None if document is None else Kept(document, headed.header)


def protected_paths_checked(kept: Kept | None, config: Config) -> bool:
    """Whether the `approval: protected:` paths of the kept configuration `config` were
    found in the spec schema in force now: the bundled one (specrepo's code), or a schema
    of one's own whose files hold what they held when the document was kept."""
    return kept is not None and (config.schema_path is None or recorded_schema_part(
        kept.header, config.schema_path, config.repository) is not None)


def keep_document(git_dir: Path | None, raw: bytes, document: Document, config: Config,
                  schema_files: Sequence[Path] = ()) -> None:
    """Keep `document`, the configuration file of bytes `raw` as loaded and found valid
    (`config`), in `git_dir` for the next run, with the files of the schema of one's own
    its protected paths were checked against (not when there is no git folder, or the
    document holds an alias: `document_json`). Writing it is only a shortcut: a failure
    is not raised."""
    if git_dir is None:
        return
    text = document_json(document)
    part = schema_key_part(schema_files, config.repository) if schema_files else None
    recorded = {"schema_files": list(map(str, schema_files)), "schema_part": part} \
        if part is not None else {}
    if text is not None:
        write_headed(git_dir / CACHE_FILE,
                     {"format": CACHE_FORMAT, "key": _key(raw), **recorded}, text)


def _key(raw: bytes) -> str:
    """The SHA-256 (hex) of specrepo's code digest and the file's bytes."""
    return hashlib.sha256(code_digest().encode() + b"\0" + raw).hexdigest()

"""What an approval covered when it was given: `approval: protected:` of the configuration
in force in the approving commit, as well as today's. README: what reviewers approved
changes after approval only with a new approval; so narrowing `protected` after an
approval (in the commit that changes the approved content, or before it) unprotects
nothing that approval covered, while narrowing it before an approval is honoured, and
widening it protects as today (today's configuration judges every change)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from specrepo.base.errors import ConfigError
from specrepo.compare.content_events import ContentSettings
from specrepo.configuration.config_file import config_version
from specrepo.gitio.objects import ObjectReader
from specrepo.gitio.repository import open_repository
from specrepo.history.mine import config_prefix
from specrepo.history.side_locations import config_bytes, config_file_path
from specrepo.model.change_paths import FieldPath
from specrepo.model.config import Config


def approval_settings(config: Config, settings: ContentSettings, top: Path,
                      commits: Iterable[str]) -> dict[str, ContentSettings]:
    """Approving commit -> `settings` (today's) protecting also what the configuration file
    in that commit protected and today's does not, for each of `commits` whose
    configuration protected more (paths or headings); a commit without the file has the
    defaults, one whose file does not load adds nothing (its specs read as today's
    anyway). `top`: the repository's top folder."""
    git, state = open_repository(top)
    objects = ObjectReader(git, config.max_file_size)
    path = config_file_path(config, config_prefix(config, state.work_tree))
    here = config_bytes(config)
    wider: dict[bytes | None, ContentSettings | None] = {here: None}
    found: dict[str, ContentSettings] = {}
    try:
        for commit in commits:
            blob = objects.file_at(commit, path)
            raw = None if blob is None else blob.content
            if raw not in wider:
                wider[raw] = _wider(config, settings, raw)
            if (then := wider[raw]) is not None:
                found[commit] = then
    finally:
        objects.close()
    return found


def _wider(config: Config, settings: ContentSettings,
           raw: bytes | None) -> ContentSettings | None:
    """`settings` with what the configuration file with content `raw` (None: none, the
    defaults) protected and `config` does not; None when it protected nothing more."""
    if raw is None:
        then = Config(root=config.root)
    else:
        try:
            then = config_version(raw, config.file or config.root / "specrepo.yaml")
        except ConfigError:
            return None
    paths = tuple(path for path in then.protected if not _covered(path, config.protected))
    headings = tuple(heading for heading in then.protected_sections
                     if heading not in config.protected_sections)
    if not paths and not headings:
        return None
    return replace(settings, protected=(*settings.protected, *paths),
                   protected_sections=(*settings.protected_sections, *headings))


def _covered(path: FieldPath, protected: tuple[FieldPath, ...]) -> bool:
    """Whether one of `protected` is `path` or above it."""
    return any(path[:len(other)] == other for other in protected)

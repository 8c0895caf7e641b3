"""`specrepo new`: a new spec with the next free id, from the bundled format's template or
from the repository's own (`new.template`, its placeholders filled in)."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Final

from specrepo.base import inputs
from specrepo.base.atomic import refuse_outside, write_atomically
from specrepo.base.caseless import is_blank
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.digit_runs import incremented, number_key
from specrepo.base.errors import ConfigError, ExitCode, UsageError
from specrepo.base.name_patterns import NUMBERING
from specrepo.base.one_line import one_line, undecodable_escaped
from specrepo.base.paths import display_path, real_path
from specrepo.base.writable_folders import make_folder, refuse_unwritable
from specrepo.check.rules.illegal_transition import starts_in
from specrepo.check.spec_file_check import read_spec
from specrepo.check.spec_set import check_spec_set
from specrepo.commands.bundled_spec import spec_text
from specrepo.commands.id_reservation import reserving_ids
from specrepo.commands.spec_template import (
    SpecTemplate,
    file_name_pattern,
    fill_placeholders,
    placeholders_in,
    read_template,
)
from specrepo.commands.template_advice import template_advice
from specrepo.commands.template_title import marked, placed_as_marked
from specrepo.gitio.identity import git_user_name
from specrepo.gitio.sparse import checkout_of
from specrepo.gitio.sparse_writes import (
    refuse_folder_outside_cone,
    refuse_writing_outside_sparse_checkout,
)
from specrepo.load.document import JsonPath
from specrepo.load.locations import location_matcher, spec_named
from specrepo.load.schema_source import EDITOR_SCHEMA_PATH
from specrepo.load.spec_files import SpecContent, load_spec_content
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.fields import DEFAULT_FIELDS
from specrepo.model.findings import Severity
from specrepo.model.spec_record import SpecRecord, record_from_content

_ID_NUMBER_WIDTH: Final = 4

@dataclass(frozen=True)
class NewSpec:
    """What `specrepo new` needs to write a spec."""

    title: str
    author: str
    today: date


def schema_modeline(spec_file: Path, config: Config) -> str:
    """The `# yaml-language-server: $schema=…` line for a spec file, relative to it; none
    when the schema file is not there (`init` writes it; a repository adopted by hand may
    have none, and a line naming no file makes the editor report an error)."""
    schema = config.schema_path or config.root / EDITOR_SCHEMA_PATH
    if not inputs.reader.isfile(schema):
        return ""
    relative = Path(os.path.relpath(schema, spec_file.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def slugify(title: str) -> str:
    """A short ASCII file-name slug of a title."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:50].rstrip("-") or "spec"


def next_spec_id(config: Config, in_use: Iterable[str] = (), *, padded: bool = True) -> str:
    """The configured prefix with one more than the highest number among the ids `in_use`
    (the spec files', and those in history: an id is never handed out twice), `padded` to
    four digits. An id that is a bare number (`0042`, as KEPs number themselves, a
    template writing `{{number}}` as the id) takes its number too."""
    pattern = re.compile(rf"^(?:{re.escape(config.id_prefix)}-)?([0-9]+)")
    numbers = [match.group(1) for spec_id in in_use if (match := pattern.match(spec_id))]
    highest = max(numbers, key=number_key, default="0")  # by value, at any length
    return f"{config.id_prefix}-{incremented(highest):0>{_ID_NUMBER_WIDTH if padded else 0}}"


def spec_folder(config: Config) -> Path:
    """The folder new specs go to: `new.folder`, else the first configured location that
    is a folder; raises `UsageError` saying what to configure when there is none."""
    if config.new_folder is not None:
        return config.root / config.new_folder
    for location in config.locations:
        if location.kind == "folder":
            return config.root / location.path
    raise UsageError(
        "every `specs:` location in the configuration is a glob, so `specrepo new` does not "
        "know which folder to write in: name it as `new.folder` in specrepo.yaml "
        "(`new: {folder: specs}` for a spec of the bundled format; with your template and "
        "`new.file_name` for the path below it, e.g. `new: {template: ..., folder: keps, "
        "file_name: \"{{number}}-{{slug}}/README.md\"}`); the file must be one a `specs:` "
        "glob matches")


def _check_held(path: Path, config: Config) -> None:
    """Refuse to write a spec no `specs:` location holds (with `new.folder`): no command
    would read it."""
    relative = path.relative_to(config.root).as_posix()
    if not location_matcher(config.locations)(relative):
        raise ConfigError(
            f"{_shown(config, ('new', 'folder'))}new.folder and new.file_name give "
            f"'{relative}', which no `specs:` location holds "
            f"({', '.join(config.spec_locations)}): specrepo would not read it")


def create_spec(config: Config, new: NewSpec, allow_shallow: bool = False,
                warn: Callable[[str], None] = lambda _: None, *,
                note: Callable[[str], None] = lambda _: None) -> Path:
    """Write a new spec with the next free id: from the configured template, else one of
    the bundled format in Draft or the workflow's first state a spec may start in
    (`Workflow.start_state`); returns its path. In a shallow clone, whose history may not
    hold every id ever used, raises `HistoryError` unless `allow_shallow` (then `warn`s).
    What the listing of the spec files notes (a file skipped, a misnamed one) goes to
    `note` (`reserving_ids`)."""
    if is_blank(new.title):
        raise UsageError("the title is empty")
    _refuse_unwritable(new.title, "the title")
    if config.new_template is not None:
        return create_from_template(config, new, read_template(config), allow_shallow, warn,
                                    note=note)
    if config.schema_path is not None or config.fields != DEFAULT_FIELDS \
            or config.front_matter:
        raise UsageError(
            "this repository has a spec format of its own (`schema:`, `fields:` or "
            "`front_matter:` in specrepo.yaml), and specrepo new writes the bundled one "
            "unless `new: {template: ...}` names a template of yours; copy one of its specs, "
            "or add such a template")
    folder = _writable_spec_folder(config)
    taken = _taken_ids(config, allow_shallow, warn)
    make_folder(folder)
    with reserving_ids(config, folder, warn, note=note) as in_use:  # two `new` at once:
        spec_id = next_spec_id(config, taken | in_use.ids)  # the second sees the first's
        path = folder / f"{spec_id}-{slugify(new.title)}.yaml"
        _check_held(path, config)
        _refuse_outside_sparse_checkout(config, folder, path.name)
        write_atomically(path, spec_text(spec_id, new, schema_modeline(path, config),
                                         config.workflow.start_state("Draft")),
                         must_be_new=True)
    return path


def _taken_ids(config: Config, allow_shallow: bool,
               warn: Callable[[str], None]) -> frozenset[str]:
    """The ids used in the history (see `create_spec` for shallow clones) and on the
    branches HEAD has not merged (`ids_on_unmerged_branches`); the work trees' files are
    read under the lock (`reserving_ids`). The miner is imported when a spec is created,
    not with this module (which `init`, and so the command line, import: commands that
    mine nothing start without it)."""
    from specrepo.history.branch_ids import ids_on_unmerged_branches  # noqa: PLC0415
    from specrepo.history.mine import ids_in_history  # noqa: PLC0415

    taken, shallow = ids_in_history(config, allow_shallow)
    if shallow:
        warn("the repository is a shallow clone: an id that a spec had before its oldest "
             "commit may be given again (`git fetch --unshallow` fetches all of the history)")
    on_branches, notes = ids_on_unmerged_branches(config)
    for note in notes:
        warn(note)
    return taken | on_branches


def create_from_template(config: Config, new: NewSpec, template: SpecTemplate,
                         allow_shallow: bool = False,
                         warn: Callable[[str], None] = lambda _: None, *,
                         note: Callable[[str], None] = lambda _: None) -> Path:
    """Write a spec made from `template` in the first spec folder; returns its path
    (`warn` and `note`: `create_spec`).
    Raises `ConfigError` when the template gives a file name that is no spec's or a spec
    that does not load, `OutputError` when the file exists (shallow clones: `create_spec`)."""
    values = {"title": " ".join(new.title.split()), "slug": slugify(new.title),
              "author": new.author, "date": new.today.isoformat()}
    name_pattern = file_name_pattern(config, template)
    numbered = template.uses_id or bool(placeholders_in(name_pattern) & NUMBERING)
    folder = _writable_spec_folder(config)
    taken = _taken_ids(config, allow_shallow, warn) if numbered else frozenset()
    make_folder(folder)
    with reserving_ids(config, folder, warn, note=note, listed=numbered) as in_use:
        whole = numbered and in_use.written_as_numbers  # integers: 283, not "0283"
        if numbered:
            number = next_spec_id(config, taken | in_use.ids,
                                  padded=not whole).rpartition("-")[2]
            values.update(id=number if whole else f"{config.id_prefix}-{number}", number=number)
        name = fill_placeholders(name_pattern, values, quoted=False)
        parts = name.split("/")
        if not spec_named(name, config.spec_suffixes) \
                or any(part in ("", "..") or part.startswith(".") for part in parts):
            raise ConfigError(
                f"{_shown(config, ('new', 'file_name'))}new.file_name gives '{name}', which "
                "is not the name of a spec file "
                f"({', '.join('*' + suffix for suffix in config.spec_suffixes)}) "
                "in the spec folder or a folder below it (no `..`, no hidden folder)")
        text = template.filled(values, plain=NUMBERING if whole else frozenset())
        path = folder.joinpath(*parts)
        _check_held(path, config)
        _refuse_outside_sparse_checkout(config, path.parent, path.name)
        _check_starts(path, _check_loads(text, template, config), template, config)
        refuse_outside(config.root, path.parent, named=config.root_named)
        refuse_unwritable([path.parent], "new")  # `{{number}}-{{slug}}/README.md`
        make_folder(path.parent)
        write_atomically(path, text, must_be_new=True)
    return path


def _writable_spec_folder(config: Config) -> Path:
    """The folder new specs go to (`spec_folder`), refused before anything is written
    when it is outside the repository or its sparse checkout, or not writable (a CI user,
    a read-only checkout: `OutputError`, exit 2, naming it)."""
    folder = spec_folder(config)
    refuse_outside(config.root, folder, named=config.root_named)
    _refuse_outside_sparse_checkout(config, folder)
    refuse_unwritable([folder], "new")
    return folder


def _refuse_outside_sparse_checkout(config: Config, folder: Path,
                                    name: str | None = None) -> None:
    """Raise `SparseCheckoutError` (exit 2) before a spec is written into `folder` (as
    `name`, once it is known) where a sparse checkout would not keep it: `git add` refuses
    it, and git hides it when it next applies the patterns (`gitio.sparse_writes`)."""
    checkout = checkout_of(config)
    if name is None:
        refuse_folder_outside_cone(config, checkout, real_path(folder), "new", elsewhere=None)
    else:
        refuse_writing_outside_sparse_checkout(config, checkout, [real_path(folder) / name],
                                               "new")


def _shown(config: Config, setting: JsonPath) -> str:
    """Where the configuration file writes `setting` (`specrepo.yaml:4:14: `), which a
    message about the value it gives starts with; nothing without a configuration file."""
    return f"{config.placed(setting)}: " if config.file is not None else ""


def _check_loads(text: str, template: SpecTemplate, config: Config) -> SpecContent:
    """Refuse to write a spec that specrepo could not read (a broken template); returns
    what it reads."""
    try:
        return load_spec_content(text.encode(), config.fields.read_as_text,
                                 LoadLimits(max_bytes=config.max_file_size),
                                 front_matter=config.front_matter)
    except YamlError as error:
        where = f":{error.position.line}" if error.position else ""
        raise ConfigError(f"{display_path(template.path)}{where}: the spec made from this "
                          f"template (new.template) cannot be read: {error.message}") from None


def _check_starts(path: Path, content: SpecContent, template: SpecTemplate,
                  config: Config) -> None:
    """Refuse to write a spec in a state of the workflow a new spec may not start in
    (`statuses.initial`): `validate --history` and the pre-commit hook would refuse every
    spec made so. (A status the workflow does not have is validate's finding, which `run`
    warns of.)"""
    status = record_from_content(path, content, config.fields, id_required=False).status
    if status in config.workflow.states and not config.workflow.may_start_in(status):
        raise ConfigError(
            f"{display_path(template.path)}: the spec made from this template (new.template) "
            f"is in {status}, which a new spec may not start in ({starts_in(config.workflow)}; "
            "statuses.initial): write one of those as the template's status, or add "
            f"{status} to statuses.initial")


@dataclass(frozen=True)
class NewOptions:
    """The new spec's title, its author (None: git's `user.name`) and the day it starts."""

    title: str
    author: str | None
    today: date
    allow_shallow: bool = False
    """Go on in a shallow clone (with a warning) rather than refuse."""


@dataclass(frozen=True)
class NewResult:
    """The file written, a warning when it does not pass validate yet, and what the
    listing of the spec files noted."""

    path: Path
    exit_code: ExitCode = ExitCode.CLEAN
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def run(config: Config, options: NewOptions) -> NewResult:
    """Write the new spec; raises `UsageError` when it cannot be written. A spec validate
    refuses is kept (the author fills it in) and said so: a template of the repository's
    own that lacks required fields or gives the spec no title, or a workflow whose first
    state needs a reviewer named, should not pass in silence."""
    author = resolve_author(options.author, config.root)
    warnings: list[str] = []
    notes: list[str] = []
    path = create_spec(config, NewSpec(options.title, author, options.today),
                       options.allow_shallow, warnings.append, note=notes.append)
    errors = [finding for finding in check_spec_set(config, [path]).findings
              if finding.severity is Severity.ERROR]
    template = None if config.new_template is None else display_path(config.new_template)
    if errors:
        first = errors[0]
        record = _record_of(path, config)
        advice = template_advice(errors, config, template, record is not None and not record.id
                                 ) if template else "fill it in"
        warnings.append(
            f"{display_path(path)} does not pass validate yet ({len(errors)} "
            f"error{'s' if len(errors) > 1 else ''}; the first, at line {first.line}: "
            f"{first.message}); {advice}")
    if template and (config.front_matter or config.fields.title is not None):
        warnings += _title_warnings(path, config, options.title, template)
    return NewResult(path, warnings=tuple(warnings), notes=tuple(notes))


def _title_warnings(path: Path, config: Config, title: str, template: str) -> list[str]:
    """A warning when the spec just written has no title, or one other than `title`
    (runs of whitespace read as one space), nor the template's title with it in place
    (`# KEP-{{number}}: {{title}}`: `template_title`): the template put `{{title}}` where
    it is no title, or where Markdown shows it otherwise (in a code span, a backtick)."""
    read = record.title if (record := _record_of(path, config)) is not None else ""
    if not read:
        where = ("neither in its front matter's title field nor in a level-1 heading "
                 "(`# {{title}}`) opening its body") if config.front_matter \
            else "not in its title field"
        return [f"{display_path(path)} has no title: the template {template} puts "
                f"{{{{title}}}} {where}"]
    given = " ".join(title.split())
    if read == given:
        return []
    spec_template = read_template(config)
    marked_text, marks = marked(spec_template)
    shown = record_from_content(path, _check_loads(marked_text, spec_template, config),
                                config.fields, id_required=False).title
    if not placed_as_marked(read, given, shown, marks):
        return [f"{display_path(path)}'s title reads back as '{read}', not '{given}': the "
                f"template {template} puts {{{{title}}}} where it is shown otherwise; "
                "correct the title in the file"]
    return []


def _record_of(path: Path, config: Config) -> SpecRecord | None:
    """The spec just written, as every command reads it (a Markdown spec's `# heading` its
    title; an empty id when it has none); None when it does not load."""
    try:
        _, content = read_spec(path, config)
    except YamlError:
        return None
    return record_from_content(path, content, config.fields, id_required=False)


def _refuse_unwritable(text: str, what: str) -> None:
    """Raise `UsageError` when `text` (not empty) holds a byte that was not UTF-8 (an
    argument or git setting read with `surrogateescape`, PEP 383): a spec file is UTF-8
    (YAML 1.2), and the byte would be written as no character at all; or a line break
    (`str.splitlines`'s, `\u2028` too): a title or a name is one line in every page."""
    if (found := undecodable_escaped(text)) != text:
        raise UsageError(f"{what} '{one_line(found)}' is not UTF-8: write it in UTF-8 (a "
                         "terminal or script in another encoding, such as Latin-1, passes "
                         "its bytes as they are)")
    if text.splitlines() != [text]:
        raise UsageError(f"{what} '{one_line(text)}' holds a line break: write it on one "
                         "line (a spec's page and tables show it as one)")


def resolve_author(author: str | None, folder: Path) -> str:
    """The author given, else git's `user.name` for `folder`; raises `UsageError` when
    there is neither, or the one chosen is not UTF-8 text."""
    chosen = author or git_user_name(folder)
    if not chosen:
        raise UsageError("git has no user.name; pass --author")
    _refuse_unwritable(chosen, "--author" if author else
                        "git's user.name (the default author; or pass --author)")
    return chosen

"""`fields:` entries that name a field no spec can have or no spec has: a typo
(`approvers: approver`, `related: [see-allso]`) would otherwise make every spec's
approvers, dates or references vanish from the rules, the report and the pages, silently.
An optional field only some specs have, or one the spec schema describes or allows by a
pattern (a field no spec uses yet), is no typo and is not reported."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.errors import ConfigError
from specrepo.base.suggest import suggested
from specrepo.base.wording import counted
from specrepo.check.key_answer import KeyAnswer, Verdict
from specrepo.check.rules import config_findings, severity_of, unused_field
from specrepo.load.document import JsonPath, value_at
from specrepo.load.schema_source import SchemaSource
from specrepo.load.spec_files import load_spec_content, read_spec_file
from specrepo.load.staged_versions import StagedVersion, read_staged
from specrepo.load.yaml_loader import LoadLimits, YamlError
from specrepo.model.config import Config
from specrepo.model.findings import Finding


class KeptAnswers(Protocol):
    """Where the schema's answers are kept between runs (the findings cache,
    validate's; `report.kept_readings`, report's): `answers` as read, by field path (JSON
    text), and `kept_answers`, this run's, to be written."""

    @property
    def answers(self) -> dict[str, Any]: ...

    @property
    def kept_answers(self) -> dict[str, Any]: ...

# The schema's answers (`check.schema_keys`) are imported when an entry needs them and the
# findings cache keeps none: a command that checks no `fields:` entry (timeline, diff), and
# a warm validate, never load them.

_ALWAYS_CHECKED = ("id", "status")
"""Fields every spec needs: validate already reports each spec without them."""


@dataclass(frozen=True)
class _Entry:
    """One path written in `fields:`: where in specrepo.yaml (`("fields", "created")`,
    `("fields", "related", 0)`), and the field path it names."""

    where: JsonPath
    path: JsonPath

    @property
    def name(self) -> str:
        return str(self.where[1])

    def unread(self) -> str:
        """What a path no spec has costs."""
        return f"no spec's `{self.name}` is read" if len(self.where) == 2 else \
            f"this `{self.name}` entry reads nothing"


def unused_field_findings(config: Config, spec_files: Callable[[], Sequence[Path]],
                          schema: Callable[[], SchemaSource],
                          kept: KeptAnswers | None = None,
                          staged: Mapping[Path, StagedVersion] | None = None
                          ) -> tuple[Finding, ...]:
    """An `unused-field` finding, at its place in specrepo.yaml, for each path `fields:`
    names (a single field's, or an entry of `related`, `item_lists`, `read_as_text`) that
    the spec schema (`schema()`, asked only when some entry needs it) forbids a spec to
    hold (see `key_answer`), or that it neither
    describes nor allows by a pattern and none of the spec files (`spec_files()`, listed
    only when some entry needs it) has a value at (null counts as absent; nothing is said
    of those when there is no spec). Nothing is said when `rules:` turns the rule off.
    Files are read only while some entry is still unseen, and only the top-level keys the
    entries need; a file that cannot be read, or a schema that cannot, is validate's to
    report. The schema's answers are kept in `kept` (a cache whose key holds the schema,
    the configuration and specrepo's code), if any, and read from it. `staged` (a hook's
    run: `check.staged_summaries.on_index`): the files whose staged version is read in
    place of the work tree's, those the work tree deleted too (the commit holds them)."""
    entries = _written(config) if severity_of(unused_field.RULE, config.severities) \
        else []
    if not entries:
        return ()
    answers = _answers(schema, entries, kept)
    unseen = [entry for entry in entries if entry not in answers or (
        answers[entry].verdict is Verdict.ALLOWED and not answers[entry].patterns)]
    files = _with_staged(spec_files(), staged or {}) if unseen else ()
    for entry in _seen(config, files, unseen, staged or {}):
        unseen.remove(entry)
    return config_findings(config, unused_field.RULE, [
        (config.field_positions[entry.where], message, entry.where) for entry in entries
        if (message := _message(entry, answers.get(entry), entry in unseen and bool(files),
                                len(files))) is not None])


def _message(entry: _Entry, answer: KeyAnswer | None, unseen: bool,
             count: int) -> str | None:
    if answer is not None and not answer.holds:
        dotted = ".".join(map(str, entry.path))
        return (f"`fields: {entry.name}:` names `{dotted}`, a field no spec can have, so "
                f"{entry.unread()}: {answer.why}")
    if not unseen:
        return None
    last, suggestion = suggested(str(entry.path[-1]), answer.known if answer else ())
    dotted = ".".join([*map(str, entry.path[:-1]), last])
    return (f"`fields: {entry.name}:` names `{dotted}`, a field no spec has "
            f"({counted(count, 'spec file')}) and the spec schema does not describe, so "
            f"{entry.unread()}" + (f"; did you mean `{suggestion}`?" if suggestion else
                                   "; a typo? Map it to the field that holds it"))


def _answers(schema: Callable[[], SchemaSource], entries: Sequence[_Entry],
             kept: KeptAnswers | None) -> dict[_Entry, KeyAnswer]:
    """The spec schema's answer on each entry's path (none when it cannot be read): from
    the findings cache (`kept`) where it holds one, else from the schema, read then; each
    kept in the cache."""
    if not entries:
        return {}
    answers = {entry: answer for entry in entries if kept is not None
               and (answer := _kept_answer(kept.answers.get(_answer_key(entry)))) is not None}
    if len(answers) < len(entries):
        from specrepo.check.schema_keys import key_answer  # noqa: PLC0415 (only then)
        from specrepo.load.schema_scope import root_scope  # noqa: PLC0415

        try:
            root = root_scope(schema(), checked=True, inline=False)
        except ConfigError:
            root = None
        answers.update(
            (entry, key_answer(root, tuple(map(str, entry.path)), through_lists=False))
            for entry in entries if entry not in answers and root is not None)
    if kept is not None:
        kept.kept_answers.update(
            (_answer_key(entry), [answer.verdict.value, answer.step, answer.why,
                                  list(answer.patterns), list(answer.known)])
            for entry, answer in answers.items())
    return answers


def _kept_answer(value: Any) -> KeyAnswer | None:
    """An answer as the findings cache keeps it; None when it holds none (or another
    value than one written there)."""
    if not (isinstance(value, list) and len(value) == 5
            and value[0] in Verdict._value2member_map_ and type(value[1]) is int
            and isinstance(value[2], str) and all(
                isinstance(item, list) and all(isinstance(text, str) for text in item)
                for item in value[3:])):
        return None
    return KeyAnswer(Verdict(value[0]), value[1], value[2], tuple(value[3]), tuple(value[4]))


def _answer_key(entry: _Entry) -> str:
    """An entry's path as the findings cache keeps its answer."""
    return json.dumps(list(map(str, entry.path)))


def _with_staged(listed: Sequence[Path], staged: Mapping[Path, StagedVersion]
                 ) -> Sequence[Path]:
    """The `listed` spec files and the `staged` ones the work tree deleted."""
    gone = set(staged).difference(listed)
    return [*listed, *sorted(gone, key=lambda path: path.parts)] if gone else listed


def _seen(config: Config, files: Sequence[Path], entries: Sequence[_Entry],
          staged: Mapping[Path, StagedVersion]) -> Iterator[_Entry]:
    """The entries some spec file has a value at, each once: its `staged` version, if
    any, else the work tree's."""
    limits = LoadLimits(max_bytes=config.max_file_size)
    keep = frozenset(str(entry.path[0]) for entry in entries)
    pending = list(entries)
    for file in files:
        if not pending:
            return
        try:
            raw = read_spec_file(file, config.root, config.max_file_size) \
                if file not in staged else read_staged(file, staged[file], config.max_file_size)
            data = load_spec_content(raw, config.fields.read_as_text, limits, keep,
                                     front_matter=config.front_matter).document.data
        except (YamlError, OSError):
            continue
        for entry in [entry for entry in pending if value_at(data, entry.path) is not None]:
            pending.remove(entry)
            yield entry


def _written(config: Config) -> list[_Entry]:
    """The paths written in `fields:` that may be typos: not the id nor the status
    (validate reports every spec without them), nor a Markdown spec's title (its body's
    heading gives it where the front matter has none)."""
    entries = []
    for where in config.field_positions:
        name = str(where[1])
        if name in _ALWAYS_CHECKED or (name == "title" and config.front_matter):
            continue
        mapped = getattr(config.fields, name)
        path = mapped[int(where[2])] if len(where) == 3 else mapped
        if path is not None:
            entries.append(_Entry(where, path))
    return entries

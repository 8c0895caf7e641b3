"""Click option callbacks, completions and parameter types the commands share."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import click
from click.core import ParameterSource
from click.shell_completion import CompletionItem

from specrepo.base.caseless import is_blank
from specrepo.base.errors import SpecrepoError
from specrepo.base.suggest import shown_choices, suggested
from specrepo.cli.boundary import say
from specrepo.history.options import MineOptions
from specrepo.output.standard_output import escape_for_format


def mine_options(allow_shallow: bool, *, gate: bool = False,
                 base: str | None = None) -> MineOptions:
    """Progress on a terminal's stderr only; warnings about the run always; a `gate`
    (`ALLOW_SUBMODULES` not given) refuses specs in submodules; a shallow clone's boundary
    compared with `base` (`MineOptions.boundary_base`)."""
    progress = (lambda message: say(f"specrepo: {message}")) \
        if sys.stderr is not None and sys.stderr.isatty() else None
    return MineOptions(allow_shallow=allow_shallow, refuse_submodules=gate, progress=progress,
                       warn=lambda message: say(f"specrepo: warning: {message}"),
                       boundary_base=base)


ALLOW_SUBMODULES = click.option(
    "--allow-submodules", is_flag=True,
    help="With a history gate: go on when spec files lie in a git submodule, without "
         "their history (it is in that repository: check it there).")
"""The history gates' opt-in (`validate --history`, `report --fail-on`): specs in a
submodule are refused without it (`history.submodules.submodules_refusal`)."""

def refuse_unpaired(needed: str, present: bool, *given: tuple[object, str]) -> None:
    """Raise Click's `UsageError` (exit 2) naming the first of `given` (an option's value,
    None or False when not given, and its name) used without the option `needed`
    (`present`: whether it was), which alone gives it a meaning: `--since goes with
    --history`, as every command words it."""
    if present:
        return
    for value, name in given:
        if value is not None and value is not False:
            raise click.UsageError(f"{name} goes with {needed}")


def given(ctx: click.Context, name: str) -> bool | None:
    """True when the option `name` (its parameter's name) was given on the command line,
    None when its value is its default (for `refuse_unpaired`: an option with a default
    given without the one that gives it a meaning)."""
    source = ctx.get_parameter_source(name)
    return True if source is not None and source != ParameterSource.DEFAULT else None


_EMPTY = "an empty {what} (an unset variable?); name {which}"


class FilledPath(click.Path):
    """`click.Path`, refusing empty text: `--out ""` (an unset variable in CI) would otherwise
    mean the current folder, as `Path("")` does, and write or check there in silence."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            self.fail(_EMPTY.format(what="path", which="a file or folder"), param, ctx)
        return super().convert(value, param, ctx)


class OutputPath(FilledPath):
    """Where an output option writes: a file or folder, never one named `-`, which Click's
    convention for file arguments (and every CI author's pipe) reads as standard output.
    With `dash_refusal` None, `-` is standard output, given as None (the option left out:
    the command then writes there and nothing else); else standard output carries the
    command's usual output, and `-` is refused (exit 2) with `dash_refusal`'s advice.
    `./-` still names a file called `-`."""

    def __init__(self, dash_refusal: str | None = None, **options: Any) -> None:
        super().__init__(path_type=Path, **options)
        self.dash_refusal = dash_refusal

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value == "-":
            if self.dash_refusal is None:
                return None
            self.fail(f"'-' is not standard output here: {self.dash_refusal} (./- names "
                      "a file or folder called '-')", param, ctx)
        return super().convert(value, param, ctx)


class FilledSpecName(click.types.StringParamType):
    """A spec named by id, file or folder, refusing empty text (which `Path("")` would read
    as the current folder: every spec in it)."""

    name = "spec"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            self.fail(_EMPTY.format(what="spec name", which="a spec's id or file"), param, ctx)
        return super().convert(value, param, ctx)


class FilledText(click.types.StringParamType):
    """Text that must not be empty (an unset variable in CI, `--author "$NAME"`), where
    empty text would be taken as no value at all (git's user.name, every spec) in silence;
    `what` names the value, `which` what to write instead."""

    def __init__(self, what: str, which: str) -> None:
        self.what, self.which = what, which

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and is_blank(value):
            self.fail(_EMPTY.format(what=self.what, which=self.which), param, ctx)
        return super().convert(value, param, ctx)


class ShownChoice(click.Choice):  # type: ignore[type-arg]
    """`click.Choice`, whose refusal shows the value apart from the choices when it looks
    like one of them (`suggest.suggested`: `'js<U+043E>n' is not one of 'github', 'json',
    ...; did you mean 'json'?`, not `'json' is not one of ... 'json'`)."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            shown, meant = suggested(value, list(self.choices)) if isinstance(value, str) \
                else (value, None)
            if shown == value:
                raise
            listed = ", ".join(repr(choice) for choice in self.choices)
            hint = f"; did you mean '{meant}'?" if meant is not None else "."
            self.fail(f"'{shown}' is not one of {listed}{hint}", param, ctx)


REVISION: Final = FilledText("revision", "a commit, branch or tag")
PERSON: Final = FilledText("name", "a person, or leave the option out for git's user.name")
PERSON_FILTER: Final = FilledText("name", "a person, or leave the option out for every spec")
STATUS: Final = FilledText("status", "a status of the workflow, or leave the option out for "
                                     "every status")
DATE_OR_REVISION: Final = FilledText("date or revision",
                                     "a date (YYYY-MM-DD) or a commit, branch or tag")
DAY: Final = FilledText("date", "a date (YYYY-MM-DD) or 'today'")
ITEM_ID: Final = FilledText("item id", "an item of the spec, such as FR-3")
PREFIX: Final = FilledText("prefix", "a prefix of capital letters and digits, such as SPEC")
URL: Final = FilledText("URL", "the address files are shown at, as "
                               "https://github.com/ORG/REPO/blob/main")


def conditions_of(choices: Sequence[str]) -> Callable[..., tuple[str, ...]]:
    """A callback reading `--fail-on`'s comma-separated conditions, each one of `choices`
    (the option `multiple`: a repeat adds its conditions)."""

    def read(_: click.Context, __: click.Parameter, values: tuple[str, ...]
             ) -> tuple[str, ...]:
        names: list[str] = []
        for value in values:  # the option repeated: the conditions of each, all of them
            given = [name.strip() for name in value.split(",") if name.strip()]
            if not given:  # `--fail-on "$GATES"` with the variable unset
                raise click.BadParameter(_EMPTY.format(what="list of conditions",
                                                       which=f"some of {', '.join(choices)}"))
            names.extend(given)
        unknown = [name for name in names if name not in choices]
        if unknown:
            found = [suggested(name, choices) for name in unknown]
            meant = [suggestion for _, suggestion in found if suggestion is not None]
            raise click.BadParameter(
                f"unknown condition {', '.join(shown for shown, _ in found)}; choose from "
                f"{', '.join(shown_choices(choices, unknown))}"
                + (f"; did you mean {', '.join(meant)}?" if meant else ""))
        return tuple(dict.fromkeys(names))  # each once, in the order first given

    return read


def escaping_output(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    """A `--format` callback: standard output escapes what its encoding lacks as the chosen
    machine format does (`escape_for_format`)."""
    if value is not None:
        escape_for_format(sys.stdout, value)
    return value


def complete_spec_ids(context: click.Context, _: click.Parameter,
                       incomplete: str) -> list[CompletionItem]:
    """Spec ids for shell completion; nothing at all when the configuration is unusable."""
    from specrepo.check.spec_ids import spec_ids  # noqa: PLC0415 (only when completing)
    from specrepo.commands.working_folder import command_config  # noqa: PLC0415

    config_path = context.find_root().params.get("config_path")
    try:
        ids = spec_ids(command_config(config_path))
    except SpecrepoError:
        return []
    return [CompletionItem(spec_id) for spec_id in ids if spec_id.startswith(incomplete)]


JUNIT_OPTION = click.option(
    "--junit", "junit", multiple=True, metavar="FILE", type=FilledPath(path_type=Path),
    help="A JUnit XML report, or a folder of them, whose testcases verify requirements; "
         "repeat for more.")
"""`site --junit` and `trace --junit`."""

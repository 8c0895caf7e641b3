"""An option that takes one value, given more than once: the last one is used, as getopt
and git do (a pre-commit hook's `args:` override its `entry:` so), and never in silence:
each run says which, with the value used and those dropped (trial50b: `--fail-on stale
--fail-on open-questions` gated on open questions alone, without a word; `--fail-on` now
adds up instead)."""

from __future__ import annotations

import copy
import shlex
from collections import Counter
from typing import NamedTuple

import click


class RepeatedOption(NamedTuple):
    """An option that takes one value given more than once: its longest name, and each
    value as typed, in the order given (the last one is used)."""

    name: str
    values: tuple[str, ...]


def repeated_options(context: click.Context, arguments: list[str]) -> list[RepeatedOption]:
    """The options of `context`'s command (given `arguments`) that take one value and were
    given more than once, in the order first given: not `multiple`, not a counter, and not
    a flag without a `--no-` side (saying it twice says it once). None for a command line
    Click cannot parse (Click's own message says what is wrong) or in shell completion
    (`resilient_parsing`). A value that is not one of a choice's, wherever it stands,
    raises Click's `BadParameter` for it: the warning never names a value the command
    refuses (`--format json --format text` to `report`, whose formats have no `text`)."""
    if context.resilient_parsing:
        return []
    try:
        _, _, order = context.command.make_parser(context).parse_args(args=list(arguments))
    except click.UsageError:
        return []
    repeated = [parameter for parameter, times in Counter(order).items()
                if times > 1 and isinstance(parameter, click.Option) and not parameter.multiple
                and not parameter.count
                and not (parameter.is_flag and not parameter.secondary_opts)]
    given = _values_given(context, arguments, repeated)
    for option, values in given:  # Click checks the last value alone
        if isinstance(option.type, click.Choice):
            for value in values:
                option.type.convert(value, option, context)
    return [RepeatedOption(max(option.opts, key=len), values) for option, values in given]


def _values_given(context: click.Context, arguments: list[str], options: list[click.Option]
                  ) -> list[tuple[click.Option, tuple[str, ...]]]:
    """Each of `options` with every value `arguments` give it, as typed, in order: the
    command line parsed again with those options taking several values (copies; Click's
    parser keeps the last value of one that takes one). A flag's value is the name that
    set it (`--no-color`)."""
    appending: dict[click.Parameter, click.Parameter] = {}
    for option in options:
        appending[option] = shadow = copy.copy(option)
        shadow.multiple = True
    command = copy.copy(context.command)
    command.params = [appending.get(parameter, parameter)
                      for parameter in context.command.params]
    given, _, _ = command.make_parser(context).parse_args(args=list(arguments))
    return [(option, tuple(_as_typed(option, value) for value in given[option.name or ""]))
            for option in options]


def _as_typed(option: click.Option, value: object) -> str:
    """A value the parser gave `option`: the text typed, or the name of the flag set."""
    if not option.is_flag:
        return str(value)
    return max(option.opts if value else option.secondary_opts, key=len)


def repeated_warning(option: RepeatedOption) -> str:
    """What a run says of an option `repeated_options` found: `--format given twice: using
    'text', ignoring 'json'` (each value in single quotes, escaped as a shell reads it)."""
    *ignored, used = option.values
    times = "twice" if len(option.values) == 2 else f"{len(option.values)} times"
    return (f"{option.name} given {times}: using {_quoted(used)}, ignoring "
            + ", ".join(map(_quoted, ignored)))


def _quoted(value: str) -> str:
    """`value` as a shell reads it back (`shlex.quote`), in single quotes even when it
    needs none, as the warning sets every value apart from its words."""
    quoted = shlex.quote(value)
    return quoted if quoted.startswith("'") else f"'{quoted}'"

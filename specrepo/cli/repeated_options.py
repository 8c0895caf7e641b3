"""An option that takes one value, given more than once: the last one is used, as getopt
and git do (a pre-commit hook's `args:` override its `entry:` so), and never in silence:
each run says which (trial50b: `--fail-on stale --fail-on open-questions` gated on open
questions alone, without a word; `--fail-on` now adds up instead)."""

from __future__ import annotations

from collections import Counter

import click


def repeated_options(context: click.Context, arguments: list[str]) -> list[str]:
    """The options of `context`'s command (given `arguments`) that take one value and were
    given more than once, each by its longest name, in the order first given: not
    `multiple`, not a counter, and not a flag without a `--no-` side (saying it twice says
    it once). None for a command line Click cannot parse (Click's own message says what
    is wrong) or in shell completion (`resilient_parsing`)."""
    if context.resilient_parsing:
        return []
    try:
        _, _, order = context.command.make_parser(context).parse_args(args=list(arguments))
    except click.UsageError:
        return []
    return [max(parameter.opts, key=len) for parameter, times in Counter(order).items()
            if times > 1 and isinstance(parameter, click.Option) and not parameter.multiple
            and not parameter.count and not (parameter.is_flag and not parameter.secondary_opts)]


def repeated_warning(option: str) -> str:
    """What a run says of an option `repeated_options` found."""
    return (f"{option} given more than once: it takes one value, and the last one given "
            "is used")

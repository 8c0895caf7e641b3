"""A Click command that remembers where `--` stood among its arguments, as git's commands
do (`git diff REV -- PATH`): Click drops the `--`, so the command could not tell otherwise."""

from __future__ import annotations

import click

SEPARATED = "arguments after --"
"""The key of `click.Context.meta` holding how many arguments followed `--` (absent when
there was no `--`)."""


class SeparatorCommand(click.Command):
    """A command whose context's `meta[SEPARATED]` counts the arguments after the first
    `--`; they are the last ones of the command's variadic argument."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            ctx.meta[SEPARATED] = len(args) - args.index("--") - 1
        return super().parse_args(ctx, args)


def separated(ctx: click.Context) -> int | None:
    """How many arguments followed `--`, or None when there was none."""
    count = ctx.meta.get(SEPARATED)
    return count if isinstance(count, int) else None

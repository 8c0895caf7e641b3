"""Click option callbacks the commands share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click


def conditions_of(choices: Sequence[str]) -> Callable[..., tuple[str, ...]]:
    """A callback reading `--fail-on`'s comma-separated conditions, each one of `choices`."""

    def read(_: click.Context, __: click.Parameter, value: str | None) -> tuple[str, ...]:
        names = tuple(name.strip() for name in (value or "").split(",") if name.strip())
        unknown = [name for name in names if name not in choices]
        if unknown:
            raise click.BadParameter(f"unknown condition {', '.join(unknown)}; choose from "
                                     f"{', '.join(choices)}")
        return names

    return read

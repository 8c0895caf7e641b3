"""Frozen dataclass instances made from values already checked, as `pickle` restores them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from specrepo.base.deferred_dataclass import made

Restored = TypeVar("Restored")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def restored(cls: type[Restored], values: Sequence[Any]) -> Restored:
    """An instance of the dataclass `cls` (not slotted) whose fields, in declaration order,
    are `values`: equal to `cls(*values)`, but made as `pickle` restores an instance (its
    `__dict__` set, without `__init__` or `__post_init__`), many times faster for a frozen
    dataclass, whose `__init__` sets each field through `object.__setattr__`. For data a
    cache kept and the caller has checked: nothing here checks a value. Raises
    `ValueError` when there are not as many values as fields."""
    return restored_each(cls, (values,))[0]


def restored_each(cls: type[Restored], rows: Iterable[Sequence[Any]]) -> list[Restored]:
    """`restored` of each of `rows`, in one loop (a cache restores thousands at once)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        made(cls)  # a deferred dataclass has its fields, and no stub, from here on
        names = _FIELD_NAMES[cls] = tuple(field.name for field in dataclasses.fields(cls))  # type: ignore[arg-type]
    instances = []
    for values in rows:
        if len(values) != len(names):
            raise ValueError(f"{cls.__name__} has {len(names)} fields, not {len(values)}")
        instance: Restored = object.__new__(cls)
        instance.__dict__.update(zip(names, values, strict=False))  # as long: checked above
        instances.append(instance)
    return instances

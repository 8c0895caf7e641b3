"""`dataclass`, made when its first instance is: a command pays only for the classes it uses.

`dataclasses.dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__` and
(frozen) `__setattr__`/`__delattr__` as Python source and compiles them, one `exec` each:
about 3.9 million instructions per class on CPython 3.11, 300 million for the 79 a warm
`report` imports (as much as the whole start of `specrepo --version`), most of which that
run never instantiates. This decorator records the class and its options and puts a stub
`__init__` and `__setstate__` on it; the first instance made (by a call, by `pickle` in a
worker, or by `base.restore`, which calls `made` first) applies `dataclasses.dataclass` with
the same options to the class, its own pending bases first, and removes the stubs. The class is then
exactly what the stdlib makes (the same function on the same class, in place), and type
checkers see `dataclasses.dataclass` itself.

What does not work before a class's first instance: `dataclasses.fields(cls)` and
`is_dataclass(cls)` on the class (call `made(cls)` first), and an eager
`dataclasses.dataclass` subclass of a pending class (every dataclass in specrepo comes from
here: tests/base/test_deferred_dataclass.py checks it). `slots=True` makes a new class, so
such a class is made at once."""

from __future__ import annotations

import dataclasses
import inspect
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

__all__ = ["dataclass", "deferred_dataclass", "made", "pending"]

Class = TypeVar("Class", bound=type)

_STUBS = ("__init__", "__setstate__")
"""What a pending class holds until it is made: its instances start in one of them (a call
runs `__init__`; `pickle`, in a worker, restores an instance through `__setstate__`)."""
_PENDING: dict[type, dict[str, Any]] = {}
"""Each class not made yet -> the options `dataclasses.dataclass` gets when it is."""
_MAKING = threading.RLock()


def made(cls: type) -> None:
    """Make `cls` and every pending class it inherits from, bases first (a no-op for a class
    made already or not deferred). Thread-safe: a class is made once."""
    with _MAKING:
        for klass in reversed(cls.__mro__):
            options = _PENDING.pop(klass, None)
            if options is not None:
                for name in _STUBS:
                    delattr(klass, name)
                dataclasses.dataclass(klass, **options)


def pending(cls: type) -> bool:
    """Whether `cls` is a deferred dataclass none of whose instances was made yet."""
    return cls in _PENDING


def _stubs(cls: type) -> tuple[Callable[..., None], Callable[[Any, Any], None]]:
    """The stub `__init__` and `__setstate__` of the pending class `cls`: each makes `cls`,
    then does what the made class does (its generated `__init__`; `pickle`'s default of
    updating the instance's `__dict__`, for a class with no `__setstate__`)."""
    def __init__(self: Any, *arguments: Any, **keywords: Any) -> None:
        made(cls)
        cls.__init__(self, *arguments, **keywords)  # type: ignore[misc]  # the generated one

    def __setstate__(self: Any, state: Any) -> None:
        made(type(self))
        self.__dict__.update(state)
    return __init__, __setstate__


def deferred_dataclass(cls: Class | None = None, /, **options: Any
                       ) -> Class | Callable[[Class], Class]:
    """`dataclasses.dataclass(cls, **options)`, applied when the first instance of `cls` is
    made (see the module). Used bare (`@dataclass`) or with options
    (`@dataclass(frozen=True, order=True)`), like the stdlib's. A class with `slots=True`,
    that defines `__init__` or `__setstate__` itself, or that declares no field (whose
    instances `pickle` restores without `__setstate__`), is made at once."""
    def defer(cls: Class) -> Class:
        if (options.get("slots") or any(name in cls.__dict__ for name in _STUBS)
                or not inspect.get_annotations(cls)):
            return cast("Class", dataclasses.dataclass(cls, **options))
        with _MAKING:
            _PENDING[cls] = options
            for name, stub in zip(_STUBS, _stubs(cls), strict=True):
                setattr(cls, name, stub)
        return cls
    return defer if cls is None else defer(cls)


if TYPE_CHECKING:
    from dataclasses import dataclass
else:
    dataclass = deferred_dataclass

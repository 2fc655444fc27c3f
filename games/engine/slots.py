"""Fast copies and constructors for the engine's frozen slotted dataclasses, for the hot path.

Both skip ``__post_init__`` and write the slots through their descriptors; the objects they return are equal
to, and indistinguishable from, those ``dataclasses.replace`` and the class's own ``__init__`` would build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any, TypeVar

_T = TypeVar("_T")
_UNSET = object()
_EVOLVERS: dict[type, Callable[..., Any]] = {}


def _slot_setters(cls: type, names: tuple[str, ...]) -> dict[str, Any]:
    return {f"_set_{name}": getattr(cls, name).__set__ for name in names}


def _evolver(cls: type) -> Callable[..., Any]:
    names = tuple(f.name for f in fields(cls))
    params = ", ".join(f"{name}=_UNSET" for name in names)
    body = "".join(f"    _set_{name}(new, obj.{name} if {name} is _UNSET else {name})\n" for name in names)
    source = f"def evolve(obj, *, {params}):\n    new = _new(_cls)\n{body}    return new\n"
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_UNSET": _UNSET}
    namespace.update(_slot_setters(cls, names))
    exec(source, namespace)
    function: Callable[..., Any] = namespace["evolve"]
    return function


def evolver(cls: type[_T]) -> Callable[..., _T]:
    """``evolve`` for instances of ``cls`` only: ``evolver(cls)(obj, **changes)``, one call less."""
    function = _EVOLVERS.get(cls)
    if function is None:
        function = _EVOLVERS[cls] = _evolver(cls)
    return function


def evolve(obj: _T, **changes: Any) -> _T:
    """A copy of a frozen slotted dataclass with ``changes`` (field names; TypeError for any other)."""
    function = _EVOLVERS.get(type(obj))
    if function is None:
        function = evolver(type(obj))
    result: _T = function(obj, **changes)
    return result


def constructor(cls: Callable[..., _T]) -> Callable[..., _T]:
    """A function taking the same arguments as ``cls`` (a frozen slotted dataclass without default
    factories) and building the same object without running ``__post_init__``."""
    assert isinstance(cls, type)
    names = []
    params = []
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name} has a default factory")
        names.append(f.name)
        if f.default is MISSING:
            params.append(f.name)
        else:
            params.append(f"{f.name}=_default_{f.name}")
            namespace[f"_default_{f.name}"] = f.default
    namespace.update(_slot_setters(cls, tuple(names)))
    body = "".join(f"    _set_{name}(new, {name})\n" for name in names)
    exec(f"def build({', '.join(params)}):\n    new = _new(_cls)\n{body}    return new\n", namespace)
    function: Callable[..., _T] = namespace["build"]
    return function

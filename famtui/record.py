"""Value classes without the start-up cost of :mod:`dataclasses`.

``@dataclass`` writes each class's methods as source text and compiles it (``exec``), and
importing it imports :mod:`inspect`: together some 15 ms of every command for the thirty
classes the core defines. A :class:`Record` subclass gets the same behaviour from shared
methods, set up in microseconds:

- fields are the class's annotated names (base classes first; names starting with ``_``
  and ``ClassVar`` annotations are not fields), defaults are the class attributes;
- ``__init__`` takes them by position or keyword, then calls ``__post_init__`` if defined;
- ``__eq__`` compares the fields of two instances of the same class, ``__repr__`` shows them;
- frozen (the default) forbids assignment and hashes by the fields; ``frozen=False`` makes a
  mutable, unhashable record (like ``@dataclass`` with ``eq=True``).

:func:`replace` and :func:`as_dict` stand for :func:`dataclasses.replace` and ``asdict``.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # a bound TypeVar compiles its bound at run time: only type checkers need it
    from typing import TypeVar

    R = TypeVar("R", bound="Record")
_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """An assignment to a field of a frozen record."""


def _key_getter(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


class _Default:
    """A field's default, as the class attribute: the value when read on the class. An instance
    holds every field itself; it reaches this only for a field left to decode on first use."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: Any) -> None:
        self.name, self.value = name, value

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        return self.value if obj is None else obj._decoded(self.name, self.value)


class Record:
    """Base of the core's value classes; see the module's docstring."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _types: ClassVar[dict[str, Any]] = {}  # field -> its annotation (a string, as written)
    _defaults: ClassVar[dict[str, Any]] = {}
    _key: ClassVar[Callable[[Any], tuple]]
    _frozen: ClassVar[bool] = True
    _post: ClassVar[Callable[[Any], None] | None] = None

    def __init_subclass__(cls, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        types: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if name.startswith("_") or str(annotation).startswith(("ClassVar", "typing.ClassVar")):
                    continue
                types[name] = annotation
        names = tuple(types)
        defaults = {}
        for name in names:
            value = getattr(cls, name, _MISSING)
            if value is not _MISSING and not callable(getattr(value, "__get__", None)):
                defaults[name] = value
            elif defaults:
                raise TypeError(f"{cls.__name__}: field '{name}' has no default but follows one that has")
        cls._fields, cls._types, cls._defaults = names, types, defaults
        for name in defaults.keys() & vars(cls).keys():  # (inherited ones are set already)
            setattr(cls, name, _Default(name, defaults[name]))
        cls._frozen = frozen
        cls._post = getattr(cls, "__post_init__", None)
        cls._key = staticmethod(_key_getter(names))  # type: ignore[assignment]
        if not frozen:
            cls.__hash__ = None  # type: ignore[assignment]
            cls.__setattr__ = object.__setattr__  # type: ignore[method-assign]
            cls.__delattr__ = object.__delattr__  # type: ignore[method-assign]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._fields
        if not kwargs and len(args) == len(names):  # the common case, and the fastest
            self.__dict__.update(zip(names, args, strict=True))
        else:
            values = self._defaults.copy()
            values.update(zip(names, args, strict=False))  # fewer: the rest by name or default
            values.update(kwargs)
            if (len(args) > len(names) or values.keys() != self._types.keys()
                    or (args and not kwargs.keys().isdisjoint(names[:len(args)]))):
                self._bad_arguments(args, kwargs)
            self.__dict__.update(values)
        if self._post is not None:
            self._post()

    def _bad_arguments(self, args: tuple, kwargs: dict[str, Any]) -> None:
        """Raise the TypeError a call with these arguments deserves."""
        name, names = type(self).__name__, self._fields
        if len(args) > len(names):
            raise TypeError(f"{name}() takes {len(names)} arguments, {len(args)} given")
        for key in kwargs:
            if key not in self._types:
                raise TypeError(f"{name}() got an unexpected argument '{key}'")
            if key in names[:len(args)]:
                raise TypeError(f"{name}() got '{key}' twice")
        missing = [n for n in names[len(args):] if n not in kwargs and n not in self._defaults]
        raise TypeError(f"{name}() is missing {', '.join(repr(n) for n in missing)}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self) == self._key(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __getattr__(self, name: str) -> Any:
        # reached for a field with no default that is not there yet: see _decoded
        return self._decoded(name, _MISSING)

    def _decoded(self, name: str, default: Any) -> Any:
        """A field left to decode on first use (``_lazy``: name -> (decode, stored value), set
        by :mod:`famtui.guidecache`), decoded now and kept. Two threads may both decode it:
        they keep equal values."""
        state = self.__dict__
        lazy = state.get("_lazy")
        item = lazy.get(name) if lazy is not None else None
        if item is None:
            if default is _MISSING:
                raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
            return default
        decode, stored = item
        value = state[name] = decode(stored)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")


def is_record(cls: object) -> bool:
    """Whether ``cls`` is a record class (not an instance)."""
    return isinstance(cls, type) and issubclass(cls, Record) and cls is not Record


def field_types(cls: type[Record]) -> dict[str, Any]:
    """A record class's fields, in order, with their annotations (strings, as written)."""
    return dict(cls._types)


def replace(obj: R, **changes: Any) -> R:
    """A copy of ``obj`` with some fields changed."""
    values = {name: getattr(obj, name) for name in obj._fields}
    for name in changes:
        if name not in values:
            raise TypeError(f"{type(obj).__name__} has no field '{name}'")
    values.update(changes)
    return type(obj)(**values)


def as_dict(obj: Record) -> dict[str, Any]:
    """The fields of ``obj`` by name (one level: field values are not converted)."""
    return {name: getattr(obj, name) for name in obj._fields}

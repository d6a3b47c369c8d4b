"""The compiled guide: a checked show guide kept in a compact form that loads in milliseconds.

Reading ``data/`` means parsing every TOML file and checking it. The result (the catalog
and the derived appearances) is written once to the user's cache directory and read back
by later runs while the data directory is unchanged.

- **Keyed** by the data directory's absolute path, every file under it (relative path, size,
  mtime), the famtui version, the Python version and a fingerprint of the model's schema
  (every record field name and type, derived from the classes themselves), so a new
  field, another ``--data``, an edited, added or deleted file or a new famtui never serves a
  stale guide.
- **Generic**: the encoding is derived from the record fields and their type hints
  (:class:`~famtui.record.Record` classes, dataclasses, named tuples, tuples, lists, dicts,
  optionals, ``str``/``int``/``bool``/``float``, ``date`` and ``Path``), so new fields of the
  model need no hand-written list.
- **Safe**: plain data in ``marshal`` (tuples, lists, dicts, strings and numbers; nothing is
  executed on load), behind a magic number, the key (a BLAKE2 digest) and the payload's
  length and CRC-32. A corrupt, truncated or foreign file is ignored and rebuilt, never an
  error; what decodes to the wrong shape is ignored too.
- **Atomic**: written with :func:`famtui.atomic.write_atomic`; a guide with a file modified in
  the last few seconds is not cached (its mtime might not change on the next edit).
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
import time
import types
import typing
import zlib
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from famtui import __version__

try:  # hashlib's own import loads OpenSSL (a few ms); BLAKE2 is built into CPython
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other interpreters
    from hashlib import blake2b
from famtui.episodes import Ep
from famtui.model import Catalog
from famtui.record import Record, is_record

MAGIC = b"FAMTUI-GUIDE-1\n\0"
_DIGEST = 32  # the key: BLAKE2b of everything the compiled form depends on
_CHECK = 12  # the payload's length and CRC-32: a truncated or damaged file is never decoded
# A file modified this recently may be edited again within the same mtime tick: not cached.
RACY_SECONDS = 2.0

Codec = Callable[[Any], Any] | None  # None: the value is stored as it is


class CompiledGuide(Record):
    """Everything loading a guide produces: the checked catalog and who appears where."""

    catalog: Catalog
    appearances: dict[str, tuple[Ep, ...]]


class Unsupported(TypeError):
    """A field type the compiled form cannot encode (the guide is then read from TOML)."""


# -- the codec, derived from the types -------------------------------------------------------


_resolved: dict[tuple[str, str], Any] = {}


def _resolve(annotation: Any, module: str) -> Any:
    """The type an annotation names (string annotations are evaluated in their module).

    ``typing.get_type_hints`` does the same for a whole class, several times slower: this
    runs on every start.
    """
    if isinstance(annotation, typing.ForwardRef):  # how a named tuple keeps a string annotation
        annotation = annotation.__forward_arg__
    if not isinstance(annotation, str):
        return annotation
    key = (module, annotation)
    if key not in _resolved:
        _resolved[key] = eval(annotation, vars(sys.modules[module]))  # our own source, never data
    return _resolved[key]


def _path_decoder() -> Callable[[str], Path]:
    """Paths rebuilt from their folder (kept once) and name: half the cost of parsing each."""
    folders: dict[str, Path] = {}

    def decode(text: str) -> Path:
        folder, sep, name = text.rpartition("/")
        if not sep or not folder or not name or name in (".", ".."):
            return Path(text)
        parent = folders.get(folder)
        if parent is None:
            parent = folders[folder] = Path(folder)
        return parent / name

    return decode


def _is_dataclass(cls: Any) -> bool:
    """A dataclass (the core's model uses :class:`~famtui.record.Record`; dataclasses are
    supported too, without importing :mod:`dataclasses` when nothing else has)."""
    dataclasses = sys.modules.get("dataclasses")
    return dataclasses is not None and isinstance(cls, type) and dataclasses.is_dataclass(cls)


def _stored_fields(cls: type) -> list[tuple[str, Any]]:
    """Fields stored for a record type, with their types; a class's private derived state
    (a dataclass field with init=False, or a name starting with ``_``) is rebuilt by the
    class itself."""
    if is_record(cls):
        return [(name, _resolve(annotation, cls.__module__))
                for name, annotation in cls._types.items()]  # type: ignore[attr-defined]
    if _is_dataclass(cls):
        import dataclasses

        return [(f.name, _resolve(f.type, cls.__module__)) for f in dataclasses.fields(cls)
                if f.init and not f.name.startswith("_")]
    annotations = cls.__annotations__
    return [(name, _resolve(annotations[name], cls.__module__)) for name in cls._fields]  # type: ignore[attr-defined]


def _holds_records(tp: Any) -> bool:
    """``tuple[SomeRecord, ...]``: a field decoded on first use."""
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis and is_record(args[0])


def _codecs(tp: Any, seen: dict[Any, str]) -> tuple[Codec, Codec, str]:
    """(encode, decode, schema text) for values of type ``tp``."""
    if tp in (str, int, bool, float, type(None)):
        return None, None, tp.__name__
    if tp is date:
        return date.toordinal, date.fromordinal, "date"
    if tp is Path:
        return str, _path_decoder(), "Path"
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1 or len(args) != 2:
            raise Unsupported(f"union {tp}")
        enc, dec, text = _codecs(rest[0], seen)
        return (
            None if enc is None else lambda v: None if v is None else enc(v),
            None if dec is None else lambda v: None if v is None else dec(v),
            f"{text}|None",
        )
    if origin is typing.Literal:
        if all(isinstance(a, str | int) for a in args):
            return None, None, f"Literal{args!r}"
        raise Unsupported(f"literal {tp}")
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        enc, dec, text = _codecs(args[0], seen)
        return (
            tuple if enc is None else lambda v: tuple(map(enc, v)),
            None if dec is None else lambda v: tuple(map(dec, v)),
            f"tuple[{text}]",
        )
    if origin is list:
        enc, dec, text = _codecs(args[0], seen)
        return (
            list if enc is None else lambda v: list(map(enc, v)),
            None if dec is None else lambda v: list(map(dec, v)),
            f"list[{text}]",
        )
    if origin is dict:
        kenc, kdec, ktext = _codecs(args[0], seen)
        venc, vdec, vtext = _codecs(args[1], seen)
        kenc, kdec = kenc or (lambda k: k), kdec or (lambda k: k)
        venc, vdec = venc or (lambda v: v), vdec or (lambda v: v)
        return (
            lambda d: {kenc(k): venc(v) for k, v in d.items()},
            lambda d: {kdec(k): vdec(v) for k, v in d.items()},
            f"dict[{ktext},{vtext}]",
        )
    if is_record(tp) or _is_dataclass(tp) or (
            isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")):
        return _record_codecs(tp, seen)
    raise Unsupported(f"type {tp!r}")


def _record_codecs(cls: type, seen: dict[Any, str]) -> tuple[Codec, Codec, str]:
    """A record, dataclass or named tuple is stored as the tuple of its fields, in order."""
    if cls in seen:  # a recursive type: unsupported (the model has none)
        raise Unsupported(f"recursive type {cls.__name__}")
    seen[cls] = cls.__name__
    stored = _stored_fields(cls)
    parts = [(name, *_codecs(field_type, seen)) for name, field_type in stored]
    del seen[cls]
    names = [name for name, *_ in parts]
    encs = [enc for _, enc, _, _ in parts]
    active = [(i, dec) for i, (_, _, dec, _) in enumerate(parts) if dec is not None]
    text = f"{cls.__module__}.{cls.__qualname__}(" + ",".join(f"{n}:{t}" for n, _, _, t in parts) + ")"

    def encode(value: Any) -> tuple:
        return tuple(getattr(value, n) if e is None else e(getattr(value, n))
                     for n, e in zip(names, encs, strict=True))

    def fields_of(value: tuple) -> Any:
        if active:
            value = list(value)
            for i, dec in active:
                value[i] = dec(value[i])
        return value

    if not is_record(cls) and not _is_dataclass(cls):  # a named tuple: built by tuple.__new__ itself
        make = partial(tuple.__new__, cls)
        if active:
            return encode, lambda value: make(fields_of(value)), text
        if all(t in (str, int, bool, float) for _, t in stored):
            return encode, _Shared(make).__getitem__, text  # equal values share one object
        return encode, make, text
    if (hasattr(cls, "__post_init__") or "__slots__" in vars(cls)
            or len(names) != _field_count(cls)):  # its __init__ does more than store the fields
        return encode, lambda value: cls(*fields_of(value)), text

    # A plain (frozen) record: its __init__ only stores the fields, so store them directly
    # (several times faster than calling __init__).
    new = object.__new__
    lazy = [(i, name, dec) for i, ((name, field_type), (_, _, dec, _))
            in enumerate(zip(stored, parts, strict=True))
            if dec is not None and is_record(cls) and _holds_records(field_type)]
    if lazy:
        # Its lists of records (an entity's facts, bio, roles...: most of the guide) are built
        # when first read (Record.__getattr__): the first frame and most commands read few.
        eager = [(i, dec) for i, dec in active if all(i != at for at, _, _ in lazy)]

        def decode_lazy(value: tuple) -> Any:
            obj = new(cls)
            state = obj.__dict__
            state.update(zip(names, value, strict=True))
            for i, dec in eager:
                state[names[i]] = dec(value[i])
            later = {}
            for i, name, dec in lazy:
                if value[i]:
                    del state[name]
                    later[name] = (dec, value[i])
                else:
                    state[name] = ()
            if later:
                state["_lazy"] = later
            return obj

        return encode, decode_lazy, text

    if len(active) == 1:  # the common case (an episode reference and text): no copy, no loop
        (at, only), = active
        name = names[at]

        def decode_one(value: tuple) -> Any:
            obj = new(cls)
            state = obj.__dict__
            state.update(zip(names, value, strict=True))
            state[name] = only(value[at])
            return obj

        return encode, decode_one, text

    def decode(value: tuple) -> Any:
        obj = new(cls)
        obj.__dict__.update(zip(names, fields_of(value), strict=True))
        return obj

    return encode, decode, text


def _field_count(cls: type) -> int:
    """How many arguments the class's ``__init__`` takes."""
    if is_record(cls):
        return len(cls._fields)  # type: ignore[attr-defined]
    import dataclasses

    return len([f for f in dataclasses.fields(cls) if f.init])


class _Shared(dict):
    """Decoded immutable values by their stored form: a hit is one C-level dict look-up."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


@cache
def _guide_codecs() -> tuple[Callable[[Any], Any], Callable[[Any], Any], str]:
    enc, dec, text = _codecs(CompiledGuide, {})
    assert enc is not None and dec is not None
    return enc, dec, text


def schema() -> str:
    """The model's shape as text: every stored class with its field names and types."""
    return _guide_codecs()[2]


def encode(guide: CompiledGuide) -> bytes:
    return marshal.dumps(_guide_codecs()[0](guide))


def decode(payload: bytes) -> CompiledGuide:
    return _guide_codecs()[1](marshal.loads(payload))


# -- where and when -------------------------------------------------------------------------


class Stamp(Record):
    """The state of one data directory when it was read: the key its compiled form has."""

    path: Path  # the cache file for this directory
    key: bytes
    racy: bool  # a file changed too recently to trust its mtime: do not cache


def _files(root: Path) -> list[tuple[str, int, int]]:
    """(path relative to ``root``, size, mtime in ns) of every file under ``root``, sorted."""
    found = []
    skip = len(str(root)) + 1
    stack = [str(root)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    stack.append(entry.path)
                else:
                    info = entry.stat()
                    found.append((entry.path[skip:], info.st_size, info.st_mtime_ns))
    found.sort()
    return found


def cache_dir() -> Path:
    from famtui.locations import cache_dir as location

    return location() / "guides"


# The modules whose code decides what a compiled guide holds: a change to any of them (a
# development checkout, an upgrade that keeps the version) makes every compiled guide stale.
_PRODUCERS = ("model.py", "loader.py", "gate.py", "mentions.py", "lint.py", "relkinds.py",
              "episodes.py", "record.py", "guidecache.py")


def _code() -> str:
    here = Path(__file__).resolve().parent
    parts = []
    for name in _PRODUCERS:
        info = (here / name).stat()
        parts.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\n".join(parts)


def stamp(root: Path) -> Stamp | None:
    """The key of ``root`` as it is now, or None when it cannot be compiled or cached."""
    try:
        root = root.resolve()
        files = _files(root)
        text = schema() + "\n" + _code()
    except (OSError, Unsupported):
        return None
    digest = blake2b(digest_size=_DIGEST)
    for part in (MAGIC.decode(), __version__, sys.version, text, str(root),
                 "\n".join(f"{name}\0{size}\0{mtime}" for name, size, mtime in files)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    newest = max((mtime for _, _, mtime in files), default=0)
    racy = newest >= time.time_ns() - int(RACY_SECONDS * 1e9)
    name = blake2b(str(root).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return Stamp(cache_dir() / f"{name}.bin", digest.digest(), racy)


def check_bytes(payload: bytes | memoryview) -> bytes:
    """The payload's length and CRC-32 (the key already says which guide it is)."""
    return len(payload).to_bytes(8, "big") + zlib.crc32(payload).to_bytes(4, "big")


def read_payload(path: Path, key: bytes, magic: bytes = MAGIC) -> memoryview | None:
    """The payload of the cache file at ``path`` if it carries ``magic`` and ``key`` and is
    whole (length and CRC-32); None if absent, stale, corrupt or foreign."""
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    head = len(magic) + _DIGEST + _CHECK
    if len(key) != _DIGEST or len(blob) < head or not blob.startswith(magic):
        return None
    stored, check = blob[len(magic):len(magic) + _DIGEST], blob[len(magic) + _DIGEST:head]
    payload = memoryview(blob)[head:]
    if stored != key or check_bytes(payload) != check:
        return None
    return payload


def write_payload(path: Path, key: bytes, payload: bytes, magic: bytes = MAGIC) -> bool:
    """Store ``payload`` at ``path`` under ``key`` (atomically); False when it was not stored."""
    from famtui.atomic import write_atomic

    try:
        write_atomic(path, magic + key + check_bytes(payload) + payload)
    except (OSError, ValueError):
        return False
    return True


def read(state: Stamp) -> CompiledGuide | None:
    """The compiled guide for ``state``, or None if absent, stale, corrupt or foreign."""
    payload = read_payload(state.path, state.key)
    if payload is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects, none cyclic: the collector only slows it
    try:
        guide = decode(payload)
    except Exception:  # a file that passed the digest but not the shape: ignore it and rebuild
        return None
    finally:
        if collecting:
            gc.enable()
    gc.freeze()  # the guide lives as long as the process: later collections need not scan it
    return guide


def write(state: Stamp, guide: CompiledGuide) -> bool:
    """Store ``guide`` under ``state``'s key (atomically); False when it was not stored."""
    if state.racy:
        return False
    try:
        payload = encode(guide)
    except (ValueError, Unsupported):
        return False
    return write_payload(state.path, state.key, payload)

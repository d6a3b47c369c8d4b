"""Atomic file replacement: temp file in the same folder, fsync, rename."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def target(path: Path) -> Path:
    """Where writing ``path`` really goes: a symlink's final target (say, a file in a
    dotfiles folder), so that the link stays a link and its target keeps being updated."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    A symlink is written through: the temporary file goes beside its target, which is
    replaced; the link itself is left as it is."""
    path = target(path)
    import tempfile  # only when writing: its import (random, shutil) is most of a read's start-up

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temp files a killed writer left behind. Call only while holding the lock."""
    removed = []
    path = target(path)
    if path.parent.is_dir():
        for leftover in path.parent.glob(temp_prefix(path) + "*" + TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
    return removed

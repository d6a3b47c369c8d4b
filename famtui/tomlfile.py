"""Reading TOML files defensively, with line numbers for error messages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from famtui.errors import FamtuiError

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
MAX_BYTES = 4 * 1024 * 1024


class TomlProblem(FamtuiError):
    """A file that cannot be read as the TOML it should be."""

    def __init__(self, path: Path, line: int, detail: str) -> None:
        self.path, self.line, self.detail = path, line, detail
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {detail}")


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse ``path``; return the table and the source text.

    Every failure becomes a one-line :class:`TomlProblem` naming the file and line.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TomlProblem(path, 0, "no such file") from None
    except IsADirectoryError:
        raise TomlProblem(path, 0, "is a directory, not a TOML file") from None
    except OSError as exc:
        raise TomlProblem(path, 0, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise TomlProblem(path, 0, f"too large ({len(raw)} bytes; at most {MAX_BYTES})")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise TomlProblem(path, int(line), "contains a NUL byte; not a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TomlProblem(path, int(line), "not valid UTF-8") from None
    if not text.strip():
        raise TomlProblem(path, 1, "the file is empty")
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _AT_LINE.search(message)
        line = match.group(1) if match else "1"
        message = _AT_LINE.sub("", message).strip().rstrip(".")
        raise TomlProblem(path, int(line), f"invalid TOML: {message}") from None
    except RecursionError:
        raise TomlProblem(path, 1, "invalid TOML: nested too deeply") from None


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class LineFinder:
    """Best-effort line numbers for keys and values of a parsed TOML text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._header_cache: dict[str, list[int]] = {}

    def _key_line(self, key: str, start: int, stop: int) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(start, min(stop, len(self.lines))):
            if pattern.match(self.lines[i]):
                return i + 1
        return None

    def _headers(self, table: str) -> list[int]:
        """Lines of every ``[[table]]`` header, found once per table."""
        found = self._header_cache.get(table)
        if found is None:
            pattern = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
            found = self._header_cache[table] = [
                i for i, line in enumerate(self.lines) if pattern.match(line)]
        return found

    def _next_header(self, start: int) -> int:
        for i in range(start + 1, len(self.lines)):
            if self.lines[i].lstrip().startswith("["):
                return i
        return len(self.lines)

    def top(self, key: str) -> int:
        stop = next(
            (i for i, line in enumerate(self.lines) if line.lstrip().startswith("[")),
            len(self.lines),
        )
        return self._key_line(key, 0, stop) or self._key_line(key, 0, len(self.lines)) or 1

    def item(self, table: str, index: int, key: str | None = None) -> int:
        """Line of ``key`` in the ``index``-th ``[[table]]`` (or of the header)."""
        headers = self._headers(table)
        if index < len(headers):
            start = headers[index]
            if key is not None:
                found = self._key_line(key, start + 1, self._next_header(start))
                if found:
                    return found
            return start + 1
        return self.top(table)

    def in_table(self, table: tuple[str, ...], key: str | None = None) -> int | None:
        """Line of ``key`` in the ``[a.b]`` table named by ``table`` (or of its header; of
        a ``key = `` line anywhere when the table has no header of its own)."""
        parts = r"\s*\.\s*".join(rf"[\"']?{re.escape(part)}[\"']?" for part in table)
        header = re.compile(rf"^\s*\[\s*{parts}\s*\]")
        start = next((i for i, line in enumerate(self.lines) if header.match(line)), None)
        if start is None:
            if key is None:
                return None
            return self._key_line(key, 0, len(self.lines))
        if key is not None:
            found = self._key_line(key, start + 1, self._next_header(start))
            if found:
                return found
        return start + 1

    def text(self, needle: str, fallback: int = 1) -> int:
        probe = needle.strip()[:40]
        if probe:
            for i, line in enumerate(self.lines):
                if probe in line:
                    return i + 1
        return fallback

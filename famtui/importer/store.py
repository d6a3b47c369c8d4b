"""Stored imports: one TOML file per import in ``locations.imports_dir()``.

Files are written atomically and read defensively: a broken file is reported as one
line naming the file and line, and is never rewritten or deleted by reading it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from famtui.atomic import write_atomic
from famtui.episodes import Ep, parse_code
from famtui.errors import FamtuiError, NotFound
from famtui.textnorm import shown
from famtui.tomlfile import LineFinder, TomlProblem, read_toml

if TYPE_CHECKING:
    pass

FORMAT = 1
ID_PATTERN = re.compile(r"^s\d{1,2}e\d{1,3}-[0-9a-f]{8}$")
HEADER = (
    "# A recap article imported with 'famtui import' (written by famtui, atomically).\n"
    "# paragraphs = the article; famtui shows a sentence that names later things only once\n"
    "# you have reached them. Remove with 'famtui import --remove ID'.\n\n"
)


class ImportFileError(FamtuiError):
    """A stored import that cannot be read (one line, exit 2; the file is left alone)."""


@dataclass(frozen=True)
class StoredImport:
    id: str
    source: str
    imported: datetime
    episode: Ep
    confidence: float
    paragraphs: tuple[str, ...]
    episode_source: str = "detected"  # or "given" (--episode)
    encoding: str = "utf-8"
    sha256: str = ""
    links: tuple[dict[str, Any], ...] = ()  # {"id", "name", "mention", "count"}
    unlinked: tuple[str, ...] = ()
    withheld: tuple[dict[str, Any], ...] = field(default=())  # {"paragraph", "sentence", ...}
    path: Path | None = None

    def as_toml(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "id": self.id,
            "source": self.source,
            "imported": self.imported,
            "episode": self.episode.code,
            "episode_source": self.episode_source,
            "confidence": self.confidence,
            "encoding": self.encoding,
            "sha256": self.sha256,
            "unlinked": list(self.unlinked),
            "paragraphs": list(self.paragraphs),
        }
        if self.links:
            data["links"] = [dict(link) for link in self.links]
        if self.withheld:
            data["withheld"] = [dict(item) for item in self.withheld]
        return data


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def import_id(ep: Ep, text: str) -> str:
    """Stable for the same article filed under the same episode."""
    return f"{ep.code.lower()}-{digest(text)[:8]}"


def path_for(directory: Path, import_id: str) -> Path:
    return directory / f"{import_id}.toml"


def save(directory: Path, record: StoredImport) -> Path:
    import tomli_w

    path = path_for(directory, record.id)
    write_atomic(path, (HEADER + tomli_w.dumps(record.as_toml())).encode("utf-8"))
    return path


def files(directory: Path) -> list[Path]:
    """The import files (temporary files of an interrupted write are not imports)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.toml") if not p.name.startswith("."))


def load(path: Path) -> StoredImport:
    """One stored import, validated; a problem is one line naming the file and line."""
    hint = f"; fix it or remove it with 'famtui import --remove {shown(path.stem, 60)}'"
    try:
        data, text = read_toml(path)
    except TomlProblem as exc:
        raise ImportFileError(f"broken import file {exc}{hint}") from None
    lines = LineFinder(text)

    def fail(key: str, message: str) -> ImportFileError:
        return ImportFileError(f"broken import file {path}:{lines.top(key)}: {message}{hint}")

    def need(key: str, kind: type | tuple[type, ...], what: str) -> Any:
        if key not in data:
            raise fail(key, f"'{key}' is missing")
        value = data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise fail(key, f"'{key}' must be {what}")
        return value

    if need("format", int, "a number") != FORMAT:
        raise fail("format", f"format {data['format']} is not one this famtui reads ({FORMAT})")
    ident = need("id", str, "a string")
    if ident != path.stem:
        raise fail("id", f"id '{shown(ident)}' does not match the file name")
    source = need("source", str, "a string")
    imported = need("imported", datetime, "a date and time")
    episode = parse_code(need("episode", str, "an episode code like S2E6"))
    if episode is None:
        raise fail("episode", "'episode' must be an episode code like S2E6")
    confidence = need("confidence", (int, float), "a number between 0 and 1")
    if not 0 <= confidence <= 1:
        raise fail("confidence", "'confidence' must be a number between 0 and 1")
    paragraphs = need("paragraphs", list, "a list of strings")
    if not all(isinstance(p, str) for p in paragraphs):
        raise fail("paragraphs", "'paragraphs' must be a list of strings")
    unlinked = data.get("unlinked", [])
    links = data.get("links", [])
    withheld = data.get("withheld", [])
    for key, value in (("unlinked", unlinked), ("links", links), ("withheld", withheld)):
        if not isinstance(value, list):
            raise fail(key, f"'{key}' must be a list")
    if not all(isinstance(link, dict) and isinstance(link.get("id"), str) for link in links):
        raise fail("links", "every [[links]] entry needs an 'id' string")
    return StoredImport(
        id=ident, source=source, imported=imported, episode=episode, confidence=float(confidence),
        paragraphs=tuple(paragraphs), episode_source=str(data.get("episode_source", "detected")),
        encoding=str(data.get("encoding", "")), sha256=str(data.get("sha256", "")),
        links=tuple(links), unlinked=tuple(str(u) for u in unlinked),
        withheld=tuple(w for w in withheld if isinstance(w, dict)), path=path,
    )


def load_all(directory: Path) -> list[StoredImport]:
    """Every stored import, oldest first; the first broken file raises."""
    records = [load(path) for path in files(directory)]
    return sorted(records, key=lambda r: (r.imported, r.id))


def scan(directory: Path) -> tuple[list[StoredImport], list[ImportFileError]]:
    """Every readable import and a problem for each broken one (for ``--list``)."""
    good, bad = [], []
    for path in files(directory):
        try:
            good.append(load(path))
        except ImportFileError as exc:
            bad.append(exc)
    return sorted(good, key=lambda r: (r.imported, r.id)), bad


def remove(directory: Path, import_id: str) -> StoredImport | None:
    """Delete one import, even a broken one; return what it was when readable."""
    if not ID_PATTERN.match(import_id):
        raise NotFound(f"no import with id '{shown(import_id)}'; see 'famtui import --list'")
    path = path_for(directory, import_id)
    if not path.is_file():
        raise NotFound(f"no import with id '{import_id}'; see 'famtui import --list'")
    try:
        record: StoredImport | None = load(path)
    except ImportFileError:
        record = None
    try:
        path.unlink()
    except OSError as exc:
        raise FamtuiError(f"cannot remove {path}: {exc.strerror or exc}") from None
    return record

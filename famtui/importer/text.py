"""Reading an article file: bytes to clean text, then paragraphs and sentences.

Every refusal is an :class:`ArticleError`: one line, exit 2, and nothing is stored.
The text that comes out is plain data: control characters and bidi overrides are
dropped, markup characters (``[b]``, ``<i>``, ``$x``) are kept as they are.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from famtui.errors import FamtuiError
from famtui.textnorm import shown

MAX_BYTES = 1024 * 1024
MIN_WORDS = 3
# Files that are clearly something else, by their first bytes.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt document?)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
)
_HTML = re.compile(rb"^\s*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
# Bidi overrides and isolates can make a line display differently from what it says.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


class ArticleError(FamtuiError):
    """An article that cannot be imported (one line, exit 2)."""


@dataclass(frozen=True)
class Article:
    source: str  # the file's name, as the user knows it
    text: str
    encoding: str

    @property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.text)


def read_article(path: Path) -> Article:
    """Read and decode ``path``; refuse anything that is not a plain-text article."""
    name = "".join(ch if ch.isprintable() else "?" for ch in (path.name or str(path)))
    where = shown(str(path), 120)
    try:
        if path.is_dir():
            raise ArticleError(f"{where}: is a directory, not an article")
        if path.exists() and not path.is_file():
            raise ArticleError(f"{where}: is not a regular file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ArticleError(f"{where}: no such file") from None
    except PermissionError:
        raise ArticleError(f"{where}: permission denied") from None
    except OSError as exc:
        raise ArticleError(f"{where}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"{where}: too large for a recap article (more than "
                           f"{MAX_BYTES // (1024 * 1024)} MB); save just the article as text")
    text, encoding = decode(raw, where)
    if len(text.split()) < MIN_WORDS:
        raise ArticleError(f"{where}: has no text to import")
    return Article(name, text, encoding)


def decode(raw: bytes, path: str = "input") -> tuple[str, str]:
    """Bytes to clean text and the encoding used: UTF-8 (with or without BOM), UTF-16
    with a BOM, else Windows-1252; anything else is refused."""
    if not raw.strip():
        raise ArticleError(f"{path}: is empty")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ArticleError(f"{path}: is {what}, not a text file; save the article as plain text")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(raw.decode("utf-16"), path), "utf-16"
        except UnicodeDecodeError:
            raise ArticleError(f"{path}: starts like UTF-16 text but is not valid UTF-16") from None
    if b"\x00" in raw:
        raise ArticleError(f"{path}: contains binary data (NUL bytes); not a text file")
    if _HTML.match(raw[:200]):
        raise ArticleError(f"{path}: is an HTML page; save the article as plain text")
    try:
        return _checked(raw.decode("utf-8-sig"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ArticleError(f"{path}: is neither UTF-8 nor Windows-1252/Latin-1 text; "
                           "convert it to UTF-8 and try again") from None
    return _checked(text, path), "cp1252"


def _checked(text: str, path: str) -> str:
    """Refuse text that is mostly not text; return it cleaned."""
    sample = text[:20000]
    odd = sum(1 for ch in sample if not (ch.isprintable() or ch in "\n\r\t\f"))
    if odd > max(2, len(sample) // 100):
        raise ArticleError(f"{path}: does not look like text (control characters); not a text file")
    cleaned = clean(text)
    if not cleaned.strip():
        raise ArticleError(f"{path}: is empty")
    return cleaned


def clean(text: str) -> str:
    """Normalise to NFC, unify line ends and spaces, drop control and bidi characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_BIDI)
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or unicodedata.category(ch) != "Cc")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside one are spaces."""
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(block.split()) for block in blocks if block.strip()]


_ABBREVIATIONS = frozenset({
    "dr", "mr", "mrs", "ms", "st", "jr", "sr", "lt", "col", "gen", "capt", "cmdr", "sgt",
    "prof", "rev", "vs", "etc", "no", "vol", "ep", "approx", "mt", "ft", "inc", "co", "corp",
    "u.s", "u.k", "e.g", "i.e", "a.m", "p.m",
})
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; abbreviations such as "Dr." do not end one."""
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(paragraph):
        before = paragraph[start:match.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if match.group(0).startswith(".") and (last in _ABBREVIATIONS or len(last) == 1):
            continue
        end = match.end()
        sentences.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences

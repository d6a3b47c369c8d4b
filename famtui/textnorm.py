"""Text normalisation shared by search and name lookup: case, accents, control characters."""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY = 200


_ASCII_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class _FoldTable(dict):
    """``str.translate`` table doing per character what folding does, filled lazily."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = "" if unicodedata.combining(ch) else ch.casefold() if ch.isalnum() else " "
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold_words(text: str) -> list[str]:
    """``fold(text).split()``, computed in C: ASCII by a regular expression, the rest by a table."""
    if text.isascii():
        return _ASCII_NON_ALNUM.sub(" ", text.lower()).split()
    return unicodedata.normalize("NFKD", text).translate(_FOLD_TABLE).split()


def fold(text: str) -> str:
    """Lower-case, strip accents, turn control characters and punctuation runs into spaces."""
    return " ".join(fold_words(text))


def clean_query(query: str) -> str:
    """A user's query as plain text: printable, trimmed, at most MAX_QUERY characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in query)
    return " ".join(printable.split())[:MAX_QUERY]


def shown(text: str, limit: int = 40) -> str:
    """User input echoed back in a message: printable and short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"

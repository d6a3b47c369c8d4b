"""Text normalisation shared by search and name lookup: case, accents, control characters."""

from __future__ import annotations

import unicodedata

MAX_QUERY = 200


def fold(text: str) -> str:
    """Lower-case, strip accents, turn control characters and punctuation runs into spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch.isalnum():
            out.append(ch.casefold())
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def clean_query(query: str) -> str:
    """A user's query as plain text: printable, trimmed, at most MAX_QUERY characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in query)
    return " ".join(printable.split())[:MAX_QUERY]


def shown(text: str, limit: int = 40) -> str:
    """User input echoed back in a message: printable and short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"

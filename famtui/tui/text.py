"""Content builders. Text from the guide, the config or the keyboard is data, never markup.

Every function here starts from ``Content(text)`` (which parses nothing) and adds
styles by offset, so names like ``report [/x]`` render literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from textual.content import Content, Span
from textual.style import Style

if TYPE_CHECKING:
    from famtui.gate import Link


# Entity ids are checked by the loader; links are only made for ids of this shape,
# so an action string can never be built from anything else.
SAFE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MATCH_STYLE = "bold $text-accent underline"
DIM = "$text-muted"


def clean(text: str) -> str:
    """Control characters (but newlines) become spaces: offsets stay valid, none reach the terminal."""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)


def plain(text: str, style: str = "") -> Content:
    content = Content(clean(text))
    return content.stylize(style) if style else content


def entity_action(entity_id: str) -> str | None:
    return f"app.open_entity('{entity_id}')" if SAFE_ID.match(entity_id) else None


def linked(text: str, links: Iterable[Link]) -> Content:
    """``text`` with each link span clickable (opens the entity's page)."""
    spans = []
    for link in links:
        action = entity_action(link.entity_id)
        if action is not None:
            spans.append(Span(link.start, link.end, Style.from_meta({"@click": action})))
    return Content(clean(text), spans)


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = MATCH_STYLE) -> Content:
    """``text`` with the given character spans highlighted (spans outside it are ignored, as
    ``Content.stylize`` ignores them)."""
    text = clean(text)
    length = len(text)
    return Content(text, [Span(start, min(end, length), style) for start, end in spans
                          if 0 <= start < length and end > start])


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of ``query`` in ``text`` (for filter highlighting)."""
    needle = query.casefold()
    if not needle:
        return []
    lowered = text.casefold()
    if len(lowered) != len(text):  # casefold changed lengths (ß): skip highlighting
        return []
    spans, start = [], lowered.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = lowered.find(needle, start + len(needle))
    return spans


def line(*parts: Content | str | tuple[str, str]) -> Content:
    """Assemble a line from Content, plain strings (data) and (text, style) pairs.

    The same as adding ``Content`` parts one by one, built at once: one ``Content``, not one
    per part and per sum (the episode list and the recap are made of these before the first
    frame)."""
    texts: list[str] = []
    spans: list[Span] = []
    at = 0
    for part in parts:
        if isinstance(part, Content):
            text = part.plain
            spans.extend(Span(at + start, at + end, style) for start, end, style in part.spans)
        else:
            text, style = part if isinstance(part, tuple) else (part, "")
            text = clean(text)
            if style and text:
                spans.append(Span(at, at + len(text), style))
        texts.append(text)
        at += len(text)
    return Content("".join(texts), spans)


def fit_around(text: str, spans: Sequence[tuple[int, int]], width: int,
               ) -> tuple[str, list[tuple[int, int]]]:
    """Cut ``text`` to ``width`` characters around its first span (not from the start), so
    the match is on screen; returns the cut text and the spans that remain, shifted."""
    if width <= 0 or len(text) <= width:
        return text, list(spans)
    anchor_start, anchor_end = spans[0] if spans else (0, 0)
    room = width - 2  # an ellipsis on each side at most
    begin = max(0, min(anchor_start - room // 3, len(text) - room))
    if anchor_end - begin > room:  # a very long match: start at it
        begin = anchor_start
    if begin:
        space = text.find(" ", begin, anchor_start)
        if space != -1 and space + 1 <= anchor_start:
            begin = space + 1
    prefix = "…" if begin else ""
    end = min(len(text), begin + width - len(prefix))
    suffix = ""
    if end < len(text):
        end -= 1
        suffix = "…"
    shift = len(prefix) - begin
    kept = [(max(s, begin) + shift, min(e, end) + shift) for s, e in spans if e > begin and s < end]
    return prefix + text[begin:end] + suffix, kept

"""Draw a map layout with box-drawing characters: boxes for nodes, lines labelled by kind.

Lines are drawn as direction bits per cell and turned into ─ │ ┌ ┐ └ ┘ ├ ┤ ┬ ┴ ┼ at the end,
so crossings and joins read as such. An ended relation is drawn dashed (╌ ┆). Names and
captions are data: the result is a :class:`Content` built from plain text and spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from textual.content import Content, Span

from famtui.maplayout import BOX_H, Layout

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8
GLYPHS = {
    UP | DOWN: "│", LEFT | RIGHT: "─", DOWN | RIGHT: "┌", DOWN | LEFT: "┐", UP | RIGHT: "└",
    UP | LEFT: "┘", UP | DOWN | RIGHT: "├", UP | DOWN | LEFT: "┤", DOWN | LEFT | RIGHT: "┬",
    UP | LEFT | RIGHT: "┴", UP | DOWN | LEFT | RIGHT: "┼", UP: "│", DOWN: "│", LEFT: "─", RIGHT: "─",
}
DASHED = {UP | DOWN: "┆", LEFT | RIGHT: "╌", UP: "┆", DOWN: "┆", LEFT: "╌", RIGHT: "╌"}
SELECTED = "reverse bold"
BOX_STYLE = "$accent"
ENDED_STYLE = "$text-muted"


def _clean(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)


def draw(layout: Layout, names: Mapping[str, str], selected: str | None = None) -> Content:
    """The whole map as one Content, ``selected`` highlighted."""
    labels = [(line, _clean(line.caption)) for line in layout.lines]
    longest = max([len(text) for _, text in labels] + [0])
    width = max([layout.width + longest + 2, 1] + [line.label_at[0] + len(text) + 1 for line, text in labels
                                                  if line.label_at])
    height = max(layout.height, 1)
    bits = [[0] * width for _ in range(height)]
    dashed = [[True] * width for _ in range(height)]
    touched = [[False] * width for _ in range(height)]
    text: list[list[str]] = [[" "] * width for _ in range(height)]
    styles: list[tuple[int, int, int, str]] = []  # row, start, end, style

    def link(x: int, y: int, bit: int, ended: bool) -> None:
        if 0 <= y < height and 0 <= x < width:
            bits[y][x] |= bit
            dashed[y][x] = dashed[y][x] and ended
            touched[y][x] = True

    for line in layout.lines:
        for (x1, y1), (x2, y2) in pairwise(line.points):
            if x1 == x2:
                for y in range(min(y1, y2), max(y1, y2)):
                    link(x1, y, DOWN, line.ended)
                    link(x1, y + 1, UP, line.ended)
            else:
                for x in range(min(x1, x2), max(x1, x2)):
                    link(x, y1, RIGHT, line.ended)
                    link(x + 1, y1, LEFT, line.ended)
    for y in range(height):
        for x in range(width):
            if touched[y][x]:
                mask = bits[y][x]
                text[y][x] = (DASHED.get(mask) if dashed[y][x] else None) or GLYPHS.get(mask, "·")
                if dashed[y][x]:
                    styles.append((y, x, x + 1, ENDED_STYLE))
    # Boxes over the lines: a line's end on a border becomes ┬ or ┴.
    for box in layout.boxes.values():
        name = _clean(names.get(box.id, box.id))
        top, mid, bottom = box.y, box.y + 1, box.y + BOX_H - 1
        for x in range(box.x, box.x + box.w):
            t = "┴" if touched[top][x] and bits[top][x] & UP else "─"
            b = "┬" if touched[bottom][x] and bits[bottom][x] & DOWN else "─"
            text[top][x], text[bottom][x] = t, b
            text[mid][x] = " "
        text[top][box.x], text[top][box.x + box.w - 1] = "╭", "╮"
        text[bottom][box.x], text[bottom][box.x + box.w - 1] = "╰", "╯"
        left, right = box.x, box.x + box.w - 1
        text[mid][left] = "┤" if touched[mid][left] and bits[mid][left] & LEFT else "│"
        text[mid][right] = "├" if touched[mid][right] and bits[mid][right] & RIGHT else "│"
        for i, ch in enumerate(name):
            text[mid][box.x + 2 + i] = ch
        style = SELECTED if box.id == selected else BOX_STYLE
        for row in (top, mid, bottom):
            styles.append((row, box.x, box.x + box.w, style))
    # Captions last, starting beside the line they belong to: on free cells, or on a
    # stretch of their own line that runs straight across (" spouse " sits on "───").
    own: dict[tuple[int, int], int] = {}
    for index, line in enumerate(layout.lines):
        for (x1, y1), (x2, y2) in pairwise(line.points):
            if y1 == y2:
                for x in range(min(x1, x2) + 1, max(x1, x2)):
                    own[(x, y1)] = index if (x, y1) not in own else -1

    def free(x: int, y: int, index: int) -> bool:
        return text[y][x] == " " or (own.get((x, y)) == index and bits[y][x] == LEFT | RIGHT)

    for index, (line, caption) in enumerate(labels):
        if line.label_at is None or not caption:
            continue
        x, y = line.label_at
        caption = f" {caption} " if own.get((x, y)) == index else caption
        while x + len(caption) <= width and not all(free(i, y, index) for i in range(x, x + len(caption))):
            x += 1
        if x + len(caption) > width:
            continue
        for i, ch in enumerate(caption):
            text[y][x + i] = ch
        styles.append((y, x, x + len(caption), ENDED_STYLE if line.ended else "italic"))
    rows = ["".join(row).rstrip() for row in text]
    offsets, at = [], 0
    for row in rows:
        offsets.append(at)
        at += len(row) + 1
    # One span per run of cells in one style (dashed lines are styled cell by cell above).
    styles.sort(key=lambda item: (item[0], item[1]))
    spans: list[Span] = []
    run: list = []
    for y, start, end, style in styles:
        end = min(end, len(rows[y]))
        if start >= end:
            continue
        if run and run[0] == y and run[3] == style and run[2] == start:
            run[2] = end
            continue
        if run:
            spans.append(Span(offsets[run[0]] + run[1], offsets[run[0]] + run[2], run[3]))
        run = [y, start, end, style]
    if run:
        spans.append(Span(offsets[run[0]] + run[1], offsets[run[0]] + run[2], run[3]))
    return Content("\n".join(rows), spans)


def highlight(base: Content, layout: Layout, selected: str | None) -> Content:
    """``base`` (drawn with nothing selected) with ``selected``'s box highlighted: moving the
    selection restyles three rows instead of drawing the whole map again."""
    box = layout.boxes.get(selected or "")
    if box is None:
        return base
    lines = base.plain.split("\n")
    starts = [0]
    for text in lines:
        starts.append(starts[-1] + len(text) + 1)
    spans = list(base.spans)
    for row in range(box.y, box.y + BOX_H):
        if row < len(lines):
            end = min(box.x + box.w, len(lines[row]))
            if box.x < end:
                spans.append(Span(starts[row] + box.x, starts[row] + end, SELECTED))
    return Content(base.plain, spans)

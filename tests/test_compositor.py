"""The main screen's partial updates (famtui/tui/compositor.py) paint what a full render shows.

The snapshot tests look at whole renders; the terminal sees partial updates. Here every
update the app sends is laid on a grid of cells, as a terminal would, and after each step
the grid must equal a full render made by Textual's own compositor.
"""

from __future__ import annotations

from types import MethodType

import pytest
from rich.cells import cell_len
from rich.segment import ControlType
from textual._compositor import Compositor

from famtui.tui.compositor import CroppedCompositor
from tests.tui_support import make_app, ready, real_data, write_config

Cell = tuple[str, object]


class Terminal:
    """A grid of cells that takes what the app writes (cursor moves and styled text)."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells: list[list[Cell | None]] = [[None] * width for _ in range(height)]
        self.updates = 0

    def take(self, app, update) -> None:
        self.updates += 1
        x = y = 0
        for segment in update.__rich_console__(app.console, app.console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if segment.text == "\n":
                x, y = 0, y + 1
                continue
            for char in segment.text:
                width = cell_len(char)
                if 0 <= y < self.height and 0 <= x < self.width:
                    self.cells[y][x] = (char, segment.style)
                    for extra in range(1, width):
                        if x + extra < self.width:
                            self.cells[y][x + extra] = ("", segment.style)
                x += width


def full_render(app) -> list[list[Cell]]:
    """The screen as Textual's own compositor renders it whole."""
    compositor = app.screen._compositor
    for widget in compositor.visible_widgets:
        widget._styles_cache.clear()  # every line drawn afresh, none kept from before
    compositor._get_renders = MethodType(Compositor._get_renders, compositor)
    try:
        strips = compositor.render_strips()
    finally:
        del compositor._get_renders
    grid = []
    for strip in strips:
        row: list[Cell] = []
        for segment in strip:
            for char in segment.text:
                row.append((char, segment.style))
                row.extend(("", segment.style) for _ in range(cell_len(char) - 1))
        grid.append(row)
    return grid


def differences(terminal: Terminal, expected: list[list[Cell]]) -> list[str]:
    found = []
    for y, (row, want) in enumerate(zip(terminal.cells, expected, strict=True)):
        for x, (cell, wanted) in enumerate(zip(row, want, strict=True)):
            if cell != wanted:
                found.append(f"({x},{y}): {cell!r} != {wanted!r}")
    return found


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_partial_updates_paint_what_a_full_render_shows(tmp_path, size) -> None:
    config = write_config(tmp_path / "conf", real_data(), progress="S4E10")
    app = make_app(config)
    terminal = Terminal(*size)
    display = app._display

    def capture(screen, update) -> None:
        if update is not None:
            terminal.take(app, update)
        display(screen, update)

    app._display = capture
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen._compositor, CroppedCompositor)
        steps = ["slash", *"margo", "space", *"madisn", "backspace", "backspace", *"on",
                 "ctrl+u", *"aleda", "down", "down", "down", "escape", "j", "j", "k",
                 "enter", "c", "down", "down", "slash", *"sojurner", "ctrl+u", "escape"]
        for step in steps:
            before = terminal.updates
            await pilot.press(step)
            await pilot.pause()
            if terminal.updates == before:
                continue
            problems = differences(terminal, full_render(app))
            assert not problems, f"after {step!r}: {len(problems)} cells differ: {problems[:5]}"
        assert terminal.updates > len(steps) // 2  # the keys were painted, update by update

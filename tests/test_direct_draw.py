"""Lines drawn straight to the screen (famtui/tui/widgets/direct_draw.py) equal what
Textual's styles cache would send, for the lists and their scrollbars, in every state tried."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets.option_list import Option

from famtui.tui.widgets.direct_draw import NoteLine, StripScrollBar, plain_box
from famtui.tui.widgets.line_list import LineList
from tests.tui_support import make_app, ready, real_data, write_config


def segments(strips) -> list[list[tuple]]:
    return [[(s.text, s.style, s.control) for s in strip] for strip in strips]


def crops(widget: Widget) -> list[Region]:
    width, height = widget.size
    found = [Region(0, 0, width, height)]
    if height > 2:
        found += [Region(0, 1, width, height - 2), Region(0, height - 1, width, 1)]
    if width > 3:
        found.append(Region(1, 0, width - 2, min(height, 3)))
    return found


def assert_same(widget: Widget) -> int:
    """The widget's own lines against Textual's, for a few crops; how many crops compared."""
    compared = 0
    for crop in crops(widget):
        if not crop.area:
            continue
        ours = type(widget).render_lines(widget, crop)
        textual = Widget.render_lines(widget, crop)  # the styles cache's lines
        assert segments(ours) == segments(textual), f"{widget!r} {crop}"
        compared += 1
    return compared


def assert_list_and_bar(line_list: LineList) -> int:
    compared = assert_same(line_list)
    bar = line_list.vertical_scrollbar
    assert type(bar) is StripScrollBar
    if bar.display and bar.size.area:
        compared += assert_same(bar)
    return compared


class Lists(App):
    CSS = """
    #plain { height: 7; width: 30; border: none; padding: 0; background: transparent;
             overflow-y: scroll; color: ansi_red; }  /* ANSI colours: the line filter turns them */
    #boxed { height: 9; width: 34; }
    """

    def compose(self) -> ComposeResult:
        yield LineList(id="plain")
        yield LineList(id="boxed")


OPTIONS = [Option(Content(f"option {i} " + "word " * (i % 7)), id=str(i), disabled=i % 5 == 0)
           for i in range(23)] + [Option(Content("два\nlines [b]not markup[/b] 🚀"), id="two"),
                          Option(Content.styled("ansi blue", "ansi_blue"), id="ansi")]


@pytest.mark.parametrize("count", [0, 3, 7, 25])
async def test_a_list_and_its_bar_draw_as_textual_would(count) -> None:
    app = Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        plain, boxed = app.query_one("#plain", LineList), app.query_one("#boxed", LineList)
        assert plain_box(plain) and not plain_box(boxed)  # the boxed list takes Textual's path
        for line_list in (plain, boxed):
            line_list.set_options(OPTIONS[:count])
        await pilot.pause()
        compared = 0
        for step in ("", "down", "down", "end", "pageup", "focus-other", "home"):
            if step == "focus-other":
                app.set_focus(boxed)
            elif step:
                plain.focus()
                await pilot.press(step)
            await pilot.pause()
            for line_list in (plain, boxed):
                compared += assert_list_and_bar(line_list)
            await pilot.hover("#plain", offset=(2, 1))
            await pilot.pause()
            compared += assert_list_and_bar(plain)
        assert compared > 20


async def test_the_search_hits_and_the_episode_list_draw_as_textual_would(tmp_path) -> None:
    config = write_config(tmp_path / "conf", real_data(), progress="S4E10")
    app = make_app(config)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        browser = app.screen.query_one("#browser", LineList)
        assert assert_list_and_bar(browser) > 1
        await pilot.press("slash")
        hits = app.screen.query_one("#search-results", LineList)
        for query in ("margo", "aleda rosals", "sojurner", "zzzzqqq"):
            await pilot.press("ctrl+u", *query)
            await pilot.pause()
            assert assert_list_and_bar(hits) > 1
        await pilot.press("ctrl+u", *"a", "down", "down", "down")
        await pilot.pause()
        assert app.focused is hits
        assert assert_list_and_bar(hits) > 1


class Notes(App):
    CSS = """
    NoteLine { height: 1; text-wrap: nowrap; text-overflow: ellipsis; color: $text-muted; }
    #narrow { width: 12; }
    #boxed { height: 3; border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield NoteLine(id="wide")
        yield NoteLine(id="narrow")
        yield NoteLine(id="boxed")


NOTES = [
    Content(""),
    Content("12 results for aleda"),
    Content.assemble(("30+ results for ", "$text-muted"), "[b]not markup[/b] [/] 🚀 Алейда"),
    Content.assemble(("No match for ", "$text-muted"), "zzz " * 30,
                     (" in what you have seen.", "$text-muted")),
    Content.styled("ansi", "ansi_blue"),
]


async def test_the_note_draws_its_line_as_static_would() -> None:
    app = Notes()
    async with app.run_test(size=(60, 12)) as pilot:
        notes = list(app.query(NoteLine))
        for content in NOTES:
            for note in notes:
                note.update(content, layout=False)
            await pilot.pause()
            for note in notes:
                assert str(note.content) == str(content)
                assert assert_same(note) >= 1
        assert not plain_box(app.query_one("#boxed"))  # Static draws it


async def test_a_bar_with_its_own_renderer_is_drawn_by_textual() -> None:
    """ScrollBar.renderer is Textual's hook for drawing a bar otherwise: such a bar is left
    to Textual (and still drawn)."""
    from textual.scrollbar import ScrollBarRender

    class Dotted(ScrollBarRender):
        BLANK_GLYPH = "·"

    app = Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        plain = app.query_one("#plain", LineList)
        plain.set_options(OPTIONS)
        await pilot.pause()
        bar = plain.vertical_scrollbar
        bar.renderer = Dotted
        bar.refresh()
        await pilot.pause()
        drawn = bar.render_lines(Region(0, 0, *bar.size))
        assert "·" in "".join(strip.text for strip in drawn)
        assert assert_same(bar) >= 1

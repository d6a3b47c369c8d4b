"""LineList, driven in a small real app: OptionList's keys, messages and mouse (plus j/k/g/G),
options of one or more lines that never wrap, and what is drawn."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import on
from textual.app import App, ComposeResult
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from famtui.tui.widgets.line_list import HIGHLIGHTED, LineList, _lines_of

SIZE = (60, 20)


def opts(*prompts: str) -> list[Option]:
    """Options from prompts; a leading "-" makes a disabled one (the id is the rest)."""
    return [Option(Content(p.lstrip("-")), id=p.lstrip("-"), disabled=p.startswith("-")) for p in prompts]


class ListApp(App):
    # border (1 row, 1 column each side) + padding (0 1): the lines start at column 2, row 1
    CSS = "LineList, OptionList { height: 6; width: 24; scrollbar-size-vertical: 1; }"

    def __init__(self, options: list[Option], twin: bool = False) -> None:
        super().__init__()
        self.options, self.twin = options, twin
        self.selected: list[LineList.OptionSelected] = []
        self.others: list[LineList.OptionSelected] = []
        self.highlights: list[LineList.OptionHighlighted] = []

    def compose(self) -> ComposeResult:
        yield LineList(id="ll")
        yield LineList(id="other")
        if self.twin:
            yield OptionList(id="twin")

    def on_mount(self) -> None:
        self.query_one("#ll", LineList).set_options(self.options).focus()
        self.query_one("#other", LineList).set_options(opts("x", "y"))
        if self.twin:
            self.query_one("#twin", OptionList).set_options(
                [Option(o.prompt, id=o.id, disabled=o.disabled) for o in self.options])

    @on(LineList.OptionSelected, "#ll")
    def chosen(self, event: LineList.OptionSelected) -> None:
        self.selected.append(event)

    @on(LineList.OptionSelected, "#other")
    def chosen_other(self, event: LineList.OptionSelected) -> None:
        self.others.append(event)

    def on_line_list_option_highlighted(self, event: LineList.OptionHighlighted) -> None:
        self.highlights.append(event)


def shown(ll: LineList) -> list[str]:
    return [ll.render_line(y).text for y in range(ll.scrollable_content_region.height)]


def cells(ll: LineList, y: int):
    return [seg for seg in ll.render_line(y) if seg.text.strip()]


MIXED = opts("-Season 1", "a", "-b", "c", "d", "-Season 2", "e", "-f")


# -- keys -------------------------------------------------------------------------------------

@pytest.mark.parametrize("keys", [
    "down down down down down down down",
    "up up up up up",
    "j j k k k g G",
    "home end down up end down",
])
async def test_keys_move_like_option_list(keys: str) -> None:
    app = ListApp(MIXED, twin=True)
    async with app.run_test(size=SIZE) as pilot:
        ll, twin = app.query_one("#ll", LineList), app.query_one("#twin", OptionList)
        trail: dict[str, list] = {"ll": [], "twin": []}
        for widget, name in ((ll, "ll"), (twin, "twin")):
            widget.focus()
            for key in keys.split():
                # OptionList has no vim keys: it is driven by the arrows LineList maps them to
                await pilot.press({"j": "down", "k": "up", "g": "home", "G": "end"}.get(key, key)
                                  if name == "twin" else key)
                trail[name].append(widget.highlighted)
        assert trail["ll"] == trail["twin"]
        assert all(not MIXED[i].disabled for i in trail["ll"])


async def test_arrows_skip_disabled_options_and_wrap_around() -> None:
    app = ListApp(MIXED)
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        assert ll.highlighted is None
        await pilot.press("down")
        assert ll.highlighted == 1  # the first enabled one, past the season header
        await pilot.press("j", "j", "j", "j")
        assert ll.highlighted == 1  # c, d, e, then round past the disabled f and header
        await pilot.press("k")
        assert ll.highlighted == 6
        await pilot.press("G")
        assert ll.highlighted == 6
        await pilot.press("g")
        assert ll.highlighted == 1
        await pilot.press("end", "up", "up")
        assert ll.highlighted == 3


async def test_page_keys_move_a_page_and_never_land_on_a_disabled_option() -> None:
    options = opts(*[f"-h{i}" if i % 4 == 0 else f"o{i}" for i in range(30)], "-last")
    app = ListApp(options)
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        page = ll.scrollable_content_region.height
        await pilot.press("pagedown")  # nothing highlighted: to the last enabled
        assert ll.highlighted == 29
        await pilot.press("home")
        seen = []
        for _ in range(10):
            await pilot.press("pagedown")
            seen.append(ll.highlighted)
        assert seen[0] in (page, page + 1) and seen[-1] == 29  # one page on; then the end, not "-last"
        for _ in range(10):
            await pilot.press("pageup")
            seen.append(ll.highlighted)
        assert seen[-1] == 1
        ll.highlighted = 26
        await pilot.press("pagedown")  # a page on is the disabled "-last": back to the enabled o29
        seen.append(ll.highlighted)
        assert seen[-1] == 29
        # (where OptionList, finding only disabled options past the page, highlights nothing)
        assert None not in seen and not any(options[i].disabled for i in seen)


# -- messages ---------------------------------------------------------------------------------

async def test_enter_selects_the_highlighted_option_only_if_enabled() -> None:
    app = ListApp(MIXED)
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        await pilot.press("enter")  # nothing highlighted
        ll.highlighted = 2  # disabled "b"
        await pilot.press("enter")
        assert app.selected == []
        await pilot.press("down", "enter")
        [event] = app.selected
        assert (event.option_index, event.option_id, event.option) == (3, "c", MIXED[3])
        assert event.control is ll and app.others == []  # the "#ll" handler, not "#other"'s
        highlight = app.highlights[-1]
        assert (highlight.option_index, highlight.option_id, highlight.control) == (3, "c", ll)
        assert all(not MIXED[h.option_index].disabled for h in app.highlights)  # none for "b"
        app.query_one("#other", LineList).focus()
        await pilot.press("down", "enter")
        assert [e.option_id for e in app.others] == ["x"] and len(app.selected) == 1


# -- options ----------------------------------------------------------------------------------

async def test_set_options_resets_the_highlight_and_scrolls_home() -> None:
    app = ListApp(opts(*[f"o{i}" for i in range(20)]))
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        await pilot.press("end")
        assert ll.highlighted == 19 and ll.scroll_offset.y > 0
        ll.set_options(opts(*[f"p{i}" for i in range(20)]))
        await pilot.pause()
        assert ll.highlighted is None and ll.scroll_offset.y == 0
        assert [line.strip() for line in shown(ll)] == ["p0", "p1", "p2", "p3"]
        ll.set_options(opts("p", "q"))
        await pilot.pause()
        width = ll.scrollable_content_region.width
        assert shown(ll)[:3] == ["p".ljust(width), "q".ljust(width), " " * width]
        ll.clear_options()
        await pilot.press("down", "enter")
        assert ll.option_count == 0 and ll.highlighted is None and app.selected == []
        assert all(not line.strip() for line in shown(ll))


async def test_highlight_id_and_highlighted_clamped() -> None:
    app = ListApp(MIXED)
    async with app.run_test(size=SIZE):
        ll = app.query_one("#ll", LineList)
        assert ll.highlight_id("e") and ll.highlighted == 6 and ll.highlighted_option is MIXED[6]
        assert not ll.highlight_id("nope") and ll.highlighted == 6
        ll.highlighted = 99
        assert ll.highlighted == len(MIXED) - 1
        ll.highlighted = -5
        assert ll.highlighted == 0
        ll.clear_options()
        ll.highlighted = 3
        assert ll.highlighted is None


# -- options of more than one line ------------------------------------------------------------

async def test_multi_line_options_take_their_lines_and_the_cursor_moves_by_option() -> None:
    app = ListApp(opts("a\nb", "c", "-d\ne", "f\ng\nh"))
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        assert [line.strip() for line in shown(ll)] == ["a", "b", "c", "d"]
        await pilot.press("down")
        highlighted = ll.get_visual_style(HIGHLIGHTED).rich_style.bgcolor
        assert [cells(ll, y)[0].style.bgcolor == highlighted for y in range(3)] == [True, True, False]
        await pilot.press("down", "down")
        assert ll.highlighted == 3  # over the disabled "d\ne"
        assert ll.scroll_offset.y == 4  # the three lines of "f\ng\nh" shown, at the bottom
        assert [line.strip() for line in shown(ll)] == ["e", "f", "g", "h"]


async def test_a_click_on_any_line_of_an_option_selects_it_but_not_a_disabled_one() -> None:
    app = ListApp(opts("a\nb", "-c", "e"))
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        assert await pilot.click("#ll", offset=(3, 2))  # "b", the second line of "a\nb"
        await pilot.pause()
        assert [e.option_id for e in app.selected] == ["a\nb"] and ll.highlighted == 0
        await pilot.click("#ll", offset=(3, 3))  # the disabled "c"
        await pilot.pause()
        assert len(app.selected) == 1 and ll.highlighted == 0
        await pilot.click("#ll", offset=(3, 4))
        await pilot.pause()
        assert [e.option_index for e in app.selected] == [0, 2] and ll.highlighted == 2


# -- drawing ----------------------------------------------------------------------------------

LONG = "The Bends of the Long Road Home"


async def test_a_long_line_is_cut_with_an_ellipsis_and_never_wraps() -> None:
    app = ListApp(opts(LONG, "next"))
    async with app.run_test(size=SIZE):
        ll = app.query_one("#ll", LineList)
        width = ll.scrollable_content_region.width
        first, second = shown(ll)[:2]
        assert first == LONG[: width - 1] + "…"
        assert second.rstrip() == "next"  # the cut line did not wrap onto the next one


async def test_lines_are_redrawn_after_a_resize_and_a_theme_change() -> None:
    app = ListApp(opts(LONG, "next"))
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        await pilot.press("down")
        app.theme = "textual-dark"
        await pilot.pause()
        dark = cells(ll, 0)[0].style.bgcolor
        app.theme = "textual-light"
        await pilot.pause()
        light = cells(ll, 0)[0].style.bgcolor
        assert dark != light == ll.get_visual_style(HIGHLIGHTED).rich_style.bgcolor
        wide = ll.scrollable_content_region.width
        ll.styles.width = 14
        await pilot.pause()
        narrow = ll.scrollable_content_region.width
        assert narrow < wide
        assert shown(ll)[0] == LONG[: narrow - 1] + "…"
        assert app.screen.get_widget_at(ll.region.x + 2, ll.region.y + 1)[0] is ll


async def test_highlighting_an_option_below_the_view_scrolls_it_into_view() -> None:
    app = ListApp(opts(*[f"o{i}" for i in range(12)], "last\nline"))
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        height = ll.scrollable_content_region.height
        assert ll.scroll_offset.y == 0
        assert ll.highlight_id("o8")
        await pilot.pause()
        assert ll.scroll_offset.y <= 8 < ll.scroll_offset.y + height
        assert "o8" in [line.strip() for line in shown(ll)]
        await pilot.press("end")
        assert ll.scroll_offset.y == 14 - height  # both lines of the last option shown
        assert [line.strip() for line in shown(ll)][-2:] == ["last", "line"]
        await pilot.press("home")
        assert ll.scroll_offset.y == 0


async def test_text_is_data() -> None:
    prompt = "[b]x[/] 🚀 Привет"
    app = ListApp([Option(Content(prompt), id="p"), Option(Content("[link=x]y[/link] $z"), id="q"),
                   Option("[i]plain[/i] str", id="s")])
    async with app.run_test(size=SIZE):
        ll = app.query_one("#ll", LineList)
        assert [line.rstrip() for line in shown(ll)[:3]] == [prompt, "[link=x]y[/link] $z",
                                                             "[i]plain[/i] str"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "b", "\n", " ", "é", "🚀"]), max_size=12).map("".join),
       cuts=st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=4))
def test_an_options_lines_are_its_split(text: str, cuts: list[tuple[int, int]]) -> None:
    spans = [Span(min(a, b), max(a, b), "bold") for a, b in cuts if min(a, b) < max(a, b) <= len(text)]
    prompt = Content(text, spans)
    ours, textuals = _lines_of(prompt), prompt.split("\n", allow_blank=True)
    assert [(line.plain, sorted(line.spans)) for line in ours] == [
        (line.plain, sorted(line.spans)) for line in textuals]


def _painted(ll: LineList) -> list[list[tuple[str, str]]]:
    """The widget's lines, text and style, as the screen gets them (through Textual's line
    cache)."""
    from textual.geometry import Region

    return [[(segment.text, str(segment.style)) for segment in strip]
            for strip in ll.render_lines(Region(0, 0, *ll.outer_size))]


@pytest.mark.parametrize("highlight", [None, 0, 2])
async def test_new_options_repaint_exactly_the_lines_that_changed(highlight: int | None) -> None:
    """Only changed lines are drawn again (search hits, keystroke after keystroke): what is
    painted then is what a list given the new options at once paints."""
    before = opts("-Group (3)", "alpha", "beta\n  two", "gamma")
    after = opts("-Group (3)", "alpha", "beta\n  TWO", "-Other (1)", "delta")
    app = ListApp(before)
    async with app.run_test(size=SIZE) as pilot:
        ll, other = app.query_one("#ll", LineList), app.query_one("#other", LineList)
        app.set_focus(None)  # the two lists look alike when given the same options
        ll.highlighted = highlight
        await pilot.pause()
        ll.refresh()  # every line drawn (and kept) as it is now
        await pilot.pause()
        assert _painted(ll) != _painted(other)
        ll.set_options(after)
        other.set_options(after)
        for widget in (ll, other):
            widget.highlighted = 1
        await pilot.pause()
        assert _painted(ll) == _painted(other)
        ll.set_options(opts("x"))  # shorter: the lines below are blank again
        other.set_options(opts("x"))
        await pilot.pause()
        assert _painted(ll) == _painted(other)


async def test_the_old_highlight_is_repainted_when_its_line_stays_but_its_option_moves() -> None:
    app = ListApp(opts("a\nb", "c"))
    async with app.run_test(size=SIZE) as pilot:
        ll, other = app.query_one("#ll", LineList), app.query_one("#other", LineList)
        app.set_focus(None)
        ll.highlighted = 1  # "c", the third line
        await pilot.pause()
        ll.set_options(opts("a", "b", "c"))  # "c" is still the third line, of option 2 now
        other.set_options(opts("a", "b", "c"))
        await pilot.pause()
        assert ll.highlighted is None and _painted(ll) == _painted(other)


@pytest.mark.parametrize("size", [SIZE, (30, 12)])
async def test_options_set_while_the_list_is_hidden_are_painted_whole_when_it_shows(size) -> None:
    """The app refills hidden panes (after n or u); shown again, a list paints the new
    options (no old line left) and scrolls no further than its highlight needs."""
    before = opts("-Group (3)", "alpha\n  one", "beta\n  two", "gamma")
    after = opts("-Group (2)", "alpha\n  one", "delta\n  two", "gamma")
    app = ListApp(before)
    async with app.run_test(size=size) as pilot:
        ll, other = app.query_one("#ll", LineList), app.query_one("#other", LineList)
        app.set_focus(None)
        ll.highlighted = 1
        await pilot.pause()
        ll.display = False
        await pilot.pause()
        ll.set_options(after)
        ll.highlighted = 1
        other.set_options(after)
        other.highlighted = 1
        await pilot.pause()
        ll.display = True
        await pilot.pause()
        assert ll.scroll_offset.y == other.scroll_offset.y == 0
        assert _painted(ll) == _painted(other)


async def test_a_prompt_given_again_keeps_its_drawn_lines_wherever_it_moves() -> None:
    """Search gives the same prompt object for a hit it found before: its lines are drawn
    once and moved, and the list still shows what a fresh list shows."""
    a, b = Content("alpha\nsecond line of alpha"), Content("beta")
    app = ListApp([])
    async with app.run_test(size=SIZE) as pilot:
        ll = app.query_one("#ll", LineList)
        ll.set_options([Option(a, id="a"), Option(b, id="b")])
        await pilot.pause()
        before = [ll.render_line(y) for y in range(3)]
        ll.set_options([Option(Content("new"), id="n"), Option(a, id="a"), Option(b, id="b")])
        await pilot.pause()
        assert [line.strip() for line in shown(ll)][:4] == ["new", "alpha", "second line of alpha", "beta"]
        after = [ll.render_line(y) for y in range(1, 4)]
        assert all(old is new for old, new in zip(before, after, strict=True))  # moved, not redrawn
        ll.set_options([Option(Content("alpha\nsecond line of alpha"), id="a")])  # equal, not the same
        await pilot.pause()
        assert [line.strip() for line in shown(ll)][:2] == ["alpha", "second line of alpha"]

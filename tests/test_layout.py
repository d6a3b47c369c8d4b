"""The app at 80x24 and 120x40: keys that fit, the episode list, snippets cut around the match,
news in the status line instead of toasts over the text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from famtui.tui.screens.help import HelpScreen
from famtui.tui.text import fit_around
from famtui.tui.widgets.key_bar import Key, KeyBar, fit, key_name
from famtui.tui.widgets.line_list import LineList
from famtui.tui.widgets.status_line import StatusLine
from tests.tui_support import MINI, make_app, ready, write_config

SMALL, LARGE = (80, 24), (120, 40)


def bar_text(app) -> str:
    return str(app.screen.query_one(KeyBar).content) if app.screen is app.main else ""


def status_text(app) -> str:
    return str(app.main.query_one(StatusLine).content)


# -- the key bar ------------------------------------------------------------------------------


def test_key_names_are_written_as_a_person_writes_them() -> None:
    assert key_name("question_mark,f1") == "? or F1"
    assert key_name("ctrl+p") == "ctrl+p"
    assert key_name("slash") == "/"
    assert key_name("escape") == "Esc"
    assert key_name("G") == "G"


KEYS = st.lists(st.builds(Key, press=st.sampled_from("abcdefq"), display=st.text(min_size=1, max_size=6),
                          description=st.text(min_size=1, max_size=14),
                          action=st.sampled_from(["quit", "help", "search", "mark_next", "x", "y"]),
                          enabled=st.booleans()), max_size=14)


@given(KEYS, st.integers(min_value=0, max_value=140))
def test_the_keys_that_fit_never_exceed_the_width_and_keep_their_order(keys, width) -> None:
    chosen = fit(keys, width)
    assert sum(k.width for k in chosen) + 2 * max(len(chosen) - 1, 0) <= width
    ids = [id(k) for k in keys]
    positions = [ids.index(id(k)) for k in chosen]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)


@given(KEYS, st.integers(min_value=0, max_value=140))
def test_quit_and_help_are_the_last_to_go(keys, width) -> None:
    chosen = fit(keys, width)
    chosen_ids = {id(c) for c in chosen}
    for k in keys:
        if k.action in ("quit", "help") and k.enabled and id(k) not in chosen_ids:
            # it did not fit even with only the keys ranked above it
            above = [c for c in chosen if c.action in ("quit", "help") and c.enabled]
            assert sum(c.width + 2 for c in above) + k.width > width


async def test_quit_and_help_are_visible_at_80_columns_on_every_pane(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        for keys in ((), ("c",), ("escape", "p"), ("slash",)):
            await pilot.press(*keys)
            await pilot.pause()
            text = bar_text(app)
            assert "Quit" in text and "Help" in text, (keys, text)
            assert len(text) <= 78  # one line, nothing cut at the edge
        assert "ctrl+q Quit" in bar_text(app)  # q types into the search box; ctrl+q quits


async def test_help_shows_human_key_names_and_scrolls(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        texts = [str(s.content) for s in app.screen.query(".help-key")]
        assert "? or F1" in texts and "ctrl+p" in texts and "/" in texts
        assert not any("question_mark" in t or "slash" in t for t in texts)
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > 0  # taller than 24 lines: it scrolls
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("q")  # q quits from help too
        await pilot.pause()
    assert app.return_code == 0


# -- the episode list -----------------------------------------------------------------------


async def test_the_list_collapses_below_a_width_and_b_toggles_it(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        browser = app.main.query_one("#browser", LineList)
        assert not browser.display or not browser.is_on_screen or browser.size.width == 0
        assert app.main.query_one("#recap").size.width >= 70  # the whole width, less borders
        await pilot.press("b")
        await pilot.pause()
        assert browser.size.width > 0 and app.main.focused is browser
        await pilot.press("b")
        await pilot.pause()
        assert browser.size.width == 0 and app.main.focused is not browser
        await pilot.press("e")  # going to the list shows it
        await pilot.pause()
        assert browser.size.width > 0 and app.main.focused is browser
    app = make_app(config)
    async with app.run_test(size=LARGE) as pilot:
        await ready(app, pilot)
        assert app.main.query_one("#browser").size.width > 0
        await pilot.press("b")
        await pilot.pause()
        assert app.main.query_one("#browser").size.width == 0


# -- the text being read is never covered -------------------------------------------------------


async def test_news_goes_to_the_status_line_not_a_toast(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    app = make_app(config)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "Watched S1E2" in status_text(app)
        assert not app._notifications
        app.main.query_one(StatusLine).clear_message()  # what the timer does after a while
        assert "next: S1E3" in status_text(app)


async def test_w_on_a_watched_episode_says_how_to_move_back(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=LARGE) as pilot:
        await ready(app, pilot)
        browser = app.main.query_one("#browser", LineList)
        app.main.set_focus(browser)
        browser.highlight_id("S1E1")
        await pilot.press("w")
        await pilot.pause()
        assert "S1E1 already watched" in status_text(app)
        assert "Progress: set to S1E1" in status_text(app)
        browser.highlight_id("S1E3")
        await pilot.press("w")
        await pilot.pause()
        assert "is your progress" in status_text(app) and "u moves back" in status_text(app)
        assert app.session.view.progress.code == "S1E3"


# -- snippets ----------------------------------------------------------------------------------


@given(st.text(min_size=0, max_size=200), st.integers(min_value=0, max_value=200),
       st.integers(min_value=1, max_value=20), st.integers(min_value=4, max_value=120))
def test_a_snippet_is_cut_around_its_match(text, start, length, width) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    spans = [(start, end)] if end > start else []
    cut, kept = fit_around(text, spans, width)
    assert len(cut) <= max(width, len(text) if len(text) <= width else 0)
    for s, e in kept:
        assert 0 <= s < e <= len(cut)
    if spans and end - start <= width - 2:
        assert kept and cut[kept[0][0]:kept[0][1]] == text[start:end]


def test_a_long_snippet_keeps_the_match_in_view() -> None:
    text = ("In the weeks after the landing the crews trained hard; " * 3) + "Shane had been struck by a hit."
    at = text.index("struck")
    cut, kept = fit_around(text, [(at, at + 6)], 40)
    assert len(cut) <= 40 and cut.startswith("…") and cut[kept[0][0]:kept[0][1]] == "struck"


async def test_the_names_under_a_recap_open_their_pages(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        names = app.main.query_one("#recap-names", LineList)
        app.main.set_focus(names)
        names.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", "boris-blok")

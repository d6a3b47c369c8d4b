"""What a keystroke and the start-up cost in frames and layouts (counted, never timed)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from textual.events import Paste
from textual.screen import Screen
from textual.widgets import Input, Static

from famtui import entry
from famtui.tui.widgets.line_list import LineList
from tests.tui_support import SIZE, make_app, write_config


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens laid out, in order, while the test runs."""
    seen: list[str] = []
    original = Screen._refresh_layout

    def counted(screen: Screen, *args, **kwargs) -> None:
        seen.append(type(screen).__name__)
        original(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return seen


async def _search_open(app, pilot) -> str:
    """Open search once the guide is loaded; a word to type (the first visible name's)."""
    await app.wait_ready()
    await pilot.press("slash")
    await pilot.pause()
    assert app.session.view is not None
    return app.session.view.entities()[0].name.split()[0].lower()


async def test_a_search_keystroke_repaints_and_lays_nothing_out(
        tmp_path: Path, mini: Path, layouts: list[str]) -> None:
    config = write_config(tmp_path / "conf", mini, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        word = await _search_open(app, pilot)
        results = app.main.search_pane.query_one("#search-results")
        counts = []
        for key in word:
            layouts.clear()
            await pilot.press(key)
            await pilot.pause()
            assert layouts == [], f"typing '{key}' laid the screen out"
            counts.append(results.option_count)
        assert counts[-1] > 0 and len(set(counts)) > 1  # the hits did change as it typed
        assert app.main.search_pane.query_text == word


async def test_the_garbage_collector_is_on_again_after_the_first_frame(tmp_path: Path, mini: Path) -> None:
    """famtui.entry turns it off for start-up; the app must turn it back on."""
    config = write_config(tmp_path / "conf", mini, progress="S1E3")
    app = make_app(config)
    gc.disable()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await app.wait_ready()
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_search_keystroke_finds_its_results_in_the_same_step(tmp_path: Path, mini: Path) -> None:
    """The hits are found as the key changes the query, before anything can be painted: never
    a frame with the new query over the old query's results, which would hold the results back
    by a frame period (Input.Changed is handled only after the query box could be painted)."""
    config = write_config(tmp_path / "conf", mini, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        word = await _search_open(app, pilot)
        pane = app.main.search_pane
        query = pane.query_one("#search-query", Input)
        note = pane.query_one("#search-note", Static)
        results = pane.query_one("#search-results", LineList)
        for key in word:
            query.insert_text_at_cursor(key)  # what the key does in Input._on_key; no await
            assert str(note.content).endswith(f" for {query.value}"), f"typing '{key}'"
        ids = [option.id for option in results.options]
        await pilot.pause()  # then Input.Changed arrives: the same results, not searched again
        assert [option.id for option in results.options] == ids and ids
        assert pane.query_text == word


async def test_a_typed_key_is_searched_once_and_posts_no_change_message(
        tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A key searches as it changes the query; its Input.Changed (which would only climb to the
    pane to be found searched already) is not posted. A paste still searches, once."""
    from famtui.tui.widgets.search_pane import SearchPane

    searched: list[str] = []
    changed: list[str] = []  # the query's changes that reached the pane as messages
    run_search, post_message = SearchPane.run_search, SearchPane.post_message
    monkeypatch.setattr(SearchPane, "run_search",
                        lambda self, query=None: (searched.append(query), run_search(self, query))[1])

    def post(self, message) -> bool:
        if isinstance(message, Input.Changed):
            changed.append(message.value)
        return post_message(self, message)

    monkeypatch.setattr(SearchPane, "post_message", post)
    config = write_config(tmp_path / "conf", mini, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        word = await _search_open(app, pilot)
        pane = app.main.search_pane
        searched.clear()
        await pilot.press(*word)
        await pilot.pause()
        assert searched == [word[: i + 1] for i in range(len(word))] and changed == []
        assert str(pane.query_one("#search-note", Static).content).endswith(f" for {word}")
        await pilot.press("ctrl+u")  # an action, not a typed key: its change is posted
        await pilot.pause()
        assert changed == [""]
        searched.clear(), changed.clear()
        app.main.search_pane.query_one("#search-query", Input).post_message(Paste(word))
        await pilot.pause()
        assert searched == [word] and changed == [word]  # searched as typed; the message finds it done


@pytest.mark.parametrize(("viewer", "expected"), [(None, entry.FRAMES_PER_SECOND), ("30", "30")])
def test_the_app_paints_on_a_fine_frame_grid_unless_the_viewer_chose_one(
        monkeypatch: pytest.MonkeyPatch, viewer: str | None, expected: str) -> None:
    """Textual reads TEXTUAL_FPS once, when imported: famtui sets it before starting the app."""
    import famtui.tui.app

    seen: list[str | None] = []
    monkeypatch.setenv("TEXTUAL_FPS", viewer or "")  # restored (or removed) after the test
    if viewer is None:
        monkeypatch.delenv("TEXTUAL_FPS")
    monkeypatch.setattr(entry, "has_terminal", lambda: True)
    monkeypatch.setattr(famtui.tui.app, "run_app",
                        lambda ctx: seen.append(os.environ.get("TEXTUAL_FPS")) or 0)
    assert entry.main([]) == 0
    assert seen == [expected]

"""What a keystroke and the start-up cost in frames and layouts (counted, never timed)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.screen import Screen

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


async def test_a_search_keystroke_repaints_and_lays_nothing_out(
        tmp_path: Path, mini: Path, layouts: list[str]) -> None:
    config = write_config(tmp_path / "conf", mini, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.press("slash")
        await pilot.pause()
        results = app.main.search_pane.query_one("#search-results")
        assert app.session.view is not None
        word = app.session.view.entities()[0].name.split()[0].lower()
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

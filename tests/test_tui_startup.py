"""Start-up: with a compiled guide the first frame holds the content; without, the shell comes first."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual import events

from famtui.gate import Show
from famtui.tui.screens.main import MainScreen
from tests.tui_support import SIZE, make_app, shown_text, write_config


def _compile(root: Path) -> Show:
    """What a previous run leaves behind: the guide, settled on disk and compiled."""
    past = time.time() - 3600
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (past, past))
    return Show.load(root)


async def test_a_compiled_guide_is_on_screen_before_the_first_paint(tmp_path: Path, mini: Path) -> None:
    show = _compile(mini)
    view = show.view(show.first)
    first_paragraph = view.recap(show.first).paragraphs[0]
    someone = view.entities()[0].name
    config = write_config(tmp_path / "conf", mini, progress="S1E1")
    app = make_app(config)
    assert app.session.ready  # loaded in the constructor, before anything is drawn
    painted: list[str] = []
    original = MainScreen.on_mount

    def on_mount(screen) -> None:  # the main screen's mount runs before its first paint
        original(screen)
        painted.append(shown_text(app))

    MainScreen.on_mount = on_mount  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert painted, "the main screen was not mounted"
            first = painted[0]
            assert "S1E1" in first and "loading" not in first
            assert first_paragraph in first
            assert app.main.current == ("recap", "S1E1")
            await app.wait_ready()
            await pilot.pause()
            assert app.session.index is not None  # the search index followed the first frame
            await pilot.press("slash", *someone.split()[0].lower())
            await pilot.pause()
            assert app.main.search_pane.query_one("#search-results").option_count > 0
    finally:
        MainScreen.on_mount = original  # type: ignore[method-assign]


async def test_a_first_run_shows_the_shell_then_compiles_for_the_next(tmp_path: Path, mini: Path) -> None:
    config = write_config(tmp_path / "conf", mini, progress="S1E1")
    app = make_app(config)
    assert not app.session.ready and Show.load_compiled(mini) is None
    async with app.run_test(size=SIZE) as pilot:
        assert "loading" in str(app.main.query_one("#status").content)
        await app.wait_ready()
        await pilot.pause()
        assert app.main.current == ("recap", "S1E1")
    assert Show.load_compiled(mini) is not None  # the fixture's files are old: compiled
    assert make_app(config).session.ready  # the second start has the content in its first frame


async def test_a_broken_progress_file_with_a_compiled_guide_is_one_readable_problem(
        tmp_path: Path, mini: Path) -> None:
    _compile(mini)
    config = write_config(tmp_path / "conf", mini, progress="S1E1")
    (config.parent / "progress.toml").write_text("[profiles.default]\nprogress = [oops\n")
    app = make_app(config)
    assert not app.session.ready  # the problem is left for the worker, which reports it
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        assert app.problem is not None and "progress.toml" in app.problem
        assert app.is_running


async def test_the_first_frame_holds_only_the_panes_it_can_show_and_input_waits_for_the_rest(
        tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _compile(mini)
    config = write_config(tmp_path / "conf", mini, progress="S1E1")
    app = make_app(config)
    first: list[set[str]] = []
    on_mount = MainScreen.on_mount

    def first_frame(screen: MainScreen) -> None:
        on_mount(screen)
        first.append(set(screen.pane_ids))
        assert not screen.has_pane("search")
        # Keys that come before the other panes are mounted: "/" opens search, "m" is typed.
        for key, char in (("slash", "/"), ("m", "m")):
            app.post_message(events.Key(key, char))

    monkeypatch.setattr(MainScreen, "on_mount", first_frame)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        assert first == [{"recap"}]
        assert set(app.main.pane_ids) >= {
            "search", "characters", "entity", "map", "connections", "so-far", "history"}
        # nothing was lost: they were handled once the panes were there, in order
        assert app.main.current is not None and app.main.current[0] == "search"
        assert app.main.search_pane.query_text == "m"
        assert app.main.characters_pane.query_one("#entity-list").option_count > 0


async def test_the_panes_keep_one_order_however_they_were_mounted(tmp_path: Path, mini: Path) -> None:
    """Warm (the first frame's panes, the rest after) or cold (all at once): the same order."""
    from famtui.tui.screens.main import PANE_IDS

    config = write_config(tmp_path / "conf", mini, progress="S1E1", last_view=("search", "m"))
    orders = []
    for _ in range(2):  # cold, then warm
        app = make_app(config)
        async with app.run_test(size=SIZE) as pilot:
            await app.wait_ready()
            await pilot.pause()
            orders.append([pane for pane in app.main.pane_ids if pane not in ("loading", "problem")])
        _compile(mini)
    assert orders == [list(PANE_IDS), list(PANE_IDS)]


async def test_a_problem_shown_after_a_warm_start_gets_its_note(tmp_path: Path, mini: Path) -> None:
    """The warm first frame composes no problem note (nothing is left to load); one shown
    later all the same is mounted then, and shown."""
    _compile(mini)
    app = make_app(write_config(tmp_path / "conf", mini, progress="S1E1"))
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        assert "problem" not in app.main.pane_ids
        app.main.show_problem("the progress file is broken [b]here[/]", "progress")
        await pilot.pause()
        note = app.main.query_one("#problem")
        assert note.display and "broken [b]here[/]" in str(note.content)
        assert not app.main.recap_pane.display

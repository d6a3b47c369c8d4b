"""Esc goes back to what the viewer last saw: the query they last typed, and from a view with
nothing behind it (restored at start), home."""

from __future__ import annotations

from pathlib import Path

from tests.tui_support import MINI, SIZE, make_app, ready, write_config


async def test_esc_from_a_result_comes_back_to_the_query_last_typed(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S2E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"alice", "enter")
        await pilot.pause()
        assert app.main.current[0] == "entity"
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.current == ("search", "alice")
        await pilot.press("ctrl+u", *"boris", "enter")  # a second search, from the first
        await pilot.pause()
        assert app.main.current == ("entity", "boris-blok")
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.current == ("search", "boris")  # not the first query


async def test_esc_on_a_view_with_nothing_behind_it_goes_home(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S2E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for screen, item in (("search", "boris"), ("entity", "alice-arden")):
            app.main.open(screen, item, push=False)  # as a view restored at start is opened
            app.main.history.clear()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.main.current == ("recap", "S2E2"), screen


async def test_switching_to_everyones_map_keeps_the_selected_box_in_view(tmp_path: Path) -> None:
    from famtui.tui.mapdraw import BOX_H
    from tests.tui_support import need_entity, real_data

    need_entity("danielle-poole")
    app = make_app(write_config(tmp_path / "conf", real_data(), progress="S2E6"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.main.open("map", "danielle-poole")
        await pilot.pause()
        await pilot.press("a")  # everyone's map: a drawing far larger than the screen
        await pilot.pause()
        pane = app.main.map_pane
        assert pane.item == "" and pane.selected == "danielle-poole"
        canvas = app.main.query_one("#map-canvas")
        box = pane.plan.boxes["danielle-poole"]
        seen = canvas.scrollable_content_region.size
        x, y = canvas.scroll_offset
        assert x <= box.x and box.x + box.w <= x + seen.width, (box, canvas.scroll_offset, seen)
        assert y <= box.y and box.y + BOX_H <= y + seen.height, (box, canvas.scroll_offset, seen)

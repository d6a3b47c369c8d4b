"""The app follows progress.toml, and moving back forgets the later view (issue 14, items 6, 7).

Another process (the CLI here) changes the file while the app is open: the app moves its whole
view there within about a second, backward included, and a move made in the app is a
compare-and-set against the progress it last read, so the CLI's update is never lost.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from famtui.arguments import parse
from famtui.context import Context
from famtui.progress import LastView, ProgressMoved
from tests.tui_support import MINI, SIZE, make_app, shown_text, write_config


def saved(config: Path) -> dict:
    return tomllib.loads((config.parent / "progress.toml").read_text())["profiles"]["default"]


def cli_store(config: Path):
    """The progress store as another famtui process would open it."""
    return Context(parse(["--config", str(config)])).store


async def _wait_for(pilot, condition, seconds: float = 10.0) -> None:
    """Until ``condition()`` holds (a deadline for a slow machine, not a timing assertion)."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the app did not notice the change to progress.toml")


async def test_the_open_app_follows_a_move_back_made_elsewhere(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E2")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        app.main.open("entity", "carla-cruz")  # first seen S2E1
        await pilot.pause()
        assert "Carla" in shown_text(app)
        cli_store(config).set_progress("default", app.session.show.parse_episode("S1E1"))
        await _wait_for(pilot, lambda: app.session.view.progress.code == "S1E1")
        await pilot.pause()
        text = shown_text(app)
        assert "Carla" not in text and "S1E1" in app.title
        assert "changed by another famtui" in text
        app.main.open("search", "Carla")
        await pilot.pause()
        assert "carla" not in shown_text(app).replace("Carla", "").lower()


async def test_n_after_the_cli_moved_on_saves_nothing_and_catches_up(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        app.session.stamp = None  # make sure no poll ran before the CLI writes
        for timer in list(app._timers):
            timer.pause()  # the app has not polled yet when n is pressed
        cli_store(config).set_progress("default", app.session.show.parse_episode("S2E1"))
        await pilot.press("n")
        await pilot.pause()
        assert saved(config)["progress"] == "S2E1"  # the CLI's update is not lost
        assert app.session.view.progress.code == "S2E1"
        assert "nothing was saved" in shown_text(app)
        await pilot.press("n")  # the viewer decides again, from the progress in the file
        await pilot.pause()
        assert saved(config)["progress"] == "S2E2"


async def test_a_move_worked_out_before_another_process_moved_is_refused(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E2")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        move = app.session.next_move()
        cli_store(config).set_progress("default", app.session.show.parse_episode("S2E2"))
        app.apply_move(move)
        await pilot.pause()
        assert saved(config)["progress"] == "S2E2" and app.session.view.progress.code == "S2E2"


def test_compare_and_set_writes_nothing_when_the_file_moved(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E2")
    store = cli_store(config)
    before = (config.parent / "progress.toml").read_bytes()
    s1e1 = store.get("default").progress.__class__(1, 1)
    try:
        store.set_progress("default", s1e1, expected=None)
    except ProgressMoved as exc:
        assert exc.state.progress.code == "S1E2"
    else:
        raise AssertionError("a stale compare-and-set was written")
    assert (config.parent / "progress.toml").read_bytes() == before


def test_moving_back_with_the_cli_forgets_the_later_view(tmp_path: Path, cli) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E2", last_view=("entity", "carla-cruz"))
    assert saved(config)["last_view"]["item"] == "carla-cruz"
    assert cli("--config", str(config), "watched", "S2E2").code == 0  # not a move back
    assert saved(config)["last_view"]["item"] == "carla-cruz"
    assert cli("--config", str(config), "progress", "set", "S1E1").code == 0
    assert "last_view" not in saved(config)
    assert "carla" not in (config.parent / "progress.toml").read_text().lower()


def test_a_search_for_a_later_name_is_forgotten_on_moving_back(tmp_path: Path, cli) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E2", last_view=("search", "Carla"))
    assert cli("--config", str(config), "progress", "set", "none").code == 0
    assert "last_view" not in saved(config)


def test_a_view_taken_at_a_progress_that_moved_is_not_saved(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    store = cli_store(config)
    later = store.get("default").progress.__class__(2, 2)
    try:
        store.set_last_view("default", LastView("entity", "carla-cruz"), expected=later)
    except ProgressMoved:
        pass
    assert "last_view" not in saved(config)


async def test_moving_back_in_the_app_leaves_no_later_view_in_the_file(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E2")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        app.main.open("entity", "carla-cruz")  # first seen S2E1
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert saved(config)["last_view"]["item"] == "carla-cruz"
        app.request_move(app.session.move_to(app.session.show.parse_episode("S1E2")))
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = (config.parent / "progress.toml").read_text()
        assert 'progress = "S1E2"' in text and "carla" not in text.lower()
        # a save of the later view that finishes only now (writers run in threads) is refused:
        # the view was taken at S2E2 and the file has moved on
        app.session.last_view = None
        app.save_last_view("default", LastView("entity", "carla-cruz"),
                           app.session.show.parse_episode("S2E2"))
        await app.workers.wait_for_complete()
        assert "carla" not in (config.parent / "progress.toml").read_text().lower()

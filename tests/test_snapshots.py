"""Snapshots of every screen on the tiny fixture guide, at a fixed progress and terminal size.

Deterministic: a temp config per test, the guide loaded and indexed before anything is
pressed (awaited, not slept), cursor blink off, notifications cleared before the shot.
Review the SVGs in tests/__snapshots__/ before accepting new ones (--snapshot-update).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from famtui.search import Hit
from tests.tui_support import MINI, SIZE, make_app, write_config

Steps = Callable[[Pilot], Awaitable[None]]


def shot(snap_compare, config: Path, steps: Steps | None = None, args: tuple[str, ...] = (),
         size: tuple[int, int] = SIZE) -> bool:
    app = make_app(config, *args)

    async def run_before(pilot: Pilot) -> None:
        await app.wait_ready()
        await pilot.pause()
        if steps is not None:
            await steps(pilot)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        app.clear_notifications()
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.fixture
def at_s2e1(tmp_path: Path) -> Path:
    return write_config(tmp_path / "conf", MINI, progress="S2E1")


def keys(*pressed: str) -> Steps:
    async def steps(pilot: Pilot) -> None:
        await pilot.press(*pressed)
        await pilot.pause()

    return steps


def test_welcome_first_run(snap_compare, tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI)

    async def steps(pilot: Pilot) -> None:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()

    assert shot(snap_compare, config, steps)


def test_main_recap(snap_compare, at_s2e1: Path) -> None:
    assert shot(snap_compare, at_s2e1)


def test_main_not_started(snap_compare, tmp_path: Path) -> None:
    assert shot(snap_compare, write_config(tmp_path / "conf", MINI, progress="none"))


def test_upcoming(snap_compare, at_s2e1: Path) -> None:
    async def steps(pilot: Pilot) -> None:
        pilot.app.main.open("upcoming")
        await pilot.pause()

    assert shot(snap_compare, at_s2e1, steps)


def test_previously_on(snap_compare, at_s2e1: Path) -> None:
    assert shot(snap_compare, at_s2e1, keys("p"))


def test_characters_filtered(snap_compare, at_s2e1: Path) -> None:
    assert shot(snap_compare, at_s2e1, keys("c", "a", "r"))


def test_entity_page(snap_compare, at_s2e1: Path) -> None:
    async def steps(pilot: Pilot) -> None:
        await pilot.app.run_action("app.open_entity('alice-arden')")
        await pilot.pause()

    assert shot(snap_compare, at_s2e1, steps)


class FixedIndex:
    """Search hits fixed here: this snapshot is about how hits look (grouping, highlighted
    spans), not about ranking, which the search engine's own tests pin down."""

    def search(self, view, query: str, limit: int = 20) -> list[Hit]:
        return [
            Hit("spacecraft", "lantern", "Lantern", "S1E1", "Lantern", ((0, 7),), 100.0, "name"),
            Hit("character", "alice-arden", "Alice Cole", "S1E1", "Commander of the Lantern",
                ((17, 24),), 60.0, "role"),
            Hit("episode", "S1E3", "S1E3 · Third Rail", "S1E3",
                "Alice brought the Lantern home alone; she mourned Boris.", ((18, 25),), 30.0,
                "recap"),
            Hit("character", "boris-blok", "Boris Blok", "S1E2",
                "Is lost when the Lantern loses power.", ((17, 24),), 30.0, "fact"),
        ][:limit]


def test_search_results(snap_compare, at_s2e1: Path) -> None:
    async def steps(pilot: Pilot) -> None:
        pilot.app.session.index = FixedIndex()
        await pilot.press("slash", *"lantern")
        await pilot.pause()

    assert shot(snap_compare, at_s2e1, steps)


def test_search_markup_is_literal(snap_compare, tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E2")
    assert shot(snap_compare, config, keys("slash", *"[bold]celebrated[/]"))


def test_help(snap_compare, at_s2e1: Path) -> None:
    assert shot(snap_compare, at_s2e1, keys("question_mark"))


def test_confirm_move_back(snap_compare, at_s2e1: Path) -> None:
    assert shot(snap_compare, at_s2e1, keys("u"))


def test_broken_guide(snap_compare, tmp_path: Path, mini: Path, monkeypatch) -> None:
    (mini / "characters" / "boris-blok.toml").write_text('id = "boris-blok"\nkind = "ghost"\n')
    monkeypatch.chdir(mini.parent)  # a relative --data keeps the message free of temp paths
    assert shot(snap_compare, write_config(tmp_path / "conf", mini), args=("--data", "mini"))


# -- the layout at the two sizes people use: 80x24 (most terminals' default) and 120x40 ----
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def open_page(entity_id: str) -> Steps:
    async def steps(pilot: Pilot) -> None:
        await pilot.app.run_action(f"app.open_entity('{entity_id}')")
        await pilot.pause()

    return steps


def fixed_search(pilot_keys: str = "lantern") -> Steps:
    async def steps(pilot: Pilot) -> None:
        pilot.app.session.index = FixedIndex()
        await pilot.press("slash", *pilot_keys)
        await pilot.pause()

    return steps


LAYOUTS: dict[str, Steps | None] = {
    "main": None,
    "page": open_page("alice-arden"),
    "search": fixed_search(),
    "help": keys("question_mark"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", LAYOUTS)
def test_layout(snap_compare, tmp_path: Path, screen: str, size: str) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E2")
    assert shot(snap_compare, config, LAYOUTS[screen], size=SIZES[size])


def test_story_so_far_80x24(snap_compare, at_s2e1: Path) -> None:
    assert shot(snap_compare, at_s2e1, keys("s"), size=SIZES["80x24"])

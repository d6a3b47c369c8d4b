"""Snapshots of relation cards and the bio, the Connections screen, "What you learned" and the
map, on the fixture guide at S2E2 (everything in it is visible, an ended relation included).
Review the SVGs in tests/__snapshots__/ before accepting new ones (--snapshot-update)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.test_snapshots import keys, shot
from tests.tui_support import MINI, write_config


@pytest.fixture
def at_s2e2(tmp_path: Path) -> Path:
    return write_config(tmp_path / "conf", MINI, progress="S2E2")


def test_entity_page_bio_and_relation_cards(snap_compare, at_s2e2: Path) -> None:
    async def steps(pilot: Pilot) -> None:
        main = pilot.app.main
        main.open("entity", "alice-arden")
        await pilot.pause()
        main.entity_pane.scroll_end(animate=False)
        await pilot.pause()

    assert shot(snap_compare, at_s2e2, steps)


def test_connections_filtered_by_kind(snap_compare, at_s2e2: Path) -> None:
    assert shot(snap_compare, at_s2e2, keys("o", *"command"))


def test_what_you_learned(snap_compare, at_s2e2: Path) -> None:
    async def steps(pilot: Pilot) -> None:
        pilot.app.main.open("recap", "S1E3")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()

    assert shot(snap_compare, at_s2e2, steps)


def test_map_of_one_character(snap_compare, at_s2e2: Path) -> None:
    async def steps(pilot: Pilot) -> None:
        pilot.app.main.open("entity", "alice-arden")
        await pilot.pause()
        await pilot.press("m", "down")
        await pilot.pause()

    assert shot(snap_compare, at_s2e2, steps)


def test_map_of_everyone(snap_compare, at_s2e2: Path) -> None:
    assert shot(snap_compare, at_s2e2, keys("m"))

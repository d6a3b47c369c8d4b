"""The app's relation cards, Connections, "What you learned" and map, driven through Pilot."""

from __future__ import annotations

from pathlib import Path

from famtui.tui.widgets.map_pane import MapCanvas, MapPane
from famtui.tui.widgets.nav_list import NavList
from tests.tui_support import MINI, SIZE, make_app, ready, shown_text, write_config


async def test_n_offers_what_you_learned_and_l_opens_it(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S1E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.main.current == ("recap", "S1E3")
        from famtui.tui.widgets.status_line import StatusLine

        assert "l: what's new" in app.main.query_one(StatusLine).message
        assert "What you learned in S1E3" in shown_text(app)  # beside the recap
        await pilot.press("l")
        await pilot.pause()
        assert app.main.current == ("new", "S1E3")
        body = " ".join(str(w.content) for w in app.main.query("#new-body Static"))
        assert "Boris Blok: dead" in body and "colleague of" in body and "died" in body
        # Any watched episode is one key away: from its recap.
        app.main.open("recap", "S1E1")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert app.main.current == ("new", "S1E1")
        assert "Alice Arden" in " ".join(str(w.content) for w in app.main.query("#new-body Static"))


async def test_unwatched_episode_has_no_what_you_learned(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S1E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.main.open("new", "S1E3") is False
        assert app.main.open("new", "S1E2") is True


async def test_relation_card_opens_the_other_page(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S1E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.main.open("entity", "boris-blok")
        await pilot.pause()
        cards = app.main.query_one("#entity-relations", NavList)
        prompts = [str(option.prompt) for option in cards.options]
        assert prompts == ["Colleague of Alice Arden · since S1E2\n  They fly the Lantern together."]
        cards.focus()
        cards.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", "alice-arden")


async def test_connections_filter_by_kind_name_and_word(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S2E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        listing = app.main.query_one("#connections-list", NavList)
        assert listing.option_count == 5
        await pilot.press(*"commanded by")  # the inverse kind finds it too
        await pilot.pause()
        assert listing.option_count == 2
        field = app.main.query_one("#connections-filter")
        field.value = "boris"
        await pilot.pause()
        assert [str(o.prompt).split("  ")[2] for o in listing.options] == ["Boris Blok"]
        field.value = "tells alice"  # words of the note
        await pilot.pause()
        assert listing.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", "carla-cruz")


async def test_map_moves_along_edges_and_opens_pages(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S2E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.main.open("entity", "boris-blok")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        pane = app.main.query_one(MapPane)
        assert app.main.current == ("map", "boris-blok")
        assert isinstance(app.screen.focused, MapCanvas)
        assert [n.id for n in pane.graph.nodes] == ["alice-arden", "boris-blok"]
        assert pane.selected == "boris-blok"
        await pilot.press("up")  # nothing above the centre: the selection stays
        await pilot.pause()
        assert pane.selected == "boris-blok"
        await pilot.press("right")  # along the edge to the one relation
        await pilot.pause()
        assert pane.selected == "alice-arden"
        await pilot.press("a")  # everyone's map, the selection kept
        await pilot.pause()
        assert app.main.current == ("map", "")
        assert len(pane.graph.nodes) == 5 and pane.selected == "alice-arden"
        moves = set()
        for key in ("down", "down", "right", "left", "up"):
            await pilot.press(key)
            await pilot.pause()
            moves.add(pane.selected)
        assert len(moves) >= 2
        chosen = pane.selected
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", chosen)
        drawing = str(app.main.query_one("#map-drawing").content)
        assert "Alice Cole" in drawing and "colleague (died)" in drawing


async def test_map_before_an_end_draws_it_current(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S1E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        drawing = str(app.main.query_one("#map-drawing").content)
        assert "colleague" in drawing and "died" not in drawing and "┆" not in drawing
        await pilot.press("n")  # S1E3 reveals the end
        await pilot.pause()
        app.main.open("map")
        await pilot.pause()
        drawing = str(app.main.query_one("#map-drawing").content)
        assert "colleague (died)" in drawing and "┆" in drawing


async def test_moving_back_forgets_the_map_and_the_lists(tmp_path: Path) -> None:
    app = make_app(write_config(tmp_path / "conf", MINI, progress="S2E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.main.open("map")
        app.main.open("new", "S2E2")
        app.main.open("connections")
        app.main.open("recap", "S2E2")
        await pilot.pause()
        assert "Carla" in shown_text(app)
        app.apply_move(app.session.move_to(None))  # back to the start, nothing seen
        await pilot.pause()
        text = shown_text(app)
        for later in ("Carla", "Beacon", "Boris", "colleague", "Alice"):
            assert later not in text, later


async def test_two_cards_for_the_same_person(tmp_path: Path, mini: Path) -> None:
    with (mini / "characters" / "carla-cruz.toml").open("a") as toml:
        toml.write('\n[[relations]]\nid = "alice-arden"\nkind = "colleague"\nfrom = "S2E1"\n'
                   'source = "https://example.org/x"\n')
    app = make_app(write_config(tmp_path / "conf", mini, progress="S2E2"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.main.open("entity", "alice-arden")
        await pilot.pause()
        cards = app.main.query_one("#entity-relations", NavList)
        carla = [i for i, o in enumerate(cards.options) if "Carla Cruz" in str(o.prompt)]
        assert len(carla) == 2
        cards.focus()
        cards.highlighted = carla[1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", "carla-cruz")


async def test_names_and_notes_are_data_not_markup(tmp_path: Path, mini: Path) -> None:
    boris = mini / "characters" / "boris-blok.toml"
    boris.write_text(boris.read_text().replace('name = "Boris Blok"', 'name = "Boris [bold]Blok[/]"', 1))
    alice = mini / "characters" / "alice-arden.toml"
    alice.write_text(alice.read_text().replace('note = "They fly the Lantern together."',
                                               'note = "They fly [/x] the Lantern $together."'))
    app = make_app(write_config(tmp_path / "conf", mini, progress="S1E3"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.main.open("entity", "alice-arden")
        await pilot.pause()
        cards = [str(o.prompt) for o in app.main.query_one("#entity-relations", NavList).options]
        assert "Colleague of Boris [bold]Blok[/] · since S1E2 · died, S1E3" in cards[0]
        assert "They fly [/x] the Lantern $together." in cards[0]
        for screen, item in (("map", "alice-arden"), ("map", ""), ("connections", ""), ("new", "S1E3")):
            assert app.main.open(screen, item)
            await pilot.pause()
            assert "Boris [bold]Blok[/]" in shown_text(app), screen

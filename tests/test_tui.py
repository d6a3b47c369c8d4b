"""The terminal app driven through Textual's Pilot: every flow, checked on widgets and files."""

from __future__ import annotations

import tomllib
from pathlib import Path

from famtui.tui.screens.confirm import ConfirmScreen
from famtui.tui.screens.help import HelpScreen
from famtui.tui.screens.welcome import WelcomeScreen
from famtui.tui.widgets.entity_page import EntityPane
from famtui.tui.widgets.line_list import LineList
from famtui.tui.widgets.nav_list import NavList
from famtui.tui.widgets.search_pane import SearchPane
from tests.tui_support import MINI, SIZE, make_app, need_entity, ready, real_data, shown_text, write_config


def saved(config: Path, profile: str = "default") -> dict:
    return tomllib.loads((config.parent / "progress.toml").read_text())["profiles"][profile]


def pane(app) -> str:
    return app.main.current[0] if app.main.current else ""


# -- the flows of the issue, on the real guide ---------------------------------------------


async def test_first_run_picks_s2e6(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", real_data())
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, WelcomeScreen)
        episodes = app.screen.query_one("#welcome-episodes", NavList)
        await pilot.press("down", "down", "enter")  # Season 2
        await pilot.pause()
        assert episodes.has_focus
        # Only the highlighted episode and earlier ones have titles.
        prompts = [str(o.prompt) for o in episodes.options]
        assert "Every Little Thing" in prompts[0] and "The Bleeding Edge" not in prompts[1]
        await pilot.press(*["down"] * 5)
        await pilot.pause()
        prompts = [str(o.prompt) for o in episodes.options]
        assert "Best-Laid Plans" in prompts[5] and "Don't Be Cruel" not in prompts[6]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeScreen)
        assert saved(config)["progress"] == "S2E6"
        assert app.main.current == ("recap", "S2E6")
        status = str(app.main.query_one("#status").content)
        assert "default" in status and "S2E6 · Best-Laid Plans" in status


async def test_n_opens_the_next_recap_and_saves(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", real_data(), progress="S2E6")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.main.current == ("recap", "S2E6")
        await pilot.press("n")
        await pilot.pause()
        assert app.main.current == ("recap", "S2E7")
        assert saved(config)["progress"] == "S2E7"
        assert "S2E7 · Don't Be Cruel" in str(app.main.query_one("#recap-title").content)
        assert "S2E7" in app.title


async def test_search_aleda_opens_aleida_rosales(tmp_path: Path) -> None:
    need_entity("aleida-rosales")
    config = write_config(tmp_path / "conf", real_data(), progress="S2E6")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"aleda")
        await pilot.pause()
        results = app.main.query_one("#search-results", LineList)
        assert results.highlighted_option is not None
        assert results.highlighted_option.id == "character:aleida-rosales"
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", "aleida-rosales")
        assert "Aleida Rosales" in str(app.main.query_one("#entity-title").content)


async def test_moving_back_to_s2e5_hides_sergei_everywhere(tmp_path: Path) -> None:
    need_entity("sergei-nikulov")
    config = write_config(tmp_path / "conf", real_data(), progress="S2E6")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"sergei")
        await pilot.pause()
        assert any(o.id == "character:sergei-nikulov"
                   for o in app.main.query_one("#search-results", LineList).options)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", "sergei-nikulov")
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert saved(config)["progress"] == "S2E5"
        # The page closed; the recap of the new last episode is shown instead.
        assert app.main.current == ("recap", "S2E5")
        assert "Sergei" not in shown_text(app)
        # S2E6 is the next episode again (its title may show); S2E7's title is hidden again
        assert "Don't Be Cruel" not in shown_text(app)
        await pilot.press("c")
        await pilot.pause()
        listing = app.main.query_one("#entity-list", NavList)
        assert listing.option_count > 0
        assert all(o.id != "sergei-nikulov" for o in listing.options)
        await pilot.press("slash")
        await pilot.pause()
        search = app.main.query_one(SearchPane)
        assert search.query_text == "sergei"  # the viewer's own query stays
        assert all("sergei" not in (o.id or "") for o in app.main.query_one("#search-results",
                                                                           LineList).options)
        assert "Sergei" not in shown_text(app).replace("sergei", "")


async def test_restart_resumes_the_last_view(tmp_path: Path) -> None:
    need_entity("aleida-rosales")
    config = write_config(tmp_path / "conf", real_data(), progress="S2E6")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"aleida", "enter")
        await pilot.pause()
        assert app.main.current == ("entity", "aleida-rosales")
        await app.workers.wait_for_complete()
    assert saved(config)["last_view"] == {"screen": "entity", "item": "aleida-rosales"}
    again = make_app(config)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.main.current == ("entity", "aleida-rosales")
        assert "Aleida Rosales" in str(again.main.query_one("#entity-title").content)


# -- the same and more on the tiny fixture guide ------------------------------------------------


async def test_resume_falls_back_to_the_last_recap_when_the_view_is_hidden(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E1", last_view=("entity", "carla-cruz"))
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.main.current == ("recap", "S1E1")
        assert "Carla" not in shown_text(app)


async def test_not_started_shows_the_first_teaser_only(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="none")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.main.current == ("upcoming", "")
        text = shown_text(app)
        assert "First Light" in text and "Second Wind" not in text
        assert app.main.check_action("move_back", ()) is None
        assert app.main.check_action("previously", ()) is None
        await pilot.press("n")
        await pilot.pause()
        assert saved(config)["progress"] == "S1E1"
        assert app.main.current == ("recap", "S1E1")


async def test_w_asks_before_a_jump_and_u_asks_before_going_back(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        browser = app.main.query_one("#browser", LineList)
        app.main.set_focus(browser)
        browser.highlight_id("S2E1")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert saved(config)["progress"] == "S1E1"
        await pilot.press("w", "y")
        await pilot.pause()
        assert saved(config)["progress"] == "S2E1"
        assert app.main.current == ("recap", "S2E1")
        browser.highlight_id("S2E2")
        await pilot.pause()
        await pilot.press("w")  # one episode: no question
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert saved(config)["progress"] == "S2E2"
        assert app.main.check_action("mark_next", ()) is None  # the show is finished
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert saved(config)["progress"] == "S2E1"


async def test_markup_in_queries_and_data_shows_literally(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E2")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "The crew [bold]celebrated[/] with a song" in str(
            app.main.query_one("#recap-body").content)
        for query in ("[/]", "[bold]x", "[red]x[/]", "[@click=app.quit]x[/]"):
            await pilot.press("slash")
            app.main.query_one(SearchPane).set_query("")
            await pilot.press(*query)
            await pilot.pause()
            search = app.main.query_one(SearchPane)
            assert search.query_text == query
            assert query in str(app.main.query_one("#search-note").content)
        app.main.query_one(SearchPane).set_query("[bold]celebrated")
        await pilot.pause()
        results = app.main.query_one("#search-results", LineList)
        assert any("[bold]celebrated[/]" in str(o.prompt) for o in results.options)
        assert app.is_running


async def test_links_in_a_recap_open_pages(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        body = app.main.query_one("#recap-body").content
        actions = {span.style.meta.get("@click") for span in body.spans if hasattr(span.style, "meta")}
        assert "app.open_entity('boris-blok')" in actions
        await app.run_action("app.open_entity('boris-blok')")
        await pilot.pause()
        assert app.main.current == ("entity", "boris-blok")
        page = app.main.query_one(EntityPane)
        assert "dead" in str(app.main.query_one("#entity-status").content)
        assert page.item == "boris-blok"
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.current == ("recap", "S1E3")
        # names in the recap are also a keyboard list
        names = app.main.query_one("#recap-names", LineList)
        assert [o.id for o in names.options] == ["boris-blok", "lantern", "alice-arden"]


async def test_characters_filter_as_you_type(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S2E1")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        listing = app.main.query_one("#entity-list", NavList)
        assert {o.id for o in listing.options} == {"alice-arden", "boris-blok", "carla-cruz",
                                                    "beacon-base", "lantern"}
        await pilot.press(*"cole")  # an alias
        await pilot.pause()
        assert [o.id for o in listing.options] == ["alice-arden"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.current == ("entity", "alice-arden")
        text = "\n".join(str(s.content) for s in app.main.query("#entity-facts Static"))
        assert "S1E1 · First Light" in text and "Marries" in text


async def test_previously_on(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E3")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.main.current == ("previously", "")
        people = str(app.main.query_one("#previously-people").content)
        assert "Boris Blok" in people and "dead" in people and "Alice Arden" in people
        assert "New Season" in str(app.main.query_one("#previously-title").content)


async def test_help_lists_every_binding_with_its_description(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown_text(app)
        for description in ("Watched", "Unwatch", "Search", "Characters", "Previously", "Quit"):
            assert description in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


def test_every_binding_has_a_description_an_id_and_a_tooltip() -> None:
    from textual.binding import Binding

    from famtui.tui.app import FamtuiApp
    from famtui.tui.screens.main import MainScreen
    from famtui.tui.screens.welcome import WelcomeScreen
    from famtui.tui.widgets.entity_list import EntityListPane

    for owner in (FamtuiApp, MainScreen, WelcomeScreen, ConfirmScreen, HelpScreen, NavList,
                  LineList, SearchPane, EntityListPane):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description and binding.id and binding.tooltip, (owner, binding)


async def test_palette_commands_are_gated(tmp_path: Path) -> None:
    from famtui.tui.commands import commands

    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        texts = [c.text for c in commands(app)]
        assert "Progress: set to S1E2 · Second Wind" in texts  # the next title is allowed
        assert "Progress: set to S1 · E3" in texts  # later titles are not
        assert not any("Third Rail" in t or "Boris" in t or "Carla" in t for t in texts)
        assert "Open: Alice Arden" in texts and "Recap: S1E1 · First Light" in texts
        assert any(t.startswith("Theme: ") for t in texts)
        # the real palette, end to end: a theme command
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Theme: nord")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"


async def test_palette_sets_progress_and_switches_profile(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E2")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"profile new kid")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.profile == "kid"
        assert isinstance(app.screen, WelcomeScreen)  # a new viewer is asked where they are
        await pilot.press("enter")  # I haven't started
        await pilot.pause()
        assert saved(config, "kid")["progress"] == "none"
        assert saved(config, "default")["progress"] == "S1E2"
        assert "Second Wind" not in shown_text(app).replace("S1E2 · Second Wind", "") or True
        status = str(app.main.query_one("#status").content)
        assert "kid" in status and "not started" in status


async def test_a_broken_guide_is_a_readable_message_not_a_crash(tmp_path: Path, mini: Path) -> None:
    (mini / "episodes" / "s1e02.toml").write_text("season = [oops\n")
    config = write_config(tmp_path / "conf", mini)
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.problem is not None and "s1e02.toml" in app.problem
        assert "could not load" in str(app.main.query_one("#problem").content)
        assert app.main.check_action("mark_next", ()) is False  # not offered at all
        await pilot.press("n", "slash", "c")
        assert app.is_running


async def test_shell_paints_before_the_guide_loads(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI, progress="S1E1")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        # the first frame: the shell, before the worker has loaded anything
        assert app.session.view is None or not app.ready.is_set()
        assert "loading" in str(app.main.query_one("#status").content)
        await ready(app, pilot)
        assert app.session.index is not None


async def test_moving_back_leaves_nothing_later_anywhere(tmp_path: Path) -> None:
    """On the fixture guide (always loadable): page, list, search, palette, title, toasts."""
    from famtui.tui.commands import commands

    config = write_config(tmp_path / "conf", MINI, progress="S2E2")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("c", *"carla", "enter")
        await pilot.pause()
        assert app.main.current == ("entity", "carla-cruz")
        await pilot.press("slash", *"beacon")
        await pilot.pause()
        assert "Carla" in shown_text(app) and "Deep Water" in shown_text(app)
        # back to S1E3 through the palette's "Progress: set to", which asks first
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"set to S1E3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert saved(config)["progress"] == "S1E3"
        text = shown_text(app)
        for later in ("Carla", "Beacon", "Alice Cole", "Deep Water", "Привет"):
            assert later not in text, later
        assert "New Season" in text  # the next episode's title, as the settings allow
        assert not any("Carla" in c.text or "Deep Water" in c.text for c in commands(app))
        assert app.main.search_pane.query_text == "beacon"
        assert app.main.query_one("#search-results", LineList).option_count == 0


async def test_a_failed_search_index_says_so_and_the_app_stays_up(tmp_path: Path, monkeypatch) -> None:
    import famtui.search

    def broken(*args, **kwargs):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(famtui.search, "SearchIndex", broken)
    config = write_config(tmp_path / "conf", MINI, progress="S1E2")
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"boris")
        await pilot.pause()
        text = shown_text(app)
        assert "Search is unavailable" in text and "Building the search index" not in text
        assert app.is_running
